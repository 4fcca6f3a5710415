/**
 * Step 3 of reading a table: its answer units, one per respondent — a grid of four mark columns
 * under the four answer labels, a text column of answers, or a column of points — and the
 * points column beside an answer that belongs to it.
 *
 * A column becomes a respondent only on evidence: its header says answer or points, or names a
 * person on the table's header row, together with values that read as answers or points; or,
 * without a header, enough such values for the table's items; or it is the only candidate on a
 * blank form. A column with a few answer-like values and no such evidence (a 4 typed in a notes
 * column) is reported, and not read. A column headed as the answer column (回答, 回答（部長）) is
 * read even when none of its cells is an answer: each of those is reported when read.
 */
import { a1 } from "../address";
import { ANSWER_BY_ID, type AnswerId } from "../catalog/diagnosis";
import { message, type EngineMessage } from "../messages";
import { isCellError, isUncalculated, type CellValue } from "../snapshot";
import { displayValue } from "../text/normalise";
import { answerLabel, numericValue, readAnswerText, readMark, readPoints } from "./cellReading";
import type { Grid } from "./grid";
import type { TableHeaders } from "./headers";
import type { ItemRow } from "./itemTables";

/** Where one respondent's answers are. */
export type Unit =
  | { kind: "text"; col: number; name: string | null; points: number | null }
  | { kind: "grid"; cols: Record<AnswerId, number>; left: number; right: number; labelRow: number; name: string | null; points: number | null }
  | { kind: "points"; col: number; name: string | null };

export const AMBIGUOUS = Symbol("ambiguous");

/** The value of a column for an item: the single non-empty value over the item's rows. */
export function itemValue(grid: Grid, item: ItemRow, col: number): CellValue | typeof AMBIGUOUS {
  let found: CellValue = null;
  for (let row = item.row; row <= item.lastRow; row++) {
    const v = grid.at(row, col);
    if (v === null || (typeof v === "string" && v.trim() === "")) continue;
    if (found !== null && JSON.stringify(found) !== JSON.stringify(v)) return AMBIGUOUS;
    found = v;
  }
  return found;
}

export function unitLeft(u: Unit): number {
  return u.kind === "grid" ? u.left : u.col;
}

export function unitRight(u: Unit): number {
  return u.kind === "grid" ? u.right : u.col;
}

/** What a column holds at the table's item rows. */
interface ColumnStats {
  col: number;
  /** Cells with a value (an ambiguous merged item counts once). */
  nonEmpty: number;
  /** Values that are neither errors nor formulas without a value. */
  readable: number;
  uncalculated: number;
  texts: number;
  points: number;
  scaleOnly: number;
  /**
   * Numbers no slip in typing points gives (beyond −1…5, or fractions): months 6–12, counts,
   * amounts. A 3 or a 1 among points is a slip, reported where it is read.
   */
  quantities: number;
  /** The first of those numbers, for the message. */
  firstQuantity: { row: number; value: CellValue } | null;
  zeroOrBelow: number;
  /** Cells whose value reads as an answer or points, in row order. */
  answerLike: { row: number; value: CellValue }[];
}

/**
 * answer, points: a respondent. weak-*: answers or points without evidence enough. unread-answer:
 * headed as an answer column, holding values none of which is an answer (a respondent when the
 * header is firm — 回答, 回答（部長） — or when nothing else is; else a state such as 対応状況). empty-*: headed as the
 * answer or points column, empty. scale: 1–5 ratings. numbers: points among other numbers
 * (months, counts), not headed as points. other: anything else.
 */
type Verdict = "answer" | "points" | "weak-answer" | "weak-points" | "unread-answer" | "empty-answer" | "empty-points" | "scale" | "numbers" | "other";

interface Classified {
  stats: ColumnStats;
  verdict: Verdict;
  header: ReturnType<TableHeaders["of"]>;
}

export interface UnitsFound {
  units: Unit[];
  /** A column of 1–5 ratings: the table may be a different questionnaire. */
  scale: boolean;
  messages: EngineMessage[];
}

export interface UnitContext {
  grid: Grid;
  rows: ItemRow[];
  headers: TableHeaders;
  /** The table's columns. */
  left: number;
  right: number;
  /** Question and number columns of every table on the sheet. */
  excluded: Set<number>;
  /** The item rows of the sheet's other tables. */
  otherRows: Set<number>;
  hidden: Set<number>;
}

function columnStats(ctx: UnitContext, col: number): ColumnStats {
  const s: ColumnStats = {
    col,
    nonEmpty: 0,
    readable: 0,
    uncalculated: 0,
    texts: 0,
    points: 0,
    scaleOnly: 0,
    quantities: 0,
    firstQuantity: null,
    zeroOrBelow: 0,
    answerLike: [],
  };
  let errors = 0;
  for (const r of ctx.rows) {
    const v = itemValue(ctx.grid, r, col);
    if (v === null) continue;
    s.nonEmpty++;
    if (v === AMBIGUOUS) continue;
    if (isCellError(v)) {
      errors++;
      continue;
    }
    if (isUncalculated(v)) {
      s.uncalculated++;
      continue;
    }
    if (readAnswerText(v).kind === "value") {
      s.texts++;
      s.answerLike.push({ row: r.row, value: v });
    } else if (readPoints(v).kind === "value") {
      s.points++;
      s.answerLike.push({ row: r.row, value: v });
      if ((numericValue(v) ?? 1) <= 0) s.zeroOrBelow++;
    } else {
      const n = numericValue(v);
      if (n !== null && !(Number.isInteger(n) && n >= -1 && n <= 5)) {
        s.quantities++;
        s.firstQuantity ??= { row: r.row, value: v };
      }
      if (n === 1 || n === 3 || n === 5) s.scaleOnly++;
    }
  }
  s.readable = s.nonEmpty - errors - s.uncalculated;
  return s;
}

/**
 * How many answers or points a column needs, without a header saying what it is, to be taken
 * for a respondent: a quarter of the table's items, at least 3.
 */
function enough(items: number): number {
  return Math.max(3, Math.ceil(items / 4));
}

/** Quantities (see ColumnStats) that make a column of 4s and 2s months or counts, not points: one may be a slip. */
const QUANTITIES = 2;

function classify(ctx: UnitContext, col: number): Classified {
  const stats = columnStats(ctx, col);
  const header = ctx.headers.of(col);
  const { texts, points, readable } = stats;
  const verdict = ((): Verdict => {
    if (header.kind === "notes" || header.kind === "aggregate") return "other";
    if (texts > 0 && (header.kind === "answer" || texts >= 0.5 * readable)) {
      if (header.kind === "answer" || header.kind === "name" || texts >= enough(ctx.rows.length)) return "answer";
      return "weak-answer";
    }
    // Many 1s, 3s and 5s and never a 0 or −1: a 1–5 scale, not the diagnosis's points.
    if (stats.zeroOrBelow === 0 && stats.scaleOnly >= Math.max(2, 0.2 * readable)) return "scale";
    if (points > 0 && points >= 0.6 * readable) {
      // Numbers no slip gives beside the 4s, 2s and 0s (12, 10, 6): months, counts or amounts
      // under a header such as 対応予定 or 台数, not a respondent. A column headed as the points
      // or answer column is read however many such numbers it holds (each reported).
      if (header.kind !== "points" && header.kind !== "answer" && stats.quantities >= QUANTITIES) return "numbers";
      if (header.kind !== "none" || points >= enough(ctx.rows.length)) return "points";
      return "weak-points";
    }
    // Marks under one answer label are a grid's column (a grid whose four labels were not all
    // found): no respondent of their own.
    // Values none of which is an answer (はい, ○, error values, formulas saved without values).
    if (stats.nonEmpty > 0 && texts === 0 && header.kind === "answer" && !header.label) return "unread-answer";
    if (readable === 0 && header.kind === "answer") return "empty-answer";
    if (readable === 0 && header.kind === "points") return "empty-points";
    return "other";
  })();
  return { stats, verdict, header };
}

/** Rows holding the four answer labels side by side head a grid of mark columns. */
/** Most columns between a grid's labels besides those the labels' own merges cover. */
const GRID_GAPS = 4;

/** The columns between labels side by side on a row, not counting those a label's own merge covers. */
function gapsBetween(grid: Grid, row: number, cols: number[]): number {
  const rightOf = (col: number) => {
    const m = grid.merge(row, col);
    return m && m.left === col ? m.right : col;
  };
  let gaps = 0;
  for (let k = 0; k + 1 < cols.length; k++) gaps += cols[k + 1] - rightOf(cols[k]) - 1;
  return gaps;
}

function findGrids(
  ctx: UnitContext,
  first: number,
  last: number,
  itemRows: Set<number>,
): { grids: Extract<Unit, { kind: "grid" }>[]; messages: EngineMessage[] } {
  const { grid } = ctx;
  const byCols = new Map<string, Extract<Unit, { kind: "grid" }>>();
  const messages: EngineMessage[] = [];
  for (let row = Math.max(grid.top, first - 8); row < last; row++) {
    if (itemRows.has(row) || ctx.otherRows.has(row)) continue;
    const labels: { col: number; id: AnswerId }[] = [];
    for (let col = ctx.left; col <= ctx.right; col++) {
      if (ctx.excluded.has(col)) continue;
      const id = gridLabel(grid.at(row, col));
      if (id) labels.push({ col, id });
    }
    if (labels.length === 3 && new Set(labels.map((l) => l.id)).size === 3) {
      const odd = oddLabel(
        ctx,
        row,
        labels.map((l) => l.col),
      );
      if (odd) messages.push(message("warning", "grid-label-unknown", grid.sheet.name, a1(row, odd.col), { value: odd.text }));
    }
    for (let i = 0; i + 4 <= labels.length;) {
      const four = labels.slice(i, i + 4);
      const ids = new Set(four.map((l) => l.id));
      // Side by side: at most GRID_GAPS columns between them besides those a label's own merge
      // covers (labels merged over several narrow columns, Excel 方眼紙).
      const rightOf = (col: number) => {
        const m = grid.merge(row, col);
        return m && m.left === col ? m.right : col;
      };
      if (
        ids.size === 4 &&
        gapsBetween(
          grid,
          row,
          four.map((l) => l.col),
        ) <= GRID_GAPS
      ) {
        const cols = Object.fromEntries(four.map((l) => [l.id, l.col])) as Record<AnswerId, number>;
        const key = four.map((l) => l.col).join(",");
        if (!byCols.has(key)) {
          const right = rightOf(four[3].col);
          const name = ctx.headers.gridName(row, four[0].col, right);
          byCols.set(key, { kind: "grid", cols, left: four[0].col, right, labelRow: row, name, points: null });
        }
        i += 4;
      } else i++;
    }
  }
  return { grids: [...byCols.values()], messages };
}

/**
 * Three of the four answer labels side by side and one other short text with them, over
 * columns holding marks: a grid whose fourth label is not an answer (「一部のみ」 for 一部実施
 * している). Its marks cannot be read; the text's cell is said, not guessed.
 */
function oddLabel(ctx: UnitContext, row: number, labelCols: number[]): { col: number; text: string } | null {
  const { grid } = ctx;
  const from = Math.max(ctx.left, Math.min(...labelCols) - GRID_GAPS - 1);
  const to = Math.min(ctx.right, Math.max(...labelCols) + GRID_GAPS + 1);
  const odd: { col: number; text: string }[] = [];
  for (let col = from; col <= to; col++) {
    if (ctx.excluded.has(col) || labelCols.includes(col)) continue;
    const v = grid.at(row, col);
    if (typeof v !== "string" || v.trim() === "" || [...v.trim()].length > 12) continue;
    const cols = [...labelCols, col].sort((a, b) => a - b);
    if (gapsBetween(grid, row, cols) <= GRID_GAPS) odd.push({ col, text: v.replace(/\s+/g, " ").trim() });
  }
  if (odd.length !== 1) return null;
  const cols = [...labelCols, odd[0].col];
  const isMark = (v: CellValue | typeof AMBIGUOUS) => v !== AMBIGUOUS && readMark(v).kind === "value";
  const marked = ctx.rows.filter((r) => cols.some((c) => isMark(itemValue(grid, r, c)))).length;
  return marked >= enough(ctx.rows.length) ? odd[0] : null;
}

function gridLabel(v: CellValue): AnswerId | null {
  const id = answerLabel(v);
  if (id) return id;
  const n = numericValue(v);
  if (n === null) return null;
  const a = Object.values(ANSWER_BY_ID).find((x) => x.points === n);
  return a ? a.id : null;
}

export function findUnits(ctx: UnitContext): UnitsFound {
  const { grid, rows, headers } = ctx;
  const sheet = grid.sheet.name;
  const itemRows = new Set<number>();
  for (const r of rows) for (let x = r.row; x <= r.lastRow; x++) itemRows.add(x);
  const first = Math.min(...rows.map((r) => r.row));
  const last = Math.max(...rows.map((r) => r.lastRow));
  const messages: EngineMessage[] = [];

  const { grids, messages: gridMessages } = findGrids(ctx, first, last, itemRows);
  messages.push(...gridMessages);
  const gridCols = new Set<number>();
  for (const g of grids) for (let c = g.left; c <= g.right; c++) gridCols.add(c);

  const columns = new Map<number, Classified>();
  let scale = false;
  for (let col = ctx.left; col <= ctx.right; col++) {
    if (ctx.excluded.has(col) || gridCols.has(col)) continue;
    const c = classify(ctx, col);
    if (c.verdict === "scale") scale = true;
    columns.set(col, c);
  }
  const verdict = (col: number) => columns.get(col)?.verdict;

  const units: Unit[] = [...grids];
  for (const [col, c] of columns) {
    if (c.verdict === "answer" && !ctx.hidden.has(col)) units.push({ kind: "text", col, name: null, points: null });
  }
  const strongPoints = [...columns].filter(([col, c]) => c.verdict === "points" && !ctx.hidden.has(col)).map(([col]) => col);
  const hasValues = units.length > 0 || strongPoints.length > 0;

  // Beside other respondents, a column headed as a respondent's answers (回答, 回答（部長）) is
  // one too, however few of its values are answers (はい, ○ throughout: every cell reported
  // when read). A column headed only as a state (対応状況: 済, 未対応) is not, and is said.
  if (hasValues) {
    for (const [col, c] of columns) {
      if (c.verdict === "unread-answer" && c.header.firm && !ctx.hidden.has(col)) units.push({ kind: "text", col, name: null, points: null });
    }
  }

  // Without a column of answers or points: the column headed as the answer column (every value
  // of it reported when read), the only column with a few answers, or, on a blank form, the
  // columns headed as the answer (else the points, below) are the respondents.
  if (!hasValues) {
    const weak = [...columns].filter(([col, c]) => (c.verdict === "weak-answer" || c.verdict === "weak-points") && !ctx.hidden.has(col));
    const unread = [...columns].filter(([col, c]) => c.verdict === "unread-answer" && !ctx.hidden.has(col));
    if (unread.length > 0) {
      for (const [col] of unread) units.push({ kind: "text", col, name: null, points: null });
    } else if (weak.length === 1) {
      const [col, c] = weak[0];
      units.push(c.verdict === "weak-answer" ? { kind: "text", col, name: null, points: null } : { kind: "points", col, name: null });
    } else if (weak.length === 0) {
      for (const [col, c] of columns) if (c.verdict === "empty-answer" && !ctx.hidden.has(col)) units.push({ kind: "text", col, name: null, points: null });
    }
  }
  units.sort((a, b) => unitLeft(a) - unitLeft(b));

  // Points beside an answer belong to it (one respondent), right side first.
  const paired = new Set<number>();
  const partnerHeaderOk = (p: number, u: Unit) => {
    const h = columns.get(p)!.header;
    if (h.kind === "none" && h.text === null) return true;
    if (h.kind === "points") return true;
    // One header merged over the answer and its points ("田中" over both columns).
    const m = headers.row === null ? undefined : grid.merge(headers.row, p);
    return m !== undefined && unitLeft(u) >= m.left && unitLeft(u) <= m.right;
  };
  const canPartner = (col: number) => ["points", "weak-points", "empty-points"].includes(verdict(col) ?? "") || (columns.get(col)?.stats.uncalculated ?? 0) > 0;
  for (const side of [1, -1] as const) {
    for (const u of units) {
      if (u.kind === "points" || u.points !== null) continue;
      const p = neighbour(ctx, side === 1 ? unitRight(u) : unitLeft(u), side, columns, gridCols);
      if (p !== null && canPartner(p) && !paired.has(p) && partnerHeaderOk(p, u)) {
        u.points = p;
        paired.add(p);
      }
    }
  }
  for (const col of strongPoints) if (!paired.has(col)) units.push({ kind: "points", col, name: null });
  if (units.length === 0) {
    // Nothing else on a blank form: a column headed as points.
    for (const [col, c] of columns) if (c.verdict === "empty-points" && !ctx.hidden.has(col)) units.push({ kind: "points", col, name: null });
  }
  for (const [col, c] of columns) {
    if (ctx.hidden.has(col) && !paired.has(col) && (c.verdict === "answer" || c.verdict === "points")) {
      messages.push(message("info", "hidden-column-ignored", sheet, a1(first, col)));
    }
  }
  units.sort((a, b) => unitLeft(a) - unitLeft(b));

  // Answer-like values in a column that is not read: said, cell by cell (the first few).
  const read = new Set<number>();
  for (const u of units) {
    if (u.kind === "grid") for (let c = u.left; c <= u.right; c++) read.add(c);
    else read.add(u.col);
    if (u.kind !== "points" && u.points !== null) read.add(u.points);
  }
  for (const [col, c] of columns) {
    if (read.has(col) || ctx.hidden.has(col)) continue;
    if (c.verdict === "numbers") {
      const f = c.stats.firstQuantity!;
      messages.push(message("info", "number-column", sheet, a1(f.row, col), { value: displayValue(f.value) }));
      continue;
    }
    if (c.verdict === "unread-answer") {
      // Headed as a state (状況, 評価) beside the respondents, holding none of the four answers.
      const first = rows.find((r) => itemValue(grid, r, col) !== null)!.row;
      messages.push(message("info", "unread-column", sheet, a1(first, col), { header: c.header.text ?? "" }));
      continue;
    }
    const notes = c.verdict === "other" && c.header.kind === "notes" && c.stats.answerLike.length > 0;
    if (!(c.verdict === "weak-answer" || c.verdict === "weak-points" || notes)) continue;
    messages.push(message("info", "doubtful-column", sheet, a1(c.stats.answerLike[0].row, col), { count: c.stats.answerLike.length }));
  }

  // Names: the header when it names someone, else a name above a generic header.
  for (const u of units) {
    if (u.kind === "grid") continue;
    const h = columns.get(u.col)!.header;
    if (h.name !== null) u.name = h.name;
    else if (h.kind === "answer" || h.kind === "points" || h.text === null) {
      const partner = u.kind === "text" && u.points !== null ? u.points : u.col;
      u.name = headers.nameAbove(Math.min(u.col, partner), Math.max(u.col, partner), (col) => read.has(col));
    }
  }
  return { units, scale, messages };
}

/**
 * The nearest column on one side that holds anything at the item rows, if it is within reach.
 * Columns that merged cells cover at every item row are no step: on a sheet of narrow columns
 * (Excel 方眼紙) an answer merged over Z:AF has its points right of AF.
 */
function neighbour(ctx: UnitContext, edge: number, side: 1 | -1, columns: Map<number, Classified>, gridCols: Set<number>): number | null {
  for (let col = edge + side, steps = 0; col >= ctx.left && col <= ctx.right && steps < 3; col += side) {
    if (ctx.excluded.has(col) || gridCols.has(col)) return null;
    if (coveredByMerges(ctx, col)) continue;
    const c = columns.get(col);
    if (c && (c.stats.nonEmpty > 0 || c.verdict !== "other")) return col;
    steps++;
  }
  return null;
}

/** True when every cell of the column at the item rows is inside a merge starting further left. */
function coveredByMerges(ctx: UnitContext, col: number): boolean {
  return ctx.rows.every((r) => {
    for (let row = r.row; row <= r.lastRow; row++) {
      const m = ctx.grid.merge(row, col);
      if (!m || m.left >= col) return false;
    }
    return true;
  });
}
