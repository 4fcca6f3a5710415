/**
 * How the add-in knows its own output in a workbook, whichever host wrote it:
 * - each of its sheets carries a marker in row 1: "shindan-coach:<kind>" in a hidden column right
 *   of everything the sheet uses (AZ at least; further right when the summary is wider, e.g. with
 *   many respondents), found wherever it is in row 1;
 * - one very hidden sheet named STATE_SHEET holds the state as JSON: STATE_MARKER in A1 and the
 *   JSON split over A2, A3, … in chunks of at most STATE_CHUNK characters (a cell holds 32,767).
 *
 * A sheet is the add-in's only when it carries the marker AND the state names it. Excel's Move
 * or Copy copies the hidden marker with the cells, so a marked sheet the state does not name is
 * a copy someone made (or one of ours they renamed): it is the company's, never deleted nor read
 * as ours, and reported. A company sheet that happens to have one of our names has no marker,
 * so it is never taken for ours either.
 */
import { cellKey } from "./address";
import { SHEET_NAME_MAX, sameSheetName } from "./excelLimits";
import { tryParseA1 } from "./address";
import type { ListParam, ParamValue } from "./i18n";
import { message, resourceParam, type EngineMessage } from "./messages";
import { isObject, isPlainCellValue } from "./shapes";
import { ADDIN_SHEET_KINDS, STATE_SHEET, recordedFillProblem, type AddinSheetKind, type Plan, type StateData } from "./plan";
import { cellAt, type WorkbookSnapshot } from "./snapshot";
import { visitsProblem } from "./visits";
import { respondentChoicesProblem } from "./respondentChoices";

// What the plan's own checks need lives with the plan (core/plan.ts), Excel's rules in
// core/excelLimits.ts; here for the modules that know them from this one.
export { ADDIN_SHEET_KINDS, MARKER_COL, STATE_SHEET, isFillRecord, markerColumn, recordedFillProblem } from "./plan";
export { SHEET_NAME_MAX, sameSheetName } from "./excelLimits";

export const MARKER_PREFIX = "shindan-coach:";
export const STATE_MARKER = "shindan-coach-state";
export const STATE_CHUNK = 30_000;

export function markerText(kind: AddinSheetKind): string {
  return `${MARKER_PREFIX}${kind}`;
}

/** The kind a marker cell's value names, or null when the value is not one of our markers. */
export function markerKind(value: unknown): AddinSheetKind | null {
  if (typeof value !== "string" || !value.startsWith(MARKER_PREFIX)) return null;
  const kind = value.slice(MARKER_PREFIX.length) as AddinSheetKind;
  return ADDIN_SHEET_KINDS.includes(kind) ? kind : null;
}

/** Whether a cell's value is one of our markers. */
export function isMarker(value: unknown): value is string {
  return markerKind(value) !== null;
}

/** The marker a row of values holds (row 1 of a sheet, read left to right), or null. */
export function markerInRow(values: readonly unknown[]): AddinSheetKind | null {
  for (const v of values) {
    const kind = markerKind(v);
    if (kind) return kind;
  }
  return null;
}

export interface MarkedSheet {
  name: string;
  kind: AddinSheetKind;
}

/** Every sheet carrying our marker in row 1: ours, and any copy of ours. */
export function markedSheets(workbook: WorkbookSnapshot): MarkedSheet[] {
  const out: MarkedSheet[] = [];
  for (const s of workbook.sheets) {
    if (s.top > 0) continue;
    const kind = markerInRow(s.values[0] ?? []);
    if (kind) out.push({ name: s.name, kind });
  }
  return out;
}

/** The state a snapshot records, or null when it has none or it is damaged (never throws). */
export function stateOrNull(workbook: WorkbookSnapshot): StateData | null {
  try {
    return readState(workbook);
  } catch (e) {
    // A damaged state names no sheet as ours: nothing is deleted on its word.
    if (e instanceof StateDamagedError) return null;
    throw e;
  }
}

/**
 * The add-in's sheets: marked and named in the state (which defaults to the snapshot's own;
 * without a readable state no sheet is ours).
 */
export function findAddinSheets(workbook: WorkbookSnapshot, state: StateData | null = stateOrNull(workbook)): MarkedSheet[] {
  const recorded = new Set((state?.sheets ?? []).map((s) => s.name.toLowerCase()));
  return markedSheets(workbook).filter((s) => recorded.has(s.name.toLowerCase()));
}

/** Marked sheets the state does not name: copies of ours (Excel's Move or Copy), or ours renamed. */
export function copiedSheets(workbook: WorkbookSnapshot, state: StateData | null = stateOrNull(workbook)): MarkedSheet[] {
  const ours = new Set(findAddinSheets(workbook, state).map((s) => s.name));
  return markedSheets(workbook).filter((s) => !ours.has(s.name));
}

/** The message telling that a copy of one of our sheets is left as the company's. */
export function copyMessages(copies: MarkedSheet[]): EngineMessage[] {
  return copies.map((c) => message("info", "addin-sheet-copy", c.name, null));
}

/**
 * A sheet name that no sheet in `existing` has (compared as Excel does, ignoring case):
 * `wanted` itself, else "wanted (2)", "wanted (3)", … with `wanted` shortened so that the name
 * keeps to Excel's 31 characters.
 */
export function freeSheetName(existing: string[], wanted: string): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const base = truncate(wanted, SHEET_NAME_MAX);
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${truncate(wanted, SHEET_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** The first `max` UTF-16 units of s, never splitting a surrogate pair. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = isHighSurrogate(s.charCodeAt(max - 1)) ? max - 1 : max;
  return s.slice(0, cut);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The state sheet's cells for some state: A1 the marker, then the JSON in chunks. */
export function stateCells(state: StateData): string[] {
  const json = JSON.stringify(state);
  const chunks = [STATE_MARKER];
  let i = 0;
  while (i < json.length) {
    let end = Math.min(i + STATE_CHUNK, json.length);
    // A chunk ending half-way through a surrogate pair would be written as two broken characters.
    if (end < json.length && isHighSurrogate(json.charCodeAt(end - 1))) end--;
    chunks.push(json.slice(i, end));
    i = end;
  }
  return chunks;
}

/**
 * The state sheet holds our marker but not a usable state: nothing can be undone from it. The
 * detail (English) says what is wrong; toMessage() gives the user's sentence.
 */
export class StateDamagedError extends Error {
  override readonly name = "StateDamagedError";
  constructor(
    readonly sheet: string,
    readonly detail: string,
  ) {
    super(`the add-in's state in the hidden sheet "${sheet}" is damaged (${detail}); it cannot be used to undo the add-in's changes`);
  }

  toMessage(): EngineMessage {
    return message("error", "invalid-addin-state", this.sheet, null, { detail: this.detail });
  }
}

/** The state recorded in a snapshot; null when there is none. Throws StateDamagedError when it is there but damaged. */
export function readState(workbook: WorkbookSnapshot): StateData | null {
  const sheet = workbook.sheets.find((s) => sameSheetName(s.name, STATE_SHEET));
  if (!sheet) return null;
  const column: unknown[] = [];
  for (let row = 0; ; row++) {
    const v = cellAt(sheet, row, 0);
    if (typeof v !== "string") break;
    column.push(v);
  }
  return stateFromColumn(column, sheet.name);
}

/**
 * The state from the values of the state sheet's column A, top down (as any host reads them):
 * null when A1 is not STATE_MARKER (the sheet is not ours), the parsed state otherwise. Throws
 * StateDamagedError when the JSON is missing, cut short, or not the state's shape.
 */
export function stateFromColumn(column: readonly unknown[], sheetName: string = STATE_SHEET): StateData | null {
  if (column[0] !== STATE_MARKER) return null;
  let json = "";
  for (let i = 1; i < column.length && typeof column[i] === "string"; i++) json += column[i] as string;
  if (json === "") throw new StateDamagedError(sheetName, "it holds no data");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new StateDamagedError(sheetName, `not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problem = stateProblem(parsed);
  if (problem) throw new StateDamagedError(sheetName, problem);
  return parsed as StateData;
}

/** What is wrong with a parsed state, or null when it has the shape of StateData (version 1 or 2). */
function stateProblem(s: unknown): string | null {
  if (!isObject(s)) return "not an object";
  if (s.version !== 1 && s.version !== 2) return `unknown version ${JSON.stringify(s.version)}`;
  if (!Array.isArray(s.sheets)) return "no list of sheets";
  for (const x of s.sheets) {
    if (!isObject(x) || typeof x.name !== "string" || typeof x.kind !== "string") return "a sheet entry without name or kind";
  }
  if (!Array.isArray(s.highlights)) return "no list of highlighted cells";
  for (const h of s.highlights) {
    const p = recordedFillProblem(h);
    if (p) return p;
  }
  if (!isObject(s.ratingDefaults)) return "no rating defaults";
  if (s.respondents !== undefined) {
    const p = respondentChoicesProblem(s.respondents);
    if (p) return p;
  }
  if (s.companyCells !== undefined) {
    if (!Array.isArray(s.companyCells)) return "the company cells written are not a list";
    for (const c of s.companyCells) {
      if (!isObject(c) || typeof c.sheet !== "string" || c.sheet === "" || typeof c.cell !== "string" || tryParseA1(c.cell) === null)
        return "a company cell written without sheet or cell";
      if (!isPlainCellValue(c.original) || !(c.written === null || typeof c.written === "string"))
        return `the values of company cell ${c.sheet}!${c.cell} are not ones`;
    }
  }
  // The recorded visits are the only copy of earlier answers: a damaged record is said, never guessed.
  return visitsProblem(s.visits);
}

/**
 * The workbook as the company wrote it: without our state sheet and every marked sheet (ours,
 * and the copies of ours, which repeat the answers and would be read as one more diagnosis).
 */
export function companySnapshot(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const marked = new Set(markedSheets(snapshot).map((s) => s.name));
  return { ...snapshot, sheets: snapshot.sheets.filter((s) => !marked.has(s.name) && !sameSheetName(s.name, STATE_SHEET)) };
}

/** What a host learns from the state sheet before it writes: the sheets it names, and what forbids going on. */
export interface StateCheck {
  /** The sheets the state names as ours, lower case. */
  recorded: Set<string>;
  problems: EngineMessage[];
}

/**
 * What the state sheet allows (both hosts check this before writing): the sheets it names as
 * ours; and, when the plan replaces or removes the state, what would go wrong: a sheet that only
 * has the state sheet's name, a damaged state, or recorded original fills the plan neither
 * restores nor knowingly gives up (they would be lost for good). `stateSheetName` is undefined
 * when the workbook has no state sheet.
 */
export function checkState(plan: Plan, stateSheetName: string | undefined, stateColumn: readonly unknown[]): StateCheck {
  const problems: EngineMessage[] = [];
  const recorded = new Set<string>();
  if (stateSheetName === undefined) return { recorded, problems };
  let state: StateData | null = null;
  let damaged: StateDamagedError | null = null;
  try {
    state = stateFromColumn(stateColumn, stateSheetName);
  } catch (e) {
    if (!(e instanceof StateDamagedError)) throw e;
    damaged = e;
  }
  for (const s of state?.sheets ?? []) recorded.add(s.name.toLowerCase());
  if (plan.state === undefined) return { recorded, problems };
  if (plan.state === "discard") {
    // Only our own sheet goes, and only a state that cannot be used any more.
    if (state === null && damaged === null) problems.push(message("error", "state-sheet-taken", stateSheetName, null));
    return { recorded, problems };
  }
  if (damaged) problems.push(damaged.toMessage());
  else if (state === null) problems.push(message("error", "state-sheet-taken", stateSheetName, null));
  if (state) {
    const accounted = new Set([
      ...(plan.restoreFills ?? []).map((r) => cellKey(r.recorded?.sheet ?? r.sheet, r.recorded?.cell ?? r.cell)),
      ...(plan.unrestored ?? []).map((u) => cellKey(u.sheet, u.cell)),
    ]);
    const missing = state.highlights.filter((h) => !accounted.has(cellKey(h.sheet, h.cell)));
    if (missing.length) problems.push(message("error", "state-fills-not-restored", stateSheetName, null, { count: missing.length, cells: cellList(missing) }));
  }
  return { recorded, problems };
}

/** "本社!F2、本社!F3、…" for messages: the first five cells, then how many more. */
export function cellList(cells: readonly { sheet: string; cell: string }[], withSheet = true, max = 5): ListParam {
  const shown: ParamValue[] = cells.slice(0, max).map((c) => (withSheet ? `${c.sheet}!${c.cell}` : c.cell));
  if (cells.length > max) shown.push(resourceParam("list.more", { count: cells.length - max }));
  return { list: shown };
}
