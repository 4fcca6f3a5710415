/// <reference types="office-js" />
/**
 * Column widths between the file's unit and Office.js's.
 *
 * A plan gives widths as the .xlsx file stores them (<col width>): characters of the maximum
 * digit width of the workbook's Normal font, padding included. Range.format.columnWidth takes
 * points. Excel turns a file width into pixels with the digit width of the workbook's Normal
 * font (ECMA-376 Part 1 §18.3.1.13, col width):
 *   pixels = Truncate(((256 × width + Truncate(128 / mdw)) / 256) × mdw)
 * and a pixel is ¾ of a point. The digit width is 7 pixels for Calibri 11 and 8 for 游ゴシック 11
 * (the Normal font of Japanese Excel), so a width converted with 7 comes out about 12% narrower
 * there than the same file width shows in that Excel.
 *
 * Office.js does not report the digit width. It is solved for from two figures the check reads:
 * Worksheet.standardWidth (ExcelApi 1.7), the default width in characters without padding
 * ("one unit of column width is equal to the width of one character in the Normal style"), and
 * the columnWidth in points of a column that has that default width: the digit width is the one
 * for which the same §18.3.1.13's
 *   characters = Truncate((pixels − 5) / mdw × 100 + 0.5) / 100
 * gives standardWidth from the column's pixels.
 */

/** Calibri 11, Excel's Normal font outside East Asia: what is assumed when the workbook does not tell. */
export const DEFAULT_DIGIT_WIDTH = 7;
/** Points per pixel at 96 dpi, the scale Excel reports widths in. */
export const POINTS_PER_PIXEL = 0.75;

/** Pixels Excel shows a column of file width `width` (characters, padding included) in. */
export function columnPixels(width: number, digitWidth: number): number {
  return Math.trunc(((256 * width + Math.trunc(128 / digitWidth)) / 256) * digitWidth);
}

/** Points for Range.format.columnWidth that give a column the width the file's `width` gives it. */
export function columnPoints(width: number, digitWidth: number): number {
  return columnPixels(width, digitWidth) * POINTS_PER_PIXEL;
}

/** The width in characters (without padding) Excel reports for a column of `pixels`. */
export function charactersOfPixels(pixels: number, digitWidth: number): number {
  return Math.trunc(((pixels - 5) / digitWidth) * 100 + 0.5) / 100;
}

/**
 * The workbook's maximum digit width in pixels from a sheet's standardWidth (characters) and the
 * columnWidth (points) of one of its default-width columns; undefined when no whole digit width
 * gives both figures (the column read is not at the default width, or Excel reports widths on
 * another scale).
 */
export function digitWidthOf(standardWidth: unknown, defaultColumnPoints: unknown): number | undefined {
  if (typeof standardWidth !== "number" || typeof defaultColumnPoints !== "number") return undefined;
  if (!(standardWidth > 0) || !(defaultColumnPoints > 0)) return undefined;
  const pixels = defaultColumnPoints / POINTS_PER_PIXEL;
  if (Math.abs(pixels - Math.round(pixels)) > 1e-6) return undefined;
  const fits: number[] = [];
  // Digit widths of fonts Excel is used with run from about 5 to a few dozen pixels.
  for (let mdw = 3; mdw <= 60; mdw++) {
    if (Math.abs(charactersOfPixels(Math.round(pixels), mdw) - standardWidth) < 1e-6) fits.push(mdw);
  }
  return fits.length === 1 ? fits[0] : undefined;
}

/** The column read for its width: the last one, which a company practically never sizes. */
export const PROBE_COLUMN = "XFD:XFD";

export interface DigitWidthRead {
  /** Pixels; DEFAULT_DIGIT_WIDTH when the workbook did not tell. */
  digitWidth: number;
  /** Technical (English), when the default had to be assumed. */
  warning?: string;
}

/**
 * Queues, on each of `sheets` (any sheets of the workbook: the digit width is the workbook's),
 * the reads of standardWidth and of the last column's width; after the sync, the digit width the
 * first sheet with consistent figures gives. A sheet whose every column was sized (a grid form
 * sized as a whole) gives figures no digit width fits and is passed over.
 */
export function queueDigitWidthRead(sheets: Excel.Worksheet[]): () => DigitWidthRead {
  const reads = sheets.map((ws) => ({ ws: ws.load("standardWidth"), column: ws.getRange(PROBE_COLUMN).format.load("columnWidth") }));
  return () => {
    const figures: string[] = [];
    for (const r of reads) {
      const found = digitWidthOf(r.ws.standardWidth, r.column.columnWidth);
      if (found !== undefined) return { digitWidth: found };
      figures.push(`standardWidth ${r.ws.standardWidth}, column width ${r.column.columnWidth} pt`);
    }
    return {
      digitWidth: DEFAULT_DIGIT_WIDTH,
      warning: `column widths: the width of the workbook's characters could not be worked out (${figures.join("; ") || "no sheet read"}); ${DEFAULT_DIGIT_WIDTH} pixels per character assumed, so columns may be narrower or wider than the command line's`,
    };
  };
}
