/**
 * Step 4 of reading a table: one respondent's 25 answers, each with its cell, and a message for
 * every value that cannot be read. Anything that is not a recognised form — other text, an error
 * value, a date, two marks, points of 3, a formula saved without its value, one answer cell
 * merged over several items — leaves the item unanswered for that respondent. Nothing is guessed.
 */
import { a1, a1Range, type CellAddress } from "../address";
import type { ItemAnswer } from "../assessment";
import { ANSWER_BY_ID, ITEMS, type AnswerId, type ItemNo } from "../catalog/diagnosis";
import { listParam, message, type EngineMessage, type MessageCode } from "../messages";
import type { CellRange, CellValue } from "../snapshot";
import { displayValue } from "../text/normalise";
import { AMBIGUOUS, itemValue, type Unit } from "./answerUnits";
import { numericValue, readAnswerText, readMark, readPoints, type Reading } from "./cellReading";
import type { Grid } from "./grid";
import type { ItemRow } from "./itemTables";

type Params = Parameters<typeof message>[4];

/**
 * Merges in the unit's columns that reach over the rows of several items: the item holding the
 * merge's first row keeps its value; the others are covered and unanswered (one message per merge).
 */
function mergesOverItems(
  grid: Grid,
  cols: number[],
  items: ItemRow[],
): { covered: Map<ItemNo, CellRange>; merges: { range: CellRange; owner: ItemRow | null; covered: ItemRow[] }[] } {
  const covered = new Map<ItemNo, CellRange>();
  const merges: { range: CellRange; owner: ItemRow | null; covered: ItemRow[] }[] = [];
  const seen = new Set<CellRange>();
  for (const col of cols) {
    for (const item of items) {
      for (let row = item.row; row <= item.lastRow; row++) {
        const m = grid.merge(row, col);
        if (!m || seen.has(m) || (m.top >= item.row && m.bottom <= item.lastRow)) continue;
        seen.add(m);
        const touched = items.filter((i) => i.row <= m.bottom && i.lastRow >= m.top).sort((a, b) => a.row - b.row);
        if (touched.length < 2) continue;
        const owner = touched.find((i) => m.top >= i.row && m.top <= i.lastRow) ?? null;
        const others = touched.filter((i) => i !== owner);
        for (const i of others) covered.set(i.no, m);
        merges.push({ range: m, owner, covered: others });
      }
    }
  }
  return { covered, merges };
}

/**
 * True when a grid is marked with each column's points (4 under 実施している, 2 under 一部…, so
 * that a column's sum is its score) rather than with ○ or 1/0 flags: there a 0 under 実施していない
 * and a −1 under わからない are marks, not "no mark" and not an invalid mark.
 */
function marksArePoints(grid: Grid, unit: Extract<Unit, { kind: "grid" }>, items: ItemRow[]): boolean {
  let points = 0;
  for (const item of items) {
    for (const id of Object.keys(unit.cols) as AnswerId[]) {
      for (let row = item.row; row <= item.lastRow; row++) {
        const v = grid.at(row, unit.cols[id]);
        // A 1 or TRUE anywhere: flags, where 0 is no mark.
        if (v === true || numericValue(v) === 1) return false;
        const n = numericValue(v);
        if (n !== null && n !== 0 && n === ANSWER_BY_ID[id].points) points++;
      }
    }
  }
  return points >= 2;
}

export function readUnit(grid: Grid, unit: Unit, items: Map<ItemNo, ItemRow>, messages: EngineMessage[]): ItemAnswer[] {
  const sheet = grid.sheet.name;
  const pointsAsMarks = unit.kind === "grid" && marksArePoints(grid, unit, [...items.values()]);
  const unitCols = unit.kind === "grid" ? Object.values(unit.cols) : unit.kind === "text" && unit.points !== null ? [unit.col, unit.points] : [unit.col];
  const merged = mergesOverItems(grid, unitCols, [...items.values()]);
  for (const m of merged.merges) {
    const r = m.range;
    const cell = a1Range(r.top, r.left, r.bottom, r.right);
    const items = listParam(m.covered.map((i) => i.no));
    // The merged value shows on the item holding its first row; a merge starting on a row of no
    // item (a header, a part heading) shows on none of them, and every item it covers is unanswered.
    if (m.owner) messages.push(message("error", "merged-answer", sheet, cell, { no: m.owner.no, items, count: m.covered.length }));
    else messages.push(message("error", "merged-answer-outside", sheet, cell, { items, count: m.covered.length }));
  }

  return ITEMS.map((def): ItemAnswer => {
    const item = items.get(def.no);
    if (!item) return { no: def.no, answer: null, cell: null };
    const no = def.no;
    const report = (code: MessageCode, cell: CellAddress, params: Params = {}) => messages.push(message("error", code, sheet, cell, { no, ...params }));
    const value = (col: number): CellValue | typeof AMBIGUOUS => {
      const v = itemValue(grid, item, col);
      if (v === AMBIGUOUS) report("ambiguous-cell", a1Range(item.row, col, item.lastRow, col));
      return v;
    };
    const valueRow = (col: number): number => {
      for (let row = item.row; row <= item.lastRow; row++) if (grid.at(row, col) !== null) return row;
      return item.row;
    };
    const cellOf = (col: number) => a1(valueRow(col), col);
    const home = unit.kind === "grid" ? a1Range(item.row, unit.left, item.lastRow, unit.right) : a1(item.row, unit.col);
    // Covered by an answer cell merged from another item: said once for the merge, above.
    if (merged.covered.has(no)) return { no, answer: null, cell: unit.kind === "grid" ? home : a1(item.row, unit.col) };

    if (unit.kind === "points") {
      const v = value(unit.col);
      const cell = cellOf(unit.col);
      if (v === AMBIGUOUS) return { no, answer: null, cell };
      return { no, answer: accept(readPoints(v), v, "invalid-points", cell, report), cell };
    }

    let answer: AnswerId | null = null;
    let cell: CellAddress;
    let failed = false;
    if (unit.kind === "text") {
      const v = value(unit.col);
      cell = cellOf(unit.col);
      if (v === AMBIGUOUS) failed = true;
      else {
        const r = readAnswerText(v);
        answer = accept(r, v, "invalid-answer", cell, report);
        failed = r.kind !== "value" && r.kind !== "blank";
      }
    } else {
      cell = home;
      const marked: { id: AnswerId; col: number }[] = [];
      for (const id of Object.keys(unit.cols) as AnswerId[]) {
        const col = unit.cols[id];
        const v = value(col);
        if (v === AMBIGUOUS) {
          failed = true;
          continue;
        }
        const r: Reading<true> = pointsAsMarks && numericValue(v) === ANSWER_BY_ID[id].points ? { kind: "value", value: true } : readMark(v);
        if (r.kind === "error") {
          report("error-value", cellOf(col), { value: r.error });
          failed = true;
        } else if (r.kind === "uncalculated") {
          report("uncalculated-formula", cellOf(col));
          failed = true;
        } else if (r.kind === "invalid") {
          report("invalid-mark", cellOf(col), { value: displayValue(v) });
          failed = true;
        } else if (r.kind === "value") marked.push({ id, col });
      }
      if (!failed && marked.length > 1) {
        report("several-marks", home, { count: marked.length });
        failed = true;
      }
      if (!failed && marked.length === 1) {
        answer = marked[0].id;
        cell = cellOf(marked[0].col);
      }
    }
    if (failed) return { no, answer: null, cell };
    if (unit.points === null) return { no, answer, cell };

    // An answer with its points beside it: both must say the same. The points of a formula
    // saved without its value follow from the answer and are not needed.
    const pv = value(unit.points);
    const pointsCell = cellOf(unit.points);
    if (pv === AMBIGUOUS) return { no, answer: null, cell };
    const pr = readPoints(pv);
    if (pr.kind === "uncalculated") return { no, answer, cell };
    if (answer === null) {
      // A blank answer decides: points of 0 or an error value beside it are what a points
      // formula gives for a blank cell (=IF(C5="実施している",4,…,0), a VLOOKUP's #N/A), not an
      // answer of "not implemented" nor an error to report.
      if (pr.kind === "blank" || pr.kind === "error" || (pr.kind === "value" && pr.value === "not")) return { no, answer: null, cell };
      const fromPoints = accept(pr, pv, "invalid-points", pointsCell, report);
      return fromPoints === null ? { no, answer: null, cell } : { no, answer: fromPoints, cell: pointsCell };
    }
    if (pr.kind === "blank" || (pr.kind === "value" && pr.value === answer)) return { no, answer, cell };
    if (pr.kind === "error") {
      report("error-value", pointsCell, { value: pr.error });
      return { no, answer: null, cell };
    }
    report("answer-points-mismatch", cell, { value: ANSWER_BY_ID[answer].label, pointsCell, points: displayValue(pv) });
    return { no, answer: null, cell };
  });
}

function accept(
  r: Reading<AnswerId>,
  v: CellValue,
  invalidCode: "invalid-answer" | "invalid-points",
  cell: CellAddress,
  report: (code: MessageCode, cell: CellAddress, params?: Params) => void,
): AnswerId | null {
  if (r.kind === "value") return r.value;
  if (r.kind === "error") report("error-value", cell, { value: r.error });
  else if (r.kind === "uncalculated") report("uncalculated-formula", cell);
  else if (r.kind === "invalid") report(invalidCode, cell, { value: displayValue(v) });
  return null;
}
