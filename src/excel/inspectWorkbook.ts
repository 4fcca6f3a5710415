/// <reference types="office-js" />
/**
 * The Office.js host's check before it writes (./applyPlan.ts): one read-only sync of what the
 * workbook holds for the plan (the sheets with their ids and visibility, row 1 of every sheet the
 * plan touches (where the marker is), the state sheet's column A, protection, the fills of the
 * cells the plan highlights or restores (./highlights.ts), the sheet and cells the user is on;
 * when the plan sets column widths, a default column's width, ./columnUnits.ts). A sheet the plan
 * expects may be gone or an unexpected one there (the workbook changed since it was read): then
 * one or two more read-only syncs find out, and the check runs on what is really there. What the
 * workbook's state refuses is decided in core (core/workbookCheck.ts) over `workbookView`.
 */
import { a1, cellKey, cellsOfAddress } from "../core/address";
import { STATE_SHEET, markerInRow, sameSheetName } from "../core/addinState";
import type { Plan } from "../core/plan";
import type { WorkbookView } from "../core/workbookCheck";
import { sheetKey as key, type Book, type SheetDetail } from "./book";
import { companyCellSheets } from "./companyCells";
import type { ExcelCapabilities } from "./capabilities";
import { DEFAULT_DIGIT_WIDTH, queueDigitWidthRead } from "./columnUnits";
import { ExcelHostError, type SyncCounter } from "./errors";
import { recordOf } from "./fills";
import { EVIDENCE_CELLS, highlightCells, readFills, restoreRuns } from "./highlights";

/** Sheets the plan expects to exist: it deletes, restores, highlights, or replaces the state. */
function expectedSheets(plan: Plan): string[] {
  const names = [
    ...(plan.deleteSheets ?? []),
    ...(plan.highlights ?? []).map((h) => h.sheet),
    ...(plan.restoreFills ?? []).map((r) => r.sheet),
    ...companyCellSheets(plan),
  ];
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
  return e.code === "InvalidSelection" || /getSelectedRange/.test(e.location ?? "");
}

export async function inspect(context: Excel.RequestContext, plan: Plan, caps: ExcelCapabilities, counter: SyncCounter, warnings: string[]): Promise<Book> {
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
  const touched = [
    STATE_SHEET,
    ...(plan.deleteSheets ?? []),
    ...plan.sheets.map((s) => s.name),
    ...(plan.highlights ?? []).map((h) => h.sheet),
    ...(plan.restoreFills ?? []).map((r) => r.sheet),
  ];
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
  if (!evidence)
    warnings.push(
      `${highlightCells(plan)} cells are coloured, more than the ${EVIDENCE_CELLS} whose fill is read cell by cell: a cell reported white is recorded as having no fill`,
    );
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
    const fills = (plan.highlights ?? []).flatMap((h, index) =>
      sameSheetName(h.sheet, name) ? [{ index, read: readFills(ws, h.range, caps, evidence) }] : [],
    );
    const restores = restoreRuns(plan.restoreFills ?? [], name).map((run) => ({ run, read: readFills(ws, run, caps) }));
    return { ws, row1, prot, state, fills, restores };
  });
  // The plan's column widths are in the file's unit, which depends on the workbook's font: read
  // what tells it from the first sheet and those read anyway.
  const units =
    withList && plan.sheets.some((s) => (s.columnWidths ?? []).length > 0)
      ? queueDigitWidthRead([wb.worksheets.getFirst(), ...pending.map((p) => p.ws)])
      : null;
  await counter.sync("checking the workbook before writing");

  const digits = units ? units() : { digitWidth: DEFAULT_DIGIT_WIDTH };
  if (digits.warning) warnings.push(digits.warning);
  const book: Book = {
    sheets: list ? list.items.map((s) => ({ name: s.name, visibility: s.visibility })) : [],
    workbookProtected: protection ? protection.protected : false,
    details: new Map(),
    ...(active ? { active: { sheet: active.name, ...(selected ? { selection: cellsOfAddress(selected.address) } : {}) } } : {}),
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
      detail.fills.set(
        f.index,
        read.props.map((row, i) => row.map((x, j) => recordOf(x, warn, evidence ? read.cellTints?.[i][j] : null))),
      );
    }
    for (const r of p.restores) {
      const read = r.read();
      counter.count(read.raw);
      // What the cell shows now: only compared with the add-in's colour, so nothing to warn about.
      read.props.forEach((line, i) =>
        line.forEach((x, j) =>
          detail.restoreFills.set(
            cellKey(p.ws.name, a1(r.run.top + i, r.run.left + j)),
            recordOf(x, () => undefined),
          ),
        ),
      );
    }
    book.details.set(key(p.ws.name), detail);
  }
  return book;
}

/** Column A of a used range from A1 down, up to the first cell without text. */
export function stateColumnOf(values: unknown[][], rowIndex: number, columnIndex: number): string[] {
  const out: string[] = [];
  if (columnIndex !== 0) return out;
  for (let row = 0; ; row++) {
    const v = row < rowIndex ? "" : values[row - rowIndex]?.[0];
    if (typeof v !== "string" || v === "") break;
    out.push(v);
  }
  return out;
}

/** What the workbook check (core/workbookCheck.ts) needs, from what the check read. */
export function workbookView(book: Book): WorkbookView {
  const detail = (name: string) => book.details.get(key(name));
  const stateName = book.sheets.find((s) => sameSheetName(s.name, STATE_SHEET))?.name;
  return {
    sheets: book.sheets.map((s) => ({
      name: s.name,
      visible: s.visibility === "Visible",
      marked: detail(s.name)?.marked ?? false,
      protected: detail(s.name)?.protected,
    })),
    stateColumn: stateName !== undefined ? (detail(stateName)?.stateColumn ?? []) : [],
    workbookProtected: book.workbookProtected,
    lastVisible: "batch",
  };
}
