/**
 * How big a workbook the ExcelJS host reads (the command line and the browser preview). ExcelJS
 * loads a whole workbook into memory: every part unpacked at once, every cell an object. A
 * workbook past these limits is refused with a message before ExcelJS sees it, instead of taking
 * minutes and gigabytes or crashing Node out of memory. The limits are far above any diagnosis
 * workbook (a few hundred cells) and twice the 500,000 cells the project promises to read.
 * README.md ("Limits") and docs/architecture.md repeat them; the Office.js host reads through
 * Excel and has its own cap (src/excel).
 *
 * Figures measured with exceljs 4.4.0 on Node 20 (see the report of issue 10): ExcelJS needs
 * about 0.6 KB and 6.5 µs per cell (1,000,000 cells: 6.6 s, 650 MB peak), and about 0.15 KB and
 * 1.5 µs per cell under a data validation, which it records cell by cell (one dropdown on a whole
 * column: 1,048,576 entries, 1.5 s, 170 MB).
 */

const MiB = 1024 * 1024;

/**
 * The file itself. Anything larger cannot unpack to less than MAX_CONTENT_BYTES (an .xlsx is
 * compressed), so it is refused before being read into memory.
 */
export const MAX_FILE_BYTES = 256 * MiB;

/**
 * All parts of the package unpacked, as the zip declares them and as they really inflate (a
 * part may declare a small size and inflate to gigabytes: it is inflated no further than it
 * declares). ExcelJS holds a part as one string (V8 strings stop at 2^29 − 24 characters) and
 * keeps pictures in memory; a workbook of 1,000,000 cells unpacks to about 40 MB.
 */
export const MAX_CONTENT_BYTES = 256 * MiB;

/**
 * Cells over all sheets, counted in the sheet parts without building them: each cell element,
 * each row element, each cell a merge covers (ExcelJS creates them all) and each column a column
 * definition spans. Node's default heap is a quarter of the machine's memory (1 GB on a 4 GB
 * laptop); 1,000,000 cells fit in it.
 */
export const MAX_CELLS = 1_000_000;

/**
 * Cells under data validations (dropdowns), over all sheets. ExcelJS stores a validation once per
 * cell, so a dropdown set on whole columns costs 1,048,576 entries per column; four whole
 * columns fit.
 */
export const MAX_VALIDATED_CELLS = 4_500_000;

/**
 * Parts (files) in the package. ExcelJS sets up a stream for each, whatever its size: 100,000
 * empty parts take 2.7 s and 250 MB, and a 256 MB file could hold two million. A workbook has a
 * few dozen parts; one with a thousand sheets, a few thousand.
 */
export const MAX_PARTS = 10_000;

/** A byte count for a message: "2.0 GB", "256 MB", "900 KB". */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [1024 * MiB, "GB"],
    [MiB, "MB"],
    [1024, "KB"],
  ];
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toFixed(n >= 10 * size ? 0 : 1)} ${unit}`;
  return `${n} B`;
}
