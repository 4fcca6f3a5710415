/**
 * Refuses, before ExcelJS loads it, a package that would take ExcelJS too long or too much memory
 * (browser-safe): the sizes the zip declares, then every part really inflated (never further
 * than it declares) with the worksheets' cells counted as they stream by. Limits: ./limits.ts.
 */
import type { Inflate } from "./inflate";
import { formatCount } from "../core/i18n";
import { MAX_CELLS, MAX_CONTENT_BYTES, MAX_PARTS, MAX_VALIDATED_CELLS, formatBytes } from "./limits";
import { WorkbookReadError } from "./readError";
import { SheetScanner } from "./sheetScanner";
import { sheetParts } from "./packageParts";
import { entryData, isFolderEntry, type ZipEntry } from "./zipPackage";

/** The parts ExcelJS loads as worksheets, matched as ExcelJS matches them (lib/xlsx/xlsx.js). */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;
/** Larger workbook parts are not unpacked only to name a sheet in a message. */
const NAMES_PART_MAX = 16 * 1024 * 1024;

interface Counted {
  entry: ZipEntry;
  scanner: SheetScanner;
  /** Bytes inflated so far. */
  inflated: number;
}

export async function checkPackageBounds(bytes: Buffer, file: string, entries: ZipEntry[], inflate: Inflate): Promise<void> {
  const parts = entries.filter((e) => !isFolderEntry(e));
  if (parts.length > MAX_PARTS) {
    throw new WorkbookReadError("file-too-many-parts", file, {
      detail: `${parts.length} parts in the zip, limit ${MAX_PARTS}`,
      params: { parts: formatCount(parts.length), limit: formatCount(MAX_PARTS) },
    });
  }
  const declared = parts.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > MAX_CONTENT_BYTES) {
    const largest = parts.reduce((a, e) => (e.uncompressedSize > a.uncompressedSize ? e : a));
    const names = await sheetNames(bytes, entries, inflate);
    throw new WorkbookReadError("file-content-too-large", file, {
      detail: `the parts unpack to ${declared} bytes (largest: ${largest.name}, ${largest.uncompressedSize} bytes)`,
      params: { size: formatBytes(declared), limit: formatBytes(MAX_CONTENT_BYTES), part: names.get(largest.name) ?? largest.name },
    });
  }

  const sheets: Counted[] = [];
  let cells = 0;
  let validated = 0;
  for (const entry of parts) {
    // An encrypted entry or an unknown compression: JSZip refuses them itself, and ExcelJS with it.
    if (entry.flags & 1 || (entry.method !== 0 && entry.method !== 8)) continue;
    const data = entryData(bytes, entry);
    if (!data) throw damaged(file, `${entry.name}: its data is not where the zip directory says`);
    const counted: Counted | null = WORKSHEET_PART.test(entry.name) ? { entry, scanner: new SheetScanner(), inflated: 0 } : null;
    if (counted) sheets.push(counted);
    let produced = 0;
    let lied = false;
    let overLimit = false;
    // Feeds one piece of the part; false stops inflating it.
    const take = (chunk: Uint8Array): boolean => {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) {
        lied = true;
        return false;
      }
      if (!counted) return true;
      counted.scanner.feed(chunk);
      counted.inflated = produced;
      overLimit = cells + counted.scanner.cells > MAX_CELLS || validated + counted.scanner.validatedCells > MAX_VALIDATED_CELLS;
      return !overLimit;
    };
    if (entry.method === 0) take(data);
    else {
      try {
        await inflate(data, take);
      } catch (e) {
        // Bytes after the end of the deflate stream: DecompressionStream rejects them, JSZip
        // (pako) ignores them. A part that inflated to its full declared size is whole.
        if (produced !== entry.uncompressedSize) throw damaged(file, `${entry.name}: ${e instanceof Error ? e.message : String(e)}`, e);
      }
    }
    if (lied) throw damaged(file, `${entry.name} unpacks to more than the ${entry.uncompressedSize} bytes the zip directory declares`);
    if (overLimit) throw await tooManyCells(bytes, file, entries, inflate, sheets, cells, validated);
    // JSZip refuses a part shorter than declared ("uncompressed data size mismatch").
    if (produced !== entry.uncompressedSize)
      throw damaged(file, `${entry.name} unpacks to ${produced} bytes, not the ${entry.uncompressedSize} the zip directory declares`);
    if (counted) {
      cells += counted.scanner.cells;
      validated += counted.scanner.validatedCells;
    }
  }
}

function damaged(file: string, detail: string, cause?: unknown): WorkbookReadError {
  return new WorkbookReadError("file-unreadable", file, { detail: `damaged zip: ${detail}`, cause });
}

/** The refusal once a limit is passed, naming the sheet with the most cells (estimated for the sheet being read). */
async function tooManyCells(
  bytes: Buffer,
  file: string,
  entries: ZipEntry[],
  inflate: Inflate,
  sheets: Counted[],
  cellsBefore: number,
  validatedBefore: number,
): Promise<WorkbookReadError> {
  const current = sheets[sheets.length - 1];
  const validations = validatedBefore + current.scanner.validatedCells > MAX_VALIDATED_CELLS;
  // The sheet being read stopped early: its elements so far, scaled to its declared size.
  const estimate = (c: Counted): number => {
    const s = c.scanner;
    if (validations) return s.validatedCells;
    const scale = c.inflated > 0 && c.inflated < c.entry.uncompressedSize ? c.entry.uncompressedSize / c.inflated : 1;
    return s.elements * scale + s.mergedCells + s.columns;
  };
  const biggest = sheets.reduce((a, c) => (estimate(c) > estimate(a) ? c : a));
  const names = await sheetNames(bytes, entries, inflate);
  const sheet = names.get(biggest.entry.name) ?? biggest.entry.name;
  const total = validations ? validatedBefore + current.scanner.validatedCells : cellsBefore + current.scanner.cells;
  return new WorkbookReadError(validations ? "file-too-many-validations" : "file-too-many-cells", file, {
    detail: `${validations ? "validated cells" : "cells"}: more than ${total} counted, limit ${validations ? MAX_VALIDATED_CELLS : MAX_CELLS} (${biggest.entry.name})`,
    params: { sheet, cells: formatCount(estimate(biggest)), limit: formatCount(validations ? MAX_VALIDATED_CELLS : MAX_CELLS) },
  });
}

/**
 * Worksheet part → sheet name, for messages. Empty when the workbook part or its relationships
 * are missing, too large or unreadable: the message then names the part.
 */
async function sheetNames(bytes: Buffer, entries: ZipEntry[], inflate: Inflate): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [name, entry] of await sheetParts(bytes, entries, inflate, NAMES_PART_MAX)) if (!names.has(entry.name)) names.set(entry.name, name);
  return names;
}
