/**
 * A real viewer checks the deliverable: the bundled sample is annotated by the built CLI, opened
 * by LibreOffice (an independent spreadsheet application) and printed to PDF; the PDF's text
 * must show the summary figures and the priority list, and every sheet of ours must fit the
 * page width (its first and last column headers on the same page). CI installs LibreOffice and
 * poppler-utils (.ci/run) and must run this; elsewhere it is skipped when they are missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyseWorkbook } from "../src/core/analyse";
import { BANDS, ITEMS } from "../src/core/catalog/diagnosis";
import { t } from "../src/core/i18n";
import { prioritise } from "../src/core/prioritise";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SAMPLE = join(ROOT, "samples", "sample-diagnosis.xlsx");

const has = (cmd: string, arg = "--version") => spawnSync(cmd, [arg], { stdio: "ignore" }).status === 0;
// Carlito stands in for Calibri: without it LibreOffice sets column widths in a wider font and the
// printed sizes measured here mean nothing.
const carlito = spawnSync("fc-list", [], { encoding: "utf8" }).stdout?.toLowerCase().includes("carlito") ?? false;
const ready = has("soffice") && has("pdftotext", "-v") && carlito;
if (process.env.CI && !ready)
  throw new Error("CI must have LibreOffice (soffice), poppler-utils (pdftotext) and the Carlito font (fonts-crosextra-carlito) for the viewer check");

(ready ? describe : describe.skip)("the annotated sample seen through LibreOffice", () => {
  let dir: string;
  let pages: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "shindan-viewer-"));
    const out = join(dir, "annotated.xlsx");
    const r = spawnSync(process.execPath, [CLI, "annotate", SAMPLE, "-o", out], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`annotate failed: ${r.stderr}`);
    execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, out], { stdio: "ignore", timeout: 180_000 });
    const pdf = join(dir, "annotated.pdf");
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
    pages = Array.from({ length: count }, (_, i) =>
      execFileSync("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), "-layout", pdf, "-"], { encoding: "utf8" }),
    );
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pageWith = (text: string) => pages.findIndex((p) => p.includes(text));

  test("the summary shows the consolidated total and band", async () => {
    const a = analyseWorkbook(await readWorkbookBuffer(readFileSync(SAMPLE), "sample-diagnosis.xlsx"));
    const c = a.consolidated!;
    const summary = pageWith(t("ja", "report.summary.sheetName"));
    expect(summary).toBeGreaterThanOrEqual(0);
    expect(pages[summary]).toContain(String(c.total));
    expect(pages[summary]).toContain(BANDS.find((b) => b.id === c.band)!.label.ja);
  });

  test("the priority list shows the top items in rank order", async () => {
    const a = analyseWorkbook(await readWorkbookBuffer(readFileSync(SAMPLE), "sample-diagnosis.xlsx"));
    // The start of each title: a title may wrap in its column.
    const top = prioritise(a.consolidated)
      .slice(0, 5)
      .map((p) => ITEMS[p.no - 1].title.ja.slice(0, 6));
    const text = pages.join("\n");
    const at = top.map((title) => text.indexOf(title));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
  });

  /**
   * The printed size of the text on a page: the width of a run of CJK characters over their count
   * (a full-width glyph of the Japanese font is one em wide), from pdftotext's word boxes. The
   * cells are 10 pt; LibreOffice scales by whole percents, so 9 pt prints as 9.00 ± 0.01.
   */
  const printedPoints = (page: number): number[] => {
    const html = execFileSync("pdftotext", ["-f", String(page + 1), "-l", String(page + 1), "-bbox", join(dir, "annotated.pdf"), "-"], { encoding: "utf8" });
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)];
    return words
      .filter((w) => Number(w[2]) > 40 && w[4].length >= 2 && /^[\u3040-\u9fff]+$/.test(w[4]))
      .map((w) => (Number(w[3]) - Number(w[1])) / w[4].length);
  };

  test("the priority sheet and the action plan print at 9 points or more", () => {
    for (const key of ["report.priorities.sheetName", "report.plan.sheetName"] as const) {
      // A page of the sheet: its footer (the last line) names the sheet.
      const footer = (p: string) => p.trim().split("\n").at(-1) ?? "";
      const sheetPages = pages.map((p, i) => [p, i] as const).filter(([p]) => footer(p).includes(t("ja", key)));
      expect(sheetPages.length).toBeGreaterThan(0);
      for (const [, i] of sheetPages) {
        const sizes = printedPoints(i);
        expect(sizes.length).toBeGreaterThan(0);
        expect({ key, page: i + 1, smallest: Math.min(...sizes) >= 8.99 }).toEqual({ key, page: i + 1, smallest: true });
      }
    }
  });

  test("the priority sheet's last page is not near-empty: it holds at least three items", () => {
    const footer = (p: string) => p.trim().split("\n").at(-1) ?? "";
    const sheetPages = pages.filter((p) => footer(p).includes(t("ja", "report.priorities.sheetName")));
    expect(sheetPages.length).toBeGreaterThan(1);
    // An item's row starts with its rank and its number (-layout keeps the columns).
    const items = (p: string) => p.split("\n").filter((l) => /^\s*\d+\s+\d+\s+\S/.test(l)).length;
    expect(sheetPages.map(items).reduce((a, b) => a + b, 0)).toBe(25);
    expect(items(sheetPages.at(-1)!)).toBeGreaterThanOrEqual(3);
  });

  test("the action plan shows its headers and the headline measures", () => {
    const plan = pages.findIndex((p) => p.includes(t("ja", "report.plan.title", { workbook: "株式会社やまびこ製作所" })));
    expect(plan).toBeGreaterThanOrEqual(0);
    for (const h of ["対策", "担当者", "期限", "状況", "確認結果"]) expect(pages[plan]).toContain(h);
    expect(pages[plan]).toContain("★");
  });

  test("each sheet of ours fits the page width: first and last column headers on one page", () => {
    const sheets: [string, string, string][] = [
      ["report.priorities.sheetName", "report.priorities.col.rank", "report.priorities.col.note"],
      ["report.plan.sheetName", "report.plan.col.measure", "report.plan.col.result"],
      ["report.regulations.sheetName", "report.regulations.col.no", "report.regulations.col.reasons"],
    ];
    for (const [, first, last] of sheets) {
      const page = pages.findIndex((p) => p.includes(t("ja", first as never)) && p.includes(t("ja", last as never)));
      expect({ first, last, found: page >= 0 }).toEqual({ first, last, found: true });
    }
  });
});
