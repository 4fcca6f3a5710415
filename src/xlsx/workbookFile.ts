/**
 * A company's workbook file in and out: read once into an ExcelJS workbook (to change) and its
 * snapshot (for the engine), with the same file checks as readWorkbookFile; written back
 * atomically, never over the input unless asked.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { WorkbookSnapshot } from "../core/snapshot";
import { readFileBytes } from "./readFile";
import { loadExcelJs, partsLostByRewrite, snapshotFromWorkbook, type LostPart } from "./readSnapshot";

export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  snapshot: WorkbookSnapshot;
  /** Parts of the file that writing it back with ExcelJS would lose (charts, macros, …). */
  lostByRewrite: LostPart[];
}

/** Throws WorkbookReadError (file-not-found, file-old-xls, …) as readWorkbookFile does. */
export async function loadWorkbookFile(filePath: string): Promise<LoadedWorkbook> {
  const { buf, name } = await readFileBytes(filePath);
  const workbook = await loadExcelJs(buf, name);
  return { workbook, snapshot: snapshotFromWorkbook(workbook, name), lostByRewrite: partsLostByRewrite(buf) };
}

export type WorkbookWriteErrorCode =
  /** The output is the input file and writing in place was not asked for. */
  | "same-as-input"
  /** The output exists and overwriting was not asked for. */
  | "exists"
  /** The file system refused (missing folder, no permission, disk full, a folder of that name …). */
  | "write-failed";

export class WorkbookWriteError extends Error {
  override readonly name = "WorkbookWriteError";
  constructor(
    readonly code: WorkbookWriteErrorCode,
    readonly file: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }
}

export interface WriteOptions {
  /** The file the workbook was read from: never written unless `inPlace`. */
  input?: string;
  /** Allow writing over `input` (the output must then be the input). */
  inPlace?: boolean;
  /** Allow replacing an existing output file other than the input. */
  overwrite?: boolean;
}

/**
 * Writes the workbook to `out` atomically: into `out.tmp-<random>` in the same folder, flushed
 * to disk, then renamed over `out`. An interrupted or failed write leaves `out` as it was (absent
 * or the old file) and removes the temporary file.
 */
export async function writeWorkbookFile(wb: ExcelJS.Workbook, out: string, options: WriteOptions = {}): Promise<void> {
  const isInput = options.input !== undefined && (await sameFile(options.input, out));
  if (isInput && !options.inPlace) {
    throw new WorkbookWriteError("same-as-input", out, `${out} is the input workbook`);
  }
  if (!isInput && !options.overwrite && (await exists(out))) {
    throw new WorkbookWriteError("exists", out, `${out} already exists`);
  }

  // Serialise first: a workbook ExcelJS cannot write never reaches the disk.
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());

  const tmp = path.join(path.dirname(out), `${path.basename(out)}.tmp-${randomBytes(6).toString("hex")}`);
  let created = false;
  try {
    const fh = await fs.open(tmp, "wx");
    created = true;
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    // Keep the permissions of the file being replaced (the input when in place).
    const old = await fs.stat(out).catch(() => null);
    if (old?.isFile()) await fs.chmod(tmp, old.mode & 0o7777);
    await fs.rename(tmp, out);
    created = false;
  } catch (e) {
    if (created) await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new WorkbookWriteError("write-failed", out, (e as Error).message, { cause: e });
  }
}

async function exists(p: string): Promise<boolean> {
  return (await fs.lstat(p).catch(() => null)) !== null;
}

/** Whether two paths name the same file (also through links, or a case-insensitive file system). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const [sa, sb] = await Promise.all([fs.stat(a).catch(() => null), fs.stat(b).catch(() => null)]);
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
}
