/**
 * Recorded visits (issue #14): the command line (xlsx host) records the diagnosis as a visit only
 * when asked, keeps it across an in-place re-answer, shows every visit and the change on the sheet
 * 診断の推移 and on the owner's summary, changes nothing when the same answers are recorded again,
 * and clear takes the record with the rest. The Office.js host (the strict fake) carries the
 * record over and records in its two syncs. The recording rules and the state's check, unit by unit.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { STATE_SHEET, StateDamagedError, findAddinSheets, readState, stateCells, stateFromColumn } from "../src/core/addinState";
import { analyseWorkbook } from "../src/core/analyse";
import { clearPlan } from "../src/core/clearPlan";
import { t } from "../src/core/i18n";
import { localToday } from "../src/core/actionPlan";
import { STATE_VERSION, type Plan, type StateData } from "../src/core/plan";
import { annotatePlan } from "../src/core/report";
import { CHART_ROWS, PROGRESS_COLORS, progressSheet, stackedCells } from "../src/core/report/progressSheet";
import { MIN_PRINTED_POINTS, estimatePages } from "../src/core/report/printPages";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import type { RecordedVisit } from "../src/core/visitRecord";
import { VISITS_MAX, defaultVisitLabel, recordVisit, scoreRecorded, visitsProblem } from "../src/core/visits";
import { loadExcelJs, readWorkbookBuffer, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { applyPlan as xlsxApplyPlan } from "../src/xlsx/applyPlan";
import { NO_EDITS } from "../src/core/prioritise";
import { clearSheets, examine, writeSheets } from "../src/pane/session";
import { FakeExcel } from "./fakeExcel";
import { hostApply, hostRead } from "./helpers/officeHost";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SAMPLE = join(ROOT, "samples", "sample-diagnosis.xlsx");
const PROGRESS = t("ja", "report.progress.sheetName");
const OWNER = t("ja", "report.owner.sheetName");

/** The sample's consolidated answers (本社 and 工場, the weakest of the two), item 1 first. */
const SAMPLE_COUNTED =
  "partial,unknown,partial,implemented,not,not,implemented,partial,implemented,unknown,partial,implemented,partial,not,implemented,partial,implemented,unknown,not,implemented,not,unknown,unknown,partial,not".split(
    ",",
  );

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "shindan-visits-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

async function snapshotOf(file: string): Promise<WorkbookSnapshot> {
  return readWorkbookBuffer(readFileSync(file), "book.xlsx");
}
async function stateOf(file: string): Promise<StateData | null> {
  return readState(await snapshotOf(file));
}

/** A sheet's values as rows of text (empty cells ""), read with ExcelJS. */
async function sheetText(file: string, name: string): Promise<string[][] | null> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(name);
  if (!ws) return null;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const out: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => (out[c - 1] = cell.value === null || cell.value === undefined ? "" : String(cell.value)));
    rows[r - 1] = Array.from(out, (v) => v ?? "");
  });
  return Array.from(rows, (r) => r ?? []);
}

/** The company re-answers in place: sheet!cell := text, nothing else touched. */
async function reanswer(file: string, edits: [string, string, string][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const [sheet, cell, text] of edits) wb.getWorksheet(sheet)!.getCell(cell).value = text;
  await wb.xlsx.writeFile(file);
}

const rowOf = (rows: string[][], label: string) => rows.find((r) => r[0] === label);
const itemRow = (rows: string[][], no: number) => rows.find((r) => r[0] === String(no) && r[1] === t("ja", `report.item.${no}` as never));

describe("recording visits in one workbook with the command line", () => {
  const book = () => join(dir, "book.xlsx");

  test("annotate without --record-visit records none and writes no progress sheet", async () => {
    const r = cli("annotate", SAMPLE, "-o", book());
    expect(r.status).toBe(0);
    const state = await stateOf(book());
    expect(state?.visits).toBeUndefined();
    expect(await sheetText(book(), PROGRESS)).toBeNull();
  });

  test("--record-visit records the diagnosis now as 第1回, today, per respondent and counted; the sheet shows it", async () => {
    const r = cli("annotate", book(), "--in-place", "--record-visit");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("第1回");
    const visits = (await stateOf(book()))!.visits!;
    expect(visits).toHaveLength(1);
    expect(visits[0].label).toBe("第1回");
    expect(visits[0].date).toBe(localToday());
    expect(visits[0].counted).toEqual(SAMPLE_COUNTED);
    expect(visits[0].respondents.map((p) => [p.name, p.sheet])).toEqual([
      ["本社", "本社"],
      ["工場", "工場"],
    ]);
    expect(scoreRecorded(visits[0]).total).toBe(37);
    const rows = (await sheetText(book(), PROGRESS))!;
    const header = rowOf(rows, t("ja", "report.progress.visit"))!;
    expect(header.slice(2)).toEqual(["第1回"]);
    expect(rowOf(rows, t("ja", "report.progress.totalLabel"))!.slice(2)).toEqual(["37 点"]);
    expect(itemRow(rows, 2)!.slice(2)).toEqual([t("ja", "report.answer.short.unknown")]);
    // One visit: nothing to compare with yet, on the sheet or the owner's page.
    expect(rows.flat()).toContain(t("ja", "report.progress.leadOne", { label: "第1回" }));
    expect((await sheetText(book(), OWNER))!.flat()).toContain(t("ja", "report.owner.firstDiagnosis"));
  });

  test("recording the same answers again (default label, or the same label) changes nothing", async () => {
    const before = (await stateOf(book()))!.visits;
    for (const args of [["--record-visit"], ["--record-visit", "第1回"]]) {
      const r = cli("annotate", book(), "--in-place", ...args);
      expect(r.status).toBe(0);
      expect(r.stderr).toContain(t("ja", "msg.visit-unchanged", { label: "第1回" }));
      expect((await stateOf(book()))!.visits).toEqual(before);
    }
  });

  test("after an in-place re-answer the record stays; recording again adds 第2回; the sheet and the owner's page show the change", async () => {
    // 工場: item 1 一部 → 未実施 (worse), item 2 わからない → 実施 (improved), item 5 未実施 → 実施
    // in both sheets (improved). 本社's item 1 is 実施, so the weakest (counted) follows 工場.
    await reanswer(book(), [
      ["工場", "C7", "実施していない"],
      ["工場", "C8", "実施している"],
      ["工場", "C11", "実施している"],
      ["本社", "C11", "実施している"],
    ]);
    // Annotated without recording: still one visit, and the sheet says the answers now are not recorded.
    expect(cli("annotate", book(), "--in-place").status).toBe(0);
    expect((await stateOf(book()))!.visits).toHaveLength(1);
    let rows = (await sheetText(book(), PROGRESS))!;
    expect(rows.flat()).toContain(t("ja", "report.progress.notRecorded", { label: "第1回" }));

    // The new answers under the label already recorded: refused, the first visit's answers kept, nothing written.
    const bytes = readFileSync(book());
    const taken = cli("annotate", book(), "--in-place", "--record-visit", "第1回");
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain(t("ja", "msg.visit-label-taken", { label: "第1回", date: { date: localToday() }, next: "第2回" }));
    expect(readFileSync(book()).equals(bytes)).toBe(true);

    const r = cli("annotate", book(), "--in-place", "--record-visit");
    expect(r.status).toBe(0);
    const visits = (await stateOf(book()))!.visits!;
    expect(visits.map((v) => v.label)).toEqual(["第1回", "第2回"]);
    expect(visits[0].counted).toEqual(SAMPLE_COUNTED);
    expect(visits[1].counted.slice(0, 5)).toEqual(["not", "implemented", "partial", "implemented", "implemented"]);
    const [first, second] = visits.map((v) => scoreRecorded(v).total);
    // Item 1: 2 → 0; item 2: −1 → 4 (本社 answered 実施 already); item 5: 0 → 4.
    expect(second - first).toBe(-2 + 5 + 4);

    rows = (await sheetText(book(), PROGRESS))!;
    const change = t("ja", "report.progress.change", { first: "第1回", last: "第2回" });
    expect(rowOf(rows, t("ja", "report.progress.visit"))!.slice(2)).toEqual(["第1回", "第2回", change]);
    expect(rowOf(rows, t("ja", "report.progress.totalLabel"))!.slice(2)).toEqual([`${first} 点`, `${second} 点`, "+7 点"]);
    const cell = (no: number) => itemRow(rows, no)!.slice(2);
    expect(cell(1)).toEqual(["一部", "未実施", t("ja", "report.progress.item.worse")]);
    expect(cell(2)).toEqual(["不明", "実施", t("ja", "report.progress.item.improved")]);
    expect(cell(5)).toEqual(["未実施", "実施", t("ja", "report.progress.item.improved")]);
    expect(cell(3)).toEqual(["一部", "一部", t("ja", "report.progress.item.same")]);
    // わからない: item 2 resolved, none new.
    expect(rowOf(rows, t("ja", "report.progress.unknown"))!.slice(2)).toEqual(["5", "4", t("ja", "report.progress.unknownChange", { resolved: 1, added: 0 })]);
    expect(rows.flat()).not.toContain(t("ja", "report.progress.notRecorded", { label: "第2回" }));

    // The owner's page: the change since the first visit, and how many items moved.
    const owner = (await sheetText(book(), OWNER))!.flat();
    const date = localToday().replace(/-/g, "/");
    expect(owner).toContain(
      `${t("ja", "report.owner.changeSinceVisit", { label: "第1回", date, previous: first, total: second, diff: "+7" })}\n${t("ja", "report.owner.changeItems", { improved: 2, worse: 1 })}`,
    );
  });

  test("a new label with the same answers is a new visit (a check where nothing changed is still one)", async () => {
    const r = cli("annotate", book(), "--in-place", "--record-visit", "年次点検");
    expect(r.status).toBe(0);
    const visits = (await stateOf(book()))!.visits!;
    expect(visits.map((v) => v.label)).toEqual(["第1回", "第2回", "年次点検"]);
    expect(visits[2].counted).toEqual(visits[1].counted);
  });

  test("a label that cannot be used: nothing is written, the reason is said, exit 1", () => {
    const bytes = readFileSync(book());
    const r = cli("annotate", book(), "--in-place", "--record-visit", "x".repeat(31));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(t("ja", "msg.visit-label-invalid", { label: "x".repeat(31), max: 30, rule: { ref: "visit.labelRule.too-long" } }));
    expect(readFileSync(book()).equals(bytes)).toBe(true);
  });

  test("clear removes the record and the sheet; annotating afterwards starts with no visit", async () => {
    expect(cli("clear", book(), "--in-place").status).toBe(0);
    const snapshot = await snapshotOf(book());
    expect(snapshot.sheets.map((s) => s.name)).not.toContain(STATE_SHEET);
    expect(snapshot.sheets.map((s) => s.name)).not.toContain(PROGRESS);
    expect(cli("annotate", book(), "--in-place").status).toBe(0);
    expect((await stateOf(book()))!.visits).toBeUndefined();
    expect(await sheetText(book(), PROGRESS)).toBeNull();
  });

  test("English: the default label is Visit 1 and the sheet is Progress", async () => {
    const en = join(dir, "en.xlsx");
    expect(cli("annotate", SAMPLE, "-o", en, "--record-visit", "--lang", "en").status).toBe(0);
    expect((await stateOf(en))!.visits!.map((v) => v.label)).toEqual(["Visit 1"]);
    expect(await sheetText(en, "Progress")).not.toBeNull();
  });
});

describe("the Office.js host (strict fake) carries the record and records in its two syncs", () => {
  test("a workbook with a recorded visit: re-annotated keeps it; recorded again after a re-answer gets 第2回", async () => {
    const file = join(dir, "office.xlsx");
    expect(cli("annotate", SAMPLE, "-o", file, "--record-visit").status).toBe(0);
    const x = await FakeExcel.fromXlsx(readFileSync(file), "office.xlsx");

    // Annotated again without recording: the state keeps the visit.
    let read = await hostRead(x);
    let applied = await hostApply(x, annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja").plan);
    expect(applied.syncs).toBe(2);
    read = await hostRead(x);
    expect(readState(read.snapshot)!.visits!.map((v) => v.label)).toEqual(["第1回"]);
    expect(findAddinSheets(read.snapshot).map((s) => s.kind)).toContain("progress");

    // The company re-answers in Excel (工場 item 2: わからない → 実施), then the coach records.
    x.model.find("工場")!.ensure(7, 2).value = "実施している";
    read = await hostRead(x);
    const annotated = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja", undefined, { recordVisit: { label: null }, today: "2026-03-01" });
    expect(annotated.visits.recorded).toBe("added");
    applied = await hostApply(x, annotated.plan);
    expect(applied.syncs).toBe(2);
    expect(applied.fake.syncs).toBe(2);
    expect(applied.warnings).toEqual([]);
    read = await hostRead(x);
    // The progress sheet as Excel holds it: both visits' columns and the change column.
    const progress = read.snapshot.sheets.find((s) => s.name === PROGRESS)!;
    const heading = progress.values.find((row) => row[0] === t("ja", "report.progress.visit"))!;
    expect(heading.slice(2, 5)).toEqual(["第1回", "第2回", t("ja", "report.progress.change", { first: "第1回", last: "第2回" })]);
    const visits = readState(read.snapshot)!.visits!;
    expect(visits.map((v) => [v.label, v.counted[1]])).toEqual([
      ["第1回", "unknown"],
      ["第2回", "implemented"],
    ]);
    expect(visits[1].date).toBe("2026-03-01");
    // Clear through Office.js: the record and the progress sheet go.
    const cleared = await hostApply(x, clearPlan(read.snapshot).plan);
    expect(cleared.syncs).toBe(2);
    expect(x.model.live().map((s) => s.name)).not.toContain(PROGRESS);
    expect(x.model.live().map((s) => s.name)).not.toContain(STATE_SHEET);
  });
});

describe("the pane's record button (session over the xlsx host)", () => {
  const NAME = "sample-diagnosis.xlsx";
  const snap = async (bytes: Buffer) => snapshotFromWorkbook(await loadExcelJs(bytes, NAME), NAME);
  async function applied(bytes: Buffer, plan: Plan | null): Promise<Buffer> {
    if (!plan) return bytes;
    const wb = await loadExcelJs(bytes, NAME);
    xlsxApplyPlan(wb, plan);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test("records with the sheets, shows the visits and the next label; a bad label writes nothing; clear empties the list", async () => {
    let bytes: Buffer = readFileSync(SAMPLE);
    const before = examine(await snap(bytes), "ja");
    expect(before.visits).toMatchObject({ list: [], nextLabel: "第1回", currentDiffers: true, recorded: null });

    // Writing the sheets alone records nothing.
    const written = writeSheets(await snap(bytes), "ja", NO_EDITS);
    expect(written.result.visits.list).toEqual([]);
    expect(written.plan!.sheets.map((s) => s.marker)).not.toContain("progress");

    const recorded = writeSheets(await snap(bytes), "ja", NO_EDITS, undefined, { label: null });
    expect(recorded.result.visits).toMatchObject({ recorded: "added", nextLabel: "第2回", currentDiffers: false });
    expect(recorded.result.ours.map((o) => o.kind)).toContain("progress");
    expect(recorded.messages.map((m) => m.code)).toContain("visit-recorded");
    bytes = await applied(bytes, recorded.plan);
    const after = examine(await snap(bytes), "ja");
    expect(after.visits.list.map((v) => v.label)).toEqual(["第1回"]);
    expect(after.visits.currentDiffers).toBe(false);

    const refused = writeSheets(await snap(bytes), "ja", NO_EDITS, undefined, { label: "a\tb" });
    expect(refused.plan).toBeNull();
    expect(refused.result.visits.recorded).toBe("refused");
    expect(refused.messages.map((m) => m.code)).toEqual(["visit-label-invalid"]);

    const cleared = clearSheets(await snap(bytes), "ja");
    expect(cleared.result.visits.list).toEqual([]);
    bytes = await applied(bytes, cleared.plan);
    expect(examine(await snap(bytes), "ja").visits.list).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

const answers = (a: string) => Array.from({ length: 25 }, () => a) as RecordedVisit["counted"];
const visit = (label: string, a = "implemented", date = "2025-04-01"): RecordedVisit => ({
  label,
  date,
  counted: answers(a),
  respondents: [{ name: "本社", sheet: "本社", answers: answers(a) }],
});
const now = (a: string) => {
  const { label: _, ...rest } = visit("", a, "2025-10-01");
  return rest;
};

describe("the recording rules", () => {
  test("the default label is the first 第n回 not taken, from the number of visits on", () => {
    expect(defaultVisitLabel([], "ja")).toBe("第1回");
    expect(defaultVisitLabel([visit("第1回"), visit("第3回")], "ja")).toBe("第4回");
    expect(defaultVisitLabel([visit("初回"), visit("第2回")], "ja")).toBe("第3回");
    expect(defaultVisitLabel([visit("a")], "en")).toBe("Visit 2");
  });

  test("default label: other answers are added, the same as the last are not", () => {
    expect(recordVisit([visit("第1回", "not")], now("implemented"), null, "ja").outcome).toBe("added");
    const same = recordVisit([visit("第1回", "not")], now("not"), null, "ja");
    expect(same.outcome).toBe("unchanged");
    expect(same.visits).toEqual([visit("第1回", "not")]);
  });

  test("a label recorded with other answers is refused, never overwritten, and the next free label named", () => {
    const before = [visit("第1回", "not"), visit("第2回", "partial")];
    const r = recordVisit(before, now("implemented"), "第1回", "ja");
    expect(r.outcome).toBe("refused");
    expect(r.visits).toEqual(before);
    expect(r.messages.map((m) => [m.code, m.params.next])).toEqual([["visit-label-taken", "第3回"]]);
  });

  test("labels that cannot be used and one visit too many are refused, the visits as they were", () => {
    for (const label of ["a\nb", "x".repeat(31)]) expect(recordVisit([], now("not"), label, "ja").outcome).toBe("refused");
    const full = Array.from({ length: VISITS_MAX }, (_, i) => visit(`v${i}`));
    const r = recordVisit(full, now("not"), null, "ja");
    expect(r.outcome).toBe("refused");
    expect(r.visits).toEqual(full);
    expect(r.messages.map((m) => m.code)).toEqual(["visit-too-many"]);
  });

  test("a state whose visits are damaged is refused when read, saying what is wrong", () => {
    const state = (visits: unknown): unknown[] => stateCells({ version: STATE_VERSION, sheets: [], highlights: [], ratingDefaults: {}, visits } as StateData);
    expect(stateFromColumn(state([visit("第1回")]))!.visits).toEqual([visit("第1回")]);
    const broken: [unknown, RegExp][] = [
      ["x", /not a list/],
      [[{ ...visit("第1回"), counted: answers("implemented").slice(1) }], /25 answers/],
      [[{ ...visit("第1回"), counted: answers("maybe") }], /not one/],
      [[visit("第1回"), visit("第1回")], /recorded twice/],
      [[{ ...visit("第1回"), date: "2025-02-30" }], /no date/],
      [[{ ...visit("第1回"), respondents: [{ name: "本社" }] }], /without name or sheet/],
    ];
    for (const [visits, why] of broken) {
      expect(visitsProblem(visits)).toMatch(why);
      expect(() => stateFromColumn(state(visits))).toThrow(StateDamagedError);
    }
  });
});

describe("the progress sheet", () => {
  test("the chart stacks the parts cell by cell, rounded at each boundary, within 20 cells", () => {
    expect(stackedCells([20, 52, 28])).toEqual([4, 10, 6]);
    expect(stackedCells([7, 7, 7])).toEqual([1, 2, 1]);
    // A part below zero (わからない everywhere) fills nothing and takes nothing from the others.
    expect(stackedCells([-5, 10, 0])).toEqual([0, 2, 0]);
  });

  test("each visit's column of the chart holds its total in filled cells, part colours bottom up", () => {
    const v1 = visit("第1回", "not");
    const v2 = visit("第2回", "implemented");
    const { sheet, layout } = progressSheet({ visits: [v1, v2], workbook: "A社", currentDiffers: false }, PROGRESS, 0, "ja");
    const cells = sheet.cells[0].rows;
    const column = (col: number) => Array.from({ length: CHART_ROWS }, (_, r) => cells[layout.chartTop + r][col]?.style?.fill ?? null);
    expect(column(layout.firstVisitCol)).toEqual(Array(CHART_ROWS).fill(null));
    // 100 points: the whole column, part 1 (20 points, 4 cells) at the bottom, then 2 (52, 10) and 3 (28, 6).
    expect(column(layout.firstVisitCol + 1)).toEqual([
      ...Array(6).fill(PROGRESS_COLORS.parts[2]),
      ...Array(10).fill(PROGRESS_COLORS.parts[1]),
      ...Array(4).fill(PROGRESS_COLORS.parts[0]),
    ]);
    expect(sheet.print?.orientation).toBe("portrait");
  });

  test("with every number of visits up to the most kept, the sheet prints one A4 page wide at 9 points or more", () => {
    for (let n = 1; n <= VISITS_MAX; n++) {
      const visits = Array.from({ length: n }, (_, i) => visit(`第${i + 1}回`, ["not", "partial", "implemented"][i % 3]));
      const { sheet, layout } = progressSheet({ visits, workbook: "A社", currentDiffers: true }, PROGRESS, 0, "ja");
      const { scale } = estimatePages(sheet);
      expect({ n, printed: scale * 10 >= MIN_PRINTED_POINTS }).toEqual({ n, printed: true });
      // The chart with its axis and legend ends on the first page (A4 less Excel's normal margins, at the scale).
      const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
      let top = 0;
      for (let r = 0; r < layout.chartEnd; r++) top += heights.get(r) ?? 18;
      const page = ((n > 5 ? 595.28 : 841.89) - 108) / scale;
      expect({ n, onFirstPage: top <= page }).toEqual({ n, onFirstPage: true });
      expect(sheet.print).toMatchObject({ paper: "A4", fitToWidth: true, orientation: n > 5 ? "landscape" : "portrait" });
    }
  });
});

test("the owner's page with an earlier result and no score now says the earlier total", async () => {
  const { ownerSheet } = await import("../src/core/report/ownerSheet");
  const { securityActionReadiness } = await import("../src/core/securityAction");
  const a = { diagnoses: [], leftOut: [], consolidated: null, messages: [], regulations: null, policy: null };
  const input = {
    company: null,
    today: "2026-03-01",
    headline: [],
    previous: { date: "2025-09-01", total: 42, label: "第1回" },
    checkpoint: "2026-06-01",
    regulations: null,
    securityAction: securityActionReadiness(a, null),
  };
  const texts = ownerSheet(a, input, "x", 0, "ja").sheet.cells.flatMap((b) => b.rows.flat().map((c) => c?.value));
  expect(texts).toContain("前回は 42 点でした。今回はまだ点数が出ていません。");
});
