/**
 * The fake's calculator. Excel computes a formula as soon as it is entered and again whenever a
 * cell it depends on changes (calculation mode "Automatic", the default: "Excel calculates new
 * formula results every time the relevant data is changed",
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.calculationmode). So a formula the
 * add-in writes reads back as its result, not as "" — the fake computes it on read.
 *
 * It knows what the add-in's own sheets use (the diagnosis template's points, subtotals, band and
 * unanswered count): references and ranges on the same sheet, text and number constants, TRUE and
 * FALSE, the operators = <> < <= > >= & + - * / and unary minus, and the functions IF, IFERROR,
 * VLOOKUP (exact match), SUM, SUMIF (criteria "text" and "<>text") and COUNTBLANK, with Excel's rules for blanks (0 in arithmetic, "" in
 * comparisons and text), text comparison (case-insensitive; any text above any number) and errors
 * (passed on, caught by IFERROR). Anything else is refused with NotImplemented rather than guessed.
 * Formulas loaded from a file keep their cached results, as Excel shows them on opening.
 */
import { parseA1, parseRange } from "../../src/core/address";
import type { FakeCell, FakeSheet } from "./model";

export type CalcValue = number | string | boolean | { error: string };
type Operand = CalcValue | { range: { top: number; left: number; bottom: number; right: number } };

export class NotComputable extends Error {}

const NA = { error: "#N/A" };
const VALUE = { error: "#VALUE!" };
const DIV0 = { error: "#DIV/0!" };

type Token = { t: "num"; v: number } | { t: "str"; v: string } | { t: "ref"; v: string } | { t: "name"; v: string } | { t: "op"; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if (/^\s/.test(rest)) i++;
    else if ((m = /^"((?:[^"]|"")*)"/.exec(rest))) {
      out.push({ t: "str", v: m[1].replace(/""/g, '"') });
      i += m[0].length;
    } else if ((m = /^\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?(?![A-Za-z0-9_(])/.exec(rest))) {
      out.push({ t: "ref", v: m[0].replace(/\$/g, "") });
      i += m[0].length;
    } else if ((m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest))) {
      out.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else if ((m = /^[\p{L}_][\p{L}\p{N}_.]*/u.exec(rest))) {
      out.push({ t: "name", v: m[0].toUpperCase() });
      i += m[0].length;
    } else if (rest[0] === "@") {
      // The implicit-intersection operator: a single value is what the fake computes anyway.
      i++;
    } else if ((m = /^(?:<>|<=|>=|[=<>&+\-*/(),])/.exec(rest))) {
      out.push({ t: "op", v: m[0] });
      i += m[0].length;
    } else throw new NotComputable(`the fake cannot read "${rest.slice(0, 20)}" in a formula (sheet references, arrays and other syntax are not modelled)`);
  }
  return out;
}

type Node =
  | { k: "const"; v: CalcValue }
  | { k: "ref"; v: string }
  | { k: "call"; name: string; args: Node[] }
  | { k: "bin"; op: string; a: Node; b: Node }
  | { k: "neg"; a: Node };

/** Excel's precedence, lowest first: comparison, &, + -, * /; then unary minus. */
const LEVELS = [["=", "<>", "<", "<=", ">", ">="], ["&"], ["+", "-"], ["*", "/"]];

function parse(src: string): Node {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => peek()?.t === "op" && peek().v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new NotComputable(`formula "${src}": expected "${v}"`);
    p++;
  };
  const level = (n: number): Node => {
    if (n === LEVELS.length) return unary();
    let a = level(n + 1);
    for (let tok = peek(); tok?.t === "op" && LEVELS[n].includes(tok.v); tok = peek()) {
      p++;
      const op = tok.v;
      a = { k: "bin", op, a, b: level(n + 1) };
    }
    return a;
  };
  const unary = (): Node => {
    if (isOp("-")) {
      p++;
      return { k: "neg", a: unary() };
    }
    if (isOp("+")) {
      p++;
      return unary();
    }
    return primary();
  };
  const primary = (): Node => {
    const tok = tokens[p++];
    if (!tok) throw new NotComputable(`formula "${src}" ends early`);
    if (tok.t === "num") return { k: "const", v: tok.v };
    if (tok.t === "str") return { k: "const", v: tok.v };
    if (tok.t === "ref") return { k: "ref", v: tok.v };
    if (tok.t === "op" && tok.v === "(") {
      const e = level(0);
      expect(")");
      return e;
    }
    if (tok.t === "name") {
      if (!isOp("(")) {
        if (tok.v === "TRUE" || tok.v === "FALSE") return { k: "const", v: tok.v === "TRUE" };
        // The fake's workbooks define no names: Excel shows #NAME? for an unknown one.
        return { k: "const", v: { error: "#NAME?" } };
      }
      p++;
      const args: Node[] = [];
      if (!isOp(")")) {
        do args.push(level(0));
        while (isOp(",") && ++p);
      }
      expect(")");
      return { k: "call", name: tok.v, args };
    }
    throw new NotComputable(`formula "${src}": unexpected "${tok.v}"`);
  };
  const node = level(0);
  if (p !== tokens.length) throw new NotComputable(`formula "${src}": unexpected "${String(tokens[p].v)}"`);
  return node;
}

const isError = (v: unknown): v is { error: string } => typeof v === "object" && v !== null && "error" in v;

/** The formula's result on `sheet`, computing the formulas it depends on (a cycle gives 0, as Excel shows it). */
export function computeFormula(
  sheet: FakeSheet,
  formula: string,
  valueOf: (cell: FakeCell | undefined, row: number, col: number) => CalcValue | null,
): CalcValue {
  const node = parse(formula);

  const cellValue = (row: number, col: number): CalcValue | null => valueOf(sheet.cell(row, col), row, col);
  const scalar = (o: Operand): CalcValue | null => {
    if (typeof o === "object" && o !== null && "range" in o) {
      const r = o.range;
      // A multi-cell range where one value is wanted: Excel's implicit intersection is not modelled.
      if (r.top !== r.bottom || r.left !== r.right) throw new NotComputable("a range used as a single value is not modelled");
      return cellValue(r.top, r.left);
    }
    return o;
  };
  const num = (v: CalcValue | null): number | { error: string } => {
    if (v === null || v === "") return 0;
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (isError(v)) return v;
    const n = Number(v.trim());
    return v.trim() !== "" && Number.isFinite(n) ? n : VALUE;
  };
  const text = (v: CalcValue | null): string | { error: string } => {
    if (v === null) return "";
    if (isError(v)) return v;
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    return String(v);
  };
  const compare = (a: CalcValue | null, b: CalcValue | null): number => {
    // A blank compares as "" with text, 0 with a number, FALSE with a boolean.
    const blank = (x: CalcValue | null, other: CalcValue | null) => (x !== null ? x : typeof other === "number" ? 0 : typeof other === "boolean" ? false : "");
    const x = blank(a, b);
    const y = blank(b, a);
    const rank = (v: CalcValue) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
    if (rank(x) !== rank(y)) return rank(x) - rank(y);
    if (typeof x === "string") return x.toLowerCase() < (y as string).toLowerCase() ? -1 : x.toLowerCase() > (y as string).toLowerCase() ? 1 : 0;
    return Number(x) - Number(y);
  };
  const cells = (o: Operand): (CalcValue | null)[] => {
    if (typeof o === "object" && o !== null && "range" in o) {
      const out: (CalcValue | null)[] = [];
      for (let r = o.range.top; r <= o.range.bottom; r++) for (let c = o.range.left; c <= o.range.right; c++) out.push(cellValue(r, c));
      return out;
    }
    return [o];
  };

  const ev = (n: Node): Operand => {
    switch (n.k) {
      case "const":
        return n.v;
      case "ref":
        return { range: n.v.includes(":") ? parseRange(n.v) : { ...((c) => ({ top: c.row, left: c.col, bottom: c.row, right: c.col }))(parseA1(n.v)) } };
      case "neg": {
        const v = num(scalar(ev(n.a)));
        return isError(v) ? v : -v;
      }
      case "bin": {
        const a = scalar(ev(n.a));
        const b = scalar(ev(n.b));
        if (isError(a)) return a;
        if (isError(b)) return b;
        if (n.op === "&") {
          const x = text(a);
          const y = text(b);
          return isError(x) ? x : isError(y) ? y : x + y;
        }
        if (["+", "-", "*", "/"].includes(n.op)) {
          const x = num(a);
          const y = num(b);
          if (isError(x)) return x;
          if (isError(y)) return y;
          if (n.op === "/" && y === 0) return DIV0;
          return n.op === "+" ? x + y : n.op === "-" ? x - y : n.op === "*" ? x * y : x / y;
        }
        const c = compare(a, b);
        return { "=": c === 0, "<>": c !== 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0 }[n.op]!;
      }
      case "call":
        return call(n.name, n.args);
    }
  };

  const call = (name: string, args: Node[]): Operand => {
    switch (name) {
      case "IF": {
        const cond = scalar(ev(args[0]));
        if (isError(cond)) return cond;
        if (typeof cond === "string" && cond !== "") return VALUE;
        const truth = typeof cond === "number" ? cond !== 0 : cond === true;
        const branch = truth ? args[1] : args[2];
        if (branch === undefined) return truth;
        return scalar(ev(branch)) ?? 0;
      }
      case "IFERROR": {
        const v = scalar(ev(args[0]));
        return isError(v) ? (scalar(ev(args[1])) ?? 0) : (v ?? 0);
      }
      case "SUM": {
        let total = 0;
        for (const a of args) {
          const o = ev(a);
          const fromRange = typeof o === "object" && o !== null && "range" in o;
          for (const v of cells(o)) {
            if (isError(v)) return v;
            // In a range SUM skips text and booleans; typed as an argument they count.
            if (typeof v === "number") total += v;
            else if (!fromRange && v !== null) {
              const x = num(v);
              if (isError(x)) return x;
              total += x;
            }
          }
        }
        return total;
      }
      case "SUMIF": {
        // SUMIF(range, criteria, sum_range): the cells of sum_range beside the cells of range that
        // meet the criteria; the fake models the criteria "<>text" and "text" (or "=text"),
        // compared case-insensitively, a blank cell equal to "" (Excel's SUMIF,
        // https://support.microsoft.com/office/sumif-function-169b8c99-c05c-4483-a712-1697a653039b).
        const where = ev(args[0]);
        const criteria = scalar(ev(args[1]));
        const summed = args[2] !== undefined ? ev(args[2]) : where;
        if (typeof criteria !== "string" || /^[<>]=?(?!>)|^[<>]$/.test(criteria.replace(/^<>/, "")))
          throw new NotComputable('SUMIF criteria other than "text" or "<>text" are not modelled');
        const negate = criteria.startsWith("<>");
        const text = criteria.replace(/^(<>|=)/, "").toLowerCase();
        const keys = cells(where);
        const values = cells(summed);
        if (keys.length !== values.length) throw new NotComputable("SUMIF ranges of different sizes are not modelled");
        let total = 0;
        keys.forEach((k, i) => {
          const key = k === null ? "" : typeof k === "string" ? k.toLowerCase() : null;
          const meets = key === null ? negate : (key === text) !== negate;
          const v = values[i];
          if (meets && typeof v === "number") total += v;
        });
        return total;
      }
      case "COUNTBLANK": {
        const o = ev(args[0]);
        // Empty cells, and cells whose formula gives "".
        return cells(o).filter((v) => v === null || v === "").length;
      }
      case "VLOOKUP": {
        const key = scalar(ev(args[0]));
        if (isError(key)) return key;
        const table = ev(args[1]);
        const col = num(scalar(ev(args[2])));
        const approximate = args[3] === undefined ? true : scalar(ev(args[3]));
        if (approximate !== false && approximate !== 0) throw new NotComputable("VLOOKUP with approximate match is not modelled");
        if (!(typeof table === "object" && table !== null && "range" in table)) return NA;
        if (isError(col)) return col;
        const r = table.range;
        if (col < 1 || col > r.right - r.left + 1) return { error: "#REF!" };
        for (let row = r.top; row <= r.bottom; row++) {
          const v = cellValue(row, r.left);
          if (v !== null && key !== null && compare(v, key) === 0 && typeof v === typeof key) return cellValue(row, r.left + col - 1) ?? 0;
        }
        return NA;
      }
      default:
        throw new NotComputable(`the fake does not compute ${name}()`);
    }
  };

  const result = scalar(ev(node));
  // A formula pointing at an empty cell shows 0.
  return result === null ? 0 : result;
}

/**
 * What a cell holds as Excel shows it: a constant, a loaded formula's cached result, or the
 * result of a formula entered through the API (computed now, as Excel would have). A formula the
 * fake cannot compute fails the read with NotImplemented instead of reading as "".
 */
export function cellResult(sheet: FakeSheet, row: number, col: number, visiting = new Set<string>()): FakeCell["value"] {
  const cell = sheet.cell(row, col);
  if (!cell) return null;
  if (cell.formula === undefined || !cell.entered) return cell.value;
  const key = `${row},${col}`;
  if (visiting.has(key)) return 0;
  visiting.add(key);
  try {
    return computeFormula(sheet, cell.formula, (_c, r, c) => cellResult(sheet, r, c, visiting));
  } finally {
    visiting.delete(key);
  }
}
