/**
 * The owner's one-page summary as the pane shows it: the same figures and the same sentences as
 * the sheet 経営者向けまとめ (core/report/ownerTexts.ts), so that the coach sees what the owner will read.
 */
import { ProgressBar, Text } from "@fluentui/react-components";
import { bandById, PARTS } from "../../core/catalog/diagnosis";
import { formatDate, t as sheetText } from "../../core/i18n";
import { mainDiagnosis } from "../../core/report/common";
import { changeText, oneStarText, ownerBasis, regulationText, twoStarText } from "../../core/report/ownerTexts";
import { shownBand } from "../../core/score";
import type { Examined } from "../session";
import { useLang, useT } from "../strings";
import { useViewStyles } from "./common";

export function OwnerSummaryView({ examined }: { examined: Examined }) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  const summary = examined.owner.summary;
  const main = mainDiagnosis(examined.analysis);
  const bandId = main ? shownBand(main) : null;
  const band = bandId ? bandById(bandId) : null;
  const date = (iso: string) => formatDate(lang, { date: iso });
  const undecided = sheetText(lang, "report.owner.undecided");
  return (
    <section className={s.section} aria-labelledby="owner-summary-h" data-testid="owner-summary">
      <h3 id="owner-summary-h" className={s.h2}>
        {t("pane.ownerSummary.title")}
      </h3>
      <Text className={s.muted}>{t("pane.ownerSummary.what")}</Text>
      <Text weight="semibold">
        {summary.company ?? sheetText(lang, "report.owner.companyMissing")} · {date(summary.today)}
      </Text>
      <Text>{ownerBasis(examined.analysis, lang)}</Text>
      {main && band ? (
        <Text weight="semibold" data-testid="owner-summary-total">
          {sheetText(lang, main.complete ? "report.summary.totalValue" : "report.summary.totalProvisional", { total: main.total })} · {band.label[lang]}
        </Text>
      ) : (
        <Text data-testid="owner-summary-total">{sheetText(lang, "report.owner.noResult")}</Text>
      )}
      {band && <Text>{band.meaning[lang]}</Text>}
      <Text data-testid="owner-summary-change">{changeText(summary.previous, main, band !== null, lang)}</Text>
      {PARTS.map((def) => {
        const p = main?.parts[def.part - 1];
        const figure =
          p && band
            ? sheetText(lang, "report.owner.partValue", { points: p.points, max: p.max, percent: Math.max(0, Math.round((p.points / p.max) * 100)) })
            : sheetText(lang, "report.owner.partNone", { max: def.max });
        const label = `${def.name[lang]}: ${figure}`;
        return (
          <div key={def.part}>
            <Text size={200}>{label}</Text>
            <ProgressBar value={p && band ? Math.max(0, p.points) / p.max : 0} thickness="large" aria-label={label} />
          </div>
        );
      })}
      <h4 className={s.h3}>{sheetText(lang, "report.owner.section.measures")}</h4>
      {summary.headline.length === 0 ? (
        <Text>{sheetText(lang, "report.owner.noMeasures")}</Text>
      ) : (
        <ol className={s.list} data-testid="owner-summary-measures">
          {summary.headline.map((m, i) => (
            <li key={i}>
              <Text>{m.title}</Text>{" "}
              <Text size={200} className={s.muted}>
                {t("pane.ownerSummary.ownerDue", { owner: m.owner ?? undecided, due: m.due ? date(m.due) : undecided })}
              </Text>
            </li>
          ))}
        </ol>
      )}
      <Text>{sheetText(lang, "report.owner.checkpointText", { date: date(summary.checkpoint) })}</Text>
      <h4 className={s.h3}>{sheetText(lang, "report.owner.section.regulations")}</h4>
      <Text style={{ whiteSpace: "pre-line" }}>{regulationText(summary.regulations, lang)}</Text>
      <h4 className={s.h3}>SECURITY ACTION</h4>
      <Text data-testid="owner-summary-one-star">
        {sheetText(lang, "report.owner.oneStar")}: {oneStarText(summary.securityAction, lang)}
      </Text>
      <Text data-testid="owner-summary-two-star">
        {sheetText(lang, "report.owner.twoStar")}: {twoStarText(summary.securityAction, lang)}
      </Text>
    </section>
  );
}
