/**
 * The ExcelJS host's reader: a file or buffer to a WorkbookSnapshot, with the file checks
 * that turn the usual wrong inputs (old .xls, encrypted .xlsx, CSV, .docx) into message codes.
 */
import ExcelJS from "exceljs";
import { decodeInlineStrings } from "./inlineText";
import {
  numberInDateFormat,
  serialFromDate,
  type CellRange,
  type CellValue,
  type SheetFormula,
  type SheetSnapshot,
  type SheetVisibility,
  type WorkbookSnapshot,
} from "../core/snapshot";
import { emptyFormulaResults, type EmptyResults } from "./formulaResults";
import { webInflate, type Inflate } from "./inflate";
import { checkPackageBounds } from "./packageBounds";
import { WorkbookReadError } from "./readError";
import { zipEntries, type ZipEntry } from "./zipPackage";

export { WorkbookReadError, type WorkbookReadErrorCode } from "./readError";

// ---------------------------------------------------------------------------------------------
// Reading

/** `inflate` unpacks parts to measure them before ExcelJS loads them, and the sheets whose formula results need a second look (the Node hosts pass zlib's). */
export async function readWorkbookBuffer(buf: Buffer | Uint8Array, name: string, inflate?: Inflate): Promise<WorkbookSnapshot> {
  const wb = await loadExcelJs(buf, name, inflate);
  return snapshotFromWorkbook(wb, name);
}

/**
 * Checks the bytes (the kind of file, then its size and cell counts against ./limits.ts), then
 * loads them with ExcelJS and gives back the empty formula results it drops, and nothing more
 * (the benchmark compares readWorkbookBuffer against this). Throws WorkbookReadError for files
 * that are not xlsx or are too large.
 */
export async function loadExcelJs(buf: Buffer | Uint8Array, name = "workbook", inflate: Inflate = webInflate): Promise<ExcelJS.Workbook> {
  const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let entries: ZipEntry[];
  try {
    entries = checkWorkbookBytes(bytes, name);
    await checkPackageBounds(bytes, name, entries, inflate);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    // Bytes the checks could not make sense of: unreadable, as when ExcelJS fails below.
    throw new WorkbookReadError("file-unreadable", name, { cause: e });
  }
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings ask for its own Buffer flavour; a Node Buffer is what it reads.
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    // It has an xl/workbook.xml (checked above), so it claims to be a workbook but is damaged
    // or uses something ExcelJS cannot parse: unreadable rather than "not an xlsx".
    throw new WorkbookReadError("file-unreadable", name, { cause: e });
  }
  // Every workbook has a sheet. None means ExcelJS found no part it understands (part names
  // it does not expect, Strict Open XML) and would otherwise pass for "no diagnosis found".
  if (wb.worksheets.length === 0) {
    throw new WorkbookReadError("file-unreadable", name, { cause: new Error("no worksheet could be read") });
  }
  restoreEmptyResults(wb, await emptyFormulaResults(bytes, entries, wb, inflate));
  await decodeInlineStrings(bytes, entries, wb, inflate);
  return wb;
}

/**
 * Gives back to the formula cells whose cached value is empty text the result ExcelJS dropped
 * when loading: the snapshot then reads them as blank (not uncalculated), and a rewrite saves
 * them as Excel did, with their empty value.
 */
function restoreEmptyResults(wb: ExcelJS.Workbook, empty: EmptyResults): void {
  for (const [sheet, keys] of empty) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    for (const key of keys) {
      const [row, col] = key.split(",").map(Number);
      const cell = ws.getCell(row + 1, col + 1);
      const v = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue | null;
      if (cell.type === T.Formula && v !== null && v.result === undefined) cell.value = { ...v, result: "" } as ExcelJS.CellValue;
    }
  }
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = Buffer.from("PK\x03\x04", "latin1");
const ZIP_EMPTY = Buffer.from("PK\x05\x06", "latin1");
// Stream names as stored in a CFB directory (UTF-16LE). Searching the bytes rather than
// parsing the directory is enough to tell these few kinds apart.
const utf16 = (names: string[]) => names.map((s) => Buffer.from(s, "utf16le"));
const ENCRYPTION_STREAMS = utf16(["EncryptedPackage", "EncryptionInfo"]);
const EXCEL_STREAMS = utf16(["Workbook", "Book"]);
const OTHER_OFFICE_STREAMS = utf16(["WordDocument", "PowerPoint Document"]);

/** Throws WorkbookReadError when the bytes are clearly not an xlsx workbook; else the zip's entries. */
export function checkWorkbookBytes(bytes: Buffer, name: string): ZipEntry[] {
  if (bytes.length === 0) throw new WorkbookReadError("file-empty", name);
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    const has = (streams: Buffer[]) => streams.some((s) => bytes.indexOf(s) >= 0);
    if (has(ENCRYPTION_STREAMS)) throw new WorkbookReadError("file-encrypted", name);
    // A .doc or .ppt picked by mistake; any other CFB is most likely an old workbook.
    if (!has(EXCEL_STREAMS) && has(OTHER_OFFICE_STREAMS)) throw new WorkbookReadError("file-not-xlsx", name);
    throw new WorkbookReadError("file-old-xls", name);
  }
  if (bytes.subarray(0, 4).equals(ZIP_EMPTY)) throw new WorkbookReadError("file-not-xlsx", name);
  if (!bytes.subarray(0, 4).equals(ZIP_LOCAL)) throw new WorkbookReadError("file-not-xlsx", name);
  const entries = zipEntries(bytes);
  if (entries === "damaged") {
    const cause = new Error("the zip directory is missing or damaged (truncated file?)");
    throw new WorkbookReadError("file-unreadable", name, { cause });
  }
  // A zip of another kind (.docx, .ods, .jar ...): the user picked the wrong file.
  if (!entries.some((e) => e.name.toLowerCase() === "xl/workbook.xml")) throw new WorkbookReadError("file-not-xlsx", name);
  return entries;
}

/**
 * What the package writer (./writePackage.ts) cannot keep as it was, by the folder that holds
 * it in the package. Every other part is carried over byte for byte, so charts, pivots, macros,
 * controls and the rest no longer count. What is left: a digital signature signs the package's
 * parts, and any change to them (our sheets, a colour) makes it invalid; only its owner can sign
 * again. (The names keep their history: these parts are "lost" in that sense.)
 */
/** The kinds of part, named in messages by the resource "lostPart.<kind>". */
export type LostPart = "signature";

const PARTS_EXCELJS_DROPS: readonly { prefix: string; part: LostPart }[] = [{ prefix: "_xmlsignatures/", part: "signature" }];

/** What editing this package would make invalid (empty when nothing). */
export function partsLostByRewrite(bytes: Buffer): LostPart[] {
  const entries = zipEntries(bytes);
  if (entries === "damaged") return [];
  const lost = new Set<LostPart>();
  // Part names are case-insensitive in OPC.
  for (const e of entries) for (const p of PARTS_EXCELJS_DROPS) if (e.name.toLowerCase().startsWith(p.prefix)) lost.add(p.part);
  return [...lost];
}

// ---------------------------------------------------------------------------------------------
// Conversion

/*
 * ExcelJS internals read directly: the public getters copy (cell.value of a formula, row.values)
 * or add passes (eachRow's hasValues), which would dominate the conversion of a large sheet.
 * Shapes checked against exceljs 4.4.0 (pinned in package.json).
 */
interface RawCell {
  readonly type: number;
  readonly value: unknown;
  readonly result: unknown;
  readonly text: string;
}
interface RawRow {
  readonly _cells: (RawCell | undefined)[];
  readonly hidden: boolean;
}
interface RawColumn {
  readonly hidden: boolean;
}
interface RawRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}
interface RawSheet {
  readonly _rows: (RawRow | undefined)[];
  readonly _columns: (RawColumn | undefined)[] | null;
  readonly _merges: Record<string, RawRange | undefined>;
}

const T = ExcelJS.ValueType;

/** How a sheet's values are mapped: the date system. */
interface Mapping {
  date1904: boolean;
}

export function snapshotFromWorkbook(wb: ExcelJS.Workbook, name: string): WorkbookSnapshot {
  const date1904 = Boolean(wb.properties?.date1904);
  return { name, sheets: wb.worksheets.map((ws) => sheetSnapshot(ws, { date1904 })) };
}

function sheetSnapshot(ws: ExcelJS.Worksheet, mapping: Mapping): SheetSnapshot {
  const raw = ws as unknown as RawSheet;
  const rows = raw._rows;

  // Pass 1: the used range's top, left and bottom. A row's scan stops at its first value.
  let top = -1;
  let bottom = -1;
  let left = Number.MAX_SAFE_INTEGER;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const cells = row._cells;
    const n = Math.min(cells.length, left);
    let found = false;
    for (let c = 0; c < n; c++) {
      const cell = cells[c];
      if (cell && cellValue(cell, mapping) !== null) {
        left = c;
        found = true;
        break;
      }
    }
    // Cells at or right of `left` are not rescanned: any of them makes the row non-empty.
    if (!found && n < cells.length && rowHasValueFrom(cells, n, mapping)) found = true;
    if (found) {
      if (top < 0) top = r;
      bottom = r;
    }
  }

  const values: CellValue[][] = [];
  const formulas: SheetFormula[] = [];
  if (top >= 0) {
    // Pass 2: each row from `left` to its last value.
    for (let r = top; r <= bottom; r++) {
      const row = rows[r];
      const out: CellValue[] = [];
      if (row) {
        const cells = row._cells;
        let last = -1;
        for (let c = left; c < cells.length; c++) {
          const cell = cells[c];
          const v = cell ? cellValue(cell, mapping) : null;
          out.push(v);
          if (v !== null) {
            last = c - left;
            if (cell!.type === T.Formula) formulas.push({ row: r, col: c, formula: formulaText(cell!) });
          }
        }
        out.length = last + 1;
      }
      values.push(out);
    }
  }

  const hiddenRows: number[] = [];
  for (let r = 0; r < rows.length; r++) if (rows[r]?.hidden) hiddenRows.push(r);
  const hiddenColumns: number[] = [];
  const cols = raw._columns ?? [];
  for (let c = 0; c < cols.length; c++) if (cols[c]?.hidden) hiddenColumns.push(c);

  const merges: CellRange[] = [];
  for (const m of Object.values(raw._merges)) {
    if (m) merges.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  merges.sort((a, b) => a.top - b.top || a.left - b.left);

  return {
    name: ws.name,
    // The file's sheetId: it stays with the sheet when Excel renames or moves it.
    id: { host: "xlsx", id: String(ws.id) },
    visibility: visibilityOf(ws.state),
    top: top < 0 ? 0 : top,
    left: top < 0 ? 0 : left,
    values,
    hiddenRows,
    hiddenColumns,
    merges,
    formulas,
  };
}

function rowHasValueFrom(cells: (RawCell | undefined)[], from: number, mapping: Mapping): boolean {
  for (let c = from; c < cells.length; c++) {
    const cell = cells[c];
    if (cell && cellValue(cell, mapping) !== null) return true;
  }
  return false;
}

function visibilityOf(state: string | undefined): SheetVisibility {
  return state === "hidden" || state === "veryHidden" ? state : "visible";
}

function cellValue(cell: RawCell, m: Mapping): CellValue {
  switch (cell.type) {
    case T.Null:
    case T.Merge: // only the master of a merge keeps the value
      return null;
    case T.Number:
    case T.Boolean:
      return cell.value as number | boolean;
    case T.String:
      return (cell.value as string) === "" ? null : (cell.value as string);
    case T.Formula:
      // Saved without a value (a cached empty text was given back by restoreEmptyResults).
      if (cell.result === undefined) return { formula: formulaText(cell) };
      return plainValue(cell.result, m);
    default:
      return plainValue(cell.value, m);
  }
}

/** The formula of a formula cell (a shared formula's follower gets its own, translated). */
function formulaText(cell: RawCell): string {
  const f = (cell as unknown as { formula?: unknown }).formula;
  return typeof f === "string" ? f : "";
}

/**
 * Maps a value as ExcelJS holds it (also a formula's cached result) to a CellValue. ExcelJS
 * gives a Date for a number in a date or time format (utils.isDateFmt on the cell's format); it
 * becomes a CellDate by the same arithmetic the Office.js host uses on Excel's serial number.
 */
function plainValue(v: unknown, m: Mapping): CellValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "string":
      return v === "" ? null : v;
    case "number":
    case "boolean":
      return v;
    case "object": {
      if (v instanceof Date) {
        // ExcelJS turns a number past about 100 million days into an invalid Date, losing the
        // number; Excel shows such a cell as "#####", which is what the engine then sees.
        if (Number.isNaN(v.getTime())) return "########";
        return numberInDateFormat(serialFromDate(v, m.date1904), m.date1904);
      }
      const o = v as { error?: unknown; richText?: unknown; text?: unknown };
      if (typeof o.error === "string") return { error: o.error };
      if (Array.isArray(o.richText)) return richTextString(o.richText);
      // A hyperlink {text, hyperlink}; its text may itself be rich text.
      if ("text" in o) return plainValue(o.text, m);
      return null;
    }
    default:
      return null;
  }
}

function richTextString(runs: { text?: unknown }[]): string | null {
  let s = "";
  for (const run of runs) if (typeof run.text === "string") s += run.text;
  return s === "" ? null : s;
}
