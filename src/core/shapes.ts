/** Shape checks of what was parsed from a workbook (the state's JSON, a plan's records) before its fields are read. */

/** A plain object (not null, not a list). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value a company cell can hold as the add-in writes and records it: text, a finite number, a boolean or none. */
export function isPlainCellValue(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}
