/** Reading a sheet snapshot by position, with merged cells resolved to their master's value. */
import { cellAt, sheetBottom, sheetRight, type CellRange, type CellValue, type SheetSnapshot } from "../snapshot";

/**
 * How far down a sheet the checksheet's headers and lists are looked for. A checksheet starts
 * near the top of its sheet (or beside a diagnosis); not scanning further keeps a large data
 * sheet cheap.
 */
export const HEADER_SEARCH_ROWS = 300;
/** Longest text taken for a header cell: headers are short, data cells often are not. */
export const MAX_HEADER_LENGTH = 60;

export class Grid {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly mergeOf = new Map<number, CellRange>();
  /** Merges too large to index cell by cell (a whole block merged by mistake). */
  private readonly bigMerges: CellRange[] = [];

  constructor(readonly sheet: SheetSnapshot) {
    this.top = sheet.top;
    this.left = sheet.left;
    this.bottom = sheetBottom(sheet);
    this.right = sheetRight(sheet);
    for (const m of sheet.merges) {
      if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > 10_000) this.bigMerges.push(m);
      else for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) this.mergeOf.set(this.key(r, c), m);
    }
  }

  private key(row: number, col: number): number {
    return row * 20_000 + col;
  }

  /** The last row to look at when searching for headers (see HEADER_SEARCH_ROWS). */
  get searchBottom(): number {
    return Math.min(this.bottom, this.top + HEADER_SEARCH_ROWS - 1);
  }

  /** The cell's own value (null for the non-master cells of a merge). */
  at(row: number, col: number): CellValue {
    return cellAt(this.sheet, row, col);
  }

  /** The merge a cell belongs to, if any. */
  merge(row: number, col: number): CellRange | undefined {
    return this.mergeOf.get(this.key(row, col)) ?? this.bigMerges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
  }

  /** The value shown at a cell: a merge's master value anywhere inside the merge. */
  shown(row: number, col: number): CellValue {
    const m = this.merge(row, col);
    return m ? this.at(m.top, m.left) : this.at(row, col);
  }

  /** The shown text of a cell, trimmed with inner whitespace collapsed; null when not text. */
  text(row: number, col: number): string | null {
    const v = this.shown(row, col);
    if (typeof v === "number") return String(v);
    if (typeof v !== "string") return null;
    const s = v.replace(/\s+/g, " ").trim();
    return s === "" ? null : s;
  }
}
