/**
 * The workbook state behind the fake Excel API (see ./index.ts for what is modelled): sheets with
 * sparse cells (constant or formula with its cached result, and an ExcelJS-shaped style), merges,
 * hidden rows and columns, widths and heights, data validations, frozen rows, page layout, tab
 * colour and protection. Loaded from an .xlsx with ExcelJS and saved back to one, so that the
 * engine's own xlsx host can read what the Office.js host wrote.
 */
import ExcelJS from "exceljs";
import type { CellRange } from "../../src/core/snapshot";
import { cellResult } from "./calc";
import { OFFICE_2013_PALETTE, type ThemePalette } from "../../src/core/themeColours";
import { themePalette } from "../../src/xlsx/themeColours";

export type FakeValue = string | number | boolean | { error: string } | null;

/** A cell's format, in ExcelJS's shape (which is what the .xlsx file holds). */
export interface FakeStyle {
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  alignment?: Partial<ExcelJS.Alignment>;
  border?: Partial<ExcelJS.Borders>;
  numFmt?: string;
}

export interface FakeCell {
  /** A constant, or a formula's cached result (null: none, Excel would compute it). */
  value: FakeValue;
  /** Without the leading "=". */
  formula?: string;
  /** The formula was entered through the API: Excel computed it (calc.ts computes it on read). */
  entered?: true;
  style: FakeStyle;
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface FakeValidation {
  range: CellRange;
  validation: ExcelJS.DataValidation;
}

export interface FakePageLayout {
  orientation?: "portrait" | "landscape";
  paperSize?: number;
  fitToWidth?: number;
  fitToHeight?: number;
  printTitlesRow?: string;
  oddHeader?: string;
  oddFooter?: string;
}

let sheetIds = 0;

/**
 * A new Worksheet.id. Excel's ids are GUIDs in braces, unique within the workbook and "the same
 * even when the worksheet is renamed or moved"
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-id-member).
 * Nothing promises they survive saving and reopening, so the fake gives fresh ones on every load.
 */
function newSheetId(): string {
  const n = (++sheetIds).toString(16).toUpperCase().padStart(12, "0");
  return `{5F1C0DE0-0000-4000-8000-${n}}`;
}

export class FakeSheet {
  /** Worksheet.id: kept through renaming and moving, new for a copy. */
  readonly id = newSheetId();
  /** row → col → cell (0-based). */
  readonly cells = new Map<number, Map<number, FakeCell>>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns = new Set<number>();
  /** Heights in points. */
  readonly rowHeights = new Map<number, number>();
  /** Widths in characters, as the file stores them. */
  readonly columnWidths = new Map<number, number>();
  /** The file's sheetFormatPr defaultColWidth (characters, padding included), when it sets one. */
  defaultColWidth: number | undefined;
  merges: CellRange[] = [];
  validations: FakeValidation[] = [];
  freezeRows = 0;
  tabColor: string | undefined;
  protected = false;
  pageLayout: FakePageLayout = {};
  /** Set when the sheet was deleted: proxies still pointing at it fail. */
  deleted = false;

  constructor(
    public name: string,
    public visibility: Visibility = "Visible",
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(row)?.get(col);
  }

  /**
   * A copy under another name (Worksheet.copy, Excel's Move or Copy): every cell with its value,
   * formula and format, the merges, hidden rows and columns, sizes, validations, frozen rows,
   * page layout, tab colour and protection; a new id.
   */
  copy(name: string): FakeSheet {
    const c = new FakeSheet(name, this.visibility);
    for (const [r, row] of this.cells) c.cells.set(r, new Map([...row].map(([col, cell]) => [col, structuredClone(cell)])));
    for (const r of this.hiddenRows) c.hiddenRows.add(r);
    for (const col of this.hiddenColumns) c.hiddenColumns.add(col);
    for (const [r, h] of this.rowHeights) c.rowHeights.set(r, h);
    for (const [col, w] of this.columnWidths) c.columnWidths.set(col, w);
    c.defaultColWidth = this.defaultColWidth;
    c.merges = structuredClone(this.merges);
    c.validations = structuredClone(this.validations);
    c.freezeRows = this.freezeRows;
    c.tabColor = this.tabColor;
    c.protected = this.protected;
    c.pageLayout = structuredClone(this.pageLayout);
    return c;
  }

  /**
   * Entire rows (or columns) inserted before row (column) `at`: what was at or after it moves down
   * (right) by `count` with its values, formats, merges, validations, heights (widths) and hidden
   * state; a merge or validation the insertion falls inside grows. Formula references are not
   * rewritten (the fake has no formula parser; cached values stay).
   */
  insert(axis: "rows" | "columns", at: number, count: number): void {
    const rows = axis === "rows";
    const moved = new Map<number, Map<number, FakeCell>>();
    for (const [r, line] of this.cells) {
      for (const [c, cell] of line) {
        const nr = rows && r >= at ? r + count : r;
        const nc = !rows && c >= at ? c + count : c;
        let m = moved.get(nr);
        if (!m) moved.set(nr, (m = new Map()));
        m.set(nc, cell);
      }
    }
    this.cells.clear();
    for (const [r, line] of moved) this.cells.set(r, line);
    const shiftSet = (set: Set<number>) => {
      const xs = [...set].map((x) => (x >= at ? x + count : x));
      set.clear();
      for (const x of xs) set.add(x);
    };
    const shiftMap = (map: Map<number, number>) => {
      const xs = [...map].map(([x, v]) => [x >= at ? x + count : x, v] as const);
      map.clear();
      for (const [x, v] of xs) map.set(x, v);
    };
    const grow = (r: CellRange): CellRange => {
      const [lo, hi] = rows ? [r.top, r.bottom] : [r.left, r.right];
      const nlo = lo >= at ? lo + count : lo;
      const nhi = hi >= at ? hi + count : hi;
      return rows ? { ...r, top: nlo, bottom: nhi } : { ...r, left: nlo, right: nhi };
    };
    if (rows) {
      shiftSet(this.hiddenRows);
      shiftMap(this.rowHeights);
    } else {
      shiftSet(this.hiddenColumns);
      shiftMap(this.columnWidths);
    }
    this.merges = this.merges.map(grow);
    this.validations = this.validations.map((v) => ({ ...v, range: grow(v.range) }));
  }

  /**
   * What the user sees in the cell, width aside: Excel shows a Text-formatted ("@") cell holding
   * more than 255 characters as "####" (a long-standing display rule of Excel's Text format,
   * reported against this add-in in its issue 11). Other cells show their value.
   */
  shownText(row: number, col: number): string | null {
    const cell = this.cell(row, col);
    const v = cell?.value ?? null;
    if (typeof v !== "string") return v === null ? null : typeof v === "object" ? v.error : String(v);
    return cell?.style.numFmt === "@" && v.length > 255 ? "#".repeat(8) : v;
  }

  /** The cell, created empty when absent. */
  ensure(row: number, col: number): FakeCell {
    let r = this.cells.get(row);
    if (!r) this.cells.set(row, (r = new Map()));
    let c = r.get(col);
    if (!c) r.set(col, (c = { value: null, style: {} }));
    return c;
  }

  /** Bounding box of the cells with a value or formula (or, valuesOnly false, with any format). */
  usedRange(valuesOnly: boolean): CellRange | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [r, row] of this.cells) {
      for (const [c, cell] of row) {
        const used = cell.value !== null || cell.formula !== undefined || (!valuesOnly && Object.keys(cell.style).length > 0);
        if (!used) continue;
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }
}

export class FakeWorkbookModel {
  sheets: FakeSheet[] = [];
  date1904 = false;
  /**
   * The maximum digit width of the Normal style's font, in pixels: 7 for Calibri 11, 8 for
   * 游ゴシック 11 (Japanese Excel's Normal font). Column widths follow it (see columnPixels).
   */
  digitWidth = 7;
  /** The theme's colours (the file's xl/theme/theme1.xml; the Office 2013–2022 theme without one). */
  palette: ThemePalette = OFFICE_2013_PALETTE;
  /** The theme part as loaded, written back on save. */
  themeXml: string | undefined;
  /** Workbook structure protection. */
  protected = false;
  activeSheet: string | undefined;
  /** The selected cells on the active sheet (A1 when undefined). */
  selection: string | undefined;
  /** A chart or shape is selected rather than cells. */
  objectSelected = false;

  constructor(public name: string) {}

  live(): FakeSheet[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  find(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.live().find((s) => s.name.toLowerCase() === key);
  }
}

// ---------------------------------------------------------------------------------------------
// Column widths as Excel shows them. The file keeps characters of the Normal font's maximum
// digit width (mdw), padding included; Excel shows them in whole pixels (ECMA-376 Part 1
// §18.3.1.13, col width), and Office.js reports points, ¾ of a pixel each.

/** Pixels of a column of file width `width`: Truncate(((256 × width + Truncate(128 / mdw)) / 256) × mdw). */
export function filePixels(width: number, mdw: number): number {
  return Math.trunc(((256 * width + Math.trunc(128 / mdw)) / 256) * mdw);
}

/** The characters (without padding) Excel gives a column of `pixels`: Truncate((pixels − 5) / mdw × 100 + 0.5) / 100. */
export function pixelCharacters(pixels: number, mdw: number): number {
  return Math.max(0, Math.trunc(((pixels - 5) / mdw) * 100 + 0.5) / 100);
}

/** The file width Excel stores for a column set to `pixels`: Truncate((characters × mdw + 5) / mdw × 256) / 256. */
export function pixelsFileWidth(pixels: number, mdw: number): number {
  return Math.trunc(((pixelCharacters(pixels, mdw) * mdw + 5) / mdw) * 256) / 256;
}

/**
 * Pixels of a column that has no width of its own: the sheet's defaultColWidth when the file sets
 * one, else baseColWidth (8 characters, the default of sheetFormatPr, ECMA-376 §18.3.1.81) of
 * digits plus 5 pixels of padding, which Excel rounds up to a multiple of 8 pixels: 64 pixels
 * (8.43) at digit width 7, 72 (8.38) at 8, as Excel shows a new sheet's columns.
 */
export function defaultColumnPixels(sheet: FakeSheet, mdw: number): number {
  if (sheet.defaultColWidth !== undefined) return filePixels(sheet.defaultColWidth, mdw);
  return Math.ceil((8 * mdw + 5) / 8) * 8;
}

/** Pixels of column `col` (0 when hidden). */
export function columnPixels(sheet: FakeSheet, col: number, mdw: number): number {
  if (sheet.hiddenColumns.has(col)) return 0;
  const w = sheet.columnWidths.get(col);
  return w === undefined ? defaultColumnPixels(sheet, mdw) : filePixels(w, mdw);
}

// ---------------------------------------------------------------------------------------------
// .xlsx → model

const MS_PER_DAY = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export async function modelFromXlsx(bytes: Buffer, name: string): Promise<FakeWorkbookModel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const model = new FakeWorkbookModel(name);
  model.date1904 = Boolean(wb.properties?.date1904);
  const themes = (wb as unknown as { _themes?: Record<string, string> })._themes;
  model.themeXml = themes?.theme1;
  model.palette = (model.themeXml !== undefined ? themePalette(model.themeXml) : undefined) ?? OFFICE_2013_PALETTE;
  const epoch = model.date1904 ? EPOCH_1904 : EPOCH_1900;
  for (const ws of wb.worksheets) {
    const state = ws.state as string | undefined;
    const sheet = new FakeSheet(ws.name, state === "veryHidden" ? "VeryHidden" : state === "hidden" ? "Hidden" : "Visible");
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.hidden) sheet.hiddenRows.add(r - 1);
      if (row.height !== undefined) sheet.rowHeights.set(r - 1, row.height);
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const style = cloneStyle(cell.style);
        const { value, formula } = cellContent(cell, epoch);
        if (value === null && formula === undefined && Object.keys(style).length === 0) return;
        const fc = sheet.ensure(r - 1, c - 1);
        fc.value = value;
        if (formula !== undefined) fc.formula = formula;
        fc.style = style;
      });
    });
    ((ws as unknown as { _columns?: (ExcelJS.Column | undefined)[] })._columns ?? []).forEach((col, i) => {
      if (!col) return;
      if (col.hidden) sheet.hiddenColumns.add(i);
      if (col.width !== undefined) sheet.columnWidths.set(i, col.width);
    });
    for (const m of Object.values((ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges)) {
      sheet.merges.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
    }
    const dv = (ws as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations?.model ?? {};
    for (const [address, validation] of Object.entries(dv)) {
      for (const range of expandValidationAddress(address)) sheet.validations.push({ range, validation: structuredClone(validation) });
    }
    const frozen = ws.views?.find((v) => v.state === "frozen") as { ySplit?: number } | undefined;
    if (frozen?.ySplit) sheet.freezeRows = frozen.ySplit;
    const tab = ws.properties?.tabColor as { argb?: string } | undefined;
    if (tab?.argb) sheet.tabColor = tab.argb;
    if (typeof ws.properties?.defaultColWidth === "number") sheet.defaultColWidth = ws.properties.defaultColWidth;
    model.sheets.push(sheet);
  }
  const active = wb.views?.[0]?.activeTab;
  model.activeSheet = (typeof active === "number" ? model.sheets[active] : model.sheets.find((s) => s.visibility === "Visible"))?.name;
  return model;
}

function cellContent(cell: ExcelJS.Cell, epoch: number): { value: FakeValue; formula?: string } {
  if (cell.type === ExcelJS.ValueType.Merge) return { value: null };
  if (cell.type === ExcelJS.ValueType.Formula) {
    const formula = cell.formula;
    return { value: plain(cell.result, epoch), formula: typeof formula === "string" ? formula : undefined };
  }
  return { value: plain(cell.value, epoch) };
}

function plain(v: unknown, epoch: number): FakeValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return (v.getTime() - epoch) / MS_PER_DAY;
  if (typeof v === "object") {
    const o = v as { error?: unknown; richText?: { text?: string }[]; text?: unknown };
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? "").join("") || null;
    if ("text" in o) return plain(o.text, epoch);
  }
  return null;
}

export function cloneStyle(style: Partial<ExcelJS.Style> | undefined): FakeStyle {
  const out: FakeStyle = {};
  if (!style) return out;
  if (style.font && Object.keys(style.font).length) out.font = structuredClone(style.font);
  if (style.fill && !(style.fill.type === "pattern" && style.fill.pattern === "none")) out.fill = structuredClone(style.fill);
  if (style.alignment && Object.keys(style.alignment).length) out.alignment = structuredClone(style.alignment);
  if (style.border && Object.values(style.border).some((b) => b !== undefined)) out.border = structuredClone(style.border);
  if (style.numFmt && style.numFmt !== "General") out.numFmt = style.numFmt;
  return out;
}

/** ExcelJS keys validations by "A1" or "A1:B5" (several ranges joined by spaces in some files). */
function expandValidationAddress(address: string): CellRange[] {
  return address
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => parseRangeA1(part.replace(/^range:/, "")));
}

// ---------------------------------------------------------------------------------------------
// model → .xlsx

const SAVED_AT = new Date(Date.UTC(2024, 0, 1));

export async function modelToXlsx(model: FakeWorkbookModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Document dates fixed, so that two saves of the same workbook are the same package.
  wb.created = wb.modified = SAVED_AT;
  if (model.date1904) wb.properties.date1904 = true;
  if (model.themeXml !== undefined) (wb as unknown as { _themes?: Record<string, string> })._themes = { theme1: model.themeXml };
  const epoch = model.date1904 ? EPOCH_1904 : EPOCH_1900;
  const live = model.live();
  for (const s of live) {
    const state = s.visibility === "VeryHidden" ? "veryHidden" : s.visibility === "Hidden" ? "hidden" : "visible";
    const ws = wb.addWorksheet(s.name, { state });
    for (const [c, width] of s.columnWidths) ws.getColumn(c + 1).width = width;
    if (s.defaultColWidth !== undefined) ws.properties.defaultColWidth = s.defaultColWidth;
    for (const c of s.hiddenColumns) ws.getColumn(c + 1).hidden = true;
    for (const [r, height] of s.rowHeights) ws.getRow(r + 1).height = height;
    for (const r of s.hiddenRows) ws.getRow(r + 1).hidden = true;
    const rows = [...s.cells.keys()].sort((a, b) => a - b);
    for (const r of rows) {
      const row = s.cells.get(r)!;
      for (const c of [...row.keys()].sort((a, b) => a - b)) {
        const fc = row.get(c)!;
        const cell = ws.getCell(r + 1, c + 1);
        if (fc.formula !== undefined) {
          // Excel saves every formula with its value: the cached one, or what the fake computes.
          cell.value = { formula: fc.formula, result: fileValue(cellResult(s, r, c), epoch) ?? "" } as ExcelJS.CellFormulaValue;
        } else if (fc.value !== null) {
          cell.value = fileValue(fc.value, epoch);
        }
        if (Object.keys(fc.style).length) cell.style = structuredClone(fc.style) as Partial<ExcelJS.Style>;
      }
    }
    for (const m of s.merges) {
      // ExcelJS copies the master's style over the merge, as the model already holds it.
      ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    }
    const dv = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    for (const v of s.validations) dv.add(a1RangeOf(v.range), structuredClone(v.validation));
    if (s.freezeRows > 0) ws.views = [{ state: "frozen", xSplit: 0, ySplit: s.freezeRows, topLeftCell: `A${s.freezeRows + 1}` }];
    if (s.tabColor) ws.properties.tabColor = { argb: s.tabColor };
    const p = s.pageLayout;
    if (p.orientation || p.paperSize || p.fitToWidth !== undefined || p.printTitlesRow) {
      ws.pageSetup = {
        ...ws.pageSetup,
        ...(p.orientation ? { orientation: p.orientation } : {}),
        ...(p.paperSize ? { paperSize: p.paperSize as ExcelJS.PaperSize } : {}),
        ...(p.fitToWidth !== undefined || p.fitToHeight !== undefined
          ? { fitToPage: true, fitToWidth: p.fitToWidth ?? 1, fitToHeight: p.fitToHeight ?? 1 }
          : {}),
        ...(p.printTitlesRow ? { printTitlesRow: p.printTitlesRow } : {}),
      };
    }
    if (p.oddHeader !== undefined || p.oddFooter !== undefined) {
      ws.headerFooter = {
        ...ws.headerFooter,
        ...(p.oddHeader !== undefined ? { oddHeader: p.oddHeader } : {}),
        ...(p.oddFooter !== undefined ? { oddFooter: p.oddFooter } : {}),
      };
    }
  }
  const active = live.findIndex((s) => s.name === model.activeSheet);
  if (active >= 0) wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: active, visibility: "visible" }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function fileValue(v: FakeValue, _epoch: number): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === "object") return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Addresses

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1RangeOf(r: CellRange): string {
  const tl = `${columnLetters(r.left)}${r.top + 1}`;
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${columnLetters(r.right)}${r.bottom + 1}`;
}

export const MAX_ROW = 1_048_575;
export const MAX_COL = 16_383;

/**
 * "A1", "A1:C3", "$A$1", "C:C", "3:5" (0-based inclusive rectangle). Throws on anything else;
 * the API layer turns that into InvalidArgument.
 */
export function parseRangeA1(address: string): CellRange {
  const parts = address.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) throw new Error(`bad address ${address}`);
  const ends = parts.map(parseEnd);
  const [a, b] = ends.length === 1 ? [ends[0], ends[0]] : ends;
  const top = a.row ?? 0;
  const left = a.col ?? 0;
  const bottom = b.row ?? MAX_ROW;
  const right = b.col ?? MAX_COL;
  if ((a.row === undefined) !== (b.row === undefined) || (a.col === undefined) !== (b.col === undefined)) throw new Error(`bad address ${address}`);
  if (ends.length === 1 && (a.row === undefined || a.col === undefined)) throw new Error(`bad address ${address}`);
  if (bottom < top || right < left || bottom > MAX_ROW || right > MAX_COL) throw new Error(`bad address ${address}`);
  return { top, left, bottom, right };
}

function parseEnd(s: string): { row?: number; col?: number } {
  const m = /^([A-Z]{0,3})(\d*)$/.exec(s);
  if (!m || (m[1] === "" && m[2] === "")) throw new Error(`bad address ${s}`);
  let col: number | undefined;
  if (m[1]) {
    col = 0;
    for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
    col -= 1;
  }
  const row = m[2] ? Number(m[2]) - 1 : undefined;
  if (row !== undefined && row < 0) throw new Error(`bad address ${s}`);
  return { row, col };
}
