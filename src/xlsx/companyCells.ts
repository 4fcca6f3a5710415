/**
 * The xlsx host's part in the one change the add-in makes to a company cell (the decision
 * 「今回の見直し」, ../core/companyCells.ts): the check before anything is written, and the write
 * on ExcelJS's load. The package writer (./writePackage.ts) writes the same values into the
 * sheet's part (./worksheetPart.ts), keeping each cell's format.
 */
import type ExcelJS from "exceljs";
import { markerInRow, sameSheetName } from "../core/addinState";
import { parseA1 } from "../core/address";
import { companyCellSheetProblems } from "../core/companyCells";
import type { EngineMessage } from "../core/messages";
import type { Plan } from "../core/plan";

function rowOneText(ws: ExcelJS.Worksheet): unknown[] {
  const values: unknown[] = [];
  ws.findRow(1)?.eachCell((cell) => {
    const v = cell.value;
    values.push(typeof v === "string" ? v : v && typeof v === "object" && "richText" in v ? v.richText.map((r) => r.text).join("") : undefined);
  });
  return values;
}

/** The plan's company-cell writes the workbook refuses (a sheet missing, or one of the add-in's). */
export function companyCellProblems(wb: ExcelJS.Workbook, plan: Plan): EngineMessage[] {
  if (!(plan.companyCells ?? []).length) return [];
  return companyCellSheetProblems(
    plan,
    wb.worksheets.map((ws) => ({ name: ws.name, marked: markerInRow(rowOneText(ws)) !== null })),
  );
}

/** Writes the plan's company-cell values on ExcelJS's load (the cell's style stays). */
export function writeCompanyCells(wb: ExcelJS.Workbook, plan: Plan): void {
  for (const w of plan.companyCells ?? []) {
    const ws = wb.worksheets.find((x) => sameSheetName(x.name, w.sheet))!;
    const { row, col } = parseA1(w.cell);
    ws.getCell(row + 1, col + 1).value = w.value === "" ? null : w.value;
  }
}
