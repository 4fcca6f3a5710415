/**
 * The priority sheet and the action plan print legibly (issue 13): at 9 points or more when fitted
 * one A4 landscape page wide (the scale computed from the column widths, test/helpers/printScale.ts),
 * with no near-empty last page; the priority sheet spends its widest column on the countermeasure,
 * lists 維持 items after the others and shows each respondent's answer.
 */
import { analyseWorkbook } from "../src/core/analyse";
import { ITEM_MEASURES } from "../src/core/catalog/itemMeasures";
import type { Lang } from "../src/core/i18n";
import type { SheetPlan } from "../src/core/plan";
import { PRIORITY_COLS, annotatePlan, priorityLayout } from "../src/core/report";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { SAMPLE } from "../scripts/fixtures";
import { LIBREOFFICE_LAYOUT, estimatePages, fitOnOnePage } from "../src/core/report/printPages";
import { columnPoints, printLayout } from "./helpers/printScale";

let snapshot: WorkbookSnapshot;
beforeAll(async () => {
  snapshot = await readWorkbookBuffer(await SAMPLE.build(), "sample-diagnosis.xlsx");
});

function sheets(lang: Lang) {
  const r = annotatePlan(snapshot, analyseWorkbook(snapshot), lang, undefined, { today: "2025-04-10" });
  const of = (kind: string) => r.plan.sheets.find((s) => s.marker === kind)!;
  return { list: r.priorities, priorities: of("priorities"), plan: of("actionPlan"), summary: of("summary") };
}

const valueAt = (s: SheetPlan, row: number, col: number) => s.cells[0].rows[row]?.[col]?.value ?? null;

describe.each(["ja", "en"] as const)("printed (%s)", (lang) => {
  test.each(["priorities", "plan"] as const)("the %s sheet prints at 9 points or more, one A4 landscape page wide, with no near-empty last page", (kind) => {
    const s = sheets(lang)[kind];
    expect(s.print).toMatchObject({ orientation: "landscape", paper: "A4", fitToWidth: true });
    const layout = printLayout(s);
    expect({ kind, smallest: layout.smallestFont }).toEqual({ kind, smallest: expect.any(Number) });
    expect(layout.smallestFont).toBeGreaterThanOrEqual(9);
    // The last page holds at least a quarter of a page (not "two rows").
    if (layout.fill.length > 1) expect(layout.fill[layout.fill.length - 1]).toBeGreaterThanOrEqual(0.25);
  });
});

describe.each(["ja", "en"] as const)("the priority sheet as LibreOffice lays it out (%s)", (lang) => {
  test("its last page holds a quarter of a page or more there too", () => {
    const { scale, pages } = estimatePages(sheets(lang).priorities, LIBREOFFICE_LAYOUT.widthFactor, LIBREOFFICE_LAYOUT.bodyFactor);
    expect(scale * 10).toBeGreaterThanOrEqual(9);
    if (pages > 1) expect(pages - Math.floor(pages)).toBeGreaterThanOrEqual(0.25);
  });
});

describe.each(["ja", "en"] as const)("the summary (%s)", (lang) => {
  test("fits one A4 portrait page, its 10-point text printing at 9 points or more", () => {
    const s = sheets(lang).summary;
    expect(s.print).toMatchObject({ orientation: "portrait", paper: "A4", fitToWidth: true, pagesTall: 1 });
    const layout = printLayout(s);
    expect(layout.pageStarts).toEqual([0]);
    expect(layout.scale * 10).toBeGreaterThanOrEqual(9);
  });
});

describe("fitting onto one page", () => {
  const rows = (n: number, height: number): SheetPlan => ({
    name: "x",
    action: "create",
    cells: [{ top: 0, left: 0, rows: Array.from({ length: n }, () => [{ value: "x" }]) }],
    rowHeights: Array.from({ length: n }, (_, row) => ({ row, height })),
    columnWidths: [{ col: 0, width: 20 }],
    print: { paper: "A4", fitToWidth: true, orientation: "portrait" },
  });
  test("a sheet a little over a page is fitted (pagesTall 1); one far over is left to run on", () => {
    // A4 portrait holds 733.89 points of rows at 100 %: 780 needs 94 %, 900 would need 82 %.
    expect(fitOnOnePage(rows(39, 20)).print?.pagesTall).toBe(1);
    expect(fitOnOnePage(rows(45, 20)).print?.pagesTall).toBeUndefined();
    expect(fitOnOnePage(rows(30, 20)).print?.pagesTall).toBeUndefined();
  });
});

describe("the priority sheet's content", () => {
  test("the widest column is the countermeasure; each item shows its measure, 維持 items a short line", () => {
    const { priorities: s, list } = sheets("ja");
    const widths = s.columnWidths!.map((c) => columnPoints(c.width));
    expect(widths.indexOf(Math.max(...widths))).toBe(PRIORITY_COLS.measure);
    const L = priorityLayout();
    expect(valueAt(s, L.headerRow, PRIORITY_COLS.measure)).toBe("対策");
    list.forEach((p, i) => {
      const measure = valueAt(s, L.firstRow + i, PRIORITY_COLS.measure);
      if (p.class === "maintain") expect(measure).not.toBe(ITEM_MEASURES[p.no].measure.ja);
      else expect(measure).toBe(ITEM_MEASURES[p.no].measure.ja);
    });
  });

  test("維持 items come after the others, and every priority agrees with its class", () => {
    const { list: priorities } = sheets("ja");
    const classes = priorities.map((p) => p.class);
    const firstMaintain = classes.indexOf("maintain");
    expect(firstMaintain).toBeGreaterThan(0);
    expect(classes.slice(firstMaintain).every((c) => c === "maintain")).toBe(true);
    for (let i = 1; i < priorities.length; i++) expect(priorities[i].priority).toBeLessThanOrEqual(priorities[i - 1].priority);
  });

  test("each respondent's answer is shown beside the consolidated one", () => {
    const { priorities: s } = sheets("ja");
    const L = priorityLayout();
    const answers = String(valueAt(s, L.firstRow, PRIORITY_COLS.answer));
    expect(answers).toContain("本社");
    expect(answers).toContain("工場");
  });
});
