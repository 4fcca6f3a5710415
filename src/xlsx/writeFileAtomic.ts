/**
 * Writing bytes to a file so that the file is either the old one or the new one, never a broken
 * mix, whatever happens meanwhile (Node only). Any writer of a workbook (ExcelJS today, a package
 * editor later) hands its bytes here.
 *
 * - The bytes go to a temporary file beside the target, are flushed to disk, and the temporary
 *   file is renamed over the target.
 * - A symbolic link is written through: its real target is replaced and the link stays.
 * - A file with several hard links is refused: replacing it would cut it from its other names,
 *   and rewriting it in place cannot be atomic (an interruption would leave every name on a
 *   broken workbook). Write to another file and copy it over if that is what is wanted.
 * - A read-only file, a folder, a device, a FIFO or a socket is refused; a replaced file keeps
 *   its permissions (and, where the system lets us, its owner).
 * - SIGINT, SIGTERM and SIGHUP during the write remove the temporary file before the process
 *   ends. A temporary file is named `<target>.shindan-tmp-<host>-<pid>-<random>`; one left by a
 *   process that can no longer clean up (killed hard, power cut) is removed by the next write
 *   into that folder once its process is gone.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, promises as fs, rmSync, type Stats } from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";

export type WorkbookWriteErrorCode =
  /** The output is the input file and writing in place was not asked for. */
  | "same-as-input"
  /** The output exists and overwriting was not asked for. */
  | "exists"
  /** The output's folder does not exist (or a file stands where a folder of the path should be). */
  | "folder-missing"
  /** The output's folder cannot be written to (permissions, a read-only disk). */
  | "folder-not-writable"
  /** The output file is read-only, or not ours to write. */
  | "read-only"
  /** The output is a folder, a device, a FIFO or a socket. */
  | "not-a-file"
  /** The output is a symbolic link to nothing. */
  | "dangling-link"
  /** The output has other hard links. */
  | "hard-linked"
  /** The disk (or the user's quota) is full. */
  | "disk-full"
  /** Another program holds the output open and locked (Excel on Windows). */
  | "busy"
  /** Anything else the file system refused. */
  | "write-failed";

export class WorkbookWriteError extends Error {
  override readonly name = "WorkbookWriteError";
  constructor(
    readonly code: WorkbookWriteErrorCode,
    /** The output as given. */
    readonly file: string,
    detail: string,
    options?: { cause?: unknown; folder?: string; links?: number },
  ) {
    super(detail, options);
    this.folder = options?.folder ?? folderOf(file);
    this.links = options?.links ?? 1;
  }
  /** The folder the error is about (for folder-missing, folder-not-writable, disk-full). */
  readonly folder: string;
  /** For hard-linked: how many names the file has. */
  readonly links: number;
}

export interface WriteOptions {
  /** The file the bytes were read from: never written unless `inPlace`. */
  input?: string;
  /** Allow writing over `input` (the output must then be the input). */
  inPlace?: boolean;
  /** Allow replacing an existing output file other than the input. */
  overwrite?: boolean;
}

/** Where a write will land. */
export interface WriteTarget {
  /** The output as given. */
  given: string;
  /** The file really written: the output, or the file its symbolic link resolves to. */
  real: string;
  /** The file being replaced, or null when it does not exist yet. */
  existing: Stats | null;
}

/**
 * Checks that `out` can be written as asked, without writing anything: run before the work that
 * produces the bytes, so that a refusal comes first; writeFileAtomic checks again. Throws
 * WorkbookWriteError.
 */
export async function checkWriteTarget(out: string, options: WriteOptions = {}): Promise<WriteTarget> {
  const link = await fs.lstat(out).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    if (e.code === "ENOTDIR") throw folderMissing(out, e);
    throw new WorkbookWriteError("write-failed", out, e.message, { cause: e });
  });
  let real = out;
  let existing: Stats | null = link;
  if (link?.isSymbolicLink()) {
    try {
      real = await fs.realpath(out);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new WorkbookWriteError("dangling-link", out, `${out} is a symbolic link to a missing file`, { cause: e });
      throw new WorkbookWriteError("write-failed", out, (e as Error).message, { cause: e });
    }
    existing = await fs.stat(real);
  }

  if (existing) {
    if (!existing.isFile()) throw new WorkbookWriteError("not-a-file", out, `${out} is not a regular file`);
    const isInput = options.input !== undefined && (await sameFile(options.input, real));
    if (isInput && !options.inPlace) throw new WorkbookWriteError("same-as-input", out, `${out} is the input workbook`);
    if (!isInput && !options.overwrite) throw new WorkbookWriteError("exists", out, `${out} already exists`);
    if (existing.nlink > 1) {
      throw new WorkbookWriteError("hard-linked", out, `${out} has ${existing.nlink} hard links`, { links: existing.nlink });
    }
    // No write permission bit (the read-only attribute on Windows), or not ours to write.
    const writable =
      (existing.mode & 0o222) !== 0 &&
      (await fs.access(real, fs.constants.W_OK).then(
        () => true,
        () => false,
      ));
    if (!writable) throw new WorkbookWriteError("read-only", out, `${out} is read-only`);
  }

  await checkFolder(out, folderOf(real));
  return { given: out, real, existing };
}

async function checkFolder(out: string, folder: string): Promise<void> {
  const st = await fs.stat(folder).catch((e: NodeJS.ErrnoException) => {
    throw e.code === "ENOENT" || e.code === "ENOTDIR" ? folderMissing(out, e, folder) : new WorkbookWriteError("write-failed", out, e.message, { cause: e });
  });
  if (!st.isDirectory()) throw folderMissing(out, undefined, folder);
  // A temporary file is created there and renamed: the folder itself must be writable.
  await fs.access(folder, fs.constants.W_OK).catch((e: NodeJS.ErrnoException) => {
    throw new WorkbookWriteError("folder-not-writable", out, `${folder}: ${e.message}`, { cause: e, folder });
  });
}

/** The folder of a path as a message names it: as given, or in full when it is the current folder. */
function folderOf(p: string): string {
  const folder = path.dirname(p);
  return folder === "." ? path.resolve(folder) : folder;
}

function folderMissing(out: string, cause?: unknown, folder = folderOf(out)): WorkbookWriteError {
  return new WorkbookWriteError("folder-missing", out, `${folder} does not exist`, { cause, folder });
}

/**
 * Writes `bytes` to `out` atomically (see the top of this file). An interrupted or failed write
 * leaves `out` as it was (absent or the old file) and no temporary file.
 */
export async function writeFileAtomic(bytes: Uint8Array, out: string, options: WriteOptions = {}): Promise<void> {
  const target = await checkWriteTarget(out, options);
  const folder = folderOf(target.real);
  await removeStaleTemporaryFiles(folder);

  const tmp = path.join(folder, temporaryName(path.basename(target.real)));
  const pending: Pending = { path: tmp, fd: null };
  cleanUpOnSignal.add(pending);
  try {
    const mode = target.existing ? target.existing.mode & 0o7777 : 0o666;
    const fh = await fs.open(tmp, "wx", mode);
    pending.fd = fh.fd;
    try {
      await fh.writeFile(bytes);
      await fh.sync();
      if (target.existing) {
        // The umask narrowed the mode open() gave; the replaced file's permissions and owner come back.
        await fh.chmod(target.existing.mode & 0o7777);
        await fh.chown(target.existing.uid, target.existing.gid).catch(() => {
          // Only root (or the owner, for a group it belongs to) may give a file away: a file
          // written by its own user keeps that user, which is what it had.
        });
      }
    } finally {
      pending.fd = null;
      await fh.close();
    }
    await fs.rename(tmp, target.real);
    pending.path = null;
    await syncFolder(folder);
  } catch (e) {
    if (pending.path) await fs.rm(pending.path, { force: true }).catch(() => undefined /* reported below: the write failed */);
    throw e instanceof WorkbookWriteError ? e : writeError(e, out, folder);
  } finally {
    cleanUpOnSignal.delete(pending);
  }
}

function writeError(e: unknown, out: string, folder: string): WorkbookWriteError {
  const err = e as NodeJS.ErrnoException;
  const detail = err.message ?? String(e);
  switch (err.code) {
    case "ENOENT":
    case "ENOTDIR":
      return folderMissing(out, e, folder);
    case "EACCES":
    case "EPERM":
    case "EROFS":
      // On Windows, renaming over a file Excel holds open is refused with EPERM.
      return process.platform === "win32" && err.syscall === "rename"
        ? new WorkbookWriteError("busy", out, detail, { cause: e })
        : new WorkbookWriteError("folder-not-writable", out, detail, { cause: e, folder });
    case "EBUSY":
      return new WorkbookWriteError("busy", out, detail, { cause: e });
    case "ENOSPC":
    case "EDQUOT":
      return new WorkbookWriteError("disk-full", out, detail, { cause: e, folder });
    default:
      return new WorkbookWriteError("write-failed", out, detail, { cause: e });
  }
}

/** Makes the rename itself durable. Windows cannot open a folder to flush it; there the rename is as durable as the system makes it. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === "win32") return;
  const fh = await fs.open(folder, "r").catch(() => null);
  if (!fh) return; // the file is written and renamed; only its durability over a power cut is left to the system
  try {
    await fh.sync().catch(() => undefined /* some file systems (network shares) cannot flush a folder: same as above */);
  } finally {
    await fh.close();
  }
}

/** Whether two paths name the same file (also through links, or a case-insensitive file system). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const [sa, sb] = await Promise.all([fs.stat(a).catch(() => null), fs.stat(b).catch(() => null)]);
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
}

// ---------------------------------------------------------------------------------------------
// Temporary files

const TMP_MARK = ".shindan-tmp-";
/** This machine, so that a folder shared over the network is never cleaned of another machine's files. */
const HOST = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);
const TMP_NAME = /\.shindan-tmp-([0-9a-f]{8})-(\d+)-[0-9a-f]{12}$/;
/** Room for the mark in a 255-byte file name. */
const NAME_ROOM = 200;

function temporaryName(base: string): string {
  let prefix = base;
  while (Buffer.byteLength(prefix) > NAME_ROOM) prefix = [...prefix].slice(0, -1).join("");
  return `${prefix}${TMP_MARK}${HOST}-${process.pid}-${randomBytes(6).toString("hex")}`;
}

/** Our temporary files in `folder` whose writer, on this machine, is gone. */
export async function removeStaleTemporaryFiles(folder: string): Promise<string[]> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const m = TMP_NAME.exec(name);
    if (!m || m[1] !== HOST || isAlive(Number(m[2]))) continue;
    const file = path.join(folder, name);
    const st = await fs.lstat(file).catch(() => null);
    if (!st?.isFile()) continue;
    // Best effort: a stale file that cannot be removed now is harmless and tried again next time.
    if (
      await fs.rm(file).then(
        () => true,
        () => false,
      )
    )
      removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

interface Pending {
  /** The temporary file while it exists; null once renamed. */
  path: string | null;
  /** Its descriptor while open (closed first where an open file cannot be removed: Windows). */
  fd: number | null;
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** The temporary files being written, removed if the process is told to end meanwhile. */
const cleanUpOnSignal = (() => {
  const pending = new Set<Pending>();
  const onSignal = (signal: NodeJS.Signals) => {
    for (const p of pending) {
      if (!p.path) continue;
      try {
        if (p.fd !== null && process.platform === "win32") closeSync(p.fd);
        rmSync(p.path, { force: true });
      } catch {
        // The process is ending on the user's request; a file left here is removed by the next run.
      }
    }
    pending.clear();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    // End as the signal would have ended us (exit status 128 + n), unless someone else listens.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  return {
    add(p: Pending) {
      if (pending.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
      pending.add(p);
    },
    delete(p: Pending) {
      pending.delete(p);
      if (pending.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
    },
  };
})();
