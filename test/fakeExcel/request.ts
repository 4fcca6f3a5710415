/**
 * The request Office.js would send for a batch of the fake's queued actions, so that the fake
 * measures (and caps) what Excel on the web receives rather than the JSON of the bare arguments.
 *
 * The shape is office.js's RichApi request body as its runtime builds it (OfficeDev/office-js,
 * dist/excel.debug.js and the other hosts' runtimes: ClientRequestBase.ensureInstantiateObjectPath,
 * addReferencedObjectPath, buildRequestMessageBodyAndRequestFlags, _calculateLastUsedObjectPathIds;
 * CommonActionFactory.createSetPropertyAction / createQueryAction; ActionFactory.createMethodAction;
 * ObjectPathFactory; Utility.setMethodArguments):
 *
 *   { "AutoKeepReference": false,
 *     "Actions": [ { "Id", "ActionType", "Name", "ObjectPathId", "ArgumentInfo": { "Arguments": [...] }
 *                    | "QueryInfo": { "Select": [...] }, "L": [ids last used here] }, … ],
 *     "ObjectPaths": { "<Id>": { "Id", "ObjectPathType", "Name", "ParentObjectPathId",
 *                                 "ArgumentInfo": { "Arguments": [...] } }, … } }
 *
 * Every object an action touches is sent with its whole chain of object paths (the workbook is the
 * global object, `worksheets` a property, `getRange("A1")` a method with its arguments,
 * `worksheets.getItem(name)` an indexer), and each object path gets an Instantiate action the
 * first time a request uses it (parents first). Ids come from one counter per request context, as
 * office.js's `_nextId()`. Action types: 1 Instantiate, 2 Query (load), 3 Method, 4 SetProperty;
 * object path types: 1 global object, 3 method, 4 property, 5 indexer. Names are sent in
 * PascalCase ("GetRangeByIndexes", "NumberFormat").
 *
 * Close, not exact: the fake knows a proxy by its path text, so two proxies of the same range in
 * one batch share one object path here (Office.js sends one per proxy, about 150 bytes more each);
 * worksheet functions lose their arguments (`functions.date`); the HTTP envelope is not counted.
 * The large arrays that dominate a big request are counted exactly.
 */

export interface QueuedAction {
  /** The proxy's path, as the fake's objects spell it: `workbook.worksheets.getItem("S").getRange("A1")`. */
  path: string;
  /** "load", "set <property>", or a method's name. */
  action: string;
  args?: unknown;
}

interface ArgumentInfo {
  Arguments: unknown[];
}

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: ArgumentInfo;
}

interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: ArgumentInfo;
  QueryInfo?: { Select: string[] };
  L?: number[];
}

interface Segment {
  name: string;
  /** Method arguments; null for a property. */
  args: unknown[] | null;
  /** The path text up to and including this segment: the key of its object path. */
  key: string;
}

/** Methods of the fake that queue an action and return the object they make (Office.js: a method object path, run when instantiated). */
const MAKERS = new Set(["add", "copy", "insert"]);

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** A path's segments: identifiers, each with its arguments when it is a call (JSON values). */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    const id = /^[A-Za-z_$][\w$]*/.exec(path.slice(i));
    if (!id) throw new Error(`cannot read the path ${path} at ${i}`);
    i += id[0].length;
    let args: unknown[] | null = null;
    if (path[i] === "(") {
      args = [];
      i++;
      while (path[i] !== ")") {
        const start = i;
        if (path[i] === '"') {
          for (i++; path[i] !== '"'; i++) if (path[i] === "\\") i++;
          i++;
        } else while (path[i] !== "," && path[i] !== ")") i++;
        args.push(JSON.parse(path.slice(start, i)));
        if (path[i] === ",") i++;
      }
      i++;
    }
    out.push({ name: id[0], args, key: path.slice(0, i) });
    if (path[i] === ".") i++;
  }
  return out;
}

/** One request context's serialisation: ids keep counting across its syncs. */
export class RequestSerialiser {
  private id = 0;

  private nextId(): number {
    return ++this.id;
  }

  /** The JSON Office.js would send for these actions. */
  serialise(queued: readonly QueuedAction[]): string {
    const paths = new Map<string, ObjectPathInfo>();
    const parents = new Map<number, number | undefined>();
    const instantiated = new Set<number>();
    const actions: ActionInfo[] = [];

    const pathOf = (key: string, make: () => Omit<ObjectPathInfo, "Id">, parent?: number): number => {
      let p = paths.get(key);
      if (!p) {
        p = { Id: this.nextId(), ...make(), ...(parent !== undefined ? { ParentObjectPathId: parent } : {}) };
        paths.set(key, p);
        parents.set(p.Id, parent);
      }
      return p.Id;
    };
    const global = () => pathOf("workbook", () => ({ ObjectPathType: 1, Name: "" }));
    const instantiate = (id: number) => {
      if (instantiated.has(id)) return;
      const parent = parents.get(id);
      if (parent !== undefined) instantiate(parent);
      instantiated.add(id);
      actions.push({ Id: this.nextId(), ActionType: 1, Name: "", ObjectPathId: id });
    };
    /** The object path of a proxy path, with its parents. */
    const resolve = (path: string): number => {
      let parent: number | undefined;
      for (const s of parsePath(path)) {
        if (parent === undefined) {
          // The roots: the workbook is the global object; the application one of its properties.
          parent = s.name === "workbook" ? global() : pathOf(s.key, () => ({ ObjectPathType: 4, Name: pascal(s.name) }), global());
          continue;
        }
        const args = s.args;
        const make =
          args === null
            ? () => ({ ObjectPathType: 4, Name: pascal(s.name) })
            : s.name === "getItem"
              ? () => ({ ObjectPathType: 5, Name: "", ArgumentInfo: { Arguments: args } })
              : () => ({ ObjectPathType: 3, Name: pascal(s.name), ArgumentInfo: { Arguments: args } });
        parent = pathOf(s.key, make, parent);
      }
      return parent!;
    };

    for (const a of queued) {
      const target = resolve(a.path);
      if (MAKERS.has(a.action) && Array.isArray(a.args)) {
        // worksheets.add(name) and the like: a method object path, run by its Instantiate action.
        const args = a.args as unknown[];
        const made = pathOf(
          `${a.path}.${a.action}(${args.map((x) => JSON.stringify(x)).join(",")})`,
          () => ({ ObjectPathType: 3, Name: pascal(a.action), ArgumentInfo: { Arguments: args } }),
          target,
        );
        instantiate(made);
        continue;
      }
      instantiate(target);
      const Id = this.nextId();
      if (a.action === "load") actions.push({ Id, ActionType: 2, Name: "", ObjectPathId: target, QueryInfo: { Select: a.args as string[] } });
      else if (a.action.startsWith("set "))
        actions.push({ Id, ActionType: 4, Name: pascal(a.action.slice(4)), ObjectPathId: target, ArgumentInfo: { Arguments: [a.args] } });
      else
        actions.push({
          Id,
          ActionType: 3,
          Name: pascal(a.action),
          ObjectPathId: target,
          ArgumentInfo: { Arguments: a.args === undefined ? [] : Array.isArray(a.args) ? a.args : [a.args] },
        });
    }

    // "L": each object path's id on the last action that uses it (office.js disposes of it there).
    const seen = new Set<number>();
    for (let i = actions.length - 1; i >= 0; i--) {
      const last: number[] = [];
      for (let p: number | undefined = actions[i].ObjectPathId; p !== undefined && !seen.has(p); p = parents.get(p)) {
        seen.add(p);
        last.push(p);
      }
      if (last.length) actions[i].L = last;
    }
    const objectPaths: Record<number, ObjectPathInfo> = {};
    for (const p of paths.values()) objectPaths[p.Id] = p;
    return JSON.stringify({ AutoKeepReference: false, Actions: actions, ObjectPaths: objectPaths });
  }
}
