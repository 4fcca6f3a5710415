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

export { checkWriteTarget, sameFile, WorkbookWriteError, type WorkbookWriteErrorCode, type WriteOptions } from "./writeFileAtomic";

export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  snapshot: WorkbookSnapshot;
  /** Parts of the file that writing it back with ExcelJS would lose (charts, macros, …). */
  lostByRewrite: LostPart[];
}

/** Throws WorkbookReadError (file-not-found, file-old-xls, file-too-many-cells, …) as readWorkbookFile does. */
export async function loadWorkbookFile(filePath: string): Promise<LoadedWorkbook> {
  const { buf, name } = await readFileBytes(filePath);
  const workbook = await loadExcelJs(buf, name, nodeInflate);
  return { workbook, snapshot: snapshotFromWorkbook(workbook, name), lostByRewrite: partsLostByRewrite(buf) };
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
