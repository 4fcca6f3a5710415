/**
 * What the engine sees of a workbook. Both hosts (ExcelJS for files, Office.js in Excel)
 * produce this shape; the engine never touches a workbook API.
 */

/** An Excel error value such as #N/A or #DIV/0!. */
export interface CellError {
  error: string;
}

/**
 * A number shown in a date or time format, as the calendar date (and time of day) Excel shows:
 * ISO 8601 "2024-04-01", "2024-04-01T09:30:00", or "09:30:00" for a time alone (day 0).
 * Messages show it as a date, never as the serial number Excel stores.
 */
export interface CellDate {
  date: string;
}

/**
 * A formula saved without its calculated value (some tools write the formula only and leave the
 * calculation to Excel). Its value is unknown until the file is opened and saved in Excel. The
 * Office.js host never gives one: Excel calculates every formula of the open workbook.
 */
export interface CellUncalculated {
  formula: string;
}

/**
 * A cell's value as the engine sees it: formula cells hold their cached result (or are
 * CellUncalculated), numbers in a date or time format are CellDate, rich text is flattened, the
 * non-master cells of a merge are null.
 */
export type CellValue = string | number | boolean | null | CellError | CellDate | CellUncalculated;

export function isCellError(v: CellValue | undefined): v is CellError {
  return typeof v === "object" && v !== null && "error" in v;
}

export function isCellDate(v: CellValue | undefined): v is CellDate {
  return typeof v === "object" && v !== null && "date" in v;
}

export function isUncalculated(v: CellValue | undefined): v is CellUncalculated {
  return typeof v === "object" && v !== null && "formula" in v;
}

const MS_PER_DAY = 86_400_000;
/** Serial 25569 is 1970-01-01 in the 1900 date system; the 1904 system counts 1462 days fewer. */
const UNIX_EPOCH_SERIAL = 25569;
const DAYS_1904 = 1462;

/**
 * The date a serial number stands for in the workbook's date system. The arithmetic is ExcelJS's
 * (utils.excelToDate: milliseconds rounded), so that the xlsx host (which gets a Date from ExcelJS)
 * and the Office.js host (which gets the serial from Excel) give the same value. Rounded to the
 * second; a whole day has no time part, day 0 (a time typed alone) has no date part.
 */
export function dateFromSerial(serial: number, date1904: boolean): CellDate {
  // A data sheet holds the same dates many times: each is worked out once (the value is shared;
  // snapshots are never changed in place).
  const cache = date1904 ? DATES_1904 : DATES_1900;
  const hit = cache.get(serial);
  if (hit) return hit;
  if (cache.size >= DATE_CACHE_LIMIT) cache.clear();
  const d = computeDate(serial, date1904);
  cache.set(serial, d);
  return d;
}

/**
 * Excel shows a date only for serial numbers from 0 to 2958465 (9999-12-31) in the 1900 system
 * (1462 fewer in the 1904 system); a number outside that in a date format shows as "#####".
 */
const LAST_DATE_1900 = 2958465;

/**
 * A number in a date or time format as the engine sees it: the date it stands for, or the number
 * itself when no date can be shown for it (negative, or past 9999-12-31: Excel shows "#####").
 */
export function numberInDateFormat(serial: number, date1904: boolean): CellValue {
  const last = LAST_DATE_1900 - (date1904 ? DAYS_1904 : 0);
  return serial >= 0 && serial < last + 1 ? dateFromSerial(serial, date1904) : serial;
}

const DATE_CACHE_LIMIT = 100_000;
const DATES_1900 = new Map<number, CellDate>();
const DATES_1904 = new Map<number, CellDate>();

function computeDate(serial: number, date1904: boolean): CellDate {
  const offset = date1904 ? DAYS_1904 : 0;
  const ms = Math.round((serial - UNIX_EPOCH_SERIAL + offset) * MS_PER_DAY);
  const seconds = Math.round(ms / 1000);
  const d = new Date(seconds * 1000);
  const iso = d.toISOString(); // yyyy-mm-ddThh:mm:ss.sssZ (UTC is the serial's own clock)
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (serial >= 0 && serial < 1) return { date: time };
  return { date: time === "00:00:00" ? day : `${day}T${time}` };
}

/** The serial number of a Date as ExcelJS makes it from one (utils.dateToExcel). */
export function serialFromDate(d: Date, date1904: boolean): number {
  return UNIX_EPOCH_SERIAL + d.getTime() / MS_PER_DAY - (date1904 ? DAYS_1904 : 0);
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
  /**
   * The formulas of the used range's formula cells (0-based sheet positions, without "="), in
   * reading order: how the recogniser tells a column that repeats other respondents' answers by
   * reference (a 集計 sheet) from one typed in. Both hosts give it; absent, as in a snapshot made
   * by hand, means none.
   */
  formulas?: SheetFormula[];
}

export interface SheetFormula {
  row: number;
  col: number;
  formula: string;
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

/**
 * The workbook with one rectangle of one sheet left blank (values only; merges and the rest
 * as they are). Used to keep one recogniser away from what another one has read.
 */
export function withoutRange(workbook: WorkbookSnapshot, sheetName: string, range: CellRange): WorkbookSnapshot {
  return {
    ...workbook,
    sheets: workbook.sheets.map((sheet) => {
      if (sheet.name !== sheetName) return sheet;
      const values = sheet.values.map((row, i) => {
        const r = sheet.top + i;
        if (r < range.top || r > range.bottom) return row;
        return row.map((v, j) => (sheet.left + j >= range.left && sheet.left + j <= range.right ? null : v));
      });
      return { ...sheet, values };
    }),
  };
}
