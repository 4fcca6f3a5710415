/**
 * A declarative description of sheets to write into a workbook. The engine builds plans;
 * each host applies them (src/xlsx/applyPlan.ts for ExcelJS). Pure data, no workbook API,
 * so the same plan can later be applied through Office.js.
 *
 * All rows and columns are 0-based, like the snapshot.
 */
import { ADDIN_SHEET_KINDS, MARKER_COL, SHEET_NAME_MAX, STATE_SHEET, recordedFillProblem } from "./addinState";
import type { CellRange } from "./snapshot";

export interface Plan {
  sheets: SheetPlan[];
  /**
   * Undo of the add-in's previous output, applied first: recorded fills put back on the
   * company's cells, then the add-in's own sheets (found by their marker) deleted.
   */
  restoreFills?: RecordedFill[];
  deleteSheets?: string[];
  /**
   * Fills on the company's cells. The host records each cell's fill as it is (after the
   * restore) into the state before changing it, so that clearing puts it back exactly.
   */
  highlights?: Highlight[];
  /** What the hidden state sheet holds afterwards; "delete" removes it (clear). */
  state?: { write: StateData } | "delete";
}

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
}

export interface Highlight {
  sheet: string;
  range: CellRange;
  /** Solid fill colour, ARGB or #RRGGBB. */
  fill: string;
}

/** The add-in's own record in the workbook (hidden sheet, see core/addinState.ts). */
export interface StateData {
  version: 1;
  /** The add-in's sheets, by kind. */
  sheets: { name: string; kind: AddinSheetKind }[];
  /** Filled in by the host while applying: the original fill of every highlighted cell. */
  highlights: RecordedFill[];
  /** The default ratings the priority sheet was written with, so that edits are told apart from defaults. */
  ratingDefaults: Record<string, { urgency: string; importance: string; difficulty: string }>;
}

export type AddinSheetKind = "summary" | "priorities" | "regulations";

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

/** null leaves the cell untouched. A formula is written without "=" or with it, never with a result. */
export type PlanCell = null | {
  value?: string | number | boolean | null;
  formula?: string;
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

export interface ValidationPlan {
  range: CellRange;
  /** Allowed values, or a formula giving them (e.g. "$C$3:$C$6"). */
  list: string[] | { formula: string };
  /** Input message shown when a cell of the range is selected. */
  prompt?: string;
  /** Message shown when a value outside the list is typed. */
  error?: string;
}

export interface PrintPlan {
  orientation: "portrait" | "landscape";
  /** Paper size; A4 when absent. */
  paper?: "A4" | "Letter";
  /** Shrink to one page wide (any number of pages tall). */
  fitToWidth?: boolean;
  /** 0-based first and last row printed at the top of every page. */
  repeatRows?: [number, number];
  /** Excel header/footer strings, with its codes (&P page, &N pages, &C centre ...). */
  header?: string;
  footer?: string;
}

// ---------------------------------------------------------------------------------------------

const SHEET_NAME_FORBIDDEN = /[*?:/\\[\]]/;

/** Excel's sheet size: rows and columns (0-based indices stay below these). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Excel's limit on the text in one cell. */
export const MAX_CELL_TEXT = 32_767;
/** At most this many cells highlighted by one plan (each is recorded in the state). */
export const MAX_HIGHLIGHT_CELLS = 20_000;

/**
 * Problems that would make the plan fail half-way or break the add-in's promises (a company
 * cell's value changed, a highlight that cannot be undone); applying hosts refuse a plan with
 * any. What depends on the workbook (which sheets exist, which carry the marker) is checked by
 * the host.
 */
export function checkPlan(plan: Plan): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const checkedStyles = new Map<CellStyle, string[]>();
  for (const s of plan.sheets) {
    const where = `sheet "${s.name}"`;
    problems.push(...sheetNameProblems(s.name, where));
    const key = s.name.toLowerCase(); // Excel compares sheet names case-insensitively
    if (seen.has(key)) problems.push(`${where}: appears twice in the plan`);
    seen.add(key);
    if (key === STATE_SHEET.toLowerCase()) problems.push(`${where}: the name is reserved for the add-in's hidden state sheet`);
    if (s.marker !== undefined && !ADDIN_SHEET_KINDS.includes(s.marker)) problems.push(`${where}: unknown marker kind "${String(s.marker)}"`);
    if (s.position !== undefined && !validIndex(s.position)) problems.push(`${where}: position must be a non-negative integer`);
    if (s.marker !== undefined) {
      const onMarker = (top: number, left: number, bottom: number, right: number) =>
        top <= 0 && bottom >= 0 && left <= MARKER_COL && right >= MARKER_COL;
      if (s.cells.some((b) => b.rows.some((row, i) => row.some((c, j) => c !== null && onMarker(b.top + i, b.left + j, b.top + i, b.left + j))))) {
        problems.push(`${where}: a cell is written over the add-in's marker cell`);
      }
      if ((s.merges ?? []).some((m) => onMarker(m.top, m.left, m.bottom, m.right))) problems.push(`${where}: a merge covers the add-in's marker cell`);
    }

    for (const b of s.cells) {
      if (!validIndex(b.top) || !validIndex(b.left)) problems.push(`${where}: a cell block starts at a negative or non-integer position`);
      b.rows.forEach((row, i) =>
        row.forEach((c, j) => {
          if (!c) return;
          // Built only when there is a problem to report: most plans have none.
          const at = () => `${where}: cell (${b.top + i}, ${b.left + j})`;
          const { value, formula, style } = c;
          if (formula !== undefined && value !== undefined && value !== null) problems.push(`${at()} has both a value and a formula`);
          // Only PlanCell.formula makes a formula; a value is written as it is, text as text.
          const type = typeof value;
          if (value !== undefined && value !== null && type !== "string" && type !== "number" && type !== "boolean") {
            problems.push(`${at()}: a value must be text, a number, a boolean or null`);
          }
          if (typeof value === "number" && !Number.isFinite(value)) problems.push(`${at()}: ${value} is not a number Excel can hold`);
          if (typeof value === "string" && value.length > MAX_CELL_TEXT) problems.push(`${at()}: text longer than ${MAX_CELL_TEXT} characters`);
          if (formula !== undefined && typeof formula !== "string") problems.push(`${at()}: a formula must be text`);
          if (style !== undefined) {
            // A style shared by many cells is checked once.
            if (!checkedStyles.has(style)) {
              checkedStyles.set(style, [style.fill, style.fontColor].filter((color) => color !== undefined && !isColor(color)) as string[]);
            }
            for (const color of checkedStyles.get(style)!) problems.push(`${at()}: "${color}" is not a colour`);
          }
        }),
      );
    }
    const merges = s.merges ?? [];
    merges.forEach((m, i) => {
      if (!validRange(m)) problems.push(`${where}: merge ${i} is not a valid range`);
      for (let k = 0; k < i; k++) if (overlaps(m, merges[k])) problems.push(`${where}: merges ${k} and ${i} overlap`);
    });
    for (const v of s.validations ?? []) {
      if (!validRange(v.range)) problems.push(`${where}: a validation range is not valid`);
      if (Array.isArray(v.list)) {
        // Excel keeps an inline list as one comma-separated string of at most 255 characters.
        if (v.list.some((x) => x.includes(","))) problems.push(`${where}: an inline list value contains a comma`);
        if (v.list.join(",").length > 255) problems.push(`${where}: an inline list is longer than 255 characters`);
      }
    }
    if (s.tabColor !== undefined && !isColor(s.tabColor)) problems.push(`${where}: "${s.tabColor}" is not a colour`);
    if (s.freezeRows !== undefined && !validIndex(s.freezeRows)) problems.push(`${where}: freezeRows must be a non-negative integer`);
    // Excel's limit: Office.js rejects a taller row, so no plan may ask for one.
    for (const h of s.rowHeights ?? []) if (!(h.height > 0 && h.height <= 409)) problems.push(`${where}: row ${h.row} height ${h.height} is outside 0–409 points`);
  }
  problems.push(...undoProblems(plan, seen));
  return problems;
}

function sheetNameProblems(name: unknown, where: string): string[] {
  if (typeof name !== "string") return [`${where}: a sheet name must be text`];
  const problems: string[] = [];
  if (name.length === 0 || name.length > SHEET_NAME_MAX) problems.push(`${where}: a sheet name must have 1 to ${SHEET_NAME_MAX} characters`);
  if (SHEET_NAME_FORBIDDEN.test(name) || /^'|'$/.test(name)) {
    problems.push(`${where}: a sheet name cannot contain * ? : / \\ [ ] or start or end with '`);
  }
  return problems;
}

/** restoreFills, deleteSheets, highlights and state; `planSheets` holds the plan's sheet names, lower case. */
function undoProblems(plan: Plan, planSheets: Set<string>): string[] {
  const problems: string[] = [];
  const state = STATE_SHEET.toLowerCase();

  const restored = new Set<string>();
  for (const r of plan.restoreFills ?? []) {
    const p = recordedFillProblem(r);
    if (p) {
      problems.push(`restoreFills: ${p}`);
      continue;
    }
    const key = cellKey(r.sheet, r.cell);
    if (restored.has(key)) problems.push(`restoreFills: ${r.sheet}!${r.cell} is restored twice`);
    restored.add(key);
  }

  const deleted = new Set<string>();
  for (const name of plan.deleteSheets ?? []) {
    const where = `deleteSheets: sheet "${name}"`;
    problems.push(...sheetNameProblems(name, where));
    if (typeof name !== "string") continue;
    const key = name.toLowerCase();
    if (deleted.has(key)) problems.push(`${where}: listed twice`);
    if (key === state) problems.push(`${where}: the hidden state sheet is removed with state: "delete", not deleteSheets`);
    deleted.add(key);
  }

  let cells = 0;
  for (const h of plan.highlights ?? []) {
    const where = `highlight on sheet "${h.sheet}"`;
    problems.push(...sheetNameProblems(h.sheet, where));
    if (!validRange(h.range) || h.range.bottom >= MAX_ROWS || h.range.right >= MAX_COLUMNS) {
      problems.push(`${where}: not a valid range`);
    } else {
      cells += (h.range.bottom - h.range.top + 1) * (h.range.right - h.range.left + 1);
    }
    if (typeof h.fill !== "string" || !isColor(h.fill)) problems.push(`${where}: "${String(h.fill)}" is not a colour`);
    if (typeof h.sheet !== "string") continue;
    const key = h.sheet.toLowerCase();
    // Highlights mark the company's cells; the add-in's own sheets are written with their styles.
    if (planSheets.has(key) || deleted.has(key) || key === state) problems.push(`${where}: highlights go on the company's sheets only`);
  }
  if (cells > MAX_HIGHLIGHT_CELLS) problems.push(`highlights: ${cells} cells, more than the ${MAX_HIGHLIGHT_CELLS} that can be recorded`);
  // The original fills are kept only in the state; without it a highlight could not be cleared.
  if ((plan.highlights ?? []).length > 0 && (typeof plan.state !== "object" || plan.state === null)) {
    problems.push(`highlights: the plan must write the state (state: {write}) so that they can be cleared`);
  }

  if (plan.state !== undefined && plan.state !== "delete") {
    const w = (plan.state as { write?: StateData }).write;
    if (typeof w !== "object" || w === null) problems.push(`state: must be "delete" or {write: state}`);
    else {
      if (w.version !== 1) problems.push(`state: version must be 1`);
      if (typeof w.ratingDefaults !== "object" || w.ratingDefaults === null) problems.push(`state: ratingDefaults must be an object`);
      if (!Array.isArray(w.sheets)) problems.push(`state: sheets must be a list`);
      else {
        // The state names exactly the marked sheets the plan writes.
        const markedSheets = plan.sheets.filter((s) => s.marker !== undefined);
        const marked = new Map(markedSheets.map((s) => [s.name.toLowerCase(), s.marker]));
        for (const x of w.sheets) {
          if (marked.get(String(x?.name).toLowerCase()) !== x?.kind) {
            problems.push(`state: sheet "${String(x?.name)}" (${String(x?.kind)}) is not a sheet of the plan with that marker`);
          }
        }
        const listed = new Set(w.sheets.map((x) => String(x?.name).toLowerCase()));
        for (const s of markedSheets) if (!listed.has(s.name.toLowerCase())) problems.push(`state: the plan's marked sheet "${s.name}" is not listed`);
      }
    }
  }
  return problems;
}

/** Identity of a cell across a plan: sheet name (case-insensitive) and A1 without $. */
export function cellKey(sheet: string, cell: string): string {
  return `${sheet.toLowerCase()}!${cell.replace(/\$/g, "").toUpperCase()}`;
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

/** A plan a host refused before writing anything: the plan's or the workbook's problems, each a sentence. */
export class PlanRefusedError extends Error {
  override readonly name = "PlanRefusedError";
  constructor(readonly problems: string[]) {
    super(`the plan cannot be applied:\n- ${problems.join("\n- ")}`);
  }
}
