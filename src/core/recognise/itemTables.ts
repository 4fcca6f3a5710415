/**
 * Step 1 of reading a sheet: which cells are the diagnosis's questions, grouped into tables.
 *
 * Every text cell is scored against the 25 items (itemMatcher.ts). Cells are grouped by the
 * column they are in; each column's rows are named items on their own (wording, confirmed by
 * the number written on the row) and cut where the items start over (a second table below the
 * first). Columns that name the same items on the same rows are one table (a short title column
 * beside the question column; two respondents' copies side by side in the same order); columns
 * whose rows differ are different tables (two tables side by side in different orders). Each
 * table is then read on its own: its rows, its answer columns, its respondents.
 */
import { a1, type CellAddress } from "../address";
import { ITEMS, type ItemNo } from "../catalog/diagnosis";
import { message, type EngineMessage } from "../messages";
import { leadingItemNumber, readItemNumber } from "./cellReading";
import type { Grid } from "./grid";
import { CLEAR_SCORE, MARGIN, WEAK_SCORE, scoreText, type ItemScore } from "./itemMatcher";

/** Fewest item rows for a table to count as the diagnosis (a sheet may miss some rows). */
export const MIN_ITEMS = 6;

export interface ItemRow {
  no: ItemNo;
  row: number;
  /** Last row of the item (question cell merged over several rows). */
  lastRow: number;
  questionCol: number;
  numberCol: number | null;
}

export interface ItemTable {
  items: Map<ItemNo, ItemRow>;
  /** Every column holding the table's questions (or short titles) and item numbers. */
  questionCols: Set<number>;
  numberCols: Set<number>;
  /** First and last row of the table's items. */
  first: number;
  last: number;
  /** Renumbered and duplicate rows. */
  messages: EngineMessage[];
}

interface Candidate {
  row: number;
  col: number;
  text: string;
  scores: ItemScore[];
}

interface Decision {
  c: Candidate;
  no: ItemNo;
  /** The wording's score, plus a bonus when the written number agrees. */
  priority: number;
  written: number | null;
  writtenCell: CellAddress;
  numberCol: number | null;
}

/** Every text cell whose wording comes near an item, grouped by column. */
function candidatesByColumn(grid: Grid): Map<number, Candidate[]> {
  const { sheet } = grid;
  const byCol = new Map<number, Candidate[]>();
  sheet.values.forEach((cells, i) => {
    for (let j = 0; j < cells.length; j++) {
      const v = cells[j];
      if (typeof v !== "string" || v.length < 2) continue;
      const scores = scoreText(v);
      if (scores.length === 0 || scores[0].score < WEAK_SCORE) continue;
      const col = sheet.left + j;
      if (!byCol.has(col)) byCol.set(col, []);
      byCol.get(col)!.push({ row: sheet.top + i, col, text: v, scores });
    }
  });
  return byCol;
}

/**
 * The number column of a question column: the column left of it (and right of any other
 * question column on the same rows) holding the most distinct numbers on its rows. A part
 * column repeats 1, 2, 3; the item number column does not.
 */
function numberColumn(grid: Grid, cands: Candidate[], stopAt: number): number | null {
  const q = cands[0].col;
  const distinct = new Map<number, Set<number>>();
  for (const c of cands) {
    for (let col = Math.max(grid.left, stopAt + 1); col < q; col++) {
      const n = readItemNumber(grid.at(c.row, col));
      if (n === null) continue;
      if (!distinct.has(col)) distinct.set(col, new Set());
      distinct.get(col)!.add(n);
    }
  }
  let best: number | null = null;
  for (const [col, set] of distinct) {
    if (set.size < 3) continue;
    const size = best === null ? 0 : distinct.get(best)!.size;
    if (set.size > size || (set.size === size && col > best!)) best = col;
  }
  return best;
}

/** The item a cell clearly names on its wording alone, or null. */
function clearItem(c: Candidate): ItemNo | null {
  const [best, second] = c.scores;
  return best.score >= CLEAR_SCORE && (!second || best.score - second.score >= MARGIN) ? best.no : null;
}

/**
 * True when two question-like columns are different tables side by side: on at least 3 shared
 * rows both name an item clearly, and mostly not the same one.
 */
function otherTable(a: Candidate[], b: Candidate[]): boolean {
  const items = new Map<number, ItemNo>();
  for (const c of a) {
    const no = clearItem(c);
    if (no !== null) items.set(c.row, no);
  }
  let shared = 0;
  let same = 0;
  for (const c of b) {
    const no = clearItem(c);
    const other = items.get(c.row);
    if (no === null || other === undefined) continue;
    shared++;
    if (other === no) same++;
  }
  return shared >= 3 && same < 0.6 * shared;
}

/** The item a question cell names: clear wording, or weaker wording the written number confirms. */
function decide(grid: Grid, c: Candidate, numberCol: number | null): Decision | null {
  const fromColumn = numberCol !== null ? readItemNumber(grid.at(c.row, numberCol)) : null;
  const written = fromColumn ?? leadingItemNumber(c.text);
  const writtenCell = fromColumn !== null ? a1(c.row, numberCol!) : a1(c.row, c.col);
  const [best] = c.scores;
  let no: ItemNo | null = clearItem(c);
  const clear = no !== null;
  if (written !== null) {
    const forWritten = c.scores.find((s) => s.no === written);
    // The written number settles a close call, never overrides clear wording.
    if (forWritten && forWritten.score >= WEAK_SCORE && (!clear || forWritten.no === best.no)) {
      if (best.score - forWritten.score < MARGIN) no = written as ItemNo;
    }
  }
  if (no === null) return null;
  const score = c.scores.find((s) => s.no === no)!.score;
  return { c, no, priority: score + (written === no ? 1.5 : 0), written, writtenCell, numberCol };
}

/**
 * One column's decisions cut into runs: a new run starts where the items start over, that is
 * where at least MIN_ITEMS distinct items follow, most of them already named above. A single
 * repeated row (an item's wording twice) stays in its run as a duplicate.
 */
function cutWhereItemsRepeat(decisions: Decision[]): Decision[][] {
  const runs: Decision[][] = [];
  let current: Decision[] = [];
  let seen = new Set<ItemNo>();
  for (let i = 0; i < decisions.length; i++) {
    const d = decisions[i];
    if (seen.has(d.no)) {
      const ahead = new Set<ItemNo>();
      for (let j = i; j < decisions.length && !ahead.has(decisions[j].no); j++) ahead.add(decisions[j].no);
      const repeated = [...ahead].filter((no) => seen.has(no)).length;
      if (ahead.size >= MIN_ITEMS && repeated * 2 >= ahead.size) {
        runs.push(current);
        current = [];
        seen = new Set();
      }
    }
    current.push(d);
    seen.add(d.no);
  }
  if (current.length) runs.push(current);
  return runs;
}

/** True when two runs name mostly the same items on the same rows (one table). */
function sameRows(a: Decision[], b: Decision[]): boolean {
  const rowOf = new Map<ItemNo, Set<number>>();
  for (const d of a) (rowOf.get(d.no) ?? rowOf.set(d.no, new Set()).get(d.no)!).add(d.c.row);
  const items = new Set(b.map((d) => d.no));
  let same = 0;
  for (const no of items) if (b.some((d) => d.no === no && rowOf.get(no)?.has(d.c.row))) same++;
  const smaller = Math.min(new Set(a.map((d) => d.no)).size, items.size);
  return smaller > 0 && same >= Math.max(2, 0.6 * smaller);
}

function rowSpan(run: Decision[]): [number, number] {
  return [Math.min(...run.map((d) => d.c.row)), Math.max(...run.map((d) => d.c.row))];
}

export interface ItemTablesFound {
  tables: ItemTable[];
  /**
   * No column holds a table, but a row names at least MIN_ITEMS items clearly: the items laid
   * across (one column per item, the respondents down the rows, as a survey export has them).
   */
  across: boolean;
}

export function findItemTables(grid: Grid): ItemTablesFound {
  const byCol = candidatesByColumn(grid);
  const tables = tablesOf(grid, byCol);
  return { tables, across: tables.length === 0 && itemsAcrossARow(byCol) };
}

/** True when one row's cells clearly name at least MIN_ITEMS distinct items. */
function itemsAcrossARow(byCol: Map<number, Candidate[]>): boolean {
  const perRow = new Map<number, Set<ItemNo>>();
  for (const cands of byCol.values()) {
    for (const c of cands) {
      const no = clearItem(c);
      if (no === null) continue;
      const items = perRow.get(c.row) ?? perRow.set(c.row, new Set()).get(c.row)!;
      items.add(no);
      if (items.size >= MIN_ITEMS) return true;
    }
  }
  return false;
}

function tablesOf(grid: Grid, byCol: Map<number, Candidate[]>): ItemTable[] {
  const cols = [...byCol.keys()].sort((a, b) => a - b);

  // Decisions per column, each column with its own number column.
  const runs: Decision[][] = [];
  const strays: Decision[] = [];
  for (const col of cols) {
    const cands = byCol.get(col)!;
    // Another table's question column to the left, on the same rows, bounds the number search
    // (a short title column beside the questions is the same table and does not).
    let stopAt = grid.left - 1;
    for (const other of cols) {
      if (other >= col) break;
      if (otherTable(byCol.get(other)!, cands)) stopAt = other;
    }
    const numberCol = numberColumn(grid, cands, stopAt);
    const decisions = cands.map((c) => decide(grid, c, numberCol)).filter((d): d is Decision => d !== null);
    // A run of a few items is no table (a notes column naming a topic or two): its cells may
    // only fill an item a table lacks, below.
    for (const run of cutWhereItemsRepeat(decisions)) {
      if (new Set(run.map((d) => d.no)).size >= MIN_ITEMS) runs.push(run);
      else strays.push(...run);
    }
  }

  // Runs naming the same items on the same rows are one table.
  const groups: Decision[][][] = [];
  for (const run of runs) {
    const g = groups.find((members) => members.some((m) => sameRows(m, run)));
    if (g) g.push(run);
    else groups.push([run]);
  }
  const big = groups.map((members) => ({ decisions: members.flat(), cols: new Set(members.map((m) => m[0].c.col)) }));
  // A stray names an item its table lacks, on a row of the table that names no item (a question
  // typed into the next column).
  for (const d of strays) {
    const home = big.find((t) => {
      const [first, last] = rowSpan(t.decisions);
      return d.c.row >= first && d.c.row <= last && !t.decisions.some((x) => x.no === d.no || x.c.row === d.c.row);
    });
    if (home) {
      home.decisions.push(d);
      home.cols.add(d.c.col);
    }
  }
  return big.map((t) => buildTable(grid, t.decisions, t.cols));
}

/** The items of one table: per row the best question cell, per item its best row. */
function buildTable(grid: Grid, all: Decision[], cols: Set<number>): ItemTable {
  const sheet = grid.sheet.name;
  // One question per row: the best-scoring cell of the row among the table's columns.
  const perRow = new Map<number, Decision>();
  for (const d of all) {
    const had = perRow.get(d.c.row);
    if (!had || d.c.scores[0].score > had.c.scores[0].score) perRow.set(d.c.row, d);
  }
  const decisions = [...perRow.values()].sort((a, b) => a.c.row - b.c.row);
  const chosen = new Map<ItemNo, Decision>();
  for (const d of [...decisions].sort((a, b) => b.priority - a.priority || a.c.row - b.c.row)) if (!chosen.has(d.no)) chosen.set(d.no, d);
  // A row whose clear wording names an item another row holds, but whose written number names an
  // item the table lacks and which its wording also names (more weakly), is that item: the
  // number and the wording agree, and the only other reading is a duplicate.
  const placed = decisions.map((d) => {
    if (chosen.get(d.no) === d || d.written === null || chosen.has(d.written as ItemNo)) return d;
    const own = d.c.scores.find((x) => x.no === d.written);
    if (!own || own.score < WEAK_SCORE) return d;
    const moved: Decision = { ...d, no: d.written as ItemNo, priority: own.score + 1.5 };
    chosen.set(moved.no, moved);
    return moved;
  });

  const messages: EngineMessage[] = [];
  const items = new Map<ItemNo, ItemRow>();
  for (const d of placed) {
    const first = chosen.get(d.no)!;
    if (first !== d) {
      messages.push(message("warning", "duplicate-item", sheet, a1(d.c.row, d.c.col), { no: d.no, firstCell: a1(first.c.row, first.c.col) }));
      continue;
    }
    const merge = grid.merge(d.c.row, d.c.col);
    items.set(d.no, {
      no: d.no,
      row: d.c.row,
      lastRow: merge && merge.top === d.c.row && merge.left === d.c.col ? merge.bottom : d.c.row,
      questionCol: d.c.col,
      numberCol: d.numberCol !== null && d.numberCol < d.c.col ? d.numberCol : null,
    });
    if (d.written !== null && d.written !== d.no) {
      messages.push(message("info", "renumbered-item", sheet, d.writtenCell, { written: d.written, no: d.no, title: ITEMS[d.no - 1].title }));
    }
  }
  const rows = [...items.values()];
  const numberCols = new Set(rows.map((r) => r.numberCol).filter((c): c is number => c !== null));
  return {
    items,
    questionCols: cols,
    numberCols,
    first: Math.min(...rows.map((r) => r.row)),
    last: Math.max(...rows.map((r) => r.lastRow)),
    messages,
  };
}
