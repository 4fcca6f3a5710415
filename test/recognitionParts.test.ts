/**
 * The parts of recognition that does not guess: what a header says of its column, part
 * headings, and dates from both hosts as messages write them.
 */
import { PARTS } from "../src/core/catalog/diagnosis";
import { formatDate } from "../src/core/i18n";
import { classifyHeader, isPartHeading } from "../src/core/recognise/headers";
import { laterRounds, roundOf } from "../src/core/recognise/rounds";
import { dateFromSerial } from "../src/core/snapshot";
import { displayValue } from "../src/core/text/normalise";
import { cellValue, isDateFormat } from "../src/excel/values";

describe("headers", () => {
  test("part headings in other words are no names", () => {
    for (const t of ["Part1　基本的対策", "Part 2", "パート3 組織としての対策", "第2部　従業員としての対策", "基本的対策", "Part 1 Basic measures"]) {
      expect({ t, part: isPartHeading(t) }).toEqual({ t, part: true });
    }
    for (const t of ["営業部", "総務 佐藤", "Partner company", "第2営業部"]) expect({ t, part: isPartHeading(t) }).toEqual({ t, part: false });
  });

  test("headers: names, labelled names, and what names no one", () => {
    expect(classifyHeader("社長")).toMatchObject({ kind: "name", name: "社長" });
    expect(classifyHeader("記入者：山田")).toMatchObject({ kind: "name", name: "山田" });
    expect(classifyHeader("部署: 製造部")).toMatchObject({ kind: "name", name: "製造部" });
    expect(classifyHeader("記入日：2024年6月3日")).toMatchObject({ kind: "none", name: null });
    expect(classifyHeader("回答（リストから選択）")).toMatchObject({ kind: "answer" });
    expect(classifyHeader("点数")).toMatchObject({ kind: "points" });
    expect(classifyHeader("備考・改善メモ")).toMatchObject({ kind: "notes" });
    for (const t of [
      "2024/4/1",
      "令和6年4月",
      "※プルダウンから選んでください",
      "各項目について当てはまるものを選んでください。",
      "情報セキュリティ自社診断",
      "回答者",
      "No",
    ]) {
      expect({ t, name: classifyHeader(t).name }).toEqual({ t, name: null });
    }
  });

  test("the catalog's part names are what isPartHeading knows", () => {
    for (const p of PARTS) expect(isPartHeading(p.name.ja) && isPartHeading(p.name.en)).toBe(true);
  });
});

describe("rounds named by tables' titles", () => {
  test("years (western, 令和/平成, R/H), dates, 第N回 and 前回/今回; the rest of the title kept to compare", () => {
    expect(roundOf("■ 2024年度の診断")).toEqual({ round: { year: 2024 }, rest: roundOf("■ 2023年度の診断")!.rest });
    expect(roundOf("令和元年10月")!.round).toEqual({ year: 2019, month: 10 });
    expect(roundOf("H30年度")!.round).toEqual({ year: 2018 });
    expect(roundOf("R6.4.1 実施")!.round).toEqual({ year: 2024, month: 4, day: 1 });
    expect(roundOf("FY2024 self-check")!.round).toEqual({ year: 2024 });
    expect(roundOf("第3回　点検")!.round).toEqual({ n: 3 });
    expect(roundOf("前年度分")!.round).toEqual({ relative: -1 });
    for (const t of ["本社", "自社診断", "Part 1", "No.7"]) expect({ t, round: roundOf(t) }).toEqual({ t, round: null });
  });

  test("a table is an earlier round only of a table whose title is the same but for a later round", () => {
    expect(laterRounds(["■ 2023年度の診断", "■ 2024年度の診断", "■ 2022年度の診断"])).toEqual([[1], [], [0, 1]]);
    expect(laterRounds(["本社 2023年度", "工場 2024年度"])).toEqual([[], []]);
    expect(laterRounds(["2024年度 上期", "2024年度 上期"])).toEqual([[], []]);
    expect(laterRounds(["前回", "2024年度", null])).toEqual([[], [], []]);
  });
});

describe("dates in messages", () => {
  test("Japanese writes yyyy/mm/dd, English ISO; times without seconds when they are 0", () => {
    expect(formatDate("ja", { date: "2024-04-01" })).toBe("2024/04/01");
    expect(formatDate("en", { date: "2024-04-01" })).toBe("2024-04-01");
    expect(formatDate("ja", { date: "2024-04-01T09:30:00" })).toBe("2024/04/01 09:30");
    expect(formatDate("en", { date: "2024-04-01T09:30:15" })).toBe("2024-04-01 09:30:15");
    expect(formatDate("ja", { date: "09:00:00" })).toBe("09:00");
  });

  test("serial numbers become dates in both date systems, as ExcelJS computes them", () => {
    expect(dateFromSerial(45383, false)).toEqual({ date: "2024-04-01" });
    expect(dateFromSerial(45383 - 1462, true)).toEqual({ date: "2024-04-01" });
    expect(dateFromSerial(45383.75, false)).toEqual({ date: "2024-04-01T18:00:00" });
    expect(dateFromSerial(0.5, false)).toEqual({ date: "12:00:00" });
  });

  test("displayValue keeps a date a date, shows booleans as Excel does and a formula as its formula", () => {
    expect(displayValue({ date: "2024-04-01" })).toEqual({ date: "2024-04-01" });
    expect(displayValue(true)).toBe("TRUE");
    expect(displayValue({ formula: "C6" })).toBe("=C6");
  });

  test("the Office.js host takes a number as a date by its number format, by ExcelJS's rule", () => {
    for (const f of ["yyyy/m/d", "m/d", '[$-411]ggge"年"m"月"d"日"', "h:mm", 'yyyy"年"m"月"', "[h]:mm:ss", "mm-dd-yy"])
      expect({ f, date: isDateFormat(f) }).toEqual({ f, date: true });
    for (const f of ["General", "0", "#,##0", '0"点"', "@", "0.00%", '"済"', "[Red]0", ""]) expect({ f, date: isDateFormat(f) }).toEqual({ f, date: false });
    expect(cellValue(45383, "Double", "yyyy/m/d", false)).toEqual({ date: "2024-04-01" });
    expect(cellValue(43921, "Double", "yyyy/m/d", true)).toEqual({ date: "2024-04-01" });
    expect(cellValue(4, "Double", "General", false)).toBe(4);
    expect(cellValue("4/1", "String", "@", false)).toBe("4/1");
  });
});

describe("formula references (derivedAnswers.ts)", () => {
  test("sheet-qualified, quoted and plain references and ranges; strings and function names are not references", async () => {
    const { formulaReferences } = await import("../src/core/recognise/derivedAnswers");
    const refs = (f: string) => formulaReferences(f, "集計").map((r) => `${r.sheet}!${r.range.top},${r.range.left}:${r.range.bottom},${r.range.right}`);
    expect(refs(`IF('本社 (東京)'!C5="","",本社!$C$5)`)).toEqual(["本社 (東京)!4,2:4,2", "本社!4,2:4,2"]);
    expect(refs(`IF(MIN(C3:D3)=4,"実施している A1","")`)).toEqual(["集計!2,2:2,3"]);
    expect(refs(`LOG10(A1)+'It''s'!B2`)).toEqual(["集計!0,0:0,0", "It's!1,1:1,1"]);
    expect(refs(`VLOOKUP(C5,点数表,2,FALSE)`)).toEqual(["集計!4,2:4,2"]);
  });
});
