/**
 * LibreOffice (an independent application) prints the owner's summary alone on exactly one A4
 * portrait page, with its bars, and the coach's summary on one page too. The
 * sample is annotated by the built CLI; each sheet is kept alone in a copy of the workbook
 * (ExcelJS), converted to PDF, its pages counted (pdfinfo), and the owner's page rendered
 * (pdftoppm) to find the bars' blue in its pixels. CI installs LibreOffice and poppler-utils
 * (.ci/run) and must run this; elsewhere it is skipped when they are missing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { t } from "../src/core/i18n";
import { OWNER_COLORS } from "../src/core/report/ownerSheet";
import { colourCounts, libreOfficeReady, pdfPageSize, pdfPages, printSheetAlone } from "./helpers/libreOffice";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SAMPLE = join(ROOT, "samples", "sample-diagnosis.xlsx");
const ready = libreOfficeReady("the owner's page check");

(ready ? describe : describe.skip)("the owner's summary printed by LibreOffice", () => {
  let dir: string;
  let annotated: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "shindan-owner-"));
    annotated = join(dir, "annotated.xlsx");
    const r = spawnSync(process.execPath, [CLI, "annotate", SAMPLE, "-o", annotated], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`annotate failed: ${r.stderr}`);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const printAlone = (sheetName: string, base: string) => printSheetAlone(annotated, sheetName, dir, base);

  test("one A4 portrait page with the bars in their blue", async () => {
    const pdf = await printAlone(t("ja", "report.owner.sheetName"), "owner");
    expect(pdfPages(pdf)).toBe(1);
    // A4 portrait: 595 × 842 points.
    expect(pdfPageSize(pdf)).toEqual([595, 842]);
    // The page as pixels: the bars' filled cells are there.
    const [blue] = colourCounts(pdf, [OWNER_COLORS.barFilled]);
    expect(blue).toBeGreaterThan(200);
  }, 240_000);

  test("the coach's summary (自社診断結果のまとめ) also on exactly one A4 portrait page", async () => {
    const pdf = await printAlone(t("ja", "report.summary.sheetName"), "summary");
    expect(pdfPages(pdf)).toBe(1);
    expect(pdfPageSize(pdf)).toEqual([595, 842]);
  }, 240_000);
});
