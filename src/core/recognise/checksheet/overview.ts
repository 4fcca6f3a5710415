/**
 * The overview sheet: the 11 regulations, one per row, with the decision 「今回の見直し」.
 * Found by its decision header; the regulation column is the one below it holding the most
 * regulation names. A decision that is none of the four is reported with its cell.
 */
import { a1 } from "../../address";
import type { OverviewEntry } from "../../checksheet";
import { t } from "../../i18n";
import { message, type EngineMessage } from "../../messages";
import type { CellRange, SheetSnapshot } from "../../snapshot";
import { displayValue, textKey } from "../../text/normalise";
import { Grid, MAX_HEADER_LENGTH } from "../grid";
import { matchRegulation, readDecision } from "./names";

/** Regulation names a column must hold to be the overview's list. */
const MIN_REGULATIONS = 6;
/** How far below the header the list may run. */
const MAX_ROWS = 40;

const EN_DECISION = textKey(t("en", "overview.header.decision"));

/** Longest header text taken for the decision column (the seed's, with its note, is 18). */
const MAX_HEADER_KEY = 24;

function isDecisionHeader(v: unknown): boolean {
  if (typeof v !== "string" || v.length > MAX_HEADER_LENGTH) return false;
  const k = textKey(v);
  if (k.length > MAX_HEADER_KEY) return false;
  return k.includes("見直し") || k.includes("対応方針") || k === EN_DECISION;
}

export interface OverviewFinding {
  sheet: string;
  entries: OverviewEntry[];
  messages: EngineMessage[];
  /** The list with its header, from the name column to the decision column. */
  region: CellRange;
}

export function recogniseOverview(sheet: SheetSnapshot): OverviewFinding | null {
  const grid = new Grid(sheet);
  for (let row = grid.top; row <= grid.searchBottom; row++) {
    for (let dcol = grid.left; dcol <= grid.right; dcol++) {
      if (!isDecisionHeader(grid.at(row, dcol))) continue;
      const found = readBelow(grid, row, dcol);
      if (!found) continue;
      // A title over the list that mentions 見直し (「関連規程の見直し」) is not the decision
      // column's header: a decision header between it and the list is.
      for (let nearer = row + 1; nearer < found.firstName; nearer++) {
        for (let col = grid.left; col <= grid.right; col++) {
          if (!isDecisionHeader(grid.at(nearer, col))) continue;
          const under = readBelow(grid, nearer, col);
          if (under) return under.finding;
        }
      }
      return found.finding;
    }
  }
  return null;
}

function readBelow(grid: Grid, headerRow: number, dcol: number): { finding: OverviewFinding; firstName: number } | null {
  const last = Math.min(grid.bottom, headerRow + MAX_ROWS);
  let best: { col: number; count: number } | null = null;
  for (let col = grid.left; col <= grid.right; col++) {
    if (col === dcol) continue;
    let count = 0;
    for (let row = headerRow + 1; row <= last; row++) {
      const s = grid.text(row, col);
      if (s !== null && matchRegulation(s) !== null) count++;
    }
    if (count >= MIN_REGULATIONS && (!best || count > best.count)) best = { col, count };
  }
  if (!best) return null;
  // The list starts right under its header; a title further up that mentions 見直し is not it.
  let firstName = headerRow + 1;
  while (firstName <= last && (grid.text(firstName, best.col) === null || matchRegulation(grid.text(firstName, best.col)!) === null)) firstName++;
  if (firstName - headerRow > 3) return null;

  const sheet = grid.sheet.name;
  const entries: OverviewEntry[] = [];
  const messages: EngineMessage[] = [];
  let lastRow = headerRow;
  for (let row = headerRow + 1; row <= last; row++) {
    const name = grid.text(row, best.col);
    const regulation = name === null ? null : matchRegulation(name);
    if (regulation === null) continue;
    const cell = a1(row, dcol);
    if (entries.some((e) => e.regulation === regulation)) {
      messages.push(message("warning", "duplicate-regulation", sheet, a1(row, best.col), { value: name }));
      continue;
    }
    const v = grid.at(row, dcol);
    const r = readDecision(v);
    if (r.kind === "error" || r.kind === "invalid") {
      messages.push(message("error", "invalid-decision", sheet, cell, { value: displayValue(v), regulation: name }));
    } else if (r.kind === "uncalculated") messages.push(message("error", "uncalculated-formula", sheet, cell));
    entries.push({ regulation, nameAsWritten: name!, decision: r.kind === "value" ? r.value : null, cell });
    lastRow = row;
  }
  const region = { top: headerRow, bottom: lastRow, left: Math.min(best.col, dcol), right: Math.max(best.col, dcol) };
  return { finding: { sheet, entries, messages, region }, firstName };
}
