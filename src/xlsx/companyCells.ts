/**
 * The xlsx host's part in the one change the add-in makes to a company cell (the decision
 * 「今回の見直し」, ../core/companyCells.ts): the write on ExcelJS's load (core's workbookCheck.ts
 * checks the sheets). The package writer (./writePackage.ts) writes the same values into the
 * sheet's part (./worksheetPart.ts), keeping each cell's format.
 */
import type ExcelJS from "exceljs";
import { sameSheetName } from "../core/addinState";
import { parseA1 } from "../core/address";
import type { Plan } from "../core/plan";

/** Writes the plan's company-cell values on ExcelJS's load (the cell's style stays). */
export function writeCompanyCells(wb: ExcelJS.Workbook, plan: Plan): void {
  for (const w of plan.companyCells ?? []) {
    const ws = wb.worksheets.find((x) => sameSheetName(x.name, w.sheet))!;
    const { row, col } = parseA1(w.cell);
    ws.getCell(row + 1, col + 1).value = w.value === "" ? null : w.value;
  }
}
