/**
 * A declarative description of sheets to write into a workbook. The engine builds plans;
 * each host applies them (src/xlsx/applyPlan.ts for ExcelJS). Pure data, no workbook API,
 * so the same plan can later be applied through Office.js.
 *
 * All rows and columns are 0-based, like the snapshot.
 */
import type { RecordedVisit } from "./visitRecord";
import type { RespondentChoice } from "./respondentChoices";
import { a1, cellKey, tryParseA1 } from "./address";
import { isObject, isPlainCellValue } from "./shapes";
import { MAX_CELL_TEXT, MAX_COLUMNS, MAX_ROWS, MAX_ROW_HEIGHT, SHEET_NAME_MAX } from "./excelLimits";
import { message, renderMessage, resourceParam, type EngineMessage } from "./messages";
import type { CellRange, CellValue, SheetId } from "./snapshot";

export interface Plan {
  sheets: SheetPlan[];
  /**
   * Undo of the add-in's previous output, applied first: recorded fills put back on the
   * company's cells where those cells are now (core/restore.ts finds them), each only if the
   * cell still carries the colour the add-in gave it; then the add-in's own sheets deleted.
   */
  restoreFills?: FillRestore[];
  /**
   * Recorded cells the plan knowingly does not restore: their sheet is gone or they could not be
   * found again (the engine's messages say so). Replacing the state drops their record; without
   * them listed here, a host refuses to (the original fills would be lost unawares).
   */
  unrestored?: CellRef[];
  /** The add-in's own sheets (marked, and named in its state) to delete. */
  deleteSheets?: string[];
  /**
   * Fills on the company's cells. The host records each cell's fill as it is (after the
   * restore) into the state before changing it, so that clearing puts it back exactly.
   */
  highlights?: Highlight[];
  /**
   * What the hidden state sheet holds afterwards; "delete" removes it (clear); "discard" removes
   * a damaged one, which can no longer undo anything (clear --discard-state).
   */
  state?: { write: StateData } | "delete" | "discard";
  /**
   * Values written into the company's own cells: the one such change the add-in makes is the
   * company's decision 「今回の見直し」 set from the pane (core/companyCells.ts). A plan that
   * writes the state records each cell's value before (StateData.companyCells); clear writes it back.
   */
  companyCells?: CompanyCellWrite[];
  /**
   * The workbook holds the add-in's state sheet now (core read it from the snapshot) although the
   * plan undoes nothing: the Office.js host then reads it in its one check sync instead of
   * finding it there unexpectedly and reading again.
   */
  expectsState?: boolean;
}

/** A company cell's new value: text, or null to empty it. */
export interface CompanyCellWrite {
  sheet: string;
  /** One cell, A1. */
  cell: string;
  value: string | number | boolean | null;
}

/** A company cell the add-in wrote: its value before (given back on clear) and the value written. */
export interface RecordedCompanyCell {
  sheet: string;
  cell: string;
  original: string | number | boolean | null;
  /** What the add-in wrote last: clear gives the original back only while the cell still holds it. */
  written: string | null;
}

/** A cell on a sheet, by name and A1 address. */
export interface CellRef {
  sheet: string;
  cell: string;
}

export type { HostKind, SheetId } from "./snapshot";

/**
 * A fill as OOXML describes it (ExcelJS's Fill shape): {type:"pattern", pattern:"solid",
 * fgColor:{argb}|{theme,tint}, bgColor}, {type:"gradient", …}; null for no fill.
 */
export type FillRecord = Record<string, unknown> | null;

export interface RecordedFill {
  sheet: string;
  /** One cell, A1. */
  cell: string;
  original: FillRecord;
  /** Since state version 2: the sheet's id as the host that highlighted it knows it. */
  sheetId?: SheetId;
  /** Since version 2: the colour the add-in gave the cell (ARGB). */
  applied?: string;
  /** Since version 2: the cell's value then (as the snapshot read it), to find the cell again. */
  value?: CellValue;
  /**
   * Written by the xlsx host's package writer (src/xlsx/writePackage.ts), ignored by Office.js:
   * the cell's style index (`s`, null when it had none) before the highlight, and whether the
   * writer created the cell element (or its row) to colour it. Clear puts exactly this back.
   */
  xlsx?: { s: number | null; created?: "cell" | "row" };
}

/** One styles collection the package writer appended to: what it was before and a hash of what was appended. */
export interface XlsxStylesEntry {
  before: number;
  /** Its count attribute as it was (null: none). */
  countAttr: string | null;
  /** The writer created the collection's element. */
  created: boolean;
  hash: string;
}

export type XlsxStylesRecord = Partial<Record<"numFmts" | "fonts" | "fills" | "borders" | "cellXfs", XlsxStylesEntry>>;

/** What the xlsx host's package writer changed in the workbook's shared parts, so that clear takes off exactly that. */
export interface XlsxPackageRecord {
  styles: XlsxStylesRecord;
  /** fullCalcOnLoad set for our formulas: on an existing <calcPr> ("attribute") or on one added ("element"). */
  calc?: "attribute" | "element";
}

/** One recorded fill to put back, where the cell is now. */
export interface FillRestore {
  /** The sheet's name now. */
  sheet: string;
  /** The cell's address now. */
  cell: string;
  original: FillRecord;
  /**
   * The cell is restored only if its fill now is a solid fill of one of these colours (ARGB):
   * the one the add-in applied. A cell whose colour someone changed since is left alone.
   */
  expect: string[];
  /** Where the state recorded the cell, when that differs from sheet and cell. */
  recorded?: CellRef;
}

export interface Highlight {
  sheet: string;
  range: CellRange;
  /** Solid fill colour, ARGB or #RRGGBB. */
  fill: string;
  /** The values of the range's cells (rows × columns) as the snapshot read them: recorded in the state. */
  values?: CellValue[][];
}

/** The version of the state written now; version 1 (no sheet ids, values or applied colours) is still read. */
export const STATE_VERSION = 2;

/** The add-in's own record in the workbook (hidden sheet, see core/addinState.ts). */
export interface StateData {
  version: 1 | 2;
  /** The add-in's sheets, by kind. */
  sheets: { name: string; kind: AddinSheetKind }[];
  /** Filled in by the host while applying: the original fill of every highlighted cell. */
  highlights: RecordedFill[];
  /** The default ratings the priority sheet was written with, so that edits are told apart from defaults. */
  ratingDefaults: Record<string, { urgency: string; importance: string; difficulty: string }>;
  /** Written by the xlsx host's package writer only (other hosts ignore it). */
  xlsxPackage?: XlsxPackageRecord;
  /** The company's name the owner sheet was written with, and whether the expert entered it (report/ownerEntries.ts). */
  owner?: { company: string | null; entered: boolean };
  /** The action plan's measure ids written, and those the expert added (core/actionPlan.ts). */
  actionPlan?: { written: string[]; added: string[] };
  /** The diagnoses recorded as visits, oldest first (core/visitRecord.ts; issue #14). */
  visits?: RecordedVisit[];
  /** The coach's choices about respondents (left out, counted, renamed, what they are), by sheet and name as found (core/respondentChoices.ts; issue #15). */
  respondents?: RespondentChoice[];
  /** The company's cells the add-in wrote (the decision 「今回の見直し」), with their values before. */
  companyCells?: RecordedCompanyCell[];
}

export type AddinSheetKind = "summary" | "priorities" | "regulations" | "owner" | "actionPlan" | "progress";

export const ADDIN_SHEET_KINDS: readonly AddinSheetKind[] = ["summary", "priorities", "regulations", "owner", "actionPlan", "progress"];

/** The very hidden sheet holding the add-in's state (core/addinState.ts reads and checks it). */
export const STATE_SHEET = "ShindanCoachState";
/** The leftmost column of an add-in sheet's marker cell (0-based; "AZ"): right of anything narrow we write. */
export const MARKER_COL = 51;

/**
 * The column of a marked sheet's marker cell: MARKER_COL, or the first column right of every
 * column the sheet's plan writes, merges, validates or sizes, so no content ever covers it.
 */
export function markerColumn(sheet: SheetPlan): number {
  let right = -1;
  for (const b of sheet.cells) for (const row of b.rows) if (row.length) right = Math.max(right, b.left + row.length - 1);
  for (const m of sheet.merges ?? []) right = Math.max(right, m.right);
  for (const v of sheet.validations ?? []) right = Math.max(right, v.range.right);
  for (const w of sheet.columnWidths ?? []) right = Math.max(right, w.col);
  for (const c of sheet.hiddenColumns ?? []) right = Math.max(right, c);
  return Math.max(MARKER_COL, right + 1);
}

/** What is wrong with one recorded fill (in the state, or a plan's restore), or null. */
export function recordedFillProblem(h: unknown): string | null {
  if (!isObject(h) || typeof h.sheet !== "string" || h.sheet === "" || typeof h.cell !== "string") {
    return "a highlighted cell without sheet or cell";
  }
  if (tryParseA1(h.cell) === null) return `"${h.cell}" is not a cell address`;
  if (!("original" in h)) return `the original fill of ${h.sheet}!${h.cell} is missing`;
  if (!isFillRecord(h.original)) return `the original fill of ${h.sheet}!${h.cell} is not a fill`;
  const id = h.sheetId;
  if (id !== undefined && !(isObject(id) && (id.host === "xlsx" || id.host === "excel") && typeof id.id === "string")) {
    return `the sheet id of ${h.sheet}!${h.cell} is not one`;
  }
  if (h.applied !== undefined && (typeof h.applied !== "string" || !/^[0-9A-F]{8}$/i.test(h.applied)))
    return `the colour given to ${h.sheet}!${h.cell} is not one`;
  return null;
}

/** null, or a fill object as ExcelJS and Office describe it (pattern or gradient). */
export function isFillRecord(v: unknown): boolean {
  if (v === null) return true;
  return isObject(v) && (v.type === "pattern" || v.type === "gradient");
}

/** 'create' fails if the sheet exists; 'replace' swaps it in place (or creates it if absent). */
export type SheetAction = "create" | "replace";

export interface SheetPlan {
  name: string;
  action: SheetAction;
  /**
   * The add-in's own sheets carry a marker cell (see core/addinState.ts) so that they are told
   * from a company sheet of the same name. Absent for plain sheets such as the templates.
   */
  marker?: AddinSheetKind;
  /** 0-based position among the sheets; appended when absent. */
  position?: number;
  cells: CellBlock[];
  columnWidths?: { col: number; width: number }[];
  /** Heights in points; rows not listed keep the application's default. */
  rowHeights?: { row: number; height: number }[];
  merges?: CellRange[];
  /** 0-based columns hidden (e.g. the action plan's measure ids). */
  hiddenColumns?: number[];
  validations?: ValidationPlan[];
  /** Number of rows at the top that stay in view when scrolling. */
  freezeRows?: number;
  print?: PrintPlan;
  /** ARGB ("FF1F4E79") or "#1F4E79". */
  tabColor?: string;
}

/** A rectangle of cells whose top-left is at (top, left); rows[i][j] is cell (top+i, left+j). */
export interface CellBlock {
  top: number;
  left: number;
  rows: PlanCell[][];
}

/**
 * null leaves the cell untouched. A formula is written without "=" or with it, never with a result.
 * A date ("2025-04-01", a calendar day) is written as a date value in the workbook's own date
 * system (1900 or 1904), shown in the style's numberFormat.
 */
export type PlanCell = null | {
  value?: string | number | boolean | null;
  formula?: string;
  date?: string;
  style?: CellStyle;
};

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fontName?: string;
  /** Solid background, ARGB or #RRGGBB. */
  fill?: string;
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  /** Thin border on all four sides. */
  border?: "thin" | "none";
  numberFormat?: string;
}

/**
 * A data validation: a list (dropdown) or a date. Exactly one of `list` and `date`.
 */
export interface ValidationPlan {
  range: CellRange;
  /** Allowed values, or a formula giving them (e.g. "$C$3:$C$6"). */
  list?: string[] | { formula: string };
  /** A date on or after this day (ISO "2000-01-01"): any real date passes, text does not. */
  date?: { from: string };
  /** Input message shown when a cell of the range is selected. */
  prompt?: string;
  /** Message shown when a value outside the rule is typed. */
  error?: string;
  /**
   * What Excel does with a value outside the rule: "stop" refuses it (the default), "warning"
   * asks whether to keep it, "information" tells and keeps it (a list that also allows free text).
   */
  errorStyle?: ValidationErrorStyle;
}

export type ValidationErrorStyle = "stop" | "warning" | "information";

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `s` is a real calendar day written as ISO yyyy-mm-dd. */
export function isIsoDay(s: unknown): s is string {
  if (typeof s !== "string" || !ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export interface PrintPlan {
  orientation: "portrait" | "landscape";
  /** Paper size; A4 when absent. */
  paper?: "A4" | "Letter";
  /** Shrink to one page wide (any number of pages tall). */
  fitToWidth?: boolean;
  /** With fitToWidth: also at most this many pages tall (to keep a last page from being near-empty). */
  pagesTall?: number;
  /** 0-based first and last row printed at the top of every page. */
  repeatRows?: [number, number];
  /** Excel header/footer strings, with its codes (&P page, &N pages, &C centre ...). */
  header?: string;
  footer?: string;
}

// ---------------------------------------------------------------------------------------------

const SHEET_NAME_FORBIDDEN = /[*?:/\\[\]]/;
/** Excel keeps this name for itself (the change history of a shared workbook). */
const SHEET_NAME_RESERVED = "history";

export { MAX_CELL_TEXT, MAX_COLUMNS, MAX_ROWS } from "./excelLimits";
/** At most this many cells highlighted by one plan (each is recorded in the state). */
export const MAX_HIGHLIGHT_CELLS = 20_000;

/**
 * Problems that would make the plan fail half-way or break the add-in's promises (a company
 * cell's value changed, a highlight that cannot be undone); applying hosts refuse a plan with
 * any. What depends on the workbook (which sheets exist, which carry the marker) is checked by
 * the host.
 *
 * Each problem is a message in the user's language. What only a bug in the add-in can cause (a
 * malformed plan) is one "plan-internal" message with the English details.
 */
export function checkPlan(plan: Plan): EngineMessage[] {
  const problems: EngineMessage[] = [];
  const internal: string[] = [];
  const seen = new Set<string>();
  const checkedStyles = new Map<CellStyle, string[]>();
  for (const s of plan.sheets) {
    const where = `sheet "${s.name}"`;
    problems.push(...sheetNameProblems(s.name));
    const key = String(s.name).toLowerCase(); // Excel compares sheet names case-insensitively
    if (seen.has(key)) internal.push(`${where}: appears twice in the plan`);
    seen.add(key);
    if (key === STATE_SHEET.toLowerCase()) internal.push(`${where}: the name is reserved for the add-in's hidden state sheet`);
    if (s.marker !== undefined && !ADDIN_SHEET_KINDS.includes(s.marker)) internal.push(`${where}: unknown marker kind "${String(s.marker)}"`);
    if (s.position !== undefined && !validIndex(s.position)) internal.push(`${where}: position must be a non-negative integer`);
    // The marker goes right of everything the sheet uses (core/addinState.ts): there must be room.
    if (s.marker !== undefined && markerColumn(s) >= MAX_COLUMNS) internal.push(`${where}: no column is left for the add-in's marker`);

    for (const b of s.cells) {
      if (!validIndex(b.top) || !validIndex(b.left)) internal.push(`${where}: a cell block starts at a negative or non-integer position`);
      b.rows.forEach((row, i) =>
        row.forEach((c, j) => {
          if (!c) return;
          // Built only when there is a problem to report: most plans have none.
          const at = () => `${where}: cell ${validIndex(b.top + i) && validIndex(b.left + j) ? a1(b.top + i, b.left + j) : `(${b.top + i}, ${b.left + j})`}`;
          const { value, formula, style } = c;
          if (formula !== undefined && value !== undefined && value !== null) internal.push(`${at()} has both a value and a formula`);
          if (c.date !== undefined && ((value !== undefined && value !== null) || formula !== undefined))
            internal.push(`${at()} has a date and a value or formula`);
          if (c.date !== undefined && !isIsoDay(c.date)) internal.push(`${at()}: "${String(c.date)}" is not a date (yyyy-mm-dd)`);
          // Only PlanCell.formula makes a formula; a value is written as it is, text as text.
          const type = typeof value;
          if (value !== undefined && value !== null && type !== "string" && type !== "number" && type !== "boolean") {
            internal.push(`${at()}: a value must be text, a number, a boolean or null`);
          }
          if (typeof value === "number" && !Number.isFinite(value)) internal.push(`${at()}: ${value} is not a number Excel can hold`);
          // The report cuts longer texts (with a marker and a message): a longer one is a bug.
          if (typeof value === "string" && value.length > MAX_CELL_TEXT) internal.push(`${at()}: text longer than ${MAX_CELL_TEXT} characters`);
          if (formula !== undefined && typeof formula !== "string") internal.push(`${at()}: a formula must be text`);
          if (style !== undefined) {
            // A style shared by many cells is checked once.
            if (!checkedStyles.has(style)) {
              checkedStyles.set(style, [style.fill, style.fontColor].filter((color) => color !== undefined && !isColor(color)) as string[]);
            }
            for (const color of checkedStyles.get(style)!) internal.push(`${at()}: "${color}" is not a colour`);
          }
        }),
      );
    }
    const merges = s.merges ?? [];
    merges.forEach((m, i) => {
      if (!validRange(m)) internal.push(`${where}: merge ${i} is not a valid range`);
      for (let k = 0; k < i; k++) if (overlaps(m, merges[k])) internal.push(`${where}: merges ${k} and ${i} overlap`);
    });
    for (const v of s.validations ?? []) {
      if (!validRange(v.range)) internal.push(`${where}: a validation range is not valid`);
      if ((v.list === undefined) === (v.date === undefined)) internal.push(`${where}: a validation needs either a list or a date`);
      if (v.date !== undefined && !isIsoDay(v.date.from)) internal.push(`${where}: a date validation's first day is not a date (yyyy-mm-dd)`);
      if (v.errorStyle !== undefined && !["stop", "warning", "information"].includes(v.errorStyle))
        internal.push(`${where}: unknown validation error style "${String(v.errorStyle)}"`);
      if (Array.isArray(v.list)) {
        // Excel keeps an inline list as one comma-separated string of at most 255 characters.
        if (v.list.some((x) => x.includes(","))) internal.push(`${where}: an inline list value contains a comma`);
        if (v.list.join(",").length > 255) internal.push(`${where}: an inline list is longer than 255 characters`);
      }
    }
    const tall = s.print?.pagesTall;
    if (tall !== undefined && !(Number.isInteger(tall) && tall >= 1 && s.print?.fitToWidth))
      internal.push(`${where}: pagesTall must be a whole number of pages, with fitToWidth`);
    if (s.tabColor !== undefined && !isColor(s.tabColor)) internal.push(`${where}: "${s.tabColor}" is not a colour`);
    if (s.freezeRows !== undefined && !validIndex(s.freezeRows)) internal.push(`${where}: freezeRows must be a non-negative integer`);
    // Excel's limit: Office.js rejects a taller row, so no plan may ask for one.
    for (const h of s.rowHeights ?? [])
      if (!(h.height > 0 && h.height <= MAX_ROW_HEIGHT)) internal.push(`${where}: row ${h.row} height ${h.height} is outside 0–${MAX_ROW_HEIGHT} points`);
  }
  undoProblems(plan, seen, problems, internal);
  companyCellProblems(plan, seen, internal);
  if (internal.length) problems.push(internalProblem(internal));
  return problems;
}

/** One message for what only a bug can cause, with the English details. */
export function internalProblem(details: string[]): EngineMessage {
  return message("error", "plan-internal", null, null, { detail: details.join("; ") });
}

/** What makes a name one Excel refuses for a sheet, as a resource key; null when it is fine. */
export function sheetNameRule(name: string): "sheetNameRule.length" | "sheetNameRule.characters" | "sheetNameRule.quote" | "sheetNameRule.reserved" | null {
  if (name.length === 0 || name.length > SHEET_NAME_MAX) return "sheetNameRule.length";
  if (SHEET_NAME_FORBIDDEN.test(name)) return "sheetNameRule.characters";
  if (/^'|'$/.test(name)) return "sheetNameRule.quote";
  if (name.toLowerCase() === SHEET_NAME_RESERVED) return "sheetNameRule.reserved";
  return null;
}

function sheetNameProblems(name: unknown): EngineMessage[] {
  if (typeof name !== "string") return [internalProblem([`a sheet name must be text (got ${JSON.stringify(name)})`])];
  const rule = sheetNameRule(name);
  return rule ? [message("error", "plan-sheet-name", name, null, { rule: resourceParam(rule), max: SHEET_NAME_MAX })] : [];
}

/** restoreFills, deleteSheets, highlights and state; `planSheets` holds the plan's sheet names, lower case. */
function undoProblems(plan: Plan, planSheets: Set<string>, problems: EngineMessage[], internal: string[]): void {
  const state = STATE_SHEET.toLowerCase();
  const existing = (name: unknown, where: string): name is string => {
    // The company's sheets exist in the workbook: the host checks that; here only their type.
    if (typeof name === "string" && name !== "") return true;
    internal.push(`${where}: a sheet name must be non-empty text`);
    return false;
  };

  const restored = new Set<string>();
  for (const r of plan.restoreFills ?? []) {
    const p = recordedFillProblem(r);
    if (p) {
      internal.push(`restoreFills: ${p}`);
      continue;
    }
    if (!Array.isArray(r.expect) || r.expect.some((c) => typeof c !== "string" || !isColor(c))) {
      internal.push(`restoreFills: ${r.sheet}!${r.cell} needs the colours it is expected to have now`);
    }
    const key = cellKey(r.sheet, r.cell);
    if (restored.has(key)) internal.push(`restoreFills: ${r.sheet}!${r.cell} is restored twice`);
    restored.add(key);
  }
  for (const u of plan.unrestored ?? []) {
    if (typeof u?.sheet !== "string" || typeof u?.cell !== "string") internal.push("unrestored: a cell without sheet or cell");
  }

  const deleted = new Set<string>();
  for (const name of plan.deleteSheets ?? []) {
    const where = `deleteSheets: sheet "${name}"`;
    if (!existing(name, where)) continue;
    const key = name.toLowerCase();
    if (deleted.has(key)) internal.push(`${where}: listed twice`);
    if (key === state) internal.push(`${where}: the hidden state sheet is removed with state: "delete", not deleteSheets`);
    deleted.add(key);
  }

  let cells = 0;
  for (const h of plan.highlights ?? []) {
    const where = `highlight on sheet "${h.sheet}"`;
    if (!validRange(h.range) || h.range.bottom >= MAX_ROWS || h.range.right >= MAX_COLUMNS) {
      internal.push(`${where}: not a valid range`);
    } else {
      cells += (h.range.bottom - h.range.top + 1) * (h.range.right - h.range.left + 1);
      const v = h.values;
      if (
        v !== undefined &&
        (!Array.isArray(v) ||
          v.length !== h.range.bottom - h.range.top + 1 ||
          v.some((row) => !Array.isArray(row) || row.length !== h.range.right - h.range.left + 1))
      ) {
        internal.push(`${where}: its values do not have the range's shape`);
      }
    }
    if (typeof h.fill !== "string" || !isColor(h.fill)) internal.push(`${where}: "${String(h.fill)}" is not a colour`);
    if (!existing(h.sheet, where)) continue;
    const key = h.sheet.toLowerCase();
    // Highlights mark the company's cells; the add-in's own sheets are written with their styles.
    if (planSheets.has(key) || deleted.has(key) || key === state) internal.push(`${where}: highlights go on the company's sheets only`);
  }
  if (cells > MAX_HIGHLIGHT_CELLS) problems.push(message("error", "plan-too-many-highlights", null, null, { count: cells, max: MAX_HIGHLIGHT_CELLS }));
  // The original fills are kept only in the state; without it a highlight could not be cleared.
  if ((plan.highlights ?? []).length > 0 && (typeof plan.state !== "object" || plan.state === null)) {
    internal.push(`highlights: the plan must write the state (state: {write}) so that they can be cleared`);
  }
  if (
    plan.state === "discard" &&
    (plan.sheets.length > 0 || (plan.highlights ?? []).length > 0 || (plan.restoreFills ?? []).length > 0 || (plan.deleteSheets ?? []).length > 0)
  ) {
    internal.push(`state: "discard" removes the damaged state and nothing else`);
  }

  if (plan.state !== undefined && plan.state !== "delete" && plan.state !== "discard") {
    const w = (plan.state as { write?: StateData }).write;
    if (typeof w !== "object" || w === null) internal.push(`state: must be "delete", "discard" or {write: state}`);
    else {
      if (w.version !== STATE_VERSION) internal.push(`state: version must be ${STATE_VERSION}`);
      if (typeof w.ratingDefaults !== "object" || w.ratingDefaults === null) internal.push(`state: ratingDefaults must be an object`);
      if (!Array.isArray(w.sheets)) internal.push(`state: sheets must be a list`);
      else {
        // The state names exactly the marked sheets the plan writes.
        const markedSheets = plan.sheets.filter((s) => s.marker !== undefined);
        const marked = new Map(markedSheets.map((s) => [s.name.toLowerCase(), s.marker]));
        for (const x of w.sheets) {
          if (marked.get(String(x?.name).toLowerCase()) !== x?.kind) {
            internal.push(`state: sheet "${String(x?.name)}" (${String(x?.kind)}) is not a sheet of the plan with that marker`);
          }
        }
        const listed = new Set(w.sheets.map((x) => String(x?.name).toLowerCase()));
        for (const s of markedSheets) if (!listed.has(s.name.toLowerCase())) internal.push(`state: the plan's marked sheet "${s.name}" is not listed`);
      }
    }
  }
}

export { cellKey } from "./address";

/**
 * Writes into the company's cells: on the company's sheets only, each once, and undoable: a plan
 * that writes the state records every cell it changes; otherwise it is clear's (state "delete")
 * putting the recorded values back.
 */
function companyCellProblems(plan: Plan, planSheets: Set<string>, internal: string[]): void {
  const writes = plan.companyCells ?? [];
  if (writes.length === 0) return;
  const write = typeof plan.state === "object" && plan.state !== null ? plan.state.write : null;
  if (!write && plan.state !== "delete") internal.push(`companyCells: the plan must record them in the state (state: {write}) or be a clear (state: "delete")`);
  const recorded = new Set((write?.companyCells ?? []).map((r) => cellKey(String(r?.sheet), String(r?.cell))));
  const deleted = new Set((plan.deleteSheets ?? []).map((n) => String(n).toLowerCase()));
  const seen = new Set<string>();
  for (const w of writes) {
    if (typeof w?.sheet !== "string" || w.sheet === "" || typeof w.cell !== "string" || tryParseA1(w.cell) === null) {
      internal.push("companyCells: a write without a sheet or a single A1 cell");
      continue;
    }
    const where = `companyCells: ${w.sheet}!${w.cell}`;
    const v = w.value;
    if (!isPlainCellValue(v)) internal.push(`${where}: a value must be text, a number, a boolean or null`);
    if (typeof v === "string" && v.length > MAX_CELL_TEXT) internal.push(`${where}: text longer than ${MAX_CELL_TEXT} characters`);
    const sheet = w.sheet.toLowerCase();
    if (planSheets.has(sheet) || deleted.has(sheet) || sheet === STATE_SHEET.toLowerCase()) internal.push(`${where}: not a company sheet`);
    const k = cellKey(w.sheet, w.cell);
    if (seen.has(k)) internal.push(`${where}: written twice`);
    seen.add(k);
    if (write && !recorded.has(k)) internal.push(`${where}: its value before is not recorded in the state`);
  }
}

function validIndex(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

function validRange(r: CellRange): boolean {
  return validIndex(r.top) && validIndex(r.left) && r.bottom >= r.top && r.right >= r.left && Number.isInteger(r.bottom) && Number.isInteger(r.right);
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

const COLOR = /^#?(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$/;

function isColor(s: string): boolean {
  return COLOR.test(s);
}

/** "#1f4e79" or "1F4E79" or "FF1F4E79" to ARGB "FF1F4E79". */
export function toArgb(color: string): string {
  if (!isColor(color)) throw new Error(`not a colour: ${color}`);
  const hex = color.replace(/^#/, "").toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

/**
 * A plan refused before anything was written: the plan's or the workbook's problems, each a
 * message to show in the user's language (renderMessage). The Error's own message is the English
 * rendering, for logs.
 */
export class PlanRefusedError extends Error {
  override readonly name = "PlanRefusedError";
  constructor(readonly problems: EngineMessage[]) {
    super(`the plan cannot be applied:\n- ${problems.map((p) => renderMessage(p, "en")).join("\n- ")}`);
  }
}
