/// <reference types="office-js" />
/**
 * checkPlan's limits, and refusals both hosts make the same way, each a sentence in the user's
 * language that says what to do.
 */
import ExcelJS from "exceljs";
import { SAMPLE } from "../scripts/fixtures";
import { analyseWorkbook } from "../src/core/analyse";
import { clearPlan } from "../src/core/clearPlan";
import { renderMessage, type EngineMessage } from "../src/core/messages";
import { MAX_HIGHLIGHT_CELLS, PlanRefusedError, checkPlan } from "../src/core/plan";
import { annotatePlan } from "../src/core/report";
import { applyPlan as officeApplyPlan, detectCapabilities, readSnapshot } from "../src/excel";
import { applyPlan } from "../src/xlsx/applyPlan";
import { snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { FakeExcel } from "./fakeExcel";

test("checkPlan refuses a row taller than Excel allows (409 points)", () => {
  const sheet = { name: "まとめ", action: "create" as const, cells: [] };
  expect(checkPlan({ sheets: [{ ...sheet, rowHeights: [{ row: 3, height: 409 }] }] })).toEqual([]);
  expect(checkPlan({ sheets: [{ ...sheet, rowHeights: [{ row: 3, height: 410 }] }] })).toEqual([
    expect.objectContaining({ code: "plan-internal", params: { detail: 'sheet "まとめ": row 3 height 410 is outside 0–409 points' } }),
  ]);
});

test("more highlighted cells than the record can hold: refused with what to do", () => {
  const plan = {
    sheets: [],
    highlights: [{ sheet: "明細", range: { top: 0, left: 0, bottom: 20_000, right: 0 }, fill: "F4B084" }],
    state: { write: { version: 2 as const, sheets: [], highlights: [], ratingDefaults: {} } },
  };
  const problems = checkPlan(plan);
  expect(problems.map((p) => [p.code, p.params])).toEqual([["plan-too-many-highlights", { count: 20_001, max: MAX_HIGHLIGHT_CELLS }]]);
  expect(renderMessage(problems[0], "ja")).toContain("別のブックに移してから、もう一度実行してください");
  expect(renderMessage(problems[0], "en")).toContain("Move large tables other than the diagnosis and checksheet to another workbook");
});

describe("Excel keeps one visible sheet: both hosts refuse a clear that would delete the last one", () => {
  let annotated: Buffer;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await SAMPLE.build()) as unknown as ExcelJS.Buffer);
    const s = snapshotFromWorkbook(wb, "sample.xlsx");
    applyPlan(wb, annotatePlan(s, analyseWorkbook(s), "ja").plan);
    // The company hides all its own sheets: only ours are visible.
    const ours = new Set(annotatePlan(s, analyseWorkbook(s), "ja").plan.sheets.map((x) => x.name));
    for (const ws of wb.worksheets) if (!ours.has(ws.name) && ws.state === "visible") ws.state = "hidden";
    annotated = Buffer.from(await wb.xlsx.writeBuffer());
  });

  const expectLastVisible = (problems: EngineMessage[]) => {
    expect(problems.map((p) => p.code)).toEqual(["plan-last-visible-sheet"]);
    expect(renderMessage(problems[0], "ja")).toContain("会社のシートを一つ再表示してから");
    expect(renderMessage(problems[0], "en")).toContain("Unhide one of the company's sheets");
  };

  test("the xlsx host", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated as unknown as ExcelJS.Buffer);
    const e = (() => {
      try {
        applyPlan(wb, clearPlan(snapshotFromWorkbook(wb, "sample.xlsx")).plan);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(PlanRefusedError);
    expectLastVisible((e as PlanRefusedError).problems);
  });

  test("the Office.js host, after its one read-only check", async () => {
    const x = await FakeExcel.fromXlsx(annotated, "sample.xlsx");
    const caps = detectCapabilities(x.isSetSupported);
    const { snapshot } = await x.run((ctx) => readSnapshot(ctx, { capabilities: caps }));
    const from = x.syncs.length;
    const e = await x.run((ctx) => officeApplyPlan(ctx, clearPlan(snapshot).plan, { capabilities: caps })).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PlanRefusedError);
    expect(x.syncs.length - from).toBe(1);
    expectLastVisible((e as PlanRefusedError).problems);
  });
});
