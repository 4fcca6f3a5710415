/// <reference lib="dom" />
/**
 * The company's decision 「今回の見直し」 set from the pane (src/pane/session.ts writeDecision,
 * src/core/companyCells.ts): written into the company's overview cell, its value before recorded
 * in the add-in's state, and given back by clear — through both hosts: the xlsx host (the
 * preview's package writer) and the Office.js host over the strict fake (2 syncs to write). A
 * decision someone typed since is left by clear and said; a formula cell is refused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { STATE_SHEET, companySnapshot, readState } from "../src/core/addinState";
import { checkPlan, type Plan } from "../src/core/plan";
import { workbookProblems } from "../src/core/workbookCheck";
import { analyseWorkbook } from "../src/core/analyse";
import { parseA1 } from "../src/core/address";
import { cellAt, type WorkbookSnapshot } from "../src/core/snapshot";
import { previewHost } from "../src/pane/previewHost";
import { clearSheets, writeDecision, writeSheets } from "../src/pane/session";
import { applyPlan } from "../src/xlsx/applyPlan";
import { loadExcelJs, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { applyPlanToPackage } from "../src/xlsx/writePackage";
import { nodeDeflate } from "../src/xlsx/nodeDeflate";
import { nodeInflate } from "../src/xlsx/nodeInflate";
import { FakeExcel } from "./fakeExcel";
import { hostApply, hostRead } from "./helpers/officeHost";

const SAMPLE = readFileSync(join(__dirname, "..", "samples", "sample-diagnosis.xlsx"));
const NAME = "sample-diagnosis.xlsx";
const fileOf = (bytes: Buffer) => new File([new Uint8Array(bytes)], NAME);

/** The overview cell of regulation `no` and its value in `s`. */
function decisionCell(s: WorkbookSnapshot, no: number): { sheet: string; cell: string; value: unknown } {
  const regs = analyseWorkbook(s).regulations!;
  const cell = regs.decisionCells!.find((d) => d.regulation === no)!.cell;
  const sheet = s.sheets.find((x) => x.name === regs.overviewSheet)!;
  const { row, col } = parseA1(cell);
  return { sheet: sheet.name, cell, value: cellAt(sheet, row, col) };
}
/** The words the overview already uses for `decision` on another row (what the pane writes). */
function wordingOf(s: WorkbookSnapshot, decision: string): string {
  const regs = analyseWorkbook(s).regulations!;
  const other = regs.reviews.find((r) => r.decision === decision)!;
  return decisionCell(s, other.no).value as string;
}
const decisionOf = (s: WorkbookSnapshot, no: number) => analyseWorkbook(s).regulations!.reviews.find((r) => r.no === no)!.decision;

async function preview() {
  const host = previewHost();
  await host.file.open(fileOf(SAMPLE));
  const snapshot = async () =>
    (
      await host.run(
        (s) => ({ plan: null, result: s }),
        () => undefined,
      )
    ).result;
  return { host, snapshot };
}

describe("the decision 「今回の見直し」 set from the pane", () => {
  test("xlsx host, no sheets written yet: the cell gets the decision, the state records the value before, clear gives it back", async () => {
    const { host, snapshot } = await preview();
    const before = await snapshot();
    expect(decisionOf(before, 5)).toBeNull(); // the sample leaves regulation 5 blank
    const at = decisionCell(before, 5);

    const set = await host.run(
      (s) => writeDecision(s, "ja", 5, "new"),
      () => undefined,
    );
    // In the words the overview already uses for that decision (regulation 1 is "new").
    const words = wordingOf(before, "new");
    expect(set.result.write).toEqual({ sheet: at.sheet, cell: at.cell, value: words });
    const after = await snapshot();
    expect(decisionOf(after, 5)).toBe("new");
    expect(decisionCell(after, 5).value).toBe(words);
    expect(set.result.examined.analysis.regulations!.reviews.find((r) => r.no === 5)!.decision).toBe("new");
    // Only the company cell and the record: no deliverable sheet yet.
    expect(set.result.examined.ours).toEqual([]);
    // …but a record the pane offers to undo (its clear button counts these cells).
    expect(set.result.examined.companyCells).toHaveLength(1);
    expect(readState(after)?.companyCells).toEqual([{ sheet: at.sheet, cell: at.cell, original: null, written: words }]);
    // Every other company cell as it was.
    const others = (s: WorkbookSnapshot) =>
      JSON.stringify(companySnapshot(s).sheets.map((x) => (x.name === at.sheet ? { ...x, values: x.values.map((r) => r.map(String)) } : x)));
    expect(companySnapshot(after).sheets.filter((x) => x.name !== at.sheet)).toEqual(companySnapshot(before).sheets.filter((x) => x.name !== at.sheet));
    expect(others(after)).not.toEqual(others(before));

    // Changed twice: the record keeps the value before the first change.
    await host.run(
      (s) => writeDecision(s, "ja", 5, "revised"),
      () => undefined,
    );
    expect(readState(await snapshot())?.companyCells).toEqual([{ sheet: at.sheet, cell: at.cell, original: null, written: wordingOf(before, "revised") }]);

    const cleared = await host.run(
      (s) => clearSheets(s, "ja"),
      () => undefined,
    );
    expect(cleared.messages).toEqual([]);
    // The pane's view after clearing shows the cell as clearing left it.
    expect(cleared.result.analysis.regulations!.reviews.find((r) => r.no === 5)!.decision).toBeNull();
    expect(cleared.result.companyCells).toEqual([]);
    const back = await snapshot();
    expect(companySnapshot(back)).toEqual(companySnapshot(before));
    expect(back.sheets.some((s) => s.name === STATE_SHEET)).toBe(false);
  });

  test("xlsx host, with our sheets: they are written again with the new decision; a later annotate keeps the record; clear gives the company's wording back", async () => {
    const { host, snapshot } = await preview();
    await host.run(
      (s) => writeSheets(s, "ja", { ratings: {}, notes: {} }),
      () => undefined,
    );
    const before = await snapshot();
    const at = decisionCell(before, 4);
    expect(decisionOf(before, 4)).toBe("keep");
    const set = await host.run(
      (s) => writeDecision(s, "ja", 4, "revised"),
      () => undefined,
    );
    expect(set.result.examined.ours.map((o) => o.kind)).toContain("regulations");
    expect(set.result.examined.companyCells).toHaveLength(1);
    const after = await snapshot();
    expect(decisionOf(after, 4)).toBe("revised");
    // The regulation sheet shows the company's new decision, and no longer that it differs from the recommendation.
    const review = set.result.examined.analysis.regulations!.reviews.find((r) => r.no === 4)!;
    expect([review.decision, review.recommended, review.differs]).toEqual(["revised", "revised", false]);
    // Writing the sheets again keeps the record.
    await host.run(
      (s) => writeSheets(s, "ja", { ratings: {}, notes: {} }),
      () => undefined,
    );
    expect(readState(await snapshot())?.companyCells).toEqual([{ sheet: at.sheet, cell: at.cell, original: at.value, written: decisionCell(after, 4).value }]);
    await host.run(
      (s) => clearSheets(s, "ja"),
      () => undefined,
    );
    expect(decisionCell(await snapshot(), 4).value).toBe(at.value);
  });

  test("a decision typed since is the company's: clear leaves it and says so", async () => {
    const wb0 = await loadExcelJs(SAMPLE, NAME);
    const s0 = snapshotFromWorkbook(wb0, NAME);
    const at = decisionCell(s0, 5);
    const set = writeDecision(s0, "ja", 5, "new");
    applyPlan(wb0, set.plan!);
    // The company chooses another decision in Excel.
    wb0.getWorksheet(at.sheet)!.getCell(at.cell).value = "当面は作成の必要なしと判断した";
    const s1 = snapshotFromWorkbook(wb0, NAME);
    const cleared = clearSheets(s1, "ja");
    expect(cleared.plan!.companyCells ?? []).toEqual([]);
    expect(cleared.messages.map((m) => [m.code, m.sheet, m.cell])).toEqual([["company-cell-changed", at.sheet, at.cell]]);
  });

  test("a formula in the decision cell is refused, naming the cell; the plan checks demand the record", async () => {
    const wb = await loadExcelJs(SAMPLE, NAME);
    const s0 = snapshotFromWorkbook(wb, NAME);
    const at = decisionCell(s0, 5);
    wb.getWorksheet(at.sheet)!.getCell(at.cell).value = { formula: 'IF(1=1,"新規に作成した","")', result: "新規に作成した" };
    const s1 = snapshotFromWorkbook(wb, NAME);
    let refused: unknown;
    try {
      writeDecision(s1, "ja", 5, "new");
    } catch (e) {
      refused = e;
    }
    expect((refused as { problems: { code: string; cell: string }[] }).problems.map((p) => [p.code, p.cell])).toEqual([["decision-cell-kept", at.cell]]);
    // A company cell written without its value before in the state cannot be undone: refused.
    const bare: Plan = {
      sheets: [],
      companyCells: [{ sheet: at.sheet, cell: at.cell, value: "x" }],
      state: { write: { version: 2, sheets: [], highlights: [], ratingDefaults: {} } },
    };
    expect(checkPlan(bare).map((p) => p.code)).toEqual(["plan-internal"]);
    expect(checkPlan({ sheets: [], companyCells: [{ sheet: at.sheet, cell: at.cell, value: "x" }] }).map((p) => p.code)).toEqual(["plan-internal"]);
  });

  test("the package writer keeps the cell's format and writes the text as the cell's value", async () => {
    const wb = await loadExcelJs(SAMPLE, NAME);
    const s0 = snapshotFromWorkbook(wb, NAME);
    const at = decisionCell(s0, 5);
    const styleBefore = JSON.stringify(wb.getWorksheet(at.sheet)!.getCell(at.cell).style);
    const { bytes } = await applyPlanToPackage(SAMPLE, wb, writeDecision(s0, "ja", 5, "keep").plan!, { inflate: nodeInflate, deflate: nodeDeflate });
    const again = await loadExcelJs(Buffer.from(bytes), NAME);
    const cell = again.getWorksheet(at.sheet)!.getCell(at.cell);
    expect(cell.value).toBe(wordingOf(s0, "keep"));
    expect(JSON.stringify(cell.style)).toBe(styleBefore);
  });
});

describe("the decision through the Office.js host (strict fake)", () => {
  test("set in 2 syncs (check, write), twice; clear gives each cell its value before back (text, and blank)", async () => {
    const x = await FakeExcel.fromXlsx(SAMPLE, NAME);
    const read = await hostRead(x);
    const at = decisionCell(read.snapshot, 4);
    const set = writeDecision(read.snapshot, "ja", 4, "new");
    const words = wordingOf(read.snapshot, "new");
    const applied = await hostApply(x, set.plan!);
    expect(applied.fake.syncs).toBe(2);
    const after = (await hostRead(x)).snapshot;
    expect(decisionOf(after, 4)).toBe("new");
    expect(readState(after)?.companyCells).toEqual([{ sheet: at.sheet, cell: at.cell, original: at.value, written: words }]);
    // A second decision, on a blank cell: the record grows; clear empties that cell again.
    const blank = decisionCell(after, 5);
    expect(blank.value).toBeNull();
    expect((await hostApply(x, writeDecision(after, "ja", 5, "keep").plan!)).fake.syncs).toBe(2);
    const both = (await hostRead(x)).snapshot;
    expect(decisionOf(both, 5)).toBe("keep");
    expect(readState(both)?.companyCells?.map((c) => [c.cell, c.original])).toEqual([
      [at.cell, at.value],
      [blank.cell, null],
    ]);
    const cleared = clearSheets(both, "ja");
    await hostApply(x, cleared.plan!);
    const back = (await hostRead(x)).snapshot;
    expect(decisionCell(back, 4).value).toBe(at.value);
    expect(decisionCell(back, 5).value).toBeNull();
    expect(companySnapshot(back).sheets.map((s) => s.values)).toEqual(companySnapshot(read.snapshot).sheets.map((s) => s.values));
  });

  test("the workbook check (core, both hosts): a company cell on a missing sheet, or on one of the add-in's, is refused", () => {
    const plan = (sheet: string): Plan => ({ sheets: [], companyCells: [{ sheet, cell: "B3", value: "新規" }], state: "delete" });
    const view = {
      sheets: [
        { name: "概要", visible: true, marked: false, protected: false },
        { name: "重点改善領域", visible: true, marked: true, protected: false },
      ],
      stateColumn: [],
      lastVisible: "result" as const,
    };
    expect(workbookProblems(plan("概要"), view)).toEqual([]);
    expect(workbookProblems(plan("規程"), view)).toEqual([expect.objectContaining({ code: "plan-sheet-missing", sheet: "規程" })]);
    expect(workbookProblems(plan("重点改善領域"), view)).toEqual([
      expect.objectContaining({ code: "plan-internal", params: { detail: expect.stringContaining("companyCells") } }),
    ]);
    const locked = { ...view, sheets: view.sheets.map((s) => ({ ...s, protected: s.name === "概要" })) };
    expect(workbookProblems(plan("概要"), locked)).toEqual([expect.objectContaining({ code: "plan-sheet-protected", sheet: "概要" })]);
  });

  test("a protected overview sheet: refused before anything is written", async () => {
    const x = await FakeExcel.fromXlsx(SAMPLE, NAME);
    const read = await hostRead(x);
    const at = decisionCell(read.snapshot, 4);
    x.model.live().find((s) => s.name === at.sheet)!.protected = true;
    await expect(hostApply(x, writeDecision(read.snapshot, "ja", 4, "new").plan!)).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: "plan-sheet-protected" })],
    });
    expect(decisionCell((await hostRead(x)).snapshot, 4).value).toBe(at.value);
  });
});
