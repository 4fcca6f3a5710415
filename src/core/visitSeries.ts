/**
 * The visits one workbook contributes to a comparison (issue #14): the visits recorded in its
 * state (oldest first), then its current answers when they differ from the last recorded visit
 * (the company re-answered since). Pure: the host reads the workbook, this decides what counts.
 */
import type { Analysis } from "./analyse";
import { ANSWERS, ITEM_NUMBERS } from "./catalog/diagnosis";
import { readState, STATE_SHEET, StateDamagedError } from "./addinState";
import { listParam, message, type EngineMessage } from "./messages";
import type { WorkbookSnapshot } from "./snapshot";
import { sameAnswers, visitFromAnalysis, visitFromRecord, type VisitInput } from "./compare";
import type { RecordedVisit } from "./visitRecord";

/** What became of a workbook's current answers. */
export type CurrentAnswers =
  /** Added after the recorded visits: they differ from the last (or nothing was recorded). */
  | "added"
  /** Not added: the same answers as the last recorded visit (counting them twice would show no change that is not there). */
  | "recorded"
  /** Not added: the diagnosis is there but not one item is answered (a blank sheet, or answers cleared to answer again). */
  | "blank"
  /** The workbook holds no diagnosis now. */
  | "none";

export interface WorkbookVisits {
  file: string | null;
  /** The usable recorded visits, oldest first, then the current answers when `current` is "added". */
  visits: VisitInput[];
  /** How many recorded visits were usable (the first `recorded` of `visits`). */
  recorded: number;
  current: CurrentAnswers;
  /** About the state's record and the current answers (sheet and cell within this workbook). */
  messages: EngineMessage[];
}

const ANSWER_IDS = new Set<unknown>(ANSWERS.map((a) => a.id));

/** What is wrong with a recorded visit as stored in the state, or null (the state's JSON may be edited or cut by anyone). */
export function recordedVisitProblem(v: unknown): string | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "not an object";
  const r = v as Record<string, unknown>;
  if (typeof r.label !== "string") return "no label";
  if (typeof r.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(r.date)) return `the date ${JSON.stringify(r.date)} is not YYYY-MM-DD`;
  if (!Array.isArray(r.counted) || r.counted.length !== ITEM_NUMBERS.length) return `not ${ITEM_NUMBERS.length} counted answers`;
  const bad = r.counted.findIndex((a) => a !== null && !ANSWER_IDS.has(a));
  if (bad >= 0) return `the answer to item ${bad + 1} is ${JSON.stringify(r.counted[bad])}`;
  return null;
}

/**
 * The visits of one workbook: `snapshot` as read (with the add-in's state), `analysis` of it
 * (analyseWorkbook). A damaged state or a damaged recorded visit is said and left out; the
 * current answers still count.
 */
export function workbookVisits(snapshot: WorkbookSnapshot, analysis: Analysis, file: string | null): WorkbookVisits {
  const messages: EngineMessage[] = [];
  let stored: readonly unknown[] = [];
  try {
    stored = readState(snapshot)?.visits ?? [];
  } catch (e) {
    if (!(e instanceof StateDamagedError)) throw e;
    messages.push(message("warning", "visit-state-damaged", e.sheet, null, { detail: e.detail }));
  }
  if (!Array.isArray(stored)) {
    messages.push(message("warning", "visit-state-damaged", STATE_SHEET, null, { detail: "the visits are not a list" }));
    stored = [];
  }
  const visits: VisitInput[] = [];
  stored.forEach((v, i) => {
    const problem = recordedVisitProblem(v);
    if (problem) messages.push(message("warning", "visit-record-damaged", STATE_SHEET, null, { position: i + 1, detail: problem }));
    else visits.push(visitFromRecord(v as RecordedVisit, file));
  });
  const recorded = visits.length;

  const now = visitFromAnalysis(analysis, file);
  let current: CurrentAnswers = "none";
  if (now && now.answers.every((a) => a === null)) {
    // Nothing to compare item by item; as a visit it would only show every item not comparable and a total of 0.
    current = "blank";
    messages.push(message("info", "visit-current-blank", null, null));
  } else if (now && recorded > 0 && sameAnswers(now.answers, visits[recorded - 1].answers)) {
    current = "recorded";
    messages.push(message("info", "visit-current-recorded", null, null, { label: visits[recorded - 1].label ?? "" }));
  } else if (now) {
    current = "added";
    visits.push(now);
  }
  // What the diagnosis's recognition said matters where its answers count, or where nothing was found.
  if (current === "added" || visits.length === 0) messages.push(...analysis.messages.filter((m) => m.code !== "no-checksheet"));
  if (visits.length === 0) messages.push(message("warning", "visit-none", null, null));
  return { file, visits, recorded, current, messages };
}

/** A message for each visit with unanswered items: they cannot be compared and the total is provisional. */
export function incompleteVisitMessages(visits: readonly VisitInput[]): EngineMessage[] {
  return visits.flatMap((v, i) => {
    const unanswered = ITEM_NUMBERS.filter((no) => (v.answers[no - 1] ?? null) === null);
    return unanswered.length ? [message("warning", "visit-incomplete", null, null, { visit: i + 1, count: unanswered.length, items: listParam(unanswered) })] : [];
  });
}
