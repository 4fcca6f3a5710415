/** Scores: total and band, part subtotals, respondents side by side with the consolidated result, and the lists to follow up. */
import { ProgressBar, Text } from "@fluentui/react-components";
import { BANDS, ITEMS, PARTS, type ItemNo } from "../../core/catalog/diagnosis";
import { shownBand } from "../../core/score";
import { itemShort, mainDiagnosis, respondentName, shortAnswer } from "../../core/report/common";
import type { Examined } from "../session";
import { useLang, useT } from "../strings";
import { NotYet, useViewStyles } from "./common";

export function ResultsView({ examined }: { examined: Examined | null }) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  if (!examined) return <NotYet />;
  const { analysis } = examined;
  const main = mainDiagnosis(analysis);
  if (!main) return <Text className={s.muted}>{t("pane.results.none")}</Text>;
  // Nothing answered earns no verdict (the sheets say the same).
  const bandId = shownBand(main);
  const band = bandId === null ? null : BANDS.find((b) => b.id === bandId)!;
  const consolidated = analysis.consolidated;
  const disagreements = new Set<ItemNo>(consolidated?.disagreements ?? []);
  const list = (nos: ItemNo[]) => (nos.length ? nos.map((no) => `${no}. ${itemShort(no, lang)}`).join(t("pane.list.separator")) : t("pane.results.noneListed"));

  return (
    <>
      <section className={s.section} aria-labelledby="total-h">
        <h2 id="total-h" className={s.h2}>
          {t(consolidated ? "pane.results.totalConsolidated" : "pane.results.total")}
        </h2>
        <Text size={600} weight="semibold" data-testid="total">
          {t("pane.results.points", { total: main.total })}
        </Text>
        {band ? (
          <>
            <Text weight="semibold" data-testid="band">
              {band.label[lang]}
            </Text>
            <Text>{band.meaning[lang]}</Text>
            <Text>{band.nextStep[lang]}</Text>
          </>
        ) : (
          <Text weight="semibold" data-testid="band">
            {t("pane.results.noAnswers")}
          </Text>
        )}
        {band && !main.complete && <Text className={s.muted}>{t("pane.results.provisional", { count: main.unanswered.length })}</Text>}
      </section>
      <section className={s.section} aria-labelledby="parts-h">
        <h2 id="parts-h" className={s.h2}>
          {t("pane.results.parts")}
        </h2>
        {main.parts.map((p) => {
          const def = PARTS.find((d) => d.part === p.part)!;
          const label = t("pane.results.part", { name: def.name[lang], points: p.points, max: p.max });
          return (
            <div key={p.part}>
              <Text>{label}</Text>
              <ProgressBar value={Math.max(0, p.points) / p.max} thickness="large" aria-label={label} />
            </div>
          );
        })}
      </section>
      <section className={s.section} aria-labelledby="respondents-h">
        <h2 id="respondents-h" className={s.h2}>
          {t("pane.results.respondents")}
        </h2>
        <div className={s.scroll}>
          <table className={s.table} data-testid="respondents-table">
            <thead>
              <tr>
                <th scope="col">{t("pane.results.item")}</th>
                {analysis.diagnoses.map((d, i) => (
                  <th scope="col" key={i}>
                    {respondentName(d, lang)}
                  </th>
                ))}
                {consolidated && <th scope="col">{t("pane.results.consolidated")}</th>}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("pane.results.totalRow")}</th>
                {analysis.diagnoses.map((d, i) => (
                  <td key={i}>{d.total}</td>
                ))}
                {consolidated && <td>{consolidated.total}</td>}
              </tr>
              {ITEMS.map((item) => (
                <tr key={item.no}>
                  <th scope="row">
                    {item.no}. {itemShort(item.no, lang)}
                    {disagreements.has(item.no) && <span aria-label={t("pane.results.disagreeMark")}> ≠</span>}
                  </th>
                  {analysis.diagnoses.map((d, i) => (
                    <td key={i}>{shortAnswer(d.answers[item.no - 1]?.answer ?? null, lang)}</td>
                  ))}
                  {consolidated && <td>{shortAnswer(consolidated.answers[item.no - 1]?.answer ?? null, lang)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className={s.section} aria-labelledby="follow-h">
        <h2 id="follow-h" className={s.h2}>
          {t("pane.results.followUp")}
        </h2>
        {consolidated && (
          <Text data-testid="disagreements">
            <b>{t("pane.results.disagreements")}</b> {list(consolidated.disagreements)}
          </Text>
        )}
        <Text data-testid="unknown">
          <b>{t("pane.results.unknown")}</b> {list(main.unknown)}
        </Text>
        <Text data-testid="unanswered">
          <b>{t("pane.results.unanswered")}</b> {list(main.unanswered)}
        </Text>
      </section>
    </>
  );
}
