/// <reference types="office-js" />
/**
 * The pane's edit written cell by cell (core/report/cellEdits.ts decides which cells): two syncs
 * whatever the workbook's size. The first reads what the writes rely on (each sheet's protection,
 * its marker, the header and keys where the pane believes them, the cells' values now); the
 * second writes the changed cells' values and only the style properties that changed (through
 * Range.format, ExcelApi 1.1, so that every other format the user gave the cell stays).
 *
 * An edit that changes the add-in's state (colours on the company's sheets, the plan's measures)
 * also reads, in the first sync, the state sheet's column A and each company cell it recolours
 * (its fill, with the cell's own tintAndShade to tell no fill from white, its value, its sheet's
 * id and protection); core/report/stateEdits.ts decides the new state and the fills, written in the
 * second sync with the cells: a recorded fill put back, a colour set, the state's cells rewritten.
 *
 * When the read shows that the cells cannot be written safely (a sheet renamed or deleted, the
 * marker gone, rows or columns moved, a value changed in Excel since the pane read it, a protected
 * sheet), nothing is written and the reason is returned: the pane then writes in full.
 */
import { a1, a1Range } from "../core/address";
import { STATE_SHEET } from "../core/addinState";
import { checkFailure, sheetGone, type CellWrite, type FrameWrite, type RangeCheck, type StylePatch } from "../core/report/cellEdits";
import { editedState, type ColourRead, type FillWrite, type StateChange, type StateEdit } from "../core/report/stateEdits";
import { message, type EngineMessage } from "../core/messages";
import type { CellValue } from "../core/snapshot";
import { requireBase, detectCapabilities, type ExcelCapabilities } from "./capabilities";
import { ExcelHostError, SyncCounter } from "./errors";
import { recordOf, settingOf } from "./fills";
import { readFills, setFill } from "./highlights";
import { stateColumnOf } from "./inspectWorkbook";
import { applyFormat, cellFormat, hex } from "./styles";
import { textEntry, valueEntry } from "./textEntry";
import { setValidation } from "./writeSheet";

export interface EditsResult {
  /** Why the cells were not written (the workbook changed), or null when they were. */
  refused: EngineMessage | null;
  syncs: number;
  /** What could not be kept exactly (a fill Office.js cannot set as recorded). */
  warnings: string[];
}

export async function applyEdits(
  context: Excel.RequestContext,
  edit: { writes: readonly CellWrite[]; checks: readonly RangeCheck[]; frames?: readonly FrameWrite[]; state?: StateChange },
  options: { capabilities?: ExcelCapabilities } = {},
): Promise<EditsResult> {
  const caps = options.capabilities ?? detectCapabilities();
  requireBase(caps);
  const warnings: string[] = [];
  const counter = new SyncCounter(context);
  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => {
    let ws = sheets.get(name);
    if (!ws) sheets.set(name, (ws = context.workbook.worksheets.getItem(name)));
    return ws;
  };

  // 1. Read what the writes rely on.
  const protections = new Map<string, Excel.WorksheetProtection>();
  for (const c of edit.checks) if (!protections.has(c.sheet)) protections.set(c.sheet, sheet(c.sheet).protection.load("protected"));
  const ranges = edit.checks.map((c) =>
    sheet(c.sheet)
      .getRange(a1Range(c.range.top, c.range.left, c.range.bottom, c.range.right))
      .load("values"),
  );
  const change = edit.state;
  const stateRead = change ? readState(context) : null;
  const colourReads = (change?.colours ?? []).map((c) => {
    const ws = sheet(c.sheet);
    if (!protections.has(c.sheet)) protections.set(c.sheet, ws.protection.load("protected"));
    const range = { top: c.row, left: c.col, bottom: c.row, right: c.col };
    return { ws: ws.load("name,id"), value: ws.getRange(a1(c.row, c.col)).load("values"), fill: readFills(ws, range, caps, true) };
  });
  try {
    await counter.sync("reading the cells the edit changes");
  } catch (e) {
    // getItem fails the whole read when one of the sheets is gone (renamed or deleted).
    if (e instanceof ExcelHostError && e.code === "ItemNotFound")
      return { refused: sheetGone([...edit.checks.map((c) => c.sheet), ...(change?.colours ?? []).map((c) => c.sheet)]), syncs: counter.syncs, warnings };
    throw e;
  }
  const read = edit.checks.map((c, i) => (protections.get(c.sheet)!.protected ? ("protected" as const) : { values: ranges[i].values }));
  const refused = checkFailure([...edit.checks], read);
  if (refused) return { refused, syncs: counter.syncs, warnings };
  let stateEdit: StateEdit | null = null;
  if (change) {
    const locked = change.colours.find((c) => protections.get(c.sheet)!.protected);
    if (locked) return { refused: message("warning", "edit-full-protected", locked.sheet, null, {}), syncs: counter.syncs, warnings };
    const reads: ColourRead[] = colourReads.map((r) => {
      const f = r.fill();
      const warn = (why: string) => warnings.push(`the fill of ${r.ws.name}: ${why}`);
      return {
        sheet: r.ws.name,
        sheetId: { host: "excel", id: r.ws.id },
        fill: recordOf(f.props[0][0], warn, f.cellTints?.[0][0]),
        value: cellValue(r.value.values[0][0]),
      };
    });
    const s = stateRead!();
    const decided = editedState(change, s.name, s.column, reads);
    if (decided.refused) return { refused: decided.refused, syncs: counter.syncs, warnings };
    stateEdit = decided.edit;
  }

  // 2. Write: values, then the style properties that changed.
  for (const w of edit.writes) {
    const range = sheet(w.sheet).getRange(a1(w.row, w.col));
    if (w.style?.numberFormat !== undefined) range.numberFormat = [[w.style.numberFormat]];
    const c = w.content;
    if (c && "formula" in c) range.formulas = [[`=${c.formula.replace(/^=/, "")}`]];
    // A date as the ISO day, taken as typed in the cell's date format (as applyPlan writes it).
    else if (c && "date" in c) range.values = [[c.date]];
    else if (c) range.values = [[c.value === null ? "" : valueEntry(c.value, w.style?.numberFormat)]];
    if (w.clear) range.clear("Formats");
    if (w.style) patchFormat(range, w.style);
  }
  for (const f of edit.frames ?? []) writeFrame(sheet(f.sheet), f);
  if (stateEdit) {
    for (const f of stateEdit.fills) writeFill(sheet(f.sheet).getRange(a1(f.row, f.col)).format.fill, f, caps.cellProperties, warnings);
    const ws = sheet(STATE_SHEET);
    ws.getRange(`A1:A${stateEdit.cells.length}`).values = stateEdit.cells.map((c) => [textEntry(c)]);
    if (stateEdit.clearTo > stateEdit.clearFrom) ws.getRange(`A${stateEdit.clearFrom + 1}:A${stateEdit.clearTo}`).clear("Contents");
  }
  await counter.sync("writing the changed cells", "write");
  return { refused: null, syncs: counter.syncs, warnings };
}

/** A value as the snapshot records it (an empty cell: null). */
function cellValue(v: unknown): CellValue {
  return v === "" || v === undefined ? null : (v as CellValue);
}

/** The state sheet's name and column A, read in the first sync (getItemOrNullObject: none is no error). */
function readState(context: Excel.RequestContext): () => { name: string | undefined; column: string[] } {
  const ws = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET).load("name");
  const used = ws.getUsedRangeOrNullObject(true).load("values,rowIndex,columnIndex");
  return () => {
    if (ws.isNullObject) return { name: undefined, column: [] };
    return { name: ws.name, column: used.isNullObject ? [] : stateColumnOf(used.values, used.rowIndex, used.columnIndex) };
  };
}

/** A company cell's fill: the add-in's colour, or its recorded fill put back (as the full write's restores). */
function writeFill(fill: Excel.RangeFill, f: FillWrite, withPatterns: boolean, warnings: string[]): void {
  if ("colour" in f) setFill(fill, { color: hex(f.colour) });
  else
    setFill(
      fill,
      settingOf(f.restore, withPatterns, (why) => warnings.push(`${f.sheet}!${a1(f.row, f.col)}: ${why}`)),
    );
}

/** Dropdowns moved with the rows (cleared over the old range, set over the new) and row heights. */
function writeFrame(ws: Excel.Worksheet, f: FrameWrite): void {
  for (const r of f.clearValidations) ws.getRange(a1Range(r.top, r.left, r.bottom, r.right)).dataValidation.clear();
  for (const v of f.validations) setValidation(ws.getRange(a1Range(v.range.top, v.range.left, v.range.bottom, v.range.right)), v);
  for (const h of f.rowHeights) ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
}

/** The changed style properties on one cell, through Range.format (as styles.ts applies a whole style). */
function patchFormat(range: Excel.Range, s: StylePatch): void {
  const { fill, fontColor, ...rest } = s;
  // Office.js has no "automatic" font colour to set: black is what the default looks like.
  if (fontColor !== undefined) range.format.font.color = fontColor === null ? "#000000" : hex(fontColor);
  if (fill === null) range.format.fill.clear();
  applyFormat(range, cellFormat({ ...rest, ...(fill ? { fill } : {}) }), 1, 1);
}
