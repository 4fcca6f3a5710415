/// <reference types="office-js" />
/**
 * The Office.js host against Excel's documented rules for what the workbook looks like (issue 11,
 * points 7, 8, 10 and the theme colours of 12), through the fake Excel made faithful to them:
 * - column widths in the workbook's own character width (Worksheet.standardWidth and a default
 *   column's width tell it), so a Japanese Excel shows the deliverables as wide as the command
 *   line's file;
 * - fit to one page wide with only what PageLayoutZoomOptions documents;
 * - no fill told from a white fill when getCellProperties reports both as white (office-js 6218);
 * - theme colours put back as the workbook's own theme shows them (the Office theme of 2023 and
 *   later differs from 2013–2022's), with the tint Excel applies.
 */
import ExcelJS from "exceljs";
import { FIXTURES, SAMPLE } from "../scripts/fixtures";
import { STATE_SHEET, findAddinSheets, readState } from "../src/core/addinState";
import { analyseWorkbook } from "../src/core/analyse";
import { clearPlan } from "../src/core/clearPlan";
import type { Plan } from "../src/core/plan";
import { annotatePlan } from "../src/core/report";
import { applyTint } from "../src/core/themeColours";
import { applyPlan as xlsxApplyPlan } from "../src/xlsx/applyPlan";
import { loadExcelJs, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { themePalette, workbookPalette } from "../src/xlsx/themeColours";
import { FakeExcel, type FakeExcelOptions } from "./fakeExcel";
import { officeFill } from "./fakeExcel/colors";
import { columnPixels, filePixels } from "./fakeExcel/model";
import { hostApply, hostRead } from "./helpers/officeHost";

jest.setTimeout(120_000);

// ---------------------------------------------------------------------------------------------
// Helpers (as in test/excel-host.test.ts)

async function loadBook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The command line's annotate: load, plan, apply, save. */
async function cliAnnotate(
  bytes: Buffer,
  name: string,
  around?: { before(wb: ExcelJS.Workbook): void; after(wb: ExcelJS.Workbook): void },
): Promise<{ out: Buffer; plan: Plan }> {
  const wb = await loadExcelJs(bytes, name);
  const snapshot = snapshotFromWorkbook(wb, name);
  const { plan } = annotatePlan(snapshot, analyseWorkbook(snapshot), "ja");
  around?.before(wb);
  xlsxApplyPlan(wb, plan);
  around?.after(wb);
  return { out: await bytesOf(wb), plan };
}

/** The add-in's annotate: read, plan, apply. */
async function addinAnnotate(x: FakeExcel) {
  const read = await hostRead(x);
  const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja");
  return { plan, applied: await hostApply(x, plan) };
}

async function addinClear(x: FakeExcel) {
  return hostApply(x, clearPlan((await hostRead(x)).snapshot).plan);
}

/** Every company cell's fill as Excel shows it (theme colours by the workbook's theme). */
function shownFills(x: FakeExcel, sheets: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of x.model.live().filter((s) => sheets.includes(s.name))) {
    for (const [r, row] of s.cells) for (const [c, cell] of row) out[`${s.name}!${r},${c}`] = officeFill(cell.style.fill, { palette: x.model.palette });
  }
  return out;
}

async function expectFakeError(x: FakeExcel, batch: (ctx: Excel.RequestContext) => void, code: string): Promise<void> {
  await expect(
    x.run(async (ctx) => {
      batch(ctx);
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code });
}

// ---------------------------------------------------------------------------------------------
// Point 7: column widths

describe("column widths in the workbook's own unit", () => {
  let sample: Buffer;
  beforeAll(async () => {
    sample = await SAMPLE.build();
  });

  test("the fake: standardWidth and a default column's width follow the digit width, set widths are whole pixels", async () => {
    for (const [digitWidth, standard, points] of [
      [7, 8.43, 48],
      [8, 8.38, 54],
    ]) {
      const x = await FakeExcel.fromXlsx(sample, "sample.xlsx", { digitWidth });
      const first = x.model.live()[0].name;
      const read = await x.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getFirst().load("standardWidth");
        const column = ws.getRange("XFD:XFD").format.load("columnWidth");
        const set = ctx.workbook.worksheets.getItem(first).getRange("XFC:XFC");
        set.format.columnWidth = 100;
        const back = set.format.load("columnWidth");
        await ctx.sync();
        return [ws.standardWidth, column.columnWidth, back.columnWidth];
      });
      // 100 points is 133⅓ pixels: Excel keeps 133 (99.75 points).
      expect(read).toEqual([standard, points, 99.75]);
    }
  });

  test("a Japanese Excel (digit width 8): the deliverable's columns are as wide as the command line's file shows there, in 2 syncs", async () => {
    const cli = await cliAnnotate(sample, "sample.xlsx");
    const x = await FakeExcel.fromXlsx(sample, "sample.xlsx", { digitWidth: 8 });
    const { plan, applied } = await addinAnnotate(x);
    expect(applied.syncs).toBe(2);
    expect(applied.warnings.filter((w) => /column widths/.test(w))).toEqual([]);
    const file = await loadBook(cli.out);
    let compared = 0;
    for (const s of plan.sheets) {
      const ws = file.getWorksheet(s.name)!;
      const sheet = x.model.find(s.name)!;
      for (const w of s.columnWidths ?? []) {
        // What the same Excel shows for the command line's file, and for the add-in's sheet.
        expect([s.name, w.col, columnPixels(sheet, w.col, 8)]).toEqual([s.name, w.col, filePixels(ws.getColumn(w.col + 1).width!, 8)]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  test("the first sheet sized column by column (a grid form): the digit width comes from another sheet read", async () => {
    const x = await FakeExcel.fromXlsx(sample, "sample.xlsx", { digitWidth: 8 });
    // Every column of the first sheet narrow, as a grid form (方眼紙) is made.
    const first = x.model.live()[0];
    for (let c = 0; c <= 16383; c++) first.columnWidths.set(c, 2.625);
    const { plan, applied } = await addinAnnotate(x);
    expect(applied.warnings.filter((w) => /column widths/.test(w))).toEqual([]);
    const s = plan.sheets[0];
    const w = s.columnWidths![0];
    expect(columnPixels(x.model.find(s.name)!, w.col, 8)).toBe(filePixels(w.width, 8));
  });

  test("figures no digit width fits: 7 pixels a character is assumed, with a technical warning", async () => {
    const x = await FakeExcel.fromXlsx(sample, "sample.xlsx", { digitWidth: 8 });
    for (const sheet of x.model.live()) sheet.columnWidths.set(16383, 20);
    const { plan, applied } = await addinAnnotate(x);
    expect(applied.syncs).toBe(2);
    expect(applied.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^column widths: the width of the workbook's characters could not be worked out .*7 pixels per character assumed/),
      ]),
    );
    const s = plan.sheets[0];
    const w = s.columnWidths![0];
    expect(columnPixels(x.model.find(s.name)!, w.col, 8)).toBe(filePixels(w.width, 7));
  });
});

// ---------------------------------------------------------------------------------------------
// Point 8: print fit

describe("fit to one page wide, with what PageLayoutZoomOptions documents", () => {
  let sample: Buffer;
  beforeAll(async () => {
    sample = await SAMPLE.build();
  });

  test("the fake refuses what the reference does not document: 0 pages, a fraction, a scale beside pages, a scale outside 10–400", async () => {
    const x = await FakeExcel.fromXlsx(sample, "sample.xlsx");
    const layout = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getFirst().pageLayout;
    await expectFakeError(x, (ctx) => (layout(ctx).zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 }), "InvalidArgument");
    await expectFakeError(x, (ctx) => (layout(ctx).zoom = { horizontalFitToPages: 1.5, verticalFitToPages: 3 }), "InvalidArgument");
    await expectFakeError(x, (ctx) => (layout(ctx).zoom = { horizontalFitToPages: 1, scale: 80 }), "InvalidArgument");
    await expectFakeError(x, (ctx) => (layout(ctx).zoom = { scale: 500 }), "InvalidArgument");
    // Pages tall left out: the sheet's own figure, 1 on a sheet that never had one.
    await x.run(async (ctx) => {
      layout(ctx).zoom = { horizontalFitToPages: 1 };
      await ctx.sync();
    });
    expect(x.model.live()[0].pageLayout).toMatchObject({ fitToWidth: 1, fitToHeight: 1 });
  });

  test("annotate sets 1 page wide and at least as many pages tall as the sheet has rows (so the height never binds), or the pages tall the plan asks for", async () => {
    const x = await FakeExcel.fromXlsx(sample, "sample.xlsx");
    const { plan, applied } = await addinAnnotate(x);
    expect(applied.syncs).toBe(2);
    const printed = plan.sheets.filter((s) => s.print?.fitToWidth);
    expect(printed.length).toBeGreaterThan(0);
    for (const s of printed) {
      const layout = x.model.find(s.name)!.pageLayout;
      const rows = Math.max(...s.cells.map((b) => b.top + b.rows.length));
      expect(layout.fitToWidth).toBe(1);
      // A sheet the engine fits onto fewer pages (core/report/printPages.ts: the summary onto one) says how many.
      if (s.print?.pagesTall) expect(layout.fitToHeight).toBe(s.print.pagesTall);
      else expect(layout.fitToHeight).toBeGreaterThanOrEqual(rows);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Point 10: no fill and white

describe.each(["documented", "solidWhite"] as const)("no fill reported %s", (noFillReport) => {
  const options: FakeExcelOptions = { noFillReport };

  /** 本社 F1 without fill, F2 white, F3 yellow, F4 light grey pattern on white. */
  async function book(): Promise<Buffer> {
    const wb = await loadBook(await FIXTURES.find((f) => f.id === "multi-sheet-sites")!.build());
    const ws = wb.getWorksheet("本社")!;
    ws.getCell("F1").value = "no fill";
    ws.getCell("F2").value = "white";
    ws.getCell("F2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFFFF" } };
    ws.getCell("F3").value = "yellow";
    ws.getCell("F3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    ws.getCell("F4").value = "pattern";
    ws.getCell("F4").fill = { type: "pattern", pattern: "lightGray", fgColor: { argb: "FF808080" }, bgColor: { argb: "FFFFFFFF" } };
    return bytesOf(wb);
  }

  const highlight: Plan = {
    sheets: [],
    highlights: [{ sheet: "本社", range: { top: 0, left: 5, bottom: 3, right: 5 }, fill: "#FF0000" }],
    state: { write: { version: 2, sheets: [], highlights: [], ratingDefaults: {} } },
  };

  test("the fake reports a cell without fill as configured", async () => {
    const x = await FakeExcel.fromXlsx(await book(), "fills.xlsx", options);
    const [props, fill] = await x.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("本社").getRange("F1");
      const p = range.getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } });
      const f = range.format.fill.load("color,pattern,tintAndShade");
      await ctx.sync();
      return [p.value[0][0].format!.fill, { color: f.color, pattern: f.pattern, tintAndShade: f.tintAndShade }];
    });
    if (noFillReport === "documented") {
      expect(props).toEqual({ color: "#FFFFFF", pattern: "None", tintAndShade: null });
    } else {
      // office-js 6218: as a solid white fill; 4900: the range's pattern null, tintAndShade null.
      expect(props).toEqual({ color: "#FFFFFF", pattern: "Solid", tintAndShade: 0 });
      expect(fill).toEqual({ color: "#FFFFFF", pattern: null, tintAndShade: null });
    }
  });

  test("a cell without fill is recorded as no fill and comes back without fill (gridlines), a white cell comes back white", async () => {
    const x = await FakeExcel.fromXlsx(await book(), "fills.xlsx", options);
    const applied = await hostApply(x, highlight);
    expect(applied.syncs).toBe(2);
    expect(applied.highlights.map((h) => [h.cell, h.original])).toEqual([
      ["F1", null],
      ["F2", { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFFFF" } }],
      ["F3", { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } }],
      ["F4", { type: "pattern", pattern: "lightGray", fgColor: { argb: "FF808080" }, bgColor: { argb: "FFFFFFFF" } }],
    ]);
    const cleared = await hostApply(x, clearPlan((await hostRead(x)).snapshot).plan);
    expect([cleared.syncs, cleared.restored]).toEqual([2, 4]);
    const sheet = x.model.find("本社")!;
    expect(sheet.cell(0, 5)?.style.fill).toBeUndefined();
    expect(sheet.cell(1, 5)?.style.fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFFFF" } });
    expect(sheet.cell(2, 5)?.style.fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } });
    expect(sheet.cell(3, 5)?.style.fill).toMatchObject({ pattern: "lightGray", bgColor: { argb: "FFFFFFFF" } });
  });

  test("the sample annotated and cleared through Office.js: every company cell has its own fill back", async () => {
    const bytes = await SAMPLE.build();
    const x = await FakeExcel.fromXlsx(bytes, "sample.xlsx", options);
    const company = x.model.live().map((s) => s.name);
    const before = company.map((n) => [n, [...x.model.find(n)!.cells].flatMap(([r, row]) => [...row].map(([c, cell]) => [r, c, cell.style.fill ?? null]))]);
    const { applied } = await addinAnnotate(x);
    expect(applied.syncs).toBe(2);
    expect(applied.highlights.length).toBeGreaterThan(10);
    await addinClear(x);
    const after = company.map((n) => [n, [...x.model.find(n)!.cells].flatMap(([r, row]) => [...row].map(([c, cell]) => [r, c, cell.style.fill ?? null]))]);
    expect(after).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Point 12: theme colours

/** The colour scheme of the Office theme of 2023 and later (Aptos), as Excel writes it. */
const OFFICE_2023_SCHEME = [
  '<a:clrScheme name="Office">',
  '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>',
  '<a:dk2><a:srgbClr val="0E2841"/></a:dk2><a:lt2><a:srgbClr val="E8E8E8"/></a:lt2>',
  '<a:accent1><a:srgbClr val="156082"/></a:accent1><a:accent2><a:srgbClr val="E97132"/></a:accent2>',
  '<a:accent3><a:srgbClr val="196B24"/></a:accent3><a:accent4><a:srgbClr val="0F9ED5"/></a:accent4>',
  '<a:accent5><a:srgbClr val="A02B93"/></a:accent5><a:accent6><a:srgbClr val="4EA72E"/></a:accent6>',
  '<a:hlink><a:srgbClr val="467886"/></a:hlink><a:folHlink><a:srgbClr val="96607D"/></a:folHlink>',
  "</a:clrScheme>",
].join("");

/** A workbook's theme part with the 2023 colours in place of its own. */
function with2023Theme(wb: ExcelJS.Workbook): void {
  const themes = (wb as unknown as { _themes: Record<string, string> })._themes;
  themes.theme1 = themes.theme1.replace(/<a:clrScheme[\s\S]*?<\/a:clrScheme>/, OFFICE_2023_SCHEME);
}

describe("theme colours come back as the workbook's theme shows them", () => {
  const THEME_FILLS = [{ theme: 4, tint: 0.3999755851924192 }, { theme: 5, tint: -0.249977111117893 }, { theme: 3 }, { theme: 9, tint: 0.7999816888943144 }];

  /** The sample in the 2023 theme, its highlighted answer cells filled with theme colours. */
  async function themedSample(): Promise<{ bytes: Buffer; cells: { sheet: string; row: number; col: number }[] }> {
    const bytes = await SAMPLE.build();
    const wb = await loadExcelJs(bytes, "sample.xlsx");
    const snapshot = snapshotFromWorkbook(wb, "sample.xlsx");
    const { plan } = annotatePlan(snapshot, analyseWorkbook(snapshot), "ja");
    const cells = (plan.highlights ?? []).slice(0, 12).map((h) => ({ sheet: h.sheet, row: h.range.top, col: h.range.left }));
    cells.forEach((c, i) => {
      // A style of its own (ExcelJS shares one style object between a loaded workbook's like cells).
      const cell = wb.getWorksheet(c.sheet)!.getCell(c.row + 1, c.col + 1);
      cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: THEME_FILLS[i % THEME_FILLS.length] as ExcelJS.Color } };
    });
    with2023Theme(wb);
    return { bytes: await bytesOf(wb), cells };
  }

  test("the theme part is read for its colours (srgbClr, sysClr's last colour, any prefix)", async () => {
    const wb = await loadBook((await themedSample()).bytes);
    expect(workbookPalette(wb)).toEqual([
      "FFFFFF",
      "000000",
      "E8E8E8",
      "0E2841",
      "156082",
      "E97132",
      "196B24",
      "0F9ED5",
      "A02B93",
      "4EA72E",
      "467886",
      "96607D",
    ]);
    expect(themePalette(OFFICE_2023_SCHEME.replace(/a:/g, "x:"))?.[4]).toBe("156082");
    expect(themePalette("<a:theme/>")).toBeUndefined();
  });

  test("annotated by the command line in a 2023-theme workbook, cleared by the add-in: the same colours and tints", async () => {
    const { bytes, cells } = await themedSample();
    const original = await FakeExcel.fromXlsx(bytes, "sample.xlsx");
    expect(original.model.palette[4]).toBe("156082");
    const cli = await cliAnnotate(bytes, "sample.xlsx");
    // The record keeps the theme reference and the RGB this workbook's theme gives it.
    const state = readState(snapshotFromWorkbook(await loadExcelJs(cli.out, "sample.xlsx"), "sample.xlsx"))!;
    expect(state.highlights.find((h) => h.sheet === cells[0].sheet)!.original).toEqual({
      type: "pattern",
      pattern: "solid",
      fgColor: { theme: 4, tint: 0.3999755851924192, themeRgb: "156082" },
    });

    const x = await FakeExcel.fromXlsx(cli.out, "sample.xlsx");
    const cleared = await addinClear(x);
    expect(cleared.syncs).toBe(2);
    const company = original.model.live().map((s) => s.name);
    const shown = shownFills(x, company);
    const want = shownFills(original, company);
    for (const c of cells) expect(shown[`${c.sheet}!${c.row},${c.col}`]).toEqual(want[`${c.sheet}!${c.row},${c.col}`]);
    expect(shown).toEqual(want);
    expect(x.model.find(STATE_SHEET)).toBeUndefined();
  });

  test("without ExcelApi 1.9 the tint is applied to the colour (tintAndShade cannot be set)", async () => {
    const { bytes, cells } = await themedSample();
    const cli = await cliAnnotate(bytes, "sample.xlsx");
    const x = await FakeExcel.fromXlsx(cli.out, "sample.xlsx", { apiVersion: "1.8" });
    await addinClear(x);
    const fill = (i: number) => x.model.find(cells[i].sheet)!.cell(cells[i].row, cells[i].col)!.style.fill;
    expect(fill(0)).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: `FF${applyTint("156082", 0.3999755851924192)}` } });
    expect(fill(2)).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FF0E2841" } });
  });

  test("a record written before the theme's RGB was kept: the 2013–2022 palette is assumed, and said", async () => {
    const { bytes, cells } = await themedSample();
    // As an older command line recorded it: the theme reference only (the theme hidden from the
    // command line while it applies, and kept in the file).
    const themes = { saved: undefined as unknown };
    const slot = (wb: ExcelJS.Workbook) => wb as unknown as { _themes: unknown };
    const cli = await cliAnnotate(bytes, "sample.xlsx", {
      before: (wb) => {
        themes.saved = slot(wb)._themes;
        slot(wb)._themes = undefined;
      },
      after: (wb) => (slot(wb)._themes = themes.saved),
    });
    const wb = await loadBook(cli.out);
    expect(JSON.stringify(readState(snapshotFromWorkbook(wb, "sample.xlsx")))).not.toContain("themeRgb");
    const x = await FakeExcel.fromXlsx(cli.out, "sample.xlsx");
    const cleared = await addinClear(x);
    expect(cleared.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining("a theme colour recorded without the workbook's RGB for it (restored as the Office 2013–2022 theme's colour)"),
      ]),
    );
    expect(x.model.find(cells[0].sheet)!.cell(cells[0].row, cells[0].col)!.style.fill).toEqual({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FF4472C4", tint: 0.3999755851924192 },
    });
  });

  test("the command line's own clear puts the theme reference back as the file had it, without the recorded RGB", async () => {
    const { bytes, cells } = await themedSample();
    const cli = await cliAnnotate(bytes, "sample.xlsx");
    const wb = await loadExcelJs(cli.out, "sample.xlsx");
    xlsxApplyPlan(wb, clearPlan(snapshotFromWorkbook(wb, "sample.xlsx")).plan);
    const back = await loadBook(await bytesOf(wb));
    cells.forEach((c, i) =>
      expect(back.getWorksheet(c.sheet)!.getCell(c.row + 1, c.col + 1).fill).toMatchObject({
        type: "pattern",
        pattern: "solid",
        fgColor: THEME_FILLS[i % THEME_FILLS.length],
      }),
    );
    for (const c of cells) expect(JSON.stringify(back.getWorksheet(c.sheet)!.getCell(c.row + 1, c.col + 1).fill)).not.toContain("themeRgb");
    expect(findAddinSheets(snapshotFromWorkbook(back, "sample.xlsx"))).toEqual([]);
  });

  test("tint as the file format defines it: the standard's own examples", () => {
    // ECMA-376 §18.8.19: Lum 200, tint −0.5 → 100; Lum 100, tint 0.75 → 216.25 (greys: HLS luminance is the level).
    expect(applyTint("C8C8C8", -0.5)).toBe("646464");
    expect(applyTint("646464", 0.75)).toBe("D8D8D8");
    expect(applyTint("156082", 0)).toBe("156082");
    expect(applyTint("156082", -1)).toBe("000000");
    expect(applyTint("156082", 1)).toBe("FFFFFF");
  });
});
