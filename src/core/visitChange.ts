/**
 * The change of one item between two recorded visits, as issue #14 defines it: improved (more
 * points, by IPA's 4/2/0/−1), worse (fewer), same, or not-comparable (unanswered in either).
 *
 * SEAM: this module stands in for the comparison engine (src/core/compare.ts, written apart).
 * When both land, `itemChange` and `ItemChange` are to be replaced by compare.ts's own per-item
 * change; nothing else here decides what "improved" means.
 */
import { ANSWER_BY_ID, type AnswerId } from "./catalog/diagnosis";

export type ItemChange = "improved" | "worse" | "same" | "not-comparable";

export const ITEM_CHANGES: readonly ItemChange[] = ["improved", "worse", "same", "not-comparable"];

/** To be replaced by compare.ts on merge (see above). */
export function itemChange(from: AnswerId | null, to: AnswerId | null): ItemChange {
  if (from === null || to === null) return "not-comparable";
  const diff = ANSWER_BY_ID[to].points - ANSWER_BY_ID[from].points;
  return diff > 0 ? "improved" : diff < 0 ? "worse" : "same";
}
