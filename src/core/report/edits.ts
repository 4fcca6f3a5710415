/**
 * The expert's edits read back from our previous priority sheet: the 緊急度 / 重要度 / 難易度
 * cells and the note cell of each item. The sheet is found by its marker; its columns by their
 * header text in either language (the last run may have been in the other one), its rows by the
 * item number, so that sorted rows or inserted columns still read right.
 *
 * A rating counts as an edit only when it differs from what we wrote last time as the default
 * (the state's ratingDefaults); without a record, when it differs from today's default. So an
 * untouched rating follows a changed answer. Blank ratings are the default; anything that is not
 * 高/中/低 (High/Medium/Low) is reported with its cell and the default is used. Notes always
 * carry over.
 */
import { a1, type CellAddress } from "../address";
import type { ItemNo } from "../catalog/diagnosis";
import { ITEM_COUNT } from "../catalog/diagnosis";
import { RATING_LABELS, type Rating } from "../catalog/itemGuidance";
import { t, type Lang, type MessageKey } from "../i18n";
import { message, resourceParam, type EngineMessage } from "../messages";
import type { StateData } from "../plan";
import { RATING_KEYS, type ItemRatings, type PriorityEdits, type RatingKey } from "../prioritise";
import { cellAt, isCellDate, isCellError, isUncalculated, sheetBottom, sheetRight, type CellValue, type SheetSnapshot } from "../snapshot";
import { displayValue, textKey } from "../text/normalise";

const RATINGS: readonly Rating[] = ["high", "medium", "low"];

/** 高 / 中 / 低, High / Medium / Low (and the ids) to a rating; null for anything else. */
export function parseRating(v: unknown): Rating | null {
  if (typeof v !== "string") return null;
  const key = textKey(v);
  for (const r of RATINGS) {
    if (key === r || key === textKey(RATING_LABELS[r].ja) || key === textKey(RATING_LABELS[r].en)) return r;
  }
  return null;
}

type Column = RatingKey | "no" | "note";
const HEADER_KEYS: Record<Column, MessageKey> = {
  no: "report.priorities.col.no",
  urgency: "report.priorities.col.urgency",
  importance: "report.priorities.col.importance",
  difficulty: "report.priorities.col.difficulty",
  note: "report.priorities.col.note",
};
/** How far down the header row is looked for. */
const HEADER_SEARCH_ROWS = 40;

function findColumns(sheet: SheetSnapshot): { headerRow: number; cols: Partial<Record<Column, number>> } | null {
  const wanted = Object.entries(HEADER_KEYS).map(([col, key]) => ({
    col: col as Column,
    keys: new Set([textKey(t("ja", key)), textKey(t("en", key))]),
  }));
  const right = sheetRight(sheet);
  const last = Math.min(sheetBottom(sheet), sheet.top + HEADER_SEARCH_ROWS);
  for (let row = sheet.top; row <= last; row++) {
    const cols: Partial<Record<Column, number>> = {};
    for (let col = sheet.left; col <= right; col++) {
      const v = cellAt(sheet, row, col);
      if (typeof v !== "string") continue;
      const key = textKey(v);
      const w = wanted.find((x) => x.keys.has(key) && cols[x.col] === undefined);
      if (w) cols[w.col] = col;
    }
    if (cols.no !== undefined && RATING_KEYS.some((k) => cols[k] !== undefined)) return { headerRow: row, cols };
  }
  return null;
}

function itemNumber(v: CellValue): ItemNo | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v.normalize("NFKC").trim()) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= ITEM_COUNT ? n : null;
}

function noteText(v: CellValue): string | null {
  if (v === null || isCellError(v) || isUncalculated(v)) return null;
  // A date typed as a note is kept as the date it shows (ISO), never as a serial number.
  const s = typeof v === "string" ? v : isCellDate(v) ? v.date : String(v);
  return s.trim() === "" ? null : s;
}

export interface ReadEditsResult {
  edits: PriorityEdits;
  messages: EngineMessage[];
  /** The cell each note was read from. */
  noteCells: Map<ItemNo, CellAddress>;
}

/**
 * Reads the edits of our previous priority sheet.
 * @param stored what the last run wrote as defaults (state.ratingDefaults), null without a record
 * @param defaults today's defaults per item (prioritise without edits)
 * @param lang the language the default is named in, in messages
 */
export function readPriorityEdits(
  sheet: SheetSnapshot,
  stored: StateData["ratingDefaults"] | null,
  defaults: ReadonlyMap<ItemNo, ItemRatings>,
  lang: Lang,
): ReadEditsResult {
  const edits: PriorityEdits = { ratings: {}, notes: {} };
  const messages: EngineMessage[] = [];
  const noteCells = new Map<ItemNo, CellAddress>();
  const found = findColumns(sheet);
  if (!found) return { edits, messages, noteCells };
  const { headerRow, cols } = found;
  const seen = new Set<ItemNo>();

  for (let row = headerRow + 1; row <= sheetBottom(sheet); row++) {
    const no = itemNumber(cellAt(sheet, row, cols.no!));
    if (no === null || seen.has(no)) continue;
    seen.add(no);
    const today = defaults.get(no)!;
    const before = stored?.[String(no)];

    for (const key of RATING_KEYS) {
      const col = cols[key];
      if (col === undefined) continue;
      const v = cellAt(sheet, row, col);
      if (v === null || (typeof v === "string" && v.trim() === "")) continue;
      const rating = parseRating(v);
      if (rating === null) {
        messages.push(
          message("warning", "invalid-rating", sheet.name, a1(row, col), {
            no,
            value: displayValue(v),
            rating: resourceParam(HEADER_KEYS[key]),
            default: RATING_LABELS[today[key]][lang],
          }),
        );
        continue;
      }
      // Told apart from what we wrote as the default last time (or, without a record, today's).
      const reference = (before && parseRating(before[key])) ?? today[key];
      if (rating !== reference) (edits.ratings[no] ??= {})[key] = rating;
    }

    if (cols.note !== undefined) {
      const note = noteText(cellAt(sheet, row, cols.note));
      if (note !== null) {
        edits.notes[no] = note;
        noteCells.set(no, a1(row, cols.note));
      }
    }
  }
  return { edits, messages, noteCells };
}
