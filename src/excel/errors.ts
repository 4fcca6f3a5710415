/// <reference types="office-js" />
/**
 * Errors of the Office.js host, and the one place where context.sync() is called: every sync is
 * counted, and an error Excel reports is re-thrown with what the host was doing and what the
 * code means (never swallowed).
 */

export class ExcelHostError extends Error {
  override readonly name = "ExcelHostError";
  constructor(
    /** Excel's error code (ItemNotFound, AccessDenied, …) or the host's own. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown; during?: "write" },
  ) {
    super(message, options);
    this.during = options?.during;
    this.location = errorLocation(options?.cause);
  }
  /** "write": Excel failed on the sync that writes, and what it ran before failing stays written. */
  readonly during?: "write";
  /** Where Excel says the request failed (debugInfo.errorLocation, "Class.member"), when it says. */
  readonly location?: string;
}

/**
 * OfficeExtension.Error's debugInfo.errorLocation: the class and member the failing action
 * called ("WorksheetFreezePanes.freezeRows", "Range.merge"); undefined when Excel gives none.
 * https://learn.microsoft.com/en-us/javascript/api/office/officeextension.debuginfo
 */
export function errorLocation(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const at = (e as { debugInfo?: { errorLocation?: unknown } }).debugInfo?.errorLocation;
  return typeof at === "string" && at !== "" ? at : undefined;
}

/** Excel's error codes as OfficeExtension.Error carries them. */
function codeOf(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

const EXPLAIN: Record<string, string> = {
  ItemNotFound: "a sheet or range the add-in expected is not there (was the workbook changed meanwhile?)",
  AccessDenied: "the workbook or the sheet is protected",
  ApiNotFound: "this version of Excel lacks an API the add-in needs",
  InvalidArgument: "Excel rejected a value the add-in sent",
  InvalidOperation: "Excel refused the operation",
  RequestPayloadSizeLimitExceeded: "the request was larger than Excel accepts (5 MB on the web)",
  ResponsePayloadSizeLimitExceeded: "the answer was larger than Excel can send (5 MB on the web)",
  InvalidOperationInCellEditMode: "a cell is being edited: finish the edit (Enter or Esc) and try again",
  GeneralException: "Excel reported an internal error (on Excel on the web also what a request or answer over 5 MB often gets)",
};

/** The code of an error for which Excel ran nothing of the request. */
const REFUSED_WHOLE = "InvalidOperationInCellEditMode";

export function isPayloadLimit(e: unknown): boolean {
  const code = codeOf(e);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/**
 * Excel's catch-all error, which Excel on the web often gives a request or response over its
 * 5 MB instead of the payload-limit codes (office-js issues 1314, 1012; office-js-docs-reference
 * issue 354; office-js-docs issue 1247): size is then one possible cause among others.
 */
export function isGeneralException(e: unknown): boolean {
  return codeOf(e) === "GeneralException";
}

/** UTF-8 length of a string, without Node's Buffer (the host runs in the browser). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonBytes(x: unknown): number {
  return utf8Length(JSON.stringify(x) ?? "");
}

/** Counts syncs and estimates payloads (UTF-8 bytes of the JSON sent and received). */
export class SyncCounter {
  syncs = 0;
  bytes = 0;

  constructor(private readonly context: Excel.RequestContext) {}

  /** context.sync(), counted; Excel's errors re-thrown as ExcelHostError naming the step. */
  async sync(step: string, during?: "write"): Promise<void> {
    this.syncs++;
    try {
      await this.context.sync();
    } catch (e) {
      const code = codeOf(e);
      if (code === undefined) throw e;
      const detail = e instanceof Error ? e.message : String(e);
      const why = EXPLAIN[code] ?? "Excel reported an error";
      // In cell edit mode Excel refuses the whole request before running any of it: nothing was
      // written, whatever the step (https://learn.microsoft.com/en-us/office/dev/add-ins/testing/application-specific-api-error-handling).
      const wrote = code === REFUSED_WHOLE ? undefined : during;
      // Where it failed goes into the detail the pane and the logs show: it names the request that failed.
      const at = errorLocation(e);
      throw new ExcelHostError(code, `${step}: ${why} (${code}${at ? ` at ${at}` : ""}: ${detail})`, { cause: e, during: wrote });
    }
  }

  /** Adds the estimated size of data sent or received. */
  count(x: unknown): void {
    this.bytes += jsonBytes(x);
  }
}
