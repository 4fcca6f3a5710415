/// <reference types="office-js" />
/**
 * The Office.js host against rules real Excel documents and a naive fake would not enforce
 * (issue 11): the very hidden state sheet, the sheet the user is on, a chart selected, cell edit
 * mode, freezeRows failing on some Excel 2019 builds, and formulas Excel computes at once.
 * Each rule lives in test/fakeExcel with its source; each test here failed on the host before.
 */
import { SAMPLE } from "../scripts/fixtures";
import { STATE_SHEET } from "../src/core/addinState";
import { analyseWorkbook } from "../src/core/analyse";
import { ANSWERS } from "../src/core/catalog/diagnosis";
import { clearPlan } from "../src/core/clearPlan";
import { annotatePlan } from "../src/core/report";
import { diagnosisTemplateLayout } from "../src/core/template/diagnosisTemplate";
import { ExcelHostError, applyPlan } from "../src/excel";
import { insertTemplate } from "../src/pane/session";
import { FakeExcel, FakeSheet, FakeWorkbookModel } from "./fakeExcel";
import { caps, hostApply, hostRead } from "./helpers/officeHost";

jest.setTimeout(60_000);

async function annotate(x: FakeExcel, lang: "ja" | "en" = "ja") {
  const read = await hostRead(x);
  const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), lang);
  return { plan, applied: await hostApply(x, plan) };
}

let sample: Buffer;
beforeAll(async () => {
  sample = await SAMPLE.build();
});

test("the very hidden state sheet: rewriting and clearing make it Hidden before deleting it, each in 2 syncs", async () => {
  const x = await FakeExcel.fromXlsx(sample, "sample.xlsx");
  await annotate(x);
  expect(x.model.find(STATE_SHEET)!.visibility).toBe("VeryHidden");
  const again = await annotate(x);
  expect(again.applied.syncs).toBe(2);
  expect(x.model.find(STATE_SHEET)!.visibility).toBe("VeryHidden");
  const cleared = await hostApply(x, clearPlan((await hostRead(x)).snapshot).plan);
  expect(cleared.syncs).toBe(2);
  expect(x.model.find(STATE_SHEET)).toBeUndefined();
});

describe("the sheet the user is on", () => {
  test("a rewrite of the sheet the user is on brings them back to it, the same cells selected", async () => {
    const x = await FakeExcel.fromXlsx(sample, "sample.xlsx");
    const { plan } = await annotate(x);
    const priority = plan.sheets[1].name;
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem(priority).getRange("C7:D8").select());
    const again = await annotate(x);
    expect(again.applied.syncs).toBe(2);
    expect([x.model.activeSheet, x.model.selection]).toEqual([priority, "C7:D8"]);
  });

  test("a company sheet the user is on stays active; a clear that removes our sheet leaves Excel's neighbour", async () => {
    const x = await FakeExcel.fromXlsx(sample, "sample.xlsx");
    const company = x.model.live()[0].name;
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem(company).getRange("B3").select());
    const { plan } = await annotate(x);
    expect([x.model.activeSheet, x.model.selection]).toEqual([company, "B3"]);
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem(plan.sheets[0].name).activate());
    await hostApply(x, clearPlan((await hostRead(x)).snapshot).plan);
    expect(x.model.find(x.model.activeSheet!)).toBeDefined();
    expect(x.model.find(x.model.activeSheet!)!.visibility).toBe("Visible");
  });

  test("with a chart selected (no range to read) the check is made again without the selection: 3 syncs, the sheet still brought back", async () => {
    const x = await FakeExcel.fromXlsx(sample, "sample.xlsx");
    const { plan } = await annotate(x);
    const priority = plan.sheets[1].name;
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem(priority).activate());
    x.model.objectSelected = true;
    const again = await annotate(x);
    expect(again.applied.syncs).toBe(3);
    expect(x.model.activeSheet).toBe(priority);
  });
});

test("while a cell is being edited: refused before anything is written, and the error says nothing was written", async () => {
  const x = await FakeExcel.fromXlsx(sample, "sample.xlsx");
  const read = await hostRead(x);
  const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja");
  const before = x.model.live().map((s) => s.name);
  // The user starts editing a cell after the check, before the write.
  const err = await x
    .run(async (ctx) => {
      const sync = ctx.sync.bind(ctx);
      let n = 0;
      ctx.sync = (async () => {
        if (++n === 2) x.cellEditMode = true;
        return sync();
      }) as typeof ctx.sync;
      return applyPlan(ctx, plan, { capabilities: caps(x) });
    })
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(ExcelHostError);
  expect((err as ExcelHostError).code).toBe("InvalidOperationInCellEditMode");
  // The pane tells "partial" from "nothing" by `during`.
  expect((err as ExcelHostError).during).toBeUndefined();
  expect(x.model.live().map((s) => s.name)).toEqual(before);
});

test("an Excel whose freezeRows fails (office-js issue 2196): everything else is written, the user is told which sheets are not frozen, clear still works", async () => {
  const x = await FakeExcel.fromXlsx(sample, "sample.xlsx");
  const before = x.model.live().map((s) => s.name);
  x.freezeRowsFails = true;
  const { plan, applied } = await annotate(x);
  const frozen = plan.sheets.filter((s) => s.freezeRows).map((s) => s.name);
  expect(frozen.length).toBeGreaterThan(0);
  expect(applied.messages.filter((m) => m.code === "rows-not-frozen")).toEqual([
    expect.objectContaining({ level: "warning", params: { sheets: { list: frozen.map((n) => ({ ref: "quote.sheet", params: { name: n } })) } } }),
  ]);
  // Every sheet, the state and the highlights are there.
  for (const s of plan.sheets) expect(x.model.find(s.name)).toBeDefined();
  expect(x.model.find(STATE_SHEET)).toBeDefined();
  expect(x.model.live().every((s) => s.freezeRows === 0 || !frozen.includes(s.name))).toBe(true);
  await hostApply(x, clearPlan((await hostRead(x)).snapshot).plan);
  expect(x.model.live().map((s) => s.name)).toEqual(before);
});

test("the template inserted through Office.js computes at once: answers typed into it read back with their points, subtotals and total", async () => {
  const model = new FakeWorkbookModel("new.xlsx");
  model.sheets.push(new FakeSheet("Sheet1"));
  model.activeSheet = "Sheet1";
  const x = new FakeExcel(model);
  const { plan } = insertTemplate((await hostRead(x)).snapshot, "ja");
  await hostApply(x, plan!);
  const L = diagnosisTemplateLayout("ja");
  // The company types answers into the first items, as in Excel.
  const typed = [ANSWERS[0], ANSWERS[1], ANSWERS[2], ANSWERS[3], ANSWERS[0]];
  await x.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(L.sheetName);
    typed.forEach((a, i) => (ws.getRangeByIndexes(L.itemRows[i], L.columns.answer, 1, 1).values = [[a.label.ja]]));
  });
  const read = await hostRead(x);
  const sheet = read.snapshot.sheets.find((s) => s.name === L.sheetName)!;
  const at = (row: number, col: number) => sheet.values[row - sheet.top]?.[col - sheet.left] ?? null;
  expect(typed.map((_, i) => at(L.itemRows[i], L.columns.points))).toEqual(typed.map((a) => a.points));
  expect(at(L.itemRows[5], L.columns.points)).toBeNull();
  const total = typed.reduce((n, a) => n + a.points, 0);
  expect(at(L.total.row, L.total.col)).toBe(total);
  expect(at(L.unanswered.row, L.unanswered.col)).toBe(25 - typed.length);
  const analysis = analyseWorkbook(read.snapshot);
  const diagnosis = analysis.diagnoses.find((d) => d.sheet === L.sheetName);
  expect(diagnosis?.total).toBe(total);
});
