/**
 * The workbook's styles part (xl/styles.xml) edited as text: entries appended to its
 * collections (number formats, fonts, fills, borders, cell formats), and taken off again when
 * they are still exactly the ones appended. Everything else stays as written.
 */
import type { FillRecord, XlsxStylesRecord } from "../core/plan";
import { elements, escapeAttr, findElement, getAttribute, setAttribute, splice, textHash, type ElementSpan } from "./xmlEdit";
import { PackageDamagedError } from "./packageDamaged";

/** The collections we append to, in the order ECMA-376 puts them in <styleSheet> (CT_Stylesheet). */
export const COLLECTIONS = ["numFmts", "fonts", "fills", "borders", "cellXfs"] as const;
export type Collection = (typeof COLLECTIONS)[number];
/** Every child of <styleSheet>, in schema order: a collection that is missing is created before the first later one present. */
const SHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
const CHILD: Record<Collection, string> = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf" };

interface Coll {
  span: ElementSpan | null;
  /** The entries as written. */
  items: string[];
  appended: string[];
}

export class StylesPart {
  private readonly colls = new Map<Collection, Coll>();
  private readonly prefix: string;
  private readonly edits: { start: number; end: number; text: string }[] = [];

  constructor(private readonly xml: string) {
    const root = findElement(xml, "styleSheet");
    if (!root) throw new PackageDamagedError("the styles part has no <styleSheet>");
    this.prefix = root.prefix;
    for (const c of COLLECTIONS) {
      const span = findElement(xml, c, root.startTagEnd, root.contentEnd);
      const items = span ? elements(xml, CHILD[c], span.startTagEnd, span.contentEnd).map((e) => xml.slice(e.start, e.end)) : [];
      this.colls.set(c, { span, items, appended: [] });
    }
  }

  count(c: Collection): number {
    const x = this.colls.get(c)!;
    return x.items.length + x.appended.length;
  }

  /** The cell format (<xf>) at an index, as written; the first when the index is out of range (as Excel reads it). */
  xf(index: number): string {
    const x = this.colls.get("cellXfs")!;
    const all = [...x.items, ...x.appended];
    return all[index] ?? all[0] ?? `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
  }

  entry(c: Collection, index: number): string | undefined {
    const x = this.colls.get(c)!;
    return [...x.items, ...x.appended][index];
  }

  /** Appends an entry (its text with this part's prefix) and gives its index; an entry appended before with the same text is reused. */
  append(c: Collection, text: string): number {
    const x = this.colls.get(c)!;
    const again = x.appended.indexOf(text);
    if (again >= 0) return x.items.length + again;
    x.appended.push(text);
    return x.items.length + x.appended.length - 1;
  }

  /** The first free custom number format id (Excel's own are below 164). */
  nextNumFmtId(): number {
    let max = 163;
    const x = this.colls.get("numFmts")!;
    for (const n of [...x.items, ...x.appended]) max = Math.max(max, Number(getAttribute(n, "numFmtId") ?? 0));
    return max + 1;
  }

  /** A solid fill of one colour, as a <fill> element of this part. */
  solidFill(argb: string): string {
    const p = this.prefix;
    return `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/></${p}patternFill></${p}fill>`;
  }

  /** A fill recorded as ExcelJS describes it, as a <fill> element; null for no fill. */
  fillFromRecord(fill: FillRecord): string | null {
    if (fill === null) return null;
    const p = this.prefix;
    const color = (tag: string, c: unknown): string => {
      if (typeof c !== "object" || c === null) return "";
      const o = c as Record<string, unknown>;
      const attrs: string[] = [];
      if (typeof o.argb === "string") attrs.push(`rgb="${escapeAttr(o.argb)}"`);
      if (typeof o.theme === "number") attrs.push(`theme="${o.theme}"`);
      if (typeof o.indexed === "number") attrs.push(`indexed="${o.indexed}"`);
      if (typeof o.tint === "number") attrs.push(`tint="${o.tint}"`);
      return attrs.length ? `<${p}${tag} ${attrs.join(" ")}/>` : "";
    };
    if (fill.type === "pattern") {
      const pattern = typeof fill.pattern === "string" ? fill.pattern : "none";
      const inner = color("fgColor", fill.fgColor) + color("bgColor", fill.bgColor);
      return `<${p}fill><${p}patternFill patternType="${escapeAttr(pattern)}"${inner ? `>${inner}</${p}patternFill>` : "/>"}</${p}fill>`;
    }
    if (fill.type === "gradient") {
      const attrs: string[] = [];
      if (fill.gradient === "path") {
        attrs.push(`type="path"`);
        const c = (fill.center ?? {}) as Record<string, unknown>;
        if (typeof c.left === "number") attrs.push(`left="${c.left}"`, `right="${c.left}"`);
        if (typeof c.top === "number") attrs.push(`top="${c.top}"`, `bottom="${c.top}"`);
      } else if (typeof fill.degree === "number") {
        attrs.push(`degree="${fill.degree}"`);
      }
      const stops = Array.isArray(fill.stops) ? (fill.stops as { position?: unknown; color?: unknown }[]) : [];
      const inner = stops.map((s) => `<${p}stop position="${Number(s.position ?? 0)}">${color("color", s.color)}</${p}stop>`).join("");
      return `<${p}fill><${p}gradientFill${attrs.length ? " " + attrs.join(" ") : ""}>${inner}</${p}gradientFill></${p}fill>`;
    }
    return null;
  }

  /** A copy of the cell format at `xfIndex` with another fill (null: no fill), appended or reused; its index. */
  xfWithFill(xfIndex: number, fill: string | null): number {
    const fillId = fill === null ? 0 : this.indexOfFill(fill);
    let xf = this.xf(xfIndex);
    const end = xf.indexOf(">") + 1;
    let start = xf.slice(0, end);
    start = setAttribute(start, "fillId", String(fillId));
    // No fill: as a format that never had one (Excel's readers, ExcelJS's too, then see none).
    start = setAttribute(start, "applyFill", fill === null ? null : "1");
    xf = start + xf.slice(end);
    // Given back without a fill, a format that is the default one is the default one (readers
    // tell "no format" from a format with an empty fill: ExcelJS does).
    if (fill === null && xf === this.xf(0)) return 0;
    // Always a format of our own (reused only among ours), never one of the company's that
    // happens to be the same: clear tells the cells we coloured by their format being ours.
    return this.append("cellXfs", xf);
  }

  private indexOfFill(fill: string): number {
    const x = this.colls.get("fills")!;
    const existing = x.items.indexOf(fill);
    return existing >= 0 ? existing : this.append("fills", fill);
  }

  /** What was appended, to record in the state (before: the counts when this part was read). */
  record(): XlsxStylesRecord {
    const out: XlsxStylesRecord = {};
    for (const c of COLLECTIONS) {
      const x = this.colls.get(c)!;
      if (x.appended.length === 0) continue;
      const restored = (x as Coll & { restore?: XlsxStylesRecord[Collection] }).restore;
      out[c] = {
        before: x.items.length,
        countAttr: restored ? restored.countAttr : x.span ? getAttribute(x.span.startTag, "count") : null,
        created: restored ? restored.created : x.span === null,
        hash: textHash(x.appended.join("")),
      };
    }
    return out;
  }

  /**
   * Whether the entries a record says were appended are still there, exactly as appended, at
   * the end of their collections (Excel or another program may have rewritten the part since).
   */
  stillOurs(record: XlsxStylesRecord): boolean {
    for (const c of COLLECTIONS) {
      const r = record[c];
      if (!r) continue;
      const x = this.colls.get(c)!;
      if (x.appended.length > 0 || x.items.length <= r.before) return false;
      if (textHash(x.items.slice(r.before).join("")) !== r.hash) return false;
    }
    return true;
  }

  /** Takes off the recorded entries (call only when stillOurs), restoring the collections as they were. */
  removeRecorded(record: XlsxStylesRecord): void {
    for (const c of COLLECTIONS) {
      const r = record[c];
      if (!r) continue;
      const x = this.colls.get(c)!;
      x.items = x.items.slice(0, r.before);
      (x as Coll & { restore?: XlsxStylesRecord[Collection] }).restore = r;
    }
  }

  /** The part's text with every change. */
  toString(): string {
    const edits = [...this.edits];
    const root = findElement(this.xml, "styleSheet")!;
    for (const c of COLLECTIONS) {
      const x = this.colls.get(c)! as Coll & { restore?: XlsxStylesRecord[Collection] };
      if (!x.restore && x.appended.length === 0) continue;
      const items = [...x.items, ...x.appended];
      if (x.span) {
        if (x.restore?.created && x.appended.length === 0) {
          edits.push({ start: x.span.start, end: x.span.end, text: "" });
          continue;
        }
        const countAttr = x.appended.length === 0 && x.restore ? x.restore.countAttr : String(items.length);
        const tag = setAttribute(x.span.startTag.replace(/\/>$/, ">"), "count", countAttr);
        const close = `</${x.span.prefix}${c}>`;
        const text = `${tag}${items.join("")}${close}`;
        if (x.span.selfClosing) edits.push({ start: x.span.start, end: x.span.end, text });
        else {
          // Keep the original entries' text (with any whitespace between them) as it is.
          const kept = x.restore ? this.keptContent(x.span, x.restore.before) : this.xml.slice(x.span.startTagEnd, x.span.contentEnd);
          edits.push({ start: x.span.start, end: x.span.end, text: `${tag}${kept}${x.appended.join("")}${close}` });
        }
      } else {
        const p = this.prefix;
        const text = `<${p}${c} count="${items.length}">${items.join("")}</${p}${c}>`;
        edits.push({ start: this.insertAt(c, root), end: this.insertAt(c, root), text });
      }
    }
    return splice(this.xml, edits);
  }

  /** The collection's content up to the end of its first `n` entries. */
  private keptContent(span: ElementSpan, n: number): string {
    if (n === 0) return "";
    const child = elements(this.xml, CHILD[COLLECTIONS.find((c) => this.colls.get(c)!.span === span)!], span.startTagEnd, span.contentEnd)[n - 1];
    return this.xml.slice(span.startTagEnd, child.end);
  }

  /** Where a missing collection goes: before the first later child of <styleSheet> that is there, else at its end. */
  private insertAt(c: Collection, root: ElementSpan): number {
    for (const later of SHEET_ORDER.slice(SHEET_ORDER.indexOf(c) + 1)) {
      const e = findElement(this.xml, later, root.startTagEnd, root.contentEnd);
      if (e) return e.start;
    }
    return root.contentEnd;
  }
}
