/**
 * What the engine sees of a workbook. Both hosts (ExcelJS for files, Office.js in Excel)
 * produce this shape; the engine never touches a workbook API.
 */

/** An Excel error value such as #N/A or #DIV/0!. */
export interface CellError {
  error: string;
}

/**
 * A cell's value as the engine sees it: formula cells hold their cached result, dates are
 * Excel serial numbers, rich text is flattened, the non-master cells of a merge are null.
 */
export type CellValue = string | number | boolean | null | CellError;

export function isCellError(v: CellValue | undefined): v is CellError {
  return typeof v === "object" && v !== null && "error" in v;
}

/** Inclusive, 0-based rectangle of cells. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type SheetVisibility = "visible" | "hidden" | "veryHidden";

/** Which host a sheet id comes from: the two kinds of id are not comparable. */
export type HostKind = "xlsx" | "excel";

/**
 * A sheet's identity that survives renaming and moving: for the xlsx host the file's sheetId
 * (ExcelJS worksheet.id), for the Office.js host Worksheet.id.
 */
export interface SheetId {
  host: HostKind;
  id: string;
}

export interface SheetSnapshot {
  name: string;
  /** The host's id of the sheet, when it gives one (the add-in finds its coloured cells again by it). */
  id?: SheetId;
  visibility: SheetVisibility;
  /** 0-based sheet row/column of values[0][0] (the used range's top-left cell). */
  top: number;
  left: number;
  /** values[i][j] is the cell at sheet row top+i, column left+j; rows may be shorter than others. */
  values: CellValue[][];
  /** 0-based sheet rows and columns that are hidden. */
  hiddenRows: number[];
  hiddenColumns: number[];
  merges: CellRange[];
}

export interface WorkbookSnapshot {
  /** File or workbook name, for messages; not used for recognition. */
  name: string;
  sheets: SheetSnapshot[];
}

/** Reads the value at a 0-based sheet position; null outside the used range. */
export function cellAt(sheet: SheetSnapshot, row: number, col: number): CellValue {
  const r = sheet.values[row - sheet.top];
  if (!r) return null;
  const v = r[col - sheet.left];
  return v === undefined ? null : v;
}

export function sheetBottom(sheet: SheetSnapshot): number {
  return sheet.top + sheet.values.length - 1;
}

export function sheetRight(sheet: SheetSnapshot): number {
  let w = 0;
  for (const r of sheet.values) if (r.length > w) w = r.length;
  return sheet.left + w - 1;
}
