/// <reference types="office-js" />
/**
 * What the Excel the add-in runs in can do, by ExcelApi requirement set. The host asks once per
 * call (Office.context.requirements.isSetSupported) unless the caller passes the answer, as the
 * tests do for the fake Excel.
 */
import { ExcelHostError } from "./errors";

export interface ExcelCapabilities {
  /** ExcelApi 1.8, the least the host needs (data validation 1.8, freeze panes and workbook name 1.7, …). */
  base: boolean;
  /** ExcelApi 1.9: get/setCellProperties, row/column properties, fill patterns, page layout. */
  cellProperties: boolean;
  /** ExcelApi 1.13: Range.getMergedAreasOrNullObject. */
  mergedAreas: boolean;
}

export const REQUIRED_EXCEL_API = "1.8";

export type IsSetSupported = (name: string, version: string) => boolean;

export function detectCapabilities(isSetSupported?: IsSetSupported): ExcelCapabilities {
  const supported = isSetSupported ?? officeIsSetSupported();
  return {
    base: supported("ExcelApi", REQUIRED_EXCEL_API),
    cellProperties: supported("ExcelApi", "1.9"),
    mergedAreas: supported("ExcelApi", "1.13"),
  };
}

function officeIsSetSupported(): IsSetSupported {
  if (typeof Office === "undefined" || !Office.context?.requirements) {
    throw new ExcelHostError("NoOffice", "Office.js is not available (the add-in is not running inside Excel); pass capabilities explicitly outside Office");
  }
  return (name, version) => Office.context.requirements.isSetSupported(name, version);
}

/** Throws a clear error when this Excel lacks the requirement set the host needs. */
export function requireBase(c: ExcelCapabilities): void {
  if (!c.base) {
    throw new ExcelHostError(
      "ApiNotFound",
      `This version of Excel does not support ExcelApi ${REQUIRED_EXCEL_API}, which Shindan Coach needs (Excel 2021 or later, Microsoft 365, or Excel on the web)`,
    );
  }
}
