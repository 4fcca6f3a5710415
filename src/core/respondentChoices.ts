/**
 * The coach has the last word on who counts: a respondent found can be left out, and one the
 * recogniser set aside (repeated by formula, on a hidden or example sheet) counted after all.
 * Respondents are named as the user sees them: their name in either language (営業部, C列 or
 * Column C), "sheet/name", or the sheet's name for a sheet's only respondent.
 */
import { nameText, type LeftOutRespondent, type RespondentAnswers } from "./assessment";
import { listParam, message, type EngineMessage } from "./messages";

export interface RespondentChoices {
  /** Respondents to leave out, by name. */
  exclude?: readonly string[];
  /** Respondents set aside by the recogniser to count after all, by name. */
  include?: readonly string[];
}

/** The names a respondent answers to, compared without case or surrounding spaces. */
export function respondentLabels(r: RespondentAnswers): string[] {
  const names = r.respondent === null ? [r.sheet] : (["ja", "en"] as const).map((lang) => nameText(r.respondent!, lang));
  const out = new Set<string>();
  for (const n of names) {
    out.add(n);
    out.add(`${r.sheet}/${n}`);
  }
  return [...out].map(key);
}

const key = (s: string) => s.normalize("NFKC").trim().toLowerCase();

export function applyChoices(
  respondents: readonly RespondentAnswers[],
  leftOut: readonly LeftOutRespondent[],
  choices: RespondentChoices,
): { respondents: RespondentAnswers[]; leftOut: LeftOutRespondent[]; messages: EngineMessage[] } {
  const exclude = (choices.exclude ?? []).map(key);
  const include = (choices.include ?? []).map(key);
  const messages: EngineMessage[] = [];
  const used = new Set<string>();
  const hit = (r: RespondentAnswers, names: string[]) => {
    const labels = respondentLabels(r);
    const found = names.filter((n) => labels.includes(n));
    for (const f of found) used.add(f);
    return found.length > 0;
  };

  const kept: RespondentAnswers[] = [];
  const out: LeftOutRespondent[] = [];
  for (const r of respondents) {
    if (hit(r, exclude)) {
      out.push({ ...r, reason: "excluded", from: [] });
      messages.push(message("info", "respondent-excluded", r.sheet, null, { respondent: r.respondent ?? r.sheet }));
    } else kept.push(r);
  }
  for (const r of leftOut) {
    if (hit(r, include)) {
      const { reason: _reason, from: _from, ...answers } = r;
      kept.push(answers);
      messages.push(message("info", "respondent-included", r.sheet, null, { respondent: r.respondent ?? r.sheet }));
    } else out.push(r);
  }
  // A name that matches nobody is said, with the names there are (never a guess at the nearest).
  const unmatched = [...(choices.exclude ?? []), ...(choices.include ?? [])].filter((n) => !used.has(key(n)));
  if (unmatched.length > 0) {
    const known = [...respondents, ...leftOut].map((r) => (r.respondent === null ? r.sheet : r.respondent));
    messages.push(message("warning", "respondent-choice-unmatched", null, null, { names: listParam(unmatched), known: listParam(known) }));
  }
  return { respondents: kept, leftOut: out, messages };
}
