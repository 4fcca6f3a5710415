/**
 * Excel's own limits and naming rules, the one place both hosts and the engine take them from
 * (Microsoft's "Excel specifications and limits"). A plan never asks for more (core/plan.ts
 * checks), so a host never has to cut anything to fit.
 */

/** Excel's sheet size: rows and columns (0-based indices stay below these). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Excel's limit on the text in one cell. */
export const MAX_CELL_TEXT = 32_767;
/** Excel's highest row, in points: Office.js refuses a taller one (ExcelJS would write it, Excel shows it at 409). */
export const MAX_ROW_HEIGHT = 409;
/** Excel's limit on the length of a sheet name. */
export const SHEET_NAME_MAX = 31;

/** Excel compares sheet names case-insensitively (also for non-ASCII letters). */
export function sameSheetName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
