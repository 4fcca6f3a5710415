/**
 * Cell values as Office.js gives them, mapped to the engine's CellValue the way the xlsx host
 * maps ExcelJS's: "" (an empty cell) → null, an error ("#N/A" with value type Error) → {error},
 * booleans and text as they are, numbers as they are unless their number format is a date or
 * time format, then a CellDate.
 *
 * Range.values gives a date as its serial number ("values … dates are returned as numbers",
 * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-ranges-get-set-values);
 * Range.numberFormat gives each cell's number format code in the invariant (en-US) form a file
 * stores (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-numberformat-member).
 * A number is a date when its format is one by the rule ExcelJS applies to a file's formats
 * (utils.isDateFmt, exceljs 4.4.0), so both hosts agree on the same workbook.
 *
 * Excel calculates every formula of the open workbook, so this host never gives a
 * CellUncalculated (a formula saved without its value); only files read by the xlsx host can.
 */
import { numberInDateFormat, type CellValue } from "../core/snapshot";

/** ExcelJS's utils.isDateFmt: y m d h s b (M) outside "quoted text" and [brackets]. */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== "string" || format === "") return false;
  const bare = format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]+/.test(bare);
}

export function cellValue(value: unknown, type: string | undefined, format: unknown, date1904: boolean): CellValue {
  if (type === "Error") return { error: String(value) };
  if (type === "Empty") return null;
  switch (typeof value) {
    case "string":
      return value === "" ? null : value;
    case "number":
      if (!Number.isFinite(value)) return null;
      return isDateFormat(format) ? numberInDateFormat(value, date1904) : value;
    case "boolean":
      return value;
    default:
      return null;
  }
}
