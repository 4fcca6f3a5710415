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
 * Not done cell by cell (the full write is used, with the reason): an edit that changes the
 * colours on the company's sheets (those are recorded in the add-in's state so that they can be
 * undone), or which measures the plan has (the state records them too). Adding a measure is
 * always a full write.
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
import type { AddinSheetKind, CellStyle, PlanCell, SheetPlan } from "../plan";
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
import type { CellRange } from "../snapshot";
import { mainDiagnosis } from "./common";
import { highlightsFor } from "./highlights";
import { actionPlanSheet, PLAN_COLS, PLAN_LAYOUT } from "./actionPlanSheet";
import { headlineOf, nextCheckpoint } from "./index";
import { ownerSheet, type OwnerSummaryInput } from "./ownerSheet";
import { PRIORITY_COLS, prioritySheet, priorityLayout } from "./prioritySheet";

/** One edit made in the pane. */
export type PaneEdit =
  | { kind: "rating"; no: ItemNo; key: RatingKey; rating: Rating }
  | { kind: "note"; no: ItemNo; note: string }
  | { kind: "measure"; id: MeasureId; edits: MeasureEdits };

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

/** Cells to read before writing, and what each must hold (undefined: anything). */
export interface RangeCheck {
  sheet: string;
  kind: AddinSheetKind;
  range: CellRange;
  expect: (ReadValue | undefined)[][];
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
}

export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  /** The new content; absent when only the style changes. */
  content?: { value: string | number | boolean | null } | { formula: string } | { date: string };
  style?: StylePatch;
}

export interface TargetedEdit {
  writes: CellWrite[];
  checks: RangeCheck[];
  /** The basis after the edit (what the pane shows, and the next edit starts from). */
  after: EditBasis;
  /** The edit moved ranks, and the priority sheet's rows no longer follow them (the 順位 column is right). */
  unsorted: boolean;
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

/** What rows the plan has, in order, and which make the headline. */
function planShape(plan: ActionPlan): string {
  return JSON.stringify(plan.measures.map((m) => [m.id, m.headline]));
}

/** Which measures the plan has (the state records them): the same set keeps the plan's rows. */
function planMembers(plan: ActionPlan): string {
  return JSON.stringify(plan.measures.map((m) => m.id).sort());
}

type FullWhy = "pane.edit.why.colours" | "pane.edit.why.plan" | "pane.edit.why.add" | "pane.edit.why.sheets" | "pane.edit.why.layout";
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
  const pending: PlanPending = edit.kind === "measure" ? { ...NO_PLAN_EDITS, measures: { [edit.id]: mergeMeasureEdits({}, edit.edits) } } : NO_PLAN_EDITS;
  if (edit.kind === "measure" && !basis.actionPlan.measures.some((m) => m.id === edit.id)) return full("edit-full-wider", "pane.edit.why.add");

  // The colours on the company's sheets are recorded in the state: a change there is a full write.
  if (JSON.stringify(highlightsFor(basis.analysis, basis.priorities)) !== JSON.stringify(highlightsFor(basis.analysis, items))) {
    return full("edit-full-wider", "pane.edit.why.colours");
  }
  // The plan rebuilt from the basis must be the basis's plan, else the cells cannot be told apart.
  const before = rebuildPlan(basis, basis.priorities, NO_PLAN_EDITS);
  const plan = rebuildPlan(basis, items, pending);
  // The same measures in another order are the same rows written again (each checked first, below);
  // another set would change the rows and the state's record of them.
  if (planShape(before) !== planShape(basis.actionPlan) || planMembers(plan) !== planMembers(before)) return full("edit-full-wider", "pane.edit.why.plan");

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
  for (const kind of ["priorities", "actionPlan", "owner"] as const) {
    const name = basis.sheets[kind];
    const was = built(kind, true);
    const now = built(kind, false);
    if (!was || !now || !name) {
      // A sheet the edit would change that the workbook does not hold (deleted since): the full write makes it.
      const touched =
        kind === "priorities"
          ? edit.kind !== "measure"
          : kind === "actionPlan"
            ? edit.kind === "measure"
            : JSON.stringify(owner) !== JSON.stringify(basis.owner);
      if (touched) return full("edit-full-wider", "pane.edit.why.sheets");
      continue;
    }
    // Merges, validations and the like are the layout: an edit that changes them rewrites the sheet.
    if (JSON.stringify(frame(was)) !== JSON.stringify(frame(now))) return full("edit-full-wider", "pane.edit.why.layout");
    const oldCells = cellMap(was);
    const sheetWrites: CellWrite[] = [];
    for (const [key, cell] of cellMap(now)) {
      const prior = oldCells.get(key) ?? null;
      const w = cellWrite(name, key, prior, cell);
      if (w) sheetWrites.push(w);
    }
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
    edit: { writes, checks, unsorted, after: { ...basis, priorities: items, actionPlan: plan, owner } },
  };
}

/** Everything of a sheet plan but its cells and row heights (which the diff and the next full write take care of). */
function frame(s: SheetPlan): unknown {
  return { merges: s.merges, validations: s.validations, hidden: s.hiddenColumns, widths: s.columnWidths };
}

/** The 1900 date system's serial number of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;

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

const PATCH_KEYS = ["bold", "italic", "fill", "fontColor", "fontSize", "wrap", "horizontal", "vertical", "numberFormat"] as const;

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
    else if (y !== undefined) (patch as Record<string, unknown>)[k] = y;
  }
  return Object.keys(patch).length ? patch : undefined;
}

function cellWrite(sheet: string, key: string, was: PlanCell, now: PlanCell): CellWrite | null {
  const [row, col] = key.split(",").map(Number);
  const a = contentOf(was);
  const b = contentOf(now);
  const content = JSON.stringify(a ?? { value: null }) === JSON.stringify(b ?? { value: null }) ? undefined : (b ?? { value: null });
  const style = stylePatch(was?.style, now?.style);
  if (!content && !style) return null;
  return { sheet, row, col, ...(content ? { content } : {}), ...(style ? { style } : {}) };
}

/**
 * What Office.js reads back from a cell the plan wrote this way (a date: its serial number in the
 * 1900 date system, which a workbook in the 1904 system fails, safely: the full write is used);
 * undefined for a formula, whose result Excel computes.
 */
export function readBack(c: PlanCell): ReadValue | undefined {
  if (c === null) return undefined;
  if (c.formula !== undefined) return undefined;
  if (c.date !== undefined) return Date.parse(`${c.date}T00:00:00Z`) / 86_400_000 + UNIX_EPOCH_SERIAL;
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
  const want = new Map<string, ReadValue | undefined>();
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

function sameValue(expected: ReadValue, found: unknown): boolean {
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
          expected: String(expected),
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
