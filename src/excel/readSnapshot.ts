/// <reference types="office-js" />
/**
 * The Office.js host's reader: the open workbook to a WorkbookSnapshot in a fixed number of
 * syncs, whatever the workbook:
 *
 *   1. the sheets (name, visibility), the workbook's name and its date system;
 *   2. each sheet's used range (values only: address indexes and size) and, with ExcelApi 1.13,
 *      the merged areas within it. Excel refuses getMergedAreasOrNullObject on a range holding
 *      more than 512 merged areas (form-style sheets do): the sync then fails, and two more are
 *      spent: the used ranges alone, then the merged areas in bands of at most 512 cells, which
 *      cannot hold more (mergedAreas.ts), all sheets in one request; should Excel refuse even
 *      those, the sheets are read without their merges and `messages` names each;
 *   3. the values, value types and number formats of every sheet's read region (the format tells
 *      a date from a number), with its hidden columns (and,
 *      with ExcelApi 1.9, hidden rows); when the cells to read exceed the per-request budget,
 *      they are read in row chunks over further syncs (counted and reported).
 *
 * Size rules (DEFAULT_READ_LIMITS):
 * - A sheet whose used range holds at most `maxSheetCells` (100,000) cells is read whole.
 * - A larger sheet is a data sheet: only its first `cappedRows` (1,000) rows and first
 *   `cappedColumns` (100) columns of the used range are read, and the result lists it under
 *   `truncated`. The diagnosis (about 30–60 rows) and the checksheet (headers within the first
 *   300 rows, HEADER_SEARCH_ROWS) sit at the top of the sheets they are on; a diagnosis that
 *   starts below row 1,000 of such a sheet, or right of its 100th column, is not found.
 * - One request reads at most `maxCellsPerRequest` (80,000) cells, about 2.5 MB of JSON for
 *   ordinary content (values, value types and number formats), below the 5 MB Excel on the web
 *   allows. Should a response still be
 *   too large (long texts), Excel refuses it and the request is split in two and read again
 *   (each attempt counted); a single row that does not fit is an error. Excel on the web often
 *   refuses it as GeneralException rather than with a payload-limit code: that is taken for
 *   "too large" on a request of at least SIZE_SUSPECT_CELLS cells, and thrown as it is on a
 *   smaller one.
 *
 * Hidden columns matter (the recogniser takes a hidden column only as a points partner): with
 * ExcelApi 1.9 they come from one getColumnProperties call per sheet, else from one one-cell
 * range per column. Hidden rows, which no recogniser uses, come with ExcelApi 1.9 from
 * getRowProperties (about 20 bytes a row) and are left empty without it. Merged areas need
 * ExcelApi 1.13; without it the snapshot has no merges and the result says so in `warnings`
 * (a question merged over two rows is then read from its first row only).
 *
 * Values map as the xlsx host maps them (values.ts), dates by the workbook's date system, which
 * the worksheet function DATE(1904,1,1) tells in the first sync: 0 in the 1904 system, 1462 in
 * the 1900 system (the Workbook object of the ExcelApi sets in @types/office-js has no property
 * for it). The snapshot's used range is trimmed the same
 * way (first and last rows with a value, leftmost column with a value, rows cut after their last
 * value), so that both hosts give the same snapshot of the same workbook.
 */
import { parseAreas } from "../core/address";
import type { CellRange, CellValue, SheetFormula, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from "../core/snapshot";
import { detectCapabilities, requireBase, type ExcelCapabilities } from "./capabilities";
import { message, type EngineMessage } from "../core/messages";
import { ExcelHostError, SyncCounter, isGeneralException, isPayloadLimit } from "./errors";
import { bands, uniqueAreas } from "./mergedAreas";
import { cellValue } from "./values";

export interface ReadLimits {
  maxSheetCells: number;
  cappedRows: number;
  cappedColumns: number;
  maxCellsPerRequest: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxSheetCells: 100_000,
  cappedRows: 1_000,
  cappedColumns: 100,
  maxCellsPerRequest: 80_000,
};

export interface ReadOptions {
  /** Default: asked of Office.context.requirements. */
  capabilities?: ExcelCapabilities;
  /** The snapshot's name; default the workbook's name as Excel gives it. */
  name?: string;
  limits?: Partial<ReadLimits>;
}

export interface TruncatedSheet {
  sheet: string;
  /** The used range's size, and what was read of it (from its top-left cell). */
  rows: number;
  columns: number;
  rowsRead: number;
  columnsRead: number;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  /** context.sync() calls made (3 for any workbook that fits one request, plus chunks and retries, and 2 when a sheet holds more merged areas than Excel returns at once). */
  syncs: number;
  /** Estimated payload: UTF-8 bytes of the JSON Excel sent back. */
  bytes: number;
  /** Sheets too large to read whole. */
  truncated: TruncatedSheet[];
  /** What could not be read as the xlsx host would (merges without ExcelApi 1.13, …). */
  warnings: string[];
  /** What the user should know about the read, in their language (a sheet read without its merged cells). */
  messages: EngineMessage[];
}

/** Bands of merged cells read in one request when a sheet holds more merged areas than Excel returns at once (about 450 bytes of request each). */
export const MAX_BANDS_PER_REQUEST = 4_000;

const VISIBILITY: Record<string, SheetVisibility> = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" };

interface Region {
  sheet: number;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

interface Chunk extends Region {
  /** The sheet's first chunk also reads the hidden columns. */
  first: boolean;
}

interface SheetData {
  region: Region;
  /** Values of the region, row by row, filled chunk by chunk. */
  rows: CellValue[][];
  hiddenColumns: number[];
  hiddenRows: number[];
  /** The region's formula cells with a value, chunk by chunk (sorted at the end). */
  formulas: SheetFormula[];
}

export async function readSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<ReadResult> {
  const caps = options.capabilities ?? detectCapabilities();
  requireBase(caps);
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const counter = new SyncCounter(context);
  const warnings: string[] = [];
  const messages: EngineMessage[] = [];
  const wb = context.workbook;

  // 1. The sheets.
  const collection = wb.worksheets;
  collection.load("items/name,items/visibility,items/id");
  if (options.name === undefined) wb.load("name");
  const dateSystem = wb.functions.date(1904, 1, 1).load("value");
  await counter.sync("reading the list of sheets");
  const sheets = collection.items;
  const names = sheets.map((ws) => ws.name);
  counter.count(sheets.map((ws) => [ws.name, ws.visibility, ws.id]));
  counter.count(dateSystem.value);
  const date1904 = dateSystem.value === 0;
  const name = options.name ?? wb.name;

  // 2. Used ranges and, within them, merged areas.
  const usedRanges = () => sheets.map((ws) => ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"));
  let used = usedRanges();
  // getUsedRange (not …OrNullObject): a blank sheet gives its top-left cell, so the chain holds.
  const merged = caps.mergedAreas ? sheets.map((ws) => ws.getUsedRange(true).getMergedAreasOrNullObject().load("address")) : null;
  let mergesRefused = false;
  try {
    await counter.sync(merged ? "reading the sheets' used ranges and merged cells" : "reading the sheets' used ranges");
  } catch (e) {
    // Excel fails getMergedAreasOrNullObject above 512 merged areas in the range, with a code it
    // does not document: the used ranges alone (an error now is a real one, thrown), then the
    // merges in bands that cannot hold that many (mergedAreas.ts).
    if (!merged || !(e instanceof ExcelHostError)) throw e;
    mergesRefused = true;
    used = usedRanges();
    await counter.sync("reading the sheets' used ranges (without their merged cells, which Excel refused)");
  }

  const truncated: TruncatedSheet[] = [];
  const data: (SheetData | null)[] = used.map((u, i) => {
    if (u.isNullObject) return null;
    const size = { rows: u.rowCount, cols: u.columnCount };
    counter.count([u.rowIndex, u.columnIndex, size.rows, size.cols]);
    let region: Region = { sheet: i, top: u.rowIndex, left: u.columnIndex, ...size };
    if (size.rows * size.cols > limits.maxSheetCells) {
      region = { ...region, rows: Math.min(size.rows, limits.cappedRows), cols: Math.min(size.cols, limits.cappedColumns) };
      truncated.push({ sheet: names[i], rows: size.rows, columns: size.cols, rowsRead: region.rows, columnsRead: region.cols });
    }
    return { region, rows: [], hiddenColumns: [], hiddenRows: [], formulas: [] };
  });
  const addresses: (string | null)[][] = mergesRefused
    ? await readMergesInBands(sheets, data, counter, warnings, messages)
    : names.map((_, i) => {
        const m = merged?.[i];
        return m && !m.isNullObject ? [m.address] : [];
      });
  const merges: CellRange[][] = names.map((sheetName, i) => {
    const found: CellRange[] = [];
    for (const address of addresses[i]) {
      if (address === null) continue;
      counter.count(address);
      try {
        found.push(...parseAreas(address));
      } catch (e) {
        warnings.push(`sheet "${sheetName}": its merged cells could not be read (${(e as Error).message})`);
        return [];
      }
    }
    return uniqueAreas(found);
  });
  if (!caps.mergedAreas) warnings.push("merged cells were not read: this Excel lacks ExcelApi 1.13 (Range.getMergedAreasOrNullObject)");
  if (!caps.cellProperties) warnings.push("hidden rows were not read: this Excel lacks ExcelApi 1.9 (no recogniser uses them)");

  // 3. Values, in requests of at most maxCellsPerRequest cells.
  const chunks: Chunk[] = [];
  for (const d of data) {
    if (!d) continue;
    const r = d.region;
    const step = Math.max(1, Math.floor(limits.maxCellsPerRequest / r.cols));
    for (let top = 0; top < r.rows; top += step) chunks.push({ ...r, top: r.top + top, rows: Math.min(step, r.rows - top), first: top === 0 });
  }
  const requests: Chunk[][] = [];
  let cells = Infinity;
  for (const c of chunks) {
    if (cells + c.rows * c.cols > limits.maxCellsPerRequest) {
      requests.push([]);
      cells = 0;
    }
    requests[requests.length - 1].push(c);
    cells += c.rows * c.cols;
  }
  for (const request of requests) await readChunks(sheets, request, data as SheetData[], caps, counter, date1904);

  const snapshot: WorkbookSnapshot = {
    name,
    // Worksheet.id stays with the sheet when it is renamed or moved.
    sheets: sheets.map((ws, i) => ({
      ...sheetSnapshot(names[i], VISIBILITY[ws.visibility] ?? "visible", data[i], merges[i]),
      id: { host: "excel" as const, id: ws.id },
    })),
  };
  return { snapshot, syncs: counter.syncs, bytes: counter.bytes, truncated, warnings, messages };
}

/**
 * The merged areas of every sheet's read region, in bands of at most 512 cells, each a
 * RangeAreas address (null: none), in one sync per MAX_BANDS_PER_REQUEST bands (one for all but
 * the largest workbooks). Should Excel refuse even that, the sheets of the refused request are
 * read without their merges, each named in a message and a warning.
 */
async function readMergesInBands(
  sheets: Excel.Worksheet[],
  data: (SheetData | null)[],
  counter: SyncCounter,
  warnings: string[],
  messages: EngineMessage[],
): Promise<(string | null)[][]> {
  const out: (string | null)[][] = sheets.map(() => []);
  const lost = new Set<number>();
  const all = data.flatMap((d) => (d ? bands(d.region).map((b) => ({ sheet: d.region.sheet, ...b })) : []));
  for (let from = 0; from < all.length; from += MAX_BANDS_PER_REQUEST) {
    const request = all.slice(from, from + MAX_BANDS_PER_REQUEST);
    const loads = request.map((b) => ({
      sheet: b.sheet,
      areas: sheets[b.sheet].getRangeByIndexes(b.top, b.left, b.rows, b.cols).getMergedAreasOrNullObject().load("address"),
    }));
    const names = [...new Set(request.map((b) => b.sheet))];
    try {
      await counter.sync(
        `reading the merged cells of ${names.length > 3 ? `${names.length} sheets` : names.map((i) => `"${sheets[i].name}"`).join(", ")} in parts`,
      );
    } catch (e) {
      if (!(e instanceof ExcelHostError)) throw e;
      // Reading goes on without them: the values are what matters, and the user is told.
      for (const i of names) {
        if (lost.has(i)) continue;
        lost.add(i);
        warnings.push(`sheet "${sheets[i].name}": its merged cells could not be read (${e.message}); it was read as if it had none`);
        messages.push(message("warning", "merges-not-read", sheets[i].name, null));
      }
      continue;
    }
    for (const l of loads) out[l.sheet].push(l.areas.isNullObject ? null : l.areas.address);
  }
  // A sheet whose bands went in two requests, one refused: none of its merges, as the message says.
  for (const i of lost) out[i] = [];
  return out;
}

/** One request; split in two and read again when Excel finds it too large. */
async function readChunks(
  sheets: Excel.Worksheet[],
  request: Chunk[],
  data: SheetData[],
  caps: ExcelCapabilities,
  counter: SyncCounter,
  date1904: boolean,
): Promise<void> {
  const loads = request.map((c) => {
    const ws = sheets[c.sheet];
    const range = ws.getRangeByIndexes(c.top, c.left, c.rows, c.cols).load("values,valueTypes,numberFormat,formulas");
    const rowProps = caps.cellProperties ? range.getRowProperties({ rowHidden: true }) : null;
    let columns: (() => boolean[]) | null = null;
    if (c.first) {
      if (caps.cellProperties) {
        const props = ws.getRangeByIndexes(c.top, c.left, 1, c.cols).getColumnProperties({ columnHidden: true });
        columns = () => props.value.map((p) => p.columnHidden === true);
      } else {
        const cols = Array.from({ length: c.cols }, (_, j) => ws.getRangeByIndexes(c.top, c.left + j, 1, 1).load("columnHidden"));
        columns = () => cols.map((r) => r.columnHidden === true);
      }
    }
    return { c, range, rowProps, columns };
  });
  try {
    await counter.sync(`reading the cells of ${describe(sheets, request)}`);
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    // GeneralException may be an answer over 5 MB (Excel on the web) only when the request is
    // large: a smaller one is failing for another reason, thrown as it is. Halving goes depth
    // first, so an error that persists is thrown after a few halvings, not one per chunk.
    const general = isGeneralException(cause);
    if (!isPayloadLimit(cause) && !(general && cellsOf(request) >= SIZE_SUSPECT_CELLS)) throw e;
    const halves = split(request);
    if (!halves) {
      if (general) throw e;
      const c = request[0];
      throw new ExcelHostError(
        "ResponsePayloadSizeLimitExceeded",
        `row ${c.top + 1} of sheet "${sheets[c.sheet].name}" holds more data than Excel can send in one answer`,
        { cause: e },
      );
    }
    for (const half of halves) await readChunks(sheets, half, data, caps, counter, date1904);
    return;
  }
  for (const { c, range, rowProps, columns } of loads) {
    const d = data[c.sheet];
    const values = range.values;
    const types = range.valueTypes;
    const formats = range.numberFormat;
    const formulas = range.formulas;
    counter.count(values);
    counter.count(types);
    counter.count(formats);
    counter.count(formulas);
    // Chunks of one sheet may arrive out of order after a split: place them by row.
    values.forEach((row, i) => {
      const line = row.map((v, j) => cellValue(v, types[i][j], formats[i][j], date1904));
      d.rows[c.top - d.region.top + i] = line;
      // A formula cell's "formulas" entry is its formula ("=…"); any other's, its constant, the
      // same as its value (text kept as "=…" by a quote prefix included).
      formulas[i].forEach((f, j) => {
        if (typeof f === "string" && f.startsWith("=") && f !== row[j] && line[j] !== null)
          d.formulas.push({ row: c.top + i, col: c.left + j, formula: f.slice(1) });
      });
    });
    if (rowProps) {
      const props = rowProps.value;
      counter.count(props);
      props.forEach((p, i) => p.rowHidden === true && d.hiddenRows.push(c.top + i));
    }
    if (columns) {
      const hidden = columns();
      counter.count(hidden);
      hidden.forEach((h, j) => h && d.hiddenColumns.push(c.left + j));
    }
  }
}

/**
 * A GeneralException is taken for an answer too large (and the request split) only from at least
 * this many cells: fewer would need more than 2,500 bytes a cell on average to pass 5 MB.
 */
export const SIZE_SUSPECT_CELLS = 2_000;

const cellsOf = (request: Chunk[]) => request.reduce((n, c) => n + c.rows * c.cols, 0);

/** A request in two halves: its chunks, or the rows of its only chunk; null for one row. */
function split(request: Chunk[]): [Chunk[], Chunk[]] | null {
  if (request.length > 1) {
    const mid = Math.ceil(request.length / 2);
    return [request.slice(0, mid), request.slice(mid)];
  }
  const c = request[0];
  if (c.rows < 2) return null;
  const rows = Math.ceil(c.rows / 2);
  return [[{ ...c, rows }], [{ ...c, top: c.top + rows, rows: c.rows - rows, first: false }]];
}

function describe(sheets: Excel.Worksheet[], request: Chunk[]): string {
  const names = [...new Set(request.map((c) => `"${sheets[c.sheet].name}"`))];
  return names.length > 3 ? `${names.length} sheets` : `sheet(s) ${names.join(", ")}`;
}

function sheetSnapshot(name: string, visibility: SheetVisibility, d: SheetData | null, merges: CellRange[]): SheetSnapshot {
  const empty = {
    name,
    visibility,
    top: 0,
    left: 0,
    values: [] as CellValue[][],
    hiddenRows: [] as number[],
    hiddenColumns: [] as number[],
    merges,
    formulas: [] as SheetFormula[],
  };
  if (!d) return empty;
  const rows = d.rows;
  let first = -1;
  let last = -1;
  let left = Infinity;
  rows.forEach((row, i) => {
    const j = row.findIndex((v) => v !== null);
    if (j < 0) return;
    if (first < 0) first = i;
    last = i;
    left = Math.min(left, j);
  });
  const hidden = { hiddenRows: d.hiddenRows.sort((a, b) => a - b), hiddenColumns: d.hiddenColumns.sort((a, b) => a - b) };
  if (first < 0) return { ...empty, ...hidden };
  const values = rows.slice(first, last + 1).map((row) => {
    const out = row.slice(left);
    let end = out.length;
    while (end > 0 && out[end - 1] === null) end--;
    out.length = end;
    return out;
  });
  const formulas = d.formulas.sort((a, b) => a.row - b.row || a.col - b.col);
  return { name, visibility, top: d.region.top + first, left: d.region.left + left, values, ...hidden, merges, formulas };
}

/** Where the reader's tests and callers have known it; the parser is core's (core/address.ts). */
