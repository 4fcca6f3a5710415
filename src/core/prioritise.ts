/**
 * Priority areas by urgency, importance and difficulty (緊急度・重要度・難易度), as the seed asks.
 * Defaults: urgency from the (consolidated) answer, importance and difficulty from the catalog
 * (catalog/itemGuidance.ts); the expert's edits in the workbook override any of them.
 *
 * Priority = 7 × urgency + 2 × importance + (4 − difficulty), with 高 = 3, 中 = 2, 低 = 1:
 * from 10 to 30. Urgency weighs most (an unanswered or failing item first), then importance,
 * then ease. Its weight 7 is more than the whole spread of the other two (2×(3−1) + (3−1) = 6),
 * so one step of urgency always outweighs them: urgency 低 gives 10–16, 中 17–23, 高 24–30.
 * (With the weight 3 used before, an item in place could outrank one that is not: 維持 up to 12,
 * 次点 from 9.) The class is therefore a band of the priority and never disagrees with it:
 * 維持 (maintain) up to 16 (urgency 低: the item is in place), 重点 (focus) from 22, 次点 (next)
 * between — every urgent item, and a partly done one when it is important and not hard. A quick
 * win is an item not in place whose importance is 高 and difficulty 低. Rank: by class
 * (重点, 次点, 維持), then priority, then item number.
 */
import { ITEMS, type AnswerId, type ItemNo } from "./catalog/diagnosis";
import { ITEM_GUIDANCE, type Rating } from "./catalog/itemGuidance";
import { ITEM_REGULATIONS } from "./catalog/itemRegulations";
import type { RegulationNo } from "./catalog/regulations";
import type { Score } from "./score";

export type RatingKey = "urgency" | "importance" | "difficulty";
export const RATING_KEYS: readonly RatingKey[] = ["urgency", "importance", "difficulty"];
export type ItemRatings = Record<RatingKey, Rating>;
export type PriorityClass = "focus" | "next" | "maintain";

export const RATING_VALUE: Readonly<Record<Rating, number>> = { high: 3, medium: 2, low: 1 };
/** Weight of urgency in the priority: more than the spread of importance and ease together (6). */
export const URGENCY_WEIGHT = 7;
/** Priority at or above which an item is in the focus class. */
export const FOCUS_FROM = 22;
/** Priority at or below which an item is in the maintain class (urgency 低). */
export const MAINTAIN_UP_TO = URGENCY_WEIGHT * 1 + 2 * 3 + 3;

export interface PriorityEdits {
  /** Ratings the expert set in the workbook, per item. */
  ratings: Partial<Record<ItemNo, Partial<ItemRatings>>>;
  /** The expert's interview notes, per item. */
  notes: Partial<Record<ItemNo, string>>;
}

export const NO_EDITS: PriorityEdits = { ratings: {}, notes: {} };

export interface PriorityItem {
  no: ItemNo;
  /** The (consolidated) answer the urgency comes from; null when unanswered. */
  answer: AnswerId | null;
  points: number;
  ratings: ItemRatings;
  /** What the ratings would be without the expert's edits. */
  defaults: ItemRatings;
  /** The ratings the expert changed from the defaults. */
  overridden: RatingKey[];
  priority: number;
  class: PriorityClass;
  rank: number;
  quickWin: boolean;
  regulations: readonly RegulationNo[];
  note: string | null;
}

/** Urgency from the answer: わからない, 実施していない and unanswered are urgent. */
export function defaultUrgency(answer: AnswerId | null): Rating {
  if (answer === "implemented") return "low";
  if (answer === "partial") return "medium";
  return "high";
}

export function priorityOf(r: ItemRatings): number {
  return URGENCY_WEIGHT * RATING_VALUE[r.urgency] + 2 * RATING_VALUE[r.importance] + (4 - RATING_VALUE[r.difficulty]);
}

/** The class is a band of the priority (see above): 維持 up to 16, 次点 17–21, 重点 from 22. */
export function classOf(r: ItemRatings, priority = priorityOf(r)): PriorityClass {
  if (priority <= MAINTAIN_UP_TO) return "maintain";
  return priority >= FOCUS_FROM ? "focus" : "next";
}

export function isQuickWin(r: ItemRatings): boolean {
  return r.urgency !== "low" && r.importance === "high" && r.difficulty === "low";
}

/** The 25 items with their ratings, priority, class and rank, sorted by rank. */
export function prioritise(diagnosis: Score | null, edits: PriorityEdits = NO_EDITS): PriorityItem[] {
  const items = ITEMS.map((item) => {
    const answered = diagnosis?.answers[item.no - 1];
    const answer = answered?.answer ?? null;
    const g = ITEM_GUIDANCE[item.no];
    const defaults: ItemRatings = { urgency: defaultUrgency(answer), importance: g.importance, difficulty: g.difficulty };
    const edited = edits.ratings[item.no] ?? {};
    const ratings: ItemRatings = { ...defaults, ...edited };
    const priority = priorityOf(ratings);
    return {
      no: item.no,
      answer,
      points: answered?.points ?? 0,
      ratings,
      defaults,
      overridden: RATING_KEYS.filter((k) => ratings[k] !== defaults[k]),
      priority,
      class: classOf(ratings, priority),
      rank: 0,
      quickWin: isQuickWin(ratings),
      regulations: ITEM_REGULATIONS[item.no],
      note: edits.notes[item.no] ?? null,
    };
  });
  const order: Record<PriorityClass, number> = { focus: 0, next: 1, maintain: 2 };
  items.sort((a, b) => order[a.class] - order[b.class] || b.priority - a.priority || a.no - b.no);
  items.forEach((x, i) => (x.rank = i + 1));
  return items;
}
