/**
 * A sheet with rows and columns swapped, for the diagnosis laid across: one column per item and
 * one row per respondent (a survey export, a tally sheet). The recogniser reads the swapped sheet
 * as any other; every address it reports is swapped back, so cells are named as on the sheet.
 */
import { a1, parseA1, type CellAddress } from "../address";
import type { EngineMessage } from "../messages";
import type { CellRange, CellValue, SheetSnapshot } from "../snapshot";

export function transposeSheet(sheet: SheetSnapshot): SheetSnapshot {
  const width = sheet.values.reduce((w, r) => Math.max(w, r.length), 0);
  const values: CellValue[][] = [];
  for (let j = 0; j < width; j++) {
    const row: CellValue[] = new Array(sheet.values.length);
    for (let i = 0; i < sheet.values.length; i++) row[i] = sheet.values[i][j] ?? null;
    values.push(row);
  }
  const swap = (m: CellRange): CellRange => ({ top: m.left, left: m.top, bottom: m.right, right: m.bottom });
  return {
    ...sheet,
    top: sheet.left,
    left: sheet.top,
    values,
    hiddenRows: sheet.hiddenColumns,
    hiddenColumns: sheet.hiddenRows,
    merges: sheet.merges.map(swap),
  };
}

/** An address on the swapped sheet ("E9", "D9:G9") as it is on the sheet itself. */
export function transposeAddress(address: CellAddress): CellAddress {
  const swapOne = (s: string) => {
    const { row, col } = parseA1(s);
    return a1(col, row);
  };
  return address.split(":").map(swapOne).join(":") as CellAddress;
}

/** A message about the swapped sheet, its cell and cell parameters ("firstCell") swapped back. */
export function transposeMessage(m: EngineMessage): EngineMessage {
  const params = { ...m.params };
  for (const [k, v] of Object.entries(params)) {
    if (k.endsWith("Cell") && typeof v === "string") params[k] = transposeAddress(v as CellAddress);
  }
  return { ...m, cell: m.cell === null ? null : transposeAddress(m.cell), params };
}
