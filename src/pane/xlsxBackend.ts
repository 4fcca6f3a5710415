/**
 * The preview's workbook engine room, loaded on demand (it brings ExcelJS, which only the
 * preview needs): bytes → a loaded workbook and its snapshot, then the plan made from that
 * snapshot applied to the same load (as the command line does) by editing the file's package
 * (src/xlsx/writePackage.ts).
 * The load is the action's own and the held bytes are replaced only by the finished result, so
 * a failed action leaves the workbook the preview holds as it was.
 */
import type { EngineMessage } from "../core/messages";
import { PlanRefusedError, type Plan } from "../core/plan";
import type { WorkbookSnapshot } from "../core/snapshot";
import { webDeflate } from "../xlsx/deflate";
import { webInflate } from "../xlsx/inflate";
import { applyPlanToPackage } from "../xlsx/writePackage";
import { applyEditsToPackage } from "../xlsx/cellEdits";
import type { TargetedEdit } from "../core/report/cellEdits";
import { WorkbookReadError, loadExcelJs, partsLostByRewrite, snapshotFromWorkbook, type LostPart } from "../xlsx/readSnapshot";

/** A file that is not a readable .xlsx (old .xls, encrypted, CSV, damaged, too large): its message code, or null for other errors. */
export function readError(e: unknown): { code: string; name: string; detail: string; params: Record<string, string> } | null {
  return e instanceof WorkbookReadError ? { code: e.code, name: e.file, detail: e.detail, params: e.params } : null;
}

/**
 * The browser's own DecompressionStream unpacks the parts to measure them against
 * src/xlsx/limits.ts before ExcelJS loads them: the same bounds as the command line.
 */
export async function snapshotOf(bytes: Uint8Array, name: string): Promise<WorkbookSnapshot> {
  return snapshotFromWorkbook(await loadExcelJs(bytes, name), name);
}

/** A workbook read for one action: what it holds, and a plan made from that applied to it, once. */
export interface LoadedWorkbook {
  snapshot: WorkbookSnapshot;
  /** The workbook with the plan applied, as new bytes; the load is used up (applying changes it). */
  apply(plan: Plan): Promise<{ bytes: Uint8Array; warnings: string[]; messages: EngineMessage[] }>;
  /** An edit's changed cells written (new bytes), or why not (nothing written); the load is used up likewise. */
  applyEdits(edit: TargetedEdit): Promise<{ bytes: Uint8Array; refused: null } | { bytes: null; refused: EngineMessage }>;
}

export async function loaded(bytes: Uint8Array, name: string): Promise<LoadedWorkbook> {
  const wb = await loadExcelJs(bytes, name);
  let used = false;
  const takeLoad = () => {
    // A second write would meet a workbook the first one may have half changed.
    if (used) throw new Error("this workbook load was already written; read the workbook again");
    used = true;
  };
  let snapshot: WorkbookSnapshot | null = null;
  return {
    // Built when asked for: an edit written cell by cell does not need it.
    get snapshot() {
      return (snapshot ??= snapshotFromWorkbook(wb, name));
    },
    async apply(plan) {
      takeLoad();
      // The package is edited, not written again: every part the plan does not concern stays as it was.
      const { bytes: out, result } = await applyPlanToPackage(bytes, wb, plan, { inflate: webInflate, deflate: webDeflate });
      return { bytes: out, warnings: result.warnings, messages: result.messages };
    },
    async applyEdits(edit) {
      takeLoad();
      return applyEditsToPackage(bytes, wb, edit, { inflate: webInflate, deflate: webDeflate });
    },
  };
}

/** Parts of the file that a rewrite by ExcelJS would not carry over (charts, macros, …). */
export function lostParts(bytes: Uint8Array): LostPart[] {
  return partsLostByRewrite(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** A refused plan's reasons (the pane words each in its language); null for any other error. */
export function refusal(e: unknown): EngineMessage[] | null {
  return e instanceof PlanRefusedError ? e.problems : null;
}
