/**
 * The workbook part (xl/workbook.xml) and its relationships edited as text: sheet entries
 * removed and added at positions, the sheet-local defined names (print titles, print areas,
 * filters: localSheetId is a position) and the book views' active and first tab kept on the same
 * sheets, fullCalcOnLoad set for our formulas. Untouched elements keep their bytes.
 */
import { unescapeXml } from "./xmlMarkup";
import { elements, escapeAttr, findElement, getAttribute, prefixFor, setAttribute, splice } from "./xmlEdit";
import { PackageDamagedError } from "./packageDamaged";

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
export const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** One <sheet> entry of the workbook. */
export interface BookSheet {
  name: string;
  sheetId: number;
  relId: string;
  visible: boolean;
  /** The entry as written (null: a new one). */
  element: string | null;
  /** A new entry's attributes. */
  state?: "veryHidden";
}

/** A defined name to add for a new sheet (its localSheetId is filled in from where the sheet ends up). */
export interface NewDefinedName {
  name: string;
  sheet: BookSheet;
  /** The formula text, escaped as it goes into the element. */
  text: string;
}

export class WorkbookPart {
  readonly sheets: BookSheet[];
  private readonly original: BookSheet[];
  private readonly relPrefix: string | null;
  private readonly newNames: NewDefinedName[] = [];
  private calc: "attribute" | "element" | "remove-attribute" | "remove-element" | null = null;

  constructor(private readonly xml: string) {
    this.relPrefix = prefixFor(xml, REL_NS);
    const list = findElement(xml, "sheets");
    if (!list) throw new PackageDamagedError("the workbook part has no <sheets>");
    this.original = elements(xml, "sheet", list.startTagEnd, list.contentEnd).map((e) => {
      const tag = e.startTag;
      const state = getAttribute(tag, "state");
      const rel = /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
      return {
        name: unescapeXml(getAttribute(tag, "name") ?? ""),
        sheetId: Number(getAttribute(tag, "sheetId") ?? 0),
        relId: unescapeXml(rel ? (rel[1] ?? rel[2]) : ""),
        visible: state === null || state === "visible",
        element: xml.slice(e.start, e.end),
      };
    });
    this.sheets = [...this.original];
  }

  find(name: string): BookSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  remove(sheet: BookSheet): void {
    const i = this.sheets.indexOf(sheet);
    if (i >= 0) this.sheets.splice(i, 1);
  }

  /** A new sheet entry at a 0-based position (the end when beyond it or absent). */
  add(name: string, relId: string, position: number | undefined, state?: "veryHidden"): BookSheet {
    // Unique among the sheets the workbook will have (Excel's rule); an id of a sheet deleted here may come back.
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    const sheet: BookSheet = { name, sheetId, relId, visible: state === undefined, element: null, ...(state ? { state } : {}) };
    const at = position === undefined ? this.sheets.length : Math.min(position, this.sheets.length);
    this.sheets.splice(at, 0, sheet);
    return sheet;
  }

  /** A new sheet entry where `old` is (which goes). */
  replace(old: BookSheet, name: string, relId: string): BookSheet {
    const sheet = this.add(name, relId, undefined);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(this.sheets.indexOf(old), 1, sheet);
    return sheet;
  }

  /** A sheet-local defined name for a new sheet. */
  addDefinedName(n: NewDefinedName): void {
    this.newNames.push(n);
  }

  /** Whether <calcPr> asks for a full calculation on load. */
  setFullCalcOnLoad(): "attribute" | "element" | null {
    const calc = findElement(this.xml, "calcPr");
    // Set by the company (or by Excel): theirs, left alone.
    if (calc && getAttribute(calc.startTag, "fullCalcOnLoad") !== null) return null;
    this.calc = calc ? "attribute" : "element";
    return this.calc;
  }

  /** Takes back what setFullCalcOnLoad did on an earlier run. */
  undoFullCalcOnLoad(what: "attribute" | "element"): void {
    const calc = findElement(this.xml, "calcPr");
    if (calc && /^(1|true)$/.test(getAttribute(calc.startTag, "fullCalcOnLoad") ?? ""))
      this.calc = what === "attribute" ? "remove-attribute" : "remove-element";
  }

  toString(): string {
    const edits: { start: number; end: number; text: string }[] = [];
    const xml = this.xml;
    const changed = this.sheets.length !== this.original.length || this.sheets.some((s, i) => s !== this.original[i]);
    const list = findElement(xml, "sheets")!;
    const root = findElement(xml, "workbook")!;
    const p = list.prefix;
    if (changed) {
      const entries = this.sheets.map((s) => s.element ?? this.newEntry(s, p)).join("");
      edits.push({ start: list.startTagEnd, end: list.contentEnd, text: entries });
    }
    // Positions: old index → new index (-1: removed).
    const moved = this.original.map((s) => this.sheets.indexOf(s));
    const names = findElement(xml, "definedNames", root.startTagEnd, root.contentEnd);
    const added = this.newNames.map(
      (n) => `<${p}definedName name="${escapeAttr(n.name)}" localSheetId="${this.sheets.indexOf(n.sheet)}">${n.text}</${p}definedName>`,
    );
    if (names && !names.selfClosing) {
      const kept: string[] = [];
      let keptAll = true;
      for (const d of elements(xml, "definedName", names.startTagEnd, names.contentEnd)) {
        const local = getAttribute(d.startTag, "localSheetId");
        const text = xml.slice(d.start, d.end);
        if (local === null || !/^\d+$/.test(local)) {
          kept.push(text);
          continue;
        }
        // A position past the sheets (a damaged name) is the company's business: left as it is.
        const to = Number(local) < moved.length ? moved[Number(local)] : Number(local);
        if (to < 0) {
          // A name of a sheet that is gone (Excel drops these with the sheet).
          keptAll = false;
          continue;
        }
        if (to !== Number(local)) keptAll = false;
        kept.push(to === Number(local) ? text : setAttribute(d.startTag, "localSheetId", String(to)) + text.slice(d.startTag.length));
      }
      if (!keptAll || added.length) {
        const all = [...kept, ...added];
        // Our sheets' names were the only ones: the element goes with them.
        edits.push(all.length ? { start: names.startTagEnd, end: names.contentEnd, text: all.join("") } : { start: names.start, end: names.end, text: "" });
      }
    } else if (added.length) {
      // CT_Workbook: … sheets, functionGroups, externalReferences, definedNames, calcPr …
      const after =
        findElement(xml, "externalReferences", root.startTagEnd, root.contentEnd) ??
        findElement(xml, "functionGroups", root.startTagEnd, root.contentEnd) ??
        list;
      const text = `<${p}definedNames>${added.join("")}</${p}definedNames>`;
      if (names) edits.push({ start: names.start, end: names.end, text });
      else edits.push({ start: after.end, end: after.end, text });
    }
    for (const v of elements(xml, "workbookView")) {
      let tag = v.startTag;
      for (const attr of ["activeTab", "firstSheet"]) {
        const value = getAttribute(tag, attr);
        if (value === null || !/^\d+$/.test(value)) continue;
        const was = this.original[Number(value)];
        let now = was ? this.sheets.indexOf(was) : -1;
        if (now < 0)
          now = Math.max(
            0,
            this.sheets.findIndex((s) => s.visible),
          );
        if (now !== Number(value)) tag = setAttribute(tag, attr, String(now));
      }
      if (tag !== v.startTag) edits.push({ start: v.start, end: v.startTagEnd, text: tag });
    }
    if (this.calc) {
      const calc = findElement(xml, "calcPr", root.startTagEnd, root.contentEnd);
      if (this.calc === "attribute" && calc) edits.push({ start: calc.start, end: calc.startTagEnd, text: setAttribute(calc.startTag, "fullCalcOnLoad", "1") });
      else if (this.calc === "remove-attribute" && calc)
        edits.push({ start: calc.start, end: calc.startTagEnd, text: setAttribute(calc.startTag, "fullCalcOnLoad", null) });
      else if (this.calc === "remove-element" && calc) edits.push({ start: calc.start, end: calc.end, text: "" });
      else if (this.calc === "element") {
        // After definedNames (or what precedes it), before the rest of CT_Workbook.
        const before = [
          "oleSize",
          "customWorkbookViews",
          "pivotCaches",
          "smartTagPr",
          "smartTagTypes",
          "webPublishing",
          "fileRecoveryPr",
          "webPublishObjects",
          "extLst",
        ]
          .map((n) => findElement(xml, n, root.startTagEnd, root.contentEnd))
          .filter((e) => e !== null)
          .sort((a, b) => a!.start - b!.start)[0];
        const at = before ? before.start : root.contentEnd;
        edits.push({ start: at, end: at, text: `<${p}calcPr fullCalcOnLoad="1"/>` });
      }
    }
    return splice(xml, mergeAdjacent(edits));
  }

  private newEntry(s: BookSheet, p: string): string {
    const rel = this.relPrefix ? `${this.relPrefix}:id` : `r:id`;
    const ns = this.relPrefix ? "" : ` xmlns:r="${REL_NS}"`;
    return `<${p}sheet name="${escapeAttr(s.name)}" sheetId="${s.sheetId}"${s.state ? ` state="${s.state}"` : ""}${ns} ${rel}="${escapeAttr(s.relId)}"/>`;
  }
}

/** Insertions at the same place keep their order; splice needs them as one. */
function mergeAdjacent(edits: { start: number; end: number; text: string }[]): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === e.start && e.end === e.start);
    if (same) same.text += e.text;
    else out.push({ ...e });
  }
  return out;
}

/** The relationships of a part: id → target and type; and edits to them. */
export class RelsPart {
  constructor(private xml: string) {}

  static empty(): RelsPart {
    return new RelsPart(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`,
    );
  }

  list(): { id: string; type: string; target: string; external: boolean }[] {
    return elements(this.xml, "Relationship").map((e) => ({
      id: unescapeXml(getAttribute(e.startTag, "Id") ?? ""),
      type: unescapeXml(getAttribute(e.startTag, "Type") ?? ""),
      target: unescapeXml(getAttribute(e.startTag, "Target") ?? ""),
      external: getAttribute(e.startTag, "TargetMode") === "External",
    }));
  }

  /** A relationship id not used yet. */
  freeId(): string {
    const used = new Set(this.list().map((r) => r.id));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    return `rId${n}`;
  }

  add(id: string, type: string, target: string): void {
    const root = findElement(this.xml, "Relationships");
    if (!root) throw new PackageDamagedError("a relationships part without <Relationships>");
    const el = `<${root.prefix}Relationship Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
    if (root.selfClosing)
      this.xml = splice(this.xml, [{ start: root.start, end: root.end, text: `${root.startTag.replace(/\s*\/>$/, ">")}${el}</${root.prefix}Relationships>` }]);
    else this.xml = splice(this.xml, [{ start: root.contentEnd, end: root.contentEnd, text: el }]);
  }

  remove(id: string): void {
    const e = elements(this.xml, "Relationship").find((x) => unescapeXml(getAttribute(x.startTag, "Id") ?? "") === id);
    if (e) this.xml = splice(this.xml, [{ start: e.start, end: e.end, text: "" }]);
  }

  toString(): string {
    return this.xml;
  }
}

/** [Content_Types].xml: overrides added and removed by part name. */
export class ContentTypes {
  constructor(private xml: string) {}

  add(part: string, type: string): void {
    const root = findElement(this.xml, "Types");
    if (!root || root.selfClosing) throw new PackageDamagedError("[Content_Types].xml has no <Types>");
    this.xml = splice(this.xml, [
      { start: root.contentEnd, end: root.contentEnd, text: `<${root.prefix}Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(type)}"/>` },
    ]);
  }

  remove(part: string): void {
    const lower = `/${part}`.toLowerCase();
    const e = elements(this.xml, "Override").find((x) => unescapeXml(getAttribute(x.startTag, "PartName") ?? "").toLowerCase() === lower);
    if (e) this.xml = splice(this.xml, [{ start: e.start, end: e.end, text: "" }]);
  }

  toString(): string {
    return this.xml;
  }
}
