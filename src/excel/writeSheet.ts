/// <reference types="office-js" />
/**
 * One of the plan's sheets through Office.js, added on the batch (./writeBatch.ts): its marker in
 * a hidden column, column widths (the file's characters into points, ./columnUnits.ts), row
 * heights, cells (./writeCells.ts), merges, hidden columns, data validations, frozen rows (queued
 * last), print settings (ExcelApi 1.9) and tab colour.
 */
import { a1Range, columnLetters } from "../core/address";
import { markerColumn, markerText } from "../core/addinState";
import type { SheetPlan, ValidationErrorStyle, ValidationPlan } from "../core/plan";
import type { Batch } from "./book";
import { columnPoints } from "./columnUnits";
import { fitToWidthZoom } from "./printFit";
import { hex } from "./styles";
import { textEntry } from "./textEntry";
import { writeBlock } from "./writeCells";

/** The plan's error styles as Office.js names them (Excel.DataValidationAlertStyle). */
const ALERT_STYLE: Record<ValidationErrorStyle, "Stop" | "Warning" | "Information"> = { stop: "Stop", warning: "Warning", information: "Information" };

/** Returns whether the sheet has print settings. */
export function writeSheet(batch: Batch, s: SheetPlan): boolean {
  const ws = batch.addSheet(s);
  if (s.marker !== undefined) {
    const text = markerText(s.marker);
    // Right of everything the sheet uses, in a hidden column.
    const column = columnLetters(markerColumn(s));
    batch.step(text, () => {
      ws().getRange(`${column}1`).values = [[textEntry(text)]];
      ws().getRange(`${column}:${column}`).columnHidden = true;
    });
  }
  for (const w of s.columnWidths ?? []) {
    // The plan's widths are in characters (as the file keeps them); Office.js takes points.
    const points = columnPoints(w.width, batch.digitWidth);
    batch.step(points, () => (ws().getRangeByIndexes(0, w.col, 1, 1).format.columnWidth = points));
  }
  // checkPlan refused any row taller than Excel's MAX_ROW_HEIGHT (core/excelLimits.ts).
  for (const { row, height } of s.rowHeights ?? []) batch.step(height, () => (ws().getRangeByIndexes(row, 0, 1, 1).format.rowHeight = height));
  for (const b of s.cells) writeBlock(batch, ws, b.top, b.left, b.rows);
  for (const m of s.merges ?? []) {
    const address = a1Range(m.top, m.left, m.bottom, m.right);
    batch.step(address, () => ws().getRange(address).merge(false));
  }
  for (const c of s.hiddenColumns ?? []) {
    const column = columnLetters(c);
    batch.step(column, () => (ws().getRange(`${column}:${column}`).columnHidden = true));
  }
  for (const v of s.validations ?? []) {
    const address = a1Range(v.range.top, v.range.left, v.range.bottom, v.range.right);
    batch.step([address, v], () => setValidation(ws().getRange(address), v));
  }
  if (s.freezeRows) {
    const n = s.freezeRows;
    batch.freeze(s.name, () => ws().freezePanes.freezeRows(n));
  }
  if (s.print && batch.caps.cellProperties) {
    const p = s.print;
    const header = p.header !== undefined ? sections(p.header) : undefined;
    const footer = p.footer !== undefined ? sections(p.footer) : undefined;
    const zoom = p.fitToWidth ? fitToWidthZoom(s) : undefined;
    batch.step([p, zoom], () => {
      const layout = ws().pageLayout;
      layout.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
      layout.paperSize = p.paper ?? "A4";
      if (zoom) layout.zoom = zoom;
      if (p.repeatRows) layout.setPrintTitleRows(`$${p.repeatRows[0] + 1}:$${p.repeatRows[1] + 1}`);
      const all = layout.headersFooters.defaultForAllPages;
      if (header?.left) all.leftHeader = header.left;
      if (header?.center) all.centerHeader = header.center;
      if (header?.right) all.rightHeader = header.right;
      if (footer?.left) all.leftFooter = footer.left;
      if (footer?.center) all.centerFooter = footer.center;
      if (footer?.right) all.rightFooter = footer.right;
    });
  }
  if (s.tabColor) {
    const color = hex(s.tabColor);
    batch.step(color, () => (ws().tabColor = color));
  }
  return s.print !== undefined;
}

/** A validation of the plan set on a range (the range's own, as Office.js sets it). */
export function setValidation(range: Excel.Range, v: ValidationPlan): void {
  // DataValidationRule takes one rule: a list (ListDataValidation) or a date (DateTimeDataValidation,
  // formula1 an ISO date) — https://learn.microsoft.com/en-us/javascript/api/excel/excel.datavalidationrule
  const rule: Excel.DataValidationRule = v.date
    ? { date: { formula1: v.date.from, operator: "GreaterThanOrEqualTo" as Excel.DataValidationOperator.greaterThanOrEqualTo } }
    : { list: { inCellDropDown: true, source: Array.isArray(v.list) ? v.list.join(",") : `=${v.list!.formula.replace(/^=/, "")}` } };
  // DataValidationErrorAlert.style: Stop, Warning or Information
  // (https://learn.microsoft.com/en-us/javascript/api/excel/excel.datavalidationalertstyle).
  const style = ALERT_STYLE[v.errorStyle ?? "stop"];
  const dv = range.dataValidation;
  dv.rule = rule;
  dv.errorAlert = { showAlert: true, style, message: v.error ?? "", title: "" };
  if (v.prompt !== undefined) dv.prompt = { showPrompt: true, message: v.prompt, title: "" };
}

/** An Excel header/footer string ("&L&F&R&D") split into its left, centre and right sections. */
export function sections(s: string): { left?: string; center?: string; right?: string } {
  const out: { left?: string; center?: string; right?: string } = {};
  const names = { L: "left", C: "center", R: "right" } as const;
  // Text before any section code belongs to the centre, as in Excel.
  let current: "left" | "center" | "right" = "center";
  let text = "";
  const flush = () => {
    if (text !== "") out[current] = (out[current] ?? "") + text;
    text = "";
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const next = s[i + 1];
    if (ch === "&" && next !== undefined) {
      if (next === "L" || next === "C" || next === "R") {
        flush();
        current = names[next];
      } else text += ch + next;
      i++;
    } else text += ch;
  }
  flush();
  return out;
}
