/// <reference types="office-js" />
/**
 * The Office.js host's part in the one change the add-in makes to a company cell (the decision
 * 「今回の見直し」, ../core/companyCells.ts): the sheets applyPlan's check reads (core's
 * workbookCheck.ts decides), and the writes, queued into its first write request.
 */
import type { Plan } from "../core/plan";
import { textEntry } from "./textEntry";

/** The sheets the plan writes company cells on: applyPlan reads their marker and protection in its check. */
export function companyCellSheets(plan: Plan): string[] {
  return (plan.companyCells ?? []).map((w) => w.sheet);
}

/** Queues the writes (no sync): text as Excel keeps it as written (./textEntry.ts), "" empties a cell. */
export function queueCompanyCells(context: Excel.RequestContext, plan: Plan): void {
  for (const w of plan.companyCells ?? []) {
    const value = w.value === null ? "" : typeof w.value === "string" ? textEntry(w.value) : w.value;
    context.workbook.worksheets.getItem(w.sheet).getRange(w.cell).values = [[value]];
  }
}
