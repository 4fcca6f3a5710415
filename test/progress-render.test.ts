/**
 * LibreOffice (an independent application) prints the progress sheet (診断の推移) with two
 * recorded visits on A4 portrait, one page wide, its cell chart in the three parts' colours; and
 * the owner's summary, now with the change since the first visit, still on exactly one page. The
 * sample is annotated and recorded by the built CLI, re-answered in place between the visits;
 * each sheet is kept alone in a copy (ExcelJS), converted to PDF (soffice), its pages counted
 * (pdfinfo) and rendered (pdftoppm). CI has LibreOffice and poppler-utils (.ci/run) and must
 * run this; elsewhere it is skipped when they are missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { t } from "../src/core/i18n";
import { PROGRESS_COLORS } from "../src/core/report/progressSheet";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SAMPLE = join(ROOT, "samples", "sample-diagnosis.xlsx");

const has = (cmd: string, arg = "--version") => spawnSync(cmd, [arg], { stdio: "ignore" }).status === 0;
const soffice = ["soffice", "libreoffice"].find((cmd) => has(cmd));
const ready = soffice !== undefined && has("pdfinfo", "-v") && has("pdftoppm", "-v");
if (process.env.CI && !ready) throw new Error("CI must have LibreOffice (soffice) and poppler-utils (pdfinfo, pdftoppm) for the progress sheet check");

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

  /** The annotated workbook with one sheet left, printed to PDF: its path. */
  async function printAlone(sheetName: string, base: string): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(annotated);
    for (const ws of [...wb.worksheets]) if (ws.name !== sheetName) wb.removeWorksheet(ws.id);
    expect(wb.worksheets.map((w) => w.name)).toEqual([sheetName]);
    const xlsx = join(dir, `${base}.xlsx`);
    await wb.xlsx.writeFile(xlsx);
    // Its own profile: a LibreOffice the user has open does not take the conversion over.
    execFileSync(soffice!, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx], {
      stdio: "ignore",
      timeout: 180_000,
    });
    return join(dir, `${base}.pdf`);
  }

  const info = (pdf: string) => execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(info(pdf))![1]);
  const a4Portrait = (pdf: string) => {
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info(pdf))!.slice(1).map(Number);
    return [Math.round(w), Math.round(h)];
  };

  /** Pixels of page 1 (60 dpi) within a small distance of each colour. */
  function colourCounts(pdf: string, colours: readonly string[]): number[] {
    const ppm = execFileSync("pdftoppm", ["-r", "60", "-f", "1", "-l", "1", pdf], { maxBuffer: 64 << 20 });
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"))!;
    const pixels = ppm.subarray(header[0].length);
    return colours.map((hex) => {
      const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let n = 0;
      for (let i = 0; i + 2 < pixels.length; i += 3)
        if (Math.abs(pixels[i] - r) < 12 && Math.abs(pixels[i + 1] - g) < 12 && Math.abs(pixels[i + 2] - b) < 12) n++;
      return n;
    });
  }

  test("the progress sheet: A4 portrait, the chart's cells in the three parts' colours on its first page", async () => {
    const pdf = await printAlone(t("ja", "report.progress.sheetName"), "progress");
    expect(a4Portrait(pdf)).toEqual([595, 842]);
    // The figures and chart on the first page, the 25 items running onto the second.
    expect(pages(pdf)).toBeLessThanOrEqual(2);
    // 7 + 26 + 4 = 37 and 14 + 26 + 4 = 44 points: part 1 fills 1 and 3 cells, part 2 6 and 5, part 3 0 and 1.
    const [p1, p2, p3] = colourCounts(pdf, PROGRESS_COLORS.parts);
    expect(p1).toBeGreaterThan(200);
    expect(p2).toBeGreaterThan(p1);
    expect(p3).toBeGreaterThan(50);
  }, 240_000);

  test("the owner's summary with the change since the first visit is still one A4 page", async () => {
    const pdf = await printAlone(t("ja", "report.owner.sheetName"), "owner");
    expect(pages(pdf)).toBe(1);
    expect(a4Portrait(pdf)).toEqual([595, 842]);
  }, 240_000);
});
