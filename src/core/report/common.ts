/** Wording shared by the deliverable sheets: respondents, answers, items. */
import { nameText } from "../assessment";
import { ANSWER_BY_ID, type AnswerId, type ItemNo } from "../catalog/diagnosis";
import { t, type Lang, type MessageKey } from "../i18n";
import type { Analysis } from "../analyse";
import type { ScoredRespondent } from "../score";
import { commonKind } from "./respondentKinds";
import type { TextSource } from "./sheet";

/** A respondent's name (one the engine made, such as C列, in lang), or else the sheet's. */
export function respondentName(d: ScoredRespondent, lang: Lang): string {
  return d.respondent !== null ? nameText(d.respondent, lang) : d.sheet || t(lang, "report.respondent.unnamed");
}

/** The answer as the diagnosis writes it, or "(no answer)". */
export function answerLabel(answer: AnswerId | null, lang: Lang): string {
  return answer === null ? t(lang, "report.unanswered") : ANSWER_BY_ID[answer].label[lang];
}

export function shortAnswer(answer: AnswerId | null, lang: Lang): string {
  return t(lang, `report.answer.short.${answer ?? "none"}` as MessageKey);
}

/** The item's short label (the summary's compact matrix and lists). */
export function itemShort(no: ItemNo, lang: Lang): string {
  return t(lang, `report.item.${no}` as MessageKey);
}

export function itemRef(no: ItemNo, lang: Lang): string {
  return t(lang, "report.itemRef", { no, item: itemShort(no, lang) });
}

export function joinList(xs: string[], lang: Lang): string {
  return xs.join(t(lang, "report.list.separator"));
}

// The diagnosis the report is about (core/score.ts), here for the report's modules.
export { mainDiagnosis } from "../score";

/** One sentence saying whose answers the result comes from. */
export function basisText(a: Analysis, lang: Lang): string {
  if (a.consolidated) {
    // Two sheets are often two sites, not two people: counted as what their names say they are.
    const kind = commonKind(a.diagnoses);
    return t(lang, `report.basis.consolidated.${kind}` as MessageKey, {
      count: a.diagnoses.length,
      names: joinList(
        a.diagnoses.map((d) => respondentName(d, lang)),
        lang,
      ),
    });
  }
  const d = a.diagnoses[0];
  if (d) return t(lang, "report.basis.single", { name: respondentName(d, lang), sheet: d.sheet });
  return t(lang, "report.basis.none");
}

/** The sheets respondents' names were read from, for reporting a text cut at Excel's limit. */
export function respondentSources(a: Analysis): TextSource[] {
  return [...new Set(a.diagnoses.map((d) => d.sheet))].map((sheet) => ({ sheet, cell: null }));
}

/**
 * The items some respondent answered a given way (わからない, or nothing), each with who did, in
 * item order: the summary sheet's lists and the pane's. Per respondent, not from the consolidated
 * result, which takes the weakest answer given and so hides an item one respondent left blank.
 */
export function itemsAnsweredBy(diagnoses: readonly ScoredRespondent[], pick: (answer: AnswerId | null) => boolean): { no: ItemNo; who: ScoredRespondent[] }[] {
  const out: { no: ItemNo; who: ScoredRespondent[] }[] = [];
  for (let no = 1; no <= 25; no++) {
    const who = diagnoses.filter((d) => pick(d.answers[no - 1]?.answer ?? null));
    if (who.length) out.push({ no: no as ItemNo, who });
  }
  return out;
}
