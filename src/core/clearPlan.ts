/**
 * The plan that takes the add-in's output out of a workbook: every recorded fill put back where
 * its cell is now (core/restore.ts), every decision the add-in wrote given back (core/companyCells.ts), every sheet the state names as ours deleted (a copy of one
 * of them is the company's: left, and reported), and the hidden state sheet removed.
 */
import { STATE_SHEET, StateDamagedError, copiedSheets, copyMessages, findAddinSheets, markedSheets, readState, sameSheetName } from "./addinState";
import { message, sheetListParam, type EngineMessage } from "./messages";
import { PlanRefusedError, type Plan } from "./plan";
import { planRestores } from "./restore";
import { companyCellRestores } from "./companyCells";
import type { WorkbookSnapshot } from "./snapshot";

export interface ClearResult {
  plan: Plan;
  /** What the user should know: copies left, cells not found again, an old record. */
  messages: EngineMessage[];
}

/** Throws PlanRefusedError (with the "invalid-addin-state" message) when the recorded state is damaged: nothing is guessed. */
export function clearPlan(snapshot: WorkbookSnapshot): ClearResult {
  let state;
  try {
    state = readState(snapshot);
  } catch (e) {
    if (e instanceof StateDamagedError) throw new PlanRefusedError([e.toMessage()]);
    throw e;
  }
  const restores = planRestores(snapshot, state);
  // The decisions the add-in wrote into the company's overview, given back.
  const cells = companyCellRestores(snapshot, state);
  return {
    plan: {
      sheets: [],
      restoreFills: restores.restoreFills,
      unrestored: restores.unrestored,
      deleteSheets: findAddinSheets(snapshot, state).map((s) => s.name),
      state: "delete",
      ...(cells.writes.length ? { companyCells: cells.writes } : {}),
    },
    messages: [...restores.messages, ...cells.messages, ...copyMessages(copiedSheets(snapshot, state))],
  };
}

/**
 * The way out of a damaged state (clear --discard-state): the state sheet alone is removed, so
 * that the add-in can be used on the workbook again. Its sheets and colours stay (which of them
 * are ours, and the original fills, were in the lost record): the message names the marked
 * sheets to delete by hand. Refused when the state is intact (clear undoes everything then).
 */
export function discardStatePlan(snapshot: WorkbookSnapshot): ClearResult {
  let damaged = false;
  try {
    if (readState(snapshot) !== null) throw new PlanRefusedError([message("error", "state-intact", null, null)]);
  } catch (e) {
    if (!(e instanceof StateDamagedError)) throw e;
    damaged = true;
  }
  // No state sheet at all: nothing to discard. (A company sheet with its name is refused by the host.)
  if (!damaged && !snapshot.sheets.some((s) => sameSheetName(s.name, STATE_SHEET))) return { plan: { sheets: [] }, messages: [] };
  const marked = markedSheets(snapshot).map((s) => s.name);
  return {
    plan: { sheets: [], state: "discard" },
    messages: [message("warning", "state-discarded", null, null, { sheets: marked.length ? sheetListParam(marked) : "-" })],
  };
}
