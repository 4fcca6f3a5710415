/** Scores: total and band, part subtotals, respondents side by side with the consolidated result, and the lists to follow up. */
import { ProgressBar, Text } from "@fluentui/react-components";
import { bandById, ITEMS, PARTS, type AnswerId, type ItemNo } from "../../core/catalog/diagnosis";
import { shownBand, type Score } from "../../core/score";
import { itemShort, itemsAnsweredBy, mainDiagnosis, respondentName, shortAnswer } from "../../core/report/common";
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
  const band = bandId === null ? null : bandById(bandId);
  const consolidated = analysis.consolidated;
  const disagreements = new Set<ItemNo>(consolidated?.disagreements ?? []);
  const list = (nos: ItemNo[]) => (nos.length ? nos.map((no) => `${no}. ${itemShort(no, lang)}`).join(t("pane.list.separator")) : t("pane.results.noneListed"));
  // わからない and unanswered per respondent, with who (as the summary sheet lists them): the
  // consolidated result takes the weakest answer given, so it has no unanswered item unless all left it blank.
  const whoList = (pick: (a: AnswerId | null) => boolean) => {
    const entries = itemsAnsweredBy(analysis.diagnoses, pick);
    if (!entries.length) return t("pane.results.noneListed");
    return entries
      .map((e) =>
        analysis.diagnoses.length > 1
          ? t("pane.results.who", { no: e.no, item: itemShort(e.no, lang), names: e.who.map((d) => respondentName(d, lang)).join(t("pane.list.separator")) })
          : t("pane.results.itemOnly", { no: e.no, item: itemShort(e.no, lang) }),
      )
      .join(t("pane.list.separator"));
  };
  const scores: Score[] = [...analysis.diagnoses, ...(consolidated ? [consolidated] : [])];
  // Nothing answered: no figure to judge by; some unanswered: the total is provisional.
  const totalCell = (x: Score) =>
    shownBand(x) === null ? t("pane.results.noBand") : x.complete ? String(x.total) : t("pane.results.provisionalValue", { total: x.total });
  const bandCell = (x: Score) => {
    const id = shownBand(x);
    return id === null ? t("pane.results.noBand") : bandById(id).label[lang];
  };

  return (
    <>
      <section className={s.section} aria-labelledby="total-h">
        <h2 id="total-h" className={s.h2}>
          {t(consolidated ? "pane.results.totalConsolidated" : "pane.results.total")}
        </h2>
        <Text size={600} weight="semibold" data-testid="total">
          {t(band && !main.complete ? "pane.results.pointsProvisional" : "pane.results.points", { total: main.total })}
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
          {t("pane.results.figures")}
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
              <tr data-testid="figure-total">
                <th scope="row">{t("pane.results.totalRow")}</th>
                {scores.map((x, i) => (
                  <td key={i}>{totalCell(x)}</td>
                ))}
              </tr>
              <tr data-testid="figure-band">
                <th scope="row">{t("pane.results.bandRow")}</th>
                {scores.map((x, i) => (
                  <td key={i}>{bandCell(x)}</td>
                ))}
              </tr>
              {PARTS.map((def, p) => (
                <tr key={def.part} data-testid={`figure-part-${def.part}`}>
                  <th scope="row" title={def.name[lang]}>
                    {t("pane.results.partRow", { part: def.part })} {def.name[lang]}
                  </th>
                  {scores.map((x, i) => (
                    <td key={i}>{t("pane.results.partValue", { points: x.parts[p].points, max: x.parts[p].max })}</td>
                  ))}
                </tr>
              ))}
              <tr data-testid="figure-unanswered">
                <th scope="row">{t("pane.results.unansweredRow")}</th>
                {scores.map((x, i) => (
                  <td key={i}>{x.unanswered.length}</td>
                ))}
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
          <b>{t("pane.results.unknown")}</b> {whoList((a) => a === "unknown")}
        </Text>
        <Text data-testid="unanswered">
          <b>{t("pane.results.unanswered")}</b> {whoList((a) => a === null)}
        </Text>
      </section>
    </>
  );
}
