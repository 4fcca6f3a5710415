/**
 * Finds the self-diagnosis on one sheet: which rows hold which of the 25 items, which
 * columns hold answers (text, a grid of marks, or points; one or several respondents),
 * and reads every answer with its cell. It reports what it cannot read and never guesses.
 *
 * The steps: item rows (wording, confirmed by the written number) → is this really the
 * diagnosis (not a look-alike questionnaire) → answer units (grids, text and points columns,
 * points paired with the answer beside them) → answers.
 */
import { a1, a1Range, type CellAddress } from "../address";
import { ANSWER_BY_ID, ITEMS, PARTS, type AnswerId, type ItemNo } from "../catalog/diagnosis";
import type { ItemAnswer } from "../assessment";
import { message, type EngineMessage } from "../messages";
import { cellAt, isCellError, sheetRight, type CellRange, type CellValue, type SheetSnapshot } from "../snapshot";
import { displayValue, textKey } from "../text/normalise";
import {
  answerLabel,
  leadingItemNumber,
  numericValue,
  readAnswerText,
  readItemNumber,
  readMark,
  readPoints,
  type Reading,
} from "./cellReading";
import { CLEAR_SCORE, MARGIN, WEAK_SCORE, scoreText, type ItemScore } from "./itemMatcher";

/** Fewest item rows for a sheet to count as the diagnosis (a sheet may miss some rows). */
export const MIN_ITEMS = 6;
/** Share of the question rows inside the table that must be diagnosis items. */
export const MIN_QUESTION_SHARE = 0.6;
/** A question-like row: text at least this long (comparison key) in the question column. */
const QUESTION_KEY_LENGTH = 12;
/** How far above the first item row a column header may sit. */
const HEADER_SEARCH_ROWS = 6;

export interface FoundRespondent {
  /** The column header naming the respondent, or null when absent or generic. */
  header: string | null;
  answers: ItemAnswer[];
}

export interface SheetFinding {
  sheet: string;
  respondents: FoundRespondent[];
  messages: EngineMessage[];
}

export type SheetOutcome =
  | { kind: "diagnosis"; finding: SheetFinding }
  | { kind: "none"; messages: EngineMessage[] };

interface ItemRow {
  no: ItemNo;
  row: number;
  /** Last row of the item (question cell merged over several rows). */
  lastRow: number;
  questionCol: number;
  numberCol: number | null;
}

/** Generic headers that say "answer" or "points" rather than naming a person. */
const GENERIC_HEADERS = new Set(
  [
    "回答", "回答欄", "答え", "評価", "点数", "得点", "点", "配点", "結果", "診断結果", "実施状況", "状況",
    "チェック", "チェック欄", "選択", "回答選択", "自己評価", "answer", "answers", "points", "score", "response",
  ].map(textKey),
);
const POINTS_HEADERS = new Set(["点数", "得点", "点", "配点", "points", "point", "score", "スコア"].map(textKey));

function isGenericHeader(text: string): boolean {
  const k = textKey(text);
  return GENERIC_HEADERS.has(k) || answerLabel(text) !== null;
}

export function recogniseDiagnosisSheet(sheet: SheetSnapshot): SheetOutcome {
  const ctx = new SheetContext(sheet);
  const rows = ctx.findItemRows();
  if (rows.items.size < MIN_ITEMS) return { kind: "none", messages: [] };

  const share = ctx.questionShare(rows.items);
  if (share.matched / share.questions < MIN_QUESTION_SHARE) {
    return {
      kind: "none",
      messages: [message("info", "lookalike-wording", sheet.name, null, { matched: share.matched, count: share.questions })],
    };
  }

  const units = ctx.findUnits(rows.items);
  if (units.scale && units.list.length === 0) {
    return { kind: "none", messages: [message("info", "lookalike-scale", sheet.name, null, { count: rows.items.size })] };
  }

  const messages = [...rows.messages, ...units.messages];
  for (const item of ITEMS) {
    if (!rows.items.has(item.no)) {
      messages.push(message("warning", "missing-item", sheet.name, null, { no: item.no, title: item.title.ja }));
    }
  }
  let respondents: FoundRespondent[];
  if (units.list.length === 0) {
    messages.push(message("warning", "no-answer-column", sheet.name, null));
    respondents = [{ header: null, answers: ITEMS.map((i) => ({ no: i.no, answer: null, cell: null })) }];
  } else {
    respondents = units.list.map((u) => ({ header: u.header, answers: ctx.readUnit(u, rows.items, messages) }));
  }
  return { kind: "diagnosis", finding: { sheet: sheet.name, respondents, messages } };
}

/** Where one respondent's answers are: a text column, a grid of four mark columns, or points. */
type Unit =
  | { kind: "text"; col: number; header: string | null; points: number | null }
  | { kind: "grid"; cols: Record<AnswerId, number>; left: number; right: number; header: string | null; points: number | null }
  | { kind: "points"; col: number; header: string | null };

type ColumnKind = "answer" | "points" | "scale" | "other";

const AMBIGUOUS = Symbol("ambiguous");

class SheetContext {
  private readonly mergeOfMaster = new Map<number, CellRange>();
  private readonly hiddenCols: Set<number>;
  readonly right: number;

  constructor(readonly sheet: SheetSnapshot) {
    for (const m of sheet.merges) this.mergeOfMaster.set(this.key(m.top, m.left), m);
    this.hiddenCols = new Set(sheet.hiddenColumns);
    this.right = sheetRight(sheet);
  }

  private key(row: number, col: number): number {
    return row * 20_000 + col;
  }

  at(row: number, col: number): CellValue {
    return cellAt(this.sheet, row, col);
  }

  /** The value shown at a cell: the merge's master value for any cell inside a merge. */
  shown(row: number, col: number): CellValue {
    const v = this.at(row, col);
    if (v !== null) return v;
    for (const m of this.sheet.merges) {
      if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return this.at(m.top, m.left);
    }
    return null;
  }

  /** Step 1: rows whose wording (and written number) names an item. */
  findItemRows(): { items: Map<ItemNo, ItemRow>; messages: EngineMessage[] } {
    const { sheet } = this;
    interface Candidate {
      row: number;
      col: number;
      text: string;
      scores: ItemScore[];
    }
    const candidates: Candidate[] = [];
    sheet.values.forEach((cells, i) => {
      let best: Candidate | null = null;
      for (let j = 0; j < cells.length; j++) {
        const v = cells[j];
        if (typeof v !== "string" || v.length < 2) continue;
        const scores = scoreText(v);
        if (scores.length === 0 || scores[0].score < WEAK_SCORE) continue;
        if (!best || scores[0].score > best.scores[0].score) best = { row: sheet.top + i, col: sheet.left + j, text: v, scores };
      }
      if (best) candidates.push(best);
    });
    if (candidates.length === 0) return { items: new Map(), messages: [] };

    // The number column is the column left of the questions holding the most distinct numbers
    // (a part column repeats 1, 2, 3; the item number column does not).
    const distinct = new Map<number, Set<number>>();
    for (const c of candidates) {
      for (let col = this.sheet.left; col < c.col; col++) {
        const n = readItemNumber(this.at(c.row, col));
        if (n === null) continue;
        if (!distinct.has(col)) distinct.set(col, new Set());
        distinct.get(col)!.add(n);
      }
    }
    let numberCol: number | null = null;
    for (const [col, set] of distinct) {
      if (set.size < 3) continue;
      const best = numberCol === null ? 0 : distinct.get(numberCol)!.size;
      if (set.size > best || (set.size === best && col > numberCol!)) numberCol = col;
    }

    interface Decision {
      c: Candidate;
      no: ItemNo;
      priority: number;
      written: number | null;
      writtenCell: CellAddress;
    }
    const decisions: Decision[] = [];
    for (const c of candidates) {
      const fromColumn = numberCol !== null && numberCol < c.col ? readItemNumber(this.at(c.row, numberCol)) : null;
      const written = fromColumn ?? leadingItemNumber(c.text);
      const writtenCell = fromColumn !== null ? a1(c.row, numberCol!) : a1(c.row, c.col);
      const [best, second] = c.scores;
      const clear = best.score >= CLEAR_SCORE && (!second || best.score - second.score >= MARGIN);
      let no: ItemNo | null = clear ? best.no : null;
      if (written !== null) {
        const forWritten = c.scores.find((s) => s.no === written);
        // The written number settles a close call, never overrides clear wording.
        if (forWritten && forWritten.score >= WEAK_SCORE && (!clear || forWritten.no === best.no)) {
          if (best.score - forWritten.score < MARGIN) no = written;
        }
      }
      if (no === null) continue;
      const score = c.scores.find((s) => s.no === no)!.score;
      decisions.push({ c, no, priority: score + (written === no ? 1.5 : 0), written, writtenCell });
    }

    const items = new Map<ItemNo, ItemRow>();
    const chosen = new Map<ItemNo, Decision>();
    const sorted = [...decisions].sort((a, b) => b.priority - a.priority || a.c.row - b.c.row);
    for (const d of sorted) if (!chosen.has(d.no)) chosen.set(d.no, d);

    const messages: EngineMessage[] = [];
    for (const d of decisions) {
      const first = chosen.get(d.no)!;
      const title = ITEMS[d.no - 1].title.ja;
      if (first !== d) {
        messages.push(
          message("warning", "duplicate-item", this.sheet.name, a1(d.c.row, d.c.col), {
            no: d.no,
            firstCell: a1(first.c.row, first.c.col),
          }),
        );
        continue;
      }
      const merge = this.mergeOfMaster.get(this.key(d.c.row, d.c.col));
      items.set(d.no, {
        no: d.no,
        row: d.c.row,
        lastRow: merge ? merge.bottom : d.c.row,
        questionCol: d.c.col,
        numberCol: numberCol !== null && numberCol < d.c.col ? numberCol : null,
      });
      if (d.written !== null && d.written !== d.no) {
        messages.push(message("info", "renumbered-item", this.sheet.name, d.writtenCell, { written: d.written, no: d.no, title }));
      }
    }
    return { items, messages };
  }

  /** Step 2: how many question-like rows inside the table are diagnosis items. */
  questionShare(items: Map<ItemNo, ItemRow>): { matched: number; questions: number } {
    const rows = [...items.values()];
    const itemRows = new Set<number>();
    for (const r of rows) for (let x = r.row; x <= r.lastRow; x++) itemRows.add(x);
    const qCols = new Set(rows.map((r) => r.questionCol));
    const first = Math.min(...rows.map((r) => r.row));
    const last = Math.max(...rows.map((r) => r.lastRow));
    const partNames = PARTS.map((p) => textKey(p.name.ja));
    let others = 0;
    for (let row = first; row <= last; row++) {
      if (itemRows.has(row)) continue;
      for (const col of qCols) {
        const v = this.at(row, col);
        if (typeof v !== "string") continue;
        const k = textKey(v);
        if (k.length >= QUESTION_KEY_LENGTH && !partNames.some((p) => k.includes(p))) {
          others++;
          break;
        }
      }
    }
    return { matched: items.size, questions: items.size + others };
  }

  /** The value of a column for an item: the single non-empty value over the item's rows. */
  itemValue(item: ItemRow, col: number): CellValue | typeof AMBIGUOUS {
    let found: CellValue = null;
    for (let row = item.row; row <= item.lastRow; row++) {
      const v = this.at(row, col);
      if (v === null || (typeof v === "string" && v.trim() === "")) continue;
      if (found !== null && JSON.stringify(found) !== JSON.stringify(v)) return AMBIGUOUS;
      found = v;
    }
    return found;
  }

  /** The header of a column: the nearest text above the first item row. */
  header(col: number, firstRow: number, skipRows: Set<number>): string | null {
    for (let row = firstRow - 1; row >= Math.max(this.sheet.top, firstRow - HEADER_SEARCH_ROWS); row--) {
      if (skipRows.has(row)) continue;
      const v = this.shown(row, col);
      if (typeof v === "string" && v.trim() !== "") return v.replace(/\s+/g, " ").trim();
      if (v !== null && typeof v !== "string") return null;
    }
    return null;
  }

  /** Step 3: the answer units (one per respondent) and the columns around them. */
  findUnits(items: Map<ItemNo, ItemRow>): { list: Unit[]; scale: boolean; messages: EngineMessage[] } {
    const rows = [...items.values()].sort((a, b) => a.row - b.row);
    const itemRowSet = new Set<number>();
    for (const r of rows) for (let x = r.row; x <= r.lastRow; x++) itemRowSet.add(x);
    const firstRow = rows[0].row;
    const lastRow = rows[rows.length - 1].lastRow;
    const excluded = new Set<number>();
    for (const r of rows) {
      excluded.add(r.questionCol);
      if (r.numberCol !== null) excluded.add(r.numberCol);
    }
    const messages: EngineMessage[] = [];

    const grids = this.findGrids(itemRowSet, lastRow, excluded);
    for (const g of grids) for (let c = g.left; c <= g.right; c++) excluded.add(c);

    const kinds = new Map<number, ColumnKind>();
    const headers = new Map<number, string | null>();
    let scale = false;
    for (let col = this.sheet.left; col <= this.right; col++) {
      if (excluded.has(col)) continue;
      const header = this.header(col, firstRow, itemRowSet);
      headers.set(col, header);
      const kind = this.classifyColumn(col, rows, header);
      if (kind === "scale") scale = true;
      if (kind === "answer" || kind === "points") kinds.set(col, kind);
    }

    const units: Unit[] = [];
    for (const g of grids) units.push(g);
    for (const [col, kind] of kinds) {
      if (kind === "answer" && !this.hiddenCols.has(col)) units.push({ kind: "text", col, header: headers.get(col) ?? null, points: null });
    }
    units.sort((a, b) => unitLeft(a) - unitLeft(b));

    // Points beside an answer belong to it (one respondent), right side first.
    const paired = new Set<number>();
    const pointsHeaderOk = (p: number, u: Unit) => {
      const h = headers.get(p) ?? null;
      if (h === null || POINTS_HEADERS.has(textKey(h))) return true;
      return u.header !== null && h === u.header && this.sameMergedHeader(p, unitLeft(u), firstRow);
    };
    for (const side of [1, -1] as const) {
      for (const u of units) {
        if (u.kind === "points" || u.points !== null) continue;
        const edge = side === 1 ? unitRight(u) : unitLeft(u);
        const p = this.neighbour(edge, side, kinds, excluded, rows);
        if (p !== null && kinds.get(p) === "points" && !paired.has(p) && pointsHeaderOk(p, u)) {
          u.points = p;
          paired.add(p);
        }
      }
    }
    for (const [col, kind] of kinds) {
      if (kind !== "points" || paired.has(col)) continue;
      if (this.hiddenCols.has(col)) continue;
      units.push({ kind: "points", col, header: headers.get(col) ?? null });
    }
    for (const [col, kind] of kinds) {
      if (this.hiddenCols.has(col) && !paired.has(col) && (kind === "answer" || kind === "points")) {
        messages.push(message("info", "hidden-column-ignored", this.sheet.name, a1(firstRow, col)));
      }
    }
    units.sort((a, b) => unitLeft(a) - unitLeft(b));
    for (const u of units) if (u.header !== null && isGenericHeader(u.header)) u.header = null;
    return { list: units, scale, messages };
  }

  private sameMergedHeader(a: number, b: number, firstRow: number): boolean {
    return this.sheet.merges.some(
      (m) => m.bottom < firstRow && m.bottom >= firstRow - HEADER_SEARCH_ROWS &&
        a >= m.left && a <= m.right && b >= m.left && b <= m.right,
    );
  }

  /** The nearest column on one side that holds anything at the item rows, if it is within reach. */
  private neighbour(edge: number, side: 1 | -1, kinds: Map<number, ColumnKind>, excluded: Set<number>, rows: ItemRow[]): number | null {
    for (let col = edge + side, steps = 0; col >= this.sheet.left && col <= this.right && steps < 3; col += side, steps++) {
      if (kinds.has(col)) return col;
      if (excluded.has(col)) return null;
      if (rows.some((r) => this.itemValue(r, col) !== null)) return null;
    }
    return null;
  }

  /** Rows holding the four answer labels side by side head a grid of mark columns. */
  private findGrids(itemRows: Set<number>, lastRow: number, excluded: Set<number>) {
    const byCols = new Map<string, Extract<Unit, { kind: "grid" }>>();
    for (let row = this.sheet.top; row < lastRow; row++) {
      if (itemRows.has(row)) continue;
      const labels: { col: number; id: AnswerId }[] = [];
      for (let col = this.sheet.left; col <= this.right; col++) {
        if (excluded.has(col)) continue;
        const id = this.gridLabel(this.at(row, col));
        if (id) labels.push({ col, id });
      }
      for (let i = 0; i + 4 <= labels.length; ) {
        const four = labels.slice(i, i + 4);
        const ids = new Set(four.map((l) => l.id));
        if (ids.size === 4 && four[3].col - four[0].col <= 7) {
          const cols = Object.fromEntries(four.map((l) => [l.id, l.col])) as Record<AnswerId, number>;
          const key = four.map((l) => l.col).join(",");
          if (!byCols.has(key)) {
            const above = this.gridHeader(row, four[0].col, four[3].col);
            byCols.set(key, { kind: "grid", cols, left: four[0].col, right: four[3].col, header: above, points: null });
          }
          i += 4;
        } else i++;
      }
    }
    return [...byCols.values()];
  }

  private gridLabel(v: CellValue): AnswerId | null {
    const id = answerLabel(v);
    if (id) return id;
    const n = numericValue(v);
    if (n === null) return null;
    const a = Object.values(ANSWER_BY_ID).find((x) => x.points === n);
    return a ? a.id : null;
  }

  private gridHeader(labelRow: number, left: number, right: number): string | null {
    for (let row = labelRow - 1; row >= Math.max(this.sheet.top, labelRow - 2); row--) {
      for (let col = left; col <= right; col++) {
        const v = this.shown(row, col);
        if (typeof v === "string" && v.trim() !== "") return v.replace(/\s+/g, " ").trim();
      }
    }
    return null;
  }

  private classifyColumn(col: number, rows: ItemRow[], header: string | null): ColumnKind {
    let nonEmpty = 0;
    let errors = 0;
    let texts = 0;
    let points = 0;
    let scaleOnly = 0;
    let zeroOrBelow = 0;
    for (const r of rows) {
      const v = this.itemValue(r, col);
      if (v === null) continue;
      nonEmpty++;
      if (v === AMBIGUOUS) continue;
      if (isCellError(v)) {
        errors++;
        continue;
      }
      if (readAnswerText(v).kind === "value") texts++;
      else if (readPoints(v).kind === "value") {
        points++;
        if ((numericValue(v) ?? 1) <= 0) zeroOrBelow++;
      } else {
        const n = numericValue(v);
        if (n === 1 || n === 3 || n === 5) scaleOnly++;
      }
    }
    const readable = nonEmpty - errors;
    if (texts > 0 && texts >= 0.5 * readable) return "answer";
    // Many 1s, 3s and 5s and never a 0 or −1: a 1–5 scale, not the diagnosis's points.
    if (zeroOrBelow === 0 && scaleOnly >= Math.max(2, 0.2 * readable)) return "scale";
    if (points > 0 && points >= 0.6 * readable) return "points";
    if (readable === 0 && header !== null && GENERIC_HEADERS.has(textKey(header)) && !POINTS_HEADERS.has(textKey(header))) return "answer";
    if (readable === 0 && header !== null && POINTS_HEADERS.has(textKey(header))) return "points";
    return "other";
  }

  /** Step 4: one respondent's 25 answers, with messages for what cannot be read. */
  readUnit(unit: Unit, items: Map<ItemNo, ItemRow>, messages: EngineMessage[]): ItemAnswer[] {
    const sheet = this.sheet.name;
    return ITEMS.map((def): ItemAnswer => {
      const item = items.get(def.no);
      if (!item) return { no: def.no, answer: null, cell: null };
      const no = def.no;
      const report = (code: Parameters<typeof message>[1], cell: CellAddress, params: Record<string, string | number> = {}) =>
        messages.push(message("error", code, sheet, cell, { no, ...params }));
      const value = (col: number): CellValue | typeof AMBIGUOUS => {
        const v = this.itemValue(item, col);
        if (v === AMBIGUOUS) report("ambiguous-cell", a1Range(item.row, col, item.lastRow, col));
        return v;
      };
      const cellOf = (col: number) => a1(this.valueRow(item, col), col);

      if (unit.kind === "points") {
        const v = value(unit.col);
        const cell = cellOf(unit.col);
        if (v === AMBIGUOUS) return { no, answer: null, cell };
        return { no, answer: this.accept(readPoints(v), v, "invalid-points", cell, report), cell };
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
          answer = this.accept(r, v, "invalid-answer", cell, report);
          failed = r.kind === "error" || r.kind === "invalid";
        }
      } else {
        const rowRange = a1Range(item.row, unit.left, item.lastRow, unit.right);
        cell = rowRange;
        const marked: { id: AnswerId; col: number }[] = [];
        for (const id of Object.keys(unit.cols) as AnswerId[]) {
          const col = unit.cols[id];
          const v = value(col);
          if (v === AMBIGUOUS) {
            failed = true;
            continue;
          }
          const r = readMark(v);
          if (r.kind === "error") {
            report("error-value", cellOf(col), { value: r.error });
            failed = true;
          } else if (r.kind === "invalid") {
            report("invalid-mark", cellOf(col), { value: displayValue(v) });
            failed = true;
          } else if (r.kind === "value") marked.push({ id, col });
        }
        if (!failed && marked.length > 1) {
          report("several-marks", rowRange, { count: marked.length });
          failed = true;
        }
        if (!failed && marked.length === 1) {
          answer = marked[0].id;
          cell = cellOf(marked[0].col);
        }
      }
      if (failed) return { no, answer: null, cell };
      if (unit.points === null) return { no, answer, cell };

      // An answer with its points beside it: both must say the same.
      const pv = value(unit.points);
      const pointsCell = cellOf(unit.points);
      if (pv === AMBIGUOUS) return { no, answer: null, cell };
      const pr = readPoints(pv);
      if (answer === null) {
        if (pr.kind === "blank") return { no, answer: null, cell };
        const fromPoints = this.accept(pr, pv, "invalid-points", pointsCell, report);
        return fromPoints === null ? { no, answer: null, cell } : { no, answer: fromPoints, cell: pointsCell };
      }
      if (pr.kind === "blank" || (pr.kind === "value" && pr.value === answer)) return { no, answer, cell };
      if (pr.kind === "error") {
        report("error-value", pointsCell, { value: pr.error });
        return { no, answer: null, cell };
      }
      report("answer-points-mismatch", cell, {
        value: ANSWER_BY_ID[answer].label.ja,
        pointsCell,
        points: displayValue(pv),
      });
      return { no, answer: null, cell };
    });
  }

  /** The row within an item's rows where a column's value sits (its first row when empty). */
  private valueRow(item: ItemRow, col: number): number {
    for (let row = item.row; row <= item.lastRow; row++) if (this.at(row, col) !== null) return row;
    return item.row;
  }

  private accept(
    r: Reading<AnswerId>,
    v: CellValue,
    invalidCode: "invalid-answer" | "invalid-points",
    cell: CellAddress,
    report: (code: "error-value" | "invalid-answer" | "invalid-points", cell: CellAddress, params?: Record<string, string | number>) => void,
  ): AnswerId | null {
    if (r.kind === "value") return r.value;
    if (r.kind === "error") report("error-value", cell, { value: r.error });
    else if (r.kind === "invalid") report(invalidCode, cell, { value: displayValue(v) });
    return null;
  }
}

function unitLeft(u: Unit): number {
  return u.kind === "grid" ? u.left : u.col;
}

function unitRight(u: Unit): number {
  return u.kind === "grid" ? u.right : u.col;
}
