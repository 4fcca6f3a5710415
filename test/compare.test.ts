/**
 * The comparison engine (core/compare.ts) and the visits a workbook contributes
 * (core/visitSeries.ts): each change kind, parts, total, band, わからない resolved and new.
 */
import ExcelJS from "exceljs";
import { analyseWorkbook } from "../src/core/analyse";
import { annotatePlan } from "../src/core/report";
import { workbookTemplatePlan } from "../src/core/template/workbookTemplate";
import { applyPlan } from "../src/xlsx/applyPlan";
import { STATE_SHEET } from "../src/core/addinState";
import { bandMove, compareVisits, itemChange, scoreVisit, visitFromAnalysis, visitFromRecord, type VisitInput } from "../src/core/compare";
import { incompleteVisitMessages, workbookVisits } from "../src/core/visitSeries";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { FIXTURES, VISIT_COMPARISON } from "../scripts/fixtures";
import { recorded, withStateCells, withVisits } from "./helpers/stateVisits";

/** A visit from a 25-letter pattern (I P N U, - unanswered). */
const visit = (letters: string, label: string | null = null): VisitInput => ({ ...visitFromRecord(recorded(label ?? "x", "2025-01-01", letters)), label });

describe("compareVisits", () => {
  test("fewer than two visits: nothing to compare", () => {
    expect(compareVisits([])).toBeNull();
    expect(compareVisits([visit("IIIII IIIII IIIII IIIII IIIII")])).toBeNull();
  });

  test("each change by IPA's points: more is improved, fewer worse, equal same, unanswered at either end not comparable", () => {
    // Items: 1 P→I, 2 I→P, 3 N→N, 4 U→N (−1 → 0: improved), 5 N→U (worse), 6 -→I, 7 I→-, 8 -→-, 9 U→U, 10 P→U; the rest I→I.
    const c = compareVisits([visit("PINUN -I-UP IIIII IIIII IIIII"), visit("IPNNU I--UU IIIII IIIII IIIII")])!;
    expect(c.items.slice(0, 10).map((i) => [i.no, i.change, i.pointsChange])).toEqual([
      [1, "improved", 2],
      [2, "worse", -2],
      [3, "same", 0],
      [4, "improved", 1],
      [5, "worse", -1],
      [6, "not-comparable", null],
      [7, "not-comparable", null],
      [8, "not-comparable", null],
      [9, "same", 0],
      [10, "worse", -3],
    ]);
    expect(c.summary).toEqual({
      improved: [1, 4],
      worse: [2, 5, 10],
      same: [3, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25],
      "not-comparable": [6, 7, 8],
    });
    expect(c.unknownResolved).toEqual([4]);
    expect(c.unknownNew).toEqual([5, 10]);
    expect(c.unknownRemaining).toEqual([9]);
  });

  test("わからない then unanswered is neither resolved nor remaining; unanswered then わからない is new", () => {
    const c = compareVisits([visit("U-III IIIII IIIII IIIII IIIII"), visit("-UIII IIIII IIIII IIIII IIIII")])!;
    expect(c.unknownResolved).toEqual([]);
    expect(c.unknownRemaining).toEqual([]);
    expect(c.unknownNew).toEqual([2]);
    expect(c.summary["not-comparable"]).toEqual([1, 2]);
  });

  test("per visit the total, band, parts and each item's answer and points; per part and total the change", () => {
    const first = visit("NNNNN PPPPP PPPPP PPPNN NNNNU", "第1回");
    const last = visit("IIIII IIIII IIIPP PPPIN NNIIU", "第2回");
    const c = compareVisits([first, last])!;
    expect(c.visits.map((v) => [v.label, v.total, v.band, v.parts.map((p) => p.points)])).toEqual([
      ["第1回", 25, "at-risk", [0, 26, -1]],
      ["第2回", 73, "mostly", [20, 42, 11]],
    ]);
    expect(c.visits[0].answers[24]).toEqual({ no: 25, answer: "unknown", points: -1 });
    expect(c.visits[1].answers[0]).toEqual({ no: 1, answer: "implemented", points: 4 });
    expect(c.parts).toEqual([
      { part: 1, max: 20, from: 0, to: 20, change: 20 },
      { part: 2, max: 52, from: 26, to: 42, change: 16 },
      { part: 3, max: 28, from: -1, to: 11, change: 12 },
    ]);
    expect(c.total).toEqual({ from: 25, to: 73, change: 48 });
    expect(c.band).toEqual({ from: "at-risk", to: "mostly", move: "up" });
  });

  test("the band goes down, or stays, with the total", () => {
    const high = visit("IIIII IIIII IIIII IIIII IIIII");
    const lower = visit("IIIII IIIII IIIII IIIII IIIIP");
    expect(compareVisits([high, lower])!.band).toEqual({ from: "achieved", to: "mostly", move: "down" });
    expect(compareVisits([lower, visit("IIIII IIIII IIIII IIIII IIIPI")])!.band).toEqual({ from: "mostly", to: "mostly", move: "same" });
    expect(bandMove("insufficient", "at-risk")).toBe("down");
    expect(bandMove("at-risk", "achieved")).toBe("up");
  });

  test("a series of three: first against last, and each step", () => {
    const c = compareVisits([visit("NIIII IIIII IIIII IIIII IIIII"), visit("IPIII IIIII IIIII IIIII IIIII"), visit("IIIII IIIII IIIII IIIII IIIII")])!;
    expect(c.items[0].answers).toEqual(["not", "implemented", "implemented"]);
    expect(c.items[0].steps).toEqual(["improved", "same"]);
    expect(c.items[1].answers).toEqual(["implemented", "partial", "implemented"]);
    expect(c.items[1].steps).toEqual(["worse", "improved"]);
    expect(c.items[1].change).toBe("same");
    expect(c.total).toEqual({ from: 96, to: 100, change: 4 });
  });

  test("a visit without 25 answers is refused, not scored", () => {
    expect(() => scoreVisit({ file: null, label: null, date: null, answers: ["implemented"] })).toThrow(RangeError);
    expect(itemChange("partial", "implemented")).toBe("improved");
  });
});

const fixture = (id: string) => FIXTURES.find((f) => f.id === id)!;
const read = async (bytes: Buffer) => readWorkbookBuffer(bytes, "x.xlsx");

describe("the visits of a workbook", () => {
  test("the current answers of the two layouts compare as written down by the fixtures", async () => {
    const [a, b] = await Promise.all([VISIT_COMPARISON.first, VISIT_COMPARISON.last].map(async (id) => read(await fixture(id).build())));
    const c = compareVisits([visitFromAnalysis(analyseWorkbook(a), "a")!, visitFromAnalysis(analyseWorkbook(b), "b")!])!;
    expect({ ...c.summary }).toEqual({
      improved: VISIT_COMPARISON.improved,
      worse: VISIT_COMPARISON.worse,
      same: VISIT_COMPARISON.same,
      "not-comparable": VISIT_COMPARISON.notComparable,
    });
    expect([c.unknownResolved, c.unknownNew, c.unknownRemaining]).toEqual([
      VISIT_COMPARISON.unknownResolved,
      VISIT_COMPARISON.unknownNew,
      VISIT_COMPARISON.unknownRemaining,
    ]);
    expect(c.total).toEqual({ ...VISIT_COMPARISON.totals, change: VISIT_COMPARISON.totals.to - VISIT_COMPARISON.totals.from });
    expect(c.parts.map((p) => [p.from, p.to])).toEqual([0, 1, 2].map((i) => [VISIT_COMPARISON.parts.from[i], VISIT_COMPARISON.parts.to[i]]));
    expect(c.band).toEqual({ ...VISIT_COMPARISON.band, move: "up" });
    expect(incompleteVisitMessages(c.visits)).toEqual([
      {
        file: c.visits[1].file,
        message: expect.objectContaining({ level: "warning", code: "visit-incomplete", params: expect.objectContaining({ visit: 2, count: 1 }) }),
      },
    ]);
  });

  test("with several respondents the consolidated (weakest) answers count, as in analyze", async () => {
    const s = await read(await fixture("mixed").build());
    const a = analyseWorkbook(s);
    expect(a.consolidated).not.toBeNull();
    expect(visitFromAnalysis(a)!.answers).toEqual(a.consolidated!.answers.map((x) => x.answer));
  });

  test("recorded visits first, oldest first, then the current answers when they differ", async () => {
    const bytes = await withVisits(await fixture(VISIT_COMPARISON.last).build(), [
      recorded("第1回", "2024-05-10", "PNPIU NIPNP UNIPN PIUNN PNNIU"),
      recorded("第2回", "2024-11-12", "IIPIP NIIPI UNPIN IUUPN PIUIN"),
    ]);
    const s = await read(bytes);
    const w = workbookVisits(s, analyseWorkbook(s), "b.xlsx");
    expect(w.visits.map((v) => [v.file, v.label, v.date])).toEqual([
      ["b.xlsx", "第1回", "2024-05-10"],
      ["b.xlsx", "第2回", "2024-11-12"],
      ["b.xlsx", null, null],
    ]);
    expect([w.recorded, w.current]).toEqual([2, "added"]);
    // Item 11: わからない at 第2回, 実施 now; item 12 unanswered now.
    expect(w.visits[2].answers.slice(10, 12)).toEqual(["implemented", null]);
  });

  test("current answers the same as the last recorded visit are not counted twice", async () => {
    const bytes = await withVisits(await fixture(VISIT_COMPARISON.last).build(), [recorded("第3回", "2025-02-01", "IIPIP NIIPI I-PIN IUUPN PIUIN")]);
    const s = await read(bytes);
    const w = workbookVisits(s, analyseWorkbook(s), "b.xlsx");
    expect(w.visits.map((v) => v.label)).toEqual(["第3回"]);
    expect(w.current).toBe("recorded");
    expect(w.messages).toEqual([expect.objectContaining({ level: "info", code: "visit-current-recorded", params: { label: "第3回" } })]);
  });

  test("a damaged state, or a damaged recorded visit (which makes the state damaged), is said and left out; the current answers still count", async () => {
    const base = await fixture(VISIT_COMPARISON.first).build();
    let s = await read(await withStateCells(base, ["shindan-coach-state", '{"version":2,"sheets":[']));
    let w = workbookVisits(s, analyseWorkbook(s), "a.xlsx");
    expect(w.visits.map((v) => v.label)).toEqual([null]);
    // The analysis says too that the respondent choices recorded there are not used.
    expect(w.messages).toEqual([
      expect.objectContaining({ level: "warning", code: "visit-state-damaged", sheet: STATE_SHEET }),
      expect.objectContaining({ level: "warning", code: "respondent-choices-damaged", sheet: STATE_SHEET }),
    ]);

    const cut = { label: "第1回", date: "2024-05-10", respondents: [], counted: ["implemented"] };
    s = await read(await withVisits(base, [cut, recorded("第3回", "2025-01-01", "IIIII IIIII IIIII IIIII IIIIN")]));
    w = workbookVisits(s, analyseWorkbook(s), "a.xlsx");
    expect(w.visits.map((v) => v.label)).toEqual([null]);
    expect(w.messages).toEqual([
      expect.objectContaining({ level: "warning", code: "visit-state-damaged", params: expect.objectContaining({ detail: expect.stringContaining("第1回") }) }),
      expect.objectContaining({ level: "warning", code: "respondent-choices-damaged", sheet: STATE_SHEET }),
    ]);
  });

  test("a diagnosis with no answer at all (answers cleared to answer again) is no visit: the recorded ones count, and that is said", async () => {
    const wb = new ExcelJS.Workbook();
    applyPlan(wb, workbookTemplatePlan("ja", "diagnosis"));
    const blank = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const s = await read(await withVisits(blank, [recorded("第1回", "2024-05-10", "PNPIU NIPNP UNIPN PIUNN PNNIU")]));
    const a = analyseWorkbook(s);
    expect(a.diagnoses).toHaveLength(1);
    const w = workbookVisits(s, a, "blank.xlsx");
    expect(w.visits.map((v) => v.label)).toEqual(["第1回"]);
    expect(w.current).toBe("blank");
    expect(w.messages).toEqual([expect.objectContaining({ level: "info", code: "visit-current-blank" })]);
    // The deliverable's progress sheet counts it as the comparison does: no column for the blank answers.
    expect(annotatePlan(s, a, "ja").visits.currentDiffers).toBe(false);
  });

  test("a workbook with neither a diagnosis nor recorded visits says so", async () => {
    const s = await read(await fixture("lookalike-sales").build());
    const w = workbookVisits(s, analyseWorkbook(s), "c.xlsx");
    expect(w.visits).toEqual([]);
    expect(w.current).toBe("none");
    expect(w.messages.map((m) => m.code)).toContain("visit-none");
  });
});
