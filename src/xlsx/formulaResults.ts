/**
 * Telling a formula saved without its value from one whose value is empty text.
 *
 * Excel saves a formula that gives "" (IF(…,"") is common) as `<c t="str"><f>…</f><v></v></c>`;
 * tools that do not calculate (ExcelJS without a result, openpyxl, Apache POI) save the formula
 * alone, `<c><f>…</f></c>`. ExcelJS 4.4.0 (pinned) reads both as a formula without result
 * (cell-xform.js keeps a cached value only when the <v> element has text). This reads the sheet
 * XML of the sheets that have such cells and lists the cells whose <v> is there but empty: their
 * value is "" (blank); the others are really uncalculated.
 */
import type ExcelJS from "exceljs";
import { tryParseA1 } from "../core/address";
import type { Inflate } from "./inflate";
import { partText, sheetParts } from "./packageParts";
import { PREFIX, attribute } from "./xmlMarkup";
import type { ZipEntry } from "./zipPackage";

/** Sheet name → the 0-based "row,col" keys of formula cells whose cached value is empty text. */
export type EmptyResults = Map<string, Set<string>>;

interface RawCell {
  readonly type: number;
  readonly result: unknown;
}
interface RawRow {
  readonly _cells: (RawCell | undefined)[];
}

const FORMULA = 6; // ExcelJS.ValueType.Formula

/** The names of the sheets holding a formula cell that ExcelJS read without a result. */
function sheetsWithoutResults(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    const rows = (ws as unknown as { _rows: (RawRow | undefined)[] })._rows;
    const found = rows.some((row) => row?._cells.some((c) => c !== undefined && c.type === FORMULA && c.result === undefined));
    if (found) out.push(ws.name);
  }
  return out;
}

/** A cell element with its content (formulas and values are XML-escaped, so "<" only opens tags). */
export const CELL = new RegExp(`<${PREFIX}c(?=[\\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)(?:/>|>([\\s\\S]*?)</${PREFIX}c>)`, "g");
const FORMULA_ELEMENT = new RegExp(`<${PREFIX}f[\\s/>]`);
/** A value element with nothing in it: <v/>, <v></v>, <v xml:space="preserve"> </v>. */
const EMPTY_VALUE = new RegExp(`<${PREFIX}v(?:\\s[^>]*)?(?:/>|>\\s*</${PREFIX}v>)`);

/** Formula cells with an empty <v> in one sheet's XML, as 0-based "row,col" keys. */
function emptyValueCells(xml: string): Set<string> {
  const out = new Set<string>();
  for (const m of xml.matchAll(CELL)) {
    const inner = m[2];
    if (inner === undefined || !FORMULA_ELEMENT.test(inner) || !EMPTY_VALUE.test(inner)) continue;
    const ref = attribute(m[1], "r");
    const at = ref === null ? null : tryParseA1(ref);
    if (at) out.add(`${at.row},${at.col}`);
  }
  return out;
}

/**
 * The formula cells of a loaded workbook whose cached value is empty text, by sheet. Reads only
 * the sheets where ExcelJS found a formula without result (none in most workbooks): nothing more
 * is unpacked for the others.
 */
export async function emptyFormulaResults(bytes: Buffer, entries: readonly ZipEntry[], wb: ExcelJS.Workbook, inflate: Inflate): Promise<EmptyResults> {
  const out: EmptyResults = new Map();
  const sheets = sheetsWithoutResults(wb);
  if (sheets.length === 0) return out;
  const parts = await sheetParts(bytes, entries, inflate);
  for (const name of sheets) {
    const entry = parts.get(name);
    const xml = entry === undefined ? null : await partText(bytes, entry, inflate);
    // ExcelJS read this sheet from the package, so its part is there and unpacks (the bounds
    // check unpacked it too); were it not found or read, its formulas without result stay
    // uncalculated, which is what ExcelJS says of them, and each is reported as such.
    if (xml === null) continue;
    out.set(name, emptyValueCells(xml));
  }
  return out;
}
