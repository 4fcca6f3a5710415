/**
 * Reading merged areas within Excel's limit. Range.getMergedAreasOrNullObject "will fail to
 * return the result" when the range holds more than 512 merged areas
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)),
 * and form-style sheets (Excel 方眼紙: a grid of narrow columns merged into every field) pass
 * that easily. A range of at most 512 cells cannot hold more than 512 of them: whether Excel
 * counts the areas that start in the range (what it does: office-js issue 3611) or every area
 * the range overlaps, each such area has a cell of its own in the range.
 */
import type { CellRange } from "../core/snapshot";

export const MERGED_AREAS_LIMIT = 512;

/** A rectangle by its top-left cell (0-based) and size, as Worksheet.getRangeByIndexes takes it. */
export interface Block {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/**
 * Bands covering `b` of at most `limit` cells each: whole rows of it when a row fits, else
 * pieces of single rows.
 */
export function bands(b: Block, limit = MERGED_AREAS_LIMIT): Block[] {
  const out: Block[] = [];
  if (b.rows <= 0 || b.cols <= 0) return out;
  if (b.cols <= limit) {
    const step = Math.floor(limit / b.cols);
    for (let r = 0; r < b.rows; r += step) out.push({ top: b.top + r, left: b.left, rows: Math.min(step, b.rows - r), cols: b.cols });
    return out;
  }
  for (let r = 0; r < b.rows; r++)
    for (let c = 0; c < b.cols; c += limit) out.push({ top: b.top + r, left: b.left + c, rows: 1, cols: Math.min(limit, b.cols - c) });
  return out;
}

/** Areas without repeats (an area two bands both report), sorted by top, then left. */
export function uniqueAreas(areas: CellRange[]): CellRange[] {
  const seen = new Map<string, CellRange>();
  for (const a of areas) seen.set(`${a.top},${a.left},${a.bottom},${a.right}`, a);
  return [...seen.values()].sort((x, y) => x.top - y.top || x.left - y.left);
}
