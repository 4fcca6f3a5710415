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
import { FIXTURES } from "../scripts/fixtures";
import {
  MARKER_COL,
  STATE_CHUNK,
  STATE_MARKER,
  STATE_SHEET,
  findAddinSheets,
  freeSheetName,
  markerText,
  readState,
  recordedFills,
  stateCells,
} from "../src/core/addinState";
import { clearPlan } from "../src/core/clearPlan";
import { checkPlan, type Highlight, type Plan, type SheetPlan, type StateData } from "../src/core/plan";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { applyPlan } from "../src/xlsx/applyPlan";
import { snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
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
  return { write: { version: 1, sheets, highlights: [], ratingDefaults: { "3": { urgency: "高", importance: "中", difficulty: "低" } } } };
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
  const undo = previous
    ? { restoreFills: recordedFills(readState(previous)), deleteSheets: findAddinSheets(previous).map((s) => s.name) }
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
  const wb = await load(companyBuf);
  applyPlan(wb, annotatePlan());
  return reload(wb);
}

// ---------------------------------------------------------------------------------------------

describe("annotate then clear", () => {
  test("gives back every company cell's value, formula and fill, and the sheet list", async () => {
    const original = await load(companyBuf);
    const wb = await load(companyBuf);
    const result = applyPlan(wb, annotatePlan());
    expect(result.warnings).toEqual([]);
    const annotated = await reload(wb);

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
    expect(originalOf("本社", "F4")).toEqual(FILLS.theme);
    expect(originalOf("本社", "F5")).toEqual(FILLS.gradient);
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
    const plan = clearPlan(s1);
    expect(plan.deleteSheets).toEqual([SUMMARY, PRIORITIES]);
    expect(plan.state).toBe("delete");
    expect(applyPlan(annotated, plan).warnings).toEqual([]);
    const cleared = await reload(annotated);
    expect(sheetList(cleared)).toEqual(sheetList(original));
    expect(dumpSheets(cleared, COMPANY_SHEETS)).toEqual(dumpSheets(original, COMPANY_SHEETS));
    expect(cleared.views[0].activeTab).toBe(2);
    expect(readState(snap(cleared))).toBeNull();
    expect(findAddinSheets(snap(cleared))).toEqual([]);
  });

  test("annotate twice (undoing the first run from its state) gives the same workbook as once", async () => {
    const once = await annotatedOnce();
    const again = await annotatedOnce();
    applyPlan(again, annotatePlan(snap(again)));
    const twice = await reload(again);

    expect(sheetList(twice)).toEqual(sheetList(once));
    const names = once.worksheets.map((ws) => ws.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(dumpSheets(twice, names)).toEqual(dumpSheets(once, names));
    expect(readState(snap(twice))).toEqual(readState(snap(once)));
    expect(twice.views[0].activeTab).toBe(once.views[0].activeTab);

    // and a third time, then clear: still the original
    applyPlan(twice, annotatePlan(snap(twice)));
    const thrice = await reload(twice);
    expect(dumpSheets(thrice, names)).toEqual(dumpSheets(once, names));
    applyPlan(thrice, clearPlan(snap(thrice)));
    const cleared = await reload(thrice);
    const original = await load(companyBuf);
    expect(sheetList(cleared)).toEqual(sheetList(original));
    expect(dumpSheets(cleared, COMPANY_SHEETS)).toEqual(dumpSheets(original, COMPANY_SHEETS));
  });

  test("annotating again without restoring the recorded fills first is refused", async () => {
    const once = await annotatedOnce();
    const before = dumpSheets(once, COMPANY_SHEETS);
    // Deleting the old sheets but not restoring: the recorded originals would be lost.
    const plan = { ...annotatePlan(), deleteSheets: [SUMMARY, PRIORITIES] };
    expect(() => applyPlan(once, plan)).toThrow(/records the original fill of 13 cell\(s\) \(本社!F2, 本社!F3/);
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
    applyPlan(wb, clearPlan(snap(wb)));
    expect(ws.getCell("G7").fill).toEqual(FILLS.solid);
    ws.getCell("G7").style.fill = FILLS.pattern as ExcelJS.Fill; // would leak into the neighbours if still shared
    expect(ws.getCell("H7").fill).toEqual(FILLS.solid);
  });

  test("restoring null leaves the cell with no fill at all", async () => {
    const wb = await load(companyBuf);
    applyPlan(wb, { sheets: [], restoreFills: [{ sheet: "本社", cell: "F2", original: null }] });
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
    expect(clearPlan(s).deleteSheets).toEqual([]);
    const before = dumpSheets(wb, [...COMPANY_SHEETS, SUMMARY]);
    const restoreF2 = [{ sheet: "本社", cell: "F2", original: null }];
    const refused: Plan[] = [
      { ...annotatePlan(), restoreFills: restoreF2 },
      { sheets: [{ ...summarySheet(), action: "replace" }], state: state([{ name: SUMMARY, kind: "summary" }]) },
      { sheets: [], restoreFills: restoreF2, deleteSheets: [SUMMARY] },
      { sheets: [], deleteSheets: ["本社"] },
    ];
    for (const plan of refused) {
      expect(() => applyPlan(wb, plan)).toThrow(plan.deleteSheets?.[0] === "本社" ? /sheet "本社"/ : new RegExp(`sheet "${SUMMARY}"`));
    }
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
    applyPlan(annotated, clearPlan(snap(annotated)));
    const cleared = await reload(annotated);
    expect(cleared.worksheets.map((w) => w.name)).toEqual([...COMPANY_SHEETS, SUMMARY]);
    expect(cleared.getWorksheet(SUMMARY)!.getCell("A1").value).toBe("会社のメモ");
  });

  test("a sheet that has the state sheet's name but not its marker is left alone", async () => {
    const wb = await load(companyBuf);
    wb.addWorksheet(STATE_SHEET).getCell("A1").value = "something of the company";
    const s = snap(wb);
    expect(readState(s)).toBeNull();
    expect(() => applyPlan(wb, clearPlan(s))).toThrow(new RegExp(`sheet "${STATE_SHEET}" has the name of the add-in's state sheet but is not the add-in's`));
    expect(() => applyPlan(wb, annotatePlan())).toThrow(new RegExp(STATE_SHEET));
    expect(wb.getWorksheet(STATE_SHEET)!.getCell("A1").value).toBe("something of the company");
  });

  test("highlights go on the company's sheets only", () => {
    const plan = annotatePlan();
    plan.highlights = [{ sheet: SUMMARY, range: { top: 0, left: 0, bottom: 0, right: 0 }, fill: "#FFFF00" }];
    expect(checkPlan(plan)).toEqual([`highlight on sheet "${SUMMARY}": highlights go on the company's sheets only`]);
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
    expect(checkPlan(plan)).toEqual([`sheet "${SUMMARY}": cell (0, 0): a value must be text, a number, a boolean or null`]);
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
      convert('csv:Text - txt - csv (StarCalc):44,34,76');
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
      version: 1,
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
    const message = new RegExp(`state in the hidden sheet "${STATE_SHEET}" is damaged`);
    expect(() => readState(s)).toThrow(message);
    expect(() => clearPlan(s)).toThrow(message);
    expect(() => applyPlan(wb, { ...annotatePlan(), deleteSheets: [SUMMARY, PRIORITIES] })).toThrow(message);

    wb.getWorksheet(STATE_SHEET)!.getCell("A2").value = JSON.stringify({ version: 1, sheets: [], highlights: [{ sheet: "本社", cell: "F", original: null }], ratingDefaults: {} });
    expect(() => readState(snap(wb))).toThrow(new RegExp(`"${STATE_SHEET}" is damaged \\("F" is not a cell address\\)`));
    wb.getWorksheet(STATE_SHEET)!.getCell("A2").value = JSON.stringify({ version: 2 });
    expect(() => readState(snap(wb))).toThrow(/unknown version 2/);
  });

  test("a recorded cell on a sheet the company has since deleted is skipped with a warning", async () => {
    const wb = await annotatedOnce();
    wb.removeWorksheet(wb.getWorksheet("工場")!.id);
    const result = applyPlan(wb, clearPlan(snap(wb)));
    expect(result.warnings).toEqual(["B5", "C5", "B6", "C6"].map((c) => `sheet "工場" no longer exists: the fill of ${c} was not restored`));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["本社", "売上集計", "大阪支店"]);
    expect(wb.getWorksheet("本社")!.getCell("F3").fill).toEqual(FILLS.pattern);
  });
});

describe("checkPlan", () => {
  test("highlights need the state that records them", () => {
    const plan = { ...annotatePlan(), state: undefined };
    expect(checkPlan(plan)).toContain("highlights: the plan must write the state (state: {write}) so that they can be cleared");
  });

  test("the state names exactly the plan's marked sheets", () => {
    const plan = { ...annotatePlan(), state: state([{ name: SUMMARY, kind: "priorities" }]) };
    expect(checkPlan(plan)).toEqual([
      `state: sheet "${SUMMARY}" (priorities) is not a sheet of the plan with that marker`,
      `state: the plan's marked sheet "${PRIORITIES}" is not listed`,
    ]);
  });

  test("the marker cell, the state sheet's name, positions, restores and deletions", () => {
    const plan = annotatePlan();
    plan.sheets[0].cells.push({ top: 0, left: MARKER_COL, rows: [[{ value: "x" }]] });
    plan.sheets[1].position = -1;
    plan.sheets.push({ name: STATE_SHEET.toUpperCase(), action: "create", cells: [] });
    plan.restoreFills = [
      { sheet: "本社", cell: "F2", original: null },
      { sheet: "本社", cell: "$f$2", original: null },
      { sheet: "本社", cell: "F3", original: { type: "bogus" } },
    ];
    plan.deleteSheets = [STATE_SHEET];
    expect(checkPlan(plan)).toEqual([
      `sheet "${SUMMARY}": a cell is written over the add-in's marker cell`,
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
    for (const args of [["-o", "company.xlsx"], ["-o", "./company.xlsx"], ["-o", join(dir, "company.xlsx")]]) {
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
    expect(r.stderr).toContain('Wrote "out.xlsx" (2 Shindan Coach sheet(s) removed, 13 cell fill(s) restored).');
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
    expect(missing.stderr).toContain("書き込み先のフォルダー「missing」がありません。フォルダーを作ってからやり直すか、-o で既にあるフォルダーのファイルを指定してください（「missing/out.xlsx」には何も書き込んでいません）。");
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
    expect(d.stderr).toContain(`the add-in's state in the hidden sheet "${STATE_SHEET}" is damaged`);
    expect(files()).toEqual(["company.xlsx", "damaged.xlsx", "notes.xlsx"]);
  });
});

describe("parts the command line cannot carry over", () => {
  test("a workbook with a chart part is not rewritten unless --allow-loss; the input is untouched", async () => {
    const JSZip = (await import("jszip")).default;
    const { execFileSync, spawnSync } = await import("node:child_process");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { FIXTURES } = await import("../scripts/fixtures");
    const { partsLostByRewrite } = await import("../src/xlsx/readSnapshot");
    // A fixture workbook with a chart part added to its package, as Excel would store one.
    const zip = await JSZip.loadAsync(await FIXTURES.find((f) => f.id === "text-dropdown")!.build());
    zip.file("xl/charts/chart1.xml", '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    expect(partsLostByRewrite(bytes)).toEqual(["charts"]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shindan-loss-"));
    try {
      const input = path.join(dir, "with-chart.xlsx");
      fs.writeFileSync(input, bytes);
      const cli = path.join(__dirname, "..", "dist", "src", "cli", "main.js");
      const refused = spawnSync(process.execPath, [cli, "annotate", input, "-o", path.join(dir, "out.xlsx"), "--lang", "en"], { encoding: "utf8" });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("charts");
      expect(refused.stderr).toContain("--allow-loss");
      expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
      expect(fs.readFileSync(input).equals(bytes)).toBe(true);

      execFileSync(process.execPath, [cli, "annotate", input, "-o", path.join(dir, "out.xlsx"), "--allow-loss"], { stdio: "ignore" });
      // The loss is real: ExcelJS wrote no chart part.
      const out = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "out.xlsx")));
      expect(Object.keys(out.files).some((n) => n.startsWith("xl/charts/"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
