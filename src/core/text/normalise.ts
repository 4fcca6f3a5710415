/**
 * Text normalisation for matching what people type against the catalog: full-width and
 * half-width forms unified (NFKC), case folded, spaces, line breaks and punctuation dropped,
 * and a few spelling variants made one.
 */
import { isCellDate, isCellError, isUncalculated, type CellDate, type CellValue } from "../snapshot";

const SPACES = /[\s\u200b-\u200d\ufeff]+/g; // zero-width space, non-joiner, joiner; BOM
// NFKC has already turned full-width brackets and marks into these forms.
const PUNCTUATION = /[「」『』()[\]【】〔〕{}<>《》〈〉、。,.・･!?:;"'“”‘’`*※]/g;
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff70]/g; // hyphens, minus sign, long vowel mark
const WAVES = /[〜～∼]/g;

const VARIANTS: ReadonlyArray<[RegExp, string]> = [
  [/サーバー/g, "サーバ"],
  [/取り組/g, "取組"],
  [/ウィルス/g, "ウイルス"],
  [/分からない/g, "わからない"],
  [/解らない/g, "わからない"],
];

/** NFKC, lower case, no spaces; punctuation kept. Used where punctuation carries meaning (numbers). */
export function squeeze(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(SPACES, "");
}

const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 200_000;

/**
 * The comparison key of a text: squeezed, punctuation removed, variants unified. The long
 * vowel mark is kept as one form ("ー") because katakana words need it.
 */
export function textKey(s: string): string {
  const hit = keyCache.get(s);
  if (hit !== undefined) return hit;
  let k = squeeze(s).replace(PUNCTUATION, "").replace(WAVES, "~");
  k = k.replace(DASHES, (ch) => (ch === "\u30fc" || ch === "\uff70" ? "ー" : "-"));
  for (const [re, to] of VARIANTS) k = k.replace(re, to);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(s, k);
  return k;
}

/**
 * A cell value as a message parameter: a short, single-line text, or the date itself for a
 * CellDate (the message writes it the way its language writes dates). Booleans as Excel shows
 * them (TRUE, FALSE), a formula saved without its value as its formula.
 */
export function displayValue(v: CellValue): string | CellDate {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isCellError(v)) return v.error;
  if (isCellDate(v)) return { date: v.date };
  const s = (isUncalculated(v) ? `=${v.formula}` : String(v)).replace(/\s+/g, " ").trim();
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
