/** The regulations: coverage per regulation, the company's decision beside the recommended one and why; the basic-policy checklist. */
import { Badge, Text } from "@fluentui/react-components";
import { DECISIONS, POLICY_ELEMENTS, POLICY_STATUSES, type DecisionId } from "../../core/catalog/regulations";
import { renderReason } from "../../core/analyse";
import type { Examined } from "../session";
import { useLang, useT } from "../strings";
import { NotYet, useViewStyles } from "./common";

export function RegulationsView({ examined }: { examined: Examined | null }) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  if (!examined) return <NotYet />;
  const regs = examined.analysis.regulations;
  const policy = examined.analysis.policy;
  const decision = (id: DecisionId | null, none: "pane.regulations.decisionNone" | "pane.regulations.recommendedNone") =>
    id ? DECISIONS.find((d) => d.id === id)!.label[lang] : t(none);
  return (
    <>
      <section className={s.section} aria-labelledby="regs-h">
        <h2 id="regs-h" className={s.h2}>
          {t("pane.regulations.title")}
        </h2>
        {!regs && <Text className={s.muted}>{t("pane.regulations.none")}</Text>}
        {regs && (
          <ul className={s.list} data-testid="regulations">
            {regs.coverage.map((c, i) => {
              const review = c.no !== null ? regs.reviews.find((r) => r.no === c.no) : undefined;
              const pct = c.coverage === null ? t("pane.regulations.noCoverage") : `${Math.round(c.coverage * 100)}%`;
              return (
                <li key={`${c.no}-${i}`}>
                  <Text weight="semibold">{c.no !== null ? `${c.no}. ${c.name}` : t("pane.regulations.own", { name: c.name })}</Text>
                  <div>
                    {c.listed
                      ? t("pane.regulations.coverage", { coverage: pct, present: c.present, absent: c.absent, unchecked: c.unchecked, total: c.total })
                      : t("pane.regulations.notListed")}
                  </div>
                  {review && (
                    <div>
                      {t("pane.regulations.decisions", {
                        decision: decision(review.decision, "pane.regulations.decisionNone"),
                        recommended: decision(review.recommended, "pane.regulations.recommendedNone"),
                      })}{" "}
                      {review.differs && (
                        <Badge appearance="tint" color="warning">
                          {t("pane.regulations.differs")}
                        </Badge>
                      )}
                      {review.reasons.length > 0 && (
                        <div className={s.muted}>{review.reasons.map((r) => renderReason(r, lang)).join(t("pane.list.separator"))}</div>
                      )}
                    </div>
                  )}
                  {c.issues.length > 0 && <div className={s.muted}>{t("pane.regulations.issues", { count: c.issues.length })}</div>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {policy && (
        <section className={s.section} aria-labelledby="policy-h">
          <h2 id="policy-h" className={s.h2}>
            {t("pane.regulations.policy")}
          </h2>
          <ul className={s.list}>
            {policy.checks.map((c) => {
              const el = POLICY_ELEMENTS.find((e) => e.id === c.id)!;
              const status = c.status ? POLICY_STATUSES.find((x) => x.id === c.status)!.label[lang] : t("pane.regulations.policyUnchecked");
              return (
                <li key={c.id}>
                  {el.heading}: {status}
                  {c.note ? ` — ${c.note}` : ""}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
