/**
 * How one of our sheets falls on A4 pages when printed one page wide, estimated from the plan
 * (column widths, row heights, repeated rows), so that a sheet does not end on a near-empty page.
 *
 * Widths are in characters of an 11-point font 7 pixels a digit (Calibri, the default of a new
 * workbook; the Office.js host converts them to the same points whatever the workbook's font):
 * Truncate(((256 × width + Truncate(128 / 7)) / 256) × 7) pixels, 0.75 point each (ECMA-376
 * Part 1 §18.3.1.13). The page: A4 with Excel's "Normal" margins (0.7 in left and right, 0.75 in
 * top and bottom), which ExcelJS writes and a new sheet has in Excel. Rows without a height take
 * 18 points. An estimate of Excel's layout: other applications differ (LibreOffice with Carlito,
 * Calibri's metric twin, sets the columns about 6 % wider and its page body a little taller: the
 * sample's priority sheet prints at 9.3 pt there, against 9.9 estimated for Excel, so that a
 * last page half full in Excel can hold a single row there; LIBREOFFICE_LAYOUT and printsWell
 * let a sheet check both).
 */
import type { SheetPlan } from "../plan";

const A4 = { short: 595.28, long: 841.89 };
const MARGIN = { sides: 1.4 * 72, topBottom: 1.5 * 72 };
const DEFAULT_ROW = 18;
/** A last page less full than this is "near-empty": the sheet is shrunk onto one page fewer. */
export const LAST_PAGE_MIN_FILL = 0.25;
/** …unless that would print the text smaller than this many points (10-point cells). */
export const MIN_PRINTED_POINTS = 9;
const CELL_POINTS = 10;

function columnPoints(width: number): number {
  return Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7) * 0.75;
}

export interface PageEstimate {
  /** Scale to fit the width (at most 1, whole percent). */
  scale: number;
  /** The sheet's height in pages at that scale (3.2: three full pages and a fifth). */
  pages: number;
}

/** The page's printable height in points at 100 %. */
function pageBodyHeight(sheet: SheetPlan): number {
  return (sheet.print?.orientation === "landscape" ? A4.short : A4.long) - MARGIN.topBottom;
}

/** The sum of the heights of the rows the plan writes, in points. */
function contentHeight(sheet: SheetPlan): number {
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  const rows = Math.max(0, ...sheet.cells.map((b) => b.top + b.rows.length));
  let total = 0;
  for (let r = 0; r < rows; r++) total += heights.get(r) ?? DEFAULT_ROW;
  return total;
}

export function estimatePages(sheet: SheetPlan, widthFactor = 1, bodyFactor = 1): PageEstimate {
  const landscape = sheet.print?.orientation === "landscape";
  const hidden = new Set(sheet.hiddenColumns ?? []);
  const width = (sheet.columnWidths ?? []).filter((c) => !hidden.has(c.col)).reduce((n, c) => n + columnPoints(c.width), 0) * widthFactor;
  const printable = (landscape ? A4.long : A4.short) - MARGIN.sides;
  const scale = Math.min(100, Math.floor((printable / width) * 100)) / 100;
  const pageHeight = (((landscape ? A4.short : A4.long) - MARGIN.topBottom) * bodyFactor) / scale;
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  const rows = Math.max(0, ...sheet.cells.map((b) => b.top + b.rows.length));
  const height = (r: number) => heights.get(r) ?? DEFAULT_ROW;
  const [top, bottom] = sheet.print?.repeatRows ?? [0, -1];
  let repeated = 0;
  for (let r = top; r <= bottom; r++) repeated += height(r);
  let pages = 0;
  let used = 0;
  for (let r = 0; r < rows; r++) {
    const h = height(r);
    if (used + h > pageHeight && used > 0) {
      pages++;
      used = repeated;
    }
    used += h;
  }
  return { scale, pages: pages + used / pageHeight };
}

/**
 * Fits the sheet onto one page fewer (pagesTall) when its last page would be near-empty and the
 * text still prints at MIN_PRINTED_POINTS or more; otherwise leaves it as it is.
 */
export function avoidNearEmptyLastPage(sheet: SheetPlan): SheetPlan {
  if (!sheet.print?.fitToWidth) return sheet;
  const { scale, pages } = estimatePages(sheet);
  const tall = Math.floor(pages);
  const last = pages - tall;
  if (tall < 1 || last === 0 || last >= LAST_PAGE_MIN_FILL) return sheet;
  // Fitting onto `tall` pages shrinks the scale by tall / pages (rows do not split).
  const legible = scale * (tall / (pages + 0.02)) * CELL_POINTS >= MIN_PRINTED_POINTS;
  return legible ? { ...sheet, print: { ...sheet.print, pagesTall: tall } } : sheet;
}

/**
 * Fits a sheet that runs a little over one page onto that one page (pagesTall 1) when its text
 * still prints at MIN_PRINTED_POINTS or more; otherwise leaves it as it is. On one page no row
 * is carried over to the next, so the scale needed is the page's height over the rows' total.
 */
export function fitOnOnePage(sheet: SheetPlan): SheetPlan {
  if (!sheet.print?.fitToWidth) return sheet;
  const { scale, pages } = estimatePages(sheet);
  if (pages <= 1) return sheet;
  const needed = Math.min(scale, pageBodyHeight(sheet) / contentHeight(sheet));
  return needed * CELL_POINTS >= MIN_PRINTED_POINTS ? { ...sheet, print: { ...sheet.print, pagesTall: 1 } } : sheet;
}

/**
 * LibreOffice's layout of the same sheet, as measured on its PDFs of the sample (test/viewer.test.ts
 * reads the printed sizes): with Carlito for Calibri its columns come out about 6.5 % wider, so
 * it fits the width at a smaller scale, and its page body holds about 3 % more.
 */
export const LIBREOFFICE_LAYOUT = { widthFactor: 1.065, bodyFactor: 1.03 };

/** A last page fuller than this may spill a row onto one more page in the other application. */
const LAST_PAGE_MAX_FILL = 0.9;

/**
 * Whether the sheet prints at MIN_PRINTED_POINTS or more both as Excel lays it out and as
 * LibreOffice does, its last page in both neither near-empty (less than LAST_PAGE_MIN_FILL) nor
 * so full that an estimate a little short would spill a row onto a page of its own.
 */
export function printsWell(sheet: SheetPlan): boolean {
  return [estimatePages(sheet), estimatePages(sheet, LIBREOFFICE_LAYOUT.widthFactor, LIBREOFFICE_LAYOUT.bodyFactor)].every(({ scale, pages }) => {
    const last = pages - Math.floor(pages);
    return scale * CELL_POINTS >= MIN_PRINTED_POINTS && (pages <= 1 || (last >= LAST_PAGE_MIN_FILL && last <= LAST_PAGE_MAX_FILL));
  });
}
