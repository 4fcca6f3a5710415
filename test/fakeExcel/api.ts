/**
 * The proxy objects of the fake Excel JavaScript API (see ./index.ts for what is and is not
 * modelled). Every property write, method call and load is queued on the request context and
 * runs against the model, in order, at context.sync(); loaded values become readable only after
 * that sync.
 */
import type ExcelJS from "exceljs";
import type { CellRange } from "../../src/core/snapshot";
import { HEX, PATTERNS, fileColor, officeFill, type FillReading, type NoFillReport } from "./colors";
import {
  FakeSheet,
  MAX_COL,
  MAX_ROW,
  a1RangeOf,
  columnPixels,
  defaultColumnPixels,
  parseRangeA1,
  pixelCharacters,
  pixelsFileWidth,
  type FakeCell,
  type FakeStyle,
  type FakeValue,
  type FakeWorkbookModel,
  type Visibility,
} from "./model";
import { NotComputable, cellResult } from "./calc";
import { API_SETS } from "./apiSets";
import { RequestSerialiser } from "./request";

// ---------------------------------------------------------------------------------------------
// Errors

/** The shape of OfficeExtension.Error: name "RichApi.Error", a code, debugInfo. */
export class FakeOfficeError extends Error {
  override readonly name = "RichApi.Error";
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

const fail = (code: string, message: string): never => {
  throw new FakeOfficeError(code, message);
};

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

// ---------------------------------------------------------------------------------------------
// The session (one fake Excel with its workbook) and the request context

export interface SyncRecord {
  /** Queued actions sent in this sync. */
  actions: number;
  /**
   * The request as Office.js would send it (./request.ts: every action with its object paths,
   * ids and arguments) and the response (the JSON of what came back), in UTF-8 bytes.
   */
  requestBytes: number;
  responseBytes: number;
  /** Whether suspendApiCalculationUntilNextSync() was queued in this sync. */
  calculationSuspended: boolean;
}

export interface Session {
  readonly model: FakeWorkbookModel;
  /** Highest ExcelApi requirement set this Excel implements, e.g. "1.13". */
  readonly apiVersion: string;
  /** Request/response cap in bytes (Excel on the web: 5 MB); Infinity for none. */
  readonly payloadLimit: number;
  /** How an oversized request or response fails: with its payload-limit code, or as GeneralException. */
  readonly oversized: "payloadLimit" | "GeneralException";
  /** A test's failure for an action (an error code), standing for a failure Excel may have that the fake does not model. */
  readonly refuse?: (path: string, action: string) => string | undefined;
  readonly syncs: SyncRecord[];
  calcSuspended: number;
  /**
   * The user is editing a cell: Excel refuses every request, before running any of it, with
   * InvalidOperationInCellEditMode ("The operation isn't available while Excel is in Edit cell
   * mode", the error codes of https://learn.microsoft.com/en-us/office/dev/add-ins/testing/application-specific-api-error-handling).
   */
  cellEditMode: boolean;
  /**
   * Some Excel 2019 builds fail WorksheetFreezePanes.freezeRows with GeneralException
   * (https://github.com/OfficeDev/office-js/issues/2196).
   */
  freezeRowsFails: boolean;
  /** How a cell without fill is reported (default "documented"; see colors.ts). */
  readonly noFillReport?: NoFillReport;
}

/** How this session reports fills, through `via`. */
function fillReading(session: Session, via: FillReading["via"]): FillReading {
  return { palette: session.model.palette, noFill: session.noFillReport ?? "documented", via };
}

interface Action {
  path: string;
  action: string;
  /** As Excel's debugInfo.errorLocation names it: Class.member. */
  location?: string;
  args?: unknown;
  /** Runs against the model at sync; returns what goes back in the response (undefined: nothing). */
  run(): unknown;
  /** Delivers the response to the proxy once the whole batch succeeded. */
  deliver?(response: unknown): void;
}

export function versionAtLeast(have: string, need: string): boolean {
  const [a1, a2] = have.split(".").map(Number);
  const [b1, b2] = need.split(".").map(Number);
  return a1 !== b1 ? a1 > b1 : a2 >= b2;
}

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  private queue: Action[] = [];
  /** Office.js's request format, with its ids counted over this context's syncs. */
  private readonly request = new RequestSerialiser();

  constructor(readonly session: Session) {
    this.application = new FakeApplication(this, "application");
    this.workbook = new FakeWorkbook(this, "workbook", this.application);
  }

  /** @internal */
  enqueue(a: Action): void {
    this.queue.push(a);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Drops what was queued (a batch that threw is never sent). */
  discard(): void {
    this.queue = [];
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    const s = this.session;
    const record: SyncRecord = {
      actions: actions.length,
      requestBytes: utf8Length(this.request.serialise(actions)),
      responseBytes: 0,
      calculationSuspended: false,
    };
    s.syncs.push(record);
    // Like a round trip: the caller cannot rely on the sync finishing synchronously.
    await Promise.resolve();
    if (s.cellEditMode) fail("InvalidOperationInCellEditMode", "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode and try again.");
    if (record.requestBytes > s.payloadLimit)
      oversized(s, "RequestPayloadSizeLimitExceeded", `The request payload size (${record.requestBytes} bytes) has exceeded the limit.`);
    const responses: unknown[] = [];
    for (const a of actions) {
      try {
        const refused = s.refuse?.(a.path, a.action);
        if (refused) fail(refused, `refused by the test (${refused})`);
        responses.push(a.run());
      } catch (e) {
        // Excel stops at the failing action; what ran before it stays done (no rollback).
        if (e instanceof FakeOfficeError) {
          // Excel names the class and member ("WorksheetFreezePanes.freezeRows", "Range.merge");
          // the fake adds the proxy's path after it, for the test's reader.
          // A requirement-set check names the member itself (ClientObject.requireApi).
          e.debugInfo.errorLocation ??= `${a.location ?? a.action} (${a.path})`;
          throw e;
        }
        throw e;
      }
    }
    record.responseBytes = utf8Length(JSON.stringify(responses.filter((r) => r !== undefined)));
    if (record.responseBytes > s.payloadLimit)
      oversized(s, "ResponsePayloadSizeLimitExceeded", `The response payload size (${record.responseBytes} bytes) has exceeded the limit.`);
    record.calculationSuspended = s.calcSuspended > 0;
    s.calcSuspended = 0;
    actions.forEach((a, i) => a.deliver?.(responses[i]));
  }
}

/**
 * A request or response over Excel on the web's 5 MB: "The API returns a RichAPI.Error error if
 * this limit is exceeded" (https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 * with the payload-limit codes (Excel.ErrorCodes), but often as GeneralException "An internal
 * error has occurred." (office-js issues 1314 and 1012: imports of large data on the web;
 * office-js-docs-reference issue 354: 2,000 × 10 values written at once; office-js-docs issue
 * 1247: reading the values of a large range).
 */
function oversized(s: Session, code: string, message: string): never {
  if (s.oversized === "GeneralException") fail("GeneralException", "An internal error has occurred.");
  return fail(code, message);
}

// ---------------------------------------------------------------------------------------------
// Proxy base

type Props = Record<string, unknown>;

/**
 * A client object: bound to its target at the first action that uses it in a sync (and kept
 * bound afterwards), with the properties delivered by its loads.
 */
abstract class ClientObject<T> {
  private bound: { target: T | null } | undefined;
  private loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    readonly path: string,
  ) {}

  /** Finds the target at sync time; null for a null object (…OrNullObject). */
  protected abstract resolve(): T | null;
  /** Property names this object can load. */
  protected abstract readonly loadable: readonly string[];
  /** Reads loadable properties from the target at sync time. */
  protected abstract read(target: T, props: string[]): Props;
  /**
   * The members that gave this object ("Worksheet.pageLayout", …), outermost last: their
   * requirement sets are checked when the object is first used in a request, as Excel checks
   * the object paths a request sends.
   */
  private via: readonly string[] = [];

  /** `child`, as given by `member` of this object (see `via`). */
  protected nav<C extends ClientObject<unknown>>(member: string, child: C): C {
    (child as ClientObject<unknown>).via = [`${this.officeClass}.${member}`];
    return child;
  }

  /** `child`, as given by a chain of members ("PageLayout.headersFooters", "HeaderFooterGroup.defaultForAllPages"). */
  protected navChain<C extends ClientObject<unknown>>(members: readonly string[], child: C): C {
    (child as ClientObject<unknown>).via = members;
    return child;
  }

  /**
   * Fails with ApiNotFound when `member` ("Class.member") needs a requirement set above this
   * Excel's: the set @types/office-js documents for it (./apiSets.ts, generated). A member the
   * table lacks is a fake that implements something Office.js does not document: a test bug.
   */
  protected requireApi(member: string): void {
    const set = API_SETS[member];
    if (set === undefined) throw new Error(`the fake implements ${member}, for which @types/office-js documents no ExcelApi requirement set`);
    const have = this.context.session.apiVersion;
    if (!versionAtLeast(have, set))
      throw new FakeOfficeError("ApiNotFound", `${member} needs ExcelApi ${set}; this Excel implements ${have}`, `${member} (${this.path})`);
  }

  /** @internal The target at sync time. */
  target(): T | null {
    if (this.bound === undefined) {
      for (const member of this.via) this.requireApi(member);
      this.bound = { target: this.resolve() };
    }
    return this.bound.target;
  }

  /** @internal The target, failing for a null object. */
  live(): T {
    const t = this.target();
    if (t === null) {
      fail("InvalidOperation", `${this.path} is a null object: only load and isNullObject apply to it (the fake refuses any other use)`);
    }
    this.checkLive(t as T);
    return t as T;
  }

  /** Fails when the target was deleted. */
  protected checkLive(_t: T): void {}

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded("isNullObject");
    return this.nullState;
  }

  /** Property value as delivered by a load; PropertyNotLoaded otherwise. */
  protected get<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  /** The Office.js class name, as errorLocation gives it. */
  protected get officeClass(): string {
    return this.constructor.name.replace(/^Fake/, "");
  }

  /** Queues an action that changes the document. */
  protected act(action: string, args: unknown, run: (t: T) => void): void {
    this.context.enqueue({
      path: this.path,
      action,
      location: `${this.officeClass}.${action.replace(/^set /, "")}`,
      args,
      run: () => {
        // The object's path first (the members it was got through), then the member called.
        const t = this.live();
        this.requireApi(`${this.officeClass}.${action.replace(/^set /, "")}`);
        run(t);
        return undefined;
      },
    });
  }

  /** Queues a method whose result comes back in a ClientResult. */
  protected result<V>(action: string, args: unknown, run: (t: T) => V): ClientResult<V> {
    const r = new ClientResult<V>();
    this.context.enqueue({
      path: this.path,
      action,
      location: `${this.officeClass}.${action}`,
      args,
      run: () => {
        const t = this.live();
        this.requireApi(`${this.officeClass}.${action}`);
        return { value: run(t) };
      },
      deliver: (resp) => r._set((resp as { value: V }).value),
    });
    return r;
  }

  load(props?: string | string[]): this {
    const names = (props === undefined ? [...this.loadable] : Array.isArray(props) ? props : props.split(",")).map((p) => p.trim()).filter(Boolean);
    this.context.enqueue({
      path: this.path,
      action: "load",
      args: names,
      run: () => {
        const t = this.target();
        if (t === null) return { isNull: true };
        this.checkLive(t);
        for (const p of names) {
          if (!(this.loadable as readonly string[]).includes(p))
            fail("InvalidArgument", `${this.constructor.name} has no loadable property '${p}' (in this fake)`);
          this.requireApi(`${this.officeClass}.${p}`);
        }
        return { isNull: false, props: this.read(t, names) };
      },
      deliver: (resp) => {
        const r = resp as { isNull: boolean; props?: Props };
        this.nullState = r.isNull;
        for (const [k, v] of Object.entries(r.props ?? {})) this.loaded.set(k, v);
      },
    });
    return this;
  }

  /** @internal For collections: items delivered already loaded. */
  _deliver(props: Props, isNull = false): void {
    this.nullState = isNull;
    for (const [k, v] of Object.entries(props)) this.loaded.set(k, v);
  }

  /** @internal Binds a proxy made for a collection item to its target. */
  _bind(target: T): void {
    this.bound = { target };
  }
}

export class ClientResult<V> {
  private state: { value: V } | undefined;
  get value(): V {
    if (!this.state)
      throw new FakeOfficeError(
        "ValueNotLoaded",
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
      );
    return this.state.value;
  }
  /** @internal */
  _set(value: V): void {
    this.state = { value };
  }
}

// ---------------------------------------------------------------------------------------------
// Application, workbook, protection

export class FakeApplication extends ClientObject<Session> {
  protected readonly loadable = [] as const;
  protected resolve(): Session {
    return this.context.session;
  }
  protected read(): Props {
    return {};
  }
  suspendApiCalculationUntilNextSync(): void {
    this.act("suspendApiCalculationUntilNextSync", undefined, (s) => void s.calcSuspended++);
  }
}

export class FakeWorkbook extends ClientObject<FakeWorkbookModel> {
  protected readonly loadable = ["name"] as const;
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeWorkbookProtection;
  readonly functions: FakeFunctions;

  constructor(
    context: FakeRequestContext,
    path: string,
    readonly application: FakeApplication,
  ) {
    super(context, path);
    this.worksheets = this.nav("worksheets", new FakeWorksheetCollection(context, `${path}.worksheets`));
    this.protection = this.nav("protection", new FakeWorkbookProtection(context, `${path}.protection`));
    this.functions = this.nav("functions", new FakeFunctions(context, `${path}.functions`));
  }
  protected resolve(): FakeWorkbookModel {
    return this.context.session.model;
  }
  protected read(t: FakeWorkbookModel): Props {
    return { name: t.name };
  }

  /**
   * Workbook.getSelectedRange (ExcelApi 1.1): the selected cells on the active sheet (A1 when the
   * fake was never told). When the user has a chart or a shape selected Excel fails with
   * InvalidSelection, by design (https://github.com/OfficeDev/office-js/issues/2268,
   * https://github.com/OfficeDev/office-js/issues/8): the model's `objectSelected`.
   */
  getSelectedRange(): FakeRange {
    return this.nav(
      "getSelectedRange",
      new FakeRange(this.context, `${this.path}.getSelectedRange()`, () => {
        const model = this.context.session.model;
        if (model.objectSelected) fail("InvalidSelection", "The current selection is invalid for this operation.");
        const sheet = model.activeSheet !== undefined ? model.find(model.activeSheet) : undefined;
        if (!sheet) return fail("GeneralException", "the fake's workbook has no active sheet");
        return { sheet, r: parseRangeA1(model.selection ?? "A1") };
      }),
    );
  }
  get name(): string {
    return this.get("name");
  }
}

/**
 * Workbook.functions (ExcelApi 1.2), of which the fake has DATE only. DATE "returns the number
 * that represents the date in Microsoft Excel date-time code"
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.functions#excel-excel-functions-date-member(1)):
 * days since 1899-12-30 in the 1900 date system (right from March 1900 on, past the phantom
 * 1900-02-29), since 1904-01-01 in the 1904 system
 * (https://learn.microsoft.com/en-us/office/troubleshoot/excel/1900-and-1904-date-system).
 * Arguments other than whole numbers, and years before 1900, are refused here (Excel would take
 * ranges, and reads a year below 1900 as 1900 + year: more than the host needs).
 */
export class FakeFunctions extends ClientObject<FakeWorkbookModel> {
  protected readonly loadable = [] as const;
  protected resolve(): FakeWorkbookModel {
    return this.context.session.model;
  }
  protected read(): Props {
    return {};
  }
  date(year: unknown, month: unknown, day: unknown): FakeFunctionResult {
    if (![year, month, day].every((x) => typeof x === "number" && Number.isInteger(x))) {
      throw new FakeOfficeError("InvalidArgument", "DATE takes whole numbers in this fake");
    }
    // Excel reads a year from 0 to 1899 as 1900 + year (the DATE worksheet function's reference);
    // the host never asks that, so the fake refuses rather than model it.
    if ((year as number) < 1900) throw new FakeOfficeError("NotImplemented", "the fake's DATE takes years from 1900 on");
    return this.nav(
      "date",
      new FakeFunctionResult(this.context, `${this.path}.date`, () => {
        const model = this.context.session.model;
        const [y, m, d] = [year, month, day] as number[];
        // A date before the date system's first day: Excel's #NUM! (DATE(1900,1,1) in the 1904 system).
        if (y < (model.date1904 ? 1904 : 1900)) return { error: "#NUM!" };
        const ms = Date.UTC(y, m - 1, d);
        const epoch = model.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
        return { value: Math.round((ms - epoch) / 86_400_000) };
      }),
    );
  }
}

/** A worksheet function's result (ExcelApi 1.2): `value`, or `error` ("#NUM!") with value null. */
export class FakeFunctionResult extends ClientObject<{ value: number } | { error: string }> {
  protected readonly loadable = ["value", "error"] as const;
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly compute: () => { value: number } | { error: string },
  ) {
    super(context, path);
  }
  protected resolve(): { value: number } | { error: string } {
    return this.compute();
  }
  protected read(t: { value: number } | { error: string }, props: string[]): Props {
    const out: Props = {};
    if (props.includes("value")) out.value = "value" in t ? t.value : null;
    if (props.includes("error")) out.error = "error" in t ? t.error : null;
    return out;
  }
  get value(): number {
    return this.get("value");
  }
  get error(): string | null {
    return this.get("error");
  }
}

export class FakeWorkbookProtection extends ClientObject<FakeWorkbookModel> {
  protected readonly loadable = ["protected"] as const;
  protected resolve(): FakeWorkbookModel {
    return this.context.session.model;
  }
  protected read(t: FakeWorkbookModel): Props {
    return { protected: t.protected };
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

const SHEET_NAME_FORBIDDEN = /[*?:/\\[\]]/;

export class FakeWorksheetCollection extends ClientObject<FakeWorkbookModel> {
  protected readonly loadable = ["items/name", "items/visibility", "items/position", "items/id"] as const;
  private itemsState: FakeWorksheet[] | undefined;

  protected resolve(): FakeWorkbookModel {
    return this.context.session.model;
  }
  protected read(t: FakeWorkbookModel, props: string[]): Props {
    return {
      items: t.live().map((s, i) => ({
        sheet: s,
        props: sheetProps(
          s,
          i,
          props.map((p) => p.replace(/^items\//, "")),
          t.digitWidth,
        ),
      })),
    };
  }

  override load(props?: string | string[]): this {
    const names = (props === undefined ? ["items/name"] : Array.isArray(props) ? props : props.split(",")).map((p) => p.trim()).filter(Boolean);
    for (const n of names) if (!n.startsWith("items/")) fail("InvalidArgument", `load the worksheets as "items/<property>" (got '${n}')`);
    let sheets: FakeSheet[] = [];
    this.context.enqueue({
      path: this.path,
      action: "load",
      args: names,
      run: () => {
        for (const p of names)
          if (!(this.loadable as readonly string[]).includes(p)) fail("InvalidArgument", `WorksheetCollection has no loadable property '${p}' (in this fake)`);
        for (const p of names) this.requireApi(`Worksheet.${p.slice("items/".length)}`);
        sheets = this.live().live();
        // The response carries the loaded properties; the proxies are bound to the sheets on delivery.
        return sheets.map((s, i) =>
          sheetProps(
            s,
            i,
            names.map((p) => p.slice(6)),
            this.context.session.model.digitWidth,
          ),
        );
      },
      deliver: (resp) => {
        this.itemsState = (resp as Props[]).map((props, i) => {
          const sheet = sheets[i];
          const ws = new FakeWorksheet(this.context, `${this.path}.getItem(${JSON.stringify(sheet.name)})`, () => sheet);
          ws._bind(sheet);
          ws._deliver(props);
          return ws;
        });
      },
    });
    return this;
  }

  get items(): FakeWorksheet[] {
    if (!this.itemsState) throw notLoaded("items");
    return this.itemsState;
  }

  getItem(key: string): FakeWorksheet {
    return this.nav(
      "getItem",
      new FakeWorksheet(this.context, `${this.path}.getItem(${JSON.stringify(key)})`, () => {
        const s = this.context.session.model.find(key);
        if (!s) fail("ItemNotFound", `The requested resource doesn't exist. (worksheet "${key}")`);
        return s!;
      }),
    );
  }

  /**
   * The first sheet in the workbook's order, hidden ones included unless `visibleOnly` (ExcelApi
   * 1.5; https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getfirst-member(1)).
   */
  getFirst(visibleOnly = false): FakeWorksheet {
    return this.nav(
      "getFirst",
      new FakeWorksheet(this.context, `${this.path}.getFirst(${visibleOnly})`, () => {
        const s = this.context.session.model.live().find((x) => !visibleOnly || x.visibility === "Visible");
        if (!s) fail("ItemNotFound", "There is no worksheet.");
        return s!;
      }),
    );
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return this.nav(
      "getItemOrNullObject",
      new FakeWorksheet(this.context, `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`, () => this.context.session.model.find(key) ?? null),
    );
  }

  /** WorksheetCollection.getActiveWorksheet (ExcelApi 1.1): the sheet the user is on. */
  getActiveWorksheet(): FakeWorksheet {
    return this.nav(
      "getActiveWorksheet",
      new FakeWorksheet(this.context, `${this.path}.getActiveWorksheet()`, () => {
        const model = this.context.session.model;
        const s = model.activeSheet !== undefined ? model.find(model.activeSheet) : undefined;
        if (!s) fail("GeneralException", "the fake's workbook has no active sheet");
        return s!;
      }),
    );
  }

  /**
   * WorksheetCollection.add: "The worksheet will be added at the end of existing worksheets. If
   * you wish to activate the newly added worksheet, call .activate() on it"
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1)):
   * the active sheet stays.
   */
  add(name: string): FakeWorksheet {
    let created: FakeSheet | undefined;
    this.act("add", [name], (model) => {
      if (model.protected) fail("AccessDenied", "The workbook's structure is protected: sheets cannot be added.");
      if (!validSheetName(name)) fail("InvalidArgument", `"${name}" is not a valid sheet name`);
      if (model.find(name)) fail("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
      created = new FakeSheet(name);
      model.sheets.push(created);
    });
    return this.nav(
      "add",
      new FakeWorksheet(this.context, `${this.path}.add(${JSON.stringify(name)})`, () => {
        if (!created) fail("InvalidOperation", "the sheet was not added");
        return created!;
      }),
    );
  }
}

/** The names Excel allows for a sheet: 1–31 characters, none of * ? : / \ [ ], no ' at either end. */
function validSheetName(name: unknown): boolean {
  return typeof name === "string" && name.length > 0 && name.length <= 31 && !SHEET_NAME_FORBIDDEN.test(name) && !/^'|'$/.test(name);
}

function sheetProps(s: FakeSheet, position: number, props: string[], digitWidth: number): Props {
  const out: Props = {};
  for (const p of props) {
    if (p === "name") out.name = s.name;
    else if (p === "id") out.id = s.id;
    else if (p === "visibility") out.visibility = s.visibility;
    else if (p === "position") out.position = position;
    else if (p === "tabColor") out.tabColor = s.tabColor ? `#${s.tabColor.slice(-6)}` : "";
    else if (p === "standardWidth") out.standardWidth = pixelCharacters(defaultColumnPixels(s, digitWidth), digitWidth);
  }
  return out;
}

export class FakeWorksheet extends ClientObject<FakeSheet> {
  protected readonly loadable = ["name", "id", "visibility", "position", "tabColor", "standardWidth"] as const;
  readonly protection: FakeWorksheetProtection;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayout;

  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly find: () => FakeSheet | null,
  ) {
    super(context, path);
    this.protection = this.nav("protection", new FakeWorksheetProtection(context, `${path}.protection`, () => this.live()));
    this.freezePanes = this.nav("freezePanes", new FakeFreezePanes(context, `${path}.freezePanes`, () => this.live()));
    this.pageLayout = this.nav("pageLayout", new FakePageLayout(context, `${path}.pageLayout`, () => this.live()));
  }

  protected resolve(): FakeSheet | null {
    return this.find();
  }
  protected override checkLive(t: FakeSheet): void {
    if (t.deleted) fail("ItemNotFound", `The worksheet "${t.name}" was deleted.`);
  }
  protected read(t: FakeSheet, props: string[]): Props {
    return sheetProps(t, this.context.session.model.live().indexOf(t), props, this.context.session.model.digitWidth);
  }

  get name(): string {
    return this.get("name");
  }
  /**
   * Renaming: Excel refuses a name another sheet has (case-insensitively) or one it does not
   * allow; the id stays (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-name-member,
   * …#excel-excel-worksheet-id-member: "remains the same even when the worksheet is renamed or moved").
   */
  set name(name: string) {
    this.act("set name", name, (s) => {
      const model = this.context.session.model;
      if (!validSheetName(name)) fail("InvalidArgument", `"${name}" is not a valid sheet name`);
      const other = model.find(name);
      if (other && other !== s) fail("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
      if (model.activeSheet === s.name) model.activeSheet = name;
      s.name = name;
    });
  }
  get id(): string {
    return this.get("id");
  }
  get visibility(): Visibility {
    return this.get("visibility");
  }
  set visibility(v: Visibility) {
    this.act("set visibility", v, (s) => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(v)) fail("InvalidArgument", `visibility "${v}"`);
      const model = this.context.session.model;
      if (v !== "Visible" && s.visibility === "Visible" && model.live().filter((x) => x.visibility === "Visible").length === 1) {
        fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      s.visibility = v;
    });
  }
  get position(): number {
    return this.get("position");
  }
  set position(p: number) {
    this.act("set position", p, (s) => {
      const model = this.context.session.model;
      const live = model.live();
      if (!Number.isInteger(p) || p < 0 || p >= live.length) fail("InvalidArgument", `position ${p} is outside 0..${live.length - 1}`);
      if (model.protected) fail("AccessDenied", "The workbook's structure is protected.");
      const order = live.filter((x) => x !== s);
      order.splice(p, 0, s);
      model.sheets = [...order, ...model.sheets.filter((x) => x.deleted)];
    });
  }
  get tabColor(): string {
    return this.get("tabColor");
  }
  /**
   * The default width of the sheet's columns in characters of the Normal font, without padding
   * (ExcelApi 1.7; https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-standardwidth-member:
   * "one unit of column width is equal to the width of one character in the Normal style"):
   * 8.43 at digit width 7, 8.38 at 8.
   */
  get standardWidth(): number {
    return this.get("standardWidth");
  }
  set tabColor(c: string) {
    this.act("set tabColor", c, (s) => {
      if (c === "") s.tabColor = undefined;
      else if (!HEX.test(c)) fail("InvalidArgument", `tabColor "${c}"`);
      else s.tabColor = fileColor(c).argb;
    });
  }

  /**
   * Worksheet.delete. Excel refuses to delete a very hidden sheet, by design: make it Hidden or
   * Visible first, in the same batch if wanted (GeneralException; https://github.com/OfficeDev/office-js/issues/365,
   * noted in "Work with worksheets", https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-worksheets,
   * by https://github.com/OfficeDev/office-js-docs-pr/pull/754).
   * Deleting the active sheet makes the next visible sheet to its right active, or the nearest to
   * its left when none is (Excel's behaviour, as described in
   * https://github.com/EPPlusSoftware/EPPlus/pull/1030, which matches it); the selection goes with it.
   */
  delete(): void {
    this.act("delete", undefined, (s) => {
      const model = this.context.session.model;
      if (model.protected) fail("AccessDenied", "The workbook's structure is protected: sheets cannot be deleted.");
      if (s.visibility === "VeryHidden") fail("GeneralException", "There was an internal error while processing the request.");
      if (s.visibility === "Visible" && model.live().filter((x) => x.visibility === "Visible").length === 1) {
        fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      const live = model.live();
      const at = live.indexOf(s);
      s.deleted = true;
      if (model.activeSheet === s.name) {
        const visible = (x: FakeSheet) => x.visibility === "Visible";
        const next = live.slice(at + 1).find(visible) ?? live.slice(0, at).reverse().find(visible);
        model.activeSheet = next?.name;
        model.selection = undefined;
      }
    });
  }

  /**
   * Worksheet.copy (ExcelApi 1.7): a copy of the sheet with its cells and formats, placed as
   * asked ("None", the default, puts it at the beginning)
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-copy-member(1)).
   * The copy gets a new id, and the name Excel gives a copy: the sheet's name with " (2)", " (3)", …
   * (shortened to keep to 31 characters). Adding a sheet to a protected structure is refused.
   */
  copy(positionType: "None" | "Before" | "After" | "Beginning" | "End" = "None", relativeTo?: FakeWorksheet): FakeWorksheet {
    let created: FakeSheet | undefined;
    this.act("copy", [positionType], (s) => {
      const model = this.context.session.model;
      if (model.protected) fail("AccessDenied", "The workbook's structure is protected: sheets cannot be added.");
      let name = "";
      for (let n = 2; ; n++) {
        const suffix = ` (${n})`;
        name = `${s.name.slice(0, 31 - suffix.length)}${suffix}`;
        if (!model.find(name)) break;
      }
      created = s.copy(name);
      const live = model.live();
      const anchor = relativeTo ? relativeTo.live() : s;
      const i =
        positionType === "Before" ? live.indexOf(anchor) : positionType === "After" ? live.indexOf(anchor) + 1 : positionType === "End" ? live.length : 0;
      live.splice(i, 0, created);
      model.sheets = [...live, ...model.sheets.filter((x) => x.deleted)];
    });
    return this.nav(
      "copy",
      new FakeWorksheet(this.context, `${this.path}.copy(${JSON.stringify(positionType)})`, () => {
        if (!created) fail("InvalidOperation", "the sheet was not copied");
        return created!;
      }),
    );
  }

  activate(): void {
    this.act("activate", undefined, (s) => {
      if (s.visibility !== "Visible") fail("InvalidOperation", "A hidden sheet cannot be activated.");
      this.context.session.model.activeSheet = s.name;
    });
  }

  getRange(address?: string): FakeRange {
    return this.nav(
      "getRange",
      new FakeRange(this.context, `${this.path}.getRange(${address === undefined ? "" : JSON.stringify(address)})`, () => {
        const sheet = this.live();
        if (address === undefined || address === "") return { sheet, r: { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL } };
        try {
          return { sheet, r: parseRangeA1(address) };
        } catch {
          return fail("InvalidArgument", `"${address}" is not a range address`);
        }
      }),
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.nav(
      "getRangeByIndexes",
      new FakeRange(this.context, `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
        const sheet = this.live();
        const ok =
          [startRow, startColumn, rowCount, columnCount].every(Number.isInteger) && startRow >= 0 && startColumn >= 0 && rowCount > 0 && columnCount > 0;
        if (!ok || startRow + rowCount - 1 > MAX_ROW || startColumn + columnCount - 1 > MAX_COL)
          fail("InvalidArgument", "getRangeByIndexes: indexes out of range");
        return { sheet, r: { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 } };
      }),
    );
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return this.nav(
      "getUsedRange",
      new FakeRange(this.context, `${this.path}.getUsedRange(${valuesOnly})`, () => {
        const sheet = this.live();
        // A blank sheet gives its top-left cell.
        return { sheet, r: sheet.usedRange(valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
      }),
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.nav(
      "getUsedRangeOrNullObject",
      new FakeRange(this.context, `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`, () => {
        const sheet = this.live();
        const r = sheet.usedRange(valuesOnly);
        return r ? { sheet, r } : null;
      }),
    );
  }
}

export class FakeWorksheetProtection extends ClientObject<FakeSheet> {
  protected readonly loadable = ["protected"] as const;
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context, path);
  }
  protected resolve(): FakeSheet {
    return this.sheet();
  }
  protected read(t: FakeSheet): Props {
    return { protected: t.protected };
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

export class FakeFreezePanes extends ClientObject<FakeSheet> {
  protected readonly loadable = [] as const;
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context, path);
  }
  protected resolve(): FakeSheet {
    return this.sheet();
  }
  protected read(): Props {
    return {};
  }
  protected override get officeClass(): string {
    return "WorksheetFreezePanes";
  }
  freezeRows(count = 1): void {
    this.act("freezeRows", [count], (s) => {
      if (!Number.isInteger(count) || count < 0) fail("InvalidArgument", `freezeRows(${count})`);
      if (this.context.session.freezeRowsFails) fail("GeneralException", "There was an internal error while processing the request.");
      s.freezeRows = count;
    });
  }
}

const PAPER: Record<string, number> = { Letter: 1, A4: 9, A3: 8, Legal: 5 };

export class FakePageLayout extends ClientObject<FakeSheet> {
  protected readonly loadable = [] as const;
  readonly headersFooters: { readonly defaultForAllPages: FakeHeaderFooter };
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context, path);
    this.headersFooters = {
      defaultForAllPages: this.navChain(
        ["PageLayout.headersFooters", "HeaderFooterGroup.defaultForAllPages"],
        new FakeHeaderFooter(context, `${path}.headersFooters.defaultForAllPages`, sheet),
      ),
    };
  }
  protected resolve(): FakeSheet {
    return this.sheet();
  }
  protected read(): Props {
    return {};
  }
  set orientation(o: "Portrait" | "Landscape") {
    this.act("set orientation", o, (s) => {
      if (o !== "Portrait" && o !== "Landscape") fail("InvalidArgument", `orientation "${o}"`);
      s.pageLayout.orientation = o === "Portrait" ? "portrait" : "landscape";
    });
  }
  set paperSize(p: string) {
    this.act("set paperSize", p, (s) => {
      if (!(p in PAPER)) fail("InvalidArgument", `paperSize "${p}" (the fake knows ${Object.keys(PAPER).join(", ")})`);
      s.pageLayout.paperSize = PAPER[p];
    });
  }
  /**
   * PageLayoutZoomOptions (https://learn.microsoft.com/en-us/javascript/api/excel/excel.pagelayoutzoomoptions):
   * horizontalFitToPages and verticalFitToPages are numbers of pages to fit on, scale a percentage
   * from 10 to 400, and either the pages or the scale is given (the other "can be null"). Nothing
   * documents 0 pages (the file format's "automatic"), so the fake refuses it, as any count that
   * is not a whole number of pages. A fit member left out keeps the sheet's figure, which is 1 on
   * a sheet that never had one (ECMA-376 Part 1 §18.3.1.63, pageSetup fitToWidth and fitToHeight
   * default to 1).
   */
  set zoom(z: { horizontalFitToPages?: number | null; verticalFitToPages?: number | null; scale?: number | null }) {
    this.act("set zoom", z, (s) => {
      const given = (v: unknown) => v !== undefined && v !== null;
      const pages = (name: string, v: unknown) => {
        if (given(v) && !(typeof v === "number" && Number.isInteger(v) && v >= 1)) {
          fail("InvalidArgument", `zoom.${name} ${String(v)}: the reference documents a number of pages (0 for "automatic" is not documented)`);
        }
      };
      pages("horizontalFitToPages", z.horizontalFitToPages);
      pages("verticalFitToPages", z.verticalFitToPages);
      const fit = given(z.horizontalFitToPages) || given(z.verticalFitToPages);
      if (given(z.scale)) {
        if (fit) fail("InvalidArgument", "zoom: a scale and pages to fit at once (the reference has one or the other)");
        if (typeof z.scale !== "number" || z.scale < 10 || z.scale > 400) fail("InvalidArgument", `zoom.scale ${String(z.scale)} (10 to 400)`);
        fail("NotImplemented", "the fake models fit-to-pages zoom only");
      }
      if (!fit) fail("InvalidArgument", "zoom: neither pages to fit nor a scale");
      const p = s.pageLayout;
      p.fitToWidth = given(z.horizontalFitToPages) ? (z.horizontalFitToPages as number) : (p.fitToWidth ?? 1);
      p.fitToHeight = given(z.verticalFitToPages) ? (z.verticalFitToPages as number) : (p.fitToHeight ?? 1);
    });
  }
  setPrintTitleRows(rows: string): void {
    this.act("setPrintTitleRows", [rows], (s) => {
      const m = /^\$?(\d+):\$?(\d+)$/.exec(rows);
      if (!m) fail("InvalidArgument", `print title rows "${rows}"`);
      s.pageLayout.printTitlesRow = `${m![1]}:${m![2]}`;
    });
  }
}

type Section = "leftHeader" | "centerHeader" | "rightHeader" | "leftFooter" | "centerFooter" | "rightFooter";

export class FakeHeaderFooter extends ClientObject<FakeSheet> {
  protected readonly loadable = [] as const;
  private sections: Partial<Record<Section, string>> = {};
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context, path);
  }
  protected resolve(): FakeSheet {
    return this.sheet();
  }
  protected read(): Props {
    return {};
  }
  private setSection(section: Section, text: string): void {
    this.act(`set ${section}`, text, (s) => {
      this.sections[section] = text;
      const join = (l?: string, c?: string, r?: string) => `${l ? `&L${l}` : ""}${c ? `&C${c}` : ""}${r ? `&R${r}` : ""}`;
      const x = this.sections;
      s.pageLayout.oddHeader = join(x.leftHeader, x.centerHeader, x.rightHeader);
      s.pageLayout.oddFooter = join(x.leftFooter, x.centerFooter, x.rightFooter);
    });
  }
  set leftHeader(t: string) {
    this.setSection("leftHeader", t);
  }
  set centerHeader(t: string) {
    this.setSection("centerHeader", t);
  }
  set rightHeader(t: string) {
    this.setSection("rightHeader", t);
  }
  set leftFooter(t: string) {
    this.setSection("leftFooter", t);
  }
  set centerFooter(t: string) {
    this.setSection("centerFooter", t);
  }
  set rightFooter(t: string) {
    this.setSection("rightFooter", t);
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  sheet: FakeSheet;
  r: CellRange;
}

const rowsOf = (r: CellRange) => r.bottom - r.top + 1;
const colsOf = (r: CellRange) => r.right - r.left + 1;

/** Range.getMergedAreasOrNullObject fails above this many areas (see the method). */
const MAX_MERGED_AREAS = 512;

/** Cells of a range, read one by one, refused beyond this (Excel: 5,000,000 per read). */
const MAX_READ_CELLS = 5_000_000;

function each(t: RangeTarget, f: (row: number, col: number, i: number, j: number) => void): void {
  for (let i = 0; i <= t.r.bottom - t.r.top; i++) for (let j = 0; j <= t.r.right - t.r.left; j++) f(t.r.top + i, t.r.left + j, i, j);
}

function grid<V>(t: RangeTarget, f: (cell: FakeCell | undefined, row: number, col: number) => V): V[][] {
  if (rowsOf(t.r) * colsOf(t.r) > MAX_READ_CELLS) fail("RangeExceedsLimit", "The range has more cells than can be read at once.");
  const out: V[][] = [];
  for (let row = t.r.top; row <= t.r.bottom; row++) {
    const line: V[] = [];
    const cells = t.sheet.cells.get(row);
    for (let col = t.r.left; col <= t.r.right; col++) line.push(f(cells?.get(col), row, col));
    out.push(line);
  }
  return out;
}

function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function addressOf(t: RangeTarget): string {
  return `${quoteSheet(t.sheet.name)}!${a1RangeOf(t.r)}`;
}

/** A cell's value as Excel holds it now: formulas entered through the API computed (calc.ts). */
function shown(t: RangeTarget, row: number, col: number): FakeValue {
  try {
    return cellResult(t.sheet, row, col);
  } catch (e) {
    if (e instanceof NotComputable)
      return fail("NotImplemented", `${t.sheet.name}!${a1RangeOf({ top: row, left: col, bottom: row, right: col })}: ${e.message}`);
    throw e;
  }
}

/** Office's view of a cell's value: errors as their text, no value as "". */
function officeValue(v: FakeValue): string | number | boolean {
  if (v === null) return "";
  return typeof v === "object" ? v.error : v;
}

function officeType(v: FakeValue): string {
  if (v === null || v === "") return "Empty";
  if (typeof v === "object") return "Error";
  return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * What Excel makes of text typed into a cell that is not Text-formatted, beyond formulas: a
 * number (also with thousands separators, a currency sign, a percent sign or in parentheses), a
 * date or a time, TRUE or FALSE (Excel's data entry, "Enter data manually in worksheet cells" and
 * "Format numbers as dates or times", support.microsoft.com; Range.values takes strings as typed:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-values-member).
 * Full-width digits count as digits, as Japanese Excel reads them. The fake knows the en-US and
 * Japanese date forms (2024/5/20, 5/20, 2024-05-20, 2024年5月20日, 5月20日) and h:mm(:ss).
 * Null: Excel keeps it as text.
 */
export function typedValue(typed: string, date1904: boolean, thisYear = 2024): number | boolean | null {
  const v = typed.normalize("NFKC").trim();
  if (v === "") return null;
  if (/^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  const m = /^(\()?([+-])?[$¥]?([+-])?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%)?(\))?$/.exec(v);
  if (m && Boolean(m[1]) === Boolean(m[7])) {
    let n = Number(m[4].replace(/,/g, "")) * (m[5] ? 10 ** Number(m[5]) : 1);
    if (m[6]) n /= 100;
    const negative = ((m[2] === "-") !== (m[3] === "-")) !== Boolean(m[1]);
    return negative ? -n : n;
  }
  const serial = (y: number, mo: number, d: number): number | null => {
    const ms = Date.UTC(y, mo - 1, d);
    const date = new Date(ms);
    if (mo < 1 || mo > 12 || date.getUTCDate() !== d || y < (date1904 ? 1904 : 1900) || y > 9999) return null;
    return Math.round((ms - (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / 86_400_000);
  };
  let d: RegExpExecArray | null;
  if ((d = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(v)) || (d = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(v))) return serial(+d[1], +d[2], +d[3]);
  if ((d = /^(\d{1,2})\/(\d{1,2})$/.exec(v)) || (d = /^(\d{1,2})月(\d{1,2})日$/.exec(v))) return serial(thisYear, +d[1], +d[2]);
  if ((d = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v)) && +d[2] < 60 && +(d[3] ?? 0) < 60) return (+d[1] * 3600 + +d[2] * 60 + +(d[3] ?? 0)) / 86400;
  return null;
}

/**
 * What Excel makes of one entry written through Range.values / Range.formulas: null leaves the
 * cell alone, "" clears it; text into a Text ("@") cell stays text as written; otherwise a leading
 * apostrophe is dropped and the rest kept as text (Excel's quote prefix), a leading = + - @ makes a
 * formula (Range.values: "If the returned value starts with a plus ("+"), minus ("-"), or equal
 * sign ("="), Excel interprets this value as a formula"), which Excel then computes (calc.ts), and
 * numbers, dates, times and booleans typed as text become values (typedValue).
 */
function enter(sheet: FakeSheet, row: number, col: number, v: unknown, date1904: boolean): void {
  if (v === null) return;
  if (typeof v === "number" && !Number.isFinite(v)) fail("InvalidArgument", `${v} is not a value Excel can hold`);
  if (!["string", "number", "boolean"].includes(typeof v))
    fail("InvalidArgument", `a cell value must be text, a number or a boolean (got ${JSON.stringify(v)})`);
  const cell = sheet.ensure(row, col);
  delete cell.formula;
  delete cell.entered;
  if (v === "") {
    cell.value = null;
    return;
  }
  if (typeof v !== "string") {
    cell.value = v as number | boolean;
    return;
  }
  if (cell.style.numFmt === "@") {
    cell.value = v;
    return;
  }
  if (v.startsWith("'")) {
    cell.value = v.slice(1) === "" ? null : v.slice(1);
    return;
  }
  if (v.length > 1 && /^[=+\-@]/.test(v) && !NUMBER.test(v.trim())) {
    cell.formula = v.startsWith("=") ? v.slice(1) : v;
    cell.value = null;
    cell.entered = true;
    return;
  }
  const typed = typedValue(v, date1904);
  cell.value = typed ?? v;
}

function checkShape(t: RangeTarget, v: unknown, what: string): unknown[][] {
  const rows = rowsOf(t.r);
  const cols = colsOf(t.r);
  if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
    const got = Array.isArray(v) ? `${v.length} row(s)${v.length && Array.isArray(v[0]) ? ` of ${v[0].length}` : ""}` : typeof v;
    fail(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: range ${rows}×${cols}, got ${got}).`,
    );
  }
  return v as unknown[][];
}

function writable(t: RangeTarget): void {
  if (t.sheet.protected) fail("AccessDenied", `The cell you're trying to change is on a protected sheet ("${t.sheet.name}").`);
}

export class FakeRange extends ClientObject<RangeTarget> {
  protected readonly loadable = [
    "address",
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "values",
    "valueTypes",
    "formulas",
    "numberFormat",
    "columnHidden",
    "rowHidden",
  ] as const;
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;

  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly find: () => RangeTarget | null,
  ) {
    super(context, path);
    this.format = this.nav("format", new FakeRangeFormat(context, `${path}.format`, () => this.live()));
    this.dataValidation = this.nav("dataValidation", new FakeDataValidation(context, `${path}.dataValidation`, () => this.live()));
  }

  protected resolve(): RangeTarget | null {
    return this.find();
  }
  protected override checkLive(t: RangeTarget): void {
    if (t.sheet.deleted) fail("ItemNotFound", `The worksheet "${t.sheet.name}" was deleted.`);
  }
  protected read(t: RangeTarget, props: string[]): Props {
    const out: Props = {};
    for (const p of props) {
      switch (p) {
        case "address":
          out.address = addressOf(t);
          break;
        case "rowIndex":
          out.rowIndex = t.r.top;
          break;
        case "columnIndex":
          out.columnIndex = t.r.left;
          break;
        case "rowCount":
          out.rowCount = rowsOf(t.r);
          break;
        case "columnCount":
          out.columnCount = colsOf(t.r);
          break;
        case "values":
          out.values = grid(t, (_c, row, col) => officeValue(shown(t, row, col)));
          break;
        case "valueTypes":
          out.valueTypes = grid(t, (_c, row, col) => officeType(shown(t, row, col)));
          break;
        case "formulas":
          out.formulas = grid(t, (c, row, col) => (c?.formula !== undefined ? `=${c.formula}` : officeValue(shown(t, row, col))));
          break;

        case "numberFormat":
          // "Excel's number format code for the given range", as the file stores it ("General"
          // when none): https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-numberformat-member
          out.numberFormat = grid(t, (c) => c?.style.numFmt ?? "General");
          break;
        case "columnHidden":
          out.columnHidden = allOrNull(t.r.left, t.r.right, (c) => t.sheet.hiddenColumns.has(c));
          break;
        case "rowHidden":
          out.rowHidden = allOrNull(t.r.top, t.r.bottom, (r) => t.sheet.hiddenRows.has(r));
          break;
      }
    }
    return out;
  }

  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): (string | number | boolean)[][] {
    return this.get("values");
  }
  set values(v: unknown[][]) {
    this.act("set values", v, (t) => {
      const rows = checkShape(t, v, "values");
      writable(t);
      each(t, (row, col, i, j) => enter(t.sheet, row, col, rows[i][j], this.context.session.model.date1904));
    });
  }
  get valueTypes(): string[][] {
    return this.get("valueTypes");
  }
  get formulas(): (string | number | boolean)[][] {
    return this.get("formulas");
  }
  set formulas(v: unknown[][]) {
    this.act("set formulas", v, (t) => {
      const rows = checkShape(t, v, "formulas");
      writable(t);
      each(t, (row, col, i, j) => {
        const f = rows[i][j];
        if (typeof f === "string" && f.startsWith("=") && f.length > 1) {
          const cell = t.sheet.ensure(row, col);
          cell.formula = f.slice(1);
          cell.value = null;
          cell.entered = true;
        } else enter(t.sheet, row, col, f, this.context.session.model.date1904);
      });
    });
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.act("set numberFormat", v, (t) => {
      const rows = checkShape(t, v, "numberFormat");
      writable(t);
      each(t, (row, col, i, j) => {
        const f = rows[i][j];
        if (f === null) return;
        if (typeof f !== "string") fail("InvalidArgument", "a number format must be text");
        const cell = t.sheet.ensure(row, col);
        if (f === "" || f === "General") delete cell.style.numFmt;
        else cell.style.numFmt = f as string;
      });
    });
  }
  get columnHidden(): boolean | null {
    return this.get("columnHidden");
  }
  set columnHidden(h: boolean) {
    this.act("set columnHidden", h, (t) => {
      for (let c = t.r.left; c <= t.r.right; c++) {
        if (h) t.sheet.hiddenColumns.add(c);
        else t.sheet.hiddenColumns.delete(c);
      }
    });
  }
  get rowHidden(): boolean | null {
    return this.get("rowHidden");
  }

  /**
   * Range.clear (ExcelApi 1.1): "Clear range values and format, such as fill and border"; applyTo
   * All (the default), Formats or Contents
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-clear-member(1),
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.clearapplyto). Data validation is
   * not a format: DataValidation.clear removes it. Hyperlinks are not modelled.
   */
  clear(applyTo: string = "All"): void {
    this.act("clear", applyTo, (t) => {
      if (!["All", "Formats", "Contents"].includes(applyTo))
        fail("NotImplemented", `clear(${JSON.stringify(applyTo)}): the fake models All, Formats and Contents`);
      writable(t);
      each(t, (row, col) => {
        const cell = t.sheet.ensure(row, col);
        if (applyTo !== "Contents") cell.style = {};
        if (applyTo !== "Formats") {
          cell.value = null;
          delete cell.formula;
          delete cell.entered;
        }
      });
    });
  }

  /**
   * Range.getUsedRangeOrNullObject (ExcelApi 1.4): the used part of this range (cells with a value,
   * or with any format unless valuesOnly), a null object when none is
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-getusedrangeornullobject-member(1)).
   */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.nav(
      "getUsedRangeOrNullObject",
      new FakeRange(this.context, `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`, () => {
        const t = this.live();
        let box: CellRange | null = null;
        for (const [r, row] of t.sheet.cells) {
          if (r < t.r.top || r > t.r.bottom) continue;
          for (const [c, cell] of row) {
            if (c < t.r.left || c > t.r.right) continue;
            const used = cell.value !== null || cell.formula !== undefined || (!valuesOnly && Object.keys(cell.style).length > 0);
            if (!used) continue;
            box = box
              ? { top: Math.min(box.top, r), left: Math.min(box.left, c), bottom: Math.max(box.bottom, r), right: Math.max(box.right, c) }
              : { top: r, left: c, bottom: r, right: c };
          }
        }
        return box ? { sheet: t.sheet, r: box } : null;
      }),
    );
  }

  /**
   * Range.insert (ExcelApi 1.1): cells inserted in place of this range, the others shifted to
   * make room (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-insert-member(1)).
   * The fake models entire rows shifted "Down" and entire columns shifted "Right" (what the
   * expert's Insert on a row or column header does); the new cells are empty and unformatted.
   * Refused on a protected sheet.
   */
  insert(shift: "Down" | "Right"): FakeRange {
    this.act("insert", [shift], (t) => {
      if (t.sheet.protected) fail("AccessDenied", `The sheet "${t.sheet.name}" is protected.`);
      const wholeRows = t.r.left === 0 && t.r.right === MAX_COL;
      const wholeColumns = t.r.top === 0 && t.r.bottom === MAX_ROW;
      if (shift === "Down" && wholeRows) t.sheet.insert("rows", t.r.top, rowsOf(t.r));
      else if (shift === "Right" && wholeColumns) t.sheet.insert("columns", t.r.left, colsOf(t.r));
      else fail("NotImplemented", "the fake inserts entire rows (Down) or entire columns (Right) only");
    });
    return this.nav("insert", new FakeRange(this.context, `${this.path}.insert(${JSON.stringify(shift)})`, () => this.live()));
  }

  getEntireColumn(): FakeRange {
    return this.nav(
      "getEntireColumn",
      new FakeRange(this.context, `${this.path}.getEntireColumn()`, () => {
        const t = this.live();
        return { sheet: t.sheet, r: { top: 0, left: t.r.left, bottom: MAX_ROW, right: t.r.right } };
      }),
    );
  }

  merge(across = false): void {
    this.act("merge", [across], (t) => {
      if (across) fail("NotImplemented", "the fake models merge(false) only");
      writable(t);
      if (t.sheet.merges.some((m) => overlaps(m, t.r))) fail("InvalidOperation", `${a1RangeOf(t.r)} overlaps a merged range`);
      // Excel keeps the top-left value and gives the whole area the top-left cell's format.
      const master = t.sheet.cell(t.r.top, t.r.left);
      each(t, (row, col) => {
        if (row === t.r.top && col === t.r.left) return;
        const cell = t.sheet.ensure(row, col);
        cell.value = null;
        delete cell.formula;
        cell.style = structuredClone(master?.style ?? {});
      });
      t.sheet.merges.push({ ...t.r });
    });
  }

  select(): void {
    this.act("select", undefined, (t) => {
      if (t.sheet.visibility !== "Visible") fail("InvalidSelection", "A range on a hidden sheet cannot be selected.");
      const model = this.context.session.model;
      model.activeSheet = t.sheet.name;
      model.selection = a1RangeOf(t.r);
    });
  }

  /**
   * Range.getMergedAreasOrNullObject (ExcelApi 1.13): the merged areas of this range, a null
   * object when there are none
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)).
   * - An area belongs to the range when its top-left cell is in it: an area that only overlaps
   *   the range from above or from the left is not returned (office-js issue 3611; the reporter's
   *   follow-up request on the Microsoft 365 developer platform quotes the answer that this is
   *   how the method is meant to work).
   * - "If the merged areas count in this range is more than 512, then this method will fail to
   *   return the result" (the same reference). The error code is not documented: the fake fails
   *   the sync with GeneralException, Excel's code for an error without a more specific one.
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return this.nav(
      "getMergedAreasOrNullObject",
      new FakeRangeAreas(this.context, `${this.path}.getMergedAreasOrNullObject()`, () => {
        const t = this.live();
        const inside = (m: CellRange) => m.top >= t.r.top && m.top <= t.r.bottom && m.left >= t.r.left && m.left <= t.r.right;
        const areas = t.sheet.merges.filter(inside).sort((a, b) => a.top - b.top || a.left - b.left);
        if (areas.length > MAX_MERGED_AREAS)
          fail(
            "GeneralException",
            `An internal error has occurred. (${areas.length} merged areas in ${addressOf(t)}: Excel returns at most ${MAX_MERGED_AREAS})`,
          );
        return areas.length ? { sheet: t.sheet, areas } : null;
      }),
    );
  }

  getCellProperties(options: { format?: { fill?: Record<string, boolean> } }): ClientResult<unknown[][]> {
    const fill = options.format?.fill ?? {};
    const other = Object.keys(options)
      .filter((k) => k !== "format")
      .concat(Object.keys(options.format ?? {}).filter((k) => k !== "fill"));
    return this.result("getCellProperties", [options], (t) => {
      if (other.length) fail("NotImplemented", `the fake's getCellProperties models format.fill only (asked for ${other.join(", ")})`);
      return grid(t, (c) => {
        const f = officeFill(c?.style.fill, fillReading(this.context.session, "cellProperties"));
        const out: Record<string, unknown> = {};
        for (const k of ["color", "pattern", "patternColor", "tintAndShade"] as const) if (fill[k]) out[k] = f[k];
        return { format: { fill: out } };
      });
    });
  }

  setCellProperties(props: unknown[][]): void {
    this.act("setCellProperties", [props], (t) => {
      const rows = checkShape(t, props, "setCellProperties");
      writable(t);
      each(t, (row, col, i, j) => {
        const p = rows[i][j] as { format?: Record<string, unknown> } | null;
        if (p === null || p === undefined) return;
        const extra = Object.keys(p).filter((k) => k !== "format");
        if (extra.length) fail("NotImplemented", `the fake's setCellProperties models format only (got ${extra.join(", ")})`);
        if (p.format) applyCellFormat(t.sheet.ensure(row, col).style, p.format, t.sheet.ensure(row, col));
      });
    });
  }

  getColumnProperties(options: { columnHidden?: boolean; columnIndex?: boolean }): ClientResult<{ columnHidden?: boolean; columnIndex?: number }[]> {
    return this.result("getColumnProperties", [options], (t) => {
      const out = [];
      for (let c = t.r.left; c <= t.r.right; c++)
        out.push({ ...(options.columnIndex ? { columnIndex: c } : {}), ...(options.columnHidden ? { columnHidden: t.sheet.hiddenColumns.has(c) } : {}) });
      return out;
    });
  }

  getRowProperties(options: { rowHidden?: boolean; rowIndex?: boolean }): ClientResult<{ rowHidden?: boolean; rowIndex?: number }[]> {
    return this.result("getRowProperties", [options], (t) => {
      const out = [];
      for (let r = t.r.top; r <= t.r.bottom; r++)
        out.push({ ...(options.rowIndex ? { rowIndex: r } : {}), ...(options.rowHidden ? { rowHidden: t.sheet.hiddenRows.has(r) } : {}) });
      return out;
    });
  }
}

function allOrNull(from: number, to: number, f: (i: number) => boolean): boolean | null {
  const first = f(from);
  for (let i = from + 1; i <= to; i++) if (f(i) !== first) return null;
  return first;
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export class FakeRangeAreas extends ClientObject<{ sheet: FakeSheet; areas: CellRange[] }> {
  protected readonly loadable = ["address", "areaCount"] as const;
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly find: () => { sheet: FakeSheet; areas: CellRange[] } | null,
  ) {
    super(context, path);
  }
  protected resolve() {
    return this.find();
  }
  protected read(t: { sheet: FakeSheet; areas: CellRange[] }, props: string[]): Props {
    const out: Props = {};
    if (props.includes("address")) out.address = t.areas.map((r) => addressOf({ sheet: t.sheet, r })).join(", ");
    if (props.includes("areaCount")) out.areaCount = t.areas.length;
    return out;
  }
  get address(): string {
    return this.get("address");
  }
  get areaCount(): number {
    return this.get("areaCount");
  }
}

// ---------------------------------------------------------------------------------------------
// Formats

const H_ALIGN: Record<string, string | undefined> = {
  General: undefined,
  Left: "left",
  Center: "center",
  Right: "right",
  Justify: "justify",
  Fill: "fill",
  Distributed: "distributed",
  CenterAcrossSelection: "centerContinuous",
};
const V_ALIGN: Record<string, string> = { Top: "top", Center: "middle", Bottom: "bottom", Justify: "justify", Distributed: "distributed" };
const WEIGHTS: Record<string, string> = { Hairline: "hair", Thin: "thin", Medium: "medium", Thick: "thick" };
type Side = "top" | "bottom" | "left" | "right";

function setColor(style: FakeStyle, hex: unknown): void {
  if (typeof hex !== "string" || !HEX.test(hex)) fail("InvalidArgument", `"${String(hex)}" is not a colour (the fake takes #RRGGBB)`);
  const fill = style.fill;
  if (fill?.type === "pattern" && fill.pattern !== "solid" && fill.pattern !== "none") fill.bgColor = fileColor(hex as string);
  else style.fill = { type: "pattern", pattern: "solid", fgColor: fileColor(hex as string) };
}

function setPattern(style: FakeStyle, pattern: unknown): void {
  if (pattern === "None") {
    delete style.fill;
    return;
  }
  const p = PATTERNS[pattern as string];
  if (!p) fail("InvalidArgument", `fill pattern "${String(pattern)}" cannot be set`);
  const now = officeFill(style.fill);
  if (p === "solid") style.fill = { type: "pattern", pattern: "solid", fgColor: fileColor(now.pattern === "None" ? "#FFFFFF" : now.color) };
  else style.fill = { type: "pattern", pattern: p as ExcelJS.FillPatterns, fgColor: fileColor(now.patternColor ?? "#000000"), bgColor: fileColor(now.color) };
}

function setPatternColor(style: FakeStyle, hex: unknown): void {
  if (typeof hex !== "string" || !HEX.test(hex)) fail("InvalidArgument", `"${String(hex)}" is not a colour`);
  const fill = style.fill;
  if (fill?.type === "pattern" && fill.pattern !== "solid") fill.fgColor = fileColor(hex as string);
}

function setTint(style: FakeStyle, tint: unknown): void {
  if (typeof tint !== "number" || tint < -1 || tint > 1) fail("InvalidArgument", `tintAndShade ${String(tint)}`);
  const fill = style.fill;
  if (fill?.type !== "pattern") return;
  const key = fill.pattern === "solid" ? "fgColor" : "bgColor";
  const c = { ...(fill[key] ?? {}) } as Partial<ExcelJS.Color> & { tint?: number };
  if (tint === 0) delete c.tint;
  else c.tint = tint as number;
  fill[key] = c as ExcelJS.Color;
}

function applyFill(style: FakeStyle, f: Record<string, unknown>): void {
  const known = ["pattern", "color", "patternColor", "tintAndShade"];
  const extra = Object.keys(f).filter((k) => !known.includes(k));
  if (extra.length) fail("NotImplemented", `fill ${extra.join(", ")}`);
  if (f.pattern !== undefined) setPattern(style, f.pattern);
  if (f.color !== undefined) setColor(style, f.color);
  if (f.patternColor !== undefined) setPatternColor(style, f.patternColor);
  if (f.tintAndShade !== undefined) setTint(style, f.tintAndShade);
}

function applyFont(style: FakeStyle, f: Record<string, unknown>): void {
  const font: Partial<ExcelJS.Font> = { ...(style.font ?? {}) };
  for (const [k, v] of Object.entries(f)) {
    if (k === "bold" || k === "italic") {
      if (typeof v !== "boolean") fail("InvalidArgument", `font.${k}`);
      font[k] = v as boolean;
    } else if (k === "size") {
      if (typeof v !== "number" || v <= 0) fail("InvalidArgument", "font.size");
      font.size = v as number;
    } else if (k === "name") {
      if (typeof v !== "string" || v === "") fail("InvalidArgument", "font.name");
      font.name = v as string;
    } else if (k === "color") {
      if (typeof v !== "string" || !HEX.test(v)) fail("InvalidArgument", `font.color "${String(v)}"`);
      font.color = fileColor(v as string);
    } else fail("NotImplemented", `font.${k}`);
  }
  style.font = font;
}

function setAlignment(style: FakeStyle, key: "horizontal" | "vertical" | "wrapText", value: unknown): void {
  const a: Partial<ExcelJS.Alignment> = { ...(style.alignment ?? {}) };
  if (key === "wrapText") {
    if (typeof value !== "boolean") fail("InvalidArgument", "wrapText");
    a.wrapText = value as boolean;
  } else if (key === "horizontal") {
    if (!(String(value) in H_ALIGN)) fail("InvalidArgument", `horizontalAlignment "${String(value)}"`);
    const h = H_ALIGN[value as string];
    if (h === undefined) delete a.horizontal;
    else a.horizontal = h as ExcelJS.Alignment["horizontal"];
  } else {
    if (!(String(value) in V_ALIGN)) fail("InvalidArgument", `verticalAlignment "${String(value)}"`);
    a.vertical = V_ALIGN[value as string] as ExcelJS.Alignment["vertical"];
  }
  style.alignment = a;
}

function borderOf(b: { style?: unknown; weight?: unknown; color?: unknown }): Partial<ExcelJS.Border> | null {
  if (b.style === "None") return null;
  if (b.style !== undefined && b.style !== "Continuous") fail("NotImplemented", `border style "${String(b.style)}" (the fake models Continuous)`);
  const weight = WEIGHTS[(b.weight as string) ?? "Thin"];
  if (!weight) fail("InvalidArgument", `border weight "${String(b.weight)}"`);
  const out: Partial<ExcelJS.Border> = { style: weight as ExcelJS.BorderStyle };
  if (b.color !== undefined) {
    if (typeof b.color !== "string" || !HEX.test(b.color)) fail("InvalidArgument", `border color "${String(b.color)}"`);
    out.color = fileColor(b.color as string);
  }
  return out;
}

function setSide(cell: FakeCell, side: Side, border: Partial<ExcelJS.Border> | null): void {
  const b: Partial<ExcelJS.Borders> = { ...(cell.style.border ?? {}) };
  if (border) b[side] = border as ExcelJS.Border;
  else delete b[side];
  if (Object.keys(b).length) cell.style.border = b;
  else delete cell.style.border;
}

/** One cell's format from setCellProperties. */
function applyCellFormat(style: FakeStyle, f: Record<string, unknown>, cell: FakeCell): void {
  for (const [k, v] of Object.entries(f)) {
    if (k === "fill") applyFill(style, v as Record<string, unknown>);
    else if (k === "font") applyFont(style, v as Record<string, unknown>);
    else if (k === "wrapText") setAlignment(style, "wrapText", v);
    else if (k === "horizontalAlignment") setAlignment(style, "horizontal", v);
    else if (k === "verticalAlignment") setAlignment(style, "vertical", v);
    else if (k === "borders") {
      for (const [side, b] of Object.entries(v as Record<string, { style?: unknown; weight?: unknown; color?: unknown }>)) {
        if (!["top", "bottom", "left", "right"].includes(side)) fail("NotImplemented", `borders.${side}`);
        setSide(cell, side as Side, borderOf(b));
      }
    } else fail("NotImplemented", `setCellProperties format.${k}`);
  }
}

class FormatPart extends ClientObject<RangeTarget> {
  protected readonly loadable: readonly string[] = [];
  constructor(
    context: FakeRequestContext,
    path: string,
    protected readonly range: () => RangeTarget,
  ) {
    super(context, path);
  }
  protected resolve(): RangeTarget {
    return this.range();
  }
  protected read(_t: RangeTarget, _props: string[]): Props {
    return {};
  }
  /** Queues a change of every cell's style. */
  protected styleAll(action: string, args: unknown, f: (style: FakeStyle, cell: FakeCell) => void): void {
    this.act(action, args, (t) => {
      writable(t);
      each(t, (row, col) => {
        const cell = t.sheet.ensure(row, col);
        f(cell.style, cell);
      });
    });
  }
}

export class FakeRangeFormat extends FormatPart {
  readonly fill = this.nav("fill", new FakeRangeFill(this.context, `${this.path}.fill`, this.range));
  readonly font = this.nav("font", new FakeRangeFont(this.context, `${this.path}.font`, this.range));
  readonly borders = this.nav("borders", new FakeRangeBorders(this.context, `${this.path}.borders`, this.range));

  set wrapText(w: boolean) {
    this.styleAll("set wrapText", w, (s) => setAlignment(s, "wrapText", w));
  }
  set horizontalAlignment(h: string) {
    this.styleAll("set horizontalAlignment", h, (s) => setAlignment(s, "horizontal", h));
  }
  set verticalAlignment(v: string) {
    this.styleAll("set verticalAlignment", v, (s) => setAlignment(s, "vertical", v));
  }
  protected override readonly loadable: readonly string[] = ["columnWidth"];
  /**
   * columnWidth: the width of the range's columns in points, null when they differ
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-columnwidth-member).
   * Excel shows a column in whole pixels worked out from the file's width with the digit width of
   * the workbook's Normal font (ECMA-376 §18.3.1.13, see model.ts); a pixel is ¾ of a point.
   */
  protected override read(t: RangeTarget, props: string[]): Props {
    const out: Props = {};
    if (props.includes("columnWidth")) {
      const mdw = this.context.session.model.digitWidth;
      const first = columnPixels(t.sheet, t.r.left, mdw);
      let same = true;
      for (let c = t.r.left + 1; c <= t.r.right && same; c++) same = columnPixels(t.sheet, c, mdw) === first;
      out.columnWidth = same ? first * 0.75 : null;
    }
    return out;
  }
  get columnWidth(): number | null {
    return this.get("columnWidth");
  }
  /**
   * Points. Excel keeps whole pixels and stores the width the file format derives from them
   * (characters of the Normal font's digit width, padding included; ECMA-376 §18.3.1.13): the
   * same points read back only when they were a whole number of pixels.
   */
  set columnWidth(points: number) {
    this.act("set columnWidth", points, (t) => {
      if (typeof points !== "number" || !Number.isFinite(points) || points < 0) fail("InvalidArgument", `columnWidth ${points}`);
      const width = pixelsFileWidth(Math.round(points / 0.75), this.context.session.model.digitWidth);
      for (let c = t.r.left; c <= t.r.right; c++) t.sheet.columnWidths.set(c, width);
    });
  }
  set rowHeight(points: number) {
    this.act("set rowHeight", points, (t) => {
      if (typeof points !== "number" || points < 0 || points > 409) fail("InvalidArgument", `rowHeight ${points}`);
      for (let r = t.r.top; r <= t.r.bottom; r++) t.sheet.rowHeights.set(r, points);
    });
  }
}

export class FakeRangeFill extends FormatPart {
  protected override readonly loadable = ["color", "pattern", "patternColor", "tintAndShade"] as const;
  protected override read(t: RangeTarget, props: string[]): Props {
    // A property is reported when every cell agrees, null otherwise (as Excel does).
    const reading = fillReading(this.context.session, "rangeFill");
    const all = grid(t, (c) => officeFill(c?.style.fill, reading)).flat();
    const out: Props = {};
    for (const p of props as (keyof ReturnType<typeof officeFill>)[]) out[p] = all.every((f) => f[p] === all[0][p]) ? all[0][p] : null;
    return out;
  }
  get color(): string {
    return this.get("color");
  }
  set color(c: string) {
    this.styleAll("set color", c, (s) => setColor(s, c));
  }
  get pattern(): string {
    return this.get("pattern");
  }
  set pattern(p: string) {
    this.styleAll("set pattern", p, (s) => setPattern(s, p));
  }
  get patternColor(): string {
    return this.get("patternColor");
  }
  set patternColor(c: string) {
    this.styleAll("set patternColor", c, (s) => setPatternColor(s, c));
  }
  get tintAndShade(): number | null {
    return this.get("tintAndShade");
  }
  set tintAndShade(t: number) {
    this.styleAll("set tintAndShade", t, (s) => setTint(s, t));
  }
  clear(): void {
    this.styleAll("clear", undefined, (s) => void delete s.fill);
  }
}

export class FakeRangeFont extends FormatPart {
  set bold(b: boolean) {
    this.styleAll("set bold", b, (s) => applyFont(s, { bold: b }));
  }
  set italic(b: boolean) {
    this.styleAll("set italic", b, (s) => applyFont(s, { italic: b }));
  }
  set size(n: number) {
    this.styleAll("set size", n, (s) => applyFont(s, { size: n }));
  }
  set name(n: string) {
    this.styleAll("set name", n, (s) => applyFont(s, { name: n }));
  }
  set color(c: string) {
    this.styleAll("set color", c, (s) => applyFont(s, { color: c }));
  }
}

const EDGES: Record<string, Side[] | "insideV" | "insideH"> = {
  EdgeTop: ["top"],
  EdgeBottom: ["bottom"],
  EdgeLeft: ["left"],
  EdgeRight: ["right"],
  InsideVertical: "insideV",
  InsideHorizontal: "insideH",
};

export class FakeRangeBorders extends FormatPart {
  protected override get officeClass(): string {
    return "RangeBorderCollection";
  }
  getItem(index: string): FakeRangeBorder {
    if (!(index in EDGES)) fail("InvalidArgument", `border "${index}"`);
    return this.nav("getItem", new FakeRangeBorder(this.context, `${this.path}.getItem(${JSON.stringify(index)})`, this.range, index));
  }
}

export class FakeRangeBorder extends FormatPart {
  private lineStyle = "Continuous";
  private lineWeight = "Thin";
  constructor(
    context: FakeRequestContext,
    path: string,
    range: () => RangeTarget,
    private readonly index: string,
  ) {
    super(context, path, range);
  }
  private apply(action: string, args: unknown): void {
    this.act(action, args, (t) => {
      writable(t);
      const border = borderOf({ style: this.lineStyle, weight: this.lineWeight });
      const edge = EDGES[this.index];
      each(t, (row, col) => {
        const cell = t.sheet.ensure(row, col);
        if (Array.isArray(edge)) {
          const side = edge[0];
          const onEdge =
            (side === "top" && row === t.r.top) ||
            (side === "bottom" && row === t.r.bottom) ||
            (side === "left" && col === t.r.left) ||
            (side === "right" && col === t.r.right);
          if (onEdge) setSide(cell, side, border);
        } else if (edge === "insideV") {
          if (col > t.r.left) setSide(cell, "left", border);
          if (col < t.r.right) setSide(cell, "right", border);
        } else {
          if (row > t.r.top) setSide(cell, "top", border);
          if (row < t.r.bottom) setSide(cell, "bottom", border);
        }
      });
    });
  }
  set style(s: string) {
    this.lineStyle = s;
    this.apply("set style", s);
  }
  set weight(w: string) {
    this.lineWeight = w;
    this.apply("set weight", w);
  }
}

// ---------------------------------------------------------------------------------------------
// Data validation

export class FakeDataValidation extends FormatPart {
  private entry(t: RangeTarget): ExcelJS.DataValidation {
    const v = t.sheet.validations.find(
      (x) => x.range.top === t.r.top && x.range.left === t.r.left && x.range.bottom === t.r.bottom && x.range.right === t.r.right,
    );
    if (!v) return fail("InvalidOperation", "Set the data validation rule of the range first.");
    return v.validation;
  }
  /**
   * DataValidationRule holds exactly one rule
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.datavalidationrule). The fake
   * models two: a list (ListDataValidation: source, inline comma-separated up to 255 characters,
   * or "=" and a formula; https://learn.microsoft.com/en-us/javascript/api/excel/excel.listdatavalidation)
   * and a date (DateTimeDataValidation: formula1 an ISO date, formula2 only for Between and
   * NotBetween; https://learn.microsoft.com/en-us/javascript/api/excel/excel.datetimedatavalidation).
   */
  set rule(rule: { list?: { inCellDropDown?: boolean; source?: unknown }; date?: { formula1?: unknown; formula2?: unknown; operator?: unknown } }) {
    this.act("set rule", rule, (t) => {
      writable(t);
      const keys = Object.keys(rule);
      if (keys.length !== 1 || (!rule.list && !rule.date))
        fail(keys.length > 1 ? "InvalidArgument" : "NotImplemented", `one list or date rule (the fake models those), got ${keys.join(", ")}`);
      if (rule.date) {
        const d = rule.date;
        const operators: Record<string, string> = {
          Between: "between",
          NotBetween: "notBetween",
          EqualTo: "equal",
          NotEqualTo: "notEqual",
          GreaterThan: "greaterThan",
          LessThan: "lessThan",
          GreaterThanOrEqualTo: "greaterThanOrEqual",
          LessThanOrEqualTo: "lessThanOrEqual",
        };
        const operator = operators[String(d.operator)];
        if (!operator) fail("InvalidArgument", `unknown data validation operator ${JSON.stringify(d.operator)}`);
        const needsTwo = d.operator === "Between" || d.operator === "NotBetween";
        const day = (f: unknown): Date => {
          if (typeof f !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(f) || Number.isNaN(Date.parse(`${f}T00:00:00Z`))) {
            return fail("InvalidArgument", `a date rule's formula must be an ISO date (the fake models no formulas there), got ${JSON.stringify(f)}`);
          }
          return new Date(`${f}T00:00:00Z`);
        };
        if (needsTwo !== (d.formula2 !== undefined)) fail("InvalidArgument", `formula2 is ${needsTwo ? "required" : "not used"} with ${String(d.operator)}`);
        const formulae = needsTwo ? [day(d.formula1), day(d.formula2)] : [day(d.formula1)];
        t.sheet.validations = t.sheet.validations.filter((v) => !overlaps(v.range, t.r));
        t.sheet.validations.push({
          range: { ...t.r },
          validation: { type: "date", operator, allowBlank: true, formulae, showErrorMessage: true, errorStyle: "stop" } as ExcelJS.DataValidation,
        });
        return;
      }
      const source = rule.list!.source;
      if (typeof source !== "string" || source === "") fail("InvalidArgument", "a list rule needs a source");
      const src = source as string;
      const formula = src.startsWith("=") ? src.slice(1) : `"${src}"`;
      if (!src.startsWith("=") && src.length > 255) fail("InvalidArgument", "a list source is longer than 255 characters");
      // A new rule replaces the validations it covers.
      t.sheet.validations = t.sheet.validations.filter((v) => !overlaps(v.range, t.r));
      t.sheet.validations.push({
        range: { ...t.r },
        validation: { type: "list", allowBlank: true, formulae: [formula], showErrorMessage: true, errorStyle: "stop" } as ExcelJS.DataValidation,
      });
    });
  }
  set prompt(p: { showPrompt: boolean; message?: string; title?: string }) {
    this.act("set prompt", p, (t) => {
      const v = this.entry(t) as ExcelJS.DataValidation & { promptTitle?: string };
      v.showInputMessage = p.showPrompt;
      if (p.message) v.prompt = p.message;
      if (p.title) v.promptTitle = p.title;
    });
  }
  /**
   * DataValidation.clear (ExcelApi 1.8): "Clears the data validation from the current range"
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.datavalidation#excel-excel-datavalidation-clear-member(1)).
   * A validation partly in the range keeps the part outside it when that part is a rectangle.
   */
  clear(): void {
    this.act("clear", undefined, (t) => {
      writable(t);
      const kept: typeof t.sheet.validations = [];
      for (const v of t.sheet.validations) {
        const r = v.range;
        if (!overlaps(r, t.r)) kept.push(v);
        else if (t.r.left <= r.left && t.r.right >= r.right && t.r.top > r.top && t.r.bottom >= r.bottom)
          kept.push({ ...v, range: { ...r, bottom: t.r.top - 1 } });
        else if (t.r.left <= r.left && t.r.right >= r.right && t.r.bottom < r.bottom && t.r.top <= r.top)
          kept.push({ ...v, range: { ...r, top: t.r.bottom + 1 } });
        else if (!(t.r.top <= r.top && t.r.bottom >= r.bottom && t.r.left <= r.left && t.r.right >= r.right))
          fail("NotImplemented", "clearing the middle of a data validation (the fake keeps one rectangle per validation)");
      }
      t.sheet.validations = kept;
    });
  }
  set errorAlert(a: { showAlert: boolean; style?: string; message?: string; title?: string }) {
    this.act("set errorAlert", a, (t) => {
      const v = this.entry(t);
      v.showErrorMessage = a.showAlert;
      // DataValidationAlertStyle: Stop, Warning, Information
      // (https://learn.microsoft.com/en-us/javascript/api/excel/excel.datavalidationalertstyle).
      if (a.style !== undefined && !["Stop", "Warning", "Information"].includes(a.style))
        fail("InvalidArgument", `unknown alert style ${JSON.stringify(a.style)}`);
      if (a.style) v.errorStyle = a.style.toLowerCase();
      if (a.message) v.error = a.message;
      if (a.title) v.errorTitle = a.title;
    });
  }
  set ignoreBlanks(b: boolean) {
    this.act("set ignoreBlanks", b, (t) => void (this.entry(t).allowBlank = b));
  }
}

export type { FakeValue };
