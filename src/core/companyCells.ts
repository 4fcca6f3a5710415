/**
 * The one change the add-in makes to a company cell: the company's decision 「今回の見直し」 on
 * the checksheet's overview, set from the pane. Undoable like the highlights: the state records
 * the cell's value before (the first time the add-in writes it) and what was written; clear puts
 * the value before back, but only while the cell still holds what the add-in wrote (a decision
 * someone typed since is the company's, and is left). Pure: snapshots in, plan parts out.
 */
import { a1, parseA1 } from "./address";
import { sameSheetName } from "./addinState";
import type { Analysis } from "./analyse";
import { DECISIONS, type DecisionId, type RegulationNo } from "./catalog/regulations";
import { message, type EngineMessage } from "./messages";
import { PlanRefusedError, cellKey, type CompanyCellWrite, type RecordedCompanyCell, type StateData } from "./plan";
import { readDecision } from "./recognise/checksheet/names";
import { cellAt, isCellDate, isCellError, isUncalculated, type CellValue, type WorkbookSnapshot } from "./snapshot";
import { displayValue } from "./text/normalise";

/** A plain value a cell can be given back (a date, an error or a formula cannot: refused before writing). */
type PlainValue = RecordedCompanyCell["original"];

function plain(v: CellValue): v is PlainValue {
  return !isCellDate(v) && !isCellError(v) && !isUncalculated(v);
}

function hasFormula(snapshot: WorkbookSnapshot, sheet: string, cell: string): boolean {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  const { row, col } = parseA1(cell);
  return (s?.formulas ?? []).some((f) => f.row === row && f.col === col);
}

/**
 * The words to write for `decision`: those the overview already uses for it on another row, else
 * the dropdown's wording of the sheet's language (English when the other rows are written in
 * English, else the seed's Japanese).
 */
function decisionText(snapshot: WorkbookSnapshot, sheet: string, cells: { cell: string }[], decision: DecisionId): string {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  const texts = s
    ? cells.map((c) => cellAt(s, parseA1(c.cell).row, parseA1(c.cell).col)).filter((v): v is string => typeof v === "string" && v.trim() !== "")
    : [];
  const same = texts.find((v) => {
    const r = readDecision(v);
    return r.kind === "value" && r.value === decision;
  });
  if (same !== undefined) return same;
  const def = DECISIONS.find((d) => d.id === decision)!;
  const english = texts.some((v) => DECISIONS.some((d) => d.label.en === v.trim()));
  return english ? def.label.en : def.label.ja;
}

/**
 * The write that sets regulation `no`'s decision (null empties it) in the company's overview.
 * Refused (PlanRefusedError, with a message naming the cell) when the workbook has no overview
 * row for the regulation, or its cell holds a formula, a date or an error (the add-in would not
 * know what to give back).
 */
export function decisionWrite(snapshot: WorkbookSnapshot, analysis: Analysis, no: RegulationNo, decision: DecisionId | null): CompanyCellWrite {
  const regs = analysis.regulations;
  const sheet = regs?.overviewSheet ?? null;
  const at = regs?.decisionCells?.find((d) => d.regulation === no);
  if (!regs || sheet === null || !at) throw new PlanRefusedError([message("error", "decision-no-cell", sheet, null, { regulation: String(no) })]);
  const s = snapshot.sheets.find((x) => x.name === sheet);
  const now = s ? cellAt(s, parseA1(at.cell).row, parseA1(at.cell).col) : null;
  if (hasFormula(snapshot, sheet, at.cell) || !plain(now)) {
    throw new PlanRefusedError([message("error", "decision-cell-kept", sheet, at.cell, { value: displayValue(now) })]);
  }
  return { sheet, cell: at.cell, value: decision === null ? null : decisionText(snapshot, sheet, regs.decisionCells ?? [], decision) };
}

/** The snapshot as it will be once `writes` are made: what the analysis and our sheets are built from. */
export function withCompanyCells(snapshot: WorkbookSnapshot, writes: readonly CompanyCellWrite[]): WorkbookSnapshot {
  if (writes.length === 0) return snapshot;
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((s) => {
      const mine = writes.filter((w) => sameSheetName(w.sheet, s.name));
      if (mine.length === 0) return s;
      let { top, left } = s;
      const cells = mine.map((w) => ({ ...parseA1(w.cell), value: w.value }));
      const bottom = Math.max(s.top + s.values.length - 1, ...cells.map((c) => c.row));
      const right = Math.max(s.left + Math.max(0, ...s.values.map((r) => r.length)) - 1, ...cells.map((c) => c.col));
      top = Math.min(top, ...cells.map((c) => c.row));
      left = Math.min(left, ...cells.map((c) => c.col));
      const values: CellValue[][] = [];
      for (let r = top; r <= bottom; r++) {
        const row: CellValue[] = [];
        for (let c = left; c <= right; c++) row.push(cellAt(s, r, c));
        values.push(row);
      }
      for (const c of cells) values[c.row - top][c.col - left] = c.value === "" ? null : c.value;
      return { ...s, top, left, values };
    }),
  };
}

/**
 * The state's record after `writes`: a cell written before keeps the value it had before the
 * add-in first wrote it; a new one records its value now (from `before`, the snapshot read).
 */
export function recordCompanyCells(
  previous: readonly RecordedCompanyCell[] | undefined,
  before: WorkbookSnapshot,
  writes: readonly CompanyCellWrite[],
): RecordedCompanyCell[] {
  const out = (previous ?? []).map((r) => ({ ...r }));
  for (const w of writes) {
    const written = w.value === null || w.value === "" ? null : String(w.value);
    const known = out.find((r) => cellKey(r.sheet, r.cell) === cellKey(w.sheet, w.cell));
    if (known) {
      known.written = written;
      continue;
    }
    const s = before.sheets.find((x) => sameSheetName(x.name, w.sheet));
    const now = s ? cellAt(s, parseA1(w.cell).row, parseA1(w.cell).col) : null;
    // decisionWrite refused anything else; a plain value is all a record can give back.
    out.push({ sheet: s?.name ?? w.sheet, cell: w.cell, original: plain(now) ? now : null, written });
  }
  // A cell set back to its value before keeps its record: clear then writes that same value.
  return out;
}

const sameValue = (now: CellValue, written: string | null) =>
  written === null ? now === null || now === "" : typeof now === "string" ? now === written : String(now) === written && plain(now);

/**
 * Clear's part: each recorded company cell given its value before, while it still holds what the
 * add-in wrote; a cell changed since, or on a sheet no longer there, is left and said.
 */
export function companyCellRestores(snapshot: WorkbookSnapshot, state: StateData | null): { writes: CompanyCellWrite[]; messages: EngineMessage[] } {
  const writes: CompanyCellWrite[] = [];
  const messages: EngineMessage[] = [];
  for (const r of state?.companyCells ?? []) {
    const at = parseA1(r.cell);
    const cell = a1(at.row, at.col);
    const s = snapshot.sheets.find((x) => sameSheetName(x.name, r.sheet));
    const before = r.original === null ? "-" : String(r.original);
    if (!s) {
      messages.push(message("warning", "company-cell-sheet-missing", r.sheet, cell, { value: before }));
      continue;
    }
    const now = cellAt(s, at.row, at.col);
    if (!sameValue(now, r.written) || hasFormula(snapshot, s.name, r.cell)) {
      messages.push(message("warning", "company-cell-changed", s.name, cell, { value: before }));
      continue;
    }
    writes.push({ sheet: s.name, cell: r.cell, value: r.original });
  }
  return { writes, messages };
}
