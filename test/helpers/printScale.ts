/**
 * How a sheet of ours prints: the scale Excel and LibreOffice take to fit it one page wide, and
 * the rows on each page, from the plan's column widths, row heights and page setup.
 *
 * - A column's width in the file is in characters of the workbook's default font; on screen and
 *   paper it is Truncate(((256 × width + Truncate(128 / mdw)) / 256) × mdw) pixels, mdw the
 *   maximum digit width (7 pixels for Calibri 11, the default font of a workbook ExcelJS makes;
 *   ECMA-376 Part 1 §18.3.1.13, col width), at 96 pixels an inch (0.75 point a pixel).
 * - The page: A4 (210 × 297 mm), the margins ExcelJS writes (left and right 0.7 in, top and bottom
 *   0.75 in: Excel's "Normal" margins); the scale to fit one page wide is the printable width over
 *   the printed columns' width, at most 100 %, rounded down to a whole percent (Page Setup shows it
 *   as such).
 * - Rows: each row's height in points (the plan's, else the default 18.75 for 游ゴシック 11), the
 *   repeated header rows on every page after the first.
 */
import type { SheetPlan } from "../../src/core/plan";

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 0.7 * 72, right: 0.7 * 72, top: 0.75 * 72, bottom: 0.75 * 72 };
const DEFAULT_ROW = 18.75;

export function columnPoints(width: number, mdw = 7): number {
  return Math.trunc(((256 * width + Math.trunc(128 / mdw)) / 256) * mdw) * 0.75;
}

export interface PrintLayout {
  /** The fit-to-width scale (0–1, whole percent). */
  scale: number;
  /** The smallest font on the sheet at that scale, in points. */
  smallestFont: number;
  /** Rows (0-based) starting each page. */
  pageStarts: number[];
  /** How full each page is (0–1): the last one tells a near-empty last page. */
  fill: number[];
}

export function printLayout(sheet: SheetPlan, mdw = 7): PrintLayout {
  const landscape = sheet.print?.orientation === "landscape";
  const paperWidth = landscape ? A4.height : A4.width;
  const paperHeight = landscape ? A4.width : A4.height;
  const hidden = new Set(sheet.hiddenColumns ?? []);
  const total = (sheet.columnWidths ?? []).filter((c) => !hidden.has(c.col)).reduce((n, c) => n + columnPoints(c.width, mdw), 0);
  const printable = paperWidth - MARGIN.left - MARGIN.right;
  const widthScale = Math.min(100, Math.floor((printable / total) * 100)) / 100;
  // Fitted also to N pages tall: the largest whole percent at which the rows fit N pages.
  let scale = widthScale;
  const tall = sheet.print?.pagesTall;
  if (tall) while (scale > 0.1 && pagesAt(sheet, scale, paperHeight).starts.length > tall) scale = Math.round(scale * 100 - 1) / 100;
  const sizes = sheet.cells.flatMap((b) => b.rows.flat().map((c) => c?.style?.fontSize)).filter((s): s is number => s !== undefined);
  const smallestFont = Math.min(...sizes) * scale;

  const { starts, fill } = pagesAt(sheet, scale, paperHeight);
  return { scale, smallestFont, pageStarts: starts, fill };
}

function pagesAt(sheet: SheetPlan, scale: number, paperHeight: number): { starts: number[]; fill: number[] } {
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  const rows = Math.max(...sheet.cells.map((b) => b.top + b.rows.length));
  const height = (r: number) => heights.get(r) ?? DEFAULT_ROW;
  const pageHeight = (paperHeight - MARGIN.top - MARGIN.bottom) / scale;
  const [repeatTop, repeatBottom] = sheet.print?.repeatRows ?? [0, -1];
  let repeated = 0;
  for (let r = repeatTop; r <= repeatBottom; r++) repeated += height(r);
  const pageStarts = [0];
  const fill: number[] = [];
  let used = 0;
  for (let r = 0; r < rows; r++) {
    const h = height(r);
    if (used + h > pageHeight && used > 0) {
      fill.push(used / pageHeight);
      pageStarts.push(r);
      used = repeated;
    }
    used += h;
  }
  fill.push(used / pageHeight);
  return { starts: pageStarts, fill };
}
