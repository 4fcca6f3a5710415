/**
 * The regulations: coverage per regulation; the company's decision 「今回の見直し」, which can be
 * set here (written into the company's own cell, undone by clear), beside the recommendation
 * worded as advice and why; the issues noted on the check sheet; the basic-policy checklist.
 * Names in English in English (the catalog's translation), the company's own as written.
 */
import { Badge, Field, Select, Text } from "@fluentui/react-components";
import { DECISIONS, POLICY_ELEMENTS, POLICY_STATUSES, REGULATIONS, type DecisionId, type RegulationNo } from "../../core/catalog/regulations";
import { renderReason } from "../../core/analyse";
import type { Examined } from "../session";
import { useLang, useT } from "../strings";
import { NotYet, useViewStyles } from "./common";

export interface RegulationsViewProps {
  examined: Examined | null;
  busy: boolean;
  /** Sets regulation `no`'s decision in the company's overview (null empties the cell). */
  onDecision: (no: RegulationNo, decision: DecisionId | null) => void;
}

export function RegulationsView({ examined, busy, onDecision }: RegulationsViewProps) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  if (!examined) return <NotYet />;
  const regs = examined.analysis.regulations;
  const policy = examined.analysis.policy;
  const advice = (id: DecisionId | null) => (id ? t(`pane.regulations.advice.${id}`) : t("pane.regulations.recommendedNone"));
  const nameOf = (no: RegulationNo, asWritten: string) => (lang === "en" ? (REGULATIONS.find((r) => r.no === no)?.english ?? asWritten) : asWritten);
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
              const cell = c.no !== null && regs.overviewSheet ? regs.decisionCells?.find((d) => d.regulation === c.no) : undefined;
              const name = c.no !== null ? nameOf(c.no, c.name) : c.name;
              const pct = c.coverage === null ? t("pane.regulations.noCoverage") : `${Math.round(c.coverage * 100)}%`;
              return (
                <li key={`${c.no}-${i}`}>
                  <Text weight="semibold" data-testid={c.no !== null ? `regulation-name-${c.no}` : undefined}>
                    {c.no !== null ? `${c.no}. ${name}` : t("pane.regulations.own", { name: c.name })}
                  </Text>
                  <div>
                    {c.listed
                      ? t("pane.regulations.coverage", { coverage: pct, present: c.present, absent: c.absent, unchecked: c.unchecked, total: c.total })
                      : t("pane.regulations.notListed")}
                  </div>
                  {review && cell && (
                    <Field
                      label={t("pane.regulations.decisionField")}
                      size="small"
                      hint={t("pane.regulations.decisionHint", { where: `${regs.overviewSheet}!${cell.cell}` })}
                    >
                      <Select
                        size="small"
                        data-testid={`decision-${review.no}`}
                        value={review.decision ?? ""}
                        disabled={busy}
                        onChange={(_, d) => onDecision(review.no, d.value === "" ? null : (d.value as DecisionId))}
                        aria-label={t("pane.regulations.decisionLabel", { name })}
                      >
                        <option value="">{t("pane.regulations.decisionUnset")}</option>
                        {DECISIONS.map((d) => (
                          <option key={d.id} value={d.id}>
                            {d.label[lang]}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  )}
                  {review && !cell && (
                    <div>
                      {t("pane.regulations.decisionField")}:{" "}
                      {review.decision ? DECISIONS.find((d) => d.id === review.decision)!.label[lang] : t("pane.regulations.decisionNone")}
                    </div>
                  )}
                  {review && (
                    <div data-testid={`recommendation-${review.no}`}>
                      {t("pane.regulations.recommendation", { advice: advice(review.recommended) })}{" "}
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
                  {c.issues.length > 0 && (
                    <div data-testid={c.no !== null ? `issues-${c.no}` : undefined}>
                      <Text size={200} weight="semibold">
                        {t("pane.regulations.issuesTitle")}
                      </Text>
                      <ul className={s.list}>
                        {c.issues.map((x, k) => (
                          <li key={k}>
                            <Text size={200}>{t("pane.regulations.issue", { section: x.section, text: x.text })}</Text>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
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
                  {lang === "en" ? el.check.en : el.heading}: {status}
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
