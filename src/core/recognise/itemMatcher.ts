/**
 * Scores how well a text matches each of the 25 items by weighted topic keywords.
 * A row is taken for an item only when the wording is clear on its own, or when it is
 * weaker but the number written on the row agrees (see diagnosisSheet.ts).
 */
import { ITEMS, type ItemNo } from "../catalog/diagnosis";
import { textKey } from "../text/normalise";

/** Wording alone identifies the item. */
export const CLEAR_SCORE = 3;
/** Wording identifies the item when the row's number agrees. */
export const WEAK_SCORE = 2;
/** The best item must beat the next one by this much to count as clear. */
export const MARGIN = 1;

interface CompiledItem {
  no: ItemNo;
  groups: { alts: string[]; w: number }[];
}

const COMPILED: CompiledItem[] = ITEMS.map((item) => ({
  no: item.no,
  groups: item.keywords.map((k) => ({ alts: k.any.map(textKey), w: k.w })),
}));

const ALL_ALTS = [...new Set(COMPILED.flatMap((c) => c.groups.flatMap((g) => g.alts)))];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** One pass over a text tells whether any keyword occurs at all (most cells of a data sheet: no). */
const ANY_KEYWORD = new RegExp(ALL_ALTS.map(escape).join("|"));

export interface ItemScore {
  no: ItemNo;
  score: number;
}

/** Shortest key worth scoring: the shortest keyword is two characters ("os"). */
const MIN_KEY_LENGTH = 4;

const cache = new Map<string, ItemScore[]>();
const CACHE_LIMIT = 100_000;

/** Items with a positive score for this text, best first (ties by item number). */
export function scoreText(text: string): ItemScore[] {
  const key = textKey(text);
  if (key.length < MIN_KEY_LENGTH || !ANY_KEYWORD.test(key)) return [];
  const hit = cache.get(key);
  if (hit) return hit;
  const scores: ItemScore[] = [];
  for (const item of COMPILED) {
    let score = 0;
    for (const g of item.groups) if (g.alts.some((a) => key.includes(a))) score += g.w;
    if (score > 0) scores.push({ no: item.no, score });
  }
  scores.sort((a, b) => b.score - a.score || a.no - b.no);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, scores);
  return scores;
}

/** The item this text clearly names on its wording alone, or null. */
export function clearMatch(text: string): ItemNo | null {
  const [best, second] = scoreText(text);
  if (!best || best.score < CLEAR_SCORE) return null;
  if (second && best.score - second.score < MARGIN) return null;
  return best.no;
}
