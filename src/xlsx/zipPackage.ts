/**
 * The zip container of an .xlsx, read from its central directory without unpacking anything
 * (browser-safe). Mirrors what JSZip, which ExcelJS uses, reads: entries from the central
 * directory (zip64 included), each entry's data after its local header.
 */

export interface ZipEntry {
  /** The name as stored, with "/" separators and no leading "/"; case kept. */
  name: string;
  /** 0 stored, 8 deflate; JSZip knows no other. */
  method: number;
  /** General purpose flags; bit 0 is encryption. */
  flags: number;
  compressedSize: number;
  /** As declared; a hostile file may declare less than the data inflates to. */
  uncompressedSize: number;
  localHeaderOffset: number;
  /** As the central directory records them: copied as they are when the entry is carried over unchanged. */
  crc32: number;
  modTime: number;
  modDate: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U16 = 0xffff;
const U32 = 0xffffffff;

/** A 64-bit field (exact below 2^53); without readBigUInt64LE, which the preview's Buffer polyfill lacks. */
function u64(b: Buffer, at: number): number {
  return b.readUInt32LE(at) + b.readUInt32LE(at + 4) * 0x100000000;
}

/** The entries of the central directory, or "damaged" when it cannot be found or read (a truncated download). */
export function zipEntries(b: Buffer): ZipEntry[] | "damaged" {
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  const stop = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0 || b.readUInt32LE(eocd) !== SIG_EOCD) return "damaged";
  let count = b.readUInt16LE(eocd + 10);
  let offset = b.readUInt32LE(eocd + 16);
  if (count === U16 || offset === U32) {
    // zip64: the locator just before the record points at the zip64 end record.
    const loc = eocd - 20;
    if (loc < 0 || b.readUInt32LE(loc) !== SIG_ZIP64_LOCATOR) return "damaged";
    const end64 = u64(b, loc + 8);
    if (end64 + 56 > b.length || b.readUInt32LE(end64) !== SIG_ZIP64_EOCD) return "damaged";
    count = u64(b, end64 + 32);
    offset = u64(b, end64 + 48);
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== SIG_CENTRAL) return "damaged";
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > b.length) return "damaged";
    let compressedSize = b.readUInt32LE(p + 20);
    let uncompressedSize = b.readUInt32LE(p + 24);
    let localHeaderOffset = b.readUInt32LE(p + 42);
    if (compressedSize === U32 || uncompressedSize === U32 || localHeaderOffset === U32) {
      // The zip64 extra field holds, in this order, the fields whose 32-bit value is all ones.
      const extra = zip64Extra(b, p + 46 + nameLen, extraLen);
      if (!extra) return "damaged";
      let k = 0;
      const next = () => (k < extra.length ? extra[k++] : Number.NaN);
      if (uncompressedSize === U32) uncompressedSize = next();
      if (compressedSize === U32) compressedSize = next();
      if (localHeaderOffset === U32) localHeaderOffset = next();
      if ([uncompressedSize, compressedSize, localHeaderOffset].some(Number.isNaN)) return "damaged";
    }
    let name = b.toString("utf8", p + 46, p + 46 + nameLen).replace(/\\/g, "/");
    if (name.startsWith("/")) name = name.slice(1);
    entries.push({
      name,
      method: b.readUInt16LE(p + 10),
      flags: b.readUInt16LE(p + 8),
      compressedSize,
      crc32: b.readUInt32LE(p + 16),
      modTime: b.readUInt16LE(p + 12),
      modDate: b.readUInt16LE(p + 14),
      uncompressedSize,
      localHeaderOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function zip64Extra(b: Buffer, start: number, len: number): number[] | null {
  for (let q = start; q + 4 <= start + len;) {
    const id = b.readUInt16LE(q);
    const size = b.readUInt16LE(q + 2);
    if (id === 0x0001) {
      const values: number[] = [];
      for (let v = q + 4; v + 8 <= q + 4 + size && v + 8 <= b.length; v += 8) values.push(u64(b, v));
      return values;
    }
    q += 4 + size;
  }
  return null;
}

/** An entry's data as stored (still compressed), or null when its local header is not where the directory says. */
export function entryData(b: Buffer, e: ZipEntry): Buffer | null {
  const p = e.localHeaderOffset;
  if (p + 30 > b.length || b.readUInt32LE(p) !== SIG_LOCAL) return null;
  const start = p + 30 + b.readUInt16LE(p + 26) + b.readUInt16LE(p + 28);
  if (start + e.compressedSize > b.length) return null;
  return b.subarray(start, start + e.compressedSize);
}

/** A directory entry (JSZip skips them). */
export function isFolderEntry(e: ZipEntry): boolean {
  return e.name.endsWith("/");
}
