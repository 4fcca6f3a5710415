/**
 * The basic-policy checklist: the sample policy's five headings, the enactment date and the
 * representative's name, one per row, with a status column (記載あり / 記載なし / 要修正) and a
 * note column found by their headers. The expert fills it in; it is read back on every run.
 */
import { a1 } from "../../address";
import { POLICY_ELEMENTS } from "../../catalog/regulations";
import type { PolicyCheck } from "../../checksheet";
import { t } from "../../i18n";
import { message, type EngineMessage } from "../../messages";
import type { SheetSnapshot } from "../../snapshot";
import { displayValue, textKey } from "../../text/normalise";
import { Grid, MAX_HEADER_LENGTH } from "../grid";
import { matchPolicyElement, readPolicyStatus } from "./names";

const MIN_ELEMENTS = 4;
const STATUS_HEADERS = new Set(["状況", "状態", "判定", "確認結果", "評価", textKey(t("en", "policy.header.status"))].map(textKey));
const NOTE_HEADERS = new Set(["メモ", "備考", "コメント", "所見", textKey(t("en", "policy.header.note"))].map(textKey));

export interface PolicyFinding {
  sheet: string;
  checks: PolicyCheck[];
  messages: EngineMessage[];
}

export function recognisePolicyChecklist(sheet: SheetSnapshot): PolicyFinding | null {
  const grid = new Grid(sheet);
  for (let col = grid.left; col <= grid.right; col++) {
    const rows = new Map<string, number>();
    for (let row = grid.top; row <= grid.searchBottom; row++) {
      const v = grid.at(row, col);
      const id = typeof v === "string" && v.length <= MAX_HEADER_LENGTH ? matchPolicyElement(v) : null;
      if (id && !rows.has(id)) rows.set(id, row);
    }
    if (rows.size < MIN_ELEMENTS) continue;
    const first = Math.min(...rows.values());
    const header = findHeaderRow(grid, first);
    if (!header) continue;
    const messages: EngineMessage[] = [];
    const checks = POLICY_ELEMENTS.map((p): PolicyCheck => {
      const row = rows.get(p.id);
      if (row === undefined) return { id: p.id, status: null, note: null, cell: null };
      const cell = a1(row, header.status);
      const v = grid.at(row, header.status);
      const r = readPolicyStatus(v);
      if (r.kind === "error" || r.kind === "invalid") {
        messages.push(message("error", "invalid-policy-status", sheet.name, cell, { value: displayValue(v), element: p.heading }));
      } else if (r.kind === "uncalculated") messages.push(message("error", "uncalculated-formula", sheet.name, cell));
      const note = header.note === null ? null : grid.text(row, header.note);
      return { id: p.id, status: r.kind === "value" ? r.value : null, note, cell };
    });
    return { sheet: sheet.name, checks, messages };
  }
  return null;
}

/** The nearest row above the first element naming a status column (and maybe a note column). */
function findHeaderRow(grid: Grid, first: number): { status: number; note: number | null } | null {
  for (let row = first - 1; row >= Math.max(grid.top, first - 5); row--) {
    let status: number | null = null;
    let note: number | null = null;
    for (let col = grid.left; col <= grid.right; col++) {
      const v = grid.at(row, col);
      if (typeof v !== "string") continue;
      const k = textKey(v);
      if (status === null && STATUS_HEADERS.has(k)) status = col;
      else if (note === null && NOTE_HEADERS.has(k)) note = col;
    }
    if (status !== null) return { status, note };
  }
  return null;
}
