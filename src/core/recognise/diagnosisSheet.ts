/**
 * Finds the self-diagnosis on one sheet: the tables of its 25 items (itemTables.ts), for each
 * table the columns that hold answers (a text column, a grid of marks, or points; one or several
 * respondents: answerUnits.ts), and every answer with its cell (readAnswers.ts). It reports what
 * it cannot read and never guesses.
 *
 * The steps, per table: item rows → is this really the diagnosis (not a look-alike
 * questionnaire) → answer units → answers. Tables side by side that hold different items (one
 * table printed in two halves) are read as one table.
 */
import type { ItemAnswer, RespondentName } from "../assessment";
import { ITEMS, PARTS, type ItemNo } from "../catalog/diagnosis";
import { a1, columnLetters } from "../address";
import type { ResourceRef } from "../i18n";
import { listParam, message, resourceParam, type EngineMessage } from "../messages";
import type { SheetSnapshot } from "../snapshot";
import { textKey } from "../text/normalise";
import { findUnits, unitLeft, type Unit } from "./answerUnits";
import { Grid } from "./grid";
import { TableHeaders } from "./headers";
import { MIN_ITEMS, findItemTables, type ItemRow, type ItemTable } from "./itemTables";
import { readUnit } from "./readAnswers";
import { laterRounds } from "./rounds";
import { transposeAddress, transposeMessage, transposeSheet } from "./transpose";

export { MIN_ITEMS };
/** Share of the question rows inside the table that must be diagnosis items. */
export const MIN_QUESTION_SHARE = 0.6;
/** A question-like row: text at least this long (comparison key) in the question column. */
const QUESTION_KEY_LENGTH = 12;

export interface FoundRespondent {
  /** The name the sheet gives the respondent (column header or a name above it), or null. */
  header: string | null;
  answers: ItemAnswer[];
  /** 1-based number of the respondent's table on the sheet (tables in reading order). */
  table: number;
  /** Where the respondent's answers are (C列; 5行 on a sheet laid across), for naming an unnamed one; null when nowhere. */
  place: ResourceRef | null;
}

export interface SheetFinding {
  sheet: string;
  respondents: FoundRespondent[];
  /** How many tables of the diagnosis are read on the sheet. */
  tables: number;
  /** Each table's name by its number (FoundRespondent.table): its title, else 表N. */
  tableNames: RespondentName[];
  messages: EngineMessage[];
}

export type SheetOutcome = { kind: "diagnosis"; finding: SheetFinding } | { kind: "none"; messages: EngineMessage[] };

/** A table with its columns: from its first column to the next table on its right. */
interface Placed {
  table: ItemTable;
  left: number;
  right: number;
}

function leftmost(t: ItemTable): number {
  return Math.min(...t.questionCols, ...t.numberCols);
}

function overlapsRows(a: ItemTable, b: ItemTable): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Each table's columns: a table ends where the next table on the same rows begins. */
function place(grid: Grid, tables: ItemTable[]): Placed[] {
  return tables.map((t) => {
    const beside = tables.filter((o) => o !== t && overlapsRows(o, t));
    const toLeft = beside.filter((o) => leftmost(o) < leftmost(t));
    const toRight = beside.filter((o) => leftmost(o) > leftmost(t)).map(leftmost);
    return {
      table: t,
      left: toLeft.length ? leftmost(t) : grid.left,
      right: toRight.length ? Math.min(...toRight) - 1 : grid.right,
    };
  });
}

/** Step 2: how many question-like rows inside the table are diagnosis items. */
function questionShare(grid: Grid, t: ItemTable): { matched: number; questions: number } {
  const itemRows = new Set<number>();
  for (const r of t.items.values()) for (let x = r.row; x <= r.lastRow; x++) itemRows.add(x);
  const partNames = PARTS.map((p) => textKey(p.name.ja));
  let others = 0;
  for (let row = t.first; row <= t.last; row++) {
    if (itemRows.has(row)) continue;
    for (const col of t.questionCols) {
      const v = grid.at(row, col);
      if (typeof v !== "string") continue;
      const k = textKey(v);
      if (k.length >= QUESTION_KEY_LENGTH && !partNames.some((p) => k.includes(p))) {
        others++;
        break;
      }
    }
  }
  return { matched: t.items.size, questions: t.items.size + others };
}

/** A table's title as found above it (headers.ts), for its name and rounds. */
type Title = { text: string; row: number; col: number };

/** A table read: its answer units and messages, before its respondents are made. */
interface Found {
  p: Placed;
  units: Unit[];
  messages: EngineMessage[];
  title: Title | null;
}

interface ReadTable {
  units: Unit[];
  title: Title | null;
  /** The rows each unit is read at (a table in two halves reads each half's own columns). */
  parts: { items: Map<ItemNo, ItemRow>; units: Unit[] }[];
  messages: EngineMessage[];
  missing: ItemNo[];
}

export function recogniseDiagnosisSheet(sheet: SheetSnapshot): SheetOutcome {
  const grid = new Grid(sheet);
  const found = findItemTables(grid);
  if (found.tables.length > 0) return readTables(sheet, grid, found.tables, (col) => resourceParam("name.column", { column: columnLetters(col) }), true);
  return found.across ? readAcross(sheet) : { kind: "none", messages: [] };
}

/**
 * The items laid across a row, the respondents down the rows (a survey export, a tally): read
 * with rows and columns swapped, so that the column left of the items holding the names is the
 * header row; every cell is reported as on the sheet, and the layout is said once.
 */
function readAcross(sheet: SheetSnapshot): SheetOutcome {
  const turned = transposeSheet(sheet);
  const grid = new Grid(turned);
  const { tables } = findItemTables(grid);
  if (tables.length === 0) return { kind: "none", messages: [] };
  // Titles are rows above a table: a sheet laid across has none in its swapped rows.
  const outcome = readTables(turned, grid, tables, (row) => resourceParam("name.row", { row: row + 1 }), false);
  if (outcome.kind === "none") return { kind: "none", messages: outcome.messages.map(transposeMessage) };
  const f = outcome.finding;
  const first = tables.flatMap((t) => [...t.items.values()]).sort((a, b) => a.row - b.row || a.questionCol - b.questionCol)[0];
  const note = message("info", "transposed-table", sheet.name, a1(first.questionCol, first.row), { count: Math.max(...tables.map((t) => t.items.size)) });
  const respondents = f.respondents.map((r) => ({ ...r, answers: r.answers.map((a) => ({ ...a, cell: a.cell === null ? null : transposeAddress(a.cell) })) }));
  return { kind: "diagnosis", finding: { ...f, respondents, messages: [note, ...f.messages.map(transposeMessage)] } };
}

function readTables(sheet: SheetSnapshot, grid: Grid, itemTables: ItemTable[], placeOf: (col: number) => ResourceRef, titled: boolean): SheetOutcome {
  const tables = [...itemTables].sort((a, b) => a.first - b.first || leftmost(a) - leftmost(b));

  const excluded = new Set<number>();
  for (const t of tables) for (const c of [...t.questionCols, ...t.numberCols]) excluded.add(c);
  const hidden = new Set(sheet.hiddenColumns);
  const placed = place(grid, tables);
  const outside = new Map<ItemTable, Set<number>>();
  for (const t of tables) {
    const rows = new Set<number>();
    for (const o of tables) if (o !== t) for (const r of o.items.values()) for (let x = r.row; x <= r.lastRow; x++) rows.add(x);
    outside.set(t, rows);
  }

  const lookalikes: EngineMessage[] = [];
  const found: Found[] = [];
  for (const p of placed) {
    const t = p.table;
    const share = questionShare(grid, t);
    if (share.matched / share.questions < MIN_QUESTION_SHARE) {
      lookalikes.push(message("info", "lookalike-wording", sheet.name, null, { matched: share.matched, count: share.questions }));
      continue;
    }
    const rows = [...t.items.values()].sort((a, b) => a.row - b.row);
    const headers = new TableHeaders(grid, rows[0].row, t.questionCols, p.left, p.right, outside.get(t)!);
    const units = findUnits({ grid, rows, headers, left: p.left, right: p.right, excluded, hidden, otherRows: outside.get(t)! });
    if (units.scale && units.units.length === 0) {
      lookalikes.push(message("info", "lookalike-scale", sheet.name, null, { count: t.items.size }));
      continue;
    }
    // Answer columns under an example's title (【記入例】 over one of two blocks side by side): said, not read.
    const examples = titled ? units.units.map((u) => headers.exampleOver(unitLeft(u), isExampleTitle)) : [];
    const exampleMessages = [...new Map(examples.flatMap((e) => (e ? [[`${e.row},${e.col}`, e] as const] : []))).values()].map((e) =>
      message("info", "example-table-ignored", sheet.name, a1(e.row, e.col), { table: e.text }),
    );
    const real = units.units.filter((_, k) => !examples[k]);
    if (units.units.length > 0 && real.length === 0) {
      lookalikes.push(...exampleMessages);
      continue;
    }
    found.push({ p, units: real, messages: [...t.messages, ...units.messages, ...exampleMessages], title: titled ? headers.title() : null });
  }
  if (found.length === 0) return { kind: "none", messages: lookalikes };

  let read = joinHalves(found);
  const messages: EngineMessage[] = [...lookalikes];
  // Beside a table with answers, a table of the items without any (a list of the items for
  // reference, a plan of improvements) is no respondent: said once, not read.
  if (read.some((r) => r.units.length > 0)) {
    for (const r of read.filter((x) => x.units.length === 0)) {
      const first = firstItem(r);
      messages.push(message("warning", "unread-table", sheet.name, a1(first.row, first.questionCol)));
    }
    read = read.filter((r) => r.units.length > 0);
  }
  // Several tables: each named (its title, else 表N); an earlier round of another (its title
  // the same but for an earlier year or round) set aside, said; the others read, said once.
  const tableNames = namesOf(read.map((r) => r.title?.text ?? null));
  const later = laterRounds(read.map((r) => r.title?.text ?? null));
  read.forEach((r, i) => {
    if (later[i].length === 0) return;
    const newest = later[i].filter((j) => later[j].length === 0);
    // (Titles that name rounds in different ways may not order them all: then every later one.)
    const current = newest.length > 0 ? newest : later[i];
    const { row, col } = r.title!;
    messages.push(
      message("warning", "earlier-round-ignored", sheet.name, a1(row, col), { table: tableNames[i], current: listParam(current.map((j) => tableNames[j])) }),
    );
  });
  const kept = read.flatMap((r, i) => (later[i].length === 0 ? [i] : []));
  if (kept.length > 1) {
    const second = firstItem(read[kept[1]]);
    messages.push(
      message("info", "several-tables", sheet.name, a1(second.row, second.questionCol), {
        count: kept.length,
        tables: listParam(kept.map((i) => tableNames[i])),
      }),
    );
  }

  const respondents: FoundRespondent[] = [];
  for (const index of kept) {
    const r = read[index];
    messages.push(...r.messages);
    for (const no of r.missing) messages.push(message("warning", "missing-item", sheet.name, null, { no, title: ITEMS[no - 1].title }));
    if (r.units.length === 0) {
      messages.push(message("warning", "no-answer-column", sheet.name, null));
      respondents.push({ header: null, answers: ITEMS.map((i) => ({ no: i.no, answer: null, cell: null })), table: index + 1, place: null });
      continue;
    }
    r.units.forEach((u, k) => {
      const answers: ItemAnswer[] = ITEMS.map((i) => ({ no: i.no, answer: null, cell: null }));
      for (const part of r.parts) {
        const own = readUnit(grid, part.units[k], part.items, messages);
        for (const a of own) if (part.items.has(a.no)) answers[a.no - 1] = a;
      }
      respondents.push({ header: u.name, answers, table: index + 1, place: placeOf(unitLeft(u)) });
    });
  }
  return { kind: "diagnosis", finding: { sheet: sheet.name, respondents, tables: kept.length, tableNames, messages } };
}

/** A title that marks its table as a filled-in example: 記入例, 見本, サンプル, 例 alone or bracketed, example, sample. */
const EXAMPLE_TITLE = /記入例|見本|サンプル|(?:^|[【［[(（<〈])例(?:$|[】］\])）>〉:：\s])|\bexample\b|\bsample\b/i;

export function isExampleTitle(text: string | undefined | null): boolean {
  return typeof text === "string" && EXAMPLE_TITLE.test(text.normalize("NFKC"));
}

/** The first item row of a table (the top one). */
function firstItem(r: ReadTable): ItemRow {
  return [...r.parts[0].items.values()].sort((a, b) => a.row - b.row)[0];
}

/**
 * The tables' names: each table's title when the titles of the sheet's tables are all
 * different, else 表N (a title two tables share tells them apart no better than their place).
 */
function namesOf(titles: (string | null)[]): RespondentName[] {
  return titles.map((t, i) => (t !== null && titles.indexOf(t) === titles.lastIndexOf(t) ? t : resourceParam("name.table", { no: i + 1 })));
}

/**
 * Tables side by side on the same rows whose items do not overlap are one table in two halves
 * (items 1–12 on the left, 13–25 on the right, to fit a page), when their answer columns match
 * (same kinds at the same distance from the questions). Every other table stands alone.
 */
function joinHalves(found: Found[]): ReadTable[] {
  const out: ReadTable[] = [];
  const used = new Set<number>();
  const missingOf = (items: Map<ItemNo, ItemRow>) => ITEMS.map((i) => i.no).filter((no) => !items.has(no));
  found.forEach((f, i) => {
    if (used.has(i)) return;
    const t = f.p.table;
    const j = found.findIndex((g, k) => {
      if (k <= i || used.has(k)) return false;
      const u = g.p.table;
      return overlapsRows(t, u) && [...u.items.keys()].every((no) => !t.items.has(no)) && sameShape(f, g);
    });
    if (j < 0) {
      out.push({ units: f.units, title: f.title, parts: [{ items: t.items, units: f.units }], messages: f.messages, missing: missingOf(t.items) });
      return;
    }
    used.add(j);
    const g = found[j];
    const items = new Map([...t.items, ...g.p.table.items]);
    out.push({
      units: f.units.map((u, k) => ({ ...u, name: u.name ?? g.units[k].name }) as Unit),
      title: f.title ?? g.title,
      parts: [
        { items: t.items, units: f.units },
        { items: g.p.table.items, units: g.units },
      ],
      messages: [...f.messages, ...g.messages],
      missing: missingOf(items),
    });
  });
  return out;
}

/** Two tables' answer units are alike: same kinds at the same distance from their questions. */
function sameShape(a: { p: Placed; units: Unit[] }, b: { p: Placed; units: Unit[] }): boolean {
  if (a.units.length === 0 || a.units.length !== b.units.length) return false;
  const qa = Math.min(...a.p.table.questionCols);
  const qb = Math.min(...b.p.table.questionCols);
  return a.units.every((u, k) => {
    const v = b.units[k];
    if (u.kind !== v.kind || unitLeft(u) - qa !== unitLeft(v) - qb) return false;
    const pu = u.kind === "points" ? null : u.points;
    const pv = v.kind === "points" ? null : v.points;
    return (pu === null) === (pv === null) && (pu === null || pu - qa === pv! - qb);
  });
}
