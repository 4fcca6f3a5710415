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
import type JSZip from "jszip";

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

const decode = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);

/** Sheet name → its part's path in the package, from xl/workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const book = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  const out = new Map<string, string>();
  if (!book || !rels) return out;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, decode(target));
  }
  for (const m of book.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /:id="([^"]*)"/.exec(m[0])?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    if (name === undefined || target === undefined) continue;
    out.set(decode(name), target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  return out;
}

/** "AB12" → "11,27". */
function key(ref: string): string | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return `${Number(m[2]) - 1},${col - 1}`;
}

/** Formula cells with an empty <v> in one sheet's XML. */
function emptyValueCells(xml: string): Set<string> {
  const out = new Set<string>();
  // A cell element with content; formulas and values are XML-escaped, so "<" only opens tags.
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const inner = m[2];
    if (inner === undefined || !inner.includes("<f")) continue;
    if (!/<v\s*\/>|<v>\s*<\/v>|<v\b[^>]*>\s*<\/v>/.test(inner)) continue;
    const ref = /\br="([A-Z]{1,3}\d+)"/.exec(m[1])?.[1];
    const k = ref === undefined ? null : key(ref);
    if (k) out.add(k);
  }
  return out;
}

/**
 * The formula cells of a loaded workbook whose cached value is empty text, by sheet. Reads only
 * the sheets where ExcelJS found a formula without result (none in most workbooks).
 */
export async function emptyFormulaResults(bytes: Buffer, wb: ExcelJS.Workbook): Promise<EmptyResults> {
  const out: EmptyResults = new Map();
  const sheets = sheetsWithoutResults(wb);
  if (sheets.length === 0) return out;
  // Loaded only for such a workbook (the browser preview fetches it as a chunk of its own then).
  const { default: JSZipClass } = await import("jszip");
  const zip = await JSZipClass.loadAsync(bytes);
  const parts = await sheetParts(zip);
  for (const name of sheets) {
    const path = parts.get(name);
    const file = path === undefined ? null : zip.file(path);
    // ExcelJS read this sheet from the package, so its part is there; were it not found, its
    // formulas without result stay uncalculated, which is what ExcelJS says of them.
    if (!file) continue;
    out.set(name, emptyValueCells(await file.async("string")));
  }
  return out;
}
