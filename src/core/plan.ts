/**
 * A declarative description of sheets to write into a workbook. The engine builds plans;
 * each host applies them (src/xlsx/applyPlan.ts for ExcelJS). Pure data, no workbook API,
 * so the same plan can later be applied through Office.js.
 *
 * All rows and columns are 0-based, like the snapshot.
 */
import type { CellRange } from "./snapshot";

export interface Plan {
  sheets: SheetPlan[];
}

/** 'create' fails if the sheet exists; 'replace' swaps it in place (or creates it if absent). */
export type SheetAction = "create" | "replace";

export interface SheetPlan {
  name: string;
  action: SheetAction;
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

/** Problems that would make the plan fail half-way; applying hosts refuse a plan with any. */
export function checkPlan(plan: Plan): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of plan.sheets) {
    const where = `sheet "${s.name}"`;
    if (s.name.length === 0 || s.name.length > 31) problems.push(`${where}: a sheet name must have 1 to 31 characters`);
    if (SHEET_NAME_FORBIDDEN.test(s.name) || /^'|'$/.test(s.name)) {
      problems.push(`${where}: a sheet name cannot contain * ? : / \\ [ ] or start or end with '`);
    }
    const key = s.name.toLowerCase(); // Excel compares sheet names case-insensitively
    if (seen.has(key)) problems.push(`${where}: appears twice in the plan`);
    seen.add(key);

    for (const b of s.cells) {
      if (!validIndex(b.top) || !validIndex(b.left)) problems.push(`${where}: a cell block starts at a negative or non-integer position`);
      b.rows.forEach((row, i) =>
        row.forEach((c, j) => {
          if (!c) return;
          const at = `${where}: cell (${b.top + i}, ${b.left + j})`;
          if (c.formula !== undefined && c.value !== undefined && c.value !== null) problems.push(`${at} has both a value and a formula`);
          for (const color of [c.style?.fill, c.style?.fontColor]) {
            if (color !== undefined && !isColor(color)) problems.push(`${at}: "${color}" is not a colour`);
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
  }
  return problems;
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
