/**
 * Text as an .xlsx package must hold it. XML cannot carry most control characters, so Excel
 * writes them as `_xHHHH_` escapes (and a literal "_x0041_" as "_x005F_x0041_"); every reader,
 * ExcelJS included, decodes them. ExcelJS's writer does not encode: it drops the control
 * characters and writes a literal "_x0041_" as it is, which is then read back as "A". A company's
 * cell would come back changed from annotate and clear. So before ExcelJS writes a workbook,
 * every text that needs it is given in the encoded form, which ExcelJS writes unchanged and
 * every reader decodes to the original text.
 */
import type ExcelJS from "exceljs";

/**
 * What must be encoded: C0 controls but tab and line feed (a carriage return would be turned
 * into a line feed by any XML parser), DEL and the C1 controls (ExcelJS's writer drops them),
 * the two non-characters and lone surrogate halves (ExcelJS writes them as they are, and the
 * package can then not be read at all), and anything already shaped like an escape.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what must be encoded
const NEEDS_ENCODING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]|_x[0-9a-fA-F]{4}_/;

const hex = (code: number) => `_x${code.toString(16).toUpperCase().padStart(4, "0")}_`;

/** `s` in the form the package stores it (unchanged when it needs nothing). */
export function ooxmlText(s: string): string {
  if (!NEEDS_ENCODING.test(s)) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    const isControl = (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff;
    const isLoneSurrogate = code >= 0xd800 && code <= 0xdfff;
    if (isControl || isLoneSurrogate) out += hex(code);
    else if (code === 0x5f && /^_x[0-9a-fA-F]{4}_/.test(s.slice(i, i + 7))) out += hex(0x5f);
    else out += s[i];
  }
  return out;
}

/** The text an `_xHHHH_`-encoded string stands for (what Excel reads; the inverse of ooxmlText). */
export function decodedOoxmlText(s: string): string {
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

// ExcelJS's cells as it holds them (internals, as in readSnapshot.ts; exceljs is pinned).
interface RawCell {
  readonly type: number;
  value: unknown;
}
interface RawSheet {
  readonly _rows: ({ readonly _cells: (RawCell | undefined)[] } | undefined)[];
}

/** ExcelJS.ValueType.Merge (not imported: this module is loaded by the browser preview too, and needs no ExcelJS code). */
const MERGE = 1;

/** A cell value with its texts encoded, or null when nothing in it needs encoding. */
function encodedValue(v: unknown): unknown {
  if (typeof v === "string") {
    const e = ooxmlText(v);
    return e === v ? null : e;
  }
  if (typeof v !== "object" || v === null || v instanceof Date) return null;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    let changed = false;
    const runs = (o.richText as { text?: unknown }[]).map((run) => {
      if (typeof run.text !== "string") return run;
      const e = ooxmlText(run.text);
      if (e === run.text) return run;
      changed = true;
      return { ...run, text: e };
    });
    return changed ? { ...o, richText: runs } : null;
  }
  // A hyperlink's shown text. (A formula's cached result is left alone: ExcelJS does not decode
  // escapes in it when reading, and Excel computes it again anyway.)
  if (o.text !== undefined && o.hyperlink !== undefined) {
    const e = encodedValue(o.text);
    if (e !== null) return { ...o, text: e };
  }
  return null;
}

/**
 * Encodes, in place, every text of the workbook's cells that XML cannot carry as it is. Call
 * right before ExcelJS writes the workbook (workbookBytes does).
 */
export function encodeWorkbookText(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    for (const row of (ws as unknown as RawSheet)._rows) {
      if (!row) continue;
      for (const cell of row._cells) {
        // A merged cell's value is its master's, which has its own turn.
        if (!cell || cell.type === MERGE) continue;
        const e = encodedValue(cell.value);
        if (e !== null) cell.value = e;
      }
    }
  }
}

/** The workbook as .xlsx bytes, its texts encoded first so that they come back as they were. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  encodeWorkbookText(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
