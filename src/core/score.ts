/**
 * Scoring as IPA does it: 4 / 2 / 0 / −1 points per item, part subtotals, the band of the
 * total; and over several respondents the weakest answer per item and where they disagree.
 */
import type { ChosenKind, ItemAnswer, RespondentAnswers, RespondentName } from "./assessment";
import { ANSWER_BY_ID, ITEM_NUMBERS, PARTS, bandFor, type AnswerId, type BandId, type ItemNo, type PartNo } from "./catalog/diagnosis";

export interface ScoredAnswer extends ItemAnswer {
  /** The answer's points; 0 when unanswered. */
  points: number;
}

export interface Score {
  answers: ScoredAnswer[];
  total: number;
  parts: { part: PartNo; points: number; max: number }[];
  band: BandId;
  /** Items answered わからない. */
  unknown: ItemNo[];
  /** Items without a readable answer (they score 0). */
  unanswered: ItemNo[];
  /** False when some item is unanswered: the total is then provisional. */
  complete: boolean;
}

export interface ScoredRespondent extends Score {
  sheet: string;
  respondent: RespondentName | null;
  /** The name it was found under, when the coach renamed it (see RespondentAnswers). */
  foundAs?: RespondentName | null;
  /** What the coach said it is. */
  kind?: ChosenKind;
}

export interface ConsolidatedAnswer extends ScoredAnswer {
  /** The respondents who gave this (weakest) answer. */
  from: (RespondentName | null)[];
}

export interface Consolidated extends Score {
  sheet: null;
  respondent: null;
  answers: ConsolidatedAnswer[];
  /** Items on which the respondents who answered gave different answers. */
  disagreements: ItemNo[];
}

/**
 * The scores an analysis gives (core/analyse.ts Analysis has them): each respondent's, and the
 * consolidated one (null with fewer than two respondents).
 */
export interface Scores {
  diagnoses: ScoredRespondent[];
  consolidated: Consolidated | null;
}

/** The diagnosis the company's result is: consolidated over several respondents, or the single one. */
export function mainDiagnosis(a: Scores): Consolidated | ScoredRespondent | null {
  return a.consolidated ?? a.diagnoses[0] ?? null;
}

/** A list of the 25 answers, item 1 first (null: unanswered), scored: a recorded visit's, a compared one's. */
export function scoreList(answers: readonly (AnswerId | null)[]): Score {
  return scoreAnswers(ITEM_NUMBERS.map((no) => ({ no, answer: answers[no - 1] ?? null, cell: null })));
}

export function scoreAnswers(answers: ItemAnswer[]): Score {
  const scored = answers.map((a) => ({ ...a, points: a.answer === null ? 0 : ANSWER_BY_ID[a.answer].points }));
  const total = scored.reduce((s, a) => s + a.points, 0);
  const parts = PARTS.map((p) => ({
    part: p.part,
    points: scored.filter((a) => a.no >= p.first && a.no <= p.last).reduce((s, a) => s + a.points, 0),
    max: p.max,
  }));
  const unanswered = scored.filter((a) => a.answer === null).map((a) => a.no);
  return {
    answers: scored,
    total,
    parts,
    band: bandFor(total).id,
    unknown: scored.filter((a) => a.answer === "unknown").map((a) => a.no),
    unanswered,
    complete: unanswered.length === 0,
  };
}

/**
 * The band a score earns, or null when nothing was answered: a blank diagnosis is no verdict
 * (its 0 points would otherwise read as 「早急な対策が必要」).
 */
export function shownBand(s: Score): BandId | null {
  return s.answers.every((a) => a.answer === null) ? null : s.band;
}

export function scoreRespondent(r: RespondentAnswers): ScoredRespondent {
  return {
    sheet: r.sheet,
    respondent: r.respondent,
    ...(r.foundAs !== undefined ? { foundAs: r.foundAs } : {}),
    ...(r.kind !== undefined ? { kind: r.kind } : {}),
    ...scoreAnswers(r.answers),
  };
}

/** The weakest answer per item over the respondents who answered it; null with fewer than two respondents. */
export function consolidate(respondents: RespondentAnswers[]): Consolidated | null {
  if (respondents.length < 2) return null;
  const disagreements: ItemNo[] = [];
  const from: (RespondentName | null)[][] = [];
  const answers: ItemAnswer[] = respondents[0].answers.map((first, i) => {
    const given = respondents.map((r) => ({ r, a: r.answers[i] })).filter((x) => x.a.answer !== null);
    if (new Set(given.map((x) => x.a.answer)).size > 1) disagreements.push(first.no);
    if (given.length === 0) {
      from.push([]);
      return { no: first.no, answer: null, cell: null };
    }
    const weakest = Math.min(...given.map((x) => ANSWER_BY_ID[x.a.answer!].points));
    const holders = given.filter((x) => ANSWER_BY_ID[x.a.answer!].points === weakest);
    from.push(holders.map((x) => x.r.respondent));
    return { no: first.no, answer: holders[0].a.answer, cell: holders[0].a.cell };
  });
  const score = scoreAnswers(answers);
  return {
    sheet: null,
    respondent: null,
    ...score,
    answers: score.answers.map((a, i) => ({ ...a, from: from[i] })),
    disagreements,
  };
}
