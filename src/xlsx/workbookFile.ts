/**
 * A company's workbook file in and out: read once into an ExcelJS workbook (to change) and its
 * snapshot (for the engine), with the same file checks as readWorkbookFile; written back
 * atomically (./writeFileAtomic.ts), never over the input unless asked.
 */
import ExcelJS from "exceljs";
import type { WorkbookSnapshot } from "../core/snapshot";
import { readFileBytes } from "./readFile";
import { nodeInflate } from "./nodeInflate";
import { loadExcelJs, partsLostByRewrite, snapshotFromWorkbook, type LostPart } from "./readSnapshot";
import { workbookBytes } from "./ooxmlText";
import { checkWriteTarget, writeFileAtomic, type WriteOptions } from "./writeFileAtomic";
import type { Plan } from "../core/plan";
import type { ApplyResult } from "./applyPlan";
import { nodeDeflate } from "./nodeDeflate";
import { isMacroEnabled } from "./packageParts";
import { zipEntries } from "./zipPackage";
import { applyPlanToPackage } from "./writePackage";

export { checkWriteTarget, sameFile, WorkbookWriteError, type WorkbookWriteErrorCode, type WriteOptions } from "./writeFileAtomic";

export interface LoadedWorkbook {
  /** The file's bytes: the package the writer edits (./writePackage.ts). */
  bytes: Buffer;
  workbook: ExcelJS.Workbook;
  snapshot: WorkbookSnapshot;
  /** What editing the file's package cannot keep valid (a digital signature); see readSnapshot.ts. */
  lostByRewrite: LostPart[];
  /** The package is a macro-enabled workbook's (.xlsm): written back as one, under an .xlsm name. */
  macroEnabled: boolean;
}

/** Throws WorkbookReadError (file-not-found, file-old-xls, file-too-many-cells, …) as readWorkbookFile does. */
export async function loadWorkbookFile(filePath: string): Promise<LoadedWorkbook> {
  const { buf, name } = await readFileBytes(filePath);
  const workbook = await loadExcelJs(buf, name, nodeInflate);
  const entries = zipEntries(buf);
  const macroEnabled = entries !== "damaged" && (await isMacroEnabled(buf, entries, nodeInflate));
  return { bytes: buf, workbook, snapshot: snapshotFromWorkbook(workbook, name), lostByRewrite: partsLostByRewrite(buf), macroEnabled };
}

/**
 * Applies a plan to the loaded workbook by editing its package (every part the plan does not
 * concern carried over as it was stored). Throws PlanRefusedError as applyPlan does.
 */
export async function applyToPackage(loaded: LoadedWorkbook, plan: Plan): Promise<{ bytes: Buffer; result: ApplyResult }> {
  const { bytes, result } = await applyPlanToPackage(loaded.bytes, loaded.workbook, plan, { inflate: nodeInflate, deflate: nodeDeflate });
  return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), result };
}

/** Writes bytes to `out` atomically, checking the target first. Throws WorkbookWriteError. */
export async function writeBytesFile(bytes: Buffer, out: string, options: WriteOptions = {}): Promise<void> {
  await checkWriteTarget(out, options);
  await writeFileAtomic(bytes, out, options);
}

/**
 * Writes the workbook to `out` atomically. The target is checked before ExcelJS serialises the
 * workbook, and a workbook ExcelJS cannot write never reaches the disk. Throws WorkbookWriteError.
 */
export async function writeWorkbookFile(wb: ExcelJS.Workbook, out: string, options: WriteOptions = {}): Promise<void> {
  await checkWriteTarget(out, options);
  const bytes = Buffer.from(await workbookBytes(wb));
  await writeFileAtomic(bytes, out, options);
}
