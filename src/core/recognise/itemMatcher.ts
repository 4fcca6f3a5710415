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

/**
 * Japanese keywords are matched inside the compact key (no spaces or punctuation: Japanese
 * has no word breaks). Keywords in Latin letters are matched as whole words in the word key,
 * so "os" finds "OSやソフト" and "the OS" but not "cost"; a trailing * matches a word start.
 */
type Alt = { compact: string } | { word: RegExp };

interface CompiledItem {
  no: ItemNo;
  groups: { alts: Alt[]; w: number }[];
}

const LATIN = /^[a-z0-9 *'~-]+$/;
const ASCII_PUNCTUATION = /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compileAlt(keyword: string): Alt {
  const lower = keyword.normalize("NFKC").toLowerCase();
  if (!LATIN.test(lower)) return { compact: textKey(keyword) };
  const prefix = lower.endsWith("*");
  const words = wordKey(lower.replace(/\*$/, ""));
  return { word: new RegExp(`(?<![a-z0-9])${escape(words)}${prefix ? "" : "(?![a-z0-9])"}`) };
}

/** Lower case, every run of spaces and ASCII punctuation made one space: Latin words stay apart. */
function wordKey(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(ASCII_PUNCTUATION, " ").replace(/\s+/g, " ").trim();
}

/** The compact key without ASCII punctuation: every keyword, either kind, is a substring of it when it matches. */
const prefilterKey = (compact: string) => compact.replace(ASCII_PUNCTUATION, "");

const COMPILED: CompiledItem[] = ITEMS.map((item) => ({
  no: item.no,
  groups: item.keywords.map((k) => ({ alts: k.any.map(compileAlt), w: k.w })),
}));

const PREFILTER_ALTS = [...new Set(ITEMS.flatMap((i) => i.keywords.flatMap((k) => k.any.map((a) => prefilterKey(textKey(a.replace(/\*$/, "")))))))];
/** One pass over a text tells whether any keyword occurs at all (most cells of a data sheet: no). */
const ANY_KEYWORD = new RegExp(PREFILTER_ALTS.map(escape).join("|"));

export interface ItemScore {
  no: ItemNo;
  score: number;
}

/** Shortest key worth scoring: a question is longer than this. */
const MIN_KEY_LENGTH = 4;

const cache = new Map<string, ItemScore[]>();
const CACHE_LIMIT = 100_000;

/** Items with a positive score for this text, best first (ties by item number). */
export function scoreText(text: string): ItemScore[] {
  const key = textKey(text);
  if (key.length < MIN_KEY_LENGTH || !ANY_KEYWORD.test(prefilterKey(key))) return [];
  const hit = cache.get(text);
  if (hit) return hit;
  const words = wordKey(text);
  const has = (a: Alt) => ("compact" in a ? key.includes(a.compact) : a.word.test(words));
  const scores: ItemScore[] = [];
  for (const item of COMPILED) {
    let score = 0;
    for (const g of item.groups) if (g.alts.some(has)) score += g.w;
    if (score > 0) scores.push({ no: item.no, score });
  }
  scores.sort((a, b) => b.score - a.score || a.no - b.no);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, scores);
  return scores;
}

/** The item this text clearly names on its wording alone, or null. */
export function clearMatch(text: string): ItemNo | null {
  const [best, second] = scoreText(text);
  if (!best || best.score < CLEAR_SCORE) return null;
  if (second && best.score - second.score < MARGIN) return null;
  return best.no;
}
