/**
 * An .xlsx package being edited: the input's parts, of which some are read as text, changed,
 * removed or added; every other part is written back exactly as it was stored (browser-safe).
 */
import type { Deflate } from "./deflate";
import type { Inflate } from "./inflate";
import { findPart, partText } from "./packageParts";
import { writeZip, type OutEntry } from "./zipWriter";
import { entryData, isFolderEntry, zipEntries, type ZipEntry } from "./zipPackage";
import { PackageDamagedError } from "./packageDamaged";

export class PackageDraft {
  private readonly entries: ZipEntry[];
  /** Changed or new parts by their name as stored (or as added), with their text. */
  private readonly changed = new Map<string, string>();
  private readonly removed = new Set<string>();
  private readonly added: string[] = [];

  constructor(
    private readonly bytes: Buffer,
    private readonly inflate: Inflate,
  ) {
    const entries = zipEntries(bytes);
    // The reader checked the zip before; a damaged one never gets here.
    if (entries === "damaged") throw new PackageDamagedError("the workbook's zip directory cannot be read");
    this.entries = entries;
  }

  /** The stored name of the part at `path` (case-insensitive, as OPC names are), or null. */
  name(path: string): string | null {
    const lower = path.toLowerCase();
    for (const n of this.added) if (n.toLowerCase() === lower && !this.removed.has(n)) return n;
    const e = findPart(this.entries, path);
    return e && !this.removed.has(e.name) ? e.name : null;
  }

  has(path: string): boolean {
    return this.name(path) !== null;
  }

  /** Every part's stored name, in the package's order. */
  names(): string[] {
    return [...this.entries.filter((e) => !isFolderEntry(e)).map((e) => e.name), ...this.added].filter((n) => !this.removed.has(n));
  }

  /** The part's text as it is now in the draft; null when there is no such part. */
  async text(path: string): Promise<string | null> {
    const name = this.name(path);
    if (name === null) return null;
    const known = this.changed.get(name);
    if (known !== undefined) return known;
    const entry = this.entries.find((e) => e.name === name)!;
    const text = await partText(this.bytes, entry, this.inflate);
    // The bounds check read every part before; one that cannot be read now is a damaged file.
    if (text === null) throw new PackageDamagedError(`the part ${name} cannot be read`);
    return text;
  }

  /** Replaces the part's text, or adds the part. */
  set(path: string, text: string): void {
    // A part removed and written again (a sheet of ours replaced by the next run's) keeps its place.
    const lower = path.toLowerCase();
    for (const r of this.removed) if (r.toLowerCase() === lower) this.removed.delete(r);
    const name = this.name(path);
    if (name === null) {
      this.added.push(path);
      this.changed.set(path, text);
    } else {
      this.changed.set(name, text);
    }
  }

  remove(path: string): void {
    const name = this.name(path);
    if (name === null) return;
    this.removed.add(name);
    this.changed.delete(name);
  }

  /** The package as bytes: unchanged parts copied as stored, changed and new ones compressed. */
  async bytesOut(deflate: Deflate): Promise<Uint8Array> {
    const encoder = new TextEncoder();
    const out: OutEntry[] = [];
    for (const e of this.entries) {
      if (this.removed.has(e.name)) continue;
      const text = this.changed.get(e.name);
      if (text !== undefined) {
        out.push({ kind: "new", name: e.name, data: encoder.encode(text) });
        continue;
      }
      const data = entryData(this.bytes, e);
      if (!data) throw new PackageDamagedError(`the part ${e.name} is not where the zip directory says`);
      out.push({
        kind: "raw",
        name: e.name,
        method: e.method,
        crc32: e.crc32,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
        modTime: e.modTime,
        modDate: e.modDate,
        data,
      });
    }
    for (const n of this.added) if (!this.removed.has(n)) out.push({ kind: "new", name: n, data: encoder.encode(this.changed.get(n)!) });
    return writeZip(out, deflate);
  }
}

/** A relationship's target as a part's path, from the folder of the part whose relationships it is. */
export function resolveTarget(sourcePart: string, target: string): string {
  const t = target.trim();
  const segments = t.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const s of t.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  return segments.join("/");
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPath(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}
