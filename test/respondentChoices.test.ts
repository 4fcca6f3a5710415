/**
 * The coach's lasting choices about respondents (issue 15, point 3): stored in the add-in's state
 * keyed by sheet and name as found, validated when read, honoured by every later analysis, used
 * under the new name and kind on the summary, and removed by clear. Through the package writer
 * the command line and the preview use, and through the Office.js host on the fake Excel, on the
 * 集計 fixture (two sites, a 集計 sheet).
 */
import { FIXTURES } from "../scripts/fixtures";
import { FakeExcel } from "./fakeExcel";
import { hostApply, hostRead } from "./helpers/officeHost";
import { STATE_SHEET, StateDamagedError, readState, stateCells } from "../src/core/addinState";
import { analyseWorkbook } from "../src/core/analyse";
import { nameText } from "../src/core/assessment";
import { clearPlan } from "../src/core/clearPlan";
import { renderMessage } from "../src/core/messages";
import type { Plan, SheetPlan, StateData } from "../src/core/plan";
import { annotatePlan, type PendingEdits } from "../src/core/report";
import { mergeChoices, type RespondentChoice } from "../src/core/respondentChoices";
import type { SheetSnapshot, WorkbookSnapshot } from "../src/core/snapshot";
import { clearSheets, examine, respondentRows, withRespondentChoice, writeSheets } from "../src/pane/session";
import { nodeDeflate } from "../src/xlsx/nodeDeflate";
import { nodeInflate } from "../src/xlsx/nodeInflate";
import { loadExcelJs, readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { applyPlanToPackage } from "../src/xlsx/writePackage";

const fixture = (id: string) => FIXTURES.find((f) => f.id === id)!;

async function read(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  return readWorkbookBuffer(bytes, "company.xlsx", nodeInflate);
}

async function apply(bytes: Uint8Array, plan: Plan): Promise<Uint8Array> {
  return (await applyPlanToPackage(bytes, await loadExcelJs(bytes, "company.xlsx", nodeInflate), plan, { inflate: nodeInflate, deflate: nodeDeflate })).bytes;
}

/** Every text a sheet plan writes, in one string. */
function texts(sheet: SheetPlan): string {
  return sheet.cells.flatMap((b) => b.rows.flat().map((c) => (c && typeof c.value === "string" ? c.value : ""))).join("\n");
}

/** A snapshot with an add-in state sheet recording `state` (as the hosts write it). */
function withState(s: WorkbookSnapshot, state: unknown): WorkbookSnapshot {
  const cells = typeof state === "string" ? ["shindan-coach-state", state] : stateCells(state as StateData);
  const sheet: SheetSnapshot = {
    name: STATE_SHEET,
    visibility: "veryHidden",
    top: 0,
    left: 0,
    values: cells.map((c) => [c]),
    hiddenRows: [],
    hiddenColumns: [],
    merges: [],
  };
  return { ...s, sheets: [...s.sheets, sheet] };
}

const baseState = (respondents: unknown): unknown => ({ version: 2, sheets: [], highlights: [], ratingDefaults: {}, respondents });

let aggregation: Uint8Array;
beforeAll(async () => {
  aggregation = await fixture("resp-aggregation").build();
});

describe("stored choices, read and applied", () => {
  test("a choice keyed by sheet and name as found: 工場 left out, 本社 renamed 本店 (a department); the consolidated total follows, the repeats name 本店", async () => {
    const s = await read(aggregation);
    const before = analyseWorkbook(s);
    expect(before.diagnoses.map((d) => d.respondent)).toEqual(["本社", "工場"]);
    const choices: RespondentChoice[] = [
      { sheet: "工場", found: "工場", counted: false },
      { sheet: "本社", found: "本社", name: "本店", kind: "department" },
    ];
    const a = analyseWorkbook(withState(s, baseState(choices)));
    expect(a.diagnoses.map((d) => [d.respondent, d.foundAs, d.kind])).toEqual([["本店", "本社", "department"]]);
    expect(a.leftOut.find((l) => l.respondent === "工場")?.reason).toBe("excluded");
    // One respondent left: no consolidated result, the total is 本社's own.
    expect(a.consolidated).toBeNull();
    expect(a.diagnoses[0].total).toBe(before.diagnoses[0].total);
    expect(a.respondentChoices).toEqual(choices);
    // The 集計 columns that repeat 本社 now say they repeat 本店, in the list and in the messages.
    const derived = a.leftOut.filter((l) => l.reason === "derived");
    expect(derived.some((l) => l.from.includes("本店"))).toBe(true);
    expect(derived.some((l) => l.from.includes("本社"))).toBe(false);
    const said = a.messages
      .filter((m) => m.code === "derived-respondent")
      .map((m) => renderMessage(m, "ja"))
      .join("\n");
    expect(said).toContain("本店");
    expect(said).not.toContain("「本社」");
  });

  test("a choice to count what the recogniser set aside; one-run --exclude / --include override the stored ones", async () => {
    const s0 = await read(aggregation);
    // 集計/全社 is a name made from the sheet and the header: keyed as made, not as text.
    const whole = analyseWorkbook(s0).leftOut.find((l) => nameText(l.respondent!, "ja") === "集計/全社")!.respondent;
    expect(typeof whole).toBe("object");
    const s = withState(
      s0,
      baseState([
        { sheet: "集計", found: JSON.parse(JSON.stringify(whole)), counted: true },
        { sheet: "工場", found: "工場", counted: false },
      ]),
    );
    const a = analyseWorkbook(s);
    expect(a.diagnoses.map((d) => nameText(d.respondent!, "ja"))).toEqual(["本社", "集計/全社"]);
    const run = analyseWorkbook(s, { include: ["工場"], exclude: ["集計/全社"] });
    expect(run.diagnoses.map((d) => nameText(d.respondent!, "ja"))).toEqual(["本社", "工場"]);
    expect(run.leftOut.find((l) => nameText(l.respondent!, "ja") === "集計/全社")?.reason).toBe("derived");
    // A renamed respondent answers to its new name on the command line too.
    const renamed = withState(await read(aggregation), baseState([{ sheet: "工場", found: "工場", name: "第二工場" }]));
    expect(analyseWorkbook(renamed, { exclude: ["第二工場"] }).diagnoses.map((d) => d.respondent)).toEqual(["本社"]);
  });

  test("an analysis that does not carry the choices (made by hand) leaves the recorded ones in the record", async () => {
    const recorded: RespondentChoice[] = [{ sheet: "工場", found: "工場", counted: false }];
    const s = withState(await read(aggregation), baseState(recorded));
    const { respondentChoices: _none, ...bare } = analyseWorkbook(s);
    expect((annotatePlan(s, bare, "ja").plan.state as { write: StateData }).write.respondents).toEqual(recorded);
  });

  test("a new name another respondent already has is said (the summary could not tell them apart)", async () => {
    const s = withState(await read(aggregation), baseState([{ sheet: "工場", found: "工場", name: "本社" }]));
    const taken = analyseWorkbook(s).messages.filter((m) => m.code === "respondent-name-taken");
    expect(taken).toEqual([expect.objectContaining({ level: "warning", sheet: "工場", params: { respondent: "本社", other: "本社" } })]);
    expect(renderMessage(taken[0], "ja")).toContain("別の名前に");
    const distinct = withState(await read(aggregation), baseState([{ sheet: "工場", found: "工場", name: "第二工場" }]));
    expect(analyseWorkbook(distinct).messages.filter((m) => m.code === "respondent-name-taken")).toEqual([]);
  });

  test("a choice about a respondent no longer found is kept, and said", async () => {
    const stale: RespondentChoice = { sheet: "旧本社", found: "旧本社", counted: false };
    const a = analyseWorkbook(withState(await read(aggregation), baseState([stale])));
    expect(a.diagnoses).toHaveLength(2);
    expect(a.respondentChoices).toEqual([stale]);
    expect(a.messages.find((m) => m.code === "respondent-choice-stale")).toMatchObject({ sheet: "旧本社", level: "info" });
  });

  test.each([
    ["not a list", { sheet: "本社" }],
    ["no sheet", [{ found: "本社", counted: false }]],
    ["a found name that is neither text nor a made name", [{ sheet: "本社", found: 3 }]],
    ["a made name that is no name (another resource)", [{ sheet: "本社", found: { ref: "msg.invalid-answer" }, counted: false }]],
    ["a made name of no resource", [{ sheet: "本社", found: { ref: "name.nothing" }, counted: false }]],
    ["a made name with an object for a value", [{ sheet: "本社", found: { ref: "name.column", params: { column: { x: 1 } } }, counted: false }]],
    ["counted not a boolean", [{ sheet: "本社", found: "本社", counted: "no" }]],
    ["a name not text", [{ sheet: "本社", found: "本社", name: 5 }]],
    ["an unknown kind", [{ sheet: "本社", found: "本社", kind: "company" }]],
  ])("a damaged record of choices (%s) is a damaged state: refused, never guessed", async (_, respondents) => {
    const s = withState(await read(aggregation), baseState(respondents));
    expect(() => readState(s)).toThrow(StateDamagedError);
    // Nothing is applied on its word, and the analysis says why the recorded choices are not used.
    const a = analyseWorkbook(s);
    expect(a.diagnoses).toHaveLength(2);
    const said = a.messages.filter((m) => m.code === "respondent-choices-damaged");
    expect(said.map((m) => m.sheet)).toEqual([STATE_SHEET]);
    expect(renderMessage(said[0], "ja")).toContain("回答者について記録した選択");
  });

  test("newer choices replace older ones whole; one that says nothing removes it", () => {
    const older: RespondentChoice[] = [
      { sheet: "本社", found: "本社", name: "本店" },
      { sheet: "工場", found: "工場", counted: false },
    ];
    expect(
      mergeChoices(older, [
        { sheet: "工場", found: "工場" },
        { sheet: "本社", found: "本社", kind: "site" },
      ]),
    ).toEqual([{ sheet: "本社", found: "本社", kind: "site" }]);
    // A made name (C列) is keyed by its resource and place, whatever the language.
    const made = { ref: "name.column", params: { column: "D" } } as never;
    expect(
      mergeChoices([{ sheet: "A", found: made, name: "営業部" }], [{ sheet: "A", found: JSON.parse(JSON.stringify(made)), kind: "department" }]),
    ).toHaveLength(1);
  });
});

describe("recorded, honoured by later runs, cleared", () => {
  test("the pane's choices are recorded with the sheets; the summary names the new name, the kind and who was left out; a re-run keeps them; clear removes them", async () => {
    const s0 = await read(aggregation);
    const rows = respondentRows(examine(s0, "ja"));
    const factory = rows.find((r) => r.name === "工場")!;
    const head = rows.find((r) => r.name === "本社")!;
    let pending = withRespondentChoice({ ratings: {}, notes: {} }, factory, { counted: false });
    pending = withRespondentChoice(pending, head, { name: "本店" });
    pending = withRespondentChoice(pending, head, { kind: "site" });
    const written = writeSheets(s0, "ja", pending);
    const state = (written.plan!.state as { write: StateData }).write;
    expect(state.respondents).toEqual([
      { sheet: "工場", found: "工場", counted: false },
      { sheet: "本社", found: "本社", name: "本店", kind: "site" },
    ]);
    const summary = written.plan!.sheets.find((x) => x.marker === "summary")!;
    const text = texts(summary);
    expect(text).toContain("本店（シート「本社」）の回答による結果です。");
    expect(text).toContain("回答者として数えなかったもの");
    expect(text).toContain("工場（シート「工場」）: コーチの判断で除外");
    expect(text).toContain("集計/全社（シート「集計」）: 本店、工場 の回答を数式で参照した集計");

    // Written, then read again as a later run would (the command line, the preview, the pane).
    const b1 = await apply(aggregation, written.plan!);
    const s1 = await read(b1);
    const again = examine(s1, "ja");
    expect(again.analysis.diagnoses.map((d) => d.respondent)).toEqual(["本店"]);
    expect(again.analysis.leftOut.find((l) => l.respondent === "工場")?.reason).toBe("excluded");
    // A second annotate records them again.
    const rewritten = writeSheets(s1, "ja", { ratings: {}, notes: {} });
    expect((rewritten.plan!.state as { write: StateData }).write.respondents).toEqual(state.respondents);

    // Clear takes them away with the record: the workbook is read as found.
    const cleared = clearSheets(s1, "ja");
    expect(cleared.result.analysis.diagnoses.map((d) => d.respondent)).toEqual(["本社", "工場"]);
    expect(clearPlan(s1).plan.state).toBe("delete");
    const s2 = await read(await apply(b1, cleared.plan!));
    expect(s2.sheets.some((x) => x.name === STATE_SHEET)).toBe(false);
    expect(analyseWorkbook(s2).diagnoses.map((d) => d.respondent)).toEqual(["本社", "工場"]);
    expect(analyseWorkbook(s2).respondentChoices).toEqual([]);
  });

  test("every respondent left out in the pane: still found (no 'nothing found'), the sheets can be written", async () => {
    const s0 = await read(aggregation);
    let pending: PendingEdits = { ratings: {}, notes: {} };
    for (const r of respondentRows(examine(s0, "ja")).filter((x) => x.counted)) pending = withRespondentChoice(pending, r, { counted: false });
    const e = examine(s0, "ja", pending);
    expect(e.analysis.diagnoses).toEqual([]);
    expect(e.found).toBe(true);
    expect(writeSheets(s0, "ja", pending).plan!.sheets.length).toBeGreaterThan(0);
  });

  test("the kind the coach gives decides the summary's wording over the names' guess; 「回答 2 件」 when unknown", async () => {
    const s = await read(aggregation);
    const basis = (choices: RespondentChoice[]) => {
      const a = analyseWorkbook(withState(s, baseState(choices)));
      return texts(annotatePlan(withState(s, baseState(choices)), a, "ja").plan.sheets.find((x) => x.marker === "summary")!);
    };
    // 本社 and 工場 are sites by their names.
    expect(basis([])).toContain("2拠点（本社、工場）");
    expect(
      basis([
        { sheet: "本社", found: "本社", kind: "department" },
        { sheet: "工場", found: "工場", kind: "department" },
      ]),
    ).toContain("2部署（本社、工場）");
    // Renamed to names that say nothing: unknown, counted as answer sets.
    expect(
      basis([
        { sheet: "本社", found: "本社", name: "A" },
        { sheet: "工場", found: "工場", name: "B" },
      ]),
    ).toContain("回答 2 件（A、B）");
    expect(
      basis([
        { sheet: "本社", found: "本社", name: "A", kind: "person" },
        { sheet: "工場", found: "工場", name: "B", kind: "person" },
      ]),
    ).toContain("2名（A、B）");
    // The priority sheet's per-respondent answers are under the new names too.
    const renamed = withState(s, baseState([{ sheet: "本社", found: "本社", name: "本店" }]));
    const priorities = texts(annotatePlan(renamed, analyseWorkbook(renamed), "ja").plan.sheets.find((x) => x.marker === "priorities")!);
    expect(priorities).toMatch(/本店: /);
    expect(priorities).not.toMatch(/本社: /);
  });
});

describe("in Excel (the Office.js host on the fake Excel)", () => {
  test("the pane's choices are recorded through Office.js, read back by the next run, and cleared", async () => {
    const x = await FakeExcel.fromXlsx(Buffer.from(aggregation), "company.xlsx");
    const first = await hostRead(x);
    const rows = respondentRows(examine(first.snapshot, "ja"));
    const pending = withRespondentChoice(
      { ratings: {}, notes: {} },
      rows.find((r) => r.name === "工場")!,
      { counted: false, name: "第二工場" },
    );
    const written = await hostApply(x, writeSheets(first.snapshot, "ja", pending).plan!);
    expect(written.syncs).toBe(2);
    const again = await hostRead(x);
    const e = examine(again.snapshot, "ja");
    expect(e.analysis.diagnoses.map((d) => d.respondent)).toEqual(["本社"]);
    expect(e.analysis.leftOut[0]).toMatchObject({ respondent: "第二工場", foundAs: "工場", reason: "excluded" });
    const cleared = clearSheets(again.snapshot, "ja");
    await hostApply(x, cleared.plan!);
    expect(analyseWorkbook((await hostRead(x)).snapshot).diagnoses.map((d) => d.respondent)).toEqual(["本社", "工場"]);
  });
});
