/**
 * LibreOffice (an independent application) prints the owner's summary alone on exactly one A4
 * portrait page, with its bars, and the coach's summary on one page too. The
 * sample is annotated by the built CLI; each sheet is kept alone in a copy of the workbook
 * (ExcelJS), converted to PDF, its pages counted (pdfinfo), and the owner's page rendered
 * (pdftoppm) to find the bars' blue in its pixels. CI installs LibreOffice and poppler-utils
 * (.ci/run) and must run this; elsewhere it is skipped when they are missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { t } from "../src/core/i18n";
import { OWNER_COLORS } from "../src/core/report/ownerSheet";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SAMPLE = join(ROOT, "samples", "sample-diagnosis.xlsx");

const has = (cmd: string, arg = "--version") => spawnSync(cmd, [arg], { stdio: "ignore" }).status === 0;
const soffice = ["soffice", "libreoffice"].find((cmd) => has(cmd));
const ready = soffice !== undefined && has("pdfinfo", "-v") && has("pdftoppm", "-v");
if (process.env.CI && !ready) throw new Error("CI must have LibreOffice (soffice) and poppler-utils (pdfinfo, pdftoppm) for the owner's page check");

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

  test("one A4 portrait page with the bars in their blue", async () => {
    const pdf = await printAlone(t("ja", "report.owner.sheetName"), "owner");
    expect(pages(pdf)).toBe(1);
    // A4 portrait: 595 × 842 points.
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info(pdf))!.slice(1).map(Number);
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    // The page as pixels (PPM: a header, then RGB bytes): the bars' filled cells are there.
    const ppm = execFileSync("pdftoppm", ["-r", "60", "-f", "1", "-l", "1", pdf], { maxBuffer: 64 << 20 });
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"))!;
    const pixels = ppm.subarray(header[0].length);
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(OWNER_COLORS.barFilled.slice(i, i + 2), 16));
    let blue = 0;
    for (let i = 0; i + 2 < pixels.length; i += 3) {
      if (Math.abs(pixels[i] - r) < 12 && Math.abs(pixels[i + 1] - g) < 12 && Math.abs(pixels[i + 2] - b) < 12) blue++;
    }
    expect(blue).toBeGreaterThan(200);
  }, 240_000);

  test("the coach's summary (自社診断結果のまとめ) also on exactly one A4 portrait page", async () => {
    const pdf = await printAlone(t("ja", "report.summary.sheetName"), "summary");
    expect(pages(pdf)).toBe(1);
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info(pdf))!.slice(1).map(Number);
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
  }, 240_000);
});
