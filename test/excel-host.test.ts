/// <reference types="office-js" />
/**
 * The Office.js host (src/excel) through the fake Excel (test/fakeExcel), against the xlsx host
 * on the same bytes: every fixture reads to the same snapshot and analysis in 3 syncs; annotate
 * through Office.js writes the same sheets as the command line in 2 syncs; clear gives back the
 * company's values and fills. Also a 30-sheet workbook and the 300,000-cell workbook (capped,
 * and chunked), older Excel versions, protection, a workbook changed between read and write,
 * text that looks like a formula, and the helpers.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { CHECKSHEET_FIXTURES, FIXTURES, SAMPLE, buildLargeWorkbook, manyRespondents, type FixtureSpec } from "../scripts/fixtures";
import { MARKER_COL, STATE_SHEET, findAddinSheets, markerText, readState } from "../src/core/addinState";
import { analyseWorkbook, foundAnything } from "../src/core/analyse";
import { clearPlan } from "../src/core/clearPlan";
import { renderMessage, type EngineMessage } from "../src/core/messages";
import type { Plan } from "../src/core/plan";
import { ADDIN_HIGHLIGHT_ARGB } from "../src/core/restore";
import { annotatePlan } from "../src/core/report";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { ExcelHostError, REQUIRED_EXCEL_API, applyPlan, sections, selectCell, workbookName } from "../src/excel";
import { applyPlan as xlsxApplyPlan } from "../src/xlsx/applyPlan";
import { loadExcelJs, readWorkbookBuffer, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { FakeExcel, FakeSheet, FakeWorkbookModel, type FakeExcelOptions } from "./fakeExcel";
import { NEWEST_API_SET } from "./fakeExcel/apiSets";
import { filePixels, modelFromXlsx } from "./fakeExcel/model";
import { officeFill } from "./fakeExcel/colors";
import { cellValue as excelCellValue } from "../src/excel/values";
import { caps, hostApply, hostRead, withinUsedRange } from "./helpers/officeHost";

jest.setTimeout(180_000);

/**
 * The requirement sets the host is tested at: the manifest's minimum and the newest
 * @types/office-js documents (the fake fails any member above the one it was started with).
 */
const API_LEVELS = [REQUIRED_EXCEL_API, NEWEST_API_SET];
const fakeAt =
  (apiVersion: string) =>
  (bytes: Buffer, name: string, options: FakeExcelOptions = {}) =>
    FakeExcel.fromXlsx(bytes, name, { apiVersion, ...options });

/** The snapshot as both hosts can give it (withinUsedRange), every sheet with an id of one host. */
function comparable(s: WorkbookSnapshot): WorkbookSnapshot {
  const host = s.sheets[0]?.id?.host;
  for (const sheet of s.sheets) expect(sheet.id).toEqual({ host, id: expect.any(String) });
  return withinUsedRange(s);
}

// ---------------------------------------------------------------------------------------------
// The command line's annotate, for comparison

/** Every entry of an .xlsx package with its text, for comparing two saves of the same workbook. */
async function zipContent(bytes: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) if (!zip.files[name].dir) out[name] = await zip.files[name].async("string");
  return out;
}

async function loadBook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

async function cliAnnotate(bytes: Buffer, name: string): Promise<{ out: Buffer; plan: Plan }> {
  // As the command line loads it (which tells a formula's cached empty text from no value).
  const wb = await loadExcelJs(bytes, name);
  const snapshot = snapshotFromWorkbook(wb, name);
  const { plan } = annotatePlan(snapshot, analyseWorkbook(snapshot), "ja");
  xlsxApplyPlan(wb, plan);
  return { out: Buffer.from(await wb.xlsx.writeBuffer()), plan };
}

/**
 * The add-in's sheets of a written workbook as ExcelJS reads them: order, state, every cell's
 * value, formula and format, merges, widths (in whole pixels), heights, hidden columns,
 * validations, frozen rows, page setup, header/footer and tab colour. Text cells lose the Text
 * number format the Office.js host gives them (it keeps them text; the command line writes
 * text as text anyway).
 */
const DEFAULT_FONT = { size: 11, color: { theme: 1 }, name: "Calibri", family: 2, scheme: "minor" };
const canonical = (x: unknown): string =>
  JSON.stringify(x, (_, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

async function dumpOurSheets(bytes: Buffer, name: string): Promise<unknown> {
  const wb = await loadBook(bytes);
  const ours = findAddinSheets(snapshotFromWorkbook(wb, name)).map((s) => s.name);
  return wb.worksheets
    .map((ws, index) => ({ ws, index }))
    .filter(({ ws }) => ours.includes(ws.name))
    .map(({ ws, index }) => {
      const cells: Record<string, unknown> = {};
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          const style = { ...cell.style } as Partial<ExcelJS.Style>;
          if (style.numFmt === "@" && typeof cell.value === "string") delete style.numFmt;
          // ExcelJS reads a cell with a style record back with "no fill" spelled out, and with
          // the file's default font when the record names none (the marker cell's Text format).
          if (style.fill?.type === "pattern" && style.fill.pattern === "none") delete style.fill;
          if (canonical(style.font) === canonical(DEFAULT_FONT)) delete style.font;
          const s = Object.fromEntries(
            Object.entries(style).filter(([, v]) => v !== undefined && !(typeof v === "object" && Object.keys(v as object).length === 0)),
          );
          if (cell.value === null && Object.keys(s).length === 0) return;
          // Empty text (which the command line can write and Excel cannot hold) is an empty cell.
          cells[cell.address] = { value: cell.formula || cell.value === "" ? null : cell.value, formula: cell.formula ?? null, style: s };
        }),
      );
      const columns: unknown[] = [];
      for (let c = 1; c <= Math.max(ws.columnCount, 52); c++) {
        const col = ws.getColumn(c);
        // In the pixels Excel shows the width in (Calibri 11: 7 pixels a digit).
        if (col.width !== undefined || col.hidden) columns.push([c, col.width === undefined ? null : filePixels(col.width, 7), col.hidden]);
      }
      const rows: unknown[] = [];
      // Excel shows a row at most 409 points high, whatever the file asks for.
      ws.eachRow({ includeEmpty: true }, (row, r) => row.height !== undefined && rows.push([r, Math.min(row.height, 409)]));
      const p = ws.pageSetup;
      return {
        index,
        name: ws.name,
        state: ws.state,
        cells,
        merges: [...((ws as unknown as { model: { merges: string[] } }).model.merges ?? [])].sort(),
        columns,
        rows,
        validations: (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
        frozen: ws.views?.[0]?.state === "frozen" ? (ws.views[0] as { ySplit?: number }).ySplit : null,
        // Pages tall: the file's 0 (automatic) and Office.js's "as many as the sheet has rows"
        // (src/excel/printFit.ts) print alike.
        page: [
          p.orientation,
          p.paperSize,
          p.fitToPage,
          p.fitToWidth,
          p.fitToHeight === 0 || (p.fitToHeight ?? 0) >= ws.rowCount ? "automatic" : p.fitToHeight,
          p.printTitlesRow,
        ],
        headerFooter: [ws.headerFooter?.oddHeader, ws.headerFooter?.oddFooter],
        tab: ws.properties.tabColor,
      };
    });
}

/** The company's sheets in the fake: order, visibility, every cell's value, formula and fill. */
function dumpModel(model: FakeWorkbookModel, sheets: string[]): unknown {
  return model
    .live()
    .filter((s) => sheets.includes(s.name))
    .map((s) => {
      const cells: Record<string, unknown> = {};
      for (const [r, row] of s.cells) {
        for (const [c, cell] of row) {
          if (cell.value === null && cell.formula === undefined && !cell.style.fill) continue;
          cells[`${r},${c}`] = { value: cell.value, formula: cell.formula ?? null, fill: cell.style.fill ?? null };
        }
      }
      return { name: s.name, visibility: s.visibility, cells };
    });
}

// ---------------------------------------------------------------------------------------------

interface Figures {
  workbook: string;
  cells: number;
  readSyncs: number;
  readBytes: number;
  readMaxResponse: number;
  applySyncs?: number;
  applyBytes?: number;
  applyMaxRequest?: number;
}
const figures: Figures[] = [];

afterAll(() => {
  if (figures.length === 0) return;
  const largest = [...figures].filter((f) => f.workbook.startsWith("fixture")).sort((a, b) => b.cells - a.cells)[0];
  const shown = figures.filter((f) => !f.workbook.startsWith("fixture") || f === largest);
  const kb = (n?: number) => (n === undefined ? "-" : `${(n / 1024).toFixed(1)} KiB`);
  console.log(
    [
      "Office.js host through the fake Excel (syncs; estimated payload, UTF-8 JSON):",
      ...shown.map(
        (f) =>
          `  ${f.workbook} (${f.cells.toLocaleString("en")} cells): read ${f.readSyncs} syncs, ${kb(f.readBytes)} in all, largest response ${kb(f.readMaxResponse)}` +
          (f.applySyncs !== undefined ? `; annotate ${f.applySyncs} syncs, ${kb(f.applyBytes)} in all, largest request ${kb(f.applyMaxRequest)}` : ""),
      ),
    ].join("\n"),
  );
});

function cellCount(s: WorkbookSnapshot): number {
  return s.sheets.reduce((n, sh) => n + sh.values.reduce((m, r) => m + r.length, 0), 0);
}

/**
 * Syncs to read a workbook: 3, and 2 more when a sheet holds more merged areas starting in its
 * used range than Excel's getMergedAreasOrNullObject returns (512: readSnapshot reads them in
 * bands then).
 */
function readSyncs(s: WorkbookSnapshot): number {
  const over = s.sheets.some((sh) => {
    const bottom = sh.top + sh.values.length - 1;
    const right = sh.left + Math.max(-1, ...sh.values.map((r) => r.length - 1));
    return sh.merges.filter((m) => m.top >= sh.top && m.top <= bottom && m.left >= sh.left && m.left <= right).length > 512;
  });
  return over ? 5 : 3;
}

/**
 * The whole round: read through both hosts (same snapshot, same analysis, 3 syncs); annotate
 * through both (same plan, same sheets, 2 syncs); clear through Office.js (the company's cells
 * and fills back).
 */
async function roundTrip(label: string, bytes: Buffer, name: string, options: FakeExcelOptions = {}): Promise<void> {
  const xlsxSnapshot = await readWorkbookBuffer(bytes, name);
  const x = await FakeExcel.fromXlsx(bytes, name, options);
  const read = await hostRead(x);
  expect(read.syncs).toBe(read.fake.syncs);
  expect(read.syncs).toBe(readSyncs(xlsxSnapshot));
  expect(read.truncated).toEqual([]);
  expect(read.bytes).toBeGreaterThan(0);
  // The host's estimate of what came back is close to what the fake measured coming back.
  expect(read.bytes).toBeLessThanOrEqual(read.fake.responseBytes);
  expect(read.bytes).toBeGreaterThan(read.fake.responseBytes * 0.5);
  expect(comparable(read.snapshot)).toEqual(comparable(xlsxSnapshot));
  const analysis = analyseWorkbook(read.snapshot);
  expect(analysis).toEqual(analyseWorkbook(xlsxSnapshot));
  const fig: Figures = {
    workbook: label,
    cells: cellCount(xlsxSnapshot),
    readSyncs: read.syncs,
    readBytes: read.fake.totalBytes,
    readMaxResponse: read.fake.maxResponseBytes,
  };
  figures.push(fig);
  if (!foundAnything(analysis)) return;

  // Annotate: the same plan from either snapshot, the same sheets written.
  const cli = await cliAnnotate(bytes, name);
  const { plan } = annotatePlan(read.snapshot, analysis, "ja");
  expect(plan).toEqual(cli.plan);
  const original = dumpModel(
    x.model,
    x.model.live().map((s) => s.name),
  );
  const companySheets = x.model.live().map((s) => s.name);
  const applied = await hostApply(x, plan);
  expect(applied.syncs).toBe(2);
  expect(applied.fake.syncs).toBe(2);
  expect(x.syncs[x.syncs.length - 1].calculationSuspended).toBe(true);
  expect(applied.fake.maxRequestBytes).toBeLessThan(5_000_000);
  // Nothing skipped or approximated, but rows the report wants higher than Excel allows.
  expect(applied.warnings.filter((w) => !/points high in the plan, more than Excel's 409/.test(w))).toEqual([]);
  if (applied.warnings.length) console.log(`${label}: ${applied.warnings.join("; ")}`);
  Object.assign(fig, { applySyncs: applied.syncs, applyBytes: applied.fake.totalBytes, applyMaxRequest: applied.fake.maxRequestBytes });
  expect(textHiddenByFormat(x.model)).toEqual([]);
  const saved = await x.toXlsx();
  expect(await dumpOurSheets(saved, name)).toEqual(await dumpOurSheets(cli.out, name));
  const ours = await readWorkbookBuffer(saved, name);
  const theirs = await readWorkbookBuffer(cli.out, name);
  expect(ours.sheets.map((s) => [s.name, s.visibility])).toEqual(theirs.sheets.map((s) => [s.name, s.visibility]));
  // The same state; the command line records "no fill" as ExcelJS spells it, Office.js as null;
  // each host records its own kind of sheet id.
  const noFill = (st: ReturnType<typeof readState>, host: string) =>
    st && {
      ...st,
      highlights: st.highlights.map(({ sheetId, ...h }) => {
        expect(sheetId?.host).toBe(host);
        return { ...h, original: (h.original as { pattern?: string } | null)?.pattern === "none" ? null : h.original };
      }),
    };
  expect(noFill(readState(ours), "excel")).toEqual(noFill(readState(theirs), "xlsx"));
  // The company's values and formulas are untouched.
  const valuesOnly = (d: unknown) =>
    (d as { name: string; cells: Record<string, { value: unknown; formula: unknown }> }[]).map((s) => ({
      ...s,
      cells: Object.fromEntries(
        Object.entries(s.cells)
          .filter(([, c]) => c.value !== null || c.formula !== null)
          .map(([k, c]) => [k, { value: c.value, formula: c.formula }]),
      ),
    }));
  expect(valuesOnly(dumpModel(x.model, companySheets))).toEqual(valuesOnly(original));

  // Annotating again through Office.js first undoes the first run (same result).
  const again = await hostRead(x);
  const replan = annotatePlan(again.snapshot, analyseWorkbook(again.snapshot), "ja").plan;
  const reapplied = await hostApply(x, replan);
  expect(reapplied.syncs).toBe(2);
  expect(await dumpOurSheets(await x.toXlsx(), name)).toEqual(await dumpOurSheets(cli.out, name));

  // Clear: the company's cells and fills as they were, the sheet list as it was.
  const before = await hostRead(x);
  const cleared = await hostApply(x, clearPlan(before.snapshot).plan);
  expect(cleared.syncs).toBe(2);
  expect(cleared.warnings).toEqual([]);
  expect(x.model.live().map((s) => s.name)).toEqual(companySheets);
  expect(dumpModel(x.model, companySheets)).toEqual(original);
}

/** Cells Excel would show as "####" because they are Text-formatted and hold more than 255 characters. */
function textHiddenByFormat(model: FakeWorkbookModel): string[] {
  const out: string[] = [];
  for (const s of model.live()) {
    for (const [r, row] of s.cells) {
      for (const [c, cell] of row) if (typeof cell.value === "string" && s.shownText(r, c) !== cell.value) out.push(`${s.name} row ${r + 1} column ${c + 1}`);
    }
  }
  return out;
}

const readable = (fs: FixtureSpec[]) => fs.filter((f) => f.expected.exit !== 1 && f.officeJs === undefined);

test("fixtures left out of the Office.js comparison say why", () => {
  const out = [...FIXTURES, ...CHECKSHEET_FIXTURES].filter((f) => f.officeJs !== undefined);
  expect(out.map((f) => f.id)).toEqual(["rec-uncalculated"]);
  for (const f of out) expect(f.officeJs).toMatch(/calculat/);
});

describe.each([
  ...readable(FIXTURES).map((f): [string, FixtureSpec] => [f.id, f]),
  ...CHECKSHEET_FIXTURES.map((f): [string, FixtureSpec] => [f.id, f]),
  [SAMPLE.id, SAMPLE] as [string, FixtureSpec],
])("fixture %s", (id, f) => {
  test("reads like the xlsx host in 3 syncs (5 past 512 merged areas on a sheet); annotates like the command line in 2; clears back", async () => {
    await roundTrip(`fixture ${id}`, await f.build(), `${id}.xlsx`);
  });
});

// ---------------------------------------------------------------------------------------------
// A workbook of 30 sheets, from the fixtures' sheets

async function thirtySheets(): Promise<Buffer> {
  const target = new FakeWorkbookModel("thirty.xlsx");
  const sources = [SAMPLE, ...readable(FIXTURES).filter((f) => f.expected.exit === 0), ...CHECKSHEET_FIXTURES];
  for (const f of sources) {
    const m = await modelFromXlsx(await f.build(), f.id);
    for (const s of m.sheets) {
      if (target.sheets.length === 30) break;
      // The first sheets keep their names (the sample's); the others get a unique one.
      if (target.find(s.name)) s.name = `${target.sheets.length + 1}-${s.name}`.slice(0, 31);
      target.sheets.push(s);
    }
    if (target.sheets.length === 30) break;
  }
  expect(target.sheets).toHaveLength(30);
  expect(target.sheets.every((s) => s instanceof FakeSheet)).toBe(true);
  return new FakeExcel(target).toXlsx();
}

test("a workbook of 30 sheets: read in 3 syncs, annotated in 2, cleared back", async () => {
  await roundTrip("30 sheets", await thirtySheets(), "thirty.xlsx");
});

// ---------------------------------------------------------------------------------------------
// The 300,000-cell workbook

describe("the 300,000-cell workbook", () => {
  let bytes: Buffer;
  let xlsx: WorkbookSnapshot;
  beforeAll(async () => {
    bytes = await buildLargeWorkbook();
    xlsx = await readWorkbookBuffer(bytes, "large.xlsx");
  });

  test("by default its data sheet is read in its first 1,000 rows: 3 syncs, each answer well under 5 MB", async () => {
    const x = await FakeExcel.fromXlsx(bytes, "large.xlsx");
    const read = await hostRead(x);
    expect(read.syncs).toBe(3);
    expect(read.truncated).toEqual([{ sheet: "受注明細", rows: 30_000, columns: 10, rowsRead: 1_000, columnsRead: 10 }]);
    expect(read.fake.maxResponseBytes).toBeLessThan(1_000_000);
    expect(read.fake.maxRequestBytes).toBeLessThan(5_000_000);
    const bulk = read.snapshot.sheets.find((s) => s.name === "受注明細")!;
    expect(bulk.values).toEqual(xlsx.sheets.find((s) => s.name === "受注明細")!.values.slice(0, 1_000));
    expect(analyseWorkbook(read.snapshot)).toEqual(analyseWorkbook(xlsx));
    figures.push({
      workbook: "300,000 cells, capped",
      cells: cellCount(xlsx),
      readSyncs: read.syncs,
      readBytes: read.fake.totalBytes,
      readMaxResponse: read.fake.maxResponseBytes,
    });

    // Annotate through Office.js: 2 syncs, the request well under 5 MB.
    const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja");
    const applied = await hostApply(x, plan);
    expect(applied.syncs).toBe(2);
    expect(applied.fake.maxRequestBytes).toBeLessThan(5_000_000);
    Object.assign(figures[figures.length - 1], {
      applySyncs: applied.syncs,
      applyBytes: applied.fake.totalBytes,
      applyMaxRequest: applied.fake.maxRequestBytes,
    });
  });

  test("read whole, it comes in row chunks, no answer over 5 MB, the same snapshot as the xlsx host", async () => {
    const x = await FakeExcel.fromXlsx(bytes, "large.xlsx");
    const read = await hostRead(x, { limits: { maxSheetCells: Infinity } });
    // 2 syncs for the sheets and used ranges, then 300,000 + 1,000 cells in requests of at most 80,000.
    expect(read.syncs).toBe(2 + 4);
    expect(read.truncated).toEqual([]);
    expect(read.fake.maxResponseBytes).toBeLessThan(5_000_000);
    expect(read.fake.maxRequestBytes).toBeLessThan(5_000_000);
    expect(comparable(read.snapshot)).toEqual(comparable(xlsx));
    figures.push({
      workbook: "300,000 cells, read whole",
      cells: cellCount(xlsx),
      readSyncs: read.syncs,
      readBytes: read.fake.totalBytes,
      readMaxResponse: read.fake.maxResponseBytes,
    });
  });

  test("a response Excel finds too large is split and read again, each try counted", async () => {
    // Excel on the web with a 1 MB cap instead of 5 MB: the 80,000-cell requests are refused.
    const x = await FakeExcel.fromXlsx(bytes, "large.xlsx", { payloadLimit: 1_000_000 });
    const read = await hostRead(x, { limits: { maxSheetCells: Infinity } });
    expect(read.syncs).toBe(read.fake.syncs);
    expect(read.syncs).toBeGreaterThan(6);
    expect(x.syncs.filter((s) => s.responseBytes > 1_000_000).length).toBeGreaterThan(0);
    expect(comparable(read.snapshot)).toEqual(comparable(xlsx));
  });
});

// ---------------------------------------------------------------------------------------------
// Older Excel, protection, changed workbooks, text, helpers

describe("Excel without ExcelApi 1.9 and 1.13", () => {
  test("reads hidden columns one by one and no merges (saying so); annotates with per-range formats", async () => {
    const f = FIXTURES.find((x) => x.id === "anywhere-hidden-extra")!;
    const bytes = await f.build();
    const name = "old.xlsx";
    const x = await FakeExcel.fromXlsx(bytes, name, { apiVersion: "1.8" });
    const read = await hostRead(x);
    expect(read.syncs).toBe(3);
    expect(read.warnings.join("\n")).toContain("merged cells were not read");
    const xlsx = await readWorkbookBuffer(bytes, name);
    const noMerges = { ...comparable(xlsx), sheets: comparable(xlsx).sheets.map((s) => ({ ...s, merges: [], hiddenRows: [] })) };
    expect(comparable(read.snapshot)).toEqual(noMerges);

    // Annotate the sample (no merges needed to read it) on the old Excel: same sheets but print settings.
    const sample = await SAMPLE.build();
    const y = await FakeExcel.fromXlsx(sample, "sample.xlsx", { apiVersion: "1.8" });
    const r = await hostRead(y);
    const { plan } = annotatePlan(r.snapshot, analyseWorkbook(r.snapshot), "ja");
    const applied = await hostApply(y, plan);
    expect(applied.syncs).toBe(2);
    expect(applied.warnings).toEqual([
      "print settings (paper, orientation, fit to width, repeated rows, header and footer) were not set: they need ExcelApi 1.9",
    ]);
    const cli = await cliAnnotate(sample, "sample.xlsx");
    const withoutPage = (d: unknown) => (d as { page: unknown; headerFooter: unknown }[]).map((s) => ({ ...s, page: null, headerFooter: null }));
    expect(withoutPage(await dumpOurSheets(await y.toXlsx(), "sample.xlsx"))).toEqual(withoutPage(await dumpOurSheets(cli.out, "sample.xlsx")));
    // Clear on the old Excel: fills back (read one cell at a time, white taken for no fill).
    const original = dumpModel(
      (await FakeExcel.fromXlsx(sample, "sample.xlsx")).model,
      y.model
        .live()
        .filter((s) => !plan.sheets.some((p) => p.name === s.name) && s.name !== STATE_SHEET)
        .map((s) => s.name),
    );
    const again = await hostRead(y);
    await hostApply(y, clearPlan(again.snapshot).plan);
    expect(
      dumpModel(
        y.model,
        y.model.live().map((s) => s.name),
      ),
    ).toEqual(original);
  });

  test("Excel before ExcelApi 1.8 is refused with a clear message before anything is done", async () => {
    const x = await FakeExcel.fromXlsx(await SAMPLE.build(), "sample.xlsx", { apiVersion: "1.7" });
    await expect(hostRead(x)).rejects.toThrow(/does not support ExcelApi 1\.8/);
    expect(x.syncs).toHaveLength(0);
  });
});

describe.each(API_LEVELS)("refusals and changes at ExcelApi %s", (apiVersion) => {
  const fake = fakeAt(apiVersion);
  let sample: Buffer;
  beforeAll(async () => {
    sample = await SAMPLE.build();
  });

  async function annotated(): Promise<FakeExcel> {
    const x = await fake(sample, "sample.xlsx");
    const read = await hostRead(x);
    await hostApply(x, annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja").plan);
    return x;
  }

  test("a protected company sheet: a clear error after one read-only sync, nothing written", async () => {
    const x = await fake(sample, "sample.xlsx");
    const read = await hostRead(x);
    const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja");
    x.model.find("本社")!.protected = true;
    const before = await x.toXlsx();
    await expect(hostApply(x, plan)).rejects.toThrow(/Sheet "本社" is protected, so its cells' colours cannot be changed/);
    await expect(hostApply(x, plan)).rejects.toMatchObject({ problems: [expect.objectContaining({ code: "plan-sheet-protected", sheet: "本社" })] });
    expect(x.syncs.slice(-1)[0].actions).toBeGreaterThan(0);
    // The same package content (zip entry dates differ between two writes a second apart).
    expect(await zipContent(await x.toXlsx())).toEqual(await zipContent(before));
  });

  test("Excel stops partway through the write: the error says so, the state is already written, clear undoes it", async () => {
    const x = await fake(sample, "sample.xlsx");
    const original = dumpModel(
      x.model,
      x.model.live().map((s) => s.name),
    );
    const read = await hostRead(x);
    const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja");
    const second = plan.sheets[1].name;
    // Someone adds a sheet with the name of our second sheet between the check and the write:
    // the write batch then fails at that sheet, after what came before it ran (no rollback).
    const err = await x
      .run(async (ctx) => {
        const sync = ctx.sync.bind(ctx);
        let n = 0;
        ctx.sync = (async () => {
          if (++n === 2) x.model.sheets.push(new FakeSheet(second));
          return sync();
        }) as typeof ctx.sync;
        return applyPlan(ctx, plan, { capabilities: caps(x) });
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ExcelHostError);
    expect((err as ExcelHostError).during).toBe("write");
    expect((err as ExcelHostError).code).toBe("ItemAlreadyExists");
    // Part was written: the state sheet and our first sheet, not the highlights after the failure.
    expect(x.model.find(STATE_SHEET)).toBeDefined();
    expect(x.model.find(plan.sheets[0].name)).toBeDefined();
    // The intruder goes; clear then removes what was written and gives the fills back.
    x.model.find(second)!.deleted = true;
    const again = await hostRead(x);
    expect(readState(again.snapshot)).not.toBeNull();
    await hostApply(x, clearPlan(again.snapshot).plan);
    expect(
      dumpModel(
        x.model,
        x.model.live().map((s) => s.name),
      ),
    ).toEqual(original);
  });

  test("a protected workbook structure: refused before writing", async () => {
    const x = await fake(sample, "sample.xlsx");
    const read = await hostRead(x);
    x.model.protected = true;
    const from = x.syncs.length;
    await expect(hostApply(x, annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja").plan)).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: "plan-workbook-protected" })],
    });
    expect(x.syncs.length - from).toBe(1);
    expect(x.model.live().map((s) => s.name)).toEqual(read.snapshot.sheets.map((s) => s.name));
  });

  test("a company sheet deleted between the read and the write: its fills are skipped with a message, as the command line does", async () => {
    const x = await annotated();
    const read = await hostRead(x);
    const gone = readState(read.snapshot)!.highlights[0].sheet;
    const { plan } = clearPlan(read.snapshot);
    // The user deletes it in Excel (through the API, so Excel moves to a neighbour).
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem(gone).delete());
    const bytesBefore = await x.toXlsx();
    const applied = await hostApply(x, plan);
    // The check expected the sheet, found it gone, listed the sheets and checked again.
    expect(applied.syncs).toBe(4);
    expect(applied.messages).toEqual([expect.objectContaining({ level: "warning", code: "restore-sheet-missing", sheet: gone })]);
    // The command line on the same workbook says the same.
    const cli = xlsxApplyPlan(await loadBook(bytesBefore), plan);
    expect(cli.messages).toEqual(applied.messages);
    expect(cli.restored).toBe(applied.restored);
  });

  test("plans the host cannot apply are refused with the xlsx host's messages, before any sync", async () => {
    const x = await annotated();
    const from = x.syncs.length;
    const bad: Plan = { sheets: [{ name: "a:b", action: "create", cells: [] }] };
    await expect(hostApply(x, bad)).rejects.toThrow(/Excel does not allow the sheet name "a:b" \(no \* \? : \/ \\ \[ \]\)/);
    const named = (await hostApply(x, bad).catch((e: { problems: EngineMessage[] }) => e)) as { problems: EngineMessage[] };
    expect(named.problems.map((p) => renderMessage(p, "ja"))).toEqual([
      "シート名「a:b」は Excel で使えません（* ? : / \\ [ ] は使えません）。ブックのシートであれば、Excel で名前を変えてからもう一度実行してください。",
    ]);
    expect(x.syncs.length).toBe(from);
    const company: Plan = { sheets: [], deleteSheets: ["本社"] };
    await expect(hostApply(x, company)).rejects.toThrow(/Sheet "本社" is not one Shindan Coach wrote and recorded/);
  });

  test("the English sheets' long texts (over 255 characters) are shown, not ####: no Text format on them", async () => {
    const x = await fake(sample, "sample.xlsx");
    const read = await hostRead(x);
    await hostApply(x, annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "en").plan);
    const long = x.model
      .live()
      .flatMap((s) => [...s.cells.values()].flatMap((row) => [...row.values()]))
      .filter((c) => typeof c.value === "string" && c.value.length > 255);
    expect(long.length).toBeGreaterThan(0);
    expect(textHiddenByFormat(x.model)).toEqual([]);
    expect(long.filter((c) => c.style.numFmt === "@")).toEqual([]);
  });

  test("text that looks like a formula, a number or a date stays text; formulas are formulas", async () => {
    const x = await fake(sample, "sample.xlsx");
    const long = "長い説明の文章です。".repeat(30);
    const tricky = [
      "=SUM(A1:A3)",
      "+81-3-1234",
      "-要確認",
      "@担当",
      "7 / 20",
      "0012",
      "TRUE",
      "'quoted",
      "1,000",
      "50%",
      "１２３",
      "2024/5/20",
      "5月20日",
      "令和6年5月20日",
      "10:30",
      "May 20",
      "(12)",
      `=${long}`,
      long,
      "ISO 27001",
    ];
    const plan: Plan = {
      sheets: [
        {
          name: "テスト",
          action: "create",
          cells: [
            { top: 0, left: 0, rows: tricky.map((t) => [{ value: t }]) },
            { top: 0, left: 1, rows: [[{ value: 1 }], [{ value: 2 }], [{ formula: "SUM(B1:B2)" }], [{ formula: "=B3*2", style: { numberFormat: "0.0" } }]] },
          ],
        },
      ],
    };
    const applied = await hostApply(x, plan);
    expect(applied.syncs).toBe(2);
    const wb = await loadBook(await x.toXlsx());
    const ws = wb.getWorksheet("テスト")!;
    expect(tricky.map((_, i) => ws.getCell(i + 1, 1).value)).toEqual(tricky);
    // Protected by a quote prefix, not the Text format, which would show the long ones as ####.
    const sheet = x.model.find("テスト")!;
    expect(tricky.map((_, i) => sheet.shownText(i, 0))).toEqual(tricky.map((t) => t.replace(/^'/, "'")));
    expect(tricky.filter((_, i) => sheet.cell(i, 0)!.style.numFmt === "@")).toEqual([]);
    expect([ws.getCell("B3").formula, ws.getCell("B4").formula, ws.getCell("B4").numFmt]).toEqual(["SUM(B1:B2)", "B3*2", "0.0"]);
  });
});

describe.each(API_LEVELS)("dates at ExcelApi %s", (apiVersion) => {
  const fake = fakeAt(apiVersion);
  /** Dates and times in date formats, a number in a points format, a formula's date result. */
  async function datedBook(date1904: boolean): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    if (date1904) wb.properties.date1904 = true;
    const ws = wb.addWorksheet("日付");
    ws.getCell("A1").value = new Date(Date.UTC(2024, 3, 1));
    ws.getCell("A1").numFmt = "yyyy/m/d";
    ws.getCell("B1").value = new Date(Date.UTC(2024, 3, 1, 9, 30));
    ws.getCell("B1").numFmt = 'yyyy"年"m"月"d"日" h:mm';
    ws.getCell("C1").value = 45383;
    ws.getCell("C1").numFmt = '0"点"';
    ws.getCell("D1").value = { formula: "A1+1", result: new Date(Date.UTC(2024, 3, 2)) } as ExcelJS.CellFormulaValue;
    ws.getCell("D1").numFmt = "m/d";
    ws.getCell("E1").value = 0.75;
    ws.getCell("E1").numFmt = "h:mm";
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test.each([false, true])("1904 date system %s: both hosts read the same dates, in 3 syncs", async (date1904) => {
    const bytes = await datedBook(date1904);
    const xlsx = await readWorkbookBuffer(bytes, "dates.xlsx");
    const x = await fake(bytes, "dates.xlsx");
    const read = await hostRead(x);
    expect(read.syncs).toBe(3);
    expect(read.snapshot.sheets[0].values).toEqual([
      [{ date: "2024-04-01" }, { date: "2024-04-01T09:30:00" }, 45383, { date: "2024-04-02" }, { date: "18:00:00" }],
    ]);
    expect(comparable(read.snapshot)).toEqual(comparable(xlsx));
  });

  test("a number in a date format that no date can show stays a number (a phone number formatted as a date)", async () => {
    const book = async (numbers: number[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("日付");
      numbers.forEach((n, i) => {
        ws.getCell(1, i + 1).value = n;
        ws.getCell(1, i + 1).numFmt = "yyyy/m/d";
      });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const bytes = await book([3_000_000, -5, 2958465]);
    const expected = [[3_000_000, -5, { date: "9999-12-31" }]];
    expect((await hostRead(await fake(bytes, "dates.xlsx"))).snapshot.sheets[0].values).toEqual(expected);
    expect((await readWorkbookBuffer(bytes, "dates.xlsx")).sheets[0].values).toEqual(expected);
    // Excel gives the Office.js host the number itself, however large.
    expect(excelCellValue(312_345_678, "Double", "yyyy/m/d", false)).toBe(312_345_678);
    // ExcelJS turns such a number into an invalid Date and loses it: what Excel shows ("#####") is left.
    expect((await readWorkbookBuffer(await book([312_345_678]), "dates.xlsx")).sheets[0].values).toEqual([["########"]]);
  });
});

describe.each(API_LEVELS)("helpers at ExcelApi %s", (apiVersion) => {
  const fake = fakeAt(apiVersion);
  test("workbookName and selectCell take one sync each; a missing sheet is a clear error", async () => {
    const x = await fake(await SAMPLE.build(), "sample.xlsx");
    expect(await x.run((ctx) => workbookName(ctx))).toBe("sample.xlsx");
    await x.run((ctx) => selectCell(ctx, "工場", "C9"));
    expect([x.model.activeSheet, x.model.selection]).toEqual(["工場", "C9"]);
    expect(x.syncs).toHaveLength(2);
    const e = await x.run((ctx) => selectCell(ctx, "支社", "A1")).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ExcelHostError);
    expect((e as ExcelHostError).code).toBe("ItemNotFound");
    expect((e as Error).message).toMatch(/^selecting A1 on sheet "支社": a sheet or range the add-in expected is not there/);
  });

  test("header and footer strings split into Excel's three sections", () => {
    expect(sections("&L&F&R&D")).toEqual({ left: "&F", right: "&D" });
    expect(sections("&L&A&C&P / &N")).toEqual({ left: "&A", center: "&P / &N" });
    expect(sections("plain && text")).toEqual({ center: "plain && text" });
  });
});

describe("fills and the other host", () => {
  /** The multi-sheet fixture with fills of every kind on 本社!F2:F5 (as in annotate-apply.test.ts). */
  async function fillsBook(): Promise<Buffer> {
    const wb = await loadBook(await FIXTURES.find((f) => f.id === "multi-sheet-sites")!.build());
    const ws = wb.getWorksheet("本社")!;
    const fills: object[] = [
      { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC000" } },
      { type: "pattern", pattern: "darkTrellis", fgColor: { argb: "FF00B050" }, bgColor: { argb: "FFFFFF00" } },
      { type: "pattern", pattern: "solid", fgColor: { theme: 4, tint: 0.6 }, bgColor: { indexed: 64 } },
      {
        type: "gradient",
        gradient: "angle",
        degree: 90,
        stops: [
          { position: 0, color: { argb: "FFFFFFFF" } },
          { position: 1, color: { theme: 5 } },
        ],
      },
    ];
    fills.forEach((fill, i) => {
      ws.getCell(i + 2, 6).value = `fill ${i}`;
      ws.getCell(i + 2, 6).fill = fill as ExcelJS.Fill;
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const highlightPlan = (): Plan => ({
    sheets: [],
    highlights: [{ sheet: "本社", range: { top: 0, left: 5, bottom: 4, right: 5 }, fill: "#FFFF00" }],
    state: { write: { version: 2, sheets: [], highlights: [], ratingDefaults: {} } },
  });

  // As Excel shows them: theme colours by the workbook's own theme.
  const view = (x: FakeExcel) => [0, 1, 2, 3, 4].map((r) => officeFill(x.model.find("本社")!.cell(r, 5)?.style.fill, { palette: x.model.palette }));

  test("Office.js records every kind of fill and puts it back; a gradient comes back as its first colour, with a warning", async () => {
    const x = await FakeExcel.fromXlsx(await fillsBook(), "fills.xlsx");
    const before = view(x);
    const applied = await hostApply(x, highlightPlan());
    expect(applied.syncs).toBe(2);
    expect(applied.highlights.map((h) => [h.cell, h.original])).toEqual([
      ["F1", null],
      ["F2", { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC000" } }],
      ["F3", { type: "pattern", pattern: "darkTrellis", fgColor: { argb: "FF00B050" }, bgColor: { argb: "FFFFFF00" } }],
      // Office.js reports a theme colour as its RGB in the workbook's theme (ExcelJS, which wrote
      // this file, gives it the Office 2007 theme: accent1 4F81BD) and its tint.
      ["F4", { type: "pattern", pattern: "solid", fgColor: { argb: "FF4F81BD", tint: 0.6 } }],
      ["F5", { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFFFF" } }],
    ]);
    expect(applied.warnings).toEqual([expect.stringContaining("LinearGradient fill (gradients cannot be read through Office.js")]);
    expect(view(x).every((f) => f.color === "#FFFF00" && f.pattern === "Solid")).toBe(true);

    const cleared = await hostApply(x, clearPlan((await hostRead(x)).snapshot).plan);
    expect(cleared.warnings).toEqual([]);
    const after = view(x);
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect([after[4].color, after[4].pattern]).toEqual([before[4].color, "Solid"]);
  });

  test("what the command line recorded is put back by Office.js, approximations reported", async () => {
    const bytes = await fillsBook();
    const wb = await loadBook(bytes);
    xlsxApplyPlan(wb, highlightPlan());
    const x = await FakeExcel.fromXlsx(Buffer.from(await wb.xlsx.writeBuffer()), "fills.xlsx");
    const before = view(await FakeExcel.fromXlsx(bytes, "fills.xlsx"));
    const cleared = await hostApply(x, clearPlan((await hostRead(x)).snapshot).plan);
    expect(cleared.syncs).toBe(2);
    expect(cleared.warnings).toEqual([
      "本社!F4: a theme colour (Office.js sets RGB only: restored as the RGB of the workbook's theme colour, no longer linked to the theme)",
      "本社!F5: a gradient fill (Office.js cannot set gradients: restored as its first colour)",
    ]);
    const after = view(x);
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect([after[4].color, after[4].pattern]).toEqual([before[4].color, "Solid"]);
  });

  test("the sample annotated by one host is cleared by the other", async () => {
    const bytes = await SAMPLE.build();
    const original = await FakeExcel.fromXlsx(bytes, "sample.xlsx");
    const company = original.model.live().map((s) => s.name);

    // The command line annotates, Office.js clears.
    const cli = await cliAnnotate(bytes, "sample.xlsx");
    const x = await FakeExcel.fromXlsx(cli.out, "sample.xlsx");
    const cleared = await hostApply(x, clearPlan((await hostRead(x)).snapshot).plan);
    expect(cleared.warnings).toEqual([]);
    expect(x.model.live().map((s) => s.name)).toEqual(company);
    const officeView = (m: FakeWorkbookModel) => JSON.parse(JSON.stringify(dumpModel(m, company), (k, v) => (k === "fill" ? officeFill(v ?? undefined) : v)));
    expect(officeView(x.model)).toEqual(officeView(original.model));

    // Office.js annotates, the command line clears.
    const y = await FakeExcel.fromXlsx(bytes, "sample.xlsx");
    const read = await hostRead(y);
    await hostApply(y, annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja").plan);
    const wb = await loadBook(await y.toXlsx());
    const result = xlsxApplyPlan(wb, clearPlan(snapshotFromWorkbook(wb, "sample.xlsx")).plan);
    expect(result.warnings).toEqual([]);
    const back = await FakeExcel.fromXlsx(Buffer.from(await wb.xlsx.writeBuffer()), "sample.xlsx");
    expect(dumpModel(back.model, company)).toEqual(dumpModel(original.model, company));
  });
});

test("clear on a workbook the add-in never touched: nothing to do, 2 syncs, nothing changed", async () => {
  const bytes = await SAMPLE.build();
  const x = await FakeExcel.fromXlsx(bytes, "sample.xlsx");
  const before = dumpModel(
    x.model,
    x.model.live().map((s) => s.name),
  );
  const cleared = await hostApply(x, clearPlan((await hostRead(x)).snapshot).plan);
  expect([cleared.syncs, cleared.warnings, cleared.highlights]).toEqual([2, [], []]);
  expect(
    dumpModel(
      x.model,
      x.model.live().map((s) => s.name),
    ),
  ).toEqual(before);
});

// ---------------------------------------------------------------------------------------------
// The add-in's own bookkeeping (issue 10, point 6) through Office.js, the expert's changes made
// through the same API (Worksheet.copy, Range.insert, Worksheet.name); as test/annotate-apply.test.ts
// does through the xlsx host.

describe.each(API_LEVELS)("the add-in's own bookkeeping (Office.js) at ExcelApi %s", (apiVersion) => {
  const fake = fakeAt(apiVersion);
  const SUMMARY_JA = "自社診断結果のまとめ";
  let sample: Buffer;
  beforeAll(async () => {
    sample = await SAMPLE.build();
  });

  /** annotate through Office.js: read, plan, apply (2 syncs); the plan's messages. */
  /** annotate through Office.js: a check, then `writes` write requests (one unless over 5 MB on the web). */
  async function annotate(x: FakeExcel, lang: "ja" | "en" = "ja", writes = 1): Promise<{ plan: Plan; messages: EngineMessage[] }> {
    const read = await hostRead(x);
    const { plan, messages } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), lang);
    const applied = await hostApply(x, plan);
    expect(applied.syncs).toBe(1 + writes);
    return { plan, messages: [...messages, ...applied.messages] };
  }

  /** clear through Office.js (2 syncs): what planning and the host had to say. */
  async function clear(x: FakeExcel): Promise<{ messages: EngineMessage[]; restored: number }> {
    const { plan, messages } = clearPlan((await hostRead(x)).snapshot);
    const applied = await hostApply(x, plan);
    expect(applied.syncs).toBe(2);
    return { messages: [...messages, ...applied.messages], restored: applied.restored };
  }

  const codes = (ms: EngineMessage[]) => ms.map((m) => m.code);

  /** The company's cells that carry one of the add-in's highlight colours. */
  function ourColours(x: FakeExcel): string[] {
    const ours = new Set(
      x.model
        .live()
        .filter((s) => [...(s.cells.get(0)?.values() ?? [])].some((c) => typeof c.value === "string" && c.value.startsWith("shindan-coach:")))
        .map((s) => s.name),
    );
    const out: string[] = [];
    for (const s of x.model.live()) {
      if (ours.has(s.name)) continue;
      for (const [r, row] of s.cells)
        for (const [c, cell] of row)
          if (ADDIN_HIGHLIGHT_ARGB.includes(String((cell.style.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb).toUpperCase()))
            out.push(`${s.name}!${r},${c}`);
    }
    return out;
  }

  test("a copy of our summary sheet (Worksheet.copy, as Move or Copy) is left with the expert's note; annotate and clear say so", async () => {
    const x = await fake(sample, "sample.xlsx");
    const companySheets = x.model.live().map((s) => s.name);
    await annotate(x);
    await x.run(async (ctx) => {
      const copy = ctx.workbook.worksheets.getItem(SUMMARY_JA).copy("End");
      copy.getRange("B80").values = [["専門家のメモ: 次回は工場長にも聞く"]];
      await ctx.sync();
    });
    const copyName = `${SUMMARY_JA} (2)`;
    const copy = x.model.find(copyName)!;
    expect(copy.id).not.toBe(x.model.find(SUMMARY_JA)!.id);
    const mine = dumpModel(x.model, [copyName]);

    const again = await annotate(x);
    expect(again.plan.deleteSheets).not.toContain(copyName);
    expect(again.messages).toContainEqual(expect.objectContaining({ code: "addin-sheet-copy", sheet: copyName }));
    expect(dumpModel(x.model, [copyName])).toEqual(mine);

    const cleared = await clear(x);
    expect(codes(cleared.messages)).toEqual(["addin-sheet-copy"]);
    expect(x.model.live().map((s) => s.name)).toEqual([...companySheets, copyName]);
    expect(dumpModel(x.model, [copyName])).toEqual(mine);
  });

  test("rows inserted above the coloured cells (Range.insert), the sheet renamed, one cell recoloured: clear puts each fill back on its own cell", async () => {
    const x = await fake(sample, "sample.xlsx");
    // A fill of its own on every answer cell of 本社, so that a fill put back on the wrong cell shows.
    const honsha = x.model.find("本社")!;
    for (let r = 6; r <= 32; r++)
      honsha.ensure(r, 2).style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${(0x102030 + r * 0x050301).toString(16).toUpperCase()}` } };
    const shifted = (d: unknown): Record<string, unknown>[] =>
      (d as { cells: Record<string, unknown> }[]).map((sh) =>
        Object.fromEntries(Object.entries(sh.cells).map(([k, v]) => [`${Number(k.split(",")[0]) + 2},${k.split(",")[1]}`, v])),
      );
    const before = shifted(dumpModel(x.model, ["本社"]));
    const { plan } = await annotate(x);
    const third = plan.highlights!.filter((h) => h.sheet === "本社")[2];
    const painted = { row: third.range.top + 2, col: third.range.left };
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("本社");
      ws.getRange("1:2").insert("Down");
      ws.name = "本社（4月）";
      const fill = ws.getRangeByIndexes(painted.row, painted.col, 1, 1).format.fill;
      fill.clear();
      fill.color = "#00B050";
      await ctx.sync();
    });
    expect(x.model.find("本社（4月）")!.id).toBe(honsha.id);

    const cleared = await clear(x);
    expect(codes(cleared.messages)).toEqual(["restore-renamed", "restore-moved", "restore-fill-changed"]);
    expect(renderMessage(cleared.messages[1], "en")).toContain("(2 rows down)");
    const cell = `${String.fromCharCode(65 + painted.col)}${painted.row + 1}`;
    expect(cleared.messages[2]).toMatchObject({ sheet: "本社（4月）", cell });
    expect(renderMessage(cleared.messages[2], "en")).toContain(cell);
    const after = (dumpModel(x.model, ["本社（4月）"]) as { cells: Record<string, { fill: unknown }> }[])[0].cells;
    const key = `${painted.row},${painted.col}`;
    expect(after[key].fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } });
    delete after[key];
    delete before[0][key];
    // Every other cell as it was, two rows down.
    expect(after).toEqual(before[0]);
    expect(ourColours(x)).toEqual([]);
  });

  // 160 respondents write more than 4.5 MB as Office.js sends it: two write requests on the web
  // (the summary's lists are paragraphs since issue 13, so 120 now fit one request).
  test.each([
    [48, 1],
    [160, 2],
  ])("%i respondents: annotated with the marker right of the summary (%i write requests), cleared back", async (n, writes) => {
    const x = await fake(await manyRespondents(n).build(), "many.xlsx");
    const original = dumpModel(
      x.model,
      x.model.live().map((s) => s.name),
    );
    const { plan } = await annotate(x, "ja", writes);
    const summary = plan.sheets.find((s) => s.marker === "summary")!;
    const right = Math.max(...summary.cells.flatMap((b) => b.rows.map((r) => b.left + r.length - 1)));
    expect(right).toBeGreaterThanOrEqual(MARKER_COL);
    const sheet = x.model.find(summary.name)!;
    expect(sheet.cell(0, right + 1)?.value).toBe(markerText("summary"));
    expect(sheet.hiddenColumns.has(right + 1)).toBe(true);
    expect(findAddinSheets((await hostRead(x)).snapshot).map((s) => s.name)).toEqual(plan.sheets.map((s) => s.name));
    await clear(x);
    expect(
      dumpModel(
        x.model,
        x.model.live().map((s) => s.name),
      ),
    ).toEqual(original);
  });

  test("a text at Excel's cell limit is cut with a mark and reported with its cell, as the command line does", async () => {
    const wb = await loadBook(sample);
    wb.getWorksheet("規程チェックシート")!.getCell("K6").value = "対策が決まっていない。".repeat(3300).slice(0, 32_767);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await fake(bytes, "sample.xlsx");
    const { plan, messages } = await annotate(x, "en");
    expect(messages.filter((m) => m.code === "text-truncated")).toEqual([expect.objectContaining({ sheet: "規程チェックシート", cell: "K6" })]);
    const regs = x.model.find(plan.sheets.find((s) => s.marker === "regulations")!.name)!;
    const long = [...regs.cells.values()]
      .flatMap((row) => [...row.values()])
      .map((c) => c.value)
      .filter((v): v is string => typeof v === "string" && v.length > 30_000);
    expect(long.map((v) => [v.length <= 32_767, v.endsWith("… (cut)")])).toEqual([[true, true]]);
    expect(plan).toEqual((await cliAnnotatePlan(bytes, "en")).plan);
  });

  async function cliAnnotatePlan(bytes: Buffer, lang: "ja" | "en") {
    const snapshot = snapshotFromWorkbook(await loadBook(bytes), "sample.xlsx");
    return annotatePlan(snapshot, analyseWorkbook(snapshot), lang);
  }

  test("refusals say what to do in the user's language, with the technical detail after", async () => {
    const x = await fake(sample, "sample.xlsx");
    const read = await hostRead(x);
    const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja");
    const refusal = async (change: () => void): Promise<EngineMessage[]> => {
      change();
      const e = await hostApply(x, plan).then(
        () => null,
        (err: { problems?: EngineMessage[] }) => err,
      );
      return e?.problems ?? [];
    };
    const protectedSheet = await refusal(() => (x.model.find("本社")!.protected = true));
    expect(protectedSheet.map((p) => [p.code, renderMessage(p, "ja"), renderMessage(p, "en")])).toEqual([
      ["plan-sheet-protected", expect.stringContaining("［校閲］→［シート保護の解除］"), expect.stringContaining("Review > Unprotect Sheet")],
    ]);
    x.model.find("本社")!.protected = false;
    const structure = await refusal(() => (x.model.protected = true));
    expect(structure.map((p) => [p.code, renderMessage(p, "ja")])).toEqual([["plan-workbook-protected", expect.stringContaining("［ブックの保護］")]]);
    x.model.protected = false;
    const taken = await refusal(() => x.model.sheets.push(Object.assign(new FakeSheet(STATE_SHEET), {})));
    expect(taken.map((p) => [p.code, renderMessage(p, "ja"), renderMessage(p, "en")])).toEqual([
      ["state-sheet-taken", expect.stringContaining("そのシートの名前を変えてから"), expect.stringContaining("Rename that sheet and run again")],
    ]);
  });
});

test("the quote prefix goes only on text Excel would read otherwise", async () => {
  const { excelWouldReinterpret } = await import("../src/excel/textEntry");
  const kept = [
    "実施している",
    "わからない",
    "No.5 の対策は来月までに",
    "パスワードを定期的に変更する（半年ごと）",
    "Part1 基本的対策",
    "情報セキュリティ責任者",
  ];
  const protectedTexts = ["=1", "-", "+81", "@x", "'x", "TRUE", "1-2", "R6.5.20", "令和6年5月20日", "12:30", "¥1,000", "Jan-24", "1e5", "２０２４年"];
  expect(kept.filter(excelWouldReinterpret)).toEqual([]);
  expect(protectedTexts.filter((t) => !excelWouldReinterpret(t))).toEqual([]);
});
