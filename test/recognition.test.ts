/**
 * Recognition that does not guess (issue 10, point 2): the recognition fixtures' messages as a
 * coach reads them (dates as dates), and variations on hand-made snapshots of each rule — what
 * names a respondent, what makes a column a respondent, formulas without values, merged answer
 * cells, several tables on a sheet, a check sheet that is not a diagnosis. Only the engine's
 * entry points are used here; the parts (headers, dates) are tested in recognitionParts.test.ts.
 */
import { analyseWorkbook } from "../src/core/analyse";
import { nameText, type Recognition } from "../src/core/assessment";
import type { Lang } from "../src/core/i18n";
import { ANSWERS, ITEMS } from "../src/core/catalog/diagnosis";
import { renderMessage, type EngineMessage } from "../src/core/messages";
import { recogniseDiagnosis } from "../src/core/recognise";
import { recogniseCheckSheet } from "../src/core/recognise/checksheet/checkSheet";
import type { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from "../src/core/snapshot";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { CHECKSHEET_FIXTURES, FIXTURES } from "../scripts/fixtures";

// ---------------------------------------------------------------------------------------------
// Hand-made sheets

const Q = (no: number) => ITEMS[no - 1].question.ja;
const LABEL = Object.fromEntries(ANSWERS.map((a) => [a.id, a.label.ja])) as Record<string, string>;
const I = LABEL.implemented;
const P = LABEL.partial;
const N = LABEL.not;
const U = LABEL.unknown;
/** 25 answers cycling through the four. */
const ANS = ITEMS.map((_, i) => [I, P, N, U][i % 4]);

function sheet(name: string, rows: CellValue[][], merges: CellRange[] = []): SheetSnapshot {
  return { name, visibility: "visible", top: 0, left: 0, values: rows, hiddenRows: [], hiddenColumns: [], merges };
}

function book(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { name: "test.xlsx", sheets };
}

/** Rows of a table: header (or none), then one row per item from `cells(no)`. */
function table(header: CellValue[] | null, cells: (no: number) => CellValue[], items = ITEMS.map((i) => i.no)): CellValue[][] {
  return [...(header ? [header] : []), ...items.map((no) => cells(no))];
}

/** The respondents' names as written in a language (made ones, C列 and 表2, differ). */
const names = (r: Recognition, lang: Lang) => r.respondents.map((x) => (x.respondent === null ? null : nameText(x.respondent, lang)));

const codes = (ms: EngineMessage[], level?: string) => ms.filter((m) => level === undefined || m.level === level).map((m) => `${m.code}@${m.cell ?? "-"}`);

// ---------------------------------------------------------------------------------------------
// Fixtures as the coach reads them

async function analyseFixture(id: string) {
  const f = [...FIXTURES, ...CHECKSHEET_FIXTURES].find((x) => x.id === id);
  if (!f) throw new Error(`no fixture ${id}`);
  return analyseWorkbook(await readWorkbookBuffer(await f.build(), `${id}.xlsx`));
}

describe("recognition fixtures, as messages say them", () => {
  test("a date typed in the answer column is shown as a date, TRUE as TRUE", async () => {
    const a = await analyseFixture("rec-template-odd-answers");
    const texts = (lang: "ja" | "en") => a.messages.filter((m) => m.code === "invalid-answer").map((m) => renderMessage(m, lang));
    expect(texts("ja").some((s) => s.includes("「2024/04/01」"))).toBe(true);
    expect(texts("en").some((s) => s.includes('"2024-04-01"') || s.includes("2024-04-01"))).toBe(true);
    expect(texts("ja").some((s) => s.includes("「TRUE」"))).toBe(true);
    expect([...texts("ja"), ...texts("en")].some((s) => /4538\d/.test(s))).toBe(false);
  });

  test("dates typed in a points column are invalid points shown as dates", async () => {
    const a = await analyseFixture("rec-points-dates");
    const ja = a.messages.filter((m) => m.code === "invalid-points").map((m) => renderMessage(m, "ja"));
    expect(ja).toHaveLength(2);
    expect(ja.join("\n")).toContain("「2024/04/01」");
    expect(ja.join("\n")).toContain("「2024/02/04」");
    expect(ja.join("\n")).not.toMatch(/4538\d|4532\d/);
  });

  test("a formula saved without its value says to open and save the file in Excel", async () => {
    const a = await analyseFixture("rec-uncalculated");
    const m = a.messages.find((x) => x.code === "uncalculated-formula")!;
    expect(m.level).toBe("error");
    expect(renderMessage(m, "ja")).toMatch(/セル C\d+ .*Excel で開いて保存/);
    expect(renderMessage(m, "en")).toMatch(/Open the file in Excel, save it/);
  });

  test("the empty points column and the notes are no respondents: the consolidated total is the two people's", async () => {
    const a = await analyseFixture("rec-notes-empty-points");
    expect(a.diagnoses.map((d) => d.respondent)).toEqual(["社長", "総務"]);
    // Item 4: both answered 実施している; the 0 in the notes does not lower it.
    expect(a.consolidated!.answers[3].answer).toBe("implemented");
  });

  test("the company's check sheet gives the diagnosis recogniser nothing to say", async () => {
    const a = await analyseFixture("rec-company-checksheet");
    expect(a.diagnoses.map((d) => d.sheet)).toEqual(["自社診断"]);
    expect(a.messages.filter((m) => m.sheet === "規程チェック")).toEqual([]);
    expect(a.regulations!.sheet).toBe("規程チェック");
  });
});

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------

describe("what names a respondent", () => {
  test("a part heading merged across the table above item 1: one sheet unnamed, several sheets by their names", () => {
    const site = (name: string, heading: string) => {
      const rows: CellValue[][] = [["No", "質問", "回答"], [heading, null, null], ...ITEMS.map((i) => [i.no, Q(i.no), ANS[i.no - 1]])];
      return sheet(name, rows, [{ top: 1, left: 0, bottom: 1, right: 2 }]);
    };
    expect(recogniseDiagnosis(book(site("診断", "パート1　基本的対策"))).respondents.map((r) => r.respondent)).toEqual([null]);
    const two = recogniseDiagnosis(book(site("東京", "Part 1"), site("大阪", "第1部　基本的対策")));
    expect(two.respondents.map((r) => r.respondent)).toEqual(["東京", "大阪"]);
  });

  test("a title merged across the table, with no header row, names no one", () => {
    const rows: CellValue[][] = [["情報セキュリティ 自己点検表", null, null], ...ITEMS.map((i) => [i.no, Q(i.no), ANS[i.no - 1]])];
    const r = recogniseDiagnosis(
      book(sheet("A", rows, [{ top: 0, left: 0, bottom: 0, right: 2 }]), sheet("B", rows, [{ top: 0, left: 0, bottom: 0, right: 2 }])),
    );
    expect(r.respondents.map((x) => x.respondent)).toEqual(["A", "B"]);
  });

  test("記入者：… on the header row names the respondent; a date there does not", () => {
    const named = table(["No", "質問", "記入者：山田"], (no) => [no, Q(no), ANS[no - 1]]);
    expect(recogniseDiagnosis(book(sheet("診断", named))).respondents.map((r) => r.respondent)).toEqual(["山田"]);
    const dated = table(["No", "質問", { date: "2024-06-03" }], (no) => [no, Q(no), ANS[no - 1]]);
    const r = recogniseDiagnosis(book(sheet("本社", dated), sheet("支店", dated)));
    expect(r.respondents.map((x) => x.respondent)).toEqual(["本社", "支店"]);
  });

  test("回答（社長） | 回答（総務）: the names in brackets; 回答（プルダウン） names no one", () => {
    const rows = table(["No", "質問", "回答（社長）", "回答（総務）", "回答（プルダウン）"], (no) => [no, Q(no), ANS[no - 1], ANS[24 - (no - 1)], I]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(names(r, "ja")).toEqual(["社長", "総務", "E列"]);
    expect(names(r, "en")).toEqual(["社長", "総務", "Column E"]);
  });

  test("names over a two-row header: 田中 and 高橋 merged over 回答 | 点数", () => {
    const rows: CellValue[][] = [
      [null, null, "田中", null, "高橋", null],
      ["No", "質問", "回答", "点数", "回答", "点数"],
      ...ITEMS.map((i) => [i.no, Q(i.no), ANS[i.no - 1], null, ANS[24 - (i.no - 1)], null]),
    ];
    const merges = [
      { top: 0, left: 2, bottom: 0, right: 3 },
      { top: 0, left: 4, bottom: 0, right: 5 },
    ];
    const r = recogniseDiagnosis(book(sheet("診断", rows, merges)));
    expect(r.respondents.map((x) => x.respondent)).toEqual(["田中", "高橋"]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("what makes a column a respondent", () => {
  test("a column headed 評価 holding more odd values than answers is still the answer column; each odd value is reported", () => {
    const odd = ["はい", "○", true, { date: "2024-04-01" }, 3];
    const rows = table(["No", "チェック項目", "評価"], (no) => [no, Q(no), no <= 15 ? odd[no % odd.length] : ANS[no - 1]]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents).toHaveLength(1);
    const got = r.respondents[0].answers;
    expect(got.slice(15).map((a) => a.answer)).toEqual(ITEMS.slice(15).map((i) => ANSWERS.find((a) => a.label.ja === ANS[i.no - 1])!.id));
    expect(got.slice(0, 15).every((a) => a.answer === null)).toBe(true);
    expect(codes(r.messages, "error")).toEqual(ITEMS.slice(0, 15).map((i) => `invalid-answer@C${i.no + 1}`));
  });

  test("a 回答 column where nothing is one of the four answers is read, every cell reported, not replaced by the points column", () => {
    const rows = table(["No", "質問", "回答", "点数"], (no) => [no, Q(no), no % 2 ? "はい" : "いいえ", null]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents).toHaveLength(1);
    expect(r.respondents[0].answers.every((a) => a.answer === null && a.cell === `C${a.no + 1}`)).toBe(true);
    expect(codes(r.messages, "error")).toHaveLength(25);
  });

  test("an average or total column computed from the respondents is no respondent", () => {
    const rows = table(["No", "質問", "社長", "総務", "平均点", "合計"], (no) => [no, Q(no), I, I, 4, 8]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents.map((x) => x.respondent)).toEqual(["社長", "総務"]);
    expect(r.messages).toEqual([]);
  });

  test("a blank form: the 回答 column is the one respondent, its 点数 column its points", () => {
    const rows = table(["No", "質問", "回答", "点数", "備考"], (no) => [no, Q(no), null, null, null]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents).toHaveLength(1);
    expect(r.respondents[0].answers[0].cell).toBe("C2");
    expect(r.messages).toEqual([]);
  });

  test("a メモ column with a 4 in it, and an unheaded column with two answers, are reported, not read", () => {
    const rows = table(["No", "質問", "回答", "メモ", null], (no) => [no, Q(no), ANS[no - 1], no === 5 ? 4 : null, no === 9 || no === 12 ? I : null]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents).toHaveLength(1);
    expect(codes(r.messages)).toEqual(["doubtful-column@D6", "doubtful-column@E10"]);
    expect(r.messages.every((m) => m.level === "info")).toBe(true);
  });

  test("beside other respondents, a column headed 回答（部長） holding none of the four answers is 部長, every cell reported", () => {
    const rows = table(["No", "質問", "回答（社長）", "回答（部長）"], (no) => [no, Q(no), ANS[no - 1], no % 3 ? "はい" : no % 2 ? "いいえ" : null]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents.map((x) => x.respondent)).toEqual(["社長", "部長"]);
    expect(r.respondents[1].answers.every((a) => a.answer === null && a.cell === `D${a.no + 1}`)).toBe(true);
    const filled = ITEMS.filter((i) => i.no % 3 || i.no % 2).map((i) => `invalid-answer@D${i.no + 1}`);
    expect(codes(r.messages)).toEqual(filled);
    expect(codes(r.messages, "info")).toEqual([]);
  });

  test("so is a column headed 回答（部長） whose every cell is an error value or a formula saved without its value: each reported", () => {
    const rows = table(["No", "質問", "回答（社長）", "回答（部長）"], (no) => [
      no,
      Q(no),
      ANS[no - 1],
      no % 2 ? { formula: `VLOOKUP(${no},Z:Z,1)` } : { error: "#N/A" },
    ]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents.map((x) => x.respondent)).toEqual(["社長", "部長"]);
    expect(codes(r.messages)).toEqual(ITEMS.map((i) => `${i.no % 2 ? "uncalculated-formula" : "error-value"}@D${i.no + 1}`));
  });

  test("so is a column headed 回答 beside a named one (unnamed, by its column); the answer column stays the answer column", () => {
    const rows = table(["No", "質問", "社長", "回答"], (no) => [no, Q(no), ANS[no - 1], no % 3 ? "はい" : null]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents).toHaveLength(2);
    expect(r.respondents[0].respondent).toBe("社長");
    expect(codes(r.messages).every((c) => c.startsWith("invalid-answer@D"))).toBe(true);
  });

  test("beside a respondent, a status column (対応状況) holding none of the four answers is no respondent: said, not read", () => {
    const status = ["済", "未対応", "検討中"];
    const rows = table(["No", "質問", "回答", "対応状況"], (no) => [no, Q(no), ANS[no - 1], status[no % 3]]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents.map((x) => x.respondent)).toEqual([null]);
    expect(r.messages.map((m) => [m.level, m.code, m.cell])).toEqual([["info", "unread-column", "D2"]]);
    const [ja, en] = (["ja", "en"] as const).map((lang) => renderMessage(r.messages[0], lang));
    expect(ja).toContain("「対応状況」");
    expect(ja).not.toContain("回答や点数に見えます");
    expect(en).toContain('"対応状況"');
  });

  test("without a header, a column of answers for most items is a respondent; so is the only column of a few answers", () => {
    const full = table(null, (no) => [Q(no), no === 7 ? null : ANS[no - 1]]);
    expect(recogniseDiagnosis(book(sheet("診断", full))).respondents[0].answers.filter((a) => a.answer !== null)).toHaveLength(24);
    const few = table(null, (no) => [Q(no), no <= 2 ? I : null]);
    const r = recogniseDiagnosis(book(sheet("診断", few)));
    expect(r.respondents).toHaveLength(1);
    expect(r.respondents[0].answers.filter((a) => a.answer !== null).map((a) => a.no)).toEqual([1, 2]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("formulas without values and merged answer cells", () => {
  test("in a grid, a points column and a check sheet's 有無: reported, never blank in silence", () => {
    const grid = table(["No", "質問", I, P, N, U], (no) => [no, Q(no), no === 3 ? { formula: "Z1" } : "○", null, null, null]);
    const g = recogniseDiagnosis(book(sheet("印", grid)));
    expect(codes(g.messages)).toEqual(["uncalculated-formula@C4"]);
    expect(g.respondents[0].answers[2]).toEqual({ no: 3, answer: null, cell: "C4:F4" });

    const pts = table(["No", "質問", "点数"], (no) => [no, Q(no), no === 10 ? { formula: "4" } : 4]);
    expect(codes(recogniseDiagnosis(book(sheet("点", pts))).messages)).toEqual(["uncalculated-formula@C11"]);

    const cs = recogniseCheckSheet(
      sheet("点検", [
        ["項目", "チェック項目", "有無"],
        ["委託管理", "委託先の選定", { formula: 'IF(A1,"有","無")' }],
      ]),
    )!;
    expect(codes(cs.messages)).toEqual(["uncalculated-formula@C2"]);
  });

  test("the points beside a text answer, saved without values, follow from the answer: nothing to report", () => {
    const rows = table(["No", "質問", "回答", "点数"], (no) => [no, Q(no), ANS[no - 1], { formula: `VLOOKUP(C${no + 1},$H$1:$I$4,2,FALSE)` }]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.messages).toEqual([]);
    expect(r.respondents[0].answers.every((a) => a.answer !== null)).toBe(true);
  });

  test("points merged over three items: the first read, the other two reported in one message", () => {
    const rows = table(["No", "質問", "点数"], (no) => [no, Q(no), no === 11 || no === 12 ? null : 2]);
    const r = recogniseDiagnosis(book(sheet("診断", rows, [{ top: 10, left: 2, bottom: 12, right: 2 }])));
    expect(r.messages.map((m) => [m.code, m.cell])).toEqual([["merged-answer", "C11:C13"]]);
    expect(r.respondents[0].answers.slice(9, 12).map((a) => a.answer)).toEqual(["partial", null, null]);
    // The list of items in each language's own way, the English with its plural.
    const [ja, en] = (["ja", "en"] as const).map((lang) => renderMessage(r.messages[0], lang));
    expect(ja).toContain("回答は項目10のものとして読み、項目11、12は未回答");
    expect(ja).not.toContain(", ");
    expect(en).toContain("read for item 10; items 11, 12 count as unanswered");
    const two = recogniseDiagnosis(book(sheet("診断", rows, [{ top: 10, left: 2, bottom: 11, right: 2 }])));
    expect(renderMessage(two.messages[0], "en")).toContain("read for item 10; item 11 counts as unanswered");
  });

  test("an answer merged from the header row down over items 1 and 2 is no item's answer, and says so", () => {
    const rows = table(["No", "質問", "回答"], (no) => [no, Q(no), no <= 2 ? null : ANS[no - 1]]);
    const r = recogniseDiagnosis(book(sheet("診断", rows, [{ top: 0, left: 2, bottom: 2, right: 2 }])));
    expect(r.respondents[0].answers.slice(0, 3).map((a) => a.answer)).toEqual([null, null, "not"]);
    expect(r.messages.map((m) => [m.level, m.code, m.cell])).toEqual([["error", "merged-answer-outside", "C1:C3"]]);
    const [ja, en] = (["ja", "en"] as const).map((lang) => renderMessage(r.messages[0], lang));
    expect(ja).toContain("項目1、2は未回答");
    expect(ja).not.toMatch(/項目1のものとして読/);
    expect(en).toContain("items 1, 2 count as unanswered");
    expect(en).not.toMatch(/read for item/);
  });

  test("an answer merged over the rows of one item (question merged the same way) is that item's", () => {
    const rows: CellValue[][] = [
      ["No", "質問", "回答"],
      ...ITEMS.flatMap((i) =>
        i.no === 5
          ? [
              [5, Q(5), I],
              [null, null, null],
            ]
          : [[i.no, Q(i.no), ANS[i.no - 1]]],
      ),
    ];
    const merges = [0, 1, 2].map((c) => ({ top: 5, left: c, bottom: 6, right: c }));
    const r = recogniseDiagnosis(book(sheet("診断", rows, merges)));
    expect(r.messages).toEqual([]);
    expect(r.respondents[0].answers[4].answer).toBe("implemented");
  });
});

// ---------------------------------------------------------------------------------------------

describe("several tables on a sheet", () => {
  const block = (rows: number, name: string, answers: string[]) =>
    [["No", "質問", name], ...ITEMS.map((i) => [i.no, Q(i.no), answers[i.no - 1]])].slice(0, rows + 1) as CellValue[][];

  test("three tables one below the other: 表1, 表2, 表3, no duplicate warnings; the three tables said once", () => {
    const rows = [
      ...block(25, "回答", ANS),
      [null],
      ...block(25, "回答", [...ANS].reverse()),
      [null],
      ...block(
        25,
        "回答",
        ANS.map(() => P),
      ),
    ];
    const r = recogniseDiagnosis(book(sheet("推移", rows)));
    expect(names(r, "ja")).toEqual(["表1", "表2", "表3"]);
    expect(names(r, "en")).toEqual(["Table 1", "Table 2", "Table 3"]);
    expect(r.respondents[2].answers.every((a) => a.answer === "partial")).toBe(true);
    expect(r.messages.map((m) => [m.level, m.code, m.cell])).toEqual([["info", "several-tables", "B29"]]);
    expect(renderMessage(r.messages[0], "ja")).toContain("自社診断の表が3つあります（表1、表2、表3）");
    expect(renderMessage(r.messages[0], "en")).toContain("holds 3 tables of the self-diagnosis (Table 1, Table 2, Table 3)");
  });

  /** Two tables one below the other under the given titles (one row above each header row). */
  const titled = (first: string, second: string) => [[first], ...block(25, "回答", ANS), [null], [second], ...block(25, "回答", [...ANS].reverse())];

  test.each([
    ["■ 2023年度の診断", "■ 2024年度の診断"],
    ["令和5年度 自己診断", "R6年度 自己診断"],
    ["第1回", "第2回"],
    ["前回（2024/4/10 実施）", "今回（2024/10/7 実施）"],
  ])("titles the same but for the year or round (%s, %s): the earlier table set aside, said at its title; the later alone", (first, second) => {
    const r = recogniseDiagnosis(book(sheet("推移", titled(first, second))));
    expect(r.respondents).toHaveLength(1);
    expect(r.respondents[0].respondent).toBeNull();
    expect(r.respondents[0].answers[0]).toEqual({ no: 1, answer: ANSWERS.find((a) => a.label.ja === ANS[24])!.id, cell: "C31" });
    expect(r.messages.map((m) => [m.level, m.code, m.cell])).toEqual([["warning", "earlier-round-ignored", "A1"]]);
    const ja = renderMessage(r.messages[0], "ja");
    expect(ja).toContain(`見出し「${first.replace(/^■ /, "")}」の表は、同じシートの表「${second.replace(/^■ /, "")}」より前の`);
    // Consolidated: nothing across the years (one respondent).
    expect(analyseWorkbook(book(sheet("推移", titled(first, second)))).consolidated).toBeNull();
  });

  test("a title merged across the table above a part heading, no header row: still the table's title", () => {
    const part = (title: string, answers: string[]) => [
      [title, null, null],
      ["Part1 基本的対策", null, null],
      ...ITEMS.map((i) => [i.no, Q(i.no), answers[i.no - 1]]),
    ];
    const rows = [...part("■ 2023年度", ANS), [null], ...part("■ 2024年度", [...ANS].reverse())];
    const merges = [0, 1, 28, 29].map((top) => ({ top, left: 0, bottom: top, right: 2 }));
    const r = recogniseDiagnosis(book(sheet("推移", rows, merges)));
    expect(r.respondents).toHaveLength(1);
    expect(codes(r.messages)).toEqual(["earlier-round-ignored@A1"]);
  });

  test.each([
    ["本社 2024年度", "工場 2023年度"],
    ["本社（2024/5/30 記入）", "工場（2024/6/10 記入）"],
    ["■ 2024年度の診断", "■ 2024年度の診断"],
  ])("titles that differ in more than a year or round, or not at all (%s, %s): both tables read and consolidated, said", (first, second) => {
    const r = recogniseDiagnosis(book(sheet("拠点", titled(first, second))));
    expect(r.respondents).toHaveLength(2);
    expect(codes(r.messages)).toEqual(["several-tables@B31"]);
    const distinct = first !== second;
    expect(names(r, "en")).toEqual(distinct ? [first, second] : ["Table 1", "Table 2"]);
    expect(analyseWorkbook(book(sheet("拠点", titled(first, second)))).consolidated).not.toBeNull();
  });

  test("two tables side by side in the same order: two respondents on the same rows", () => {
    const left = block(25, "本社", ANS);
    const right = block(25, "支店", [...ANS].reverse());
    const rows = left.map((row, i) => [...row, null, ...right[i]]);
    const r = recogniseDiagnosis(book(sheet("拠点", rows)));
    expect(r.respondents.map((x) => x.respondent)).toEqual(["本社", "支店"]);
    // Copies in the same order are one table with two respondents: nothing to say.
    expect(r.messages).toEqual([]);
    expect(r.respondents[1].answers[0]).toEqual({ no: 1, answer: ANSWERS.find((a) => a.label.ja === ANS[24])!.id, cell: "G2" });
  });

  test("a second list of the items without answers (an improvement plan below) is said once, not a blank respondent", () => {
    const plan: CellValue[][] = [["改善計画"], ["No", "対策", "期限"], ...ITEMS.slice(0, 10).map((i) => [i.no, Q(i.no), "2024年度中"])];
    const rows = [...block(25, "回答", ANS), [null], ...plan];
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents.map((x) => x.respondent)).toEqual([null]);
    expect(codes(r.messages)).toEqual(["unread-table@B30"]);
  });

  test("a question repeated once inside a table is a duplicate, not a second table", () => {
    const rows = table(["No", "質問", "回答"], (no) => [no, Q(no), ANS[no - 1]]);
    rows.splice(10, 0, [null, Q(3), null]);
    const r = recogniseDiagnosis(book(sheet("診断", rows)));
    expect(r.respondents).toHaveLength(1);
    expect(codes(r.messages)).toEqual(["duplicate-item@B11"]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("a check sheet is not a diagnosis", () => {
  // One item column with dotted numbers in its own column, items named as diagnosis topics.
  const items = [
    ["1", "パスワードの設定"],
    ["2", "ウイルス対策ソフトの導入"],
    ["3", "OSやソフトウェアの更新"],
    ["4", "バックアップの取得"],
    ["5", "無線LANの暗号化"],
    ["6", "電子メールの誤送信防止"],
    ["7", "重要情報の持ち出し"],
    ["8", "離席時の画面ロック"],
    ["9", "機器や書類の廃棄"],
    ["10", "セキュリティ教育"],
  ];
  const rows: CellValue[][] = [
    ["項目", "No", "チェック項目", "有無", "課題"],
    ...items.map(([no, name], i) => [i === 0 ? "アクセス制御及び認証" : null, Number(no), name, i % 3 ? "有" : "無", null]),
  ];

  test("the check sheet's table is read as the check sheet and kept from the diagnosis recogniser", () => {
    const s = sheet("規程チェック", rows);
    expect(recogniseCheckSheet(s)!.sections).toHaveLength(10);
    const a = analyseWorkbook(book(s));
    expect(a.diagnoses).toEqual([]);
    expect(a.messages.filter((m) => m.sheet === "規程チェック")).toEqual([]);
    expect(a.regulations!.sheet).toBe("規程チェック");
  });

  test("a diagnosis beside the check sheet on the same sheet is still found", () => {
    const diag = table(["No", "質問", "回答"], (no) => [no, Q(no), ANS[no - 1]]);
    const wide = diag.map((row, i) => [...(rows[i] ?? [null, null, null, null, null]), null, ...row]);
    const a = analyseWorkbook(book(sheet("まとめ", wide)));
    expect(a.diagnoses).toHaveLength(1);
    expect(a.diagnoses[0].answers[0].cell).toBe("I2");
    expect(a.regulations!.sheet).toBe("まとめ");
  });
});
