/**
 * An edit that changes what the add-in's state records (the colours on the company's sheets, the
 * action plan's measures) written cell by cell: the colour changes the edit makes on the company's
 * cells, and, once the host has read the state sheet and those cells, the new state and the fills
 * to set. Both hosts decide with these functions; they only read and write.
 *
 * The rule for a company cell is the full write's, for the one cell: a colour goes only where the
 * cell still carries the colour the add-in gave it, and its recorded fill goes back; a cell
 * coloured for the first time has its fill now recorded first. Anything that differs from what
 * the pane last read (the state names other colours, a cell recoloured by someone since, a damaged
 * state) refuses the targeted write, and the full write, which reads everything, is used.
 */
import { a1, cellKey, type CellAddress } from "../address";
import { StateDamagedError, stateCells, stateFromColumn } from "../addinState";
import { message, type EngineMessage } from "../messages";
import { STATE_SHEET, STATE_VERSION, toArgb, type FillRecord, type Highlight, type RecordedFill, type StateData } from "../plan";
import { carriesExpected } from "../restore";
import type { CellValue, SheetId } from "../snapshot";
import type { ActionPlanState } from "../actionPlan";

/** A company cell whose colour the edit changes (ARGB; null: not coloured by the add-in). */
export interface ColourChange {
  sheet: string;
  row: number;
  col: number;
  from: string | null;
  to: string | null;
}

/** What the edit changes in the state (present only when it changes something there). */
export interface StateChange {
  colours: ColourChange[];
  /**
   * The action plan's measures (ids in the sheet's order) before, as the pane read them, and after
   * the edit; `unproposed`: those after it that no priority proposes (the state's "added" are
   * among them, as the full write records them); `added`: the ids this edit adds. Absent: unchanged.
   */
  actionPlan?: { before: string[]; after: string[]; unproposed: string[]; added: string[] };
}

/** Each highlighted cell's colour (ARGB) by sheet and cell. */
function colourMap(highlights: readonly Highlight[]): Map<string, { sheet: string; row: number; col: number; fill: string }> {
  const out = new Map<string, { sheet: string; row: number; col: number; fill: string }>();
  for (const h of highlights) {
    for (let row = h.range.top; row <= h.range.bottom; row++)
      for (let col = h.range.left; col <= h.range.right; col++) out.set(cellKey(h.sheet, a1(row, col)), { sheet: h.sheet, row, col, fill: toArgb(h.fill) });
  }
  return out;
}

/** The company cells whose colour differs between two sets of highlights. */
export function colourChanges(before: readonly Highlight[], after: readonly Highlight[]): ColourChange[] {
  const was = colourMap(before);
  const now = colourMap(after);
  const out: ColourChange[] = [];
  for (const [k, c] of now) {
    const from = was.get(k)?.fill ?? null;
    if (from !== c.fill) out.push({ sheet: c.sheet, row: c.row, col: c.col, from, to: c.fill });
  }
  for (const [k, c] of was) if (!now.has(k)) out.push({ sheet: c.sheet, row: c.row, col: c.col, from: c.fill, to: null });
  return out;
}

/** What the host read of one changed cell. */
export interface ColourRead {
  /** The sheet as the workbook spells it, and its id in this host. */
  sheet: string;
  sheetId: SheetId;
  /** Its fill now (for the colour check; for a cell coloured for the first time, what is recorded). */
  fill: FillRecord;
  /** Its value now, recorded with a new record (to find the cell again after rows are inserted). */
  value?: CellValue;
}

/** A fill the host sets on a company cell: a colour, or a recorded fill put back. */
export type FillWrite = { sheet: string; row: number; col: number } & ({ colour: string } | { restore: FillRecord });

export interface StateEdit {
  /** The state sheet's column A from A1 down (the marker, then the JSON's chunks). */
  cells: string[];
  /** How many cells of column A held the state before: those below `cells` are cleared. */
  clearFrom: number;
  clearTo: number;
  fills: FillWrite[];
}

/**
 * The state after the edit and the fills to set, from the state sheet's column A as read and each
 * changed cell's read (in `change.colours`' order); or why the targeted write cannot be done.
 * `stateSheet`: the state sheet as the workbook spells it (undefined: there is none).
 */
export function editedState(
  change: StateChange,
  stateSheet: string | undefined,
  column: readonly unknown[],
  reads: readonly ColourRead[],
): { edit: StateEdit; refused: null } | { edit: null; refused: EngineMessage } {
  // The record differs from what the pane read: where (a company cell, or the record itself) is said.
  const refuse = (sheet: string | null = null, cell: CellAddress | null = null) => ({
    edit: null,
    refused: cell ? message("warning", "edit-full-colour", sheet, cell) : message("warning", "edit-full-state", sheet ?? stateSheet ?? STATE_SHEET, null),
  });
  if (stateSheet === undefined) return refuse();
  let state: StateData | null;
  try {
    state = stateFromColumn(column, stateSheet);
  } catch (e) {
    // The full write says what is wrong with it (invalid-addin-state).
    if (e instanceof StateDamagedError) return refuse();
    throw e;
  }
  if (!state) return refuse();

  if (change.actionPlan) {
    const recorded = state.actionPlan;
    if (!recorded || !sameList(recorded.written, change.actionPlan.before)) return refuse();
  }

  const highlights = state.highlights.map((h) => ({ ...h }));
  const at = new Map(highlights.map((h, i) => [cellKey(h.sheet, h.cell), i]));
  const dropped = new Set<number>();
  const fills: FillWrite[] = [];
  for (const [i, c] of change.colours.entries()) {
    const read = reads[i];
    const cell = a1(c.row, c.col);
    const index = at.get(cellKey(c.sheet, cell));
    const record = index === undefined ? undefined : highlights[index];
    const where = { sheet: read.sheet, row: c.row, col: c.col };
    if (c.from === null) {
      // A cell the pane believes uncoloured must not be in the record (else it was coloured since).
      if (record) return refuse(read.sheet, cell);
    } else {
      // Not recorded with the colour the pane read, or recoloured by someone since: the full write's
      // rules (a restore skipped and said) apply.
      if (!record || (record.applied !== undefined && toArgb(record.applied) !== c.from) || !carriesExpected(read.fill, [c.from]))
        return refuse(read.sheet, cell);
    }
    if (c.to === null) {
      fills.push({ ...where, restore: record!.original });
      dropped.add(index!);
    } else if (record) {
      fills.push({ ...where, colour: c.to });
      record.applied = c.to;
    } else {
      fills.push({ ...where, colour: c.to });
      const added: RecordedFill = {
        sheet: read.sheet,
        cell,
        original: read.fill === null ? null : structuredClone(read.fill),
        sheetId: { ...read.sheetId },
        applied: c.to,
        ...(read.value !== undefined ? { value: read.value } : {}),
      };
      at.set(cellKey(c.sheet, cell), highlights.push(added) - 1);
    }
  }
  const next: StateData = {
    ...state,
    version: STATE_VERSION,
    highlights: highlights.filter((_, i) => !dropped.has(i)),
    ...(change.actionPlan ? { actionPlan: planState(change.actionPlan, state.actionPlan!) } : {}),
  };
  const cells = stateCells(next);
  const before = column.findIndex((v) => typeof v !== "string");
  const used = before === -1 ? column.length : before;
  return { edit: { cells, clearFrom: cells.length, clearTo: Math.max(cells.length, used), fills }, refused: null };
}

/** The plan's record after the edit, as the full write would make it (core/actionPlan.ts buildActionPlan). */
function planState(change: NonNullable<StateChange["actionPlan"]>, recorded: ActionPlanState): ActionPlanState {
  const added = new Set([...recorded.added, ...change.added]);
  return { written: [...change.after], added: change.unproposed.filter((id) => added.has(id)) };
}

/** The same ids, in any order (the state's list of written measures is a set). */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((x) => set.has(x));
}
