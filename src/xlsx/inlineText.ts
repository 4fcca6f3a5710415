/**
 * Decoding the `_xHHHH_` escapes of inline strings, which ExcelJS leaves as they are.
 *
 * A package keeps control characters (and a literal "_x0041_", as "_x005F_x0041_") in text as
 * `_xHHHH_` escapes, and Excel decodes them wherever text is (ooxmlText.ts). ExcelJS 4.4.0
 * (pinned) decodes them in shared strings and in rich-text runs, but not in a plain inline string
 * (`<c t="inlineStr"><is><t>…</t></is></c>`, cell-xform.js): its value keeps the escapes. Our own
 * writers store text as inline strings, as do other generators; read as ExcelJS gives it, a note
 * typed "_x0041_" would come back "_x005F_x0041_", and a rewrite would encode it once more. This
 * finds the plain inline strings of the sheets whose texts hold an escape (none in most
 * workbooks: nothing more is unpacked) and gives their cells the decoded text.
 */
import type ExcelJS from "exceljs";
import { tryParseA1 } from "../core/address";
import { CELL } from "./formulaResults";
import type { Inflate } from "./inflate";
import { decodedOoxmlText } from "./ooxmlText";
import { partText, sheetParts } from "./packageParts";
import { PREFIX, attribute } from "./xmlMarkup";
import type { ZipEntry } from "./zipPackage";

const ESCAPE = /_x[0-9a-fA-F]{4}_/;
/** An inline string of runs (<r>): ExcelJS reads those as rich text and decodes them itself. */
const RUN = new RegExp(`<${PREFIX}r[\\s>]`);

/** The cells of a sheet holding text with an escape, as ExcelJS read them (1-based row and column). */
function cellsWithEscapes(ws: ExcelJS.Worksheet): Map<string, ExcelJS.Cell> {
  const out = new Map<string, ExcelJS.Cell>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (typeof cell.value === "string" && ESCAPE.test(cell.value)) out.set(`${Number(row.number) - 1},${Number(cell.col) - 1}`, cell);
    }),
  );
  return out;
}

/** Gives the plain inline strings of a loaded workbook the text Excel reads from them. */
export async function decodeInlineStrings(bytes: Buffer, entries: readonly ZipEntry[], wb: ExcelJS.Workbook, inflate: Inflate): Promise<void> {
  const suspects = wb.worksheets.map((ws) => [ws.name, cellsWithEscapes(ws)] as const).filter(([, cells]) => cells.size > 0);
  if (suspects.length === 0) return;
  const parts = await sheetParts(bytes, entries, inflate);
  for (const [name, cells] of suspects) {
    const entry = parts.get(name);
    const xml = entry === undefined ? null : await partText(bytes, entry, inflate);
    // ExcelJS read this sheet from the package, so its part is there and unpacks; were it not,
    // its texts stay as ExcelJS read them.
    if (xml === null) continue;
    for (const m of xml.matchAll(CELL)) {
      if (attribute(m[1], "t") !== "inlineStr" || m[2] === undefined || RUN.test(m[2])) continue;
      const ref = attribute(m[1], "r");
      const at = ref === null ? null : tryParseA1(ref);
      const cell = at && cells.get(`${at.row},${at.col}`);
      if (cell) cell.value = decodedOoxmlText(cell.value as string);
    }
  }
}
