/**
 * What the task pane needs of the workbook it works on. Two hosts implement it: Excel through
 * Office.js (excelHost.ts) and a local .xlsx file through ExcelJS for the browser preview
 * (previewHost.ts). The components see only this interface.
 */
import { t, type Lang, type MessageKey } from "../core/i18n";
import { renderMessage, type EngineMessage } from "../core/messages";
import type { Plan } from "../core/plan";
import type { TargetedEdit } from "../core/report/cellEdits";
import type { WorkbookSnapshot } from "../core/snapshot";

export type HostMode = "excel" | "preview";

/** The steps of one action, for the progress shown. */
export type Step = "read" | "plan" | "write";
export const STEPS: readonly Step[] = ["read", "plan", "write"];

/** What the user asked the pane to do. */
export type ActionKind = "open" | "analyse" | "write" | "clear" | "discard" | "edit" | "insert" | "select" | "record";

/** The action running, and its step once the host reports one (the views show it). */
export interface Busy {
  action: ActionKind;
  step: Step | null;
}

/**
 * What an action does with the workbook it has just read: a plan to apply (or none), a result,
 * and what planning found to tell (cells not found again, a copy of our sheet left, …).
 */
export type Work<T> = (snapshot: WorkbookSnapshot) => { plan: Plan | null; result: T; messages?: EngineMessage[] };

/** An action's outcome: its result, the messages for the user (planning's and the host's), technical warnings. */
export interface RunResult<T> {
  result: T;
  messages: EngineMessage[];
  /** English, technical (approximated fills, print settings on old Excel). */
  warnings: string[];
}

export interface PaneHost {
  readonly mode: HostMode;
  /**
   * Reads the workbook, lets `work` decide, applies its plan: one action against the workbook as
   * it is now (Excel: one Excel.run). Errors are PaneActionError.
   */
  run<T>(work: Work<T>, onStep: (step: Step) => void): Promise<RunResult<T>>;
  /**
   * Writes an edit's changed cells (core/report/cellEdits.ts) after checking in the same read
   * that they are where the pane believes: `refused` says why not (then nothing was written).
   */
  writeCells?(edit: TargetedEdit): Promise<{ refused: EngineMessage | null; warnings: string[] }>;
  /** Shows a cell in the workbook; absent where the host cannot (the preview). */
  select?(sheet: string, cell: string): Promise<void>;
  /** Opening and downloading a local file; only the preview has it. */
  file?: FileAccess;
}

export interface OpenedFile {
  name: string;
  /** Kinds of part a download would not carry over (charts, macros, …; "lostPart.<kind>"). */
  lost: string[];
}

export interface FileAccess {
  open(file: File): Promise<OpenedFile>;
  /** The workbook as it is now, downloaded under the name of the file opened. */
  download(): void;
  current(): string | null;
}

/**
 * What kind of failure, for a sentence in the pane's language (resources "pane.reason.<kind>");
 * the error's own message (English, technical) is shown below it as the detail.
 */
export type FailureKind = "refused" | "protected" | "editing" | "changed" | "tooLarge" | "internal" | "oldExcel" | "file" | "other";

/**
 * An action that failed. `written` says what is in the workbook: "nothing" (failed before
 * anything was written: the workbook is as it was), or "partial" (Excel stopped while writing).
 */
export class PaneActionError extends Error {
  override readonly name = "PaneActionError";
  constructor(
    readonly step: Step,
    readonly written: "nothing" | "partial",
    message: string,
    options?: { cause?: unknown },
    readonly kind: FailureKind = "other",
    /** For kind "file": the engine's message code, the file's name and the sentence's other values ("msg.<code>"). */
    readonly file?: { code: string; name: string; detail: string; params?: Record<string, string> },
    /** For kind "refused": why, each a message to show in the pane's language. */
    readonly problems?: EngineMessage[],
  ) {
    super(message, options);
  }
}

/**
 * The sentences saying why an action failed, in the pane's language, shown above the technical
 * detail: a refused plan's own reasons (each says what to do), an unreadable file's, or the
 * sentence for the kind of failure.
 */
export function failureReason(f: { kind: FailureKind; problems?: EngineMessage[]; file?: PaneActionError["file"] }, lang: Lang): string[] {
  if (f.file) return [t(lang, `msg.${f.file.code}` as MessageKey, { ...f.file.params, file: f.file.name, detail: f.file.detail })];
  if (f.kind === "refused" && f.problems?.length) return [t(lang, "pane.refused.lead"), ...f.problems.map((p) => renderMessage(p, lang))];
  return [t(lang, `pane.reason.${f.kind}` as MessageKey)];
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
