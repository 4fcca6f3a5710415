/**
 * Reading single cells as answers, points, marks and item numbers. Each reader says
 * exactly what it saw: a value, blank, an error value, or something it cannot read.
 * Nothing is guessed: a value that is not in a recognised form is "invalid".
 */
import { ANSWERS, answerForPoints, type AnswerId } from "../catalog/diagnosis";
import { isCellDate, isCellError, isUncalculated, type CellValue } from "../snapshot";
import { squeeze, textKey } from "../text/normalise";

export type Reading<T> =
  | { kind: "value"; value: T }
  | { kind: "blank" }
  | { kind: "error"; error: string }
  /** A formula saved without its value: what it holds is unknown until Excel calculates it. */
  | { kind: "uncalculated" }
  | { kind: "invalid" };

const BLANK = { kind: "blank" } as const;
const INVALID = { kind: "invalid" } as const;
const UNCALCULATED = { kind: "uncalculated" } as const;

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

const SPELLINGS = new Map<string, AnswerId>();
for (const a of ANSWERS) for (const s of a.spellings) SPELLINGS.set(textKey(s), a.id);

/**
 * A symbol in front of a label, as dropdown lists write them ("◎ 実施している", "× 実施していない",
 * "？ わからない"): the label is the answer, the symbol only decorates it.
 */
const LEADING_MARK = /^[◎○〇◯●△▲▽▼×✕✖□■◇◆☆★?？]/u;

/** A number written beside an answer label, e.g. "実施している(4点)", "4:実施している". */
const WITH_POINTS = /^(?:(-?\d+)点?)?(\D+?)(?:(-?\d+)点?)?$/;

/** An answer written as text; the points written beside it must agree with the label. */
export function readAnswerText(v: CellValue): Reading<AnswerId> {
  if (isBlank(v)) return BLANK;
  if (isCellError(v)) return { kind: "error", error: v.error };
  if (isUncalculated(v)) return UNCALCULATED;
  if (typeof v !== "string") return INVALID;
  const key = textKey(v);
  const direct = SPELLINGS.get(key) ?? SPELLINGS.get(key.replace(LEADING_MARK, ""));
  if (direct) return { kind: "value", value: direct };
  const m = WITH_POINTS.exec(key);
  if (!m) return INVALID;
  const id = SPELLINGS.get(m[2]);
  if (!id) return INVALID;
  const written = m[1] ?? m[3];
  if (m[1] !== undefined && m[3] !== undefined) return INVALID;
  const points = ANSWERS.find((a) => a.id === id)!.points;
  return written !== undefined && Number(written) === points ? { kind: "value", value: id } : INVALID;
}

/** True when the text is one of the four answer labels (for grid headers). */
export function answerLabel(v: CellValue): AnswerId | null {
  const r = readAnswerText(v);
  return r.kind === "value" ? r.value : null;
}

const POINTS_TEXT = /^([+-]?\d+(?:\.\d+)?)点?$/;

/** The number a cell holds, as a number or numeric text ("４", "－1", "2点"); null if none. */
export function numericValue(v: CellValue): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  // A leading long-vowel mark is a common way to type a minus sign in Japanese input.
  const s = squeeze(v).replace(/^[\u2212\u2010-\u2015\u30fc]/, "-");
  const m = POINTS_TEXT.exec(s);
  return m ? Number(m[1]) : null;
}

/** Points as a number or numeric text; anything else, or a number outside 4/2/0/−1, is invalid. */
export function readPoints(v: CellValue): Reading<AnswerId> {
  if (isBlank(v)) return BLANK;
  if (isCellError(v)) return { kind: "error", error: v.error };
  if (isUncalculated(v)) return UNCALCULATED;
  const n = numericValue(v);
  if (n === null) return INVALID;
  const a = answerForPoints(n);
  return a ? { kind: "value", value: a.id } : INVALID;
}

/**
 * A mark under an answer column: any single character (〇 ○ ◯ ● ✓ ✔ x レ 1 …) or TRUE.
 * FALSE, 0 and blank are "no mark" (checkbox-linked cells and 1/0 flags write those); a date is
 * not a mark.
 */
export function readMark(v: CellValue): Reading<true> {
  if (isBlank(v) || v === false || v === 0) return BLANK;
  if (isCellError(v)) return { kind: "error", error: v.error };
  if (isUncalculated(v)) return UNCALCULATED;
  if (isCellDate(v)) return INVALID;
  if (v === true) return { kind: "value", value: true };
  const s = squeeze(String(v));
  if (s === "0") return BLANK;
  return [...s].length === 1 ? { kind: "value", value: true } : INVALID;
}

const NUMBER_TOKEN = /^(?:no|№|問|q|項目|設問|番号)?(\d{1,2})(?:[.)\]】:、番])?$/;
const LEADING_NUMBER = /^(?:no\.?|№|問|q|設問)?[([【]?\s*(\d{1,2})(?:\s*[.)\]】:、．]\s*|\s+)(?=\S)/i;

/** An item number standing alone in a cell: 7, "7", "No.7", "問7", "(7)", "⑦". */
export function readItemNumber(v: CellValue): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v >= 1 && v <= 99 ? v : null;
  if (typeof v !== "string") return null;
  const s = squeeze(v).replace(/^[([【]/, "");
  const m = NUMBER_TOKEN.exec(s);
  return m ? Number(m[1]) : null;
}

/** An item number at the start of a question text: "7. …", "No.7 …", "(7) …", "７）…". */
export function leadingItemNumber(text: string): number | null {
  const s = text.normalize("NFKC").trimStart();
  const m = LEADING_NUMBER.exec(s);
  return m ? Number(m[1]) : null;
}
