/// <reference types="office-js" />
/**
 * The Office.js host's part in the one change the add-in makes to a company cell (the decision
 * 「今回の見直し」, ../core/companyCells.ts): the check before anything is written, from what
 * applyPlan's check sync read, and the writes, queued into its first write request.
 */
import { companyCellSheetProblems } from "../core/companyCells";
import { message, type EngineMessage } from "../core/messages";
import type { Plan } from "../core/plan";
import { textEntry } from "./textEntry";

/** The sheets the plan writes company cells on: applyPlan reads their marker and protection in its check. */
export function companyCellSheets(plan: Plan): string[] {
  return (plan.companyCells ?? []).map((w) => w.sheet);
}

/**
 * What the workbook refuses: a sheet missing or the add-in's (core's rule), or protected (Excel
 * would refuse the write, after the rest of the plan was sent).
 */
export function companyCellProblems(plan: Plan, sheets: readonly { name: string; marked: boolean; protected: boolean }[]): EngineMessage[] {
  if (!(plan.companyCells ?? []).length) return [];
  const problems = companyCellSheetProblems(plan, sheets);
  const names = new Set(companyCellSheets(plan).map((n) => n.toLowerCase()));
  for (const s of sheets) if (s.protected && names.has(s.name.toLowerCase())) problems.push(message("error", "plan-sheet-protected", s.name, null));
  return problems;
}

/** Queues the writes (no sync): text as Excel keeps it as written (./textEntry.ts), "" empties a cell. */
export function queueCompanyCells(context: Excel.RequestContext, plan: Plan): void {
  for (const w of plan.companyCells ?? []) {
    const value = w.value === null ? "" : typeof w.value === "string" ? textEntry(w.value) : w.value;
    context.workbook.worksheets.getItem(w.sheet).getRange(w.cell).values = [[value]];
  }
}
