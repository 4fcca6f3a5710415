/**
 * Where the cells the add-in coloured last time are now, so that their own fills go back on the
 * right cells after the company inserted rows or columns or renamed a sheet.
 *
 * The state records, for every highlighted cell, its sheet (name and the host's sheet id), its
 * address, its value then and the colour the add-in gave it (state version 2). Per sheet:
 * - the sheet is found by its id when the state and the workbook come from the same host (the
 *   two hosts' ids are not comparable), else by its name; not found → nothing is restored there
 *   and a message says so;
 * - the cells are found by their values: the shift (rows, columns) under which most recorded
 *   values are found again, (0, 0) when it does as well; a move needs a majority of the recorded
 *   values behind it, and a second shift (rows inserted in the middle of the table) at least two
 *   cells. A cell whose value was edited or blank takes the shift of its nearest found neighbour.
 *   Nothing found anywhere (every answer changed) means nothing moved. When two moves explain the
 *   values equally well, nothing is restored there and a message says so.
 * The host then restores a cell only if its fill now is still the colour the add-in gave it
 * (FillRestore.expect): a cell someone recoloured since is left alone and reported.
 *
 * A state of version 1 records neither values nor ids nor colours: its cells are restored where
 * they were recorded, only where they still carry one of the add-in's highlight colours, and an
 * info message says that moved cells cannot be followed.
 */
import { a1, parseA1 } from "./address";
import { STATE_SHEET, cellList, markedSheets, sameSheetName } from "./addinState";
import type { ListParam, ParamValue } from "./i18n";
import { message, resourceParam, type EngineMessage } from "./messages";
import { MAX_COLUMNS, MAX_ROWS, toArgb, type CellRef, type FillRecord, type FillRestore, type RecordedFill, type StateData } from "./plan";
import { REPORT_COLORS } from "./report/sheet";
import { cellAt, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";

/** Every colour a version of the add-in has highlighted with (ARGB): what a version-1 record expects. */
export const ADDIN_HIGHLIGHT_ARGB: readonly string[] = [REPORT_COLORS.focus, REPORT_COLORS.next, REPORT_COLORS.absent].map(toArgb);

export interface PlannedRestores {
  restoreFills: FillRestore[];
  unrestored: CellRef[];
  messages: EngineMessage[];
}

/** The restores of a plan that undoes the run `state` records, over the workbook as it is now. */
export function planRestores(snapshot: WorkbookSnapshot, state: StateData | null): PlannedRestores {
  const out: PlannedRestores = { restoreFills: [], unrestored: [], messages: [] };
  if (!state || state.highlights.length === 0) return out;
  if (state.version === 1) out.messages.push(message("info", "state-old-version", STATE_SHEET, null));
  const marked = new Set(markedSheets(snapshot).map((s) => s.name));

  // The records of one sheet (one run writes them all with the same sheet name and id).
  const groups = new Map<string, RecordedFill[]>();
  for (const h of state.highlights) {
    const k = `${h.sheetId ? `${h.sheetId.host}:${h.sheetId.id}` : ""}\u0000${h.sheet.toLowerCase()}`;
    const g = groups.get(k);
    if (g) g.push(h);
    else groups.set(k, [h]);
  }

  for (const records of groups.values()) {
    const first = records[0];
    const sheet = locate(snapshot, first, marked);
    const lost = (rs: RecordedFill[]) => out.unrestored.push(...rs.map((r) => ({ sheet: r.sheet, cell: r.cell })));
    if (!sheet) {
      lost(records);
      out.messages.push(message("warning", "restore-sheet-missing", first.sheet, null, { count: records.length, cells: cellList(records, false) }));
      continue;
    }
    if (!sameSheetName(sheet.name, first.sheet)) out.messages.push(message("info", "restore-renamed", sheet.name, null, { was: first.sheet }));

    const placed = place(sheet, records);
    if (placed === null) {
      lost(records);
      out.messages.push(message("warning", "restore-not-found", sheet.name, null, { count: records.length, cells: cellList(records, false) }));
      continue;
    }
    const taken = new Set<string>();
    const notFound: RecordedFill[] = [];
    const moved = new Map<string, number>();
    records.forEach((r, i) => {
      const at = placed[i];
      const target = at.row >= 0 && at.col >= 0 && at.row < MAX_ROWS && at.col < MAX_COLUMNS ? a1(at.row, at.col) : null;
      if (target === null || taken.has(target)) {
        notFound.push(r);
        return;
      }
      taken.add(target);
      const here = { sheet: sheet.name, cell: target };
      const same = sameSheetName(here.sheet, r.sheet) && here.cell === r.cell.replace(/\$/g, "").toUpperCase();
      out.restoreFills.push({
        ...here,
        original: r.original === null ? null : (structuredClone(r.original) as FillRecord),
        expect: r.applied ? [r.applied.toUpperCase()] : [...ADDIN_HIGHLIGHT_ARGB],
        ...(same ? {} : { recorded: { sheet: r.sheet, cell: r.cell } }),
      });
      if (at.dr !== 0 || at.dc !== 0) {
        const k = `${at.dr},${at.dc}`;
        moved.set(k, (moved.get(k) ?? 0) + 1);
      }
    });
    for (const [k, count] of moved) {
      const [rows, columns] = k.split(",").map(Number);
      out.messages.push(message("info", "restore-moved", sheet.name, null, { count, shift: shiftParam(rows, columns) }));
    }
    if (notFound.length) {
      lost(notFound);
      out.messages.push(message("warning", "restore-not-found", sheet.name, null, { count: notFound.length, cells: cellList(notFound, false) }));
    }
  }
  return out;
}

/** The sheet the records were made on: by id when comparable and present, else by name; never a marked sheet. */
function locate(snapshot: WorkbookSnapshot, r: RecordedFill, marked: Set<string>): SheetSnapshot | null {
  const company = snapshot.sheets.filter((s) => !marked.has(s.name) && !sameSheetName(s.name, STATE_SHEET));
  const id = r.sheetId;
  if (id) {
    const byId = company.find((s) => s.id?.host === id.host && s.id.id === id.id);
    if (byId) return byId;
  }
  // Ids need not survive every save (Office.js promises them within a workbook only): the name,
  // checked by the values and the colours, is the fallback.
  return company.find((s) => sameSheetName(s.name, r.sheet)) ?? null;
}

/** A value found more often than this on a sheet is looked for only near where it was: NEAR_ROWS, NEAR_COLUMNS. */
const OFTEN = 256;
const NEAR_ROWS = 64;
const NEAR_COLUMNS = 16;

interface Placed {
  row: number;
  col: number;
  dr: number;
  dc: number;
}

interface Shift {
  dr: number;
  dc: number;
  members: number[];
}

/** A value as a key for comparing (formula results, numbers, text, booleans, errors, dates). */
function valueKey(v: CellValue | undefined): string | null {
  if (v === undefined || v === null || v === "") return null;
  return JSON.stringify(v);
}

/**
 * Where each record is now on `sheet`: its address moved by the shift of its group; null for the
 * whole sheet when the values point two ways at once.
 */
function place(sheet: SheetSnapshot, records: RecordedFill[]): Placed[] | null {
  const pos = records.map((r) => parseA1(r.cell));
  const keys = records.map((r) => valueKey(r.value));
  const valued = records.map((_, i) => i).filter((i) => keys[i] !== null);

  // Where each recorded value occurs on the sheet now (by row too, for values found very often).
  const wanted = new Set(valued.map((i) => keys[i]!));
  const where = new Map<string, { row: number; col: number }[]>();
  const byRow = new Map<string, Map<number, number[]>>();
  sheet.values.forEach((line, i) =>
    line.forEach((v, j) => {
      const k = valueKey(v);
      if (k === null || !wanted.has(k)) return;
      const p = { row: sheet.top + i, col: sheet.left + j };
      const list = where.get(k);
      if (list) list.push(p);
      else where.set(k, [p]);
      let rows = byRow.get(k);
      if (!rows) byRow.set(k, (rows = new Map()));
      const cols = rows.get(p.row);
      if (cols) cols.push(p.col);
      else rows.set(p.row, [p.col]);
    }),
  );
  /** Where a record's value is now: anywhere; for a value found very often, near where it was (bounded work). */
  const candidates = (i: number): { row: number; col: number }[] => {
    const list = where.get(keys[i]!) ?? [];
    if (list.length <= OFTEN) return list;
    const out: { row: number; col: number }[] = [];
    const rows = byRow.get(keys[i]!)!;
    for (let dr = -NEAR_ROWS; dr <= NEAR_ROWS; dr++) {
      for (const col of rows.get(pos[i].row + dr) ?? []) if (Math.abs(col - pos[i].col) <= NEAR_COLUMNS) out.push({ row: pos[i].row + dr, col });
    }
    return out;
  };

  // The valued records in reading order: a later move must explain a run of them (the rows below
  // an insertion), not cells scattered among those that stayed (edited answers that happen to
  // equal a value elsewhere).
  const order = [...valued].sort((a, b) => pos[a].row - pos[b].row || pos[a].col - pos[b].col);
  const rank = new Map(order.map((i, r) => [i, r]));
  const shifts: Shift[] = [];
  const taken = new Set<number>();
  const remaining = new Set(valued);
  while (remaining.size > 0) {
    const votes = new Map<string, Shift>();
    for (const i of remaining) {
      for (const p of candidates(i)) {
        const dr = p.row - pos[i].row;
        const dc = p.col - pos[i].col;
        const k = `${dr},${dc}`;
        let s = votes.get(k);
        if (!s) votes.set(k, (s = { dr, dc, members: [] }));
        s.members.push(i);
      }
    }
    if (votes.size === 0) break;
    const ranked = [...votes.values()].sort((a, b) => b.members.length - a.members.length);
    const most = ranked[0].members.length;
    const majority = most * 2 > remaining.size;
    let choice: Shift | undefined;
    if (shifts.length === 0) {
      const best = ranked.filter((s) => s.members.length === most);
      const still = best.find((s) => s.dr === 0 && s.dc === 0);
      if (!still && best.length > 1) {
        // Two moves explain the values equally well: the cells cannot be told apart.
        if (majority) return null;
        break;
      }
      choice = still ?? best[0];
      // Staying put needs no more than the best support; a move needs a majority behind it.
      if ((choice.dr !== 0 || choice.dc !== 0) && !majority) break;
    } else {
      // A further move: at least three cells, most of what is left, one run in reading order.
      choice = ranked.find((s) => s.members.length >= 3 && s.members.length * 2 > remaining.size && isRun(s));
      if (!choice) break;
    }
    shifts.push(choice);
    for (const i of choice.members) {
      remaining.delete(i);
      taken.add(i);
    }
  }

  /**
   * Whether a move's cells cover a run of the reading order that holds no cell only an earlier
   * move explains (one whose value is found under both, repeated on the sheet, does not count).
   */
  function isRun(move: Shift): boolean {
    const rs = move.members.map((i) => rank.get(i)!);
    const hi = Math.max(...rs);
    for (let r = Math.min(...rs); r <= hi; r++) {
      const i = order[r];
      if (taken.has(i) && valueAt(sheet, pos[i].row + move.dr, pos[i].col + move.dc) !== keys[i]) return false;
    }
    return true;
  }

  // Nothing found anywhere (say every highlighted answer was changed): nothing moved.
  if (shifts.length === 0) shifts.push({ dr: 0, dc: 0, members: [] });

  // A cell whose value is found under exactly one of the shifts anchors it; a cell found under
  // several (a value repeated on the sheet), under none (edited) or blank takes the shift of its
  // nearest anchor (by row, then column), preferring one under which its own value is found.
  const matches = (i: number): Shift[] => (keys[i] === null ? [] : shifts.filter((s) => valueAt(sheet, pos[i].row + s.dr, pos[i].col + s.dc) === keys[i]));
  const found = records.map((_, i) => matches(i));
  const anchors = records.map((_, i) => i).filter((i) => found[i].length === 1);
  return records.map((_, i) => {
    let s: Shift | undefined = found[i].length === 1 ? found[i][0] : undefined;
    if (!s) {
      let best = Infinity;
      for (const a of anchors) {
        const d = Math.abs(pos[a].row - pos[i].row) * 1_000_000 + Math.abs(pos[a].col - pos[i].col);
        const own = found[i].includes(found[a][0]);
        if (d < best || (d === best && own && s !== undefined && !found[i].includes(s))) {
          best = d;
          s = found[a][0];
        }
      }
      s ??= shifts[0];
    }
    return { row: pos[i].row + s.dr, col: pos[i].col + s.dc, dr: s.dr, dc: s.dc };
  });
}

function valueAt(sheet: SheetSnapshot, row: number, col: number): string | null {
  return row < 0 || col < 0 ? null : valueKey(cellAt(sheet, row, col));
}

/** The solid colour (ARGB, upper case) of a fill, or null when it is not a plain solid fill. */
export function solidColour(fill: FillRecord): string | null {
  if (fill === null || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  const fg = fill.fgColor as { argb?: unknown; tint?: unknown } | undefined;
  if (typeof fg?.argb !== "string" || (typeof fg.tint === "number" && fg.tint !== 0)) return null;
  return fg.argb.toUpperCase();
}

/** Whether a cell whose fill is `fill` still carries one of the colours a restore expects. */
export function carriesExpected(fill: FillRecord, expect: readonly string[]): boolean {
  const c = solidColour(fill);
  return c !== null && expect.some((e) => e.toUpperCase() === c);
}

/** The message for restores a host skipped because the cell's colour was changed (or the sheet went) since. */
export function skippedRestoreMessages(skipped: readonly FillRestore[], gone: readonly FillRestore[]): EngineMessage[] {
  const out: EngineMessage[] = [];
  const bySheet = (xs: readonly FillRestore[]) => {
    const m = new Map<string, FillRestore[]>();
    for (const x of xs) {
      const k = x.sheet.toLowerCase();
      const list = m.get(k);
      if (list) list.push(x);
      else m.set(k, [x]);
    }
    return [...m.values()];
  };
  for (const g of bySheet(gone)) out.push(message("warning", "restore-sheet-missing", g[0].sheet, null, { count: g.length, cells: cellList(g, false) }));
  for (const g of bySheet(skipped))
    out.push(message("warning", "restore-fill-changed", g[0].sheet, g[0].cell as never, { count: g.length, cells: cellList(g, false) }));
  return out;
}

/** A move in words: "3 rows down, 1 column to the left" (only the directions that moved). */
function shiftParam(rows: number, columns: number): ListParam {
  const parts: ParamValue[] = [];
  if (rows !== 0) parts.push(resourceParam(rows > 0 ? "shift.down" : "shift.up", { count: Math.abs(rows) }));
  if (columns !== 0) parts.push(resourceParam(columns > 0 ? "shift.right" : "shift.left", { count: Math.abs(columns) }));
  return { list: parts };
}
