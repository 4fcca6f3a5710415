/// <reference types="office-js" />
/**
 * Applies a Plan to the open workbook through Office.js, with the semantics of the xlsx host
 * (src/xlsx/applyPlan.ts): everything that can make the plan fail is checked before anything is
 * written; then, in one batch: restore the recorded fills (only on cells that still carry the
 * colour the add-in gave them) → delete the add-in's old sheets → write or delete the very hidden
 * state sheet (with the original fills recorded in the check) → create or replace the plan's
 * sheets → highlight the company's cells. The state goes before the sheets and fills so that a
 * batch Excel stops partway leaves a record clear can undo.
 *
 * Syncs: one to check (the sheets with their ids, row 1 of every sheet the plan touches (where
 * the marker is), the state sheet's column A, protection, the current fill of every highlighted
 * cell (with each cell's own tintAndShade, ./fills.ts) and of every cell to restore; when the plan
 * sets column widths, a default column's width, ./columnUnits.ts), one to write. The writes are
 * measured as Office.js sends them (requestSize.ts); when they do not fit in one request of
 * `maxRequestBytes` (Excel on the web: 5 MB), they go in several, in the same order, one sync
 * each, and a single write larger than that is refused before anything is written. The
 * check reads sheets by name, and a name the plan expects may be gone or an unexpected one may
 * be there (the workbook changed since it was read): then one or two more read-only syncs are
 * spent finding out, and the checks run on what is really there.
 *
 * The recorded original of a highlighted cell is its fill after the restores: the restored
 * record itself for a cell the plan restores, else the fill read in the check. The restores are
 * not queued before that read (Office.js would run them before it, but they would then stay
 * written when a check fails).
 *
 * Text that Excel would take for a formula, number or date when "typed" through Range.values is
 * written with a quote prefix, never in the Text format (which shows long text as "####"): see
 * textEntry.ts. Only PlanCell.formula is written as a formula (Range.formulas).
 *
 * Excel's own rules the batch keeps: the very hidden state sheet is made Hidden before it is
 * deleted (Excel refuses to delete a very hidden sheet: office-js issue 365); the sheet the user
 * was on, when the plan replaces it, is activated again with the same cells selected (deleting it
 * sends Excel to a neighbour); rows are frozen last, so that the Excel 2019 builds whose
 * freezeRows fails (office-js issue 2196) still get everything else, and say so.
 */
import { companyCellProblems, companyCellSheets, queueCompanyCells } from "./companyCells";
import { a1, a1Range, columnLetters, parseA1 } from "../core/address";
import { STATE_SHEET, checkState, markerColumn, markerInRow, markerText, sameSheetName, stateCells } from "../core/addinState";
import { message, sheetListParam, type EngineMessage } from "../core/messages";
import {
  PlanRefusedError,
  STATE_VERSION,
  cellKey,
  checkPlan,
  internalProblem,
  toArgb,
  type FillRecord,
  type FillRestore,
  type Plan,
  type PlanCell,
  type RecordedFill,
  type SheetPlan,
  type ValidationErrorStyle,
} from "../core/plan";
import { carriesExpected, skippedRestoreMessages } from "../core/restore";
import type { CellRange } from "../core/snapshot";
import { detectCapabilities, requireBase, type ExcelCapabilities } from "./capabilities";
import { ExcelHostError, SyncCounter } from "./errors";
import { DEFAULT_DIGIT_WIDTH, columnPoints, queueDigitWidthRead } from "./columnUnits";
import { recordOf, settingOf, type FillSetting, type OfficeFillProps } from "./fills";
import { fitToWidthZoom } from "./printFit";
import { RequestRecorder, splitRequests, type RequestPart } from "./requestSize";
import { applyFormat, cellFormat, hasFormat, hex, styleRectangles } from "./styles";
import { textEntry } from "./textEntry";

export interface ApplyOptions {
  /** Default: asked of Office.context.requirements. */
  capabilities?: ExcelCapabilities;
  /**
   * Each write request stays at or below this many bytes as Office.js sends it (Excel on the web
   * takes 5 MB); the writes are split into several requests when they do not fit in one, and
   * refused before anything is written when a single write is larger.
   */
  maxRequestBytes?: number;
}

export interface ApplyResult {
  /**
   * context.sync() calls made: 2 unless the workbook changed since the plan was made, or the
   * writes are larger than one request takes (then one more for each further request).
   */
  syncs: number;
  /** Estimated payload: UTF-8 bytes of what was read (JSON) and written (as Office.js sends it). */
  bytes: number;
  /** Each write request's size as Office.js sends it (requestSize.ts), in order. */
  requestBytes: number[];
  /** The original fill of every highlighted cell, as written into the state. */
  highlights: RecordedFill[];
  /** How many recorded fills were put back. */
  restored: number;
  /** What the user should know, in their language: recorded cells left because recoloured since, or their sheet gone. */
  messages: EngineMessage[];
  /** Things approximated without harm, technical (English): a gradient restored as a colour, print settings on old Excel, … */
  warnings: string[];
}

export const DEFAULT_MAX_REQUEST_BYTES = 4_500_000;
/** Excel's highest row, in points. */
export const MAX_ROW_HEIGHT = 409;
/** The plan's error styles as Office.js names them (Excel.DataValidationAlertStyle). */
const ALERT_STYLE: Record<ValidationErrorStyle, "Stop" | "Warning" | "Information"> = { stop: "Stop", warning: "Warning", information: "Information" };

const FILL_PROPS = { format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } };

export async function applyPlan(context: Excel.RequestContext, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const caps = options.capabilities ?? detectCapabilities();
  requireBase(caps);
  const planProblems = checkPlan(plan);
  if (planProblems.length) throw refused(planProblems);

  const counter = new SyncCounter(context);
  const warnings: string[] = [];
  const book = await inspect(context, plan, caps, counter, warnings);
  const problems = workbookProblems(plan, book);
  problems.push(...companyCellProblems(plan, book.sheets.map((s) => ({ name: s.name, marked: book.details.get(key(s.name))?.marked ?? false, protected: book.details.get(key(s.name))?.protected ?? false }))));
  if (problems.length) throw refused(problems);

  // The restores the workbook allows: the cell still has the colour the add-in gave it.
  const { restores, messages } = allowedRestores(plan, book);
  const highlights = recordHighlights(plan, book, restores);
  const writer = new Writer(context, plan, book, caps, warnings, restores);
  writer.build(highlights);
  // The writes measured as Office.js will send them, and split into requests Excel takes.
  const limit = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const parts = measureWrites(plan, book, caps, restores, highlights, limit);
  const tooLarge = parts.find((p) => p.bytes > limit);
  if (tooLarge) {
    throw new ExcelHostError(
      "RequestTooLarge",
      `the plan cannot be applied: one of its writes takes about ${(tooLarge.bytes / 1e6).toFixed(1)} MB as Office.js sends it, more than the ${(limit / 1e6).toFixed(1)} MB Excel takes in one request; nothing was written`,
    );
  }
  const requestBytes: number[] = [];
  for (const [i, part] of parts.entries()) {
    writer.queue(part.from, part.to);
    // The company's decision (a few bytes), with the first request.
    if (i === 0) queueCompanyCells(context, plan);
    counter.bytes += part.bytes;
    requestBytes.push(part.bytes);
    try {
      await counter.sync(parts.length > 1 ? `writing the add-in's sheets and colours (part ${i + 1} of ${parts.length})` : "writing the add-in's sheets and colours", "write");
    } catch (e) {
      // Rows are frozen last, in the last request: when this Excel cannot freeze them (office-js
      // issue 2196), everything else is written and the sheets work as they are; the user is told.
      const last = i === parts.length - 1;
      if (!last || !(e instanceof ExcelHostError) || !failedAt(e, "WorksheetFreezePanes.freezeRows") || writer.frozen.length === 0) throw e;
      warnings.push(`rows were not frozen: ${e.message}`);
      messages.push(message("warning", "rows-not-frozen", null, null, { sheets: sheetListParam(writer.frozen) }));
    }
  }
  return { syncs: counter.syncs, bytes: counter.bytes, requestBytes, highlights, restored: restores.length, messages, warnings: dedupe(warnings) };
}

/**
 * The write requests: the same writes, built again on a recording stand-in of the context
 * (requestSize.ts), in as few requests of at most `limit` bytes as they fit. Each request runs
 * after the one before, in the batch's order (restores, deletions, the state, the sheets, the
 * highlights): should Excel stop in a later one, what the earlier ones wrote is what a single
 * batch stopped at the same step would have left, the state included, so clear undoes it.
 */
function measureWrites(plan: Plan, book: Book, caps: ExcelCapabilities, restores: FillRestore[], highlights: RecordedFill[], limit: number): RequestPart[] {
  const recorder = new RequestRecorder();
  const dry = new Writer(recorder.context, plan, book, caps, [], restores);
  dry.build(highlights);
  return splitRequests(recorder, dry.count, (i) => dry.run(i), () => dry.begin(), limit);
}

/** Whether Excel reports the error at `location` (debugInfo.errorLocation, "Class.member"). */
function failedAt(e: ExcelHostError, location: string): boolean {
  const at = (e.cause as { debugInfo?: { errorLocation?: string } } | undefined)?.debugInfo?.errorLocation ?? "";
  return at === location || at.startsWith(`${location} `);
}

function refused(problems: EngineMessage[]): Error {
  return new PlanRefusedError(problems);
}

function dedupe(xs: string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].map(([x, n]) => (n > 1 ? `${x} (${n} times)` : x));
}

// ---------------------------------------------------------------------------------------------
// The check: what the workbook holds

interface SheetDetail {
  /** The name as the workbook spells it. */
  name: string;
  /** Worksheet.id: the same across renaming and moving. */
  id: string;
  /** Carries the add-in's marker (somewhere in row 1). */
  marked: boolean;
  protected: boolean;
  /** Column A from A1 down to the first cell without text (the state sheet only). */
  stateColumn?: string[];
  /** Current fills of the plan's highlights on this sheet, by plan index. */
  fills: Map<number, FillRecord[][]>;
  /** Current fills of the cells to restore on this sheet, by cell key. */
  restoreFills: Map<string, FillRecord>;
}

interface Book {
  /** The sheets in workbook order. */
  sheets: { name: string; visibility: string }[];
  /** The sheet the user is on and the cells selected there (none when a chart or shape is selected). */
  active?: { sheet: string; selection?: string };
  workbookProtected: boolean;
  /** By lower-case name: the sheets the plan touches. */
  details: Map<string, SheetDetail>;
  /** The maximum digit width of the workbook's Normal font, in pixels (./columnUnits.ts). */
  digitWidth: number;
}

const key = (name: string) => name.toLowerCase();

/** Sheets the plan expects to exist: it deletes, restores, highlights, or replaces the state. */
function expectedSheets(plan: Plan): string[] {
  const names = [...(plan.deleteSheets ?? []), ...(plan.highlights ?? []).map((h) => h.sheet), ...(plan.restoreFills ?? []).map((r) => r.sheet), ...companyCellSheets(plan)];
  // A plan that undoes a previous run expects its state sheet (an unexpected one is found anyway).
  const previousRun = (plan.restoreFills ?? []).length > 0 || (plan.deleteSheets ?? []).length > 0;
  if (plan.state !== undefined && (previousRun || plan.expectsState)) names.push(STATE_SHEET);
  const seen = new Map<string, string>();
  for (const n of names) if (!seen.has(key(n))) seen.set(key(n), n);
  return [...seen.values()];
}

/** The check failed on reading the selection: a chart or shape is selected, or several areas (office-js issue 2268). */
function selectionUnreadable(e: unknown): boolean {
  if (!(e instanceof ExcelHostError)) return false;
  const location = (e.cause as { debugInfo?: { errorLocation?: string } } | undefined)?.debugInfo?.errorLocation ?? "";
  return e.code === "InvalidSelection" || /getSelectedRange/.test(location);
}

async function inspect(context: Excel.RequestContext, plan: Plan, caps: ExcelCapabilities, counter: SyncCounter, warnings: string[]): Promise<Book> {
  let wanted = expectedSheets(plan);
  let book: Book | undefined;
  let selection = true;
  for (let attempt = 0; !book; attempt++) {
    try {
      book = await inspectSheets(context, plan, caps, counter, wanted, warnings, { selection });
    } catch (e) {
      if (attempt > 2) throw e;
      if (selection && selectionUnreadable(e)) {
        // Carry on without it: the sheet the user is on is still known.
        selection = false;
        continue;
      }
      if (!(e instanceof ExcelHostError) || e.code !== "ItemNotFound") throw e;
      // A sheet the plan expects is gone: list the sheets, then check those that are there.
      const names = await listSheets(context, counter);
      wanted = wanted.filter((n) => names.some((x) => sameSheetName(x, n)));
    }
  }
  // Sheets the plan touches that are there but were not expected: a state sheet, a sheet with
  // the name of one of the plan's.
  const touched = [STATE_SHEET, ...(plan.deleteSheets ?? []), ...plan.sheets.map((s) => s.name), ...(plan.highlights ?? []).map((h) => h.sheet), ...(plan.restoreFills ?? []).map((r) => r.sheet)];
  const missing = book.sheets.map((s) => s.name).filter((n) => !book.details.has(key(n)) && touched.some((t) => sameSheetName(t, n)));
  if (missing.length) {
    const more = await inspectSheets(context, plan, caps, counter, missing, warnings, { list: false });
    for (const [k, d] of more.details) book.details.set(k, d);
  }
  return book;
}

async function listSheets(context: Excel.RequestContext, counter: SyncCounter): Promise<string[]> {
  const sheets = context.workbook.worksheets.load("items/name");
  await counter.sync("listing the sheets");
  const names = sheets.items.map((s) => s.name);
  counter.count(names);
  return names;
}

/** One read-only sync: the sheet list and workbook protection, and the details of `names` (which must exist). */
async function inspectSheets(
  context: Excel.RequestContext,
  plan: Plan,
  caps: ExcelCapabilities,
  counter: SyncCounter,
  names: string[],
  warnings: string[],
  reads: { list?: boolean; selection?: boolean } = {},
): Promise<Book> {
  const wb = context.workbook;
  const withList = reads.list ?? true;
  const evidence = highlightCells(plan) <= EVIDENCE_CELLS;
  if (!evidence) warnings.push(`${highlightCells(plan)} cells are coloured, more than the ${EVIDENCE_CELLS} whose fill is read cell by cell: a cell reported white is recorded as having no fill`);
  const list = withList ? wb.worksheets.load("items/name,items/visibility") : null;
  const protection = withList ? wb.protection.load("protected") : null;
  // Where the user is, to bring them back there should the plan replace that sheet.
  const active = withList ? wb.worksheets.getActiveWorksheet().load("name") : null;
  const selected = withList && (reads.selection ?? true) ? wb.getSelectedRange().load("address") : null;
  const pending = names.map((name) => {
    const ws = wb.worksheets.getItem(name).load("name,id");
    // The marker is somewhere in row 1 (right of everything the sheet uses): row 1's used part.
    const row1 = ws.getRange("1:1").getUsedRangeOrNullObject(true).load("values");
    const prot = ws.protection.load("protected");
    const state = sameSheetName(name, STATE_SHEET) ? ws.getUsedRangeOrNullObject(true).load("values,rowIndex,columnIndex") : null;
    const fills = (plan.highlights ?? []).flatMap((h, index) => (sameSheetName(h.sheet, name) ? [{ index, read: readFills(ws, h.range, caps, evidence) }] : []));
    const restores = restoreRuns(plan.restoreFills ?? [], name).map((run) => ({ run, read: readFills(ws, run, caps) }));
    return { ws, row1, prot, state, fills, restores };
  });
  // The plan's column widths are in the file's unit, which depends on the workbook's font: read
  // what tells it from the first sheet and those read anyway.
  const units = withList && plan.sheets.some((s) => (s.columnWidths ?? []).length > 0) ? queueDigitWidthRead([wb.worksheets.getFirst(), ...pending.map((p) => p.ws)]) : null;
  await counter.sync("checking the workbook before writing");

  const digits = units ? units() : { digitWidth: DEFAULT_DIGIT_WIDTH };
  if (digits.warning) warnings.push(digits.warning);
  const book: Book = {
    sheets: list ? list.items.map((s) => ({ name: s.name, visibility: s.visibility })) : [],
    workbookProtected: protection ? protection.protected : false,
    details: new Map(),
    ...(active ? { active: { sheet: active.name, ...(selected ? { selection: cellsOf(selected.address) } : {}) } } : {}),
    digitWidth: digits.digitWidth,
  };
  counter.count(book.sheets);
  for (const p of pending) {
    const row1 = p.row1.isNullObject ? [] : (p.row1.values[0] ?? []);
    counter.count(row1);
    const detail: SheetDetail = {
      name: p.ws.name,
      id: p.ws.id,
      marked: markerInRow(row1) !== null,
      protected: p.prot.protected,
      fills: new Map(),
      restoreFills: new Map(),
    };
    if (p.state) detail.stateColumn = p.state.isNullObject ? [] : stateColumnOf(p.state.values, p.state.rowIndex, p.state.columnIndex);
    const warn = (why: string) => warnings.push(`the fill of a highlighted cell on "${p.ws.name}" is ${why}`);
    for (const f of p.fills) {
      const read = f.read();
      counter.count(read.raw);
      // Without each cell's own evidence a white report is taken for no fill (see EVIDENCE_CELLS).
      detail.fills.set(f.index, read.props.map((row, i) => row.map((x, j) => recordOf(x, warn, evidence ? read.cellTints?.[i][j] : null))));
    }
    for (const r of p.restores) {
      const read = r.read();
      counter.count(read.raw);
      // What the cell shows now: only compared with the add-in's colour, so nothing to warn about.
      read.props.forEach((line, i) => line.forEach((x, j) => detail.restoreFills.set(cellKey(p.ws.name, a1(r.run.top + i, r.run.left + j)), recordOf(x, () => undefined))));
    }
    book.details.set(key(p.ws.name), detail);
  }
  return book;
}

/** The cell part of an address Excel gives ("'My sheet'!B2:C3" → "B2:C3"; cells never hold "!"). */
function cellsOf(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1);
}

/** The cells to restore on one sheet as vertical runs (answer cells sit in columns), each read at once. */
function restoreRuns(restores: readonly FillRestore[], sheet: string): CellRange[] {
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

function highlightCells(plan: Plan): number {
  return (plan.highlights ?? []).reduce((n, h) => n + (h.range.bottom - h.range.top + 1) * (h.range.right - h.range.left + 1), 0);
}

/** `withEvidence`: also read each cell's own tintAndShade (for recording, not for comparing). */
function readFills(ws: Excel.Worksheet, r: CellRange, caps: ExcelCapabilities, withEvidence = false): () => FillsRead {
  if (caps.cellProperties) {
    const range = ws.getRange(a1Range(r.top, r.left, r.bottom, r.right));
    const props = range.getCellProperties(FILL_PROPS);
    const single = r.top === r.bottom && r.left === r.right;
    const tints = withEvidence ? cellGrid(r, (row, col) => (single ? range : ws.getRange(a1(row, col))).format.fill.load("tintAndShade")) : undefined;
    return () => {
      const cellTints = tints?.map((line) => line.map((f) => f.tintAndShade as number | null));
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

/** Column A of a used range from A1 down, up to the first cell without text. */
function stateColumnOf(values: unknown[][], rowIndex: number, columnIndex: number): string[] {
  const out: string[] = [];
  if (columnIndex !== 0) return out;
  for (let row = 0; ; row++) {
    const v = row < rowIndex ? "" : values[row - rowIndex]?.[0];
    if (typeof v !== "string" || v === "") break;
    out.push(v);
  }
  return out;
}

/** What depends on the workbook, as the xlsx host checks it, plus what Excel itself refuses. */
function workbookProblems(plan: Plan, book: Book): EngineMessage[] {
  const problems: EngineMessage[] = [];
  const internal: string[] = [];
  const detail = (name: string) => book.details.get(key(name));

  const stateName = book.sheets.find((s) => sameSheetName(s.name, STATE_SHEET))?.name;
  const state = checkState(plan, stateName, stateName !== undefined ? (detail(stateName)?.stateColumn ?? []) : []);
  problems.push(...state.problems);

  // The sheets as they will be after each step: lower-case name → whether it is marked, and the add-in's.
  const sheets = new Map<string, { name: string; marked: boolean; ours: boolean; created: boolean }>();
  for (const s of book.sheets) {
    const marked = detail(s.name)?.marked ?? false;
    sheets.set(key(s.name), { name: s.name, marked, ours: marked && state.recorded.has(key(s.name)), created: false });
  }

  for (const name of plan.deleteSheets ?? []) {
    const s = sheets.get(key(name));
    if (!s) problems.push(message("error", "plan-sheet-missing", name, null));
    else if (!s.ours) problems.push(message("error", "plan-not-ours", s.name, null));
    else sheets.delete(key(name));
  }

  for (const p of plan.sheets) {
    const s = sheets.get(key(p.name));
    if (s && !s.ours) {
      if (p.action === "create" || p.marker !== undefined) problems.push(message("error", "plan-company-sheet", s.name, null));
    } else if (s && p.action === "create") {
      problems.push(message("error", "plan-sheet-exists", p.name, null));
    }
    sheets.set(key(p.name), { name: p.name, marked: p.marker !== undefined, ours: p.marker !== undefined, created: true });
  }

  for (const h of plan.highlights ?? []) {
    const s = sheets.get(key(h.sheet));
    if (!s) problems.push(message("error", "plan-sheet-missing", h.sheet, null));
    else if (s.marked || s.created) internal.push(`highlight: sheet "${s.name}" is the add-in's; highlights go on the company's sheets only`);
  }

  // What Excel refuses: writing on a protected sheet, adding or deleting sheets in a protected
  // workbook, deleting its last visible sheet.
  const written = new Set([...(plan.highlights ?? []).map((h) => key(h.sheet)), ...(plan.restoreFills ?? []).map((r) => key(r.sheet))]);
  for (const k of written) {
    const d = book.details.get(k);
    if (d?.protected) problems.push(message("error", "plan-sheet-protected", d.name, null));
  }
  const changesSheets = plan.sheets.length > 0 || (plan.deleteSheets ?? []).length > 0 || (plan.state !== undefined && (typeof plan.state === "object" || stateName !== undefined));
  if (book.workbookProtected && changesSheets) problems.push(message("error", "plan-workbook-protected", null, null));
  const deleted = new Set([
    ...(plan.deleteSheets ?? []).map(key),
    ...plan.sheets.filter((p) => p.action === "replace").map((p) => key(p.name)),
  ]);
  const visibleLeft = book.sheets.filter((s) => s.visibility === "Visible" && !deleted.has(key(s.name))).length;
  if (deleted.size > 0 && visibleLeft === 0 && problems.length === 0) problems.push(message("error", "plan-last-visible-sheet", null, null));
  if (internal.length) problems.push(internalProblem(internal));
  return problems;
}

/** The restores whose cell still carries the colour the add-in gave it; the others reported. */
function allowedRestores(plan: Plan, book: Book): { restores: FillRestore[]; messages: EngineMessage[] } {
  const restores: FillRestore[] = [];
  const skipped: FillRestore[] = [];
  const gone: FillRestore[] = [];
  for (const r of plan.restoreFills ?? []) {
    const d = book.details.get(key(r.sheet));
    if (!d) {
      gone.push(r);
      continue;
    }
    const now = d.restoreFills.get(cellKey(d.name, r.cell));
    if (now !== undefined && carriesExpected(now, r.expect)) restores.push({ ...r, sheet: d.name });
    else skipped.push(r);
  }
  return { restores, messages: skippedRestoreMessages(skipped, gone) };
}

/**
 * The record of every highlighted cell, after the restores, in the xlsx host's order: its fill
 * before (the restored record itself for a cell restored now, else the fill read in the check),
 * the sheet's id, the colour given (the last highlight's), its value as the plan read it.
 */
function recordHighlights(plan: Plan, book: Book, restores: FillRestore[]): RecordedFill[] {
  const restored = new Map(restores.map((r) => [cellKey(r.sheet, r.cell), r.original] as const));
  const recorded = new Map<string, RecordedFill>();
  (plan.highlights ?? []).forEach((h, index) => {
    const d = book.details.get(key(h.sheet))!;
    const fills = d.fills.get(index)!;
    const applied = toArgb(h.fill);
    for (let row = h.range.top; row <= h.range.bottom; row++) {
      for (let col = h.range.left; col <= h.range.right; col++) {
        const address = a1(row, col);
        const k = cellKey(d.name, address);
        const was = recorded.get(k);
        // A cell highlighted twice keeps the fill it had before the first highlight, and the last colour.
        if (was) {
          was.applied = applied;
          continue;
        }
        const original = restored.has(k) ? restored.get(k)! : fills[row - h.range.top][col - h.range.left];
        const value = h.values?.[row - h.range.top]?.[col - h.range.left];
        recorded.set(k, {
          sheet: d.name,
          cell: address,
          original: original === null ? null : structuredClone(original),
          sheetId: { host: "excel", id: d.id },
          applied,
          ...(value !== undefined ? { value } : {}),
        });
      }
    }
  });
  return [...recorded.values()];
}

// ---------------------------------------------------------------------------------------------
// The writes: built first (to know their size), then queued in one batch

class Writer {
  /** The sheets whose rows the batch freezes, last. */
  readonly frozen: string[] = [];
  private steps: (() => void)[] = [];
  private freezes: (() => void)[] = [];
  /** The plan's sheets as the batch creates them, by lower-case name. */
  private created = new Map<string, () => Excel.Worksheet>();
  /** The sheets the batch deletes, by lower-case name. */
  private deleted = new Set<string>();
  private sheetProxies = new Map<string, Excel.Worksheet>();
  /** Sheet names in workbook order as the batch proceeds. */
  private order: string[];
  /** Pixels per character of the workbook's Normal font, for the plan's column widths. */
  private readonly digitWidth: number;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly plan: Plan,
    private readonly book: Book,
    private readonly caps: ExcelCapabilities,
    private readonly warnings: string[],
    /** The restores the check allowed. */
    private readonly allowed: FillRestore[],
  ) {
    this.order = book.sheets.map((s) => s.name);
    this.visibility = new Map(book.sheets.map((s) => [key(s.name), s.visibility]));
    this.digitWidth = book.digitWidth;
  }

  /** Visibility of the sheets that were there before the batch, by lower-case name. */
  private readonly visibility: Map<string, string>;

  /**
   * One write. `payload` names what it sends, for the reader; the size is measured by recording
   * the queued writes as Office.js sends them (requestSize.ts).
   */
  private step(_payload: unknown, run: () => void): void {
    this.steps.push(run);
  }

  get count(): number {
    return this.steps.length;
  }

  /** What every write request starts with. */
  begin(): void {
    this.context.application.suspendApiCalculationUntilNextSync();
  }

  /** Queues write `i`. */
  run(i: number): void {
    this.steps[i]();
  }

  /** Queues writes [from, to) as one request. */
  queue(from = 0, to = this.steps.length): void {
    this.begin();
    for (let i = from; i < to; i++) this.steps[i]();
  }

  /** The existing sheet `name` (one proxy per sheet). */
  private sheet(name: string): Excel.Worksheet {
    const k = key(name);
    let ws = this.sheetProxies.get(k);
    if (!ws) {
      ws = this.context.workbook.worksheets.getItem(name);
      this.sheetProxies.set(k, ws);
    }
    return ws;
  }

  private exists(name: string): string | undefined {
    return this.order.find((n) => sameSheetName(n, name));
  }

  build(highlights: RecordedFill[]): void {
    this.restores();
    for (const name of this.plan.deleteSheets ?? []) this.deleteSheet(this.exists(name)!);
    // The state before the sheets and fills: should Excel stop partway through this batch, the
    // record of what to restore and which sheets are ours is already there for clear.
    this.state(highlights);
    let print = false;
    for (const s of this.plan.sheets) print = this.sheetPlan(s) || print;
    if (print && !this.caps.cellProperties) {
      this.warnings.push("print settings (paper, orientation, fit to width, repeated rows, header and footer) were not set: they need ExcelApi 1.9");
    }
    for (const h of this.plan.highlights ?? []) {
      const actual = this.exists(h.sheet)!;
      const address = a1Range(h.range.top, h.range.left, h.range.bottom, h.range.right);
      const color = hex(h.fill);
      this.step([address, color], () => {
        const fill = this.sheet(actual).getRange(address).format.fill;
        fill.clear();
        fill.color = color;
      });
    }
    this.returnUser();
    for (const f of this.freezes) this.steps.push(f);
  }

  /**
   * Deleting the sheet the user is on sends Excel to a neighbour: when the plan puts that sheet
   * back (a rewrite after a rating, note or plan edit), the user is brought back to it, with the
   * same cells selected.
   */
  private returnUser(): void {
    const active = this.book.active;
    if (!active) return;
    const wasDeleted = this.deleted.has(key(active.sheet));
    const again = this.created.get(key(active.sheet));
    if (!wasDeleted || !again) return;
    const selection = active.selection;
    this.step([active.sheet, selection], () => {
      const ws = again();
      ws.activate();
      if (selection) ws.getRange(selection).select();
    });
  }

  /**
   * Deletes the sheet `actual` (its name as the workbook spells it). Excel refuses to delete a
   * very hidden sheet (office-js issue 365, by design): it is made Hidden first, in the same batch.
   */
  private deleteSheet(actual: string): void {
    const veryHidden = this.visibility.get(key(actual)) === "VeryHidden";
    this.step(actual, () => {
      const ws = this.sheet(actual);
      if (veryHidden) ws.visibility = "Hidden";
      ws.delete();
    });
    this.order = this.order.filter((n) => n !== actual);
    this.deleted.add(key(actual));
  }

  /** Recorded fills put back, cell runs along a row with the same fill set at once. */
  private restores(): void {
    const cells: { sheet: string; row: number; col: number; setting: FillSetting | null; json: string }[] = [];
    for (const r of this.allowed) {
      const actual = this.exists(r.sheet)!;
      const { row, col } = parseA1(r.cell);
      const setting = settingOf(r.original, this.caps.cellProperties, (why) => this.warnings.push(`${actual}!${r.cell}: ${why}`));
      cells.push({ sheet: actual, row, col, setting, json: JSON.stringify(setting) });
    }
    cells.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row || a.col - b.col);
    for (let i = 0; i < cells.length; ) {
      let j = i;
      while (j + 1 < cells.length && cells[j + 1].sheet === cells[i].sheet && cells[j + 1].row === cells[i].row && cells[j + 1].col === cells[j].col + 1 && cells[j + 1].json === cells[i].json) j++;
      const { sheet, row, col, setting } = cells[i];
      const address = a1Range(row, col, row, cells[j].col);
      this.step([address, setting], () => {
        const fill = this.sheet(sheet).getRange(address).format.fill;
        fill.clear();
        if (!setting) return;
        if (setting.pattern !== undefined) fill.pattern = setting.pattern as Excel.FillPattern;
        if (setting.color !== undefined) fill.color = setting.color;
        if (setting.patternColor !== undefined) fill.patternColor = setting.patternColor;
        if (setting.tintAndShade !== undefined) fill.tintAndShade = setting.tintAndShade;
      });
      i = j + 1;
    }
  }

  /** Returns whether the sheet has print settings. */
  private sheetPlan(s: SheetPlan): boolean {
    const wb = this.context.workbook;
    let ws!: Excel.Worksheet;
    const old = s.action === "replace" ? this.exists(s.name) : undefined;
    let at: number | undefined;
    if (old !== undefined) {
      at = this.order.indexOf(old);
      this.deleteSheet(old);
    }
    this.step(s.name, () => (ws = wb.worksheets.add(s.name)));
    this.created.set(key(s.name), () => ws);
    this.order.push(s.name);
    const target = s.position !== undefined ? s.position : at;
    if (target !== undefined) {
      const p = Math.min(target, this.order.length - 1);
      if (p !== this.order.length - 1) this.step(p, () => (ws.position = p));
      this.order.pop();
      this.order.splice(p, 0, s.name);
    }

    if (s.marker !== undefined) {
      const text = markerText(s.marker);
      // Right of everything the sheet uses, in a hidden column.
      const column = columnLetters(markerColumn(s));
      this.step(text, () => {
        ws.getRange(`${column}1`).values = [[textEntry(text)]];
        ws.getRange(`${column}:${column}`).columnHidden = true;
      });
    }
    for (const w of s.columnWidths ?? []) {
      // The plan's widths are in characters (as the file keeps them); Office.js takes points.
      const points = columnPoints(w.width, this.digitWidth);
      this.step(points, () => (ws.getRangeByIndexes(0, w.col, 1, 1).format.columnWidth = points));
    }
    for (const h of s.rowHeights ?? []) {
      // Excel's rows are at most 409 points high (a file asking for more is shown at 409).
      const height = Math.min(h.height, MAX_ROW_HEIGHT);
      if (height < h.height) this.warnings.push(`sheet "${s.name}": row ${h.row + 1} is ${h.height} points high in the plan, more than Excel's ${MAX_ROW_HEIGHT}; set to ${MAX_ROW_HEIGHT}`);
      this.step(height, () => (ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = height));
    }
    for (const b of s.cells) this.block(() => ws, b.top, b.left, b.rows);
    for (const m of s.merges ?? []) {
      const address = a1Range(m.top, m.left, m.bottom, m.right);
      this.step(address, () => ws.getRange(address).merge(false));
    }
    for (const c of s.hiddenColumns ?? []) {
      const column = columnLetters(c);
      this.step(column, () => (ws.getRange(`${column}:${column}`).columnHidden = true));
    }
    for (const v of s.validations ?? []) {
      const address = a1Range(v.range.top, v.range.left, v.range.bottom, v.range.right);
      // DataValidationRule takes one rule: a list (ListDataValidation) or a date (DateTimeDataValidation,
      // formula1 an ISO date) — https://learn.microsoft.com/en-us/javascript/api/excel/excel.datavalidationrule
      const rule: Excel.DataValidationRule = v.date
        ? { date: { formula1: v.date.from, operator: "GreaterThanOrEqualTo" as Excel.DataValidationOperator.greaterThanOrEqualTo } }
        : { list: { inCellDropDown: true, source: Array.isArray(v.list) ? v.list.join(",") : `=${v.list!.formula.replace(/^=/, "")}` } };
      // DataValidationErrorAlert.style: Stop, Warning or Information
      // (https://learn.microsoft.com/en-us/javascript/api/excel/excel.datavalidationalertstyle).
      const style = ALERT_STYLE[v.errorStyle ?? "stop"];
      this.step([address, rule, style, v.prompt, v.error], () => {
        const dv = ws.getRange(address).dataValidation;
        dv.rule = rule;
        dv.errorAlert = { showAlert: true, style, message: v.error ?? "", title: "" };
        if (v.prompt !== undefined) dv.prompt = { showPrompt: true, message: v.prompt, title: "" };
      });
    }
    if (s.freezeRows) {
      const n = s.freezeRows;
      this.freezes.push(() => ws.freezePanes.freezeRows(n));
      this.frozen.push(s.name);
    }
    if (s.print && this.caps.cellProperties) {
      const p = s.print;
      const header = p.header !== undefined ? sections(p.header) : undefined;
      const footer = p.footer !== undefined ? sections(p.footer) : undefined;
      const zoom = p.fitToWidth ? fitToWidthZoom(s) : undefined;
      this.step([p, zoom], () => {
        const layout = ws.pageLayout;
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
      this.step(color, () => (ws.tabColor = color));
    }
    return s.print !== undefined;
  }

  /**
   * One block: its number formats (Text for text, so that it stays text), its values in one
   * 2-D assignment (null leaves a cell alone), its formulas, its formats.
   */
  private block(ws: () => Excel.Worksheet, top: number, left: number, rows: PlanCell[][]): void {
    const height = rows.length;
    const width = Math.max(0, ...rows.map((r) => r.length));
    if (height === 0 || width === 0) return;
    const at = (i: number, j: number): PlanCell => rows[i][j] ?? null;
    const grid = <T>(f: (c: NonNullable<PlanCell>) => T | null): { grid: (T | null)[][]; any: boolean } => {
      let any = false;
      const g = Array.from({ length: height }, (_, i) =>
        Array.from({ length: width }, (_, j) => {
          const c = at(i, j);
          const v = c ? f(c) : null;
          if (v !== null) any = true;
          return v;
        }),
      );
      return { grid: g, any };
    };
    const formats = grid<string>((c) => c.style?.numberFormat ?? null);
    // "" clears the cell (Excel holds no empty text); text Excel would reinterpret gets a quote
    // prefix, unless its cell is Text-formatted (which keeps anything as written).
    // A date is written as the ISO day unprefixed: Excel takes it as typed, a date in the
    // workbook's own date system (1900 or 1904), shown in the cell's date format set just before.
    const values = grid<string | number | boolean>((c) =>
      c.date !== undefined
        ? c.date
        : c.formula !== undefined || c.value === undefined
          ? null
          : c.value === null
            ? ""
            : typeof c.value === "string" && c.style?.numberFormat !== "@"
              ? textEntry(c.value)
              : c.value,
    );
    const formulas = grid<string>((c) => (c.formula !== undefined ? `=${c.formula.replace(/^=/, "")}` : null));
    const address = () => ws().getRangeByIndexes(top, left, height, width);

    if (formats.any) this.step(formats.grid, () => (address().numberFormat = formats.grid as string[][]));
    if (values.any) this.step(values.grid, () => (address().values = values.grid as (string | number | boolean)[][]));
    if (formulas.any) this.step(formulas.grid, () => (address().formulas = formulas.grid as string[][]));

    if (this.caps.cellProperties) {
      const cache = new Map<string, Excel.SettableCellProperties>();
      const props = grid<Excel.SettableCellProperties>((c) => {
        if (!hasFormat(c.style)) return null;
        const k = JSON.stringify(c.style);
        let p = cache.get(k);
        if (!p) cache.set(k, (p = { format: cellFormat(c.style) }));
        return p;
      });
      if (props.any) {
        const settable = props.grid.map((row) => row.map((p) => p ?? {}));
        this.step(settable, () => address().setCellProperties(settable));
      }
    } else {
      for (const { style, rects } of styleRectangles(rows, top, left).values()) {
        const f = cellFormat(style);
        for (const r of rects) {
          const rowsN = r.bottom - r.top + 1;
          const colsN = r.right - r.left + 1;
          this.step([r, f], () => applyFormat(ws().getRangeByIndexes(r.top, r.left, rowsN, colsN), f, rowsN, colsN));
        }
      }
    }
  }

  private state(highlights: RecordedFill[]): void {
    const plan = this.plan;
    if (plan.state === undefined) return;
    const old = this.exists(STATE_SHEET);
    if (old !== undefined) this.deleteSheet(old);
    if (plan.state === "delete" || plan.state === "discard") return;
    const cells = stateCells({ ...plan.state.write, version: STATE_VERSION, highlights });
    const address = `A1:A${cells.length}`;
    const values = cells.map((c) => [textEntry(c)]);
    this.step(values, () => {
      // Appended, so it is the last sheet, after every sheet the company sees.
      const ws = this.context.workbook.worksheets.add(STATE_SHEET);
      ws.getRange(address).values = values;
      ws.visibility = "VeryHidden";
    });
    this.order.push(STATE_SHEET);
  }
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
