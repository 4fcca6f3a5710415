/// <reference types="office-js" />
/**
 * The size of the requests Office.js sends, measured before anything is queued on Excel's
 * context: the writes are first run against a stand-in context that records them as Office.js
 * serialises a batch, then split into requests that each stay under a byte limit (Excel on the
 * web takes 5 MB a request:
 * https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 *
 * What Office.js sends (its runtime as published in OfficeDev/office-js, dist/excel.debug.js:
 * ClientRequestBase.ensureInstantiateObjectPath and buildRequestMessageBodyAndRequestFlags,
 * CommonActionFactory, ObjectPathFactory, Utility.setMethodArguments) is one JSON body:
 *
 *   { "AutoKeepReference": false, "Actions": [...], "ObjectPaths": { "<Id>": {...}, ... } }
 *
 * - every object an action touches is sent with the whole chain of object paths that leads to it
 *   ({ Id, ObjectPathType, Name, ParentObjectPathId, ArgumentInfo: { Arguments } }: the workbook,
 *   `Worksheets`, `GetItem("Sheet")`, `GetRange("A1:B2")`, `Format`, `Fill`, …), once per request;
 * - each of those object paths gets an Instantiate action the first time the request uses it;
 * - a property written is a SetProperty action, a method called a Method action, each
 *   { Id, ActionType, Name, ObjectPathId, ArgumentInfo: { Arguments: [...] } }, with "L": the ids
 *   of the object paths it is the last to use.
 *
 * The measure is an upper bound of that: ids are counted with 8 digits, every action with an
 * "L" list, a method whose result is used in a later request as both a Method action and an
 * object path, a collection's indexer as a method. A queued `load` is measured as a method call
 * (the host measures writes only).
 */
import { jsonBytes, utf8Length } from "./errors";

/** One object Office.js would address: the workbook (the global object), a property or a method's result. */
interface Node {
  parent: Node | null;
  kind: "global" | "property" | "method";
  name: string;
  args?: unknown[];
  /** Property objects are made once per parent (Office.js keeps them on the proxy). */
  children: Map<string, Node>;
  /** The request in which its object path was last sent. */
  sentIn: number;
  /** Whether it was ever addressed (its path sent): a call whose result is never addressed is a Method action. */
  addressed: boolean;
  proxy?: unknown;
}

/** Ids as Office.js numbers them, counted with 8 digits (a context would need 10 million objects to go beyond). */
const ID = 10_000_000;
/** `{"AutoKeepReference":false,"Actions":[],"ObjectPaths":{}}` */
const BODY = jsonBytes({ AutoKeepReference: false, Actions: [], ObjectPaths: {} });
/** `,"L":[]` on an action, and one id (with its comma) in some action's "L" for every object path. */
const L_LIST = utf8Length(',"L":[]');
const L_ID = String(ID).length + 1;

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export class RequestRecorder {
  /** A stand-in for Excel.RequestContext: what is queued on it is measured, nothing is sent. */
  readonly context: Excel.RequestContext;
  /** Bytes of the request being recorded. */
  bytes = BODY;
  private request = 0;
  private readonly nodes = new WeakMap<object, Node>();
  private calls: Node[] = [];

  constructor() {
    const global = this.node(null, "global", "");
    const application = this.child(global, "application");
    this.context = { workbook: this.proxy(global), application: this.proxy(application) } as unknown as Excel.RequestContext;
  }

  /** Starts a new request: the object paths are sent again. */
  newRequest(): void {
    this.request++;
    this.bytes = BODY;
  }

  /** Runs `queue` against the stand-in context, adding what it queues to the request. */
  record(queue: () => void): void {
    this.calls = [];
    queue();
    // A call whose result was never addressed is a method run for its effect (delete, clear, merge…).
    for (const call of this.calls) if (!call.addressed) this.action(call.parent!, 3, call.name, call.args ?? []);
    this.calls = [];
  }

  private node(parent: Node | null, kind: Node["kind"], name: string, args?: unknown[]): Node {
    return { parent, kind, name, args, children: new Map(), sentIn: -1, addressed: false };
  }

  private child(parent: Node, name: string): Node {
    let c = parent.children.get(name);
    if (!c) parent.children.set(name, (c = this.node(parent, "property", name)));
    return c;
  }

  private proxy(n: Node): unknown {
    if (n.proxy) return n.proxy;
    // A function, so that a property can be called as a method.
    const p = new Proxy(function stand() {}, {
      get: (_t, prop) => (typeof prop === "string" && prop !== "then" && prop !== "toJSON" ? this.proxy(this.child(n, prop)) : undefined),
      set: (_t, prop, value) => {
        this.action(n, 4, String(prop), [value]);
        return true;
      },
      apply: (_t, _this, args: unknown[]) => {
        // `x.method(args)`: `n` is the property `method` of x.
        const call = this.node(n.parent, "method", n.name, args);
        this.calls.push(call);
        return this.proxy(call);
      },
    });
    this.nodes.set(p, n);
    n.proxy = p;
    return p;
  }

  /** Sends a node's object path and its parents' (once per request), each with its Instantiate action. */
  private address(n: Node): void {
    n.addressed = true;
    if (n.sentIn === this.request) return;
    if (n.parent) this.address(n.parent);
    n.sentIn = this.request;
    const info = {
      Id: ID,
      ObjectPathType: n.kind === "global" ? 1 : n.kind === "method" ? 3 : 4,
      Name: n.kind === "global" ? "" : pascal(n.name),
      ...(n.parent ? { ParentObjectPathId: ID } : {}),
      ...(n.kind === "method" ? { ArgumentInfo: { Arguments: this.argumentsOf(n.args ?? []) } } : {}),
    };
    this.bytes += jsonBytes(String(ID)) + 1 + jsonBytes(info) + 1 + L_ID;
    this.bytes += jsonBytes({ Id: ID, ActionType: 1, Name: "", ObjectPathId: ID }) + 1 + L_LIST;
  }

  /** Arguments as Office.js sends them: a proxy by its object path's id (and that path sent). */
  private argumentsOf(args: unknown[]): unknown[] {
    return args.map((a) => {
      const n = typeof a === "function" || (typeof a === "object" && a !== null) ? this.nodes.get(a) : undefined;
      if (!n) return a;
      this.address(n);
      return ID;
    });
  }

  private action(target: Node, type: 3 | 4, name: string, args: unknown[]): void {
    this.address(target);
    const info = { Id: ID, ActionType: type, Name: pascal(name), ObjectPathId: ID, ArgumentInfo: { Arguments: this.argumentsOf(args) } };
    this.bytes += jsonBytes(info) + 1 + L_LIST;
  }
}

export interface RequestPart {
  /** Steps [from, to) of the batch. */
  from: number;
  to: number;
  /** Its measured size. */
  bytes: number;
}

/**
 * The batch's steps as requests of at most `limit` bytes, in order: as many steps as fit in each
 * (a step is never split; one larger than the limit alone makes a part over it, for the caller
 * to refuse). `begin` is what every request starts with; `step(i)` queues step i on the
 * recorder's context.
 */
export function splitRequests(recorder: RequestRecorder, count: number, step: (i: number) => void, begin: () => void, limit: number): RequestPart[] {
  const parts: RequestPart[] = [];
  const open = (from: number): RequestPart => {
    recorder.newRequest();
    recorder.record(begin);
    return { from, to: from, bytes: recorder.bytes };
  };
  let part = open(0);
  for (let i = 0; i < count; i++) {
    recorder.record(() => step(i));
    if (recorder.bytes > limit && i > part.from) {
      // Does not fit: the request closes before this step, which opens the next one.
      parts.push(part);
      part = open(i);
      recorder.record(() => step(i));
    }
    part.to = i + 1;
    part.bytes = recorder.bytes;
  }
  parts.push(part);
  return parts;
}
