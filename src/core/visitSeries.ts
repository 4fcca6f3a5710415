/**
 * The visits one workbook contributes to a comparison (issue #14): the visits recorded in its
 * state (oldest first), then its current answers when they differ from the last recorded visit
 * (the company re-answered since). Pure: the host reads the workbook, this decides what counts.
 */
import type { Analysis } from "./analyse";
import { readState, StateDamagedError } from "./addinState";
import { listParam, message, type EngineMessage } from "./messages";
import type { WorkbookSnapshot } from "./snapshot";
import { currentAgainst, visitFromAnalysis, visitFromRecord, type ScoredVisit, type VisitInput } from "./compare";
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

/**
 * The visits of one workbook: `snapshot` as read (with the add-in's state), `analysis` of it
 * (analyseWorkbook). A damaged state or a damaged recorded visit is said and left out; the
 * current answers still count.
 */
export function workbookVisits(snapshot: WorkbookSnapshot, analysis: Analysis, file: string | null): WorkbookVisits {
  const messages: EngineMessage[] = [];
  let stored: readonly RecordedVisit[] = [];
  try {
    // The state's check covers the recorded visits (visits.ts visitsProblem): a damaged one makes it damaged.
    stored = readState(snapshot)?.visits ?? [];
  } catch (e) {
    if (!(e instanceof StateDamagedError)) throw e;
    messages.push(message("warning", "visit-state-damaged", e.sheet, null, { detail: e.detail }));
  }
  return seriesOf(stored, analysis, file, messages);
}

/**
 * The visits of one workbook from its recorded visits (`stored`, as the state holds them) and its
 * analysis now: the recorded ones, then the current answers when they differ from the last.
 * `messages` are the reading's so far; the series' are added.
 */
export function seriesOf(stored: readonly RecordedVisit[], analysis: Analysis, file: string | null, messages: EngineMessage[] = []): WorkbookVisits {
  const visits: VisitInput[] = stored.map((v) => visitFromRecord(v, file));
  const recorded = visits.length;

  const now = visitFromAnalysis(analysis, file);
  const current: CurrentAnswers = now ? currentAgainst(now.answers, recorded > 0 ? visits[recorded - 1].answers : null) : "none";
  if (current === "blank") messages.push(message("info", "visit-current-blank", null, null));
  else if (current === "recorded") messages.push(message("info", "visit-current-recorded", null, null, { label: visits[recorded - 1].label ?? "" }));
  else if (current === "added") visits.push(now!);
  // What the diagnosis's recognition said matters where its answers count, or where nothing was found.
  if (current === "added" || visits.length === 0) messages.push(...analysis.messages.filter((m) => m.code !== "no-checksheet"));
  if (visits.length === 0) messages.push(message("warning", "visit-none", null, null));
  return { file, visits, recorded, current, messages };
}

/** A message for each visit with unanswered items, with its file: they cannot be compared and the total is provisional. */
export function incompleteVisitMessages(visits: readonly ScoredVisit[]): { file: string | null; message: EngineMessage }[] {
  return visits.flatMap((v, i) =>
    v.unanswered.length
      ? [
          {
            file: v.file,
            message: message("warning", "visit-incomplete", null, null, { visit: i + 1, count: v.unanswered.length, items: listParam(v.unanswered) }),
          },
        ]
      : [],
  );
}
