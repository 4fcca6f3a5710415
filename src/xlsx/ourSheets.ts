/**
 * The add-in's own sheets as parts to merge into the company's package: ExcelJS writes them into
 * a scratch workbook (applyPlan, as it always has), and each sheet part is then made to fit the
 * company's package: its style indices remapped onto formats appended to the company's styles
 * part, its shared strings written inline (t="inlineStr"), so that the company's shared strings
 * part is never touched and clear has nothing to take out of it; no tab left selected.
 */
import ExcelJS from "exceljs";
import { STATE_SHEET, stateCells } from "../core/addinState";
import type { SheetPlan, StateData } from "../core/plan";
import { applyPlan } from "./applyPlan";
import type { Inflate } from "./inflate";
import { encodeWorkbookText, ooxmlText } from "./ooxmlText";
import { PackageDraft, resolveTarget } from "./packageDraft";
import { StylesPart } from "./stylesPart";
import { RelsPart } from "./workbookPart";
import { elements, escapeText, findElement, getAttribute, setAttribute } from "./xmlEdit";
import { unescapeXml } from "./xmlMarkup";

export interface OurSheetPart {
  name: string;
  /** The worksheet part's text, fitted to the company's package. */
  xml: string;
  veryHidden: boolean;
  /** Sheet-local defined names (print titles), their formula text as escaped in the element. */
  definedNames: { name: string; text: string }[];
}

export interface OurSheets {
  sheets: OurSheetPart[];
  /** Whether any of them holds a formula (Excel must compute it when the file opens). */
  formulas: boolean;
}

/**
 * The plan's sheets (positions are the package writer's business), written by ExcelJS and
 * fitted to `styles`.
 */
export async function ourSheetParts(planned: SheetPlan[], styles: StylesPart, inflate: Inflate): Promise<OurSheets> {
  if (planned.length === 0) return { sheets: [], formulas: false };
  const scratch = new ExcelJS.Workbook();
  applyPlan(scratch, { sheets: planned.map(({ position: _position, ...s }) => s) });
  const formulas = scratch.calcProperties?.fullCalcOnLoad === true;
  encodeWorkbookText(scratch);
  // Stored, not compressed: the parts are read back at once, here.
  const bytes = Buffer.from((await scratch.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer);
  const pkg = new PackageDraft(bytes, inflate);
  const book = (await pkg.text("xl/workbook.xml"))!;
  const rels = new RelsPart((await pkg.text("xl/_rels/workbook.xml.rels"))!);
  const targets = new Map(rels.list().map((r) => [r.id, resolveTarget("xl/workbook.xml", r.target)]));
  const scratchStyles = (await pkg.text("xl/styles.xml"))!;
  const strings = sharedStrings((await pkg.text("xl/sharedStrings.xml")) ?? "");
  // Conditional formats (dxfs) would need remapping too: our sheets have none; say so if that changes.
  const dxfs = findElement(scratchStyles, "dxfs");
  if (dxfs && !dxfs.selfClosing && findElement(scratchStyles, "dxf", dxfs.startTagEnd, dxfs.contentEnd))
    throw new Error("our sheets use differential formats (dxfs), which the package writer does not carry");
  const remap = styleRemap(scratchStyles, styles);

  const entries = elements(book, "sheet", findElement(book, "sheets")!.startTagEnd);
  const names = elements(book, "definedName");
  const sheets: OurSheetPart[] = [];
  for (const [i, e] of entries.entries()) {
    const name = unescapeXml(getAttribute(e.startTag, "name") ?? "");
    const relId = /\sr:id="([^"]*)"/.exec(e.startTag)![1];
    const part = targets.get(relId)!;
    if (pkg.has(part.replace(/([^/]+)$/, "_rels/$1.rels")))
      throw new Error(`ExcelJS wrote relationships for the sheet "${name}", which the package writer does not carry`);
    const xml = fitSheet((await pkg.text(part))!, remap, strings);
    const definedNames = names
      .filter((d) => getAttribute(d.startTag, "localSheetId") === String(i))
      .map((d) => ({ name: unescapeXml(getAttribute(d.startTag, "name") ?? ""), text: book.slice(d.startTagEnd, d.contentEnd) }));
    sheets.push({ name, xml, veryHidden: getAttribute(e.startTag, "state") === "veryHidden", definedNames });
  }
  return { sheets, formulas };
}

/** Each <si>'s content, by index. */
function sharedStrings(xml: string): string[] {
  return elements(xml, "si").map((e) => xml.slice(e.startTagEnd, e.contentEnd));
}

/** ExcelJS's (unprefixed) element text with the company styles part's prefix. */
function withPrefix(text: string, prefix: string): string {
  return prefix ? text.replace(/<(\/?)([A-Za-z])/g, `<$1${prefix}$2`) : text;
}

/** Scratch cell format index → the company's, appending what is needed (0 stays 0: the company's default format). */
function styleRemap(scratch: string, styles: StylesPart): (index: number) => number {
  const list = (coll: string, child: string) => {
    const c = findElement(scratch, coll);
    return c && !c.selfClosing ? elements(scratch, child, c.startTagEnd, c.contentEnd).map((e) => scratch.slice(e.start, e.end)) : [];
  };
  const xfs = list("cellXfs", "xf");
  const fonts = list("fonts", "font");
  const fills = list("fills", "fill");
  const borders = list("borders", "border");
  const numFmts = new Map(list("numFmts", "numFmt").map((n) => [getAttribute(n, "numFmtId")!, n]));
  const prefix = /^<([\w.-]+:)?/.exec(styles.xf(0))?.[1] ?? "";
  const done = new Map<number, number>();
  const numFmtIds = new Map<string, number>();
  return (index) => {
    if (index === 0) return 0;
    const known = done.get(index);
    if (known !== undefined) return known;
    const xf = xfs[index];
    if (xf === undefined) throw new Error(`ExcelJS wrote a cell format ${index} it does not define`);
    const end = xf.indexOf(">") + 1;
    let tag = xf.slice(0, end);
    const ref = (attr: string, items: string[], keep: number, coll: "fonts" | "fills" | "borders") => {
      const id = Number(getAttribute(tag, attr) ?? 0);
      if (id < keep) return;
      tag = setAttribute(tag, attr, String(styles.append(coll, withPrefix(items[id], prefix))));
    };
    ref("fontId", fonts, 1, "fonts");
    ref("fillId", fills, 2, "fills");
    ref("borderId", borders, 1, "borders");
    const fmt = getAttribute(tag, "numFmtId");
    if (fmt !== null && Number(fmt) >= 164) {
      let id = numFmtIds.get(fmt);
      if (id === undefined) {
        id = styles.nextNumFmtId();
        styles.append("numFmts", withPrefix(setAttribute(numFmts.get(fmt)!, "numFmtId", String(id)), prefix));
        numFmtIds.set(fmt, id);
      }
      tag = setAttribute(tag, "numFmtId", String(id));
    }
    tag = setAttribute(tag, "xfId", "0");
    const mapped = styles.append("cellXfs", withPrefix(tag + xf.slice(end), prefix));
    done.set(index, mapped);
    return mapped;
  };
}

/** A sheet ExcelJS wrote, with the company's style indices and inline strings; no tab selected. */
function fitSheet(xml: string, remap: (i: number) => number, strings: string[]): string {
  return xml
    .replace(/<(c|row)\s[^>]*>/g, (tag) => {
      const s = getAttribute(tag, "s");
      let out = s === null ? tag : setAttribute(tag, "s", String(remap(Number(s))));
      if (tag.startsWith("<c") && getAttribute(tag, "t") === "s") out = setAttribute(out, "t", "inlineStr");
      return out;
    })
    .replace(/(<c\s[^>]*t="inlineStr"[^>]*>)<v>(\d+)<\/v>/g, (_all, open: string, i: string) => `${open}<is>${strings[Number(i)]}</is>`)
    .replace(/<col\s[^>]*>/g, (tag) => {
      const s = getAttribute(tag, "style");
      return s === null ? tag : setAttribute(tag, "style", String(remap(Number(s))));
    })
    .replace(/<sheetView\s[^>]*>/g, (tag) => setAttribute(tag, "tabSelected", null));
}

/**
 * The very hidden state sheet's part, written directly (one column of text, no format): A1 the
 * marker, then the state's JSON in chunks, as core/addinState.ts's stateCells gives them.
 */
export function stateSheetPart(state: StateData): OurSheetPart {
  const cells = stateCells(state);
  const rows = cells
    .map((text, i) => {
      const t = escapeText(ooxmlText(text));
      const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
      return `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t${space}>${t}</t></is></c></row>`;
    })
    .join("");
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:A${cells.length}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${rows}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  return { name: STATE_SHEET, xml, veryHidden: true, definedNames: [] };
}
