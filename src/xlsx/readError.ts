/** Why a workbook cannot be read, as a message code for the user (browser-safe). */
import { message, type EngineMessage, type FileMessageCode } from "../core/messages";

export type WorkbookReadErrorCode = FileMessageCode;

/** Values a read error's sentence names besides {file} and {detail} (a part, a sheet, a figure, a limit). */
export type ReadErrorParams = Record<string, string>;

/**
 * A workbook that cannot be read, with the message code that explains why to the user.
 * `message` is a short technical detail (the cause's message when there is one), which the
 * sentences show as {detail}.
 */
export class WorkbookReadError extends Error {
  override readonly name = "WorkbookReadError";
  readonly code: WorkbookReadErrorCode;
  /** The file name (or the name given for a buffer). */
  readonly file: string;
  readonly params: ReadErrorParams;

  constructor(code: WorkbookReadErrorCode, file: string, options?: { cause?: unknown; detail?: string; params?: ReadErrorParams }) {
    super(options?.detail ?? (detailOf(options?.cause) || code), options);
    this.code = code;
    this.file = file;
    this.params = options?.params ?? {};
  }

  get detail(): string {
    return this.message;
  }

  /** The error as an engine message: "msg.<code>" filled with {file}, {detail} and the params. */
  toMessage(file: string = this.file): EngineMessage {
    return message("error", this.code, null, null, { ...this.params, file, detail: this.detail });
  }
}

function detailOf(cause: unknown): string {
  if (cause === undefined) return "";
  const s = cause instanceof Error ? cause.message : String(cause);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
