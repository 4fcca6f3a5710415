/**
 * One edit made in the task pane (a rating, a note, a field of a measure) as the few cells it
 * changes on our sheets, instead of writing every sheet again.
 *
 * The rule is general: the sheets the edit can touch (priorities, action plan, owner's page) are
 * built twice by their own builders, from what the pane last read (`EditBasis`) and with the edit,
 * and the cells that differ are the writes. A cell's style is written only where it differs, and
 * then only the properties that differ (a class's fill, a rating's bold), so whatever else the
 * user formatted on our sheets stays.
 *
 * What stays as it is, by choice: the priority sheet's rows are not sorted again (that would
 * rewrite the whole table). The item's row is updated in place and the 順位 column of every row
 * whose rank moved gets its new rank, so the sheet says the truth; the rows are sorted on the next
 * full write (said in the pane). Row heights are kept (the next full write fits them).
 *
 * The action plan's rows are written again where an edit reorders them (a drop, a new priority)
 * or changes its headline six, each row's cells checked first; the owner's page follows.
 *
 * An edit that changes the colours on the company's sheets or which measures the plan holds also
 * changes the add-in's state (which records both, so that they can be undone): the colour changes
 * and the plan's measures are handed to the host (`state`), which reads the state sheet and the
 * changed company cells with the other checks and writes the new state with the cells
 * (core/report/stateEdits.ts decides). Rows entering or leaving the action plan's table take their
 * row heights and the table's dropdowns along (`frames`); a cell leaving it has its format cleared.
 *
 * Before writing, the host reads what the writes rely on (`checks`): each sheet's marker, the
 * header row and the rows' keys (item numbers, measure ids) where the basis says they are, the
 * three ratings of every item (the ranks are computed from them), and the value each written cell
 * holds now. Anything else means the workbook changed since the pane read it, and the full write
 * (which reads everything) is used instead: `checkFailure` says why.
 */
import { markerColumn, markerText } from "../addinState";
import { a1, type CellAddress } from "../address";
import type { Analysis } from "../analyse";
import type { ItemNo } from "../catalog/diagnosis";
import type { Rating } from "../catalog/itemGuidance";
import type { Lang } from "../i18n";
import { message, resourceParam, sheetListParam, type EngineMessage } from "../messages";
import type { AddinSheetKind, CellStyle, PlanCell, SheetPlan, ValidationPlan } from "../plan";
import { toArgb } from "../plan";
import {
  NO_PLAN_EDITS,
  buildActionPlan,
  mergeMeasureEdits,
  type ActionPlan,
  type ActionPlanState,
  type MeasureEdits,
  type MeasureId,
  type PlanPending,
  type PlanSheetRead,
} from "../actionPlan";
import { RATING_KEYS, prioritise, type PriorityEdits, type PriorityItem, type RatingKey } from "../prioritise";
import { serialFromDate, type CellRange } from "../snapshot";
import { mainDiagnosis } from "./common";
import { highlightsFor } from "./highlights";
import { colourChanges, type StateChange } from "./stateEdits";
import { actionPlanSheet, PLAN_COLS, PLAN_LAYOUT } from "./actionPlanSheet";
import { headlineOf, nextCheckpoint } from "./index";
import { ownerSheet, type OwnerSummaryInput } from "./ownerSheet";
import { PRIORITY_COLS, prioritySheet, priorityLayout } from "./prioritySheet";

/** One edit made in the pane. */
export type PaneEdit =
  | { kind: "rating"; no: ItemNo; key: RatingKey; rating: Rating }
  | { kind: "note"; no: ItemNo; note: string }
  | { kind: "measure"; id: MeasureId; edits: MeasureEdits }
  /** A measure added to the plan (an item or regulation by its id, or the expert's own, with its text in `edits`). */
  | { kind: "add"; id: MeasureId; edits?: MeasureEdits };

/** What the pane last read or wrote: enough to build our sheets as they are. */
export interface EditBasis {
  analysis: Analysis;
  lang: Lang;
  /** The name the working sheets' titles carry (the company's, else the file's). */
  workbook: string;
  priorities: PriorityItem[];
  /** The item numbers top to bottom as the priority sheet holds them (rank order after a full write). */
  priorityRows: ItemNo[];
  actionPlan: ActionPlan;
  owner: OwnerSummaryInput;
  /** Our sheets' names now. */
  sheets: Partial<Record<AddinSheetKind, string>>;
}

/** A value as Office.js reads it back: "" for an empty cell; undefined in a check: any value. */
export type ReadValue = string | number | boolean;

/**
 * What a checked cell must hold: a value, or a day the plan wrote, which Excel reads back as its
 * serial number in the workbook's date system (1900, or 1904: 1,462 less), unknown to the pane.
 */
export type Expected = ReadValue | { day: string };

/** Cells to read before writing, and what each must hold (undefined: anything). */
export interface RangeCheck {
  sheet: string;
  kind: AddinSheetKind;
  range: CellRange;
  expect: (Expected | undefined)[][];
  /** The marker, the header and keys (where things are), or values the edit was computed from. */
  what: "marker" | "layout" | "values";
}

/** Style properties to set; null puts one back to Excel's default (no fill, automatic colour). */
export interface StylePatch {
  bold?: boolean;
  italic?: boolean;
  fill?: string | null;
  fontColor?: string | null;
  fontSize?: number;
  wrap?: boolean;
  horizontal?: CellStyle["horizontal"];
  vertical?: CellStyle["vertical"];
  numberFormat?: string;
  /** A thin border on the four sides (a border is never taken away but by `clear`). */
  border?: "thin";
}

export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  /** The new content; absent when only the style changes. */
  content?: { value: string | number | boolean | null } | { formula: string } | { date: string };
  style?: StylePatch;
  /** The cell leaves our table: its formats are cleared (before any style). */
  clear?: true;
}

/** A sheet's dropdowns and row heights that the edit changes (rows entering or leaving a table). */
export interface FrameWrite {
  sheet: string;
  /** Ranges whose validation is removed, before `validations` are set. */
  clearValidations: CellRange[];
  validations: ValidationPlan[];
  rowHeights: { row: number; height: number }[];
}

export interface TargetedEdit {
  writes: CellWrite[];
  checks: RangeCheck[];
  /** The basis after the edit (what the pane shows, and the next edit starts from). */
  after: EditBasis;
  /** The edit moved ranks, and the priority sheet's rows no longer follow them (the 順位 column is right). */
  unsorted: boolean;
  frames: FrameWrite[];
  /** What the edit changes in the add-in's state (company cells' colours, the plan's measures); absent: nothing. */
  state?: StateChange;
}

export type EditOutcome = { kind: "targeted"; edit: TargetedEdit } | { kind: "full"; reason: EngineMessage };

/** The pending edits that give the basis's priorities (the ratings set apart from defaults, the notes). */
function priorityEditsOf(items: PriorityItem[]): PriorityEdits {
  const edits: PriorityEdits = { ratings: {}, notes: {} };
  for (const p of items) {
    if (p.overridden.length) edits.ratings[p.no] = Object.fromEntries(p.overridden.map((k) => [k, p.ratings[k]]));
    if (p.note !== null) edits.notes[p.no] = p.note;
  }
  return edits;
}

/** The plan sheet as the basis's plan would read it back, and the state it was written with. */
function planInputs(plan: ActionPlan): { sheet: PlanSheetRead; state: ActionPlanState } {
  return {
    sheet: { date: plan.date, rows: plan.measures.map((m) => ({ id: m.id, edits: m.edits })) },
    state: { written: plan.measures.map((m) => m.id), added: plan.measures.filter((m) => !m.proposed && m.source.kind !== "own").map((m) => m.id) },
  };
}

function rebuildPlan(basis: EditBasis, items: PriorityItem[], pending: PlanPending): ActionPlan {
  const { sheet, state } = planInputs(basis.actionPlan);
  return buildActionPlan(items, basis.analysis.regulations?.reviews ?? [], basis.lang, basis.actionPlan.date, sheet, state, pending).plan;
}

/** The state's record of the plan's measures changes with the edit (ids, in the sheet's order). */
function planStateChange(before: ActionPlan, after: ActionPlan, pending: PlanPending): StateChange["actionPlan"] {
  const ids = (p: ActionPlan) => p.measures.map((m) => m.id);
  // The state records which measures were written, a set (core/actionPlan.ts): the same ones reordered change nothing there.
  if (JSON.stringify(ids(before).sort()) === JSON.stringify(ids(after).sort())) return undefined;
  const unproposed = after.measures.filter((m) => !m.proposed && m.source.kind !== "own").map((m) => m.id);
  return { before: ids(before), after: ids(after), unproposed, added: pending.added };
}

/** What rows the plan has, in order, and which make the headline. */
function planShape(plan: ActionPlan): string {
  return JSON.stringify(plan.measures.map((m) => [m.id, m.headline]));
}

type FullWhy = "pane.edit.why.sheets" | "pane.edit.why.layout";
const full = (code: "edit-full-wider", what: FullWhy): EditOutcome => ({
  kind: "full",
  reason: message("info", code, null, null, { what: resourceParam(what) }),
});

/** The edit as cell writes, or why the full write is needed. */
export function cellEdits(basis: EditBasis, edit: PaneEdit): EditOutcome {
  const diagnosis = mainDiagnosis(basis.analysis);
  const editsNow = priorityEditsOf(basis.priorities);
  let edits = editsNow;
  if (edit.kind === "rating") {
    edits = { ...editsNow, ratings: { ...editsNow.ratings, [edit.no]: { ...editsNow.ratings[edit.no], [edit.key]: edit.rating } } };
  } else if (edit.kind === "note") {
    const notes = { ...editsNow.notes };
    if (edit.note.trim() === "") delete notes[edit.no];
    else notes[edit.no] = edit.note;
    edits = { ...editsNow, notes };
  }
  const items = prioritise(diagnosis, edits);
  const pending: PlanPending =
    edit.kind === "measure"
      ? { ...NO_PLAN_EDITS, measures: { [edit.id]: mergeMeasureEdits({}, edit.edits) } }
      : edit.kind === "add"
        ? { ...NO_PLAN_EDITS, added: [edit.id], measures: edit.edits ? { [edit.id]: mergeMeasureEdits({}, edit.edits) } : {} }
        : NO_PLAN_EDITS;
  // A field of a measure the plan does not hold (dropped from it since the pane read it): the full write says so.
  if (edit.kind === "measure" && !basis.actionPlan.measures.some((m) => m.id === edit.id)) return full("edit-full-wider", "pane.edit.why.sheets");

  // The plan rebuilt from the basis must be the basis's plan, else the cells cannot be told apart.
  const before = rebuildPlan(basis, basis.priorities, NO_PLAN_EDITS);
  const plan = rebuildPlan(basis, items, pending);
  if (planShape(before) !== planShape(basis.actionPlan)) return full("edit-full-wider", "pane.edit.why.layout");
  // The colours on the company's sheets and the plan's measures are recorded in the state: the host rewrites it.
  const colours = colourChanges(highlightsFor(basis.analysis, basis.priorities), highlightsFor(basis.analysis, items));
  const planChange = planStateChange(before, plan, pending);
  const state: StateChange | undefined = colours.length || planChange ? { colours, ...(planChange ? { actionPlan: planChange } : {}) } : undefined;

  // The priority sheet's rows must be the 25 items, each once (else the basis does not know where they are).
  if (basis.sheets.priorities && (new Set(basis.priorityRows).size !== items.length || basis.priorityRows.length !== items.length))
    return full("edit-full-wider", "pane.edit.why.sheets");
  const byNo = new Map(items.map((p) => [p.no, p]));
  const oldByNo = new Map(basis.priorities.map((p) => [p.no, p]));
  const rows = basis.priorityRows;
  const inRows = (m: Map<ItemNo, PriorityItem>) => rows.map((no) => m.get(no)!);
  const workbook = basis.workbook;
  const owner: OwnerSummaryInput = { ...basis.owner, headline: headlineOf(plan), checkpoint: nextCheckpoint(plan) };
  const built = (kind: AddinSheetKind, old: boolean): SheetPlan | null => {
    const name = basis.sheets[kind];
    if (!name) return null;
    if (kind === "priorities") return prioritySheet(basis.analysis, inRows(old ? oldByNo : byNo), { self: name, workbook }, 0, basis.lang);
    if (kind === "actionPlan") return actionPlanSheet(old ? basis.actionPlan : plan, { self: name, workbook }, 0, basis.lang);
    return ownerSheet(basis.analysis, old ? basis.owner : owner, name, 0, basis.lang).sheet;
  };

  const writes: CellWrite[] = [];
  const checks: RangeCheck[] = [];
  const frames: FrameWrite[] = [];
  for (const kind of ["priorities", "actionPlan", "owner"] as const) {
    const name = basis.sheets[kind];
    const was = built(kind, true);
    const now = built(kind, false);
    if (!was || !now || !name) {
      // A sheet the edit would change that the workbook does not hold (deleted since): the full write makes it.
      const touched =
        kind === "priorities"
          ? edit.kind === "rating" || edit.kind === "note"
          : kind === "actionPlan"
            ? JSON.stringify(plan) !== JSON.stringify(basis.actionPlan)
            : JSON.stringify(owner) !== JSON.stringify(basis.owner);
      if (touched) return full("edit-full-wider", "pane.edit.why.sheets");
      continue;
    }
    // Merges, hidden columns and widths are the layout: an edit that changes them rewrites the sheet.
    if (JSON.stringify(frame(was)) !== JSON.stringify(frame(now))) return full("edit-full-wider", "pane.edit.why.layout");
    const oldCells = cellMap(was);
    const newCells = cellMap(now);
    const sheetWrites: CellWrite[] = [];
    for (const [key, cell] of newCells) {
      const w = cellWrite(name, key, oldCells.get(key) ?? null, cell);
      if (w === "layout") return full("edit-full-wider", "pane.edit.why.layout");
      if (w) sheetWrites.push(w);
    }
    // Cells of the old sheet the new one leaves (rows gone from the table): emptied and unformatted.
    for (const [key, cell] of oldCells) {
      if (newCells.has(key) || cell === null) continue;
      const w = cellWrite(name, key, cell, null);
      if (w === "layout") return full("edit-full-wider", "pane.edit.why.layout");
      if (w) sheetWrites.push(w);
    }
    const frameWrite = frameChange(name, was, now);
    if (frameWrite) frames.push(frameWrite);
    if (!sheetWrites.length) continue;
    writes.push(...sheetWrites);
    checks.push(markerCheck(name, kind, was));
    checks.push(layoutCheck(name, kind, oldCells, sheetWrites, basis));
  }
  // Said when this edit moved ranks and the rows no longer follow them (not again on every later edit).
  const moved = basis.priorities.some((p) => byNo.get(p.no)!.rank !== p.rank);
  const unsorted = moved && rows.some((no, i) => byNo.get(no)!.rank !== i + 1);
  return {
    kind: "targeted",
    edit: { writes, checks, unsorted, frames, ...(state ? { state } : {}), after: { ...basis, priorities: items, actionPlan: plan, owner } },
  };
}

/** Everything of a sheet plan but its cells, row heights and validations (which an edit writes where they change). */
function frame(s: SheetPlan): unknown {
  return { merges: s.merges, hidden: s.hiddenColumns, widths: s.columnWidths };
}

/**
 * The validations and row heights that differ: a changed validation is cleared over its old range
 * and set over its new one; a row's height is written where the new sheet's differs (a row that
 * leaves the sheet keeps its height, as an emptied row does in Excel).
 */
function frameChange(sheet: string, was: SheetPlan, now: SheetPlan): FrameWrite | null {
  const json = (v: ValidationPlan) => JSON.stringify(v);
  const old = new Set((was.validations ?? []).map(json));
  const kept = new Set((now.validations ?? []).map(json));
  const clearValidations = (was.validations ?? []).filter((v) => !kept.has(json(v))).map((v) => v.range);
  const validations = (now.validations ?? []).filter((v) => !old.has(json(v)));
  const heights = new Map((was.rowHeights ?? []).map((h) => [h.row, h.height]));
  const rowHeights = (now.rowHeights ?? []).filter((h) => heights.get(h.row) !== h.height);
  if (!clearValidations.length && !validations.length && !rowHeights.length) return null;
  return { sheet, clearValidations, validations, rowHeights };
}

const keyOf = (row: number, col: number) => `${row},${col}`;

function cellMap(s: SheetPlan): Map<string, PlanCell> {
  const out = new Map<string, PlanCell>();
  for (const b of s.cells) b.rows.forEach((r, i) => r.forEach((c, j) => out.set(keyOf(b.top + i, b.left + j), c)));
  return out;
}

function contentOf(c: PlanCell): CellWrite["content"] | undefined {
  if (c === null) return undefined;
  if (c.formula !== undefined) return { formula: c.formula };
  if (c.date !== undefined) return { date: c.date };
  if (c.value !== undefined) return { value: c.value };
  return undefined;
}

const PATCH_KEYS = ["bold", "italic", "fill", "fontColor", "fontSize", "wrap", "horizontal", "vertical", "numberFormat", "border"] as const;

/** The style properties that differ, each set to the new value or back to the default. */
export function stylePatch(was: CellStyle | undefined, now: CellStyle | undefined): StylePatch | undefined {
  const patch: StylePatch = {};
  const a = was ?? {};
  const b = now ?? {};
  for (const k of PATCH_KEYS) {
    const x = a[k];
    const y = b[k];
    const same = k === "fill" || k === "fontColor" ? (x === undefined ? null : toArgb(String(x))) === (y === undefined ? null : toArgb(String(y))) : x === y;
    if (same) continue;
    if (k === "fill" || k === "fontColor") patch[k] = y === undefined ? null : (y as string);
    else if (k === "bold" || k === "italic") patch[k] = (y as boolean | undefined) ?? false;
    // A border taken away is not a patch: only clearing the cell's formats does that (cellWrite).
    else if (k === "border") {
      if (y === "thin") patch.border = "thin";
    } else if (y !== undefined) (patch as Record<string, unknown>)[k] = y;
  }
  return Object.keys(patch).length ? patch : undefined;
}

/** The write that turns one cell into the other; "layout" when that takes more than a cell write (a border taken away from a cell that stays formatted). */
function cellWrite(sheet: string, key: string, was: PlanCell, now: PlanCell): CellWrite | "layout" | null {
  const [row, col] = key.split(",").map(Number);
  const a = contentOf(was);
  const b = contentOf(now);
  const content = JSON.stringify(a ?? { value: null }) === JSON.stringify(b ?? { value: null }) ? undefined : (b ?? { value: null });
  const hadStyle = was?.style !== undefined && Object.keys(was.style).length > 0;
  const hasStyle = now?.style !== undefined && Object.keys(now.style).length > 0;
  // A cell that leaves our layout: its formats go (the border with them), then it is as Excel's default.
  if (hadStyle && !hasStyle) return { sheet, row, col, ...(content ? { content } : {}), clear: true };
  if (was?.style?.border === "thin" && now?.style?.border !== "thin") return "layout";
  const style = stylePatch(was?.style, now?.style);
  if (!content && !style) return null;
  return { sheet, row, col, ...(content ? { content } : {}), ...(style ? { style } : {}) };
}

/** What Office.js reads back from a cell the plan wrote this way; undefined for a formula, whose result Excel computes. */
export function readBack(c: PlanCell): Expected | undefined {
  if (c === null) return undefined;
  if (c.formula !== undefined) return undefined;
  if (c.date !== undefined) return { day: c.date };
  if (c.value === undefined || c.value === null) return "";
  return c.value;
}

function markerCheck(sheet: string, kind: AddinSheetKind, was: SheetPlan): RangeCheck {
  const col = markerColumn(was);
  return { sheet, kind, range: { top: 0, left: col, bottom: 0, right: col }, expect: [[markerText(kind)]], what: "marker" };
}

/**
 * The rows and columns the writes rely on, as one rectangle: the header row and each row's key
 * (item number, measure id) where the basis has them, every item's three ratings (the ranks come
 * from them), and each written cell's value now.
 */
function layoutCheck(sheet: string, kind: AddinSheetKind, cells: Map<string, PlanCell>, writes: CellWrite[], basis: EditBasis): RangeCheck {
  const want = new Map<string, Expected | undefined>();
  const expectCell = (row: number, col: number) => want.set(keyOf(row, col), readBack(cells.get(keyOf(row, col)) ?? null));
  if (kind === "priorities") {
    const L = priorityLayout();
    for (const col of Object.values(PRIORITY_COLS)) expectCell(L.headerRow, col);
    basis.priorityRows.forEach((_, i) => {
      expectCell(L.firstRow + i, PRIORITY_COLS.no);
      for (const k of RATING_KEYS) expectCell(L.firstRow + i, PRIORITY_COLS[k]);
    });
  } else if (kind === "actionPlan") {
    const L = PLAN_LAYOUT;
    for (const col of Object.values(PLAN_COLS)) expectCell(L.header, col);
    basis.actionPlan.measures.forEach((_, i) => expectCell(L.firstRow + i, PLAN_COLS.id));
  }
  for (const w of writes) if (!want.has(keyOf(w.row, w.col))) expectCell(w.row, w.col);
  const at = [...want.keys()].map((k) => k.split(",").map(Number));
  const range = {
    top: Math.min(...at.map(([r]) => r)),
    left: Math.min(...at.map(([, c]) => c)),
    bottom: Math.max(...at.map(([r]) => r)),
    right: Math.max(...at.map(([, c]) => c)),
  };
  const expect = Array.from({ length: range.bottom - range.top + 1 }, (_, i) =>
    Array.from({ length: range.right - range.left + 1 }, (_, j) => want.get(keyOf(range.top + i, range.left + j))),
  );
  return { sheet, kind, range, expect, what: kind === "owner" ? "values" : "layout" };
}

function sameValue(expected: Expected, found: unknown): boolean {
  if (typeof expected === "object") {
    const day = new Date(`${expected.day}T00:00:00Z`);
    // Either date system: the workbook's is not known to the pane, and both read the day back.
    return typeof found === "number" && [false, true].some((date1904) => Math.abs(found - serialFromDate(day, date1904)) < 1e-9);
  }
  if (typeof expected === "number" && typeof found === "number") return Math.abs(expected - found) < 1e-9;
  const empty = (v: unknown) => v === "" || v === null || v === undefined;
  if (empty(expected) && empty(found)) return true;
  return expected === found;
}

/**
 * Why the targeted write cannot be done on the workbook as the host read it (null: it can):
 * `read` holds, per check, its sheet's presence and the values read (rows × columns).
 */
export function checkFailure(checks: RangeCheck[], read: ({ values: unknown[][] } | "missing" | "protected")[]): EngineMessage | null {
  for (const [i, c] of checks.entries()) {
    const r = read[i];
    if (r === "missing") return sheetGone([c.sheet]);
    if (r === "protected") return message("warning", "edit-full-protected", c.sheet, null, {});
    for (const [y, row] of c.expect.entries()) {
      for (const [x, expected] of row.entries()) {
        if (expected === undefined) continue;
        const found = r.values[y]?.[x];
        if (sameValue(expected, found)) continue;
        const cell: CellAddress = a1(c.range.top + y, c.range.left + x);
        if (c.what === "marker") return message("warning", "edit-full-marker", c.sheet, null, {});
        return message("warning", "edit-full-moved", c.sheet, cell, {
          expected: typeof expected === "object" ? expected.day : String(expected),
          found: found === undefined || found === null ? "" : String(found),
        });
      }
    }
  }
  return null;
}

/** One of these sheets is gone (renamed or deleted). */
export function sheetGone(sheets: readonly string[]): EngineMessage {
  return message("warning", "edit-full-sheet-gone", null, null, { sheets: sheetListParam([...new Set(sheets)]) });
}

/** The sheet's name per kind among ours. */
export function sheetsByKind(ours: readonly { name: string; kind: AddinSheetKind }[]): Partial<Record<AddinSheetKind, string>> {
  return Object.fromEntries(ours.map((s) => [s.kind, s.name]));
}
