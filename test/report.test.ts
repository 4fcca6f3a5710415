/**
 * The deliverable plan (src/core/report): the three sheets with their markers and positions,
 * the priority list in rank order, the fills on the company's sheets, and a second run over an
 * annotated workbook that keeps the expert's ratings and notes. Pure: the fixture workbooks are
 * read once with the ExcelJS host; the "annotated" workbooks are snapshots built from our own
 * plan's cells.
 */
import { parseA1, parseRange } from "../src/core/address";
import { MARKER_COL, STATE_SHEET, markerText, stateCells } from "../src/core/addinState";
import { analyseWorkbook, type Analysis } from "../src/core/analyse";
import { BANDS, ITEMS } from "../src/core/catalog/diagnosis";
import { RATING_LABELS } from "../src/core/catalog/itemGuidance";
import { ITEM_MEASURES } from "../src/core/catalog/itemMeasures";
import { PRESENCE_SPELLINGS } from "../src/core/catalog/regulations";
import { t, type Lang } from "../src/core/i18n";
import { renderMessage } from "../src/core/messages";
import { checkPlan, type Plan, type PlanCell, type RecordedFill, type SheetPlan } from "../src/core/plan";
import { prioritise, type PriorityEdits } from "../src/core/prioritise";
import { HIGHLIGHT_COLORS, PRIORITY_COLS, annotatePlan, bar, companySnapshot, parseRating, priorityLayout } from "../src/core/report";
import { respondentName } from "../src/core/report/common";
import { cellAt, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../src/core/snapshot";
import { ADDIN_HIGHLIGHT_ARGB, planRestores } from "../src/core/restore";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { FIXTURES, SAMPLE, type FixtureSpec } from "../scripts/fixtures";

const SINGLE = FIXTURES.find((f) => f.id === "mark-grid")!;
/** The company's name each fixture's form writes (the sample's head line: 株式会社やまびこ製作所　本社　記入者：…). */
const COMPANY: Record<string, string | undefined> = { "sample-diagnosis": "株式会社やまびこ製作所" };

async function load(f: FixtureSpec): Promise<WorkbookSnapshot> {
  return readWorkbookBuffer(await f.build(), `${f.id}.xlsx`);
}

const main = (a: Analysis) => a.consolidated ?? a.diagnoses[0] ?? null;

/** The plan cell at a 0-based position of a sheet plan. */
function cell(s: SheetPlan, row: number, col: number): PlanCell {
  for (const b of s.cells) {
    const r = b.rows[row - b.top];
    if (r && col >= b.left && col - b.left < r.length) return r[col - b.left];
  }
  return null;
}
const value = (s: SheetPlan, row: number, col: number) => cell(s, row, col)?.value ?? null;

/** Every text value of a sheet plan, in reading order. */
function texts(s: SheetPlan): string[] {
  return s.cells.flatMap((b) => b.rows.flatMap((r) => r.map((c) => c?.value).filter((v): v is string => typeof v === "string")));
}

/** The measure ids the action plan sheet carries in its hidden column, top down. */
function sheetIds(plan: Plan): string[] {
  const s = sheetOf(plan, "actionPlan");
  const idCol = s.hiddenColumns![0];
  return s.cells.flatMap((b) => b.rows.map((r) => r[idCol - b.left]?.value)).filter((v): v is string => typeof v === "string" && /^(item|reg|own):/.test(v));
}

function sheetOf(plan: Plan, kind: "owner" | "summary" | "priorities" | "regulations" | "actionPlan"): SheetPlan {
  const s = plan.sheets.find((x) => x.marker === kind);
  if (!s) throw new Error(`no ${kind} sheet in the plan`);
  return s;
}

/**
 * A snapshot of the workbook after the plan was applied: the company's sheets, ours (values and
 * the marker cell) and the state sheet with `recorded` as the fills the host recorded.
 */
function annotated(company: WorkbookSnapshot, plan: Plan, recorded: RecordedFill[] = []): WorkbookSnapshot {
  const deleted = new Set(plan.deleteSheets ?? []);
  const ours: SheetSnapshot[] = plan.sheets.map((s) => {
    const values: CellValue[][] = [];
    for (const b of s.cells) {
      b.rows.forEach((r, i) =>
        r.forEach((c, j) => {
          if (!c) return;
          const row = (values[b.top + i] ??= []);
          row[b.left + j] = c.value ?? null;
        }),
      );
    }
    for (let i = 0; i < values.length; i++) values[i] = Array.from(values[i] ?? [], (v) => v ?? null);
    values[0][MARKER_COL] = markerText(s.marker!);
    for (let j = 0; j < MARKER_COL; j++) values[0][j] ??= null;
    return { name: s.name, visibility: "visible", top: 0, left: 0, values, hiddenRows: [], hiddenColumns: [], merges: [] };
  });
  const state = typeof plan.state === "object" ? { ...plan.state.write, highlights: recorded } : null;
  const stateSheet: SheetSnapshot[] = state
    ? [
        {
          name: STATE_SHEET,
          visibility: "veryHidden",
          top: 0,
          left: 0,
          values: stateCells(state).map((c) => [c]),
          hiddenRows: [],
          hiddenColumns: [],
          merges: [],
        },
      ]
    : [];
  const kept = company.sheets.filter((s) => !deleted.has(s.name) && s.name !== STATE_SHEET);
  return { name: company.name, sheets: [...ours, ...kept, ...stateSheet] };
}

/** Sets one value in a snapshot sheet (0-based), growing the grid as needed. */
function setValue(wb: WorkbookSnapshot, sheet: string, row: number, col: number, v: CellValue): void {
  const s = wb.sheets.find((x) => x.name === sheet)!;
  const r = (s.values[row - s.top] ??= []);
  while (r.length < col - s.left) r.push(null);
  r[col - s.left] = v;
}

/** The row of item `no` on a priority sheet plan. */
function priorityRow(s: SheetPlan, no: number): number {
  const L = priorityLayout();
  for (let row = L.firstRow; row < L.firstRow + 25; row++) if (value(s, row, PRIORITY_COLS.no) === no) return row;
  throw new Error(`item ${no} not on the priority sheet`);
}

function rankedNumbers(s: SheetPlan): number[] {
  const L = priorityLayout();
  return Array.from({ length: 25 }, (_, i) => value(s, L.firstRow + i, PRIORITY_COLS.no) as number);
}

describe.each([
  ["the bundled sample (two sites, checksheet, policy)", SAMPLE],
  ["a single respondent in a mark grid", SINGLE],
])("annotatePlan: %s", (_label, fixture) => {
  let snapshot: WorkbookSnapshot;
  let analysis: Analysis;
  let plan: Plan;

  beforeAll(async () => {
    snapshot = await load(fixture);
    analysis = analyseWorkbook(snapshot);
    const r = annotatePlan(snapshot, analysis);
    plan = r.plan;
    expect(r.messages).toEqual([]);
  });

  test("our sheets, first in the workbook, with their markers; a valid plan without formulas", () => {
    const want = [
      { name: t("ja", "report.owner.sheetName"), marker: "owner", position: 0, action: "create" },
      { name: t("ja", "report.summary.sheetName"), marker: "summary", position: 1, action: "create" },
      { name: t("ja", "report.priorities.sheetName"), marker: "priorities", position: 2, action: "create" },
      { name: t("ja", "report.plan.sheetName"), marker: "actionPlan", position: 3, action: "create" },
      ...(analysis.regulations ? [{ name: t("ja", "report.regulations.sheetName"), marker: "regulations", position: 4, action: "create" }] : []),
    ];
    expect(plan.sheets.map((s) => ({ name: s.name, marker: s.marker, position: s.position, action: s.action }))).toEqual(want);
    expect(fixture === SAMPLE ? 5 : 4).toBe(plan.sheets.length);
    expect(checkPlan(plan)).toEqual([]);
    // The only formulas: the action plan's totals, which follow what the company types.
    const formulas = plan.sheets.flatMap((s) =>
      s.cells.flatMap((b) =>
        b.rows
          .flat()
          .filter((c) => c?.formula !== undefined)
          .map((c) => `${s.marker} ${c!.formula!.slice(0, 6)}`),
      ),
    );
    expect(formulas).toEqual(["actionPlan SUMIF(", "actionPlan SUMIF(", "actionPlan SUMIF("]);
    // Nothing of ours in the marker column.
    for (const s of plan.sheets) for (let row = 0; row < 80; row++) expect(cell(s, row, MARKER_COL)).toBeNull();
  });

  test("first run: nothing to undo, and the state records our sheets and the defaults written", () => {
    expect(plan.restoreFills).toEqual([]);
    expect(plan.unrestored).toEqual([]);
    expect(plan.deleteSheets).toEqual([]);
    const items = prioritise(main(analysis));
    expect(plan.state).toEqual({
      write: {
        version: 2,
        sheets: plan.sheets.map((s) => ({ name: s.name, kind: s.marker })),
        highlights: [],
        ratingDefaults: Object.fromEntries(items.map((p) => [String(p.no), p.defaults])),
        owner: { company: COMPANY[fixture.id] ?? null, entered: false },
        actionPlan: { written: sheetIds(plan), added: [] },
      },
    });
  });

  test("every sheet prints on A4 fitted to the page width, with header rows, file name and date, a Japanese font", () => {
    for (const s of plan.sheets) {
      expect(s.print).toMatchObject({ paper: "A4", fitToWidth: true });
      const fonts = new Set(s.cells.flatMap((b) => b.rows.flat().map((c) => c?.style?.fontName)).filter(Boolean));
      expect([...fonts]).toEqual(["游ゴシック"]);
      // The owner's page is one portrait page with its own date: no file name, nothing repeated.
      if (s.marker === "owner") {
        expect(s.print).toMatchObject({ orientation: "portrait", header: "", footer: "" });
        continue;
      }
      expect(s.print!.repeatRows).toBeDefined();
      expect(s.print!.header).toContain("&F");
      expect(s.print!.header).toContain("&D");
      expect(s.freezeRows).toBeGreaterThan(0);
      expect(s.columnWidths!.length).toBeGreaterThan(2);
    }
    expect(sheetOf(plan, "priorities").print!.orientation).toBe("landscape");
  });

  test("the priority sheet lists the 25 items in rank order with prioritise()'s values", () => {
    const s = sheetOf(plan, "priorities");
    const L = priorityLayout();
    const C = PRIORITY_COLS;
    expect(value(s, L.headerRow, C.rank)).toBe(t("ja", "report.priorities.col.rank"));
    expect(value(s, L.headerRow, C.note)).toBe(t("ja", "report.priorities.col.note"));
    const items = prioritise(main(analysis));
    items.forEach((p, i) => {
      const row = L.firstRow + i;
      expect({
        rank: value(s, row, C.rank),
        no: value(s, row, C.no),
        item: value(s, row, C.item),
        points: value(s, row, C.points),
        ratings: [value(s, row, C.urgency), value(s, row, C.importance), value(s, row, C.difficulty)],
        priority: value(s, row, C.priority),
        class: value(s, row, C.class),
        quickWin: value(s, row, C.quickWin),
      }).toEqual({
        rank: p.rank,
        no: p.no,
        item: ITEMS[p.no - 1].title.ja,
        points: p.points,
        ratings: [p.ratings.urgency, p.ratings.importance, p.ratings.difficulty].map((r) => RATING_LABELS[r].ja),
        priority: p.priority,
        class: t("ja", `report.priorities.class.${p.class}`),
        quickWin: p.quickWin ? t("ja", "report.priorities.quickWinMark") : null,
      });
      expect(value(s, row, C.measure)).toBe(p.class === "maintain" ? t("ja", "report.priorities.maintainMeasure") : ITEM_MEASURES[p.no].measure.ja);
      // Editable: light yellow.
      for (const col of [C.urgency, C.importance, C.difficulty, C.note]) expect(cell(s, row, col)?.style?.fill).toBe("FFF2CC");
    });
    expect(s.validations).toEqual([
      expect.objectContaining({
        range: { top: L.firstRow, left: C.urgency, bottom: L.firstRow + 24, right: C.difficulty },
        list: ["高", "中", "低"],
      }),
    ]);
  });

  test("the summary shows the total, the band and every respondent's answers", () => {
    const s = sheetOf(plan, "summary");
    const all = texts(s);
    const m = main(analysis)!;
    // Titled with the company's name when the workbook gives one; never with the file's name.
    expect(all[0]).toBe(COMPANY[fixture.id] ? t("ja", "report.summary.titleCompany", { company: COMPANY[fixture.id]! }) : t("ja", "report.summary.title"));
    expect(all[0]).not.toContain(snapshot.name.replace(/\.xlsx$/, ""));
    const total = m.complete ? "report.summary.totalValue" : "report.summary.totalProvisional";
    // Total and band on one line.
    expect(all).toContain(
      t("ja", "report.summary.totalBandValue", { total: t("ja", total, { total: m.total }), band: BANDS.find((b) => b.id === m.band)!.label.ja }),
    );
    // The parts' subtotals are in the matrix, for every respondent.
    for (const p of m.parts) expect(all).toContain(t("ja", "report.summary.partValue", { points: p.points, max: p.max }));
    expect(all.includes(t("ja", "report.summary.provisional", { count: m.unanswered.length }))).toBe(!m.complete);
    // The full item titles are on the priority sheet only (the matrix uses short labels).
    for (const item of ITEMS) expect(all).not.toContain(item.title.ja);
    for (const d of analysis.diagnoses) expect(all).toContain(respondentName(d, "ja"));
    expect(all).toContain(t("ja", "report.summary.section.legend"));
  });

  test("highlights: exactly the answer cells of the focus and next items where that respondent's answer is weak, and the absent cells", () => {
    const items = prioritise(main(analysis));
    const cls = new Map(items.map((p) => [p.no, p.class]));
    const want = analysis.diagnoses.flatMap((d) =>
      d.answers
        .filter((a) => a.cell !== null && cls.get(a.no) !== "maintain" && a.answer !== "implemented")
        .map((a) => ({ sheet: d.sheet, range: parseRange(a.cell!), fill: HIGHLIGHT_COLORS[cls.get(a.no) as "focus" | "next"] })),
    );
    const answers = plan.highlights!.filter((h) => h.fill !== HIGHLIGHT_COLORS.absent);
    expect(answers.map(({ values: _, ...h }) => h)).toEqual(want);
    // Each with its cells' values as read, which the state records to find the cells again.
    for (const h of plan.highlights!) {
      const sheet = snapshot.sheets.find((x) => x.name === h.sheet)!;
      expect(h.values).toEqual(
        Array.from({ length: h.range.bottom - h.range.top + 1 }, (_, i) =>
          Array.from({ length: h.range.right - h.range.left + 1 }, (_, j) => cellAt(sheet, h.range.top + i, h.range.left + j)),
        ),
      );
    }
    expect(answers.some((h) => h.fill === HIGHLIGHT_COLORS.focus)).toBe(true);

    const absent = plan.highlights!.filter((h) => h.fill === HIGHLIGHT_COLORS.absent);
    const expected = fixture.expected.regulations;
    if (!expected) {
      expect(absent).toEqual([]);
    } else {
      // As many as the fixture's builder marked 無, each a single cell holding 無 on the check sheet.
      expect(absent).toHaveLength(expected.coverage.reduce((s, c) => s + c.absent, 0));
      const check = snapshot.sheets.find((s) => s.name === expected.sheet)!;
      for (const h of absent) {
        expect(h.sheet).toBe(expected.sheet);
        expect([h.range.top, h.range.left]).toEqual([h.range.bottom, h.range.right]);
        const v = String(cellAt(check, h.range.top, h.range.left)).trim();
        expect([PRESENCE_SPELLINGS.absent.ja, PRESENCE_SPELLINGS.absent.en, ...PRESENCE_SPELLINGS.absent.other]).toContain(v);
      }
    }
  });
});

test("a mark grid's unanswered row is highlighted over the whole row of marks", async () => {
  const snapshot = await load(SINGLE);
  const { plan } = annotatePlan(snapshot, analyseWorkbook(snapshot));
  const ranges = SINGLE.expected.respondents[0].answers.filter((a) => a.cell?.includes(":"));
  expect(ranges.length).toBeGreaterThan(0);
  for (const a of ranges) {
    expect(plan.highlights).toContainEqual(
      expect.objectContaining({ sheet: SINGLE.expected.respondents[0].sheet, range: parseRange(a.cell!), fill: HIGHLIGHT_COLORS.focus }),
    );
  }
});

test("the regulation sheet: one row per regulation with the company's decision, the recommendation and the policy checklist", async () => {
  const snapshot = await load(SAMPLE);
  const analysis = analyseWorkbook(snapshot);
  const s = sheetOf(annotatePlan(snapshot, analysis).plan, "regulations");
  const all = texts(s);
  expect(all).toContain(t("ja", "report.regulations.col.no"));
  expect(all).toContain(t("ja", "report.regulations.col.reasons"));
  const reviews = analysis.regulations!.reviews;
  const differs = reviews.find((r) => r.differs)!;
  expect(all).toContain(differs.name);
  expect(all.some((x) => x.includes(t("ja", `decision.${differs.recommended!}`)))).toBe(true);
  for (const c of analysis.policy!.checks.filter((x) => x.note)) expect(all).toContain(c.note);
  expect(all).not.toContain(t("ja", "report.regulations.policy.missing"));
});

describe("a second run over the annotated workbook", () => {
  let company: WorkbookSnapshot;
  let analysis: Analysis;
  let first: Plan;
  let recorded: RecordedFill[];

  beforeAll(async () => {
    company = await load(SAMPLE);
    analysis = analyseWorkbook(company);
    first = annotatePlan(company, analysis).plan;
    // What a host records for a highlighted cell: the fill before, the sheet's id, the colour given, the value.
    const sheet = company.sheets.find((x) => x.name === "本社")!;
    recorded = [{ sheet: "本社", cell: "C7", original: null, sheetId: sheet.id, applied: "FFF4B084", value: cellAt(sheet, 6, 2) }];
  });

  test("our sheets are told apart: analysing without them gives the company's own result", () => {
    const wb = annotated(company, first, recorded);
    expect(analyseWorkbook(companySnapshot(wb))).toEqual(analysis);
  });

  test("a changed rating and a note survive; the ranking follows; the old sheets and fills are undone", () => {
    const wb = annotated(company, first, recorded);
    const pri = sheetOf(first, "priorities");
    // Item 17 is in place (urgency 低, maintain); the expert raises its urgency to 高.
    const row = priorityRow(pri, 17);
    setValue(wb, pri.name, row, PRIORITY_COLS.urgency, "高");
    setValue(wb, pri.name, priorityRow(pri, 3), PRIORITY_COLS.note, "社長のPCはパスワードなし。次回確認。");

    const again = annotatePlan(wb, analyseWorkbook(companySnapshot(wb)));
    expect(again.messages).toEqual([]);
    expect(again.plan.deleteSheets).toEqual(first.sheets.map((s) => s.name));
    expect(again.plan.restoreFills).toEqual([{ sheet: "本社", cell: "C7", original: null, expect: ["FFF4B084"] }]);
    expect(again.plan.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => s.name));

    const edits: PriorityEdits = { ratings: { 17: { urgency: "high" } }, notes: { 3: "社長のPCはパスワードなし。次回確認。" } };
    const want = prioritise(main(analysis), edits);
    expect(want.map((p) => p.no)).not.toEqual(prioritise(main(analysis)).map((p) => p.no));
    const s = sheetOf(again.plan, "priorities");
    expect(rankedNumbers(s)).toEqual(want.map((p) => p.no));
    expect(value(s, priorityRow(s, 17), PRIORITY_COLS.urgency)).toBe("高");
    expect(cell(s, priorityRow(s, 17), PRIORITY_COLS.urgency)?.style?.bold).toBe(true);
    expect(value(s, priorityRow(s, 3), PRIORITY_COLS.note)).toBe("社長のPCはパスワードなし。次回確認。");
    // Item 17 now has a highlight colour in the company's sheets: the expert's urgency, for every respondent.
    const cls = want.find((p) => p.no === 17)!.class;
    expect(cls).not.toBe("maintain");
    const c17 = analysis.diagnoses.map((d) => ({ sheet: d.sheet, range: parseRange(d.answers[16].cell!), fill: HIGHLIGHT_COLORS[cls as "focus" | "next"] }));
    for (const h of c17) expect(again.plan.highlights).toContainEqual(expect.objectContaining(h));
    // The defaults are still the defaults: the edit is told apart from them next time too.
    const state = (again.plan.state as { write: { ratingDefaults: Record<string, { urgency: string }> } }).write;
    expect(state.ratingDefaults["17"].urgency).toBe("low");

    // A third run keeps the edit and the note without anyone touching them.
    const third = annotatePlan(annotated(company, again.plan), analyseWorkbook(company));
    expect(rankedNumbers(sheetOf(third.plan, "priorities"))).toEqual(want.map((p) => p.no));
    expect(third.priorities.find((p) => p.no === 3)!.note).toBe("社長のPCはパスワードなし。次回確認。");
  });

  test("an untouched rating follows a changed answer (it was only the default)", () => {
    // Last time item 17 was answered 実施していない (default urgency 高); now it is 実施している.
    const before = structuredClone(analysis);
    before.consolidated!.answers[16] = { ...before.consolidated!.answers[16], answer: "not", points: 0 };
    const previous = annotatePlan(company, before).plan;
    const pri = sheetOf(previous, "priorities");
    expect(value(pri, priorityRow(pri, 17), PRIORITY_COLS.urgency)).toBe("高");

    const again = annotatePlan(annotated(company, previous), analysis);
    expect(again.priorities.find((p) => p.no === 17)!.ratings.urgency).toBe("low");
    expect(again.priorities.map((p) => p.no)).toEqual(prioritise(main(analysis)).map((p) => p.no));
  });

  test("an invalid rating is reported with its cell, and the default is used", () => {
    const wb = annotated(company, first);
    const pri = sheetOf(first, "priorities");
    const row = priorityRow(pri, 9);
    setValue(wb, pri.name, row, PRIORITY_COLS.importance, "すごく高い");
    const again = annotatePlan(wb, analysis);
    const def = prioritise(main(analysis)).find((p) => p.no === 9)!.defaults.importance;
    expect(again.messages).toEqual([expect.objectContaining({ level: "warning", code: "invalid-rating", sheet: pri.name })]);
    expect(parseA1(again.messages[0].cell!)).toEqual({ row, col: PRIORITY_COLS.importance });
    const text = renderMessage(again.messages[0], "ja");
    expect(text).toContain("すごく高い");
    expect(text).toContain(RATING_LABELS[def].ja);
    expect(text).toContain(t("ja", "report.priorities.col.importance"));
    expect(renderMessage(again.messages[0], "en")).toContain("Importance");
    expect(again.priorities.find((p) => p.no === 9)!.ratings.importance).toBe(def);
    const s = sheetOf(again.plan, "priorities");
    expect(value(s, priorityRow(s, 9), PRIORITY_COLS.importance)).toBe(RATING_LABELS[def].ja);
  });

  test("a note that looks like a formula stays a value", () => {
    const wb = annotated(company, first);
    const pri = sheetOf(first, "priorities");
    const note = '=HYPERLINK("https://example.com","手順書")';
    setValue(wb, pri.name, priorityRow(pri, 5), PRIORITY_COLS.note, note);
    setValue(wb, pri.name, priorityRow(pri, 6), PRIORITY_COLS.note, "+81 3 1234 5678");
    const s = sheetOf(annotatePlan(wb, analysis).plan, "priorities");
    expect(cell(s, priorityRow(s, 5), PRIORITY_COLS.note)).toEqual(expect.objectContaining({ value: note }));
    expect(cell(s, priorityRow(s, 5), PRIORITY_COLS.note)!.formula).toBeUndefined();
    expect(value(s, priorityRow(s, 6), PRIORITY_COLS.note)).toBe("+81 3 1234 5678");
  });

  test("ratings written in English are read back by a Japanese run, and the other way round", () => {
    const en = annotatePlan(company, analysis, "en").plan;
    const pri = sheetOf(en, "priorities");
    expect(pri.name).toBe("Priority areas");
    expect(pri.validations![0].list).toEqual(["High", "Medium", "Low"]);
    const wb = annotated(company, en);
    setValue(wb, pri.name, priorityRow(pri, 17), PRIORITY_COLS.difficulty, "High");
    const ja = annotatePlan(wb, analysis, "ja");
    expect(ja.messages).toEqual([]);
    expect(ja.plan.deleteSheets).toEqual(en.sheets.map((s) => s.name));
    expect(ja.priorities.find((p) => p.no === 17)!.overridden).toEqual(["difficulty"]);
    expect(ja.plan.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => s.name));
  });

  test("a company sheet with our name (no marker) is kept, and ours goes under another name", () => {
    const wanted = t("ja", "report.priorities.sheetName");
    const theirs: SheetSnapshot = {
      name: wanted,
      visibility: "visible",
      top: 0,
      left: 0,
      values: [["社内の改善計画"]],
      hiddenRows: [],
      hiddenColumns: [],
      merges: [],
    };
    const wb: WorkbookSnapshot = { ...company, sheets: [...company.sheets, theirs] };
    const { plan } = annotatePlan(wb, analyseWorkbook(wb));
    const ours = sheetOf(plan, "priorities");
    expect(ours.name).not.toBe(wanted);
    expect(ours.name).toBe(`${wanted} (2)`);
    expect(plan.deleteSheets).toEqual([]);
    expect(sheetOf(plan, "summary").name).toBe(t("ja", "report.summary.sheetName"));
    // The legend names the priority sheet by the name it really has.
    expect(texts(sheetOf(plan, "summary")).some((x) => x.includes(`「${ours.name}」`))).toBe(true);

    // Next run: ours is found by its marker and replaced; theirs is left alone.
    const again = annotatePlan(annotated(wb, plan), analyseWorkbook(wb));
    expect(again.plan.deleteSheets).toContain(ours.name);
    expect(again.plan.deleteSheets).not.toContain(wanted);
    expect(sheetOf(again.plan, "priorities").name).toBe(ours.name);
  });

  test("a damaged state is reported; nothing is restored and no sheet is taken for ours", () => {
    const wb = annotated(company, first, recorded);
    const state = wb.sheets.find((s) => s.name === STATE_SHEET)!;
    state.values[1][0] = "{not json";
    const again = annotatePlan(wb, analysis);
    expect(again.messages.map((m) => m.code)).toEqual(["invalid-addin-state"]);
    expect(again.plan.restoreFills).toEqual([]);
    // Which sheets were ours is in the lost record: none is deleted on a guess (a host refuses the plan anyway).
    expect(again.plan.deleteSheets).toEqual([]);
  });
});

describe("the summary's prompts and the English sheets", () => {
  test("a total of 90 or more asks to probe for exceptions; below it does not", async () => {
    const snapshot = await load(SINGLE);
    const analysis = analyseWorkbook(snapshot);
    const prompt = (total: number) => t("ja", "report.summary.highScore", { total });
    const summary = (a: Analysis) => texts(sheetOf(annotatePlan(snapshot, a).plan, "summary"));
    expect(summary(analysis)).not.toContain(prompt(analysis.diagnoses[0].total));
    const high = structuredClone(analysis);
    high.diagnoses[0].total = 92;
    expect(summary(high)).toContain(prompt(92));
  });

  test("English: sheet names, headers and labels", async () => {
    const snapshot = await load(SAMPLE);
    const { plan } = annotatePlan(snapshot, analyseWorkbook(snapshot), "en" as Lang);
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "Summary for the owner",
      "Diagnosis summary",
      "Priority areas",
      "Security action plan",
      "Regulation status",
    ]);
    const all = plan.sheets.flatMap(texts);
    expect(all).toContain("Rank");
    expect(all).toContain(t("en", "report.priorities.howEdit"));
    for (const s of plan.sheets) {
      const fonts = new Set(s.cells.flatMap((b) => b.rows.flat().map((c) => c?.style?.fontName)).filter(Boolean));
      expect([...fonts]).toEqual(["Calibri"]);
    }
  });

  test("the workbook holds the checksheet only: no diagnosis, still a summary and a priority list", async () => {
    const snapshot = await load(SAMPLE);
    const bare = { ...snapshot, sheets: snapshot.sheets.filter((s) => s.name !== "本社" && s.name !== "工場") };
    const analysis = analyseWorkbook(bare);
    expect(analysis.diagnoses).toEqual([]);
    const { plan } = annotatePlan(bare, analysis);
    expect(plan.sheets.map((s) => s.marker)).toEqual(["owner", "summary", "priorities", "actionPlan", "regulations"]);
    expect(texts(sheetOf(plan, "summary"))).toContain(t("ja", "report.basis.none"));
    expect(plan.highlights!.every((h) => h.fill === HIGHLIGHT_COLORS.absent)).toBe(true);
  });
});

test("bars, ranges and ratings", () => {
  expect(bar(14, 20)).toBe("■■■■■■■□□□");
  expect(bar(-3, 28)).toBe("□□□□□□□□□□");
  expect(bar(28, 28)).toBe("■■■■■■■■■■");
  expect(parseRange("D9:G9")).toEqual({ top: 8, left: 3, bottom: 8, right: 6 });
  expect(parseRange("E9")).toEqual({ top: 8, left: 4, bottom: 8, right: 4 });
  expect(["高", " 中 ", "ｌｏｗ", "High", "medium", "すごく高い", 3, null].map(parseRating)).toEqual([
    "high",
    "medium",
    "low",
    "high",
    "medium",
    null,
    null,
    null,
  ]);
});

test("the analysis of an annotated workbook ignores our own sheets; an analysis naming one is refused", async () => {
  const company = await load(SAMPLE);
  const { plan } = annotatePlan(company, analyseWorkbook(company));
  const wb = annotated(company, plan);
  expect(analyseWorkbook(wb)).toEqual(analyseWorkbook(company));
  const misread = analyseWorkbook(company);
  misread.diagnoses[0] = { ...misread.diagnoses[0], sheet: plan.sheets[0].name };
  expect(() => annotatePlan(wb, misread)).toThrow(/companySnapshot/);
  expect(() => annotatePlan(wb, analyseWorkbook(wb))).not.toThrow();
});

test("with many respondents the priority sheet counts the answers instead of listing every one", async () => {
  const company = await load(SAMPLE);
  const a = analyseWorkbook(company);
  // Eight respondents: the two sites four times over.
  const many: Analysis = { ...a, diagnoses: [0, 1, 2, 3].flatMap((i) => a.diagnoses.map((d) => ({ ...d, respondent: `${d.respondent}${i}` }))) };
  const s = sheetOf(annotatePlan(company, many).plan, "priorities");
  const answers = String(value(s, priorityRow(s, 2), PRIORITY_COLS.answer));
  // Item 2: 本社 answered 実施している, 工場 わからない.
  expect(answers.split("\n")).toEqual(["わからない", "実施 4、不明 4"]);
  const few = sheetOf(annotatePlan(company, a).plan, "priorities");
  expect(String(value(few, priorityRow(few, 2), PRIORITY_COLS.answer)).split("\n")).toHaveLength(3);
});

test("respondents named by sheet and column are written in the sheets' language (本社/C列, 本社/Column C)", async () => {
  const company = await load(FIXTURES.find((f) => f.id === "rec-unnamed-columns")!);
  const a = analyseWorkbook(company);
  for (const [lang, name, other] of [
    ["ja", "本社/C列", "Column C"],
    ["en", "本社/Column C", "C列"],
  ] as const) {
    const { plan } = annotatePlan(company, a, lang);
    const all = [...texts(sheetOf(plan, "summary")), ...texts(sheetOf(plan, "priorities"))];
    expect(all.some((x) => x.includes(name))).toBe(true);
    expect(all.some((x) => x.includes(other) || x.includes("[object Object]"))).toBe(false);
  }
});

describe("finding the coloured cells again (core/restore.ts)", () => {
  const sheet = (name: string, values: CellValue[][], id?: SheetSnapshot["id"]): SheetSnapshot => ({
    name,
    ...(id ? { id } : {}),
    visibility: "visible",
    top: 0,
    left: 0,
    values,
    hiddenRows: [],
    hiddenColumns: [],
    merges: [],
  });
  const record = (cell: string, value: CellValue, id?: RecordedFill["sheetId"], sheetName = "回答"): RecordedFill => ({
    sheet: sheetName,
    cell,
    original: null,
    applied: "FFF4B084",
    value,
    ...(id ? { sheetId: id } : {}),
  });
  const state = (highlights: RecordedFill[]) => ({ version: 2 as const, sheets: [], highlights, ratingDefaults: {} });
  const column = (xs: CellValue[], top = 0): CellValue[][] => [...Array.from({ length: top }, () => [] as CellValue[]), ...xs.map((x) => [null, x])];
  const ANSWERS: CellValue[] = ["いいえ", "はい", "一部", "わからない", "はい", "いいえ", "一部", "はい"];
  const records = ANSWERS.map((v, i) => record(`B${i + 1}`, v));
  const wb = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ name: "w.xlsx", sheets });

  test("unchanged: every cell where it was; a column inserted on the left: one column right", () => {
    expect(planRestores(wb(sheet("回答", column(ANSWERS))), state(records)).restoreFills.map((r) => r.cell)).toEqual(ANSWERS.map((_, i) => `B${i + 1}`));
    const moved = planRestores(
      wb(
        sheet(
          "回答",
          ANSWERS.map((x) => [null, null, x]),
        ),
      ),
      state(records),
    );
    expect(moved.restoreFills.map((r) => [r.cell, r.recorded?.cell])).toEqual(ANSWERS.map((_, i) => [`C${i + 1}`, `B${i + 1}`]));
    expect(moved.messages).toEqual([expect.objectContaining({ code: "restore-moved", params: expect.objectContaining({ count: 8 }) })]);
    expect(renderMessage(moved.messages[0], "en")).toContain("(1 column to the right)");
    expect(renderMessage(moved.messages[0], "ja")).toContain("（1 列右）");
  });

  test("rows deleted above: the cells moved up", () => {
    const rs = ANSWERS.map((v, i) => record(`B${i + 4}`, v));
    expect(planRestores(wb(sheet("回答", column(ANSWERS, 1))), state(rs)).restoreFills.map((r) => r.cell)).toEqual(ANSWERS.map((_, i) => `B${i + 2}`));
  });

  test("two moves explaining the values equally well: nothing restored there, and said so", () => {
    // Two identical blocks of answers, the original block gone from its place.
    const values: CellValue[][] = [[], [], [], ...column(ANSWERS).map((r) => r), [], ...column(ANSWERS)];
    const out = planRestores(
      wb(sheet("回答", [[], [], [], [], [], [], [], [], [], [], ...values.slice(3)])),
      state(records.map((r) => ({ ...r, cell: r.cell.replace(/\d+/, (n) => String(Number(n) + 30)) }))),
    );
    expect(out.restoreFills).toEqual([]);
    expect(out.unrestored).toHaveLength(8);
    expect(out.messages).toEqual([
      expect.objectContaining({ level: "warning", code: "restore-not-found", sheet: "回答", params: expect.objectContaining({ count: 8 }) }),
    ]);
    expect(renderMessage(out.messages[0], "en")).toContain("(B31, B32, B33, B34, B35, 3 more, where they were recorded)");
    expect(renderMessage(out.messages[0], "ja")).toContain("（B31、B32、B33、B34、B35、ほか 3 個、記録した位置）");
  });

  test("the sheet by its id when the record and the workbook come from the same host; by name across hosts", () => {
    const id = { host: "xlsx" as const, id: "7" };
    const renamed = wb(sheet("回答（新）", column(ANSWERS), id), sheet("回答", column(ANSWERS), { host: "xlsx", id: "8" }));
    const byId = planRestores(renamed, state(records.map((r) => ({ ...r, sheetId: id }))));
    expect(byId.restoreFills.every((r) => r.sheet === "回答（新）")).toBe(true);
    expect(byId.messages).toEqual([expect.objectContaining({ code: "restore-renamed", sheet: "回答（新）", params: { was: "回答" } })]);
    // Office.js ids cannot be compared with the file's: the name decides.
    const other = planRestores(renamed, state(records.map((r) => ({ ...r, sheetId: { host: "excel", id: "{…}" } }))));
    expect(other.restoreFills.every((r) => r.sheet === "回答")).toBe(true);
    const gone = planRestores(wb(sheet("別", column(ANSWERS))), state(records));
    expect(gone.unrestored).toHaveLength(8);
    expect(gone.messages).toEqual([expect.objectContaining({ code: "restore-sheet-missing", sheet: "回答" })]);
  });

  test("a restore expects the colour the add-in gave; a version-1 record any of the add-in's colours", () => {
    expect(planRestores(wb(sheet("回答", column(ANSWERS))), state(records)).restoreFills[0].expect).toEqual(["FFF4B084"]);
    const v1 = planRestores(wb(sheet("回答", column(ANSWERS))), {
      ...state(records.map(({ sheet: s, cell, original }) => ({ sheet: s, cell, original }))),
      version: 1,
    });
    expect(v1.restoreFills[0].expect).toEqual(ADDIN_HIGHLIGHT_ARGB);
    expect(v1.messages).toEqual([expect.objectContaining({ level: "info", code: "state-old-version" })]);
  });
});

describe("copies of our sheets, and texts too long for a cell", () => {
  test("without a record every marked sheet is a copy: none deleted, each reported", async () => {
    const company = await load(SAMPLE);
    const analysis = analyseWorkbook(company);
    const first = annotatePlan(company, analysis).plan;
    const wb = annotated(company, first);
    wb.sheets = wb.sheets.filter((s) => s.name !== STATE_SHEET);
    const again = annotatePlan(wb, analyseWorkbook(wb));
    expect(again.plan.deleteSheets).toEqual([]);
    expect(again.messages.filter((m) => m.code === "addin-sheet-copy").map((m) => m.sheet)).toEqual(first.sheets.map((s) => s.name));
    expect(again.plan.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => `${s.name} (2)`));
    // Not analysed either: the result is the company's.
    expect(analyseWorkbook(wb)).toEqual(analysis);
  });

  test("a note from the pane longer than a cell: cut with the mark at our cell and reported there; one from the sheet: reported at its cell", async () => {
    const company = await load(SAMPLE);
    const analysis = analyseWorkbook(company);
    const long = "確認する。".repeat(7000);
    const r = annotatePlan(company, analysis, "ja", { ratings: {}, notes: { 3: long } });
    const s = sheetOf(r.plan, "priorities");
    const note = String(value(s, priorityRow(s, 3), PRIORITY_COLS.note));
    expect(note.length).toBeLessThanOrEqual(32_767);
    expect(note.endsWith(t("ja", "report.truncated"))).toBe(true);
    expect(checkPlan(r.plan)).toEqual([]);
    const cut = r.messages.filter((m) => m.code === "text-truncated");
    expect(cut).toEqual([expect.objectContaining({ sheet: s.name, params: expect.objectContaining({ target: `${s.name}!${cut[0].cell}` }) })]);

    // A respondent's name at Excel's limit: the matrix header holds it, the sentences naming everyone are cut.
    const named = { ...analysis, diagnoses: analysis.diagnoses.map((d, i) => ({ ...d, respondent: `${"長".repeat(32_760)}${i}` })) };
    const n = annotatePlan(company, named);
    expect(checkPlan(n.plan)).toEqual([]);
    const messages = n.messages.filter((m) => m.code === "text-truncated");
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => analysis.diagnoses.some((d) => d.sheet === m.sheet))).toBe(true);
    expect(renderMessage(messages[0], "en")).toContain("… (cut)");
  });
});
