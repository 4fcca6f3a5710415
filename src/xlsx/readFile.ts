/** Reading a workbook from the file system (Node only; the rest of src/xlsx also runs in the browser preview). */
import { promises as fs } from "fs";
import * as path from "path";
import type { WorkbookSnapshot } from "../core/snapshot";
import { MAX_FILE_BYTES, formatBytes } from "./limits";
import { nodeInflate } from "./nodeInflate";
import { WorkbookReadError } from "./readError";
import { readWorkbookBuffer } from "./readSnapshot";

/**
 * A file's bytes and name. A missing, unreadable, empty or too large file, or a folder, is a
 * WorkbookReadError; nothing larger than MAX_FILE_BYTES is read into memory, also from a pipe or
 * a device.
 */
export async function readFileBytes(filePath: string): Promise<{ buf: Buffer; name: string }> {
  const name = path.basename(filePath) || filePath;
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(filePath, "r");
  } catch (e) {
    throw openError(e, name);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new WorkbookReadError("file-is-folder", name);
    if (st.isFile() && st.size > MAX_FILE_BYTES) throw tooLarge(name, st.size);
    const buf = st.isFile() ? await fh.readFile() : await readAtMost(fh, MAX_FILE_BYTES);
    if (buf === null) throw tooLarge(name, null);
    return { buf, name };
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw openError(e, name);
  } finally {
    await fh.close();
  }
}

function openError(e: unknown, name: string): WorkbookReadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return new WorkbookReadError("file-not-found", name, { cause: e });
  // Windows cannot open a folder as a file; some systems cannot read one.
  if (code === "EISDIR") return new WorkbookReadError("file-is-folder", name, { cause: e });
  // EACCES, EPERM, EBUSY (open and locked elsewhere), EIO, ENXIO (a socket) and the like.
  return new WorkbookReadError("file-cannot-open", name, { cause: e });
}

/** `size` null: a pipe or a device that gave more than the limit before it was left. */
function tooLarge(name: string, size: number | null): WorkbookReadError {
  return new WorkbookReadError("file-too-large", name, {
    detail: size === null ? `more than ${MAX_FILE_BYTES} bytes` : `${size} bytes, limit ${MAX_FILE_BYTES}`,
    params: { size: size === null ? `${formatBytes(MAX_FILE_BYTES)}+` : formatBytes(size), limit: formatBytes(MAX_FILE_BYTES) },
  });
}

/**
 * All of something that is not a regular file (a pipe, a device), which has no size to check
 * first; null as soon as it gives more than `max` bytes.
 */
async function readAtMost(fh: fs.FileHandle, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(1024 * 1024);
    const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks);
    total += bytesRead;
    if (total > max) return null;
    chunks.push(chunk.subarray(0, bytesRead));
  }
}

export async function readWorkbookFile(filePath: string): Promise<WorkbookSnapshot> {
  const { buf, name } = await readFileBytes(filePath);
  return readWorkbookBuffer(buf, name, nodeInflate);
}
