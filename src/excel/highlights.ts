/// <reference types="office-js" />
/**
 * The company's cells the add-in colours, through Office.js: their fills read in the check (each
 * cell's own tintAndShade beside getCellProperties, to tell no fill from white: ./fills.ts), the
 * restores the workbook allows and the record of each highlighted cell (decided in core,
 * core/fillRecords.ts), and the writes that put recorded fills back and colour the cells.
 */
import { a1, a1Range, cellKey, parseA1 } from "../core/address";
import { sameSheetName } from "../core/addinState";
import { allowedRestores, recordHighlights } from "../core/fillRecords";
import type { EngineMessage } from "../core/messages";
import type { FillRestore, Plan, RecordedFill } from "../core/plan";
import type { CellRange } from "../core/snapshot";
import { sheetKey as key, type Batch, type Book } from "./book";
import type { ExcelCapabilities } from "./capabilities";
import { settingOf, type FillSetting, type OfficeFillProps } from "./fills";
import { hex } from "./styles";

const FILL_PROPS = { format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } };

/** The cells to restore on one sheet as vertical runs (answer cells sit in columns), each read at once. */
export function restoreRuns(restores: readonly FillRestore[], sheet: string): CellRange[] {
  const cells = restores.filter((r) => sameSheetName(r.sheet, sheet)).map((r) => parseA1(r.cell));
  cells.sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: CellRange[] = [];
  for (const c of cells) {
    const last = runs[runs.length - 1];
    if (last && last.left === c.col && last.bottom + 1 === c.row) last.bottom = c.row;
    else if (!(last && last.left === c.col && last.bottom === c.row)) runs.push({ top: c.row, left: c.col, bottom: c.row, right: c.col });
  }
  return runs;
}

interface FillsRead {
  props: OfficeFillProps[][];
  /** Each cell's own format.fill.tintAndShade (ExcelApi 1.9): what tells no fill from white (./fills.ts). */
  cellTints?: (number | null)[][];
  raw: unknown;
}

/**
 * Each highlighted cell's own tintAndShade is read beside getCellProperties to tell no fill from
 * white (./fills.ts), at about 400 bytes of request a cell: beyond this many cells the check
 * would pass Excel on the web's 5 MB, so the evidence is left out and a white report is taken
 * for no fill (restored so, a white cell looks the same but for its gridlines).
 */
export const EVIDENCE_CELLS = 4_000;

export function highlightCells(plan: Plan): number {
  return (plan.highlights ?? []).reduce((n, h) => n + (h.range.bottom - h.range.top + 1) * (h.range.right - h.range.left + 1), 0);
}

/** `withEvidence`: also read each cell's own tintAndShade (for recording, not for comparing). */
export function readFills(ws: Excel.Worksheet, r: CellRange, caps: ExcelCapabilities, withEvidence = false): () => FillsRead {
  if (caps.cellProperties) {
    const range = ws.getRange(a1Range(r.top, r.left, r.bottom, r.right));
    const props = range.getCellProperties(FILL_PROPS);
    const single = r.top === r.bottom && r.left === r.right;
    const tints = withEvidence ? cellGrid(r, (row, col) => (single ? range : ws.getRange(a1(row, col))).format.fill.load("tintAndShade")) : undefined;
    return () => {
      const cellTints = tints?.map((line) => line.map((f) => f.tintAndShade as number | null));
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- this reader runs after the caller's sync; getCellProperties queues its own load
      return { props: props.value.map((row) => row.map((c) => c.format?.fill ?? {})), cellTints, raw: [props.value, cellTints] };
    };
  }
  // Older Excel: one cell at a time (a range's colour is null when its cells differ).
  const cells = cellGrid(r, (row, col) => ws.getRange(a1(row, col)).format.fill.load("color"));
  return () => {
    const props = cells.map((line) => line.map((f) => ({ color: f.color })));
    return { props, raw: props };
  };
}

function cellGrid<T>(r: CellRange, f: (row: number, col: number) => T): T[][] {
  const out: T[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: T[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(f(row, col));
    out.push(line);
  }
  return out;
}

/** The restores whose cell still carries the colour the add-in gave it (as the check read it); the others reported. */
export function restoresAllowed(plan: Plan, book: Book): { restores: FillRestore[]; messages: EngineMessage[] } {
  return allowedRestores(plan.restoreFills ?? [], (r) => {
    const d = book.details.get(key(r.sheet));
    return d ? { sheet: d.name, fill: d.restoreFills.get(cellKey(d.name, r.cell)) } : null;
  });
}

/**
 * The record of every highlighted cell (core/fillRecords.ts): the check read the fills before
 * the restores are queued, so a cell restored now is recorded with the restored fill.
 */
export function highlightRecords(plan: Plan, book: Book, restores: FillRestore[]): RecordedFill[] {
  const highlights = plan.highlights ?? [];
  return recordHighlights(
    highlights,
    (name) => {
      const d = book.details.get(key(name))!;
      return { name: d.name, id: { host: "excel", id: d.id } };
    },
    (index, row, col) => {
      const h = highlights[index];
      return book.details.get(key(h.sheet))!.fills.get(index)![row - h.range.top][col - h.range.left];
    },
    restores,
  );
}

// ---------------------------------------------------------------------------------------------
// The writes

/** Recorded fills put back, cell runs along a row with the same fill set at once. */
export function queueRestores(batch: Batch, allowed: readonly FillRestore[]): void {
  const cells: { sheet: string; row: number; col: number; setting: FillSetting | null; json: string }[] = [];
  for (const r of allowed) {
    const actual = batch.exists(r.sheet)!;
    const { row, col } = parseA1(r.cell);
    const setting = settingOf(r.original, batch.caps.cellProperties, (why) => batch.warnings.push(`${actual}!${r.cell}: ${why}`));
    cells.push({ sheet: actual, row, col, setting, json: JSON.stringify(setting) });
  }
  cells.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row || a.col - b.col);
  for (let i = 0; i < cells.length;) {
    let j = i;
    while (
      j + 1 < cells.length &&
      cells[j + 1].sheet === cells[i].sheet &&
      cells[j + 1].row === cells[i].row &&
      cells[j + 1].col === cells[j].col + 1 &&
      cells[j + 1].json === cells[i].json
    )
      j++;
    const { sheet, row, col, setting } = cells[i];
    const address = a1Range(row, col, row, cells[j].col);
    batch.step([address, setting], () => setFill(batch.sheet(sheet).getRange(address).format.fill, setting));
    i = j + 1;
  }
}

/** A recorded fill put back on a range: cleared, then its properties in order (null: no fill). */
export function setFill(fill: Excel.RangeFill, setting: FillSetting | null): void {
  fill.clear();
  if (!setting) return;
  if (setting.pattern !== undefined) fill.pattern = setting.pattern as Excel.FillPattern;
  if (setting.color !== undefined) fill.color = setting.color;
  if (setting.patternColor !== undefined) fill.patternColor = setting.patternColor;
  if (setting.tintAndShade !== undefined) fill.tintAndShade = setting.tintAndShade;
}

/** The plan's highlights: each range's fill cleared and set to the colour, on the company's sheet. */
export function queueHighlights(batch: Batch, plan: Plan): void {
  for (const h of plan.highlights ?? []) {
    const actual = batch.exists(h.sheet)!;
    const address = a1Range(h.range.top, h.range.left, h.range.bottom, h.range.right);
    const color = hex(h.fill);
    batch.step([address, color], () => {
      const fill = batch.sheet(actual).getRange(address).format.fill;
      fill.clear();
      fill.color = color;
    });
  }
}
