/**
 * The comparison of diagnoses taken at different visits (issue #14): per visit the total, band,
 * parts and each item's answer; per item the change from the first visit to the last; the change
 * of each part, of the total and of the band; わからない answers resolved or new.
 *
 * This is the contract shared by `compare` (src/cli), the sheet 「診断の推移」, the owner's summary
 * and the pane: they all turn what they have (a visit recorded in the state, the workbook's current
 * answers) into a `VisitInput` and call `compareVisits`. Pure: no fs, no host.
 *
 * An item's change is judged by IPA's points (4 / 2 / 0 / −1): more points is improved, fewer is
 * worse, so わからない → 実施していない is improved (−1 → 0). An item unanswered at either end has
 * no points to compare: it is not-comparable, never "worse".
 */
import { ANSWER_BY_ID, BANDS, ITEM_NUMBERS, type AnswerId, type BandId, type ItemNo, type PartNo } from "./catalog/diagnosis";
import { mainDiagnosis, scoreList, type Scores } from "./score";
import type { RecordedVisit } from "./visitRecord";

/**
 * One diagnosis of the series, whatever it came from: what `compareVisits` takes.
 * `file`, `label` and `date` only say where it came from; the comparison uses `answers`.
 */
export interface VisitInput {
  /** The workbook it was read from (as the user named it); null when there is no file (the pane's open workbook). */
  file: string | null;
  /** The recorded visit's label (第1回, or the coach's own); null for answers not recorded as a visit. */
  label: string | null;
  /** The day it was recorded, YYYY-MM-DD; null when unknown (current answers). */
  date: string | null;
  /**
   * The 25 answers counted for the company, item 1 first (null: unanswered): the consolidated
   * (weakest) answers with several respondents, the one respondent's otherwise.
   */
  answers: (AnswerId | null)[];
}

/** One item of a visit, scored. */
export interface VisitAnswer {
  no: ItemNo;
  answer: AnswerId | null;
  /** IPA's points for the answer (4 / 2 / 0 / −1); 0 when unanswered, as the total counts it. */
  points: number;
}

/** A visit with its score. */
export interface ScoredVisit {
  file: string | null;
  label: string | null;
  date: string | null;
  /** Sum of points; unanswered items count 0 (then `complete` is false and the total provisional). */
  total: number;
  band: BandId;
  /** The three parts, as `analyze` reports them. */
  parts: { part: PartNo; points: number; max: number }[];
  /** Exactly 25, item 1 first. */
  answers: VisitAnswer[];
  /** Items answered わからない. */
  unknown: ItemNo[];
  /** Items without an answer. */
  unanswered: ItemNo[];
  complete: boolean;
}

/**
 * How an item changed from the first visit to the last: more points (improved), fewer (worse),
 * the same points (same), or unanswered at either end (not-comparable).
 */
export type ItemChange = "improved" | "worse" | "same" | "not-comparable";

export const ITEM_CHANGES: readonly ItemChange[] = ["improved", "worse", "same", "not-comparable"];

/** One item across the series. */
export interface ItemComparison {
  no: ItemNo;
  /** The answer at each visit, in the order of `Comparison.visits` (null: unanswered). */
  answers: (AnswerId | null)[];
  /** First visit → last visit. */
  change: ItemChange;
  /** Last minus first points; null when not-comparable. */
  pointsChange: number | null;
  /** The change from each visit to the next (length: visits − 1), for the whole series. */
  steps: ItemChange[];
}

/** How the band moved, BANDS ordered from the highest: up (a better band), down, or same. */
export type BandMove = "up" | "down" | "same";

export interface Comparison {
  /** Every visit, in the order given (oldest first), scored. */
  visits: ScoredVisit[];
  /** Exactly 25, item 1 first. */
  items: ItemComparison[];
  /** Per part, first → last (points; unanswered items count 0, as in the totals). */
  parts: { part: PartNo; max: number; from: number; to: number; change: number }[];
  /** The total, first → last (provisional when either visit is incomplete). */
  total: { from: number; to: number; change: number };
  band: { from: BandId; to: BandId; move: BandMove };
  /** The item numbers of each change, first → last, ascending. */
  summary: Record<ItemChange, ItemNo[]>;
  /** わからない at the first visit and a real answer (実施/一部実施/実施していない) at the last. */
  unknownResolved: ItemNo[];
  /** わからない at the last visit and not at the first (answered otherwise, or unanswered). */
  unknownNew: ItemNo[];
  /** わからない at both the first and the last visit. */
  unknownRemaining: ItemNo[];
}

/** A recorded visit as an input of the comparison; `file` is the workbook it was read from. */
export function visitFromRecord(visit: RecordedVisit, file: string | null = null): VisitInput {
  return { file, label: visit.label, date: visit.date, answers: [...visit.counted] };
}

/**
 * The workbook's current answers as an input of the comparison: the consolidated ones with
 * several respondents, the one respondent's otherwise (as `analyze` counts them); null when the
 * analysis holds no diagnosis. Not recorded, so no label and no date.
 */
export function visitFromAnalysis(analysis: Scores, file: string | null = null): VisitInput | null {
  const counted = mainDiagnosis(analysis);
  if (counted === null) return null;
  return { file, label: null, date: null, answers: ITEM_NUMBERS.map((no) => counted.answers.find((a) => a.no === no)?.answer ?? null) };
}

/**
 * The current answers against the last recorded visit's (null: none recorded): "blank" when
 * nothing is answered (no visit: every item would be not comparable, the total 0), "recorded"
 * when they are that visit's, else "added" (a visit of their own).
 */
export function currentAgainst(now: readonly (AnswerId | null)[], last: readonly (AnswerId | null)[] | null): "blank" | "recorded" | "added" {
  if (now.every((a) => a === null)) return "blank";
  return last !== null && sameAnswers(now, last) ? "recorded" : "added";
}

/** Whether two lists of 25 answers are the same. */
export function sameAnswers(a: readonly (AnswerId | null)[], b: readonly (AnswerId | null)[]): boolean {
  return ITEM_NUMBERS.every((no) => (a[no - 1] ?? null) === (b[no - 1] ?? null));
}

/** A visit scored as IPA scores a diagnosis (score.ts). */
export function scoreVisit(v: VisitInput): ScoredVisit {
  if (v.answers.length !== ITEM_NUMBERS.length) throw new RangeError(`a visit has ${ITEM_NUMBERS.length} answers, not ${v.answers.length}`);
  const s = scoreList(v.answers);
  return {
    file: v.file,
    label: v.label,
    date: v.date,
    total: s.total,
    band: s.band,
    parts: s.parts,
    answers: s.answers.map((a) => ({ no: a.no, answer: a.answer, points: a.points })),
    unknown: s.unknown,
    unanswered: s.unanswered,
    complete: s.complete,
  };
}

/** The change between two answers to one item, by IPA's points. */
export function itemChange(from: AnswerId | null, to: AnswerId | null): ItemChange {
  if (from === null || to === null) return "not-comparable";
  const d = ANSWER_BY_ID[to].points - ANSWER_BY_ID[from].points;
  return d > 0 ? "improved" : d < 0 ? "worse" : "same";
}

/** How the band moved from one visit to another. */
export function bandMove(from: BandId, to: BandId): BandMove {
  const rank = (b: BandId) => BANDS.findIndex((x) => x.id === b);
  // BANDS runs from the highest band down: a smaller index is a better band.
  return rank(to) < rank(from) ? "up" : rank(to) > rank(from) ? "down" : "same";
}

/**
 * The series compared, its first visit against its last; null with fewer than two visits (there
 * is nothing to compare: the caller says so). Visits are taken in the order given, oldest first.
 */
export function compareVisits(inputs: readonly VisitInput[]): Comparison | null {
  if (inputs.length < 2) return null;
  const visits = inputs.map(scoreVisit);
  const first = visits[0];
  const last = visits[visits.length - 1];
  const items: ItemComparison[] = ITEM_NUMBERS.map((no) => {
    const answers = visits.map((v) => v.answers[no - 1].answer);
    const from = answers[0];
    const to = answers[answers.length - 1];
    const change = itemChange(from, to);
    return {
      no,
      answers,
      change,
      pointsChange: change === "not-comparable" ? null : ANSWER_BY_ID[to!].points - ANSWER_BY_ID[from!].points,
      steps: answers.slice(1).map((a, i) => itemChange(answers[i], a)),
    };
  });
  const summary = Object.fromEntries(ITEM_CHANGES.map((c) => [c, items.filter((i) => i.change === c).map((i) => i.no)])) as Record<ItemChange, ItemNo[]>;
  const at = (i: ItemComparison, k: 0 | -1) => (k === 0 ? i.answers[0] : i.answers[i.answers.length - 1]);
  const isReal = (a: AnswerId | null) => a !== null && a !== "unknown";
  return {
    visits,
    items,
    parts: first.parts.map((p, i) => ({ part: p.part, max: p.max, from: p.points, to: last.parts[i].points, change: last.parts[i].points - p.points })),
    total: { from: first.total, to: last.total, change: last.total - first.total },
    band: { from: first.band, to: last.band, move: bandMove(first.band, last.band) },
    summary,
    unknownResolved: items.filter((i) => at(i, 0) === "unknown" && isReal(at(i, -1))).map((i) => i.no),
    unknownNew: items.filter((i) => at(i, 0) !== "unknown" && at(i, -1) === "unknown").map((i) => i.no),
    unknownRemaining: items.filter((i) => at(i, 0) === "unknown" && at(i, -1) === "unknown").map((i) => i.no),
  };
}
