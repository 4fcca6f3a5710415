/**
 * Recording a diagnosis as a visit (issue #14): the answers counted now, and each respondent's,
 * kept in the add-in's state under a label and a date, so that the company can re-answer the
 * diagnosis in place and the change still shows.
 *
 * Recording is explicit (annotate --record-visit, the pane's button). The rules:
 * - a label already recorded with the same answers: nothing changes (not even the date);
 * - a label already recorded with other answers: refused, with the next free label to use (the
 *   recorded answers are the only copy of that visit's: they are never overwritten);
 * - the default label (no label given) when the last visit holds the same answers: nothing
 *   changes (recording twice is not two visits);
 * - a new label given by the coach with the same answers as the last visit: a new visit (a yearly
 *   check where nothing changed is still a check the owner should see).
 */
import { sameAnswers } from "./compare";
import { nameText } from "./assessment";
import { ANSWERS, ITEM_COUNT } from "./catalog/diagnosis";
import { t, type Lang } from "./i18n";
import { message, resourceParam, type EngineMessage } from "./messages";
import { isIsoDay } from "./plan";
import { isObject } from "./shapes";
import { mainDiagnosis, scoreList, type Score, type Scores } from "./score";
import type { RecordedRespondent, RecordedVisit } from "./visitRecord";

/** A visit's label fits a column header: at most this many characters. */
export const VISIT_LABEL_MAX = 30;
/**
 * At most this many visits are kept: one column each on the progress sheet, which must still
 * print one page wide at 9 points or more on landscape A4 (test/visits.test.ts checks it).
 */
export const VISITS_MAX = 8;

/** The label the next visit gets when the coach gives none: 第{n}回 / Visit {n}, the first n not taken. */
export function defaultVisitLabel(visits: readonly RecordedVisit[], lang: Lang): string {
  const taken = new Set(visits.map((v) => v.label));
  for (let n = visits.length + 1; ; n++) {
    const label = t(lang, "visit.defaultLabel", { n });
    if (!taken.has(label)) return label;
  }
}

/** What is wrong with a label the coach typed (a resource key for the message's rule), or null. */
export function visitLabelProblem(label: string): "too-long" | "control" | null {
  if (label.length > VISIT_LABEL_MAX) return "too-long";
  // A line break or tab would break the column header and the pane's list.
  // eslint-disable-next-line no-control-regex -- the control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(label)) return "control";
  return null;
}

/** The diagnosis as it is now, as a visit: null when the workbook holds no diagnosis. */
export function recordFromAnalysis(analysis: Scores, label: string, date: string, lang: Lang): RecordedVisit | null {
  const counted = mainDiagnosis(analysis);
  if (!counted) return null;
  const respondents: RecordedRespondent[] = analysis.diagnoses.map((d) => ({
    name: d.respondent !== null ? nameText(d.respondent, lang) : d.sheet,
    sheet: d.sheet,
    answers: d.answers.map((a) => a.answer),
  }));
  return { label, date, respondents, counted: counted.answers.map((a) => a.answer) };
}

/** Whether two visits hold the same answers (counted and per respondent). */
export function sameRecord(a: RecordedVisit, b: RecordedVisit): boolean {
  return (
    sameAnswers(a.counted, b.counted) &&
    a.respondents.length === b.respondents.length &&
    a.respondents.every((r, i) => r.name === b.respondents[i].name && r.sheet === b.respondents[i].sheet && sameAnswers(r.answers, b.respondents[i].answers))
  );
}

export interface RecordOutcome {
  visits: RecordedVisit[];
  /** The visit as it is recorded now (the one already there when nothing changed). */
  visit: RecordedVisit;
  outcome: "added" | "unchanged";
  messages: EngineMessage[];
}

/**
 * The visits after recording `now` (label null: the default label). Throws nothing: a label
 * that cannot be used, or one visit too many, is a message and the visits stay as they were.
 */
export function recordVisit(
  visits: readonly RecordedVisit[],
  now: Omit<RecordedVisit, "label">,
  label: string | null,
  lang: Lang,
): RecordOutcome | { visits: RecordedVisit[]; visit: null; outcome: "refused"; messages: EngineMessage[] } {
  const refused = (m: EngineMessage) => ({ visits: [...visits], visit: null, outcome: "refused" as const, messages: [m] });
  const given = label?.trim() ?? "";
  if (given === "") {
    const last = visits[visits.length - 1];
    if (last && sameRecord(last, { ...now, label: last.label }))
      return { visits: [...visits], visit: last, outcome: "unchanged", messages: [message("info", "visit-unchanged", null, null, { label: last.label })] };
  } else {
    const problem = visitLabelProblem(given);
    if (problem)
      return refused(
        message("error", "visit-label-invalid", null, null, { label: given, max: VISIT_LABEL_MAX, rule: resourceParam(`visit.labelRule.${problem}`) }),
      );
  }
  const chosen = given === "" ? defaultVisitLabel(visits, lang) : given;
  const visit: RecordedVisit = { ...now, label: chosen };
  const at = visits.findIndex((v) => v.label === chosen);
  if (at >= 0) {
    if (sameRecord(visits[at], visit))
      return { visits: [...visits], visit: visits[at], outcome: "unchanged", messages: [message("info", "visit-unchanged", null, null, { label: chosen })] };
    return refused(
      message("error", "visit-label-taken", null, null, { label: chosen, date: { date: visits[at].date }, next: defaultVisitLabel(visits, lang) }),
    );
  }
  if (visits.length >= VISITS_MAX) return refused(message("error", "visit-too-many", null, null, { max: VISITS_MAX }));
  return { visits: [...visits, visit], visit, outcome: "added", messages: [message("info", "visit-recorded", null, null, { label: chosen })] };
}

/** A recorded visit scored as IPA does (the counted answers): total, band, parts, わからない. */
export function scoreRecorded(v: RecordedVisit): Score {
  return scoreList(v.counted);
}

const ANSWER_IDS = new Set<unknown>(ANSWERS.map((a) => a.id));

function answersProblem(x: unknown, what: string): string | null {
  if (!Array.isArray(x) || x.length !== ITEM_COUNT) return `${what}: not a list of ${ITEM_COUNT} answers`;
  return x.every((a) => a === null || ANSWER_IDS.has(a)) ? null : `${what}: an answer that is not one`;
}

/** What is wrong with a state's recorded visits (core/addinState.ts stateProblem), or null. */
export function visitsProblem(v: unknown): string | null {
  if (v === undefined) return null;
  if (!Array.isArray(v)) return "the recorded visits are not a list";
  const labels = new Set<string>();
  for (const x of v) {
    if (!isObject(x)) return "a recorded visit is not an object";
    const r = x as Record<string, unknown>;
    if (typeof r.label !== "string" || r.label.trim() === "") return "a recorded visit without a label";
    if (labels.has(r.label)) return `the visit "${r.label}" is recorded twice`;
    labels.add(r.label);
    if (!isIsoDay(r.date)) return `the visit "${r.label}" has no date`;
    const counted = answersProblem(r.counted, `the visit "${r.label}"`);
    if (counted) return counted;
    if (!Array.isArray(r.respondents)) return `the visit "${r.label}" has no list of respondents`;
    for (const p of r.respondents as unknown[]) {
      const q = p as Record<string, unknown> | null;
      if (typeof q !== "object" || q === null || typeof q.name !== "string" || typeof q.sheet !== "string")
        return `a respondent of the visit "${r.label}" without name or sheet`;
      const answers = answersProblem(q.answers, `a respondent of the visit "${r.label}"`);
      if (answers) return answers;
    }
  }
  return null;
}
