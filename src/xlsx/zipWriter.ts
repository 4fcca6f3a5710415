/**
 * Writes a zip package from parts that are either carried over from the input as they are
 * (their compressed bytes, CRC and sizes copied: not inflated, not compressed again) or new
 * (compressed here). Browser-safe: Uint8Array and DataView only. No zip64: the input's limits
 * (src/xlsx/limits.ts: 256 MiB, 10,000 parts) keep every output far below 4 GiB and 65,535
 * entries, and a package that would not fit is refused rather than written wrong.
 */
import { crc32 } from "./crc32";
import type { Deflate } from "./deflate";

/** An entry copied from the input zip as stored. */
export interface RawEntry {
  kind: "raw";
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  modTime: number;
  modDate: number;
  data: Uint8Array;
}

/** A new or changed part. */
export interface NewEntry {
  kind: "new";
  name: string;
  data: Uint8Array;
}

export type OutEntry = RawEntry | NewEntry;

/** DOS date and time of 1980-01-01 00:00, for new parts: the output is the same whatever the clock says. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800;
const LIMIT = 0xffffffff;

export async function writeZip(entries: readonly OutEntry[], deflate: Deflate): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const stored = await Promise.all(
    entries.map(async (e) => {
      const name = encoder.encode(e.name);
      if (e.kind === "raw") return { ...e, nameBytes: name };
      // Tiny parts gain nothing from compression, but every reader knows deflate: keep to it.
      const data = await deflate(e.data);
      return {
        kind: "new" as const,
        name: e.name,
        nameBytes: name,
        method: 8,
        crc32: crc32(e.data),
        compressedSize: data.length,
        uncompressedSize: e.data.length,
        modTime: DOS_TIME,
        modDate: DOS_DATE,
        data,
      };
    }),
  );
  if (stored.length > 0xffff) throw new Error(`a package of ${stored.length} parts needs zip64, which this writer does not write`);
  let size = 22;
  for (const e of stored) size += 30 + e.nameBytes.length + e.data.length + 46 + e.nameBytes.length;
  if (size > LIMIT) throw new Error(`a package of ${size} bytes needs zip64, which this writer does not write`);

  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  for (const e of stored) {
    offsets.push(p);
    // eslint-disable-next-line no-control-regex -- not ASCII: the range has to start at NUL
    const flags = /[^\x00-\x7f]/.test(e.name) ? UTF8_NAME : 0;
    view.setUint32(p, 0x04034b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, flags, true);
    view.setUint16(p + 8, e.method, true);
    view.setUint16(p + 10, e.modTime, true);
    view.setUint16(p + 12, e.modDate, true);
    view.setUint32(p + 14, e.crc32, true);
    view.setUint32(p + 18, e.compressedSize, true);
    view.setUint32(p + 22, e.uncompressedSize, true);
    view.setUint16(p + 26, e.nameBytes.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(e.nameBytes, p + 30);
    out.set(e.data, p + 30 + e.nameBytes.length);
    p += 30 + e.nameBytes.length + e.data.length;
  }
  const central = p;
  stored.forEach((e, i) => {
    // eslint-disable-next-line no-control-regex -- not ASCII: the range has to start at NUL
    const flags = /[^\x00-\x7f]/.test(e.name) ? UTF8_NAME : 0;
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, flags, true);
    view.setUint16(p + 10, e.method, true);
    view.setUint16(p + 12, e.modTime, true);
    view.setUint16(p + 14, e.modDate, true);
    view.setUint32(p + 16, e.crc32, true);
    view.setUint32(p + 20, e.compressedSize, true);
    view.setUint32(p + 24, e.uncompressedSize, true);
    view.setUint16(p + 28, e.nameBytes.length, true);
    // extra, comment, disk, internal and external attributes: 0
    view.setUint32(p + 42, offsets[i], true);
    out.set(e.nameBytes, p + 46);
    p += 46 + e.nameBytes.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, stored.length, true);
  view.setUint16(p + 10, stored.length, true);
  view.setUint32(p + 12, p - central, true);
  view.setUint32(p + 16, central, true);
  return out;
}
