/** Reading a workbook from the file system (Node only; the rest of src/xlsx also runs in the browser preview). */
import { promises as fs } from "fs";
import * as path from "path";
import type { WorkbookSnapshot } from "../core/snapshot";
import { WorkbookReadError, readWorkbookBuffer } from "./readSnapshot";

/** A file's bytes and name; a missing or unreadable file is a WorkbookReadError. */
export async function readFileBytes(filePath: string): Promise<{ buf: Buffer; name: string }> {
  const name = path.basename(filePath);
  try {
    return { buf: await fs.readFile(filePath), name };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new WorkbookReadError("file-not-found", name, { cause: e });
    // EACCES, EISDIR, EBUSY (the file is open and locked elsewhere) and the like.
    throw new WorkbookReadError("file-unreadable", name, { cause: e });
  }
}

export async function readWorkbookFile(filePath: string): Promise<WorkbookSnapshot> {
  const { buf, name } = await readFileBytes(filePath);
  return readWorkbookBuffer(buf, name);
}

