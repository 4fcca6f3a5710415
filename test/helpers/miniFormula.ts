/**
 * A tiny evaluator for the formulas the template writes (IF, IFERROR, VLOOKUP, SUM,
 * COUNTBLANK, AND, comparison, +, -, &), so tests can check computed results when no
 * spreadsheet application is installed. Not a general Excel engine.
 */
import { parseA1 } from "../../src/core/address";

export type Value = number | string | boolean | null | { error: string };
/** Reads a sheet cell: its constant value or, for a formula cell, its formula text. */
export type Lookup = (row: number, col: number) => { value?: Value; formula?: string };

type Node =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "ref"; row: number; col: number }
  | { k: "range"; top: number; left: number; bottom: number; right: number }
  | { k: "call"; name: string; args: Node[] }
  | { k: "bin"; op: string; a: Node; b: Node }
  | { k: "neg"; a: Node };

const NA = { error: "#N/A" };

export function evaluateCell(lookup: Lookup, row: number, col: number, depth = 0): Value {
  if (depth > 100) throw new Error("circular reference");
  const c = lookup(row, col);
  if (c.formula === undefined) return c.value ?? null;
  return evalNode(parse(c.formula), lookup, depth + 1);
}

function parse(src: string): Node {
  const tokens = src.replace(/^=/, "").match(/"(?:[^"]|"")*"|\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|[A-Z]+|\d+(?:\.\d+)?|>=|<=|<>|[-+&=<>(),]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (next() !== t) throw new Error(`expected ${t} in ${src}`);
  };
  const LEVELS = [["=", "<>", ">=", "<=", ">", "<"], ["&"], ["+", "-"]];
  const binary = (level: number): Node => {
    if (level === LEVELS.length) return unary();
    let a = binary(level + 1);
    while (LEVELS[level].includes(peek())) {
      const op = next();
      a = { k: "bin", op, a, b: binary(level + 1) };
    }
    return a;
  };
  const unary = (): Node => (peek() === "-" ? (next(), { k: "neg", a: unary() }) : primary());
  const primary = (): Node => {
    const t = next();
    if (t === undefined) throw new Error(`unexpected end of ${src}`);
    if (t === "(") {
      const e = binary(0);
      expect(")");
      return e;
    }
    if (t.startsWith('"')) return { k: "str", v: t.slice(1, -1).replace(/""/g, '"') };
    if (/^\d/.test(t)) return { k: "num", v: Number(t) };
    if (t === "TRUE" || t === "FALSE") return { k: "num", v: t === "TRUE" ? 1 : 0 };
    if (peek() === "(" && /^[A-Z]+$/.test(t)) {
      next();
      const args: Node[] = [];
      if (peek() !== ")") {
        args.push(binary(0));
        while (peek() === ",") {
          next();
          args.push(binary(0));
        }
      }
      expect(")");
      return { k: "call", name: t, args };
    }
    if (t.includes(":")) {
      const [a, b] = t.split(":").map((x) => parseA1(x));
      return { k: "range", top: a.row, left: a.col, bottom: b.row, right: b.col };
    }
    const p = parseA1(t);
    return { k: "ref", row: p.row, col: p.col };
  };
  const node = binary(0);
  if (i !== tokens.length) throw new Error(`trailing tokens in ${src}`);
  return node;
}

const isErr = (v: Value): v is { error: string } => typeof v === "object" && v !== null;

function cellsOf(n: Extract<Node, { k: "range" }>): [number, number][] {
  const out: [number, number][] = [];
  for (let r = n.top; r <= n.bottom; r++) for (let c = n.left; c <= n.right; c++) out.push([r, c]);
  return out;
}

function evalNode(n: Node, lookup: Lookup, depth: number): Value {
  const ev = (x: Node) => evalNode(x, lookup, depth);
  const cell = (r: number, c: number) => evaluateCell(lookup, r, c, depth);
  switch (n.k) {
    case "num":
    case "str":
      return n.v;
    case "ref":
      return cell(n.row, n.col);
    case "range":
      throw new Error("a range is only allowed as a function argument");
    case "neg": {
      const v = ev(n.a);
      return isErr(v) ? v : -Number(v ?? 0);
    }
    case "bin": {
      const a = ev(n.a);
      const b = ev(n.b);
      if (isErr(a)) return a;
      if (isErr(b)) return b;
      switch (n.op) {
        case "&":
          return `${a ?? ""}${b ?? ""}`;
        case "+":
          return Number(a ?? 0) + Number(b ?? 0);
        case "-":
          return Number(a ?? 0) - Number(b ?? 0);
        default:
          return compare(n.op, a ?? (typeof b === "string" ? "" : 0), b ?? (typeof a === "string" ? "" : 0));
      }
    }
    case "call":
      return call(n, lookup, depth);
  }
}

function compare(op: string, a: Exclude<Value, { error: string }>, b: Exclude<Value, { error: string }>): boolean {
  const x = typeof a === "string" ? a.toLowerCase() : a;
  const y = typeof b === "string" ? b.toLowerCase() : b;
  switch (op) {
    case "=":
      return x === y;
    case "<>":
      return x !== y;
    case ">=":
      return x! >= y!;
    case "<=":
      return x! <= y!;
    case ">":
      return x! > y!;
    default:
      return x! < y!;
  }
}

function call(n: Extract<Node, { k: "call" }>, lookup: Lookup, depth: number): Value {
  const ev = (x: Node) => evalNode(x, lookup, depth);
  const range = (x: Node) => {
    if (x.k !== "range") throw new Error(`${n.name} expects a range`);
    return x;
  };
  const truthy = (v: Value) => (typeof v === "string" ? v !== "" : Boolean(v));
  switch (n.name) {
    case "IF": {
      const c = ev(n.args[0]);
      if (isErr(c)) return c;
      return truthy(c) ? ev(n.args[1]) : n.args[2] ? ev(n.args[2]) : false;
    }
    case "IFERROR": {
      const v = ev(n.args[0]);
      return isErr(v) ? ev(n.args[1]) : v;
    }
    case "AND":
      return n.args.every((a) => truthy(ev(a)));
    case "SUM": {
      let s = 0;
      for (const a of n.args) {
        const vals = a.k === "range" ? cellsOf(a).map(([r, c]) => evaluateCell(lookup, r, c, depth)) : [ev(a)];
        for (const v of vals) {
          if (isErr(v)) return v;
          if (typeof v === "number") s += v;
        }
      }
      return s;
    }
    case "COUNTBLANK":
      return cellsOf(range(n.args[0])).filter(([r, c]) => {
        const v = evaluateCell(lookup, r, c, depth);
        return v === null || v === "";
      }).length;
    case "VLOOKUP": {
      const key = ev(n.args[0]);
      const table = range(n.args[1]);
      const colIndex = Number(ev(n.args[2]));
      if (isErr(key)) return key;
      for (let r = table.top; r <= table.bottom; r++) {
        const v = evaluateCell(lookup, r, table.left, depth);
        if (!isErr(v) && v !== null && compare("=", v, key ?? "")) return evaluateCell(lookup, r, table.left + colIndex - 1, depth);
      }
      return NA;
    }
    default:
      throw new Error(`function not supported: ${n.name}`);
  }
}
