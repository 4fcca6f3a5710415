/**
 * Parts of an .xlsx package read as text with the project's own zip reader and the host's
 * inflate (browser-safe): any part's text, and which part holds each sheet.
 */
import type { Inflate } from "./inflate";
import { attribute, startTags, unescapeXml } from "./xmlMarkup";
import { entryData, type ZipEntry } from "./zipPackage";

/**
 * The entry of the part at `path`: as named, else by a case-insensitive match (OPC part names
 * are case-insensitive); null when there is none.
 */
export function findPart(entries: readonly ZipEntry[], path: string): ZipEntry | null {
  const lower = path.toLowerCase();
  return entries.find((e) => e.name === path) ?? entries.find((e) => e.name.toLowerCase() === lower) ?? null;
}

/**
 * A part's text (UTF-8), or null when it is encrypted, compressed in a way JSZip does not know,
 * declared larger than `maxBytes`, not where the zip directory says, or does not unpack to the
 * size it declares.
 */
export async function partText(bytes: Buffer, entry: ZipEntry, inflate: Inflate, maxBytes = Infinity): Promise<string | null> {
  if (entry.uncompressedSize > maxBytes || entry.flags & 1 || (entry.method !== 0 && entry.method !== 8)) return null;
  const data = entryData(bytes, entry);
  if (!data) return null;
  const decoder = new TextDecoder();
  if (entry.method === 0) return decoder.decode(data);
  const pieces: string[] = [];
  let size = 0;
  try {
    await inflate(data, (chunk) => {
      size += chunk.length;
      if (size > entry.uncompressedSize) return false;
      pieces.push(decoder.decode(chunk, { stream: true }));
      return true;
    });
  } catch {
    // Bytes after the end of the deflate stream make DecompressionStream reject what JSZip
    // reads (as checkPackageBounds allows): the size check below tells a whole part. Any other
    // failure leaves the part short, and every caller has an answer for a part it cannot read.
  }
  if (size !== entry.uncompressedSize) return null;
  pieces.push(decoder.decode());
  return pieces.join("");
}

/** The workbook part and its relationships, at the fixed places ExcelJS reads them from. */
const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";

/**
 * Sheet name → the entry of the part that holds the sheet, from the workbook part and its
 * relationships (namespace prefixes and either quote allowed). Sheets whose part is not in the
 * package are left out; empty when the workbook part or its relationships cannot be read or are
 * declared larger than `maxBytes`.
 */
export async function sheetParts(bytes: Buffer, entries: readonly ZipEntry[], inflate: Inflate, maxBytes = Infinity): Promise<Map<string, ZipEntry>> {
  const out = new Map<string, ZipEntry>();
  const book = findPart(entries, WORKBOOK);
  const rels = findPart(entries, WORKBOOK_RELS);
  if (!book || !rels) return out;
  const bookXml = await partText(bytes, book, inflate, maxBytes);
  const relsXml = bookXml === null ? null : await partText(bytes, rels, inflate, maxBytes);
  if (bookXml === null || relsXml === null) return out;
  const targets = new Map<string, string>();
  for (const a of startTags(relsXml, "Relationship")) {
    const id = attribute(a, "Id");
    const target = attribute(a, "Target");
    if (id !== null && target !== null) targets.set(unescapeXml(id), unescapeXml(target));
  }
  for (const a of startTags(bookXml, "sheet")) {
    const name = attribute(a, "name");
    const id = attribute(a, "id");
    const target = id === null ? undefined : targets.get(unescapeXml(id));
    const entry = target === undefined ? null : findPart(entries, partPath(target));
    if (name !== null && entry && !out.has(unescapeXml(name))) out.set(unescapeXml(name), entry);
  }
  return out;
}

/** A relationship's target, relative to the workbook part's folder or absolute, as a part's path. */
function partPath(target: string): string {
  const t = target.trim();
  const segments = t.startsWith("/") ? [] : ["xl"];
  for (const s of t.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  return segments.join("/");
}

/**
 * Whether the package's workbook part is a macro-enabled workbook's (the content type Excel
 * gives an .xlsm, application/vnd.ms-excel.sheet.macroEnabled.main+xml). Excel opens a package
 * only under the extension its type calls for, so the output keeps the input's kind.
 */
export async function isMacroEnabled(bytes: Buffer, entries: readonly ZipEntry[], inflate: Inflate): Promise<boolean> {
  const types = findPart(entries, "[Content_Types].xml");
  const xml = types ? await partText(bytes, types, inflate) : null;
  if (xml === null) return false;
  for (const a of startTags(xml, "Override")) {
    const part = attribute(a, "PartName");
    if (part !== null && unescapeXml(part).toLowerCase() === `/${WORKBOOK}`) return /macroEnabled/i.test(attribute(a, "ContentType") ?? "");
  }
  return false;
}
