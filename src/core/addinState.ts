/**
 * How the add-in knows its own output in a workbook, whichever host wrote it:
 * - each of its sheets carries a marker cell: row 1 (index 0), column MARKER_COL, holding
 *   "shindan-coach:<kind>" (the column is hidden and outside the print area);
 * - one very hidden sheet named STATE_SHEET holds the state as JSON: STATE_MARKER in A1 and the
 *   JSON split over A2, A3, … in chunks of at most STATE_CHUNK characters (a cell holds 32,767).
 * A company sheet that happens to have the same name as one of ours has no marker, so it is
 * never taken for ours.
 */
import { parseA1 } from "./address";
import { cellKey, type AddinSheetKind, type Plan, type RecordedFill, type StateData } from "./plan";
import { cellAt, type WorkbookSnapshot } from "./snapshot";

export const MARKER_PREFIX = "shindan-coach:";
/** Column index of the marker cell (0-based; "AZ"), far right of any sheet we write. */
export const MARKER_COL = 51;
export const STATE_SHEET = "ShindanCoachState";
export const STATE_MARKER = "shindan-coach-state";
export const STATE_CHUNK = 30_000;
/** Excel's limit on the length of a sheet name. */
export const SHEET_NAME_MAX = 31;

export const ADDIN_SHEET_KINDS: readonly AddinSheetKind[] = ["summary", "priorities", "regulations"];

export function markerText(kind: AddinSheetKind): string {
  return `${MARKER_PREFIX}${kind}`;
}

/** Whether a marker cell's value marks a sheet as the add-in's. */
export function isMarker(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(MARKER_PREFIX);
}

/** Excel compares sheet names case-insensitively (also for non-ASCII letters). */
export function sameSheetName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The add-in's sheets in a snapshot, found by their marker. */
export function findAddinSheets(workbook: WorkbookSnapshot): { name: string; kind: AddinSheetKind }[] {
  const out: { name: string; kind: AddinSheetKind }[] = [];
  for (const s of workbook.sheets) {
    const v = cellAt(s, 0, MARKER_COL);
    if (isMarker(v)) out.push({ name: s.name, kind: v.slice(MARKER_PREFIX.length) as AddinSheetKind });
  }
  return out;
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
function truncate(s: string, max: number): string {
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

/** The state recorded in a snapshot; null when there is none. Throws when it is there but damaged. */
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
 * null when A1 is not STATE_MARKER (the sheet is not ours), the parsed state otherwise. Throws an
 * Error naming the sheet when the JSON is missing, cut short, or not the state's shape.
 */
export function stateFromColumn(column: readonly unknown[], sheetName: string = STATE_SHEET): StateData | null {
  if (column[0] !== STATE_MARKER) return null;
  let json = "";
  for (let i = 1; i < column.length && typeof column[i] === "string"; i++) json += column[i] as string;
  const damaged = (why: string) =>
    new Error(`the add-in's state in the hidden sheet "${sheetName}" is damaged (${why}); it cannot be used to undo the add-in's changes`);
  if (json === "") throw damaged("it holds no data");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw damaged(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problem = stateProblem(parsed);
  if (problem) throw damaged(problem);
  return parsed as StateData;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What is wrong with a parsed state, or null when it has the shape of StateData. */
function stateProblem(s: unknown): string | null {
  if (!isObject(s)) return "not an object";
  if (s.version !== 1) return `unknown version ${JSON.stringify(s.version)}`;
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
  return null;
}

/** What is wrong with one recorded fill, or null. */
export function recordedFillProblem(h: unknown): string | null {
  if (!isObject(h) || typeof h.sheet !== "string" || h.sheet === "" || typeof h.cell !== "string") {
    return "a highlighted cell without sheet or cell";
  }
  try {
    parseA1(h.cell);
  } catch {
    return `"${h.cell}" is not a cell address`;
  }
  if (!("original" in h)) return `the original fill of ${h.sheet}!${h.cell} is missing`;
  if (!isFillRecord(h.original)) return `the original fill of ${h.sheet}!${h.cell} is not a fill`;
  return null;
}

/** null, or a fill object as ExcelJS and Office describe it (pattern or gradient). */
export function isFillRecord(v: unknown): boolean {
  if (v === null) return true;
  return isObject(v) && (v.type === "pattern" || v.type === "gradient");
}

/** The highlights recorded in a state, as the restoreFills of the next plan. */
export function recordedFills(state: StateData | null): RecordedFill[] {
  return state ? state.highlights.map((h) => ({ sheet: h.sheet, cell: h.cell, original: h.original })) : [];
}

/** The workbook as the company wrote it: without our marked sheets and the state sheet. */
export function companySnapshot(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const own = new Set(findAddinSheets(snapshot).map((s) => s.name));
  return { ...snapshot, sheets: snapshot.sheets.filter((s) => !own.has(s.name) && s.name !== STATE_SHEET) };
}

/**
 * What would go wrong in replacing or removing the state a workbook holds (both hosts check
 * this before writing): a sheet that only has the state sheet's name, a damaged state, or
 * recorded original fills the plan does not put back (they would be lost for good).
 */
export function stateReplacementProblems(plan: Plan, stateSheetName: string, stateColumn: readonly unknown[]): string[] {
  const problems: string[] = [];
  let recorded: StateData | null = null;
  try {
    recorded = stateFromColumn(stateColumn, stateSheetName);
    if (recorded === null) problems.push(`sheet "${stateSheetName}" has the name of the add-in's state sheet but is not the add-in's; it is left alone`);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (recorded) {
    const restoring = new Set((plan.restoreFills ?? []).map((r) => cellKey(r.sheet, r.cell)));
    const missing = recorded.highlights.filter((h) => !restoring.has(cellKey(h.sheet, h.cell)));
    if (missing.length) {
      const list = missing.slice(0, 5).map((h) => `${h.sheet}!${h.cell}`).join(", ");
      problems.push(
        `the add-in's state records the original fill of ${missing.length} cell(s) (${list}${missing.length > 5 ? ", …" : ""}) that the plan does not restore; replacing or removing the state would lose them`,
      );
    }
  }
  return problems;
}
