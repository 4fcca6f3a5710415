/**
 * The pane's edit written cell by cell into a workbook file (the browser preview), as
 * src/excel/applyEdits.ts does in Excel: the checks read from ExcelJS's load of the file, then
 * only the changed cells of our sheets' parts written again (worksheetPart.ts), each keeping its
 * format but for the properties the edit changes (a copy of its format with that fill or font,
 * appended to the styles part). Every other part and cell stays byte for byte.
 *
 * Not written cell by cell here (the full write is used, and says why): an edit that changes the
 * add-in's state (colours on the company's sheets, the plan's measures), rows entering or leaving
 * the plan's table (dropdowns, cleared formats, borders), formulas and alignment. Row heights
 * are left as they are (the next full write fits them).
 * The Office.js host writes those cell by cell too (src/excel/applyEdits.ts).
 */
import type ExcelJS from "exceljs";
import { checkFailure, type CellWrite, type FrameWrite, type RangeCheck, type StylePatch } from "../core/report/cellEdits";
import type { StateChange } from "../core/report/stateEdits";
import type { EngineMessage } from "../core/messages";
import { message, resourceParam } from "../core/messages";
import { toArgb } from "../core/plan";
import { serialFromDate } from "../core/snapshot";
import type { Deflate } from "./deflate";
import type { Inflate } from "./inflate";
import { PackageDraft, relsPath, resolveTarget } from "./packageDraft";
import { PackageDamagedError } from "./packageDamaged";
import { StylesPart } from "./stylesPart";
import { RelsPart, WorkbookPart } from "./workbookPart";
import { addTarget, editCells, type CellTargets } from "./worksheetPart";
import { ooxmlText } from "./ooxmlText";
import { escapeText, getAttribute, setAttribute } from "./xmlEdit";

const WORKBOOK = "xl/workbook.xml";
const STYLES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";

/** A cell's value as Office.js would read it: "" for empty, a formula's result, rich text's text. */
function readValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return serialFromDate(v, false);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) return readValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("text" in v) return (v as ExcelJS.CellHyperlinkValue).text;
    if ("error" in v) return (v as ExcelJS.CellErrorValue).error;
  }
  return v;
}

/** Why the cells cannot be written (nothing is), or null: the checks against ExcelJS's load of the file. */
export function editRefusal(wb: ExcelJS.Workbook, checks: readonly RangeCheck[]): EngineMessage | null {
  const read = checks.map((c) => {
    const ws = wb.getWorksheet(c.sheet);
    if (!ws) return "missing" as const;
    const values = c.expect.map((row, i) =>
      row.map((_, j) => {
        const cell = ws.getCell(c.range.top + i + 1, c.range.left + j + 1);
        // ExcelJS gives a merged cell the master's value; Excel (and the check) reads it empty.
        return cell.isMerged && cell.master.address !== cell.address ? "" : readValue(cell.value);
      }),
    );
    return { values };
  });
  return checkFailure([...checks], read);
}

/**
 * The package with the edit's cells written, or why not (nothing written). `wb` is ExcelJS's
 * load of `input` (only read).
 */
export async function applyEditsToPackage(
  input: Uint8Array,
  wb: ExcelJS.Workbook,
  edit: { writes: readonly CellWrite[]; checks: readonly RangeCheck[]; frames?: readonly FrameWrite[]; state?: StateChange },
  io: { inflate: Inflate; deflate: Deflate },
): Promise<{ bytes: Uint8Array; refused: null } | { bytes: null; refused: EngineMessage }> {
  const refused = editRefusal(wb, edit.checks) ?? unsupported(edit);
  if (refused) return { bytes: null, refused };
  const date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);

  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const draft = new PackageDraft(buf, io.inflate);
  const book = new WorkbookPart(await required(draft, WORKBOOK));
  const rels = new RelsPart(await required(draft, relsPath(WORKBOOK)));
  const stylesRel = rels.list().find((r) => r.type === STYLES_REL);
  const stylesName = stylesRel ? resolveTarget(WORKBOOK, stylesRel.target) : "xl/styles.xml";
  const styles = new StylesPart(await required(draft, stylesName));

  const bySheet = new Map<string, CellWrite[]>();
  for (const w of edit.writes) bySheet.set(w.sheet, [...(bySheet.get(w.sheet) ?? []), w]);
  for (const [name, writes] of bySheet) {
    const sheet = book.find(name);
    const rel = sheet && rels.list().find((r) => r.id === sheet.relId);
    if (!rel) throw new PackageDamagedError(`the sheet "${name}" has no part`);
    const part = resolveTarget(WORKBOOK, rel.target);
    const targets: CellTargets = new Map();
    for (const w of writes) {
      addTarget(targets, w.row, w.col, (now) => ({
        s: w.style ? patchedFormat(styles, now.s ?? now.base, w.style) : now.s,
        content: w.content ? cellContent(w.content, date1904) : undefined,
      }));
    }
    draft.set(part, editCells(await required(draft, part), targets));
  }
  draft.set(stylesName, styles.toString());
  return { bytes: await draft.bytesOut(io.deflate), refused: null };
}

/** What this writer does not write cell by cell (see above): the full write does, and the reason says why. */
function unsupported(edit: { writes: readonly CellWrite[]; frames?: readonly FrameWrite[]; state?: StateChange }): EngineMessage | null {
  const why = (what: "pane.edit.why.colours" | "pane.edit.why.plan" | "pane.edit.why.layout") =>
    message("info", "edit-full-wider", null, null, { what: resourceParam(what) });
  if (edit.state?.colours.length) return why("pane.edit.why.colours");
  if (edit.state?.actionPlan) return why("pane.edit.why.plan");
  const other =
    // Row heights alone are kept as they are here (the next full write fits them), as before.
    (edit.frames ?? []).some((f) => f.validations.length > 0 || f.clearValidations.length > 0) ||
    edit.writes.some(
      (w) =>
        w.clear ||
        (w.content && "formula" in w.content) ||
        (w.style && (["wrap", "horizontal", "vertical", "numberFormat", "border"] as const).some((k) => w.style![k] !== undefined)),
    );
  return other ? why("pane.edit.why.layout") : null;
}

async function required(draft: PackageDraft, path: string): Promise<string> {
  const text = await draft.text(path);
  if (text === null) throw new PackageDamagedError(`the workbook has no ${path}`);
  return text;
}

function cellContent(c: NonNullable<CellWrite["content"]>, date1904: boolean): { t: string | null; inner: string } | undefined {
  if ("date" in c) return { t: null, inner: `<v>${serialFromDate(new Date(`${c.date}T00:00:00Z`), date1904)}</v>` };
  if ("formula" in c) return undefined;
  const v = c.value;
  if (v === null) return { t: null, inner: "" };
  if (typeof v === "number") return { t: null, inner: `<v>${v}</v>` };
  if (typeof v === "boolean") return { t: "b", inner: `<v>${v ? 1 : 0}</v>` };
  // Inline text, as our sheets are written (ourSheets.ts): the shared strings part stays as it is.
  // Encoded as every text the xlsx host writes (ooxmlText: control characters, and a literal "_x0041_" kept as typed).
  return { t: "inlineStr", inner: `<is><t xml:space="preserve">${escapeText(ooxmlText(v))}</t></is>` };
}

/** A copy of the cell's format with the patch's fill and font properties (the rest as the user left it). */
function patchedFormat(styles: StylesPart, xfIndex: number, patch: StylePatch): number {
  let index = xfIndex;
  if (patch.fill !== undefined) index = styles.xfWithFill(index, patch.fill === null ? null : styles.solidFill(toArgb(patch.fill)));
  if (patch.bold === undefined && patch.italic === undefined && patch.fontColor === undefined && patch.fontSize === undefined) return index;
  const xf = styles.xf(index);
  const end = xf.indexOf(">") + 1;
  const fontId = Number(getAttribute(xf.slice(0, end), "fontId") ?? 0);
  const font = patchedFont(styles.entry("fonts", fontId) ?? styles.entry("fonts", 0) ?? "<font/>", patch);
  const newFont = styles.append("fonts", font);
  let start = setAttribute(xf.slice(0, end), "fontId", String(newFont));
  start = setAttribute(start, "applyFont", "1");
  return styles.append("cellXfs", start + xf.slice(end));
}

/** A <font> with bold, italic, size or colour changed (CT_Font's children come in any order). */
function patchedFont(font: string, patch: StylePatch): string {
  const prefix = /^<([\w.-]+:)?font\b/.exec(font)?.[1] ?? "";
  let inner = font
    .replace(/^<[^>]*?\/>$/, "")
    .replace(/^<[^>]*>/, "")
    .replace(/<\/[^>]*>$/, "");
  const drop = (tag: string) => (inner = inner.replace(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b[^>]*?(?:/>|>.*?</(?:[\\w.-]+:)?${tag}>)`, "g"), ""));
  const add: string[] = [];
  if (patch.bold !== undefined) {
    drop("b");
    if (patch.bold) add.push(`<${prefix}b/>`);
  }
  if (patch.italic !== undefined) {
    drop("i");
    if (patch.italic) add.push(`<${prefix}i/>`);
  }
  if (patch.fontSize !== undefined) {
    drop("sz");
    add.push(`<${prefix}sz val="${patch.fontSize}"/>`);
  }
  if (patch.fontColor !== undefined) {
    drop("color");
    if (patch.fontColor !== null) add.push(`<${prefix}color rgb="${toArgb(patch.fontColor)}"/>`);
  }
  return `<${prefix}font>${add.join("")}${inner}</${prefix}font>`;
}
