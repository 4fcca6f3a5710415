/** Finds the checksheet's overview, its check sheet and the basic-policy checklist anywhere in a workbook. */
import type { ChecksheetRecognition } from "../../checksheet";
import { message, resourceParam, type EngineMessage } from "../../messages";
import type { CellRange, SheetSnapshot, WorkbookSnapshot } from "../../snapshot";
import { recogniseCheckSheet, type CheckSheetFinding } from "./checkSheet";
import { recogniseOverview } from "./overview";
import { recognisePolicyChecklist } from "./policy";

export interface ChecksheetFindings extends ChecksheetRecognition {
  /** The regulation blocks the check sheet lists, in sheet order. */
  listed: CheckSheetFinding["listed"];
  /** Where the check sheet's table and the overview's list are: no diagnosis is looked for there. */
  regions: { sheet: string; range: CellRange }[];
}

/** The first sheet of a kind counts; any further one is reported so that nothing is read twice silently. */
function firstOf<T extends { sheet: string; messages: EngineMessage[] }>(
  sheets: SheetSnapshot[],
  recognise: (s: SheetSnapshot) => T | null,
  kind: "kind.check" | "kind.overview" | "kind.policy",
  messages: EngineMessage[],
): T | null {
  const found = sheets.map(recognise).filter((x): x is T => x !== null);
  for (const extra of found.slice(1))
    messages.push(message("warning", "duplicate-sheet", extra.sheet, null, { kind: resourceParam(kind), first: found[0].sheet }));
  if (found[0]) messages.unshift(...found[0].messages);
  return found[0] ?? null;
}

export function recogniseChecksheet(workbook: WorkbookSnapshot): ChecksheetFindings {
  const messages: EngineMessage[] = [];
  const policy = firstOf(workbook.sheets, recognisePolicyChecklist, "kind.policy", messages);
  const check = firstOf(workbook.sheets, recogniseCheckSheet, "kind.check", messages);
  const overview = firstOf(workbook.sheets, recogniseOverview, "kind.overview", messages);
  return {
    overview: overview && { sheet: overview.sheet, entries: overview.entries },
    checkSheet: check && { sheet: check.sheet, sections: check.sections },
    policy: policy && { sheet: policy.sheet, checks: policy.checks },
    listed: check?.listed ?? [],
    regions: [...(check ? [{ sheet: check.sheet, range: check.region }] : []), ...(overview ? [{ sheet: overview.sheet, range: overview.region }] : [])],
    messages,
  };
}
