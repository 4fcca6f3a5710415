/**
 * A worksheet part edited as text: only the style index (`s`) of given cells changes, or a cell
 * element (and its row) is added or removed for them, or (the company's decision) a cell's value is set. Every other byte of the sheet stays.
 * Rows and cells keep ECMA-376's order (rows by index in <sheetData>, cells by column in <row>).
 */
import { a1, tryParseA1 } from "../core/address";
import { elements, escapeText, findElement, getAttribute, setAttribute, splice, type ElementSpan } from "./xmlEdit";
import { ooxmlText } from "./ooxmlText";
import { PackageDamagedError } from "./packageDamaged";

/** A cell as the sheet holds it now. */
export interface CellNow {
  /** Its `s` attribute; null when it has none (or no element). */
  s: number | null;
  exists: boolean;
  rowExists: boolean;
  /** The format Excel shows it with: its own, else (no element) its row's or column's, else 0. */
  base: number;
  /** It holds a value, a formula or inline text. */
  hasContent: boolean;
}

/**
 * A new `s`; or a new `s` with new content (the cell element written again: `t` its type, null
 * for a number or none, `inner` its children, e.g. <v>…</v> or <is>…</is>; the pane's edits);
 * or the cell removed; or a new value (the company's decision written from the pane, or given
 * back by clear: ../core/companyCells.ts), the cell's format kept.
 */
export type CellChange =
  { s: number | null; content?: { t: string | null; inner: string } } | { remove: true; removeRow: boolean } | { value: CellContent } | null;

/** A value written into a cell: text (an inline string), a number, a boolean, or null to empty it. */
export type CellContent = string | number | boolean | null;

/** A cell element with `value` (its `s` kept), or a bare one for null. */
function valueCell(p: string, ref: string, s: number | null, value: CellContent): string {
  const attrs = `r="${ref}"${s === null ? "" : ` s="${s}"`}`;
  if (value === null || value === "") return `<${p}c ${attrs}/>`;
  if (typeof value === "number") return `<${p}c ${attrs}><${p}v>${value}</${p}v></${p}c>`;
  if (typeof value === "boolean") return `<${p}c ${attrs} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  return `<${p}c ${attrs} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeText(ooxmlText(value))}</${p}t></${p}is></${p}c>`;
}
export type CellEditor = (now: CellNow) => CellChange;

/** Cells to look at, by 0-based row then 0-based column. */
export type CellTargets = Map<number, Map<number, CellEditor>>;

export function addTarget(targets: CellTargets, row: number, col: number, editor: CellEditor): void {
  let r = targets.get(row);
  if (!r) targets.set(row, (r = new Map()));
  r.set(col, editor);
}

const num = (s: string | null): number | null => (s === null || !/^\d+$/.test(s) ? null : Number(s));
const truthy = (s: string | null) => s === "1" || s === "true";

function columnOf(ref: string | null): number | null {
  if (ref === null) return null;
  const p = tryParseA1(ref);
  return p ? p.col : null;
}

/** The sheet's text with the targets' changes. */
export function editCells(xml: string, targets: CellTargets): string {
  if (targets.size === 0) return xml;
  const sheetData = findElement(xml, "sheetData");
  if (!sheetData) throw new PackageDamagedError("the worksheet has no <sheetData>");
  const p = sheetData.prefix;
  const colStyles = columnStyles(xml);
  const rows = sheetData.selfClosing ? [] : elements(xml, "row", sheetData.startTagEnd, sheetData.contentEnd);
  const byIndex = new Map<number, ElementSpan>();
  let prev = -1;
  const order: { index: number; span: ElementSpan }[] = [];
  for (const span of rows) {
    const r = num(getAttribute(span.startTag, "r"));
    const index = r !== null ? r - 1 : prev + 1;
    prev = index;
    byIndex.set(index, span);
    order.push({ index, span });
  }

  const edits: { start: number; end: number; text: string }[] = [];
  const inserted = new Map<number, string[]>();
  for (const rowIndex of [...targets.keys()].sort((a, b) => a - b)) {
    const cols = targets.get(rowIndex)!;
    const span = byIndex.get(rowIndex);
    if (span) {
      const text = editRow(xml, span, rowIndex, cols, colStyles, p);
      if (text !== null) edits.push({ start: span.start, end: span.end, text });
      continue;
    }
    // No row element: new cells go into a new row, placed before the first row below it.
    const cells: string[] = [];
    for (const col of [...cols.keys()].sort((a, b) => a - b)) {
      const base = colStyles(col);
      const change = cols.get(col)!({ s: null, exists: false, rowExists: false, base, hasContent: false });
      if (change && "s" in change) cells.push(newCell(p, rowIndex, col, change.s, change.content));
      else if (change && "value" in change && change.value !== null) cells.push(valueCell(p, a1(rowIndex, col), base === 0 ? null : base, change.value));
    }
    if (cells.length === 0) continue;
    const next = order.find((o) => o.index > rowIndex);
    const at = next ? next.span.start : sheetData.selfClosing ? -1 : sheetData.contentEnd;
    const list = inserted.get(at) ?? [];
    list.push(`<${p}row r="${rowIndex + 1}">${cells.join("")}</${p}row>`);
    inserted.set(at, list);
  }
  for (const [at, list] of inserted) {
    if (at === -1) {
      // <sheetData/>: written open with the new rows.
      const open = sheetData.startTag.replace(/\s*\/>$/, ">");
      edits.push({ start: sheetData.start, end: sheetData.end, text: `${open}${list.join("")}</${p}sheetData>` });
    } else {
      edits.push({ start: at, end: at, text: list.join("") });
    }
  }
  return splice(xml, edits);
}

function newCell(p: string, row: number, col: number, s: number | null, content?: { t: string | null; inner: string }): string {
  const attrs = `<${p}c r="${a1(row, col)}"${s === null ? "" : ` s="${s}"`}`;
  if (!content) return `${attrs}/>`;
  return `${attrs}${content.t === null ? "" : ` t="${content.t}"`}>${content.inner.replace(/<(\/?)(?=[a-z])/g, `<$1${p}`)}</${p}c>`;
}

/** The row's new text, or null when nothing in it changes. */
function editRow(xml: string, row: ElementSpan, rowIndex: number, cols: Map<number, CellEditor>, colStyles: (col: number) => number, p: string): string | null {
  const rowStyle = truthy(getAttribute(row.startTag, "customFormat")) ? num(getAttribute(row.startTag, "s")) : null;
  const cells = row.selfClosing ? [] : elements(xml, "c", row.startTagEnd, row.contentEnd);
  const found = new Map<number, ElementSpan>();
  const cellOrder: { col: number; span: ElementSpan }[] = [];
  let prev = -1;
  for (const c of cells) {
    const col = columnOf(getAttribute(c.startTag, "r")) ?? prev + 1;
    prev = col;
    found.set(col, c);
    cellOrder.push({ col, span: c });
  }
  // Edits relative to the row's text.
  const base = row.start;
  const edits: { start: number; end: number; text: string }[] = [];
  let removedCells = 0;
  let removeRowIfEmpty = false;
  const inserts = new Map<number, string[]>();
  for (const col of [...cols.keys()].sort((a, b) => a - b)) {
    const editor = cols.get(col)!;
    const c = found.get(col);
    if (c) {
      const s = num(getAttribute(c.startTag, "s"));
      const hasContent = !c.selfClosing && xml.slice(c.startTagEnd, c.contentEnd).trim() !== "";
      const change = editor({ s, exists: true, rowExists: true, base: s ?? 0, hasContent });
      if (!change) continue;
      if ("value" in change) {
        // The element replaced whole: its type, value or formula go, its reference and format stay.
        edits.push({ start: c.start - base, end: c.end - base, text: valueCell(p, getAttribute(c.startTag, "r") ?? a1(rowIndex, col), s, change.value) });
        continue;
      }
      if ("remove" in change) {
        edits.push({ start: c.start - base, end: c.end - base, text: "" });
        removedCells++;
        removeRowIfEmpty ||= change.removeRow;
      } else if (change.content) {
        // Written again whole: its value, formula and type go; its place in the row stays.
        edits.push({ start: c.start - base, end: c.end - base, text: newCell(p, rowIndex, col, change.s, change.content) });
      } else if (change.s !== s) {
        edits.push({ start: c.start - base, end: c.startTagEnd - base, text: setAttribute(c.startTag, "s", change.s === null ? null : String(change.s)) });
      }
      continue;
    }
    const inherited = rowStyle ?? colStyles(col);
    const change = editor({ s: null, exists: false, rowExists: true, base: inherited, hasContent: false });
    if (!change || !("s" in change || ("value" in change && change.value !== null))) continue;
    const next = cellOrder.find((o) => o.col > col);
    const at = next ? next.span.start - base : row.selfClosing ? -1 : row.contentEnd - base;
    const list = inserts.get(at) ?? [];
    list.push(
      "s" in change
        ? newCell(p, rowIndex, col, change.s, change.content)
        : valueCell(p, a1(rowIndex, col), inherited === 0 ? null : inherited, (change as { value: CellContent }).value),
    );
    inserts.set(at, list);
  }
  if (edits.length === 0 && inserts.size === 0) return null;
  if (removeRowIfEmpty && removedCells === cells.length && inserts.size === 0) return "";
  let text = xml.slice(row.start, row.end);
  const selfClosingInsert = inserts.get(-1);
  inserts.delete(-1);
  for (const [at, list] of inserts) edits.push({ start: at, end: at, text: list.join("") });
  text = splice(text, edits);
  if (selfClosingInsert) {
    const open = row.startTag.replace(/\s*\/>$/, ">");
    text = `${open}${selfClosingInsert.join("")}</${p}row>`;
  }
  return text;
}

/** The style of each column from <cols> (0 where none is given). */
function columnStyles(xml: string): (col: number) => number {
  const cols = findElement(xml, "cols");
  if (!cols || cols.selfClosing) return () => 0;
  const ranges = elements(xml, "col", cols.startTagEnd, cols.contentEnd).map((c) => ({
    min: num(getAttribute(c.startTag, "min")) ?? 0,
    max: num(getAttribute(c.startTag, "max")) ?? 0,
    style: num(getAttribute(c.startTag, "style")),
  }));
  return (col) => ranges.find((r) => r.min <= col + 1 && col + 1 <= r.max)?.style ?? 0;
}

/** The highest style index any cell, row or column of the sheet refers to (-1 when none). */
export function highestStyleIndex(xml: string): number {
  let max = -1;
  for (const m of xml.matchAll(/\s(?:s|style)\s*=\s*["'](\d+)["']/g)) max = Math.max(max, Number(m[1]));
  return max;
}
