/**
 * Cell values as Office.js gives them, mapped to the engine's CellValue the way the xlsx host
 * maps ExcelJS's: "" (an empty cell) → null, an error ("#N/A" with value type Error) → {error},
 * numbers (dates are serial numbers already), booleans and text as they are.
 */
import type { CellValue } from "../core/snapshot";

export function cellValue(value: unknown, type: string | undefined): CellValue {
  if (type === "Error") return { error: String(value) };
  if (type === "Empty") return null;
  switch (typeof value) {
    case "string":
      return value === "" ? null : value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "boolean":
      return value;
    default:
      return null;
  }
}
