/**
 * The plan that takes the add-in's output out of a workbook: every fill it recorded put back,
 * every sheet carrying its marker deleted, and its hidden state sheet removed.
 */
import { findAddinSheets, readState, recordedFills } from "./addinState";
import type { Plan } from "./plan";
import type { WorkbookSnapshot } from "./snapshot";

/** Throws (naming the state sheet) when the recorded state is damaged: nothing is guessed. */
export function clearPlan(snapshot: WorkbookSnapshot): Plan {
  return {
    sheets: [],
    restoreFills: recordedFills(readState(snapshot)),
    deleteSheets: findAddinSheets(snapshot).map((s) => s.name),
    state: "delete",
  };
}
