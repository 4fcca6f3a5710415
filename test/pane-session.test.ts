/// <reference lib="dom" />
/**
 * The task pane's workflow (src/pane/session.ts) over the xlsx host, without a browser: what the
 * pane shows after analysing, pending edits written with the sheets, later edits written straight
 * into the priority sheet and read back, a pending rating equal to the default clearing the
 * sheet's edit, clear giving back the company's sheets, the blank template inserted (or refused
 * on a name clash). The browser tests (test/browser) drive the same workflow through the UI.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { STATE_SHEET, companySnapshot } from "../src/core/addinState";
import { t } from "../src/core/i18n";
import { renderMessage } from "../src/core/messages";
import { PaneActionError, failureReason } from "../src/pane/host";
import { previewHost } from "../src/pane/previewHost";
import type { Plan } from "../src/core/plan";
import { NO_EDITS } from "../src/core/prioritise";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { clearSheets, discardRecord, examine, insertTemplate, reprioritised, withNote, withRating, writeSheets, type Examined } from "../src/pane/session";
import { applyPlan } from "../src/xlsx/applyPlan";
import { loadExcelJs, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";

const SAMPLE = readFileSync(join(__dirname, "..", "samples", "sample-diagnosis.xlsx"));
const NAME = "sample-diagnosis.xlsx";

/** Reading a workbook and writing a plan into it, as the hosts do (the preview host itself is tested below). */
async function snapshotOf(bytes: Buffer): Promise<WorkbookSnapshot> {
  return snapshotFromWorkbook(await loadExcelJs(bytes, NAME), NAME);
}
async function applied(bytes: Buffer, plan: Plan | null): Promise<Buffer> {
  if (!plan) return bytes;
  const wb = await loadExcelJs(bytes, NAME);
  applyPlan(wb, plan);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("the pane's workflow", () => {
  test("analyse shows the sample: two respondents, total 37, the priority list, no sheet yet", async () => {
    const e = examine(await snapshotOf(SAMPLE), "ja");
    expect(e.found).toBe(true);
    expect(e.analysis.diagnoses).toHaveLength(2);
    expect(e.analysis.consolidated?.total).toBe(37);
    expect(e.priorities.map((p) => p.rank)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(e.prioritySheet).toBeNull();
    expect(e.ours).toEqual([]);
  });

  test("pending edits change the ranking at once, are written with the sheets, and read back", async () => {
    const before = examine(await snapshotOf(SAMPLE), "ja");
    const top = before.priorities[0];
    // Lower the top item's urgency: it drops to 維持 (maintain), below every focus/next item.
    let pending = withRating(NO_EDITS, top.no, "urgency", "low");
    pending = withNote(pending, top.no, "=SUM(A1) 担当者に確認");
    const shown = reprioritised(before, pending);
    const moved = shown.priorities.find((p) => p.no === top.no)!;
    expect(moved.class).toBe("maintain");
    expect(moved.rank).toBeGreaterThan(top.rank);
    expect(moved.note).toBe("=SUM(A1) 担当者に確認");

    const { plan, result } = writeSheets(await snapshotOf(SAMPLE), "ja", pending);
    expect(result.prioritySheet).not.toBeNull();
    const written = await applied(SAMPLE, plan);
    const again = examine(await snapshotOf(written), "ja");
    expect(again.prioritySheet).toBe(result.prioritySheet);
    const read = again.priorities.find((p) => p.no === top.no)!;
    expect(read.ratings.urgency).toBe("low");
    expect(read.overridden).toEqual(["urgency"]);
    expect(read.note).toBe("=SUM(A1) 担当者に確認");
    expect(again.priorities.map((p) => p.no)).toEqual(shown.priorities.map((p) => p.no));
    // The note is text in the sheet, never a formula.
    const wb = await loadExcelJs(written, NAME);
    const formulas = wb
      .getWorksheet(result.prioritySheet!)!
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === "object" && v !== null && "formula" in v);
    expect(formulas).toEqual([]);

    // An edit once the sheet exists goes straight in; the earlier ones stay.
    const second = before.priorities[1];
    const edited = await applied(written, writeSheets(await snapshotOf(written), "ja", withRating(NO_EDITS, second.no, "difficulty", "high")).plan);
    const third = examine(await snapshotOf(edited), "ja");
    expect(third.priorities.find((p) => p.no === second.no)!.ratings.difficulty).toBe("high");
    expect(third.priorities.find((p) => p.no === top.no)!.ratings.urgency).toBe("low");
    expect(third.priorities.find((p) => p.no === top.no)!.note).toBe("=SUM(A1) 担当者に確認");

    // Setting the rating back to its default removes the edit; an empty note removes the note.
    const back = withNote(withRating(NO_EDITS, top.no, "urgency", top.defaults.urgency), top.no, "");
    const reset = await applied(edited, writeSheets(await snapshotOf(edited), "ja", back).plan);
    const fourth = examine(await snapshotOf(reset), "ja");
    const item = fourth.priorities.find((p) => p.no === top.no)!;
    expect(item.overridden).toEqual([]);
    expect(item.note).toBeNull();
    expect(item.rank).toBe(top.rank);
  });

  test("clear gives back the company's sheets as they were", async () => {
    const written = await applied(SAMPLE, writeSheets(await snapshotOf(SAMPLE), "ja", withNote(NO_EDITS, 3, "メモ")).plan);
    expect(examine(await snapshotOf(written), "ja").priorities.find((p) => p.no === 3)!.note).toBe("メモ");
    const { plan, result } = clearSheets(await snapshotOf(written), "ja");
    expect(plan).not.toBeNull();
    expect(result.ours).toEqual([]);
    // The notes lived on the sheet that is gone: the pane shows none.
    expect(result.priorities.find((p) => p.no === 3)!.note).toBeNull();
    const cleared = await snapshotOf(await applied(written, plan));
    const original = await snapshotOf(SAMPLE);
    expect(cleared.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    expect(companySnapshot(cleared).sheets.map((s) => s.values)).toEqual(original.sheets.map((s) => s.values));
    // What the pane shows after clearing is what it reads from the cleared workbook.
    const shown = (e: Examined) => ({ priorities: e.priorities, plan: e.actionPlan.measures.map((m) => m.id), visits: e.visits, ours: e.ours, owner: e.owner });
    expect(shown(result)).toEqual(shown(examine(cleared, "ja")));
    // Nothing to clear: no plan at all.
    expect(clearSheets(original, "ja").plan).toBeNull();
  });

  test("a blank diagnosis and checksheet go into an empty workbook; a name clash refuses the insert", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("メモ").getCell("A1").value = "会議の記録";
    const empty = Buffer.from(await wb.xlsx.writeBuffer());
    const nothing = examine(await snapshotOf(empty), "ja");
    expect(nothing.found).toBe(false);

    const { plan, result } = insertTemplate(await snapshotOf(empty), "ja");
    expect(result.clashes).toEqual([]);
    expect(result.added.length).toBeGreaterThanOrEqual(2);
    const filled = await snapshotOf(await applied(empty, plan));
    expect(filled.sheets.map((s) => s.name)).toEqual(["メモ", ...result.added]);
    expect(filled.sheets[0].values).toEqual((await snapshotOf(empty)).sheets[0].values);
    const after = examine(filled, "ja");
    expect(after.found).toBe(true);

    const clash = new ExcelJS.Workbook();
    clash.addWorksheet(result.added[0]).getCell("A1").value = "会社のシート";
    const refused = insertTemplate(await snapshotOf(Buffer.from(await clash.xlsx.writeBuffer())), "ja");
    expect(refused.plan).toBeNull();
    expect(refused.result.clashes).toEqual([result.added[0]]);
  });
});

/** A local file as the preview's file picker gives it. */
const fileOf = (bytes: Buffer) => new File([new Uint8Array(bytes)], NAME);

describe("what the pane shows when a plan is refused, or when writing has something to say", () => {
  /** The sample annotated once, with its record damaged. */
  async function damaged(): Promise<Buffer> {
    const written = await applied(SAMPLE, writeSheets(await snapshotOf(SAMPLE), "ja", NO_EDITS).plan);
    const wb = await loadExcelJs(written, NAME);
    wb.getWorksheet(STATE_SHEET)!.getCell("A2").value = "{broken";
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test("clear on a damaged record: the preview host reports a refusal, the pane words each reason in its language", async () => {
    const host = previewHost();
    await host.file.open(fileOf(await damaged()));
    const e = await host
      .run(
        (s) => clearSheets(s, "ja"),
        () => undefined,
      )
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PaneActionError);
    const failure = e as PaneActionError;
    expect([failure.kind, failure.written, failure.problems?.map((p) => p.code)]).toEqual(["refused", "nothing", ["invalid-addin-state"]]);
    const ja = failureReason(failure, "ja");
    expect(ja[0]).toBe("ブックの今の状態では書き込めません:");
    expect(ja[1]).toContain(`診断コーチの記録（非表示のシート「${STATE_SHEET}」）が壊れているため`);
    expect(ja[1]).toContain("clear --discard-state");
    const en = failureReason(failure, "en");
    expect(en[0]).toBe("The workbook cannot be written as it is now:");
    expect(en[1]).toContain(`Shindan Coach's record (the hidden sheet "${STATE_SHEET}") is damaged`);
    // The technical detail stays below, in English.
    expect(failure.message).toContain("not valid JSON");
  });

  test("a damaged record: the pane offers to remove it alone; then the sheets can be written again, the old ones left as the company's", async () => {
    const host = previewHost();
    await host.file.open(fileOf(await damaged()));
    const seen = await host.run(
      (s) => ({ plan: null, result: examine(s, "ja") }),
      () => undefined,
    );
    expect(seen.result.damagedRecord).toBe(true);
    expect(t("ja", "msg.invalid-addin-state", { sheet: STATE_SHEET, detail: "" })).toContain("「記録だけを削除」");
    const discarded = await host.run(
      (s) => discardRecord(s, "ja"),
      () => undefined,
    );
    expect(discarded.messages.map((m) => m.code)).toEqual(["state-discarded"]);
    expect(discarded.result.damagedRecord).toBe(false);
    const after = await host.run(
      (s) => ({ plan: null, result: examine(s, "ja") }),
      () => undefined,
    );
    expect(after.result.damagedRecord).toBe(false);
    expect(after.result.ours).toEqual([]);
    const written = await host.run(
      (s) => writeSheets(s, "ja", NO_EDITS),
      () => undefined,
    );
    // The sheets of the damaged run stay (now the company's, reported as copies); fresh ones are written.
    expect(written.messages.map((m) => m.code)).toContain("addin-sheet-copy");
    expect(written.result.ours.length).toBe(5);
    // An intact record is not discarded: clear undoes it properly.
    await expect(
      host.run(
        (s) => discardRecord(s, "ja"),
        () => undefined,
      ),
    ).rejects.toMatchObject({ kind: "refused" });
  });

  test("writing refused by the host (a company sheet with the record's name): the reason in Japanese and English", async () => {
    const wb = await loadExcelJs(SAMPLE, NAME);
    wb.addWorksheet(STATE_SHEET).getCell("A1").value = "会社のデータ";
    const host = previewHost();
    await host.file.open(fileOf(Buffer.from(await wb.xlsx.writeBuffer())));
    const e = (await host
      .run(
        (s) => writeSheets(s, "ja", NO_EDITS),
        () => undefined,
      )
      .catch((err: unknown) => err)) as PaneActionError;
    expect([e.kind, e.step]).toEqual(["refused", "write"]);
    expect(failureReason(e, "ja")[1]).toBe(
      `ブックに「${STATE_SHEET}」という名前の会社のシートがあります。この名前は診断コーチの記録用です。そのシートの名前を変えてから、もう一度実行してください。`,
    );
    expect(failureReason(e, "en")[1]).toBe(
      `The workbook has a company sheet named "${STATE_SHEET}", a name Shindan Coach keeps for its record. Rename that sheet and run again.`,
    );
    // Other failures keep the sentence of their kind.
    expect(failureReason({ kind: "protected" }, "en")).toEqual([t("en", "pane.reason.protected")]);
  });

  test("a copy of our sheet: writing again leaves it and the run says so", async () => {
    const written = await applied(SAMPLE, writeSheets(await snapshotOf(SAMPLE), "ja", NO_EDITS).plan);
    const wb = await loadExcelJs(written, NAME);
    const summary = wb.worksheets[0];
    const copy = wb.addWorksheet(`${summary.name} (2)`);
    summary.eachRow((row, r) => row.eachCell((cell, c) => (copy.getCell(r, c).value = cell.value)));
    const host = previewHost();
    await host.file.open(fileOf(Buffer.from(await wb.xlsx.writeBuffer())));
    const { messages } = await host.run(
      (s) => writeSheets(s, "en", NO_EDITS),
      () => undefined,
    );
    expect(messages.map((m) => [m.code, m.sheet])).toEqual([["addin-sheet-copy", `${summary.name} (2)`]]);
    expect(renderMessage(messages[0], "ja")).toContain("会社のシートとしてそのまま残し");
  });
});

describe("the preview host's reads", () => {
  // ExcelJS's loader (lib/xlsx/xlsx.js), which every ExcelJS.Workbook's `xlsx` is an instance of.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const XLSX = require("exceljs/lib/xlsx/xlsx") as { prototype: { load: (...args: unknown[]) => Promise<unknown> } };

  test("an action reads the workbook once and writes the plan into that read; a refused plan leaves the held workbook as it was", async () => {
    const loads = jest.spyOn(XLSX.prototype, "load");
    try {
      const host = previewHost();
      await host.file.open(fileOf(SAMPLE));
      loads.mockClear();
      const steps: string[] = [];
      const first = await host.run(
        (s) => writeSheets(s, "ja", NO_EDITS),
        (step) => steps.push(step),
      );
      expect([steps, loads.mock.calls.length]).toEqual([["read", "plan", "write"], 1]);
      expect(first.result.ours.length).toBe(5);

      loads.mockClear();
      const seen = await host.run(
        (s) => ({ plan: null, result: examine(s, "ja") }),
        () => undefined,
      );
      expect(loads.mock.calls.length).toBe(1);
      expect(seen.result.ours.map((o) => o.kind)).toEqual(first.result.ours.map((o) => o.kind));

      // A plan the host refuses (a new sheet under a name the workbook already has): nothing is kept of it.
      const clash = (s: WorkbookSnapshot) => ({ plan: { sheets: [{ name: s.sheets[0].name, action: "create", cells: [] }] } satisfies Plan, result: null });
      const e = await host.run(clash, () => undefined).catch((x: unknown) => x);
      expect([e instanceof PaneActionError, (e as PaneActionError).written]).toEqual([true, "nothing"]);
      const after = await host.run(
        (s) => ({ plan: null, result: examine(s, "ja") }),
        () => undefined,
      );
      expect(after.result).toEqual(seen.result);
    } finally {
      loads.mockRestore();
    }
  });
});

test("the owner's entries typed in the pane (company, where the policy is published) go onto the owner's summary and stay for later runs", async () => {
  const { withOwnerEntry } = await import("../src/pane/session");
  const snapshot = await snapshotOf(SAMPLE);
  const before = examine(snapshot, "ja");
  expect(before.owner.company.source).toBe("workbook");
  let pending = withOwnerEntry(NO_EDITS, "company", "株式会社テスト工業");
  pending = withOwnerEntry(pending, "published", "https://example.jp/policy");
  const { plan, result } = writeSheets(snapshot, "ja", pending);
  expect(result.owner.company).toMatchObject({ name: "株式会社テスト工業", source: "entered" });
  expect(result.owner.securityAction.twoStar.published).toBe("https://example.jp/policy");
  const ownerTexts = plan!.sheets
    .find((s) => s.marker === "owner")!
    .cells.flatMap((b) => b.rows.flat())
    .map((c) => c?.value);
  expect(ownerTexts).toContain("株式会社テスト工業");
  expect(ownerTexts).toContain("https://example.jp/policy");
  // Written, then read again with nothing pending: both are still there.
  const again = examine(await snapshotOf(await applied(SAMPLE, plan)), "ja");
  expect(again.owner.company).toMatchObject({ name: "株式会社テスト工業", source: "entered" });
  expect(again.owner.securityAction.twoStar.published).toBe("https://example.jp/policy");
});
