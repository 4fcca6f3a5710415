/**
 * What refuses a plan on a given workbook, the same for both hosts (src/excel for Office.js,
 * src/xlsx for ExcelJS): each host reads what the check needs into a `WorkbookView` and refuses
 * the plan (PlanRefusedError) on any problem, before anything is written. The plan's own problems
 * (core/plan.ts, checkPlan) come first: this check assumes a well-formed plan.
 */
import { checkState } from "./addinState";
import { sameSheetName } from "./excelLimits";
import { message, type EngineMessage } from "./messages";
import { STATE_SHEET, internalProblem, type Plan } from "./plan";

/** One sheet of the workbook as the check needs it. */
export interface ViewSheet {
  /** As the workbook spells it. */
  name: string;
  visible: boolean;
  /**
   * Carries the add-in's marker in row 1. A host may leave it false on a sheet the plan does not
   * touch (the check looks at no other).
   */
  marked: boolean;
  /** Protected against changes; undefined where the host does not know (a file: ExcelJS writes anyway). */
  protected?: boolean;
}

export interface WorkbookView {
  /** In workbook order. */
  sheets: ViewSheet[];
  /** Column A of the state sheet, top down, up to the first cell without text ([] when there is none). */
  stateColumn: readonly unknown[];
  /** The workbook's structure is protected (no sheet may be added or deleted); undefined: not known. */
  workbookProtected?: boolean;
  /**
   * When a visible sheet must remain. "result": only the workbook the plan leaves needs one
   * (ExcelJS builds it in memory; a replaced sheet is visible again). "batch": Excel refuses
   * each deletion that would leave none, and the batch deletes every sheet it deletes or
   * replaces before its own sheets make the count up again.
   */
  lastVisible: "result" | "batch";
}

/**
 * The problems of applying `plan` to the workbook `view` describes, found by walking the plan's
 * steps over the sheet names without touching anything: the state sheet's (core/addinState.ts,
 * checkState), a sheet to delete that is missing or not the add-in's, a company sheet in the way
 * of one of ours, a highlight on a missing sheet, and what Excel refuses (writing on a protected
 * sheet, adding or deleting sheets in a protected workbook, leaving no visible sheet).
 */
export function workbookProblems(plan: Plan, view: WorkbookView): EngineMessage[] {
  const problems: EngineMessage[] = [];
  const internal: string[] = [];
  const key = (name: string) => name.toLowerCase();
  // The state sheet is only ever ours to replace or remove, and the fills it records must be
  // restored (or knowingly given up) before it goes: otherwise the original fills would be lost.
  const stateName = view.sheets.find((s) => sameSheetName(s.name, STATE_SHEET))?.name;
  const state = checkState(plan, stateName, stateName !== undefined ? view.stateColumn : []);
  problems.push(...state.problems);

  // The sheets as they will be after each step: lower-case name → whether it is marked, and the add-in's.
  const sheets = new Map<string, { name: string; marked: boolean; ours: boolean; created: boolean; visible: boolean }>();
  for (const s of view.sheets)
    sheets.set(key(s.name), { name: s.name, marked: s.marked, ours: s.marked && state.recorded.has(key(s.name)), created: false, visible: s.visible });

  for (const name of plan.deleteSheets ?? []) {
    const s = sheets.get(key(name));
    if (!s) problems.push(message("error", "plan-sheet-missing", name, null));
    else if (!s.ours) problems.push(message("error", "plan-not-ours", s.name, null));
    else sheets.delete(key(name));
  }

  for (const p of plan.sheets) {
    const s = sheets.get(key(p.name));
    if (s && !s.ours) {
      if (p.action === "create" || p.marker !== undefined) problems.push(message("error", "plan-company-sheet", s.name, null));
    } else if (s && p.action === "create") {
      problems.push(message("error", "plan-sheet-exists", p.name, null));
    }
    sheets.set(key(p.name), { name: p.name, marked: p.marker !== undefined, ours: p.marker !== undefined, created: true, visible: true });
  }

  for (const h of plan.highlights ?? []) {
    const s = sheets.get(key(h.sheet));
    if (!s) problems.push(message("error", "plan-sheet-missing", h.sheet, null));
    else if (s.marked || s.created) internal.push(`highlight: sheet "${s.name}" is the add-in's; highlights go on the company's sheets only`);
  }

  // The one company cell the add-in writes (the decision 「今回の見直し」, core/companyCells.ts): on a company sheet.
  for (const w of plan.companyCells ?? []) {
    const s = sheets.get(key(w.sheet));
    if (!s) problems.push(message("error", "plan-sheet-missing", w.sheet, null));
    else if (s.marked || s.created || sameSheetName(s.name, STATE_SHEET)) internal.push(`companyCells: sheet "${s.name}" is the add-in's`);
  }

  // What Excel refuses: writing on a protected sheet, adding or deleting sheets in a protected workbook.
  const written = new Set([...(plan.highlights ?? []), ...(plan.restoreFills ?? []), ...(plan.companyCells ?? [])].map((x) => key(x.sheet)));
  for (const k of written) {
    const s = view.sheets.find((x) => key(x.name) === k);
    if (s?.protected) problems.push(message("error", "plan-sheet-protected", s.name, null));
  }
  const changesSheets =
    plan.sheets.length > 0 || (plan.deleteSheets ?? []).length > 0 || (plan.state !== undefined && (typeof plan.state === "object" || stateName !== undefined));
  if (view.workbookProtected && changesSheets) problems.push(message("error", "plan-workbook-protected", null, null));

  // Excel cannot open a workbook without a visible sheet, and Office.js refuses to delete the last one.
  if (problems.length === 0 && noVisibleSheetLeft(plan, view, [...sheets.values()])) problems.push(message("error", "plan-last-visible-sheet", null, null));
  if (internal.length) problems.push(internalProblem(internal));
  return problems;
}

function noVisibleSheetLeft(plan: Plan, view: WorkbookView, after: readonly { visible: boolean }[]): boolean {
  if (view.lastVisible === "result") return (plan.deleteSheets ?? []).length > 0 && !after.some((s) => s.visible);
  const deleted = new Set([...(plan.deleteSheets ?? []), ...plan.sheets.filter((p) => p.action === "replace").map((p) => p.name)].map((n) => n.toLowerCase()));
  return deleted.size > 0 && !view.sheets.some((s) => s.visible && !deleted.has(s.name.toLowerCase()));
}
