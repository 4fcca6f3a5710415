/**
 * Messages the engine reports about a workbook: a code, where (sheet and cell) and the values
 * that fill the sentence. The sentence itself comes from the resource files ("msg.<code>").
 */
import type { CellAddress } from "./address";
import { t, type Lang, type ListParam, type MessageKey, type Params, type ResourceRef } from "./i18n";

export type MessageLevel = "error" | "warning" | "info";

/**
 * Why a workbook file cannot be read: the codes of the ExcelJS host's WorkbookReadError
 * (src/xlsx/readError.ts), which the fixtures' expectations name too. The bounds ones apply the
 * limits of src/xlsx/limits.ts.
 */
export const FILE_MESSAGE_CODES = [
  "file-not-found",
  "file-is-folder",
  "file-cannot-open",
  "file-empty",
  "file-too-large",
  "file-old-xls",
  "file-encrypted",
  "file-not-xlsx",
  "file-unreadable",
  "file-content-too-large",
  "file-too-many-cells",
  "file-too-many-validations",
  "file-too-many-parts",
] as const;
export type FileMessageCode = (typeof FILE_MESSAGE_CODES)[number];

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
  // Why a file cannot be read (FILE_MESSAGE_CODES).
  | FileMessageCode
  // The add-in's own bookkeeping, and why a plan was refused (core/plan.ts, the hosts' checks).
  | "plan-internal"
  | "plan-sheet-name"
  | "plan-company-sheet"
  | "plan-sheet-exists"
  | "plan-not-ours"
  | "plan-sheet-missing"
  | "plan-sheet-protected"
  | "plan-workbook-protected"
  | "plan-last-visible-sheet"
  | "plan-too-many-highlights"
  | "state-sheet-taken"
  | "state-fills-not-restored"
  | "state-old-version"
  | "state-discarded"
  | "state-intact"
  | "addin-sheet-copy"
  | "restore-moved"
  | "restore-renamed"
  | "restore-sheet-missing"
  | "restore-not-found"
  | "restore-fill-changed"
  | "text-truncated"
  // Recognition (core/recognise).
  | "uncalculated-formula"
  | "merged-answer"
  | "doubtful-column"
  | "unread-table"
  // Recognition of layouts found in the field (core/recognise).
  | "number-column"
  | "transposed-table"
  | "same-answers"
  | "hidden-sheet-ignored"
  | "example-sheet-ignored"
  | "grid-label-unknown"
  // Recognition that names what it read and what it set aside (core/recognise).
  | "merged-answer-outside"
  | "unread-column"
  | "several-tables"
  | "earlier-round-ignored"
  // What Excel itself could not do or read (src/excel).
  | "rows-not-frozen"
  | "merges-not-read"
  // Who counts as a respondent (core/recognise: derivedAnswers.ts, example tables).
  | "derived-respondent"
  | "derived-mixed"
  | "example-table-ignored"
  | "respondent-excluded"
  | "respondent-included"
  | "respondent-choice-unmatched"
  // The action plan sheet (core/report/actionPlanSheet.ts).
  | "plan-sheet-unread"
  | "invalid-plan-date"
  | "invalid-plan-number"
  | "invalid-plan-status"
  // Visits and their comparison (core/visitSeries.ts, `compare`).
  | "visit-state-damaged"
  | "visit-current-recorded"
  | "visit-current-blank"
  | "visit-none"
  | "visit-incomplete"
  | "compare-too-few-visits"
  // Recording a diagnosis as a visit (core/visits.ts; issue #14).
  | "visit-recorded"
  | "visit-unchanged"
  | "visit-label-taken"
  | "visit-label-invalid"
  | "visit-too-many"
  | "visit-no-diagnosis"
  // The coach's lasting choices about respondents (core/respondentChoices.ts).
  | "respondent-choice-stale"
  | "respondent-name-taken"
  | "respondent-choices-damaged"
  // The pane's edits written cell by cell, and why one was written in full (core/report/cellEdits.ts).
  | "edit-full-wider"
  | "edit-full-sheet-gone"
  | "edit-full-protected"
  | "edit-full-marker"
  | "edit-full-moved"
  | "edit-unsorted"
  | "edit-full-state"
  | "edit-full-colour"
  // The company's decision 「今回の見直し」 set from the pane, and its undo (core/companyCells.ts).
  | "decision-no-cell"
  | "decision-cell-kept"
  | "company-cell-sheet-missing"
  | "company-cell-changed";

export interface EngineMessage {
  level: MessageLevel;
  code: MessageCode;
  sheet: string | null;
  cell: CellAddress | null;
  params: Params;
}

export function message(level: MessageLevel, code: MessageCode, sheet: string | null, cell: CellAddress | null, params: Params = {}): EngineMessage {
  return { level, code, sheet, cell, params };
}

/**
 * A parameter that is another resource string ("kind.check"), rendered in the message's
 * language. Its type is not string: text from a workbook can never be taken for one.
 */
export const resourceParam = (key: MessageKey, params?: Params): ResourceRef => (params ? { ref: key, params } : { ref: key });

/** Sheet names as a list, each quoted as the message's language quotes a sheet's name. */
export const sheetListParam = (names: readonly string[]): ListParam => ({ list: names.map((name) => resourceParam("quote.sheet", { name })) });

/**
 * A list (item numbers, names) as one parameter, joined the way the sentence's language joins
 * a list (「11、12」, "11, 12"): each value stays text, the separators come from the resources.
 */
export function listParam(values: readonly (string | number | ResourceRef)[]): ListParam {
  return { list: values };
}

/** Renders a resource string whose parameters may be resource references (the same as t()). */
export function renderResource(lang: Lang, key: MessageKey, params: Params): string {
  return t(lang, key, params);
}

export function renderMessage(m: EngineMessage, lang: Lang): string {
  return renderResource(lang, `msg.${m.code}` as MessageKey, { sheet: m.sheet, cell: m.cell, ...m.params });
}
