/** A1-style cell addresses, the way Excel and the messages name cells. */

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

/** "E9" to 0-based {row, col}; throws on anything else. */
export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address.toUpperCase());
  if (!m) throw new Error(`not an A1 cell address: ${address}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
