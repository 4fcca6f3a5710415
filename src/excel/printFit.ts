/**
 * "One page wide, as many pages tall as needed" through Office.js.
 *
 * The file format says it with fitToHeight="0", which the command line writes. Office.js
 * documents PageLayout.zoom (PageLayoutZoomOptions, ExcelApi 1.9) only as numbers of pages to fit
 * horizontally and vertically, or a percentage scale of 10 to 400
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.pagelayoutzoomoptions); 0 pages
 * is not documented, and leaving verticalFitToPages out leaves the sheet's own figure, which is 1
 * on a new sheet (ECMA-376 Part 1 §18.3.1.63, pageSetup fitToHeight defaults to 1): everything on
 * one page. The documented closest: fit to 1 page wide and to as many pages tall as the sheet has
 * rows. Excel scales to the tighter of the two, and at the width's scale no page holds less than
 * one row (a row is at most 409 points high), so the height never binds: the same printout as
 * "automatic". Page Setup then shows that number of pages tall.
 *
 * On Windows Excel may not apply a fit set through Office.js until the Page Layout tab has been
 * shown once (office-js issue 1860); README.md says what the user does then.
 */
import type { SheetPlan } from "../core/plan";

export interface FitZoom {
  horizontalFitToPages: number;
  verticalFitToPages: number;
}

/** The zoom that fits `sheet` to one page wide. */
export function fitToWidthZoom(sheet: SheetPlan): FitZoom {
  // A plan that also limits the pages tall (core/report/printPages.ts) says how many.
  if (sheet.print?.pagesTall) return { horizontalFitToPages: 1, verticalFitToPages: sheet.print.pagesTall };
  return { horizontalFitToPages: 1, verticalFitToPages: Math.max(1, rowsUsed(sheet)) };
}

/** Rows from the top of the sheet to the last row the plan writes, sizes or merges. */
export function rowsUsed(sheet: SheetPlan): number {
  let rows = 0;
  for (const b of sheet.cells) if (b.rows.length) rows = Math.max(rows, b.top + b.rows.length);
  for (const m of sheet.merges ?? []) rows = Math.max(rows, m.bottom + 1);
  for (const h of sheet.rowHeights ?? []) rows = Math.max(rows, h.row + 1);
  for (const v of sheet.validations ?? []) rows = Math.max(rows, v.range.bottom + 1);
  return rows;
}
