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
  | "no-checksheet"
  | "invalid-decision"
  | "invalid-presence"
  | "invalid-policy-status"
  | "unknown-regulation"
  | "regulation-not-listed"
  | "duplicate-regulation"
  | "duplicate-sheet"
  | "invalid-rating"
  | "invalid-addin-state"
  | "file-not-found"
  | "file-old-xls"
  | "file-encrypted"
  | "file-not-xlsx"
  | "file-unreadable"
  | "file-empty"
  | "file-is-folder"
  | "file-too-large"
  | "file-content-too-large"
  | "file-too-many-cells"
  | "file-too-many-validations"
  | "file-too-many-parts"
  | "file-cannot-open";

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

/** A parameter that names a resource string ("@kind.check") is rendered in the message's language. */
export const resourceParam = (key: MessageKey): string => `@${key}`;

/** Renders a resource string whose parameters may themselves name resource strings. */
export function renderResource(lang: Lang, key: MessageKey, params: Params): string {
  const resolved = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === "string" && v.startsWith("@") ? t(lang, v.slice(1) as MessageKey) : v]),
  );
  return t(lang, key, resolved);
}

export function renderMessage(m: EngineMessage, lang: Lang): string {
  return renderResource(lang, `msg.${m.code}` as MessageKey, { sheet: m.sheet, cell: m.cell, ...m.params });
}
