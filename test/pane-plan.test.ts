/**
 * The pane's plan (src/pane/session.ts with the plan view's edits): pending before the sheets are
 * written and written with them; once the plan sheet exists, each edit goes into it in one action
 * and is read back; a measure added from the items not in the plan, or in the expert's words; a
 * measure dropped and taken back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NO_PLAN_EDITS } from "../src/core/actionPlan";
import { NO_EDITS } from "../src/core/prioritise";
import type { Plan } from "../src/core/plan";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { examine, reprioritised, withAddedMeasure, withMeasureEdit, writeSheets } from "../src/pane/session";
import { applyPlan } from "../src/xlsx/applyPlan";
import { loadExcelJs, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";

const SAMPLE = readFileSync(join(__dirname, "..", "samples", "sample-diagnosis.xlsx"));
const NAME = "sample-diagnosis.xlsx";

async function snapshotOf(bytes: Buffer): Promise<WorkbookSnapshot> {
  return snapshotFromWorkbook(await loadExcelJs(bytes, NAME), NAME);
}
async function applied(bytes: Buffer, plan: Plan | null): Promise<Buffer> {
  if (!plan) return bytes;
  const wb = await loadExcelJs(bytes, NAME);
  applyPlan(wb, plan);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("the plan in the pane", () => {
  test("pending plan changes show at once and go into the sheet with the first write", async () => {
    const before = examine(await snapshotOf(SAMPLE), "ja");
    expect(before.planSheet).toBeNull();
    const first = before.actionPlan.measures[0];
    const outside = before.actionPlan.addable.find((a) => a.id.startsWith("item:"))!;
    let pending = withMeasureEdit(NO_PLAN_EDITS, first.id, { owner: { name: "佐藤" }, due: "2025-09-30" });
    pending = withAddedMeasure(pending, outside.id);
    pending = withAddedMeasure(pending, null, "取引先との鍵の受け渡し手順を決める");
    const shown = reprioritised(before, NO_EDITS, pending, "ja");
    expect(shown.actionPlan.measures.find((m) => m.id === first.id)).toMatchObject({ owner: { name: "佐藤" }, due: "2025-09-30" });
    expect(shown.actionPlan.measures.map((m) => m.id)).toContain(outside.id);
    expect(shown.actionPlan.measures.some((m) => m.text === "取引先との鍵の受け渡し手順を決める")).toBe(true);

    const written = writeSheets(await snapshotOf(SAMPLE), "ja", NO_EDITS, pending);
    const bytes = await applied(SAMPLE, written.plan);
    const again = examine(await snapshotOf(bytes), "ja");
    expect(again.planSheet).toBe("情報セキュリティ対策実行計画");
    expect(again.actionPlan.measures.find((m) => m.id === first.id)).toMatchObject({ owner: { name: "佐藤" }, due: "2025-09-30" });
    // The added item stays though it is not proposed, and nothing typed on it yet.
    expect(again.actionPlan.measures.find((m) => m.id === outside.id)?.proposed).toBe(false);
    expect(again.actionPlan.measures.filter((m) => m.text === "取引先との鍵の受け渡し手順を決める")).toHaveLength(1);
  });

  test("with the sheet written, an edit goes straight into it; drop and take back", async () => {
    let bytes = await applied(SAMPLE, writeSheets(await snapshotOf(SAMPLE), "ja", NO_EDITS).plan);
    const e = examine(await snapshotOf(bytes), "ja");
    const target = e.actionPlan.measures[1];
    // One edit, as the pane sends it: only the change, over what the sheet holds.
    const edit = writeSheets(await snapshotOf(bytes), "ja", NO_EDITS, withMeasureEdit(NO_PLAN_EDITS, target.id, { status: "dropped" }));
    bytes = await applied(bytes, edit.plan);
    let now = examine(await snapshotOf(bytes), "ja");
    expect(now.actionPlan.measures.find((m) => m.id === target.id)).toMatchObject({ status: "dropped", headline: false });
    expect(now.actionPlan.measures.at(-1)!.id).toBe(target.id);
    bytes = await applied(
      bytes,
      writeSheets(await snapshotOf(bytes), "ja", NO_EDITS, withMeasureEdit(NO_PLAN_EDITS, target.id, { status: "todo", initialCost: 80000 })).plan,
    );
    now = examine(await snapshotOf(bytes), "ja");
    expect(now.actionPlan.measures.find((m) => m.id === target.id)).toMatchObject({ status: "todo", initialCost: 80000 });
    expect(now.actionPlan.totals.initialCost).toBe(80000);
    expect(now.actionPlan.measures).toHaveLength(e.actionPlan.measures.length);
  });
});
