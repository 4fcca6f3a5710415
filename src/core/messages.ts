/**
 * Messages the engine reports about a workbook: a code, where (sheet and cell) and the values
 * that fill the sentence. The sentence itself comes from the resource files ("msg.<code>").
 */
import type { CellAddress } from "./address";
import { t, type Lang, type MessageKey, type Params } from "./i18n";

export type MessageLevel = "error" | "warning" | "info";

export type MessageCode =
  | "invalid-answer"
  | "invalid-points"
  | "invalid-mark"
  | "error-value"
  | "several-marks"
  | "answer-points-mismatch"
  | "ambiguous-cell"
  | "missing-item"
  | "duplicate-item"
  | "renumbered-item"
  | "hidden-column-ignored"
  | "no-answer-column"
  | "lookalike-scale"
  | "lookalike-wording"
  | "no-diagnosis"
  | "file-not-found"
  | "file-old-xls"
  | "file-encrypted"
  | "file-not-xlsx"
  | "file-unreadable";

export interface EngineMessage {
  level: MessageLevel;
  code: MessageCode;
  sheet: string | null;
  cell: CellAddress | null;
  params: Params;
}

export function message(
  level: MessageLevel,
  code: MessageCode,
  sheet: string | null,
  cell: CellAddress | null,
  params: Params = {},
): EngineMessage {
  return { level, code, sheet, cell, params };
}

export function renderMessage(m: EngineMessage, lang: Lang): string {
  return t(lang, `msg.${m.code}` as MessageKey, { sheet: m.sheet, cell: m.cell, ...m.params });
}
