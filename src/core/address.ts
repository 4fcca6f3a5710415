/** A1-style cell addresses, the way Excel and the messages name cells. */
import type { CellRange } from "./snapshot";

/** An A1 address of one cell ("E9") or a rectangle ("D9:G9"). */
export type CellAddress = string & { readonly __brand: "CellAddress" };

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row and column to "E9". */
export function a1(row: number, col: number): CellAddress {
  return `${columnLetters(col)}${row + 1}` as CellAddress;
}

export function a1Range(top: number, left: number, bottom: number, right: number): CellAddress {
  if (top === bottom && left === right) return a1(top, left);
  return `${a1(top, left)}:${a1(bottom, right)}` as CellAddress;
}

const DOLLAR = 0x24;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/**
 * "E9" (or "$E$9", "e9") to 0-based {row, col}; null for anything else. Column letters are one
 * to three, the row any digits (as written, unchecked against Excel's sheet size: a count of the
 * cells a range covers must see a hostile one whole). By char codes: the sheet scanner reads
 * every merge and validation of a sheet with it.
 */
export function tryParseA1(address: string): { row: number; col: number } | null {
  const n = address.length;
  let i = 0;
  if (i < n && address.charCodeAt(i) === DOLLAR) i++;
  let col = 0;
  const lettersFrom = i;
  for (; i < n; i++) {
    // Upper case: ASCII letters have bit 0x20 clear in upper case.
    const c = address.charCodeAt(i) & ~0x20;
    if (c < 0x41 || c > 0x5a) break;
    col = col * 26 + (c - 0x40);
  }
  const letters = i - lettersFrom;
  if (letters < 1 || letters > 3) return null;
  if (i < n && address.charCodeAt(i) === DOLLAR) i++;
  const digitsFrom = i;
  let row = 0;
  for (; i < n; i++) {
    const c = address.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) return null;
    row = row * 10 + (c - DIGIT_0);
  }
  if (i === digitsFrom) return null;
  return { row: row - 1, col: col - 1 };
}

/** "E9" to 0-based {row, col}; throws on anything else. */
export function parseA1(address: string): { row: number; col: number } {
  const p = tryParseA1(address);
  if (!p) throw new Error(`not an A1 cell address: ${address}`);
  return p;
}

/** "E9" or "D9:G9" (either corner first, "$" allowed) to a 0-based range; null for anything else. */
export function tryParseRange(address: string): CellRange | null {
  const colon = address.indexOf(":");
  const p = tryParseA1(colon < 0 ? address : address.slice(0, colon));
  const q = colon < 0 ? p : tryParseA1(address.slice(colon + 1));
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** "E9" or "D9:G9" to a 0-based range; throws on anything else. */
export function parseRange(address: string): CellRange {
  const r = tryParseRange(address);
  if (!r) throw new Error(`not an A1 range: ${address}`);
  return r;
}

/**
 * A list of ranges separated by spaces, as a merge's or a data validation's `sqref` holds them
 * ("A1:B2 D4"): each token's range, or null for a token that is not one.
 */
export function parseRangeList(list: string): (CellRange | null)[] {
  const out: (CellRange | null)[] = [];
  for (const token of list.split(/\s+/)) if (token !== "") out.push(tryParseRange(token));
  return out;
}

/** Identity of a cell across a plan and a state: sheet name (case-insensitive) and A1 without $. */
export function cellKey(sheet: string, cell: string): string {
  return `${sheet.toLowerCase()}!${cell.replace(/\$/g, "").toUpperCase()}`;
}

/**
 * The areas of an address as Excel gives it, a RangeAreas' ("Sheet1!A1:D1, Sheet1!B5:B7", the
 * sheet name quoted when it needs to be), as 0-based rectangles sorted by top, then left.
 */
export function parseAreas(address: string): CellRange[] {
  const out: CellRange[] = [];
  const area = /!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)\s*(?:,\s*|$)/gy;
  let rest = address.trim();
  while (rest !== "") {
    // The sheet name comes first and may itself contain "!": find the first "!" followed by a
    // cell range and then a separator or the end.
    let found: RegExpExecArray | null = null;
    for (let i = rest.indexOf("!"); i >= 0 && !found; i = rest.indexOf("!", i + 1)) {
      area.lastIndex = i;
      found = area.exec(rest);
    }
    if (!found) throw new Error(`cannot read the address "${address}"`);
    out.push(parseRange(found[1]));
    rest = rest.slice(area.lastIndex);
  }
  return out.sort((x, y) => x.top - y.top || x.left - y.left);
}

/** The cell part of an address Excel gives ("'My sheet'!B2:C3" → "B2:C3"; cells never hold "!"). */
export function cellsOfAddress(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1);
}
