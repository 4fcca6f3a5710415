/// <reference types="office-js" />
/**
 * A STRICT FAKE of the Excel JavaScript API (Office.js), for testing src/excel without Excel.
 *
 * It implements the subset the host in src/excel uses, and nothing more, with Excel's semantics
 * where they are documented (and strictness where they are not):
 *
 * Modelled
 * - Batches: every property write, method call and `load` is queued on the RequestContext and
 *   runs against the workbook, in queue order, at `context.sync()`. Queued writes are invisible
 *   until then; a later load in the same batch sees the earlier writes. A failing action stops
 *   the batch: what ran before it stays done (no rollback), nothing loaded is delivered, and the
 *   sync rejects with an error shaped like OfficeExtension.Error (`code`, `debugInfo`).
 *   Stricter than Office.js: a property that was written but not loaded does not read back
 *   (Office.js echoes the written value locally; the host relies on neither).
 * - Loading: reading a property that was not loaded and synced throws code "PropertyNotLoaded";
 *   a ClientResult (getCellProperties, getRowProperties, getColumnProperties) read before its
 *   sync throws "ValueNotLoaded"; `isNullObject` is readable only after a load and sync. A proxy
 *   is bound to its target at the first action that uses it (a used range is the used range at
 *   that point of the batch) and stays bound.
 * - Null objects: getItemOrNullObject, getUsedRangeOrNullObject, getMergedAreasOrNullObject.
 *   Only `load`/`isNullObject` may be used on a null object: any other use (a method, a child
 *   object, a write) fails, because what real Excel does then is not documented.
 * - Errors: getItem of a missing sheet → "ItemNotFound" at sync; a 2-D array (values, formulas,
 *   numberFormat, setCellProperties) whose shape differs from the range → "InvalidArgument";
 *   adding a sheet whose name exists → "ItemAlreadyExists"; writing on a protected sheet, or
 *   adding/deleting/moving sheets in a workbook whose structure is protected → "AccessDenied";
 *   deleting or hiding the last visible sheet → "InvalidOperation"; an API newer than the fake's
 *   `apiVersion` (ExcelApi requirement set) → "ApiNotFound"; requests or responses over
 *   `payloadLimit` (5 MB, Excel on the web) → "RequestPayloadSizeLimitExceeded" /
 *   "ResponsePayloadSizeLimitExceeded", or "GeneralException" ("An internal error has occurred.")
 *   with `oversized: "GeneralException"`, as Excel on the web often answers; more than 512
 *   merged areas in a range asked for by getMergedAreasOrNullObject → "GeneralException" (that
 *   method returns the areas whose top-left cell is in the range, office-js issue 3611); any
 *   action the test's `refuse` names → the code it gives.
 * - Values as Office gives them: formula cells by their cached result, errors as text ("#N/A")
 *   with valueTypes "Error", dates as serial numbers (in the workbook's date system) with their
 *   number format code from Range.numberFormat, empty cells as "" with type "Empty", the
 *   non-master cells of a merge as "".
 * - Worksheet functions: Workbook.functions.date only (the date system), see FakeFunctions.
 * - Values as Excel takes them (Range.values / formulas): null leaves a cell alone, "" clears it;
 *   text into a Text-formatted ("@") cell stays text; otherwise a leading apostrophe is dropped
 *   (the rest stays text), text starting with = + - @ becomes a formula, numeric, date and time
 *   text a number (typedValue: separators, %, currency, full-width digits, en-US and Japanese
 *   dates), TRUE/FALSE a boolean. A Text-formatted cell holding more than 255 characters shows
 *   "####" (FakeSheet.shownText).
 * - Calculation: a formula entered through the API is computed on read (calc.ts: the functions
 *   the add-in's template uses); one it cannot compute fails the read with NotImplemented.
 * - Excel's refusals: deleting a very hidden sheet (GeneralException, office-js 365); reading the
 *   selection while a chart is selected (InvalidSelection, office-js 2268); any request while a
 *   cell is edited (`cellEditMode`: InvalidOperationInCellEditMode, nothing run); freezeRows on
 *   some Excel 2019 builds (`freezeRowsFails`: GeneralException, office-js 2196). Deleting the
 *   active sheet activates its visible neighbour (right, else left); adding one does not.
 * - Formats: fill (color, pattern, patternColor, tintAndShade, clear; "no fill" reads as color
 *   "#FFFFFF" with tintAndShade null, as Excel reports it, or, with the option noFillReport
 *   "solidWhite", as office-js issue 6218 saw it: see colors.ts; a theme colour by the workbook's
 *   own theme part), font (bold, italic, size, name, color), wrapText, horizontal/vertical
 *   alignment, continuous borders, numberFormat, column width (whole pixels from the file's
 *   characters and the workbook's digit width, option digitWidth; read and set in points;
 *   Worksheet.standardWidth) and row height, merge (the top-left value and format spread over
 *   the area), list and date data validation (DataValidationRule list / date) with prompt and
 *   error alert (style Stop, Warning or Information), freeze rows, page layout
 *   (orientation, paper, fit to pages as PageLayoutZoomOptions documents it, print title rows,
 *   header/footer sections), tab colour, sheet visibility (incl. VeryHidden), position,
 *   activate/select, WorksheetCollection.getFirst.
 * - The expert's own changes, through the API: renaming a sheet (Worksheet.name; a taken name →
 *   "ItemAlreadyExists"), Worksheet.id (unique, kept through renaming and moving, new on every
 *   load: nothing promises it survives a save), Worksheet.copy (Excel's Move or Copy: every cell
 *   and format, merges, sizes, validations; named "<name> (2)"; ExcelApi 1.10), Range.insert of
 *   entire rows ("Down") or columns ("Right"): the cells after move with their formats, merges
 *   grow or move; Range.getUsedRangeOrNullObject (ExcelApi 1.4).
 * - Counting: every sync is recorded with its number of actions, its request as Office.js would
 *   send it (./request.ts: each action with the object paths of its chain, their ids, types and
 *   arguments, and Instantiate actions, after office.js's ClientRequestBase) and its response
 *   (the JSON of what comes back), in UTF-8 bytes.
 * - Files: loaded from an .xlsx with ExcelJS (values with cached formula results, formulas,
 *   styles, merges, hidden rows/columns, widths/heights, sheet visibility incl. veryHidden, data
 *   validations, frozen rows, tab colours) and saved back to one.
 *
 * Not modelled
 * - Range.insert of part of a row or column; the format Excel gives inserted rows (the fake's are
 *   blank); formula references rewritten by an insert (cached values stay as they were).
 * - Calculation beyond IF, IFERROR, VLOOKUP (exact), SUM, COUNTBLANK and operators; formulas
 *   loaded from a file keep their cached results. Number formats do not change how values read,
 *   and typed dates do not get a date format.
 * - Anything the host does not use: tables, charts, conditional formats, comments, names,
 *   events, `trackedObjects`, `set()`/`toJSON()`, `load` paths into navigation properties (load
 *   on the child object instead), getCellProperties beyond format.fill, a pattern set on a
 *   theme-coloured cell (its colour is then taken by the 2013–2022 palette), rich values, locale
 *   (values are en-US), a print fit Windows Excel ignores until the Page Layout tab was shown
 *   (office-js issue 1860).
 * - Exact payload sizes: two proxies of the same range in one batch are one object path here
 *   (Office.js sends one each), worksheet functions lose their arguments, the HTTP envelope and
 *   the response's own framing are not counted; the large arrays that dominate are exact.
 * - Parts of a file the model does not hold (drawings, comments, defined names, conditional
 *   formats, …) are not written back by toXlsx().
 */
import { FakeRequestContext, versionAtLeast, type Session, type SyncRecord } from "./api";
import type { NoFillReport } from "./colors";
import { FakeWorkbookModel, modelFromXlsx, modelToXlsx } from "./model";

export { FakeOfficeError, type SyncRecord } from "./api";
export { FakeSheet, FakeWorkbookModel, type FakeCell } from "./model";

export interface FakeExcelOptions {
  /** Highest ExcelApi requirement set implemented (default "1.13"). */
  apiVersion?: string;
  /** Request/response cap in bytes (default 5,000,000 as on the web; Infinity for desktop). */
  payloadLimit?: number;
  /** How a cell without fill is reported: "documented" (default) or "solidWhite" (office-js issue 6218; colors.ts). */
  noFillReport?: NoFillReport;
  /** The workbook's maximum digit width in pixels (default 7, Calibri 11; 8 for Japanese Excel's 游ゴシック 11). */
  digitWidth?: number;
  /**
   * How a request or response over the cap fails: "payloadLimit" (default) with
   * RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, or "GeneralException"
   * ("An internal error has occurred."), as Excel on the web often reports it.
   */
  oversized?: "payloadLimit" | "GeneralException";
  /**
   * Makes an action fail at sync with the code returned (none: it runs): a failure Excel may
   * have that the fake does not model, for testing how the host carries on.
   */
  refuse?: (path: string, action: string) => string | undefined;
}

export class FakeExcel implements Session {
  readonly syncs: SyncRecord[] = [];
  calcSuspended = 0;
  /** See Session: set to model the user editing a cell, or an Excel 2019 build whose freezeRows fails. */
  cellEditMode = false;
  freezeRowsFails = false;
  readonly apiVersion: string;
  readonly payloadLimit: number;
  readonly noFillReport: NoFillReport;
  readonly oversized: "payloadLimit" | "GeneralException";
  readonly refuse?: (path: string, action: string) => string | undefined;

  constructor(
    readonly model: FakeWorkbookModel,
    options: FakeExcelOptions = {},
  ) {
    this.apiVersion = options.apiVersion ?? "1.13";
    this.payloadLimit = options.payloadLimit ?? 5_000_000;
    this.noFillReport = options.noFillReport ?? "documented";
    if (options.digitWidth !== undefined) model.digitWidth = options.digitWidth;
    this.oversized = options.oversized ?? "payloadLimit";
    this.refuse = options.refuse;
  }

  static async fromXlsx(bytes: Buffer, name: string, options?: FakeExcelOptions): Promise<FakeExcel> {
    return new FakeExcel(await modelFromXlsx(bytes, name), options);
  }

  toXlsx(): Promise<Buffer> {
    return modelToXlsx(this.model);
  }

  /** Office.context.requirements.isSetSupported, for this Excel. */
  isSetSupported = (name: string, version = "1.1"): boolean => name === "ExcelApi" && versionAtLeast(this.apiVersion, version);

  /**
   * Excel.run: a fresh context for the batch. Actions still queued when the batch resolves are
   * sent in a last sync (counted); when the batch rejects they are dropped.
   */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const ctx = new FakeRequestContext(this);
    let result: T;
    try {
      result = await batch(ctx as unknown as Excel.RequestContext);
    } catch (e) {
      ctx.discard();
      throw e;
    }
    if (ctx.pending > 0) await ctx.sync();
    return result;
  }

  /** Syncs recorded since `from` (an index into `syncs`). */
  since(from: number): { syncs: number; maxRequestBytes: number; maxResponseBytes: number; responseBytes: number; totalBytes: number } {
    const s = this.syncs.slice(from);
    return {
      syncs: s.length,
      maxRequestBytes: Math.max(0, ...s.map((x) => x.requestBytes)),
      maxResponseBytes: Math.max(0, ...s.map((x) => x.responseBytes)),
      responseBytes: s.reduce((n, x) => n + x.responseBytes, 0),
      totalBytes: s.reduce((n, x) => n + x.requestBytes + x.responseBytes, 0),
    };
  }
}
