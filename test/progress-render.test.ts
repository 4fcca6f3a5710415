/**
 * LibreOffice (an independent application) prints the progress sheet (診断の推移) with two
 * recorded visits on A4 portrait, one page wide, its cell chart in the three parts' colours; and
 * the owner's summary, now with the change since the first visit, still on exactly one page. The
 * sample is annotated and recorded by the built CLI, re-answered in place between the visits;
 * each sheet is kept alone in a copy (ExcelJS), converted to PDF (soffice), its pages counted
 * (pdfinfo) and rendered (pdftoppm). CI has LibreOffice and poppler-utils (.ci/run) and must
 * run this; elsewhere it is skipped when they are missing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { t } from "../src/core/i18n";
import { PROGRESS_COLORS } from "../src/core/report/progressSheet";
import { colourCounts, libreOfficeReady, pdfPageSize, pdfPages, printSheetAlone } from "./helpers/libreOffice";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SAMPLE = join(ROOT, "samples", "sample-diagnosis.xlsx");
const ready = libreOfficeReady("the progress sheet check");

(ready ? describe : describe.skip)("the progress sheet printed by LibreOffice", () => {
  let dir: string;
  let annotated: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "shindan-progress-"));
    annotated = join(dir, "annotated.xlsx");
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    };
    cli("annotate", SAMPLE, "-o", annotated, "--record-visit");
    // Between the visits the company re-answers four items in place (two sheets).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(annotated);
    for (const [sheet, cell, text] of [
      ["工場", "C7", "実施していない"],
      ["工場", "C8", "実施している"],
      ["工場", "C11", "実施している"],
      ["本社", "C11", "実施している"],
    ]) {
      wb.getWorksheet(sheet)!.getCell(cell).value = text;
    }
    await wb.xlsx.writeFile(annotated);
    cli("annotate", annotated, "--in-place", "--record-visit");
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const printAlone = (sheetName: string, base: string) => printSheetAlone(annotated, sheetName, dir, base);

  test("the progress sheet: A4 portrait, the chart's cells in the three parts' colours on its first page", async () => {
    const pdf = await printAlone(t("ja", "report.progress.sheetName"), "progress");
    expect(pdfPageSize(pdf)).toEqual([595, 842]);
    // The figures and chart on the first page, the 25 items running onto the second.
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
    // 7 + 26 + 4 = 37 and 14 + 26 + 4 = 44 points: part 1 fills 1 and 3 cells, part 2 6 and 5, part 3 0 and 1.
    const [p1, p2, p3] = colourCounts(pdf, PROGRESS_COLORS.parts);
    expect(p1).toBeGreaterThan(200);
    expect(p2).toBeGreaterThan(p1);
    expect(p3).toBeGreaterThan(50);
  }, 240_000);

  test("the owner's summary with the change since the first visit is still one A4 page", async () => {
    const pdf = await printAlone(t("ja", "report.owner.sheetName"), "owner");
    expect(pdfPages(pdf)).toBe(1);
    expect(pdfPageSize(pdf)).toEqual([595, 842]);
  }, 240_000);
});
