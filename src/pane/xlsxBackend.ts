/**
 * The preview's workbook engine room, loaded on demand (it brings ExcelJS, which only the
 * preview needs): bytes → snapshot, and bytes + plan → new bytes. The plan is applied to a fresh
 * load and the result serialised before it replaces anything, so a failed action leaves the
 * workbook the preview holds as it was.
 */
import type { EngineMessage } from "../core/messages";
import { PlanRefusedError, type Plan } from "../core/plan";
import type { WorkbookSnapshot } from "../core/snapshot";
import { applyPlan } from "../xlsx/applyPlan";
import { workbookBytes } from "../xlsx/ooxmlText";
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

export async function applied(bytes: Uint8Array, name: string, plan: Plan): Promise<{ bytes: Uint8Array; warnings: string[]; messages: EngineMessage[] }> {
  const wb = await loadExcelJs(bytes, name);
  const { warnings, messages } = applyPlan(wb, plan);
  return { bytes: await workbookBytes(wb), warnings, messages };
}

/** Parts of the file that a rewrite by ExcelJS would not carry over (charts, macros, …). */
export function lostParts(bytes: Uint8Array): LostPart[] {
  return partsLostByRewrite(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** A refused plan's reasons (the pane words each in its language); null for any other error. */
export function refusal(e: unknown): EngineMessage[] | null {
  return e instanceof PlanRefusedError ? e.problems : null;
}
