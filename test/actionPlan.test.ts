/**
 * The action plan (core/actionPlan.ts, core/report/actionPlanSheet.ts) through the command line's
 * host: proposed from the priorities, written by annotate, typed on as a company would in Excel
 * (cells changed in the written workbook, a row deleted, a row added, rows moved), and written
 * again: what was typed stays with its measure, a dropped measure stays dropped, the company's
 * rows are kept, nothing is duplicated; totals.
 */
import ExcelJS from "exceljs";
import { analyseWorkbook } from "../src/core/analyse";
import { ITEM_MEASURES } from "../src/core/catalog/itemMeasures";
import { HEADLINE_COUNT, addMonths, buildActionPlan, proposals } from "../src/core/actionPlan";
import { prioritise } from "../src/core/prioritise";
import { annotatePlan } from "../src/core/report";
import { PLAN_COLS, PLAN_LAYOUT } from "../src/core/report/actionPlanSheet";
import { mainDiagnosis } from "../src/core/report/common";
import { checkPlan, type SheetPlan } from "../src/core/plan";
import { applyPlan } from "../src/xlsx/applyPlan";
import { loadExcelJs, readWorkbookBuffer, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { SAMPLE } from "../scripts/fixtures";

const TODAY = "2025-04-10";

async function sampleBook(): Promise<ExcelJS.Workbook> {
  return loadExcelJs(await SAMPLE.build(), "sample.xlsx");
}

/** annotate as the command line does: analyse, plan, apply; returns the plan's result. */
function annotate(wb: ExcelJS.Workbook, today = TODAY) {
  const snapshot = snapshotFromWorkbook(wb, "sample.xlsx");
  const result = annotatePlan(snapshot, analyseWorkbook(snapshot), "ja", undefined, { today });
  expect(checkPlan(result.plan)).toEqual([]);
  applyPlan(wb, result.plan);
  return result;
}

/** The workbook as saved and opened again (what the next run reads). */
async function reopen(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return loadExcelJs(Buffer.from(await wb.xlsx.writeBuffer()), "sample.xlsx");
}

const planSheet = (wb: ExcelJS.Workbook) => wb.getWorksheet("情報セキュリティ対策実行計画")!;

/** The 1-based row of a measure on the sheet, by the id in its hidden column. */
function rowOf(ws: ExcelJS.Worksheet, id: string): number {
  for (let r = PLAN_LAYOUT.firstRow + 1; r <= ws.rowCount; r++) if (ws.getCell(r, PLAN_COLS.id + 1).value === id) return r;
  throw new Error(`no row for ${id}`);
}

function ids(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  for (let r = PLAN_LAYOUT.firstRow + 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, PLAN_COLS.id + 1).value;
    if (typeof v === "string") out.push(v);
  }
  return out;
}

const col = (k: keyof typeof PLAN_COLS) => PLAN_COLS[k] + 1;

describe("proposed from the priorities", () => {
  test("one measure per 重点 item and quick win, and per regulation to write or revise, by priority; the first six are the headline", async () => {
    const snapshot = await readWorkbookBuffer(await SAMPLE.build(), "sample.xlsx");
    const analysis = analyseWorkbook(snapshot);
    const items = prioritise(mainDiagnosis(analysis));
    const plan = annotatePlan(snapshot, analysis, "ja", undefined, { today: TODAY }).actionPlan;
    const wanted = items.filter((p) => p.class === "focus" || p.quickWin).map((p) => `item:${p.no}`);
    const regs = analysis.regulations!.reviews.filter((r) => ["new", "revised"].includes((r.decision ?? r.recommended) as string)).map((r) => `reg:${r.no}`);
    expect(wanted.length).toBeGreaterThan(HEADLINE_COUNT);
    expect(regs.length).toBeGreaterThan(0);
    expect(new Set(plan.measures.map((m) => m.id))).toEqual(new Set([...wanted, ...regs]));
    // Ordered by priority, the first six marked.
    const priorities = plan.measures.map((m) => m.priority!);
    expect([...priorities].sort((a, b) => b - a)).toEqual(priorities);
    expect(plan.measures.filter((m) => m.headline).map((m) => m.order)).toEqual([1, 2, 3, 4, 5, 6]);
    // The item's countermeasure and usual owner from the catalog; the checkpoint three months on.
    const first = plan.measures.find((m) => m.source.kind === "item")!;
    const no = (first.source as { no: number }).no;
    expect(first.text).toBe(ITEM_MEASURES[no].measure.ja);
    expect(first.owner).toEqual({ role: ITEM_MEASURES[no].owner });
    expect(first.checkpoint).toBe("2025-07-10");
    expect(first.status).toBe("todo");
  });

  test("no item in place is proposed, and a plan without a diagnosis proposes every item's measure", () => {
    const none = proposals(prioritise(null), []);
    expect(none.size).toBe(25);
    const plan = buildActionPlan(prioritise(null), [], "en", TODAY, null, null).plan;
    expect(plan.measures[0].text).toBe(ITEM_MEASURES[(plan.measures[0].source as { no: number }).no].measure.en);
  });

  test("the checkpoint is three months after the plan's date, at the end of a shorter month", () => {
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(addMonths("2025-04-10", 3)).toBe("2025-07-10");
  });
});

describe("the plan sheet, typed on and written again", () => {
  test("an owner and a due date typed in the sheet survive a re-run on the same measure, though the rows were moved", async () => {
    let wb = await sampleBook();
    const first = annotate(wb);
    wb = await reopen(wb);
    const ws = planSheet(wb);
    const target = first.actionPlan.measures[2].id;
    const r = rowOf(ws, target);
    ws.getCell(r, col("owner")).value = "山田（総務）";
    ws.getCell(r, col("due")).value = new Date(Date.UTC(2025, 5, 30));
    ws.getCell(r, col("days")).value = 2.5;
    ws.getCell(r, col("initialCost")).value = 30000;
    ws.getCell(r, col("status")).value = "実施中";
    // The company sorts the table the other way: the measure is on another row now.
    const rows = ids(ws).length;
    const top = PLAN_LAYOUT.firstRow + 1;
    const values = Array.from({ length: rows }, (_, i) => (ws.getRow(top + i).values as ExcelJS.CellValue[]).slice());
    values.reverse().forEach((v, i) => (ws.getRow(top + i).values = v));
    expect(rowOf(ws, target)).not.toBe(r);

    wb = await reopen(wb);
    const again = annotate(wb, "2025-05-01");
    const m = again.actionPlan.measures.find((x) => x.id === target)!;
    expect(m.owner).toEqual({ name: "山田（総務）" });
    expect(m.due).toBe("2025-06-30");
    expect(m.days).toBe(2.5);
    expect(m.initialCost).toBe(30000);
    expect(m.status).toBe("doing");
    // The plan's date is the one the sheet shows, not the re-run's day.
    expect(again.actionPlan.date).toBe(TODAY);
    // Written again in the sheet, on its measure's row, and no measure twice.
    const out = planSheet(wb);
    const row = rowOf(out, target);
    expect(out.getCell(row, col("owner")).value).toBe("山田（総務）");
    expect(out.getCell(row, col("due")).value).toEqual(new Date(Date.UTC(2025, 5, 30)));
    const written = ids(out);
    expect(new Set(written).size).toBe(written.length);
    expect(new Set(written)).toEqual(new Set(first.actionPlan.measures.map((x) => x.id)));
  });

  test("a measure dropped stays dropped: by the status 見送り, and by deleting its row", async () => {
    let wb = await sampleBook();
    const first = annotate(wb);
    wb = await reopen(wb);
    const ws = planSheet(wb);
    const [a, b] = [first.actionPlan.measures[0].id, first.actionPlan.measures[1].id];
    ws.getCell(rowOf(ws, a), col("status")).value = "見送り";
    ws.spliceRows(rowOf(ws, b), 1);
    expect(ids(ws)).not.toContain(b);

    wb = await reopen(wb);
    const again = annotate(wb);
    for (const id of [a, b]) {
      const m = again.actionPlan.measures.find((x) => x.id === id)!;
      expect(m.status).toBe("dropped");
      expect(m.headline).toBe(false);
    }
    // Dropped measures last; the headline is the next six.
    const order = again.actionPlan.measures.map((m) => m.id);
    expect(order.slice(-2).sort()).toEqual([a, b].sort());
    expect(again.actionPlan.measures.filter((m) => m.headline)).toHaveLength(HEADLINE_COUNT);
    // And a third run keeps them dropped (nothing typed since).
    wb = await reopen(wb);
    const third = annotate(wb);
    expect(
      third.actionPlan.measures
        .filter((m) => m.status === "dropped")
        .map((m) => m.id)
        .sort(),
    ).toEqual([a, b].sort());
    expect(ids(planSheet(wb))).toHaveLength(first.actionPlan.measures.length);
  });

  test("a row the company adds is kept (with an id from then on), and not duplicated", async () => {
    let wb = await sampleBook();
    const first = annotate(wb);
    wb = await reopen(wb);
    const ws = planSheet(wb);
    const free = PLAN_LAYOUT.firstRow + 1 + first.actionPlan.measures.length; // the first blank row
    ws.getCell(free, col("measure")).value = "社用車のドライブレコーダーの映像の保存期間を決める";
    ws.getCell(free, col("owner")).value = "総務部長";
    ws.getCell(free, col("yearlyCost")).value = "12,000円";

    wb = await reopen(wb);
    const again = annotate(wb);
    const own = again.actionPlan.measures.filter((m) => m.source.kind === "own");
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ id: "own:1", text: "社用車のドライブレコーダーの映像の保存期間を決める", owner: { name: "総務部長" }, yearlyCost: 12000 });
    wb = await reopen(wb);
    const third = annotate(wb);
    expect(third.actionPlan.measures.filter((m) => m.source.kind === "own").map((m) => m.id)).toEqual(["own:1"]);
    expect(third.actionPlan.measures).toHaveLength(first.actionPlan.measures.length + 1);
  });

  test("totals of person-days and cost, without dropped measures: in the plan and as formulas on the sheet", async () => {
    let wb = await sampleBook();
    const first = annotate(wb);
    wb = await reopen(wb);
    const ws = planSheet(wb);
    const [a, b, c] = first.actionPlan.measures.map((m) => m.id);
    ws.getCell(rowOf(ws, a), col("days")).value = 2;
    ws.getCell(rowOf(ws, a), col("initialCost")).value = 50000;
    ws.getCell(rowOf(ws, b), col("days")).value = 1.5;
    ws.getCell(rowOf(ws, b), col("yearlyCost")).value = 24000;
    ws.getCell(rowOf(ws, c), col("days")).value = 10;
    ws.getCell(rowOf(ws, c), col("status")).value = "見送り";
    wb = await reopen(wb);
    const again = annotate(wb);
    expect(again.actionPlan.totals).toEqual({ days: 3.5, initialCost: 50000, yearlyCost: 24000 });
    const totals = planSheet(wb).getRow(PLAN_LAYOUT.totals + 1);
    const formula = (k: keyof typeof PLAN_COLS) => (totals.getCell(col(k)).value as { formula: string }).formula;
    expect(formula("days")).toMatch(/^SUMIF\(\$K\$7:\$K\$\d+,"<>見送り",\$G\$7:\$G\$\d+\)$/);
    expect(formula("initialCost")).toMatch(/^SUMIF\(.*,\$I\$7:\$I\$\d+\)$/);
    expect(formula("yearlyCost")).toMatch(/^SUMIF\(.*,\$J\$7:\$J\$\d+\)$/);
  });

  test("a value a column does not take is kept as typed and reported with its cell", async () => {
    let wb = await sampleBook();
    const first = annotate(wb);
    wb = await reopen(wb);
    const ws = planSheet(wb);
    const r = rowOf(ws, first.actionPlan.measures[0].id);
    ws.getCell(r, col("due")).value = "来月中";
    ws.getCell(r, col("initialCost")).value = "未定";
    wb = await reopen(wb);
    const again = annotate(wb);
    const codes = again.messages.map((m) => `${m.code} ${m.cell}`);
    expect(codes).toContain(`invalid-plan-date F${r}`);
    expect(codes).toContain(`invalid-plan-number I${r}`);
    const out = planSheet(wb);
    expect(out.getCell(rowOf(out, first.actionPlan.measures[0].id), col("due")).value).toBe("来月中");
    expect(again.actionPlan.totals.initialCost).toBe(0);
  });

  test("the sheet's header texts, dropdowns and date validations", () => {
    return (async () => {
      const wb = await sampleBook();
      const { plan } = annotate(wb);
      const sheet: SheetPlan = plan.sheets.find((s) => s.marker === "actionPlan")!;
      const ws = planSheet(wb);
      const head = (c: number) => ws.getCell(PLAN_LAYOUT.header + 1, c).value;
      expect([
        head(col("measure")),
        head(col("owner")),
        head(col("due")),
        head(col("days")),
        head(col("equipment")),
        head(col("initialCost")),
        head(col("status")),
        head(col("checkpoint")),
        head(col("result")),
      ]).toEqual(["対策", "担当者", "期限", "人", "物", "金", "状況", "チェックポイント", "確認結果"]);
      const owner = sheet.validations!.find((v) => v.range.left === PLAN_COLS.owner)!;
      expect(owner.list).toEqual(expect.arrayContaining(["情報セキュリティ責任者", "システム管理者", "教育責任者", "点検責任者"]));
      expect(owner.errorStyle).toBe("information");
      expect(sheet.validations!.find((v) => v.range.left === PLAN_COLS.status)!.list).toEqual(["未着手", "実施中", "完了", "見送り"]);
      expect(
        sheet
          .validations!.filter((v) => v.date)
          .map((v) => v.range.left)
          .sort(),
      ).toEqual([PLAN_COLS.due, PLAN_COLS.checkpoint].sort());
      expect(sheet.hiddenColumns).toEqual([PLAN_COLS.id]);
      expect(ws.getColumn(col("id")).hidden).toBe(true);
      const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
      expect(Object.values(dv).some((v) => v.type === "date")).toBe(true);
      expect(Object.values(dv).some((v) => v.type === "list" && v.errorStyle === "information")).toBe(true);
    })();
  });
});

test("a plan sheet whose header row is gone is left as it is (nothing typed on it lost) and a new plan written beside it", async () => {
  let wb = await sampleBook();
  annotate(wb);
  wb = await reopen(wb);
  const ws = planSheet(wb);
  ws.getCell(PLAN_LAYOUT.firstRow + 1, col("owner")).value = "山田";
  ws.spliceRows(PLAN_LAYOUT.header + 1, 2);
  wb = await reopen(wb);
  const again = annotate(wb);
  expect(again.messages.map((m) => [m.code, m.sheet])).toContainEqual(["plan-sheet-unread", "情報セキュリティ対策実行計画"]);
  expect(again.plan.deleteSheets).not.toContain("情報セキュリティ対策実行計画");
  expect(again.plan.sheets.find((s) => s.marker === "actionPlan")!.name).toBe("情報セキュリティ対策実行計画 (2)");
  const old = wb.getWorksheet("情報セキュリティ対策実行計画")!;
  let kept = false;
  old.eachRow((row) => row.eachCell((c) => void (c.value === "山田" && (kept = true))));
  expect(kept).toBe(true);
});
