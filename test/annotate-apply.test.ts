/**
 * annotate's host side with hand-made plans on a fixture workbook standing for the company's:
 * the undo steps (restoreFills, deleteSheets), marked sheets at a position, highlights recorded
 * in the hidden state, clearPlan, text never turned into a formula, and the annotate / clear
 * commands' writing (atomic, never over the input).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { FIXTURES, SAMPLE, manyRespondents } from "../scripts/fixtures";
import { MARKER_COL, STATE_CHUNK, STATE_MARKER, STATE_SHEET, findAddinSheets, freeSheetName, markerText, readState, stateCells } from "../src/core/addinState";
import { analyseWorkbook } from "../src/core/analyse";
import { clearPlan, discardStatePlan } from "../src/core/clearPlan";
import { renderMessage, type EngineMessage } from "../src/core/messages";
import { PlanRefusedError, checkPlan, type FillRestore, type Highlight, type Plan, type SheetPlan, type StateData } from "../src/core/plan";
import { annotatePlan as reportPlan } from "../src/core/report";
import { ADDIN_HIGHLIGHT_ARGB, planRestores } from "../src/core/restore";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { applyPlan, type ApplyResult } from "../src/xlsx/applyPlan";
import { nodeDeflate } from "../src/xlsx/nodeDeflate";
import { nodeInflate } from "../src/xlsx/nodeInflate";
import { loadExcelJs, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { applyPlanToPackage } from "../src/xlsx/writePackage";
import { loadWorkbookFile, writeWorkbookFile } from "../src/xlsx/workbookFile";

// ---------------------------------------------------------------------------------------------
// The company's workbook

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return load(await bytes(wb));
}

/**
 * Applies a plan as the command line and the preview do: to the workbook's file (here the
 * workbook as ExcelJS saves it), by editing its package (src/xlsx/writePackage.ts); the written
 * file read back.
 */
async function applyToFile(wb: ExcelJS.Workbook, plan: Plan): Promise<{ wb: ExcelJS.Workbook; result: ApplyResult; bytes: Buffer }> {
  return applyToBytes(await bytes(wb), plan);
}

async function applyToBytes(input: Buffer, plan: Plan): Promise<{ wb: ExcelJS.Workbook; result: ApplyResult; bytes: Buffer }> {
  const { bytes: out, result } = await applyPlanToPackage(input, await loadExcelJs(input, "company.xlsx", nodeInflate), plan, {
    inflate: nodeInflate,
    deflate: nodeDeflate,
  });
  const written = Buffer.from(out);
  return { wb: await load(written), result, bytes: written };
}

const FILLS = {
  solid: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC000" } },
  pattern: { type: "pattern", pattern: "darkTrellis", fgColor: { argb: "FF00B050" }, bgColor: { argb: "FFFFFF00" } },
  theme: { type: "pattern", pattern: "solid", fgColor: { theme: 4, tint: 0.5999938962981048 }, bgColor: { indexed: 64 } },
  gradient: {
    type: "gradient",
    gradient: "angle",
    degree: 90,
    stops: [
      { position: 0, color: { argb: "FFFFFFFF" } },
      { position: 1, color: { theme: 5 } },
    ],
  },
};

const COMPANY_SHEETS = ["本社", "売上集計", "大阪支店", "工場"];

/**
 * The multi-sheet fixture with cells of the company's own on 本社: F2 solid, F3 a pattern with
 * two colours, F4 a theme colour with tint, F5 a gradient, F6 a formula with a fill, G7 and H7
 * with the same fill as F2 (one style in the file, so one shared style object once loaded).
 * The workbook opens on its third sheet (activeTab 2). Returned as bytes, as read from a file.
 */
let companyBuf: Buffer;
async function companyBook(): Promise<Buffer> {
  const wb = await load(await FIXTURES.find((f) => f.id === "multi-sheet-sites")!.build());
  const ws = wb.getWorksheet("本社")!;
  // ExcelJS's typings lack theme tints and indexed colours, which it reads and writes.
  const put = (address: string, value: ExcelJS.CellValue, fill?: object) => {
    ws.getCell(address).value = value;
    if (fill) ws.getCell(address).fill = fill as ExcelJS.Fill;
  };
  put("F2", "solid", FILLS.solid);
  put("F3", "pattern", FILLS.pattern);
  put("F4", "theme", FILLS.theme);
  put("F5", "gradient", FILLS.gradient);
  put("F6", { formula: "SUM(F8:F9)", result: 3 }, FILLS.solid);
  put("F8", 1);
  put("F9", 2);
  put("G7", "shared", FILLS.solid);
  put("H7", "shared", FILLS.solid);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: "visible" }];
  return bytes(wb);
}

beforeAll(async () => {
  companyBuf = await companyBook();
});

interface CellDump {
  value: unknown;
  formula: string | undefined;
  fill: unknown;
}

/** Every cell with a value or a fill: its value (with a formula's result), formula and fill. */
function dumpSheet(ws: ExcelJS.Worksheet): Record<string, CellDump> {
  const out: Record<string, CellDump> = {};
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const value = cell.value ?? null;
      if (value === null && cell.fill === undefined) return;
      out[cell.address] = { value, formula: cell.formula, fill: cell.fill };
    }),
  );
  return out;
}

function dumpSheets(wb: ExcelJS.Workbook, names: string[]): Record<string, Record<string, CellDump>> {
  return Object.fromEntries(names.map((n) => [n, dumpSheet(wb.getWorksheet(n)!)]));
}

function withoutFills(dump: Record<string, Record<string, CellDump>>): unknown {
  return Object.fromEntries(
    Object.entries(dump).map(([s, cells]) => [
      s,
      Object.fromEntries(
        Object.entries(cells)
          .filter(([, c]) => c.value !== null)
          .map(([a, c]) => [a, { value: c.value, formula: c.formula }]),
      ),
    ]),
  );
}

function sheetList(wb: ExcelJS.Workbook): [string, string][] {
  return wb.worksheets.map((ws) => [ws.name, ws.state ?? "visible"]);
}

const snap = (wb: ExcelJS.Workbook): WorkbookSnapshot => snapshotFromWorkbook(wb, "company.xlsx");

// ---------------------------------------------------------------------------------------------
// Plans as the report builder will make them (by hand here)

const SUMMARY = "診断サマリー";
const PRIORITIES = "優先順位";
const TRICKY_TEXT = ["=SUM(A1:A3)", "+81-3-1234", "-要確認", "@担当", "=1+1"];

function state(sheets: StateData["sheets"]): { write: StateData } {
  return { write: { version: 2, sheets, highlights: [], ratingDefaults: { "3": { urgency: "高", importance: "中", difficulty: "低" } } } };
}

/** The English details of checkPlan's problems (an internal one lists several). */
const details = (problems: EngineMessage[]): string[] =>
  problems.flatMap((p) => (p.code === "plan-internal" ? String(p.params.detail).split("; ") : [renderMessage(p, "en")]));

/** A restore by hand: the cell, the fill to put back, and the colour it must have now. */
const restore = (sheet: string, cell: string, original: FillRestore["original"], expect = ["FFFFC000"]): FillRestore => ({ sheet, cell, original, expect });

/** The reasons a host refused a plan with, by code. */
function refusedCodes(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof PlanRefusedError) return e.problems.map((p) => p.code);
    throw e;
  }
  throw new Error("the plan was not refused");
}

function summarySheet(name = SUMMARY): SheetPlan {
  return {
    name,
    action: "create",
    marker: "summary",
    position: 0,
    cells: [
      { top: 0, left: 0, rows: [[{ value: "診断サマリー", style: { bold: true, fill: "#1F4E79", fontColor: "#FFFFFF" } }]] },
      { top: 2, left: 0, rows: [[{ value: 1 }], [{ value: 2 }], [{ value: 3 }], [{ formula: "SUM(A3:A5)" }]] },
      { top: 2, left: 2, rows: TRICKY_TEXT.map((t) => [{ value: t }]) },
    ],
    columnWidths: [{ col: 2, width: 30 }],
  };
}

function annotatePlan(previous?: WorkbookSnapshot): Plan {
  const highlights: Highlight[] = [
    { sheet: "本社", range: { top: 1, left: 5, bottom: 8, right: 5 }, fill: "#FFFF00" }, // F2:F9
    { sheet: "本社", range: { top: 6, left: 6, bottom: 6, right: 6 }, fill: "FFFF0000" }, // G7, not H7
    { sheet: "工場", range: { top: 4, left: 1, bottom: 5, right: 2 }, fill: "#FFE699" }, // B5:C6
    { sheet: "本社", range: { top: 1, left: 5, bottom: 2, right: 5 }, fill: "#00B0F0" }, // F2:F3 again
  ];
  const planned = previous ? planRestores(previous, readState(previous)) : null;
  const undo = previous
    ? { restoreFills: planned!.restoreFills, unrestored: planned!.unrestored, deleteSheets: findAddinSheets(previous).map((s) => s.name) }
    : {};
  return {
    ...undo,
    sheets: [
      summarySheet(),
      { name: PRIORITIES, action: "create", marker: "priorities", position: 1, cells: [{ top: 0, left: 0, rows: [[{ value: "優先順位" }, { value: 42 }]] }] },
    ],
    highlights,
    state: state([
      { name: SUMMARY, kind: "summary" },
      { name: PRIORITIES, kind: "priorities" },
    ]),
  };
}

/** The company workbook after one annotate run, written and read back. */
async function annotatedOnce(): Promise<ExcelJS.Workbook> {
  return (await applyToBytes(companyBuf, annotatePlan())).wb;
}

// ---------------------------------------------------------------------------------------------

describe("annotate then clear", () => {
  test("gives back every company cell's value, formula and fill, and the sheet list", async () => {
    const original = await load(companyBuf);
    const { wb: annotated, result, bytes: annotatedBytes } = await applyToBytes(companyBuf, annotatePlan());
    expect(result.warnings).toEqual([]);

    // What annotate wrote: the marked sheets first, the company's after, the state last and very hidden.
    expect(sheetList(annotated)).toEqual([[SUMMARY, "visible"], [PRIORITIES, "visible"], ...sheetList(original), [STATE_SHEET, "veryHidden"]]);
    const s1 = snap(annotated);
    expect(findAddinSheets(s1)).toEqual([
      { name: SUMMARY, kind: "summary" },
      { name: PRIORITIES, kind: "priorities" },
    ]);
    expect(annotated.getWorksheet(SUMMARY)!.getCell(1, MARKER_COL + 1).value).toBe(markerText("summary"));
    expect(s1.sheets[0].hiddenColumns).toEqual([MARKER_COL]);
    expect(annotated.views[0].activeTab).toBe(4); // still the third company sheet

    // Highlights: each cell recorded once, with the fill it had before the first highlight.
    const recorded = readState(s1)!;
    expect(recorded.highlights).toEqual(result.highlights);
    expect(recorded.highlights).toHaveLength(8 + 1 + 4);
    const originalOf = (sheet: string, cell: string) => recorded.highlights.find((h) => h.sheet === sheet && h.cell === cell)?.original;
    expect(originalOf("本社", "F2")).toEqual(FILLS.solid);
    expect(originalOf("本社", "F3")).toEqual(FILLS.pattern);
    // A theme colour is recorded with the RGB the workbook's theme gives it (this file's theme is
    // the one ExcelJS writes, Office 2007's: accent1 4F81BD), for the add-in, which sets RGB only.
    expect(originalOf("本社", "F4")).toEqual({ ...FILLS.theme, fgColor: { ...(FILLS.theme as { fgColor: object }).fgColor, themeRgb: "4F81BD" } });
    const gradient = FILLS.gradient as { stops: { position: number; color: object }[] };
    expect(originalOf("本社", "F5")).toEqual({ ...gradient, stops: [gradient.stops[0], { ...gradient.stops[1], color: { theme: 5, themeRgb: "C0504D" } }] });
    expect(originalOf("本社", "F6")).toEqual(FILLS.solid);
    expect(originalOf("本社", "F7")).toBeNull();
    // The fixture's own cell style has an explicit "none" pattern: recorded as it is.
    expect(originalOf("工場", "B5")).toEqual(original.getWorksheet("工場")!.getCell("B5").fill ?? null);
    const ws = annotated.getWorksheet("本社")!;
    expect(ws.getCell("F2").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FF00B0F0" } }); // the later highlight
    expect(ws.getCell("F4").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } });
    expect(ws.getCell("G7").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } });
    expect(ws.getCell("H7").fill).toEqual(FILLS.solid); // shares G7's style, not highlighted
    // Values and formulas of the company's cells are untouched.
    expect(withoutFills(dumpSheets(annotated, COMPANY_SHEETS))).toEqual(withoutFills(dumpSheets(original, COMPANY_SHEETS)));

    // clear, from the snapshot of the reloaded workbook
    const plan = clearPlan(s1).plan;
    expect(plan.deleteSheets).toEqual([SUMMARY, PRIORITIES]);
    expect(plan.state).toBe("delete");
    const { wb: cleared, result: clearResult } = await applyToBytes(annotatedBytes, plan);
    expect(clearResult.warnings).toEqual([]);
    expect(sheetList(cleared)).toEqual(sheetList(original));
    expect(dumpSheets(cleared, COMPANY_SHEETS)).toEqual(dumpSheets(original, COMPANY_SHEETS));
    expect(cleared.views[0].activeTab).toBe(2);
    expect(readState(snap(cleared))).toBeNull();
    expect(findAddinSheets(snap(cleared))).toEqual([]);
  });

  test("annotate twice (undoing the first run from its state) gives the same workbook as once", async () => {
    const once = await annotatedOnce();
    const first = await applyToBytes(companyBuf, annotatePlan());
    const { wb: twice, bytes: twiceBytes } = await applyToBytes(first.bytes, annotatePlan(snap(first.wb)));

    expect(sheetList(twice)).toEqual(sheetList(once));
    const names = once.worksheets.map((ws) => ws.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(dumpSheets(twice, names)).toEqual(dumpSheets(once, names));
    expect(readState(snap(twice))).toEqual(readState(snap(once)));
    expect(twice.views[0].activeTab).toBe(once.views[0].activeTab);

    // and a third time, then clear: still the original
    const { wb: thrice, bytes: thriceBytes } = await applyToBytes(twiceBytes, annotatePlan(snap(twice)));
    expect(dumpSheets(thrice, names)).toEqual(dumpSheets(once, names));
    const { wb: cleared } = await applyToBytes(thriceBytes, clearPlan(snap(thrice)).plan);
    const original = await load(companyBuf);
    expect(sheetList(cleared)).toEqual(sheetList(original));
    expect(dumpSheets(cleared, COMPANY_SHEETS)).toEqual(dumpSheets(original, COMPANY_SHEETS));
  });

  test("annotating again without restoring the recorded fills first is refused", async () => {
    const once = await annotatedOnce();
    const before = dumpSheets(once, COMPANY_SHEETS);
    // Deleting the old sheets but not restoring: the recorded originals would be lost.
    const plan = { ...annotatePlan(), deleteSheets: [SUMMARY, PRIORITIES] };
    expect(refusedCodes(() => applyPlan(once, plan))).toEqual(["state-fills-not-restored"]);
    expect(() => applyPlan(once, plan)).toThrow(/holds the original fills of 13 cells \(本社!F2, 本社!F3/);
    expect(dumpSheets(once, COMPANY_SHEETS)).toEqual(before);
    expect(once.worksheets).toHaveLength(7);
  });
});

describe("ExcelJS style sharing", () => {
  test("a highlight or a restore never changes a neighbour that shares the cell's style", async () => {
    // ExcelJS gives the cells of a loaded file that have the same style one shared object,
    // and cell.fill = … writes into it: the neighbours change too.
    const probe = await load(companyBuf);
    const p = probe.getWorksheet("本社")!;
    expect(p.getCell("G7").style).toBe(p.getCell("H7").style);
    expect(p.getCell("G7").style).toBe(p.getCell("F2").style);
    p.getCell("G7").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    expect(p.getCell("H7").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } });

    const wb = await load(companyBuf);
    const ws = wb.getWorksheet("本社")!;
    applyPlan(wb, { sheets: [], highlights: [{ sheet: "本社", range: { top: 6, left: 6, bottom: 6, right: 6 }, fill: "#FF0000" }], state: state([]) });
    for (const check of [wb, await reload(wb)]) {
      const w = check.getWorksheet("本社")!;
      expect(w.getCell("G7").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } });
      expect(w.getCell("H7").fill).toEqual(FILLS.solid);
      expect(w.getCell("F2").fill).toEqual(FILLS.solid);
      expect(w.getCell("F6").fill).toEqual(FILLS.solid);
    }
    // The restore gives G7 a style of its own too.
    applyPlan(wb, clearPlan(snap(wb)).plan);
    expect(ws.getCell("G7").fill).toEqual(FILLS.solid);
    ws.getCell("G7").style.fill = FILLS.pattern as ExcelJS.Fill; // would leak into the neighbours if still shared
    expect(ws.getCell("H7").fill).toEqual(FILLS.solid);
  });

  test("restoring null leaves the cell with no fill at all", async () => {
    const wb = await load(companyBuf);
    applyPlan(wb, { sheets: [], restoreFills: [restore("本社", "F2", null)] });
    const back = (await reload(wb)).getWorksheet("本社")!;
    expect(back.getCell("F2").fill).toBeUndefined();
    expect(back.getCell("F2").value).toBe("solid");
    expect(back.getCell("G7").fill).toEqual(FILLS.solid);
  });
});

describe("the company's sheets are never the add-in's", () => {
  async function withLookalike(): Promise<ExcelJS.Workbook> {
    const wb = await load(companyBuf);
    wb.addWorksheet(SUMMARY).getCell("A1").value = "会社のメモ";
    return reload(wb);
  }

  test("a company sheet named like ours (no marker) is never deleted or overwritten", async () => {
    const wb = await withLookalike();
    const s = snap(wb);
    expect(findAddinSheets(s)).toEqual([]);
    expect(clearPlan(s).plan.deleteSheets).toEqual([]);
    const before = dumpSheets(wb, [...COMPANY_SHEETS, SUMMARY]);
    const restoreF2 = [restore("本社", "F2", null)];
    const refused: Plan[] = [
      { ...annotatePlan(), restoreFills: restoreF2 },
      { sheets: [{ ...summarySheet(), action: "replace" }], state: state([{ name: SUMMARY, kind: "summary" }]) },
      { sheets: [], restoreFills: restoreF2, deleteSheets: [SUMMARY] },
      { sheets: [], deleteSheets: ["本社"] },
    ];
    for (const plan of refused) {
      expect(() => applyPlan(wb, plan)).toThrow(plan.deleteSheets?.[0] === "本社" ? /sheet "本社"/i : new RegExp(`sheet "${SUMMARY}"`, "i"));
    }
    expect(refused.map((plan) => refusedCodes(() => applyPlan(wb, plan)))).toEqual([
      ["plan-company-sheet"],
      ["plan-company-sheet"],
      ["plan-not-ours"],
      ["plan-not-ours"],
    ]);
    // Nothing was written, not even the restore that comes first.
    expect(dumpSheets(wb, [...COMPANY_SHEETS, SUMMARY])).toEqual(before);
    expect(wb.worksheets).toHaveLength(5);
  });

  test("freeSheetName gives our sheet another name; clear then removes ours only", async () => {
    const wb = await withLookalike();
    const name = freeSheetName(
      snap(wb).sheets.map((x) => x.name),
      SUMMARY,
    );
    expect(name).toBe(`${SUMMARY} (2)`);
    const plan: Plan = { sheets: [summarySheet(name)], state: state([{ name, kind: "summary" }]) };
    applyPlan(wb, plan);
    const annotated = await reload(wb);
    expect(annotated.worksheets.map((w) => w.name)).toEqual([name, ...COMPANY_SHEETS, SUMMARY, STATE_SHEET]);
    expect(annotated.getWorksheet(SUMMARY)!.getCell("A1").value).toBe("会社のメモ");
    applyPlan(annotated, clearPlan(snap(annotated)).plan);
    const cleared = await reload(annotated);
    expect(cleared.worksheets.map((w) => w.name)).toEqual([...COMPANY_SHEETS, SUMMARY]);
    expect(cleared.getWorksheet(SUMMARY)!.getCell("A1").value).toBe("会社のメモ");
  });

  test("a sheet that has the state sheet's name but not its marker is left alone", async () => {
    const wb = await load(companyBuf);
    wb.addWorksheet(STATE_SHEET).getCell("A1").value = "something of the company";
    const s = snap(wb);
    expect(readState(s)).toBeNull();
    expect(() => applyPlan(wb, clearPlan(s).plan)).toThrow(new RegExp(`company sheet named "${STATE_SHEET}", a name Shindan Coach keeps for its record`));
    expect(refusedCodes(() => applyPlan(wb, clearPlan(s).plan))).toEqual(["state-sheet-taken"]);
    expect(() => applyPlan(wb, annotatePlan())).toThrow(new RegExp(STATE_SHEET));
    expect(wb.getWorksheet(STATE_SHEET)!.getCell("A1").value).toBe("something of the company");
  });

  test("highlights go on the company's sheets only", () => {
    const plan = annotatePlan();
    plan.highlights = [{ sheet: SUMMARY, range: { top: 0, left: 0, bottom: 0, right: 0 }, fill: "#FFFF00" }];
    expect(details(checkPlan(plan))).toEqual([`highlight on sheet "${SUMMARY}": highlights go on the company's sheets only`]);
  });
});

describe("text is written as text", () => {
  test("values starting with = + - @ stay text after reload; formulas come only from PlanCell.formula", async () => {
    const back = await annotatedOnce();
    const ws = back.getWorksheet(SUMMARY)!;
    TRICKY_TEXT.forEach((text, i) => {
      const cell = ws.getCell(3 + i, 3);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
    });
    expect(ws.getCell("A6").type).toBe(ExcelJS.ValueType.Formula);
    expect(ws.getCell("A6").formula).toBe("SUM(A3:A5)");
  });

  test("a value that is not text, a number or a boolean is refused", () => {
    const plan = annotatePlan();
    (plan.sheets[0].cells[0].rows[0][0] as { value: unknown }).value = { formula: "1+1" };
    expect(details(checkPlan(plan))).toEqual([`sheet "${SUMMARY}": cell A1: a value must be text, a number, a boolean or null`]);
  });
});

const soffice = ["soffice", "libreoffice"].find((cmd) => spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0);
if (process.env.CI && !soffice) throw new Error("CI must have LibreOffice (soffice) for the text-versus-formula check");
(soffice ? describe : describe.skip)("text read by LibreOffice", () => {
  test("the text cells are text to LibreOffice too, the formula is computed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shindan-annotate-lo-"));
    try {
      const input = join(dir, "in", "annotated.xlsx");
      mkdirSync(join(dir, "in"));
      writeFileSync(input, await bytes(await annotatedOnce()));
      // Its own profile, so that it does not wait for another test's LibreOffice.
      const profile = `-env:UserInstallation=file://${join(dir, "profile")}`;
      const convert = (to: string) =>
        execFileSync(soffice!, [profile, "--headless", "--convert-to", to, "--outdir", dir, input], { stdio: "ignore", timeout: 120000 });
      convert("xlsx");
      const ws = (await load(readFileSync(join(dir, "annotated.xlsx")))).getWorksheet(SUMMARY)!;
      TRICKY_TEXT.forEach((text, i) => {
        // LibreOffice stores its strings as rich text runs: still text, not a formula.
        const cell = ws.getCell(3 + i, 3);
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.RichText]).toContain(cell.type);
        expect(cell.formula).toBeUndefined();
        expect(cell.text).toBe(text);
      });
      expect(ws.getCell("A6").formula).toBe("SUM(A3:A5)");
      expect(ws.getCell("A6").result).toBe(6);
      // CSV of the first sheet (ours), UTF-8: the texts appear literally, "=1+1" is not 2.
      convert("csv:Text - txt - csv (StarCalc):44,34,76");
      const csv = readFileSync(join(dir, "annotated.csv"), "utf8");
      for (const text of TRICKY_TEXT) expect(csv).toContain(text);
      const lines = csv.split(/\r?\n/);
      expect(lines[5]).toMatch(/^6,,@担当,/); // the formula computed beside the texts
      expect(lines[6]).toMatch(/^,,=1\+1,/); // not 2
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the state", () => {
  test("a state longer than one cell is split and read back, also with a character outside the BMP at a chunk boundary", async () => {
    const big: StateData = {
      version: 2,
      sheets: [{ name: "🙂サマリー", kind: "summary" }],
      highlights: [],
      ratingDefaults: {},
    };
    // Put a surrogate pair across the first chunk boundary.
    const prefix = JSON.stringify({ ...big, ratingDefaults: { k: { urgency: "", importance: "", difficulty: "" } } }).indexOf('"urgency":"') + 11;
    big.ratingDefaults.k = { urgency: "x".repeat(STATE_CHUNK - 1 - prefix) + "🙂".repeat(20000), importance: "=1+1", difficulty: "-" };
    const cells = stateCells(big);
    expect(cells.length).toBeGreaterThan(2);
    expect(cells[0]).toBe(STATE_MARKER);
    for (const c of cells) {
      expect(c.length).toBeLessThanOrEqual(STATE_CHUNK);
      expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(c)).toBe(false);
    }
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("会社");
    applyPlan(wb, { sheets: [{ name: "🙂サマリー", action: "create", marker: "summary", cells: [] }], state: { write: big } });
    expect(readState(snap(await reload(wb)))).toEqual(big);
  });

  test("a damaged state throws an error naming the state sheet; clear and annotate refuse it", async () => {
    const wb = await annotatedOnce();
    wb.getWorksheet(STATE_SHEET)!.getCell("A2").value = '{"version":1,"sheets":[';
    const s = snap(wb);
    expect(() => readState(s)).toThrow(new RegExp(`state in the hidden sheet "${STATE_SHEET}" is damaged`));
    // Refused, with the sentence that says what to do (here rendered in English).
    const message = new RegExp(`record \\(the hidden sheet "${STATE_SHEET}"\\) is damaged.*clear --discard-state.*Detail: not valid JSON`, "s");
    expect(() => clearPlan(s)).toThrow(message);
    expect(() => applyPlan(wb, { ...annotatePlan(), deleteSheets: [SUMMARY, PRIORITIES] })).toThrow(message);
    expect(refusedCodes(() => clearPlan(s))).toEqual(["invalid-addin-state"]);

    wb.getWorksheet(STATE_SHEET)!.getCell("A2").value = JSON.stringify({
      version: 1,
      sheets: [],
      highlights: [{ sheet: "本社", cell: "F", original: null }],
      ratingDefaults: {},
    });
    expect(() => readState(snap(wb))).toThrow(new RegExp(`"${STATE_SHEET}" is damaged \\("F" is not a cell address\\)`));
    wb.getWorksheet(STATE_SHEET)!.getCell("A2").value = JSON.stringify({ version: 3 });
    expect(() => readState(snap(wb))).toThrow(/unknown version 3/);
  });

  test("a recorded cell on a sheet the company has since deleted is skipped with a message", async () => {
    const wb = await annotatedOnce();
    wb.removeWorksheet(wb.getWorksheet("工場")!.id);
    const cleared = clearPlan(snap(wb));
    expect(cleared.messages).toEqual([
      expect.objectContaining({ level: "warning", code: "restore-sheet-missing", sheet: "工場", params: expect.objectContaining({ count: 4 }) }),
    ]);
    expect(renderMessage(cleared.messages[0], "ja")).toContain("（B5、C5、B6、C6）");
    expect(renderMessage(cleared.messages[0], "en")).toContain("(B5, C5, B6, C6)");
    expect(cleared.plan.unrestored).toEqual(["B5", "C5", "B6", "C6"].map((cell) => ({ sheet: "工場", cell })));
    const result = applyPlan(wb, cleared.plan);
    expect([result.messages, result.warnings, result.restored]).toEqual([[], [], 9]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["本社", "売上集計", "大阪支店"]);
    expect(wb.getWorksheet("本社")!.getCell("F3").fill).toEqual(FILLS.pattern);
  });
});

describe("checkPlan", () => {
  test("highlights need the state that records them", () => {
    const plan = { ...annotatePlan(), state: undefined };
    expect(details(checkPlan(plan))).toContain("highlights: the plan must write the state (state: {write}) so that they can be cleared");
  });

  test("the state names exactly the plan's marked sheets", () => {
    const plan = { ...annotatePlan(), state: state([{ name: SUMMARY, kind: "priorities" }]) };
    expect(details(checkPlan(plan))).toEqual([
      `state: sheet "${SUMMARY}" (priorities) is not a sheet of the plan with that marker`,
      `state: the plan's marked sheet "${PRIORITIES}" is not listed`,
    ]);
  });

  test("the state sheet's name, positions, restores and deletions", () => {
    const plan = annotatePlan();
    plan.sheets[1].position = -1;
    plan.sheets.push({ name: STATE_SHEET.toUpperCase(), action: "create", cells: [] });
    plan.restoreFills = [restore("本社", "F2", null), restore("本社", "$f$2", null), restore("本社", "F3", { type: "bogus" })];
    plan.deleteSheets = [STATE_SHEET];
    const problems = checkPlan(plan);
    // What only a bug can cause is one message, "internal", with the English details.
    expect(problems.map((p) => p.code)).toEqual(["plan-internal"]);
    expect(details(problems)).toEqual([
      `sheet "${PRIORITIES}": position must be a non-negative integer`,
      `sheet "${STATE_SHEET.toUpperCase()}": the name is reserved for the add-in's hidden state sheet`,
      "restoreFills: 本社!$f$2 is restored twice",
      "restoreFills: the original fill of 本社!F3 is not a fill",
      `deleteSheets: sheet "${STATE_SHEET}": the hidden state sheet is removed with state: "delete", not deleteSheets`,
    ]);
  });
});

describe("freeSheetName", () => {
  test("the name itself when free, else a number, within 31 characters", () => {
    expect(freeSheetName(["本社"], "診断サマリー")).toBe("診断サマリー");
    expect(freeSheetName(["診断サマリー"], "診断サマリー")).toBe("診断サマリー (2)");
    expect(freeSheetName(["SUMMARY", "Summary (2)"], "summary")).toBe("summary (3)");
    const long = "あ".repeat(31);
    expect(freeSheetName([], long + "い")).toBe(long);
    expect(freeSheetName([long], long)).toBe(`${"あ".repeat(27)} (2)`);
    const names = [long, ...Array.from({ length: 9 }, (_, i) => `${"あ".repeat(27)} (${i + 2})`)];
    // " (10)" is one character longer: the name is shortened once more.
    expect(freeSheetName(names, long)).toBe(`${"あ".repeat(26)} (10)`);
    expect(freeSheetName([...names, `${"あ".repeat(26)} (10)`], long)).toBe(`${"あ".repeat(26)} (11)`);
    expect(freeSheetName([], "x".repeat(30) + "🙂")).toBe("x".repeat(30));
  });
});

// ---------------------------------------------------------------------------------------------
// Files and the command line

describe("workbook files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "shindan-wbfile-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("load gives the workbook and its snapshot; write never touches the input unless in place", async () => {
    const input = join(dir, "company.xlsx");
    writeFileSync(input, companyBuf);
    const { workbook, snapshot } = await loadWorkbookFile(input);
    expect(snapshot.name).toBe("company.xlsx");
    expect(snapshot.sheets.map((s) => s.name)).toEqual(COMPANY_SHEETS);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(COMPANY_SHEETS);

    await expect(writeWorkbookFile(workbook, input, { input })).rejects.toMatchObject({ code: "same-as-input" });
    await expect(writeWorkbookFile(workbook, join(dir, ".", "company.xlsx"), { input, overwrite: true })).rejects.toMatchObject({ code: "same-as-input" });
    expect(readFileSync(input).equals(companyBuf)).toBe(true);

    const out = join(dir, "out.xlsx");
    await writeWorkbookFile(workbook, out, { input });
    await expect(writeWorkbookFile(workbook, out, { input })).rejects.toMatchObject({ code: "exists" });
    await writeWorkbookFile(workbook, out, { input, overwrite: true });
    await writeWorkbookFile(workbook, input, { input, inPlace: true });
    expect(readdirSync(dir).sort()).toEqual(["company.xlsx", "out.xlsx"]);
    await expect(loadWorkbookFile(join(dir, "missing.xlsx"))).rejects.toMatchObject({ code: "file-not-found" });
  });

  test("a failing write leaves no partial output and no temporary file", async () => {
    const wb = await load(companyBuf);
    await expect(writeWorkbookFile(wb, join(dir, "missing", "out.xlsx"))).rejects.toMatchObject({ code: "folder-missing", folder: join(dir, "missing") });
    // A folder where the file should go is refused before anything is written.
    mkdirSync(join(dir, "out.xlsx"));
    writeFileSync(join(dir, "out.xlsx", "keep"), "x");
    await expect(writeWorkbookFile(wb, join(dir, "out.xlsx"), { overwrite: true })).rejects.toMatchObject({ code: "not-a-file" });
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
    expect(readdirSync(join(dir, "out.xlsx"))).toEqual(["keep"]);
  });
});

// ---------------------------------------------------------------------------------------------
// The add-in's own bookkeeping, as the expert meets it (issue 10, point 6), through the xlsx host.
// test/excel-host.test.ts does the same through Office.js.

/** annotate as the command line does it: analyse the company's sheets, plan, apply; the workbook read back. */
async function annotateBook(wb: ExcelJS.Workbook, lang: "ja" | "en" = "ja"): Promise<{ wb: ExcelJS.Workbook; messages: EngineMessage[]; plan: Plan }> {
  const snapshot = snap(wb);
  const { plan, messages } = reportPlan(snapshot, analyseWorkbook(snapshot), lang);
  return { wb: (await applyToFile(wb, plan)).wb, messages, plan };
}

/** clear as the command line does it; the workbook read back. */
async function clearBook(wb: ExcelJS.Workbook): Promise<{ wb: ExcelJS.Workbook; messages: EngineMessage[]; restored: number }> {
  const { plan, messages } = clearPlan(snap(wb));
  const { wb: cleared, result } = await applyToFile(wb, plan);
  return { wb: cleared, messages: [...messages, ...result.messages], restored: result.restored };
}

/**
 * Excel's Move or Copy (ExcelJS has none): a new sheet with every cell's value and format, the
 * merges, the column widths and hidden columns, the row heights — the hidden marker included.
 */
function copySheet(wb: ExcelJS.Workbook, from: ExcelJS.Worksheet, name: string): ExcelJS.Worksheet {
  const to = wb.addWorksheet(name);
  from.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.height) to.getRow(r).height = row.height;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const target = to.getCell(r, c);
      if (cell.type !== ExcelJS.ValueType.Merge) target.value = cell.value;
      target.style = structuredClone(cell.style);
    });
  });
  ((from as unknown as { _columns?: (ExcelJS.Column | undefined)[] })._columns ?? []).forEach((col, i) => {
    if (col?.width !== undefined) to.getColumn(i + 1).width = col.width;
    if (col?.hidden) to.getColumn(i + 1).hidden = true;
  });
  for (const m of (from as unknown as { model: { merges: string[] } }).model.merges) to.mergeCells(m);
  return to;
}

/** Every cell with its value, in a form to compare (a copy must come through untouched). */
function values(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row) => row.eachCell((cell) => (out[cell.address] = cell.value)));
  return out;
}

const codes = (ms: EngineMessage[]) => ms.map((m) => m.code);
const ARGB = new Set(ADDIN_HIGHLIGHT_ARGB);
/** The cells of a workbook that carry one of the add-in's highlight colours. */
function ourColours(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fg = (cell.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
        if (fg && ARGB.has(fg.toUpperCase()) && findAddinSheets(snap(wb)).every((s) => s.name !== ws.name)) out.push(`${ws.name}!${cell.address}`);
      }),
    );
  }
  return out;
}

describe("the add-in's own bookkeeping (xlsx host)", () => {
  const SUMMARY_JA = "自社診断結果のまとめ";
  let sample: Buffer;
  beforeAll(async () => {
    sample = await SAMPLE.build();
  });

  test("a copy of our summary sheet (Move or Copy) is the company's: annotate and clear leave it with the expert's notes, and say so", async () => {
    const { wb: once } = await annotateBook(await load(sample));
    const copy = copySheet(once, once.getWorksheet(SUMMARY_JA)!, `${SUMMARY_JA} (2)`);
    copy.getCell("B80").value = "専門家のメモ: 次回は工場長にも聞く";
    const mine = values(copy);
    const withCopy = await reload(once);
    const original = analyseWorkbook(snap(await load(sample)));

    const { wb: twice, messages, plan } = await annotateBook(withCopy);
    expect(plan.deleteSheets).not.toContain(`${SUMMARY_JA} (2)`);
    expect(plan.deleteSheets).toContain(SUMMARY_JA);
    expect(messages).toContainEqual(expect.objectContaining({ level: "info", code: "addin-sheet-copy", sheet: `${SUMMARY_JA} (2)` }));
    expect(
      renderMessage(
        messages.find((m) => m.code === "addin-sheet-copy")!,
        "ja",
      ),
    ).toContain("会社のシートとしてそのまま残し");
    expect(values(twice.getWorksheet(`${SUMMARY_JA} (2)`)!)).toEqual(mine);
    // Not read as a diagnosis (it repeats the answers): the result is the company's own.
    expect(analyseWorkbook(snap(twice))).toEqual(original);
    expect(findAddinSheets(snap(twice)).map((s) => s.name)).toEqual(plan.sheets.map((s) => s.name));

    const { wb: cleared, messages: said } = await clearBook(twice);
    expect(codes(said)).toEqual(["addin-sheet-copy"]);
    expect(cleared.worksheets.map((w) => w.name)).toEqual([...(await load(sample)).worksheets.map((w) => w.name), `${SUMMARY_JA} (2)`]);
    expect(values(cleared.getWorksheet(`${SUMMARY_JA} (2)`)!)).toEqual(mine);
  });

  test("our summary renamed by the expert is kept as theirs; annotate writes a fresh one", async () => {
    const { wb: once } = await annotateBook(await load(sample));
    once.getWorksheet(SUMMARY_JA)!.name = "まとめ（社長用）";
    const { wb: twice, messages, plan } = await annotateBook(await reload(once));
    expect(plan.deleteSheets).not.toContain("まとめ（社長用）");
    expect(messages).toContainEqual(expect.objectContaining({ code: "addin-sheet-copy", sheet: "まとめ（社長用）" }));
    expect(twice.getWorksheet("まとめ（社長用）")).toBeDefined();
    expect(twice.getWorksheet(SUMMARY_JA)).toBeDefined();
  });

  /** A fill on one cell only (ExcelJS shares one style object between the cells of a loaded file). */
  function paint(cell: ExcelJS.Cell, argb: string): void {
    cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb } } };
  }

  /** The sample with a fill of its own on every answer cell of 本社 (so that a fill put back on the wrong cell shows). */
  async function colouredSample(): Promise<ExcelJS.Workbook> {
    const wb = await load(sample);
    const ws = wb.getWorksheet("本社")!;
    for (let r = 7; r <= 33; r++) paint(ws.getCell(r, 3), `FF${(0x102030 + r * 0x050301).toString(16).toUpperCase()}`);
    return reload(wb);
  }

  /** Value and fill of every cell of a sheet, by 1-based row and column; `shift` rows added to each row. */
  function cellsOf(ws: ExcelJS.Worksheet, shift = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const fill = cell.fill && !(cell.fill.type === "pattern" && cell.fill.pattern === "none") ? cell.fill : null;
        if (cell.value === null && fill === null) return;
        out[`${r + shift},${c}`] = { value: cell.value, fill };
      }),
    );
    return out;
  }

  test("rows inserted above the coloured cells, the sheet renamed, one cell recoloured: clear puts each fill back on its own cell, and says what it did", async () => {
    const company = await colouredSample();
    const before = cellsOf(company.getWorksheet("本社")!, 2);
    const { wb: once, plan } = await annotateBook(company);
    const ours = plan.highlights!.filter((h) => h.sheet === "本社");
    expect(ours.length).toBeGreaterThan(5);
    // The expert inserts two rows at the top, renames the sheet and paints one coloured cell green.
    const ws = once.getWorksheet("本社")!;
    ws.spliceRows(1, 0, [], []);
    ws.name = "本社（4月）";
    const painted = `C${ours[2].range.top + 1 + 2}`;
    paint(ws.getCell(painted), "FF00B050");
    const moved = await reload(once);

    const { wb: cleared, messages, restored } = await clearBook(moved);
    expect(codes(messages)).toEqual(["restore-renamed", "restore-moved", "restore-fill-changed"]);
    expect(messages[1]).toMatchObject({ sheet: "本社（4月）" });
    expect(renderMessage(messages[1], "ja")).toContain("（2 行下）");
    expect(renderMessage(messages[1], "en")).toContain("(2 rows down)");
    expect(messages[2]).toMatchObject({ sheet: "本社（4月）", cell: painted, params: { count: 1 } });
    expect(renderMessage(messages[2], "ja")).toContain(painted);
    const after = cellsOf(cleared.getWorksheet("本社（4月）")!);
    // Every cell as it was, two rows down; the green one as the expert left it.
    const want = {
      ...before,
      [`${Number(painted.slice(1))},3`]: {
        ...(before[`${Number(painted.slice(1))},3`] as object),
        fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } },
      },
    };
    expect(after).toEqual(want);
    expect(ourColours(cleared)).toEqual([]);
    expect(restored).toBe(plan.highlights!.reduce((n, h) => n + (h.range.bottom - h.range.top + 1) * (h.range.right - h.range.left + 1), 0) - 1);
  });

  test("a row inserted inside the table: the cells above and below it are each found again", async () => {
    const company = await colouredSample();
    const before = cellsOf(company.getWorksheet("本社")!);
    const { wb: once } = await annotateBook(company);
    once.getWorksheet("本社")!.spliceRows(20, 0, []);
    const { wb: cleared, messages } = await clearBook(await reload(once));
    expect(codes(messages)).toEqual(["restore-moved"]);
    const shifted = Object.fromEntries(
      Object.entries(before).map(([k, v]) => {
        const [r, c] = k.split(",").map(Number);
        return [`${r >= 20 ? r + 1 : r},${c}`, v];
      }),
    );
    expect(cellsOf(cleared.getWorksheet("本社")!)).toEqual(shifted);
    expect(ourColours(cleared)).toEqual([]);
  });

  /** A cell annotate coloured on 本社, as "row,column" (1-based) and A1. */
  const colouredCell = (plan: Plan, i: number) => {
    const h = plan.highlights!.filter((x) => x.sheet === "本社")[i];
    return { key: `${h.range.top + 1},${h.range.left + 1}`, a1: `C${h.range.top + 1}`, value: h.values![0][0] };
  };

  test("answers changed since annotate: their cells are still ours and get their fills back", async () => {
    const company = await colouredSample();
    const before = cellsOf(company.getWorksheet("本社")!);
    const { wb: once, plan } = await annotateBook(company);
    const edited = [colouredCell(plan, 1), colouredCell(plan, 4)];
    for (const c of edited) once.getWorksheet("本社")!.getCell(c.a1).value = c.value === "実施している" ? "わからない" : "実施している";
    const { wb: cleared, messages } = await clearBook(await reload(once));
    expect(messages).toEqual([]);
    const want = { ...before };
    for (const c of edited) want[c.key] = { ...(before[c.key] as object), value: c.value === "実施している" ? "わからない" : "実施している" };
    expect(cellsOf(cleared.getWorksheet("本社")!)).toEqual(want);
  });

  test("a record of version 1 (no values, ids or colours): restored where recorded, only on cells still in the add-in's colours, and said so", async () => {
    const company = await colouredSample();
    const before = cellsOf(company.getWorksheet("本社")!);
    const { wb: once, plan } = await annotateBook(company);
    const st = readState(snap(once))!;
    const v1 = { ...st, version: 1, highlights: st.highlights.map(({ sheet, cell, original }) => ({ sheet, cell, original })) };
    const stateWs = once.getWorksheet(STATE_SHEET)!;
    stateCells(v1 as StateData).forEach((text, i) => (stateWs.getCell(i + 1, 1).value = text));
    const recoloured = colouredCell(plan, 3);
    paint(once.getWorksheet("本社")!.getCell(recoloured.a1), "FF00B050");
    const { wb: cleared, messages } = await clearBook(await reload(once));
    expect(codes(messages)).toEqual(["state-old-version", "restore-fill-changed"]);
    expect(messages[1]).toMatchObject({ sheet: "本社", cell: recoloured.a1 });
    expect(cellsOf(cleared.getWorksheet("本社")!)).toEqual({
      ...before,
      [recoloured.key]: { ...(before[recoloured.key] as object), fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } } },
    });
  });

  test.each([48, 120])("%i respondents: the summary reaches past column AZ, the marker goes right of it; annotate and clear work", async (n) => {
    const spec = manyRespondents(n);
    const bytes = await spec.build();
    const original = await load(bytes);
    // Every respondent read as the generator wrote them.
    expect(analyseWorkbook(snap(original)).diagnoses.map((d) => [d.respondent, d.total])).toEqual(
      spec.expected.respondents!.map((r) => [r.respondent, r.total]),
    );
    const { wb: once, plan } = await annotateBook(await load(bytes));
    const summary = plan.sheets.find((x) => x.marker === "summary")!;
    const right = Math.max(...summary.cells.flatMap((b) => b.rows.map((r) => b.left + r.length - 1)));
    expect(right).toBeGreaterThanOrEqual(MARKER_COL);
    const ws = once.getWorksheet(summary.name)!;
    expect(ws.getCell(1, right + 2).value).toBe(markerText("summary"));
    expect(ws.getColumn(right + 2).hidden).toBe(true);
    expect(findAddinSheets(snap(once)).map((x) => x.name)).toEqual(plan.sheets.map((x) => x.name));
    // Every respondent is in the matrix.
    expect(ws.getRow(summary.cells[0].rows.findIndex((r) => r.some((c) => c?.value === "社員001")) + 1).values).toContain(`社員${String(n).padStart(3, "0")}`);
    const { wb: cleared } = await clearBook(once);
    expect(sheetList(cleared)).toEqual(sheetList(original));
    expect(dumpSheets(cleared, ["全社アンケート"])).toEqual(dumpSheets(original, ["全社アンケート"]));
  });

  test("a text at Excel's cell limit on the company's checksheet is cut with a visible mark on our sheet and reported with its cell", async () => {
    const wb = await load(sample);
    const issue = "対策が決まっていない。".repeat(3300).slice(0, 32_767);
    wb.getWorksheet("規程チェックシート")!.getCell("K6").value = issue;
    for (const lang of ["ja", "en"] as const) {
      const { wb: out, messages, plan } = await annotateBook(await reload(wb), lang);
      const cut = messages.filter((m) => m.code === "text-truncated");
      expect(cut).toEqual([expect.objectContaining({ level: "warning", sheet: "規程チェックシート", cell: "K6" })]);
      const regs = out.getWorksheet(plan.sheets.find((x) => x.marker === "regulations")!.name)!;
      const texts: string[] = [];
      regs.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && c.value.length > 30_000 && texts.push(c.value)));
      const mark = lang === "ja" ? "…（以下省略）" : "… (cut)";
      expect(texts).toHaveLength(1);
      expect(texts[0].length).toBeLessThanOrEqual(32_767);
      expect(texts[0].endsWith(mark)).toBe(true);
      expect(String(cut[0].params.target)).toMatch(new RegExp(`^${plan.sheets.find((x) => x.marker === "regulations")!.name}!H\\d+$`));
      expect(renderMessage(cut[0], lang)).toContain(mark);
    }
  });
});

describe("a damaged record: the way out", () => {
  test("clear --discard-state removes the damaged record alone; the add-in works on the workbook again", async () => {
    const wb = await annotatedOnce();
    wb.getWorksheet(STATE_SHEET)!.getCell("A2").value = "{broken";
    const s = snap(wb);
    const { plan, messages } = discardStatePlan(s);
    expect(plan).toEqual({ sheets: [], state: "discard" });
    expect(messages).toEqual([expect.objectContaining({ code: "state-discarded" })]);
    expect(renderMessage(messages[0], "ja")).toContain(`（「${SUMMARY}」、「${PRIORITIES}」）`);
    const before = dumpSheets(wb, [...COMPANY_SHEETS, SUMMARY, PRIORITIES]);
    applyPlan(wb, plan);
    const after = await reload(wb);
    expect(after.getWorksheet(STATE_SHEET)).toBeUndefined();
    expect(dumpSheets(after, [...COMPANY_SHEETS, SUMMARY, PRIORITIES])).toEqual(before);
    // An intact record is not thrown away; a company sheet with the record's name is not ours to remove.
    const intact = snap(await annotatedOnce());
    expect(refusedCodes(() => discardStatePlan(intact))).toEqual(["state-intact"]);
    const theirs = await load(companyBuf);
    theirs.addWorksheet(STATE_SHEET).getCell("A1").value = "会社のデータ";
    expect(refusedCodes(() => applyPlan(theirs, discardStatePlan(snap(theirs)).plan))).toEqual(["state-sheet-taken"]);
  });
});

const CLI = join(__dirname, "..", "dist", "src", "cli", "main.js");

describe("annotate and clear commands", () => {
  let dir: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const files = () => readdirSync(dir).sort();

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does)`);
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "shindan-annotate-cli-"));
    writeFileSync(join(dir, "company.xlsx"), companyBuf);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("annotate refuses to write over its input without --in-place, and needs an output", () => {
    for (const args of [
      ["-o", "company.xlsx"],
      ["-o", "./company.xlsx"],
      ["-o", join(dir, "company.xlsx")],
    ]) {
      const r = run("annotate", "company.xlsx", ...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("--in-place");
      expect(r.stderr).toContain("読み込むファイルそのもの");
    }
    const none = run("annotate", "company.xlsx", "--lang", "en");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Say where to write: -o OUT.xlsx");
    const both = run("annotate", "company.xlsx", "--in-place", "-o", "other.xlsx", "--lang", "en");
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("--in-place writes to the input workbook");
    writeFileSync(join(dir, "taken.xlsx"), "not mine");
    const taken = run("annotate", "company.xlsx", "-o", "taken.xlsx");
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("--force");
    expect(readFileSync(join(dir, "taken.xlsx"), "utf8")).toBe("not mine");
    expect(readFileSync(join(dir, "company.xlsx")).equals(companyBuf)).toBe(true);
    expect(files()).toEqual(["company.xlsx", "taken.xlsx"]);
  });

  // annotate's sheets and highlights come from src/core/report: only what this side promises is checked.
  test("annotate -o OUT writes OUT with our sheets and state, leaves no temporary file, and clear undoes it", async () => {
    const r = run("annotate", "company.xlsx", "-o", "out.xlsx");
    expect(r.stderr).toContain("out.xlsx");
    expect(r.code).toBe(0);
    expect(files()).toEqual(["company.xlsx", "out.xlsx"]);
    expect(readFileSync(join(dir, "company.xlsx")).equals(companyBuf)).toBe(true);
    const out = await load(readFileSync(join(dir, "out.xlsx")));
    const s = snap(out);
    expect(findAddinSheets(s).length).toBeGreaterThan(0);
    expect(readState(s)).not.toBeNull();
    const original = await load(companyBuf);
    expect(withoutFills(dumpSheets(out, COMPANY_SHEETS))).toEqual(withoutFills(dumpSheets(original, COMPANY_SHEETS)));

    expect(run("clear", "out.xlsx", "-o", "cleared.xlsx").code).toBe(0);
    const cleared = await load(readFileSync(join(dir, "cleared.xlsx")));
    expect(sheetList(cleared)).toEqual(sheetList(original));
    expect(dumpSheets(cleared, COMPANY_SHEETS)).toEqual(dumpSheets(original, COMPANY_SHEETS));

    // --in-place: the input is replaced, nothing else is left in the folder.
    expect(run("annotate", "company.xlsx", "--in-place").code).toBe(0);
    expect(files()).toEqual(["cleared.xlsx", "company.xlsx", "out.xlsx"]);
    expect(findAddinSheets(snap(await load(readFileSync(join(dir, "company.xlsx")))))).toEqual(findAddinSheets(s));
  });

  test("annotate into a missing folder exits 1 and leaves nothing behind", () => {
    const r = run("annotate", "company.xlsx", "-o", join("missing", "out.xlsx"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("書き込み先のフォルダー「missing」がありません");
    expect(files()).toEqual(["company.xlsx"]);
  });

  test("clear -o OUT removes our sheets and state and restores the fills; the input stays", async () => {
    writeFileSync(join(dir, "annotated.xlsx"), await bytes(await annotatedOnce()));
    const input = readFileSync(join(dir, "annotated.xlsx"));
    const r = run("clear", "annotated.xlsx", "-o", "out.xlsx", "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Wrote "out.xlsx" (2 Shindan Coach sheets removed, 13 cell fills restored).');
    expect(readFileSync(join(dir, "annotated.xlsx")).equals(input)).toBe(true);
    expect(files()).toEqual(["annotated.xlsx", "company.xlsx", "out.xlsx"]);
    const out = await load(readFileSync(join(dir, "out.xlsx")));
    const original = await load(companyBuf);
    expect(sheetList(out)).toEqual(sheetList(original));
    expect(dumpSheets(out, COMPANY_SHEETS)).toEqual(dumpSheets(original, COMPANY_SHEETS));
  });

  test("clear --in-place changes the input, atomically", async () => {
    writeFileSync(join(dir, "annotated.xlsx"), await bytes(await annotatedOnce()));
    const r = run("clear", "annotated.xlsx", "--in-place");
    expect(r.code).toBe(0);
    expect(files()).toEqual(["annotated.xlsx", "company.xlsx"]);
    const back = await load(readFileSync(join(dir, "annotated.xlsx")));
    expect(back.worksheets.map((w) => w.name)).toEqual(COMPANY_SHEETS);
  });

  test("a failing write exits 1 with a message and leaves no partial output or temporary file", async () => {
    writeFileSync(join(dir, "annotated.xlsx"), await bytes(await annotatedOnce()));
    const missing = run("clear", "annotated.xlsx", "-o", join("missing", "out.xlsx"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      "書き込み先のフォルダー「missing」がありません。フォルダーを作ってからやり直すか、-o で既にあるフォルダーのファイルを指定してください（「missing/out.xlsx」には何も書き込んでいません）。",
    );
    // A folder where the file should go.
    mkdirSync(join(dir, "out.xlsx"));
    const folder = run("clear", "annotated.xlsx", "-o", "out.xlsx", "--force", "--lang", "en");
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('"out.xlsx" is not a file (a folder, a device or the like).');
    expect(files()).toEqual(["annotated.xlsx", "company.xlsx", "out.xlsx"]);
    expect(statSync(join(dir, "out.xlsx")).isDirectory()).toBe(true);
  });

  test("clear of a file that is not a workbook, or with a damaged state, exits 1 and writes nothing", async () => {
    writeFileSync(join(dir, "notes.xlsx"), "a,b\n1,2\n");
    const r = run("clear", "notes.xlsx", "-o", "out.xlsx", "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('File "notes.xlsx" is not an Excel workbook');
    const wb = await annotatedOnce();
    wb.getWorksheet(STATE_SHEET)!.getCell("A2").value = "{broken";
    writeFileSync(join(dir, "damaged.xlsx"), await bytes(wb));
    const d = run("clear", "damaged.xlsx", "-o", "out.xlsx", "--lang", "en");
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('Nothing was written to "out.xlsx":');
    expect(d.stderr).toContain(`Shindan Coach's record (the hidden sheet "${STATE_SHEET}") is damaged`);
    expect(files()).toEqual(["company.xlsx", "damaged.xlsx", "notes.xlsx"]);
  });
});

describe("refusals and the add-in's record, through the command line, in both languages", () => {
  let dir: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir });
    return { code: r.status, stderr: r.stderr };
  };
  const files = () => readdirSync(dir).sort();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "shindan-refusals-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("a damaged record: annotate and clear refuse, saying what to do; clear --discard-state is the way out", async () => {
    const wb = await annotatedOnce();
    wb.getWorksheet(STATE_SHEET)!.getCell("A2").value = "{broken";
    writeFileSync(join(dir, "damaged.xlsx"), await bytes(wb));
    for (const command of ["annotate", "clear"]) {
      const ja = run(command, "damaged.xlsx", "-o", "out.xlsx");
      expect(ja.code).toBe(1);
      expect(ja.stderr).toContain("「out.xlsx」には何も書き込みませんでした:");
      expect(ja.stderr).toContain(`診断コーチの記録（非表示のシート「${STATE_SHEET}」）が壊れているため`);
      expect(ja.stderr).toContain("clear --discard-state");
      expect(ja.stderr).toMatch(/詳細: not valid JSON/);
      expect(ja.stderr).not.toMatch(/the add-in's state|\n\s+at /);
      const en = run(command, "damaged.xlsx", "-o", "out.xlsx", "--lang", "en");
      expect(en.code).toBe(1);
      expect(en.stderr).toContain('Nothing was written to "out.xlsx":');
      expect(en.stderr).toContain("or `clear --discard-state` on the command line");
    }
    expect(files()).toEqual(["damaged.xlsx"]);

    const out = run("clear", "damaged.xlsx", "-o", "out.xlsx", "--discard-state");
    expect(out.code).toBe(0);
    expect(out.stderr).toContain("壊れていた診断コーチの記録を削除しました");
    expect(out.stderr).toContain(`「${SUMMARY}」`);
    expect(out.stderr).toContain("壊れた記録だけを削除しました");
    const back = await load(readFileSync(join(dir, "out.xlsx")));
    expect(back.getWorksheet(STATE_SHEET)).toBeUndefined();
    expect(back.getWorksheet(SUMMARY)).toBeDefined();
    // The add-in works on it again; its old sheets are now the company's, and said so.
    writeFileSync(join(dir, "company.xlsx"), companyBuf);
    const again = run("annotate", "out.xlsx", "-o", "again.xlsx", "--lang", "en");
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Sheet "${SUMMARY}" carries Shindan Coach's marker but is not a sheet Shindan Coach recorded`);

    const intact = run("clear", "again.xlsx", "-o", "x.xlsx", "--discard-state", "--lang", "en");
    expect(intact.code).toBe(1);
    expect(intact.stderr).toContain("run clear without it");
    expect(run("clear", "again.xlsx", "-o", "x.xlsx", "--discard-state").stderr).toContain("--discard-state を付けずに clear を実行してください");
  });

  test("clear would delete the last visible sheet (the company hid all of its own): refused with what to do", async () => {
    const wb = await annotatedOnce();
    for (const ws of wb.worksheets) if (COMPANY_SHEETS.includes(ws.name)) ws.state = "hidden";
    writeFileSync(join(dir, "hidden.xlsx"), await bytes(wb));
    const ja = run("clear", "hidden.xlsx", "-o", "out.xlsx");
    expect(ja.code).toBe(1);
    expect(ja.stderr).toContain("Excel ではブックの最後の表示シートを削除できません。会社のシートを一つ再表示してから");
    const en = run("clear", "hidden.xlsx", "-o", "out.xlsx", "--lang", "en");
    expect(en.stderr).toContain("Excel cannot delete a workbook's last visible sheet. Unhide one of the company's sheets");
    expect(files()).toEqual(["hidden.xlsx"]);
  });

  test("a company sheet with the record's name: refused with what to do, in Japanese and English", async () => {
    const wb = await load(companyBuf);
    wb.addWorksheet(STATE_SHEET).getCell("A1").value = "会社のデータ";
    writeFileSync(join(dir, "taken.xlsx"), await bytes(wb));
    for (const command of ["annotate", "clear"]) {
      const ja = run(command, "taken.xlsx", "-o", "out.xlsx");
      expect(ja.code).toBe(1);
      expect(ja.stderr).toContain(
        `ブックに「${STATE_SHEET}」という名前の会社のシートがあります。この名前は診断コーチの記録用です。そのシートの名前を変えてから、もう一度実行してください。`,
      );
      const en = run(command, "taken.xlsx", "-o", "out.xlsx", "--lang", "en");
      expect(en.stderr).toContain(
        `The workbook has a company sheet named "${STATE_SHEET}", a name Shindan Coach keeps for its record. Rename that sheet and run again.`,
      );
    }
    expect(files()).toEqual(["taken.xlsx"]);
  });
});

describe("parts of the package: carried over, and the one an edit cannot keep valid", () => {
  test("a chart part is carried over as it was stored, with no option; a signed workbook is written only with --allow-loss", async () => {
    const JSZip = (await import("jszip")).default;
    const { execFileSync, spawnSync } = await import("node:child_process");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { FIXTURES } = await import("../scripts/fixtures");
    const { partsLostByRewrite } = await import("../src/xlsx/readSnapshot");
    // A fixture workbook with a chart part added to its package, as Excel would store one.
    const chart = '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>';
    const zip = await JSZip.loadAsync(await FIXTURES.find((f) => f.id === "text-dropdown")!.build());
    zip.file("xl/charts/chart1.xml", chart);
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    expect(partsLostByRewrite(bytes)).toEqual([]);
    zip.file("_xmlsignatures/sig1.xml", '<?xml version="1.0"?><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>');
    const signed = await zip.generateAsync({ type: "nodebuffer" });
    expect(partsLostByRewrite(signed)).toEqual(["signature"]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shindan-loss-"));
    try {
      const cli = path.join(__dirname, "..", "dist", "src", "cli", "main.js");
      const input = path.join(dir, "with-chart.xlsx");
      fs.writeFileSync(input, bytes);
      execFileSync(process.execPath, [cli, "annotate", input, "-o", path.join(dir, "out.xlsx")], { stdio: "ignore" });
      const out = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "out.xlsx")));
      expect(await out.file("xl/charts/chart1.xml")!.async("string")).toBe(chart);

      const signedInput = path.join(dir, "signed.xlsx");
      fs.writeFileSync(signedInput, signed);
      const refused = spawnSync(process.execPath, [cli, "annotate", signedInput, "-o", path.join(dir, "signed-out.xlsx"), "--lang", "en"], {
        encoding: "utf8",
      });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("digital signature");
      expect(refused.stderr).toContain("--allow-loss");
      expect(fs.existsSync(path.join(dir, "signed-out.xlsx"))).toBe(false);
      expect(fs.readFileSync(signedInput).equals(signed)).toBe(true);
      execFileSync(process.execPath, [cli, "annotate", signedInput, "-o", path.join(dir, "signed-out.xlsx"), "--allow-loss"], { stdio: "ignore" });
      const written = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "signed-out.xlsx")));
      // Kept as it was: only its owner can sign the changed workbook again.
      expect(written.file("_xmlsignatures/sig1.xml")).not.toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
