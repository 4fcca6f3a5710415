/** The check-sheet recogniser on hand-made snapshots: levels in a single item column. */
import type { CellValue, SheetSnapshot } from "../src/core/snapshot";
import { recogniseCheckSheet } from "../src/core/recognise/checksheet/checkSheet";

function sheet(rows: CellValue[][]): SheetSnapshot {
  return { name: "点検", visibility: "visible", top: 0, left: 0, values: rows, hiddenRows: [], hiddenColumns: [], merges: [] };
}

const HEADER: CellValue[] = ["項目", "チェック項目", "有無", "課題"];

describe("one item column", () => {
  test("levels from indentation by leading spaces (full-width counts as two)", () => {
    const found = recogniseCheckSheet(
      sheet([
        HEADER,
        ["情報資産管理", "情報資産の管理", null, null],
        [null, "　情報資産の特定と機密性の評価", "有", null],
        [null, "　情報資産の分類の表示", "無", "分類の基準がない"],
        [null, "情報資産の社外持ち出し", "有", null],
      ]),
    )!;
    expect(found.sections.map((s) => [s.name, s.level, s.section, s.deepest, s.presence])).toEqual([
      ["情報資産の管理", 1, "1", false, null],
      ["情報資産の特定と機密性の評価", 2, "1.1", true, "present"],
      ["情報資産の分類の表示", 2, "1.2", true, "absent"],
      ["情報資産の社外持ち出し", 1, "2", true, "present"],
    ]);
    expect(found.sections[2]).toMatchObject({ issue: "分類の基準がない", issueCell: "D4", cell: "C4" });
  });

  test("levels from the number written at the start of the name", () => {
    const found = recogniseCheckSheet(
      sheet([
        HEADER,
        ["情報資産管理", "1 情報資産の管理", null, null],
        [null, "1.1 情報資産の特定と機密性の評価", "有", null],
        [null, "2 情報資産の社外持ち出し", "無", null],
      ]),
    )!;
    expect(found.sections.map((s) => [s.level, s.section, s.deepest])).toEqual([
      [1, "1", false],
      [2, "1.1", true],
      [1, "2", true],
    ]);
  });

  test("有/無 written against a regulation with no items makes the regulation its own item", () => {
    const found = recogniseCheckSheet(sheet([HEADER, ["委託管理", null, "無", null], ["人的対策", null, "有", null]]))!;
    expect(found.sections.map((s) => [s.regulation, s.name, s.presence, s.deepest])).toEqual([
      [9, "委託管理", "absent", true],
      [2, "人的対策", "present", true],
    ]);
  });

  test("a sheet without the 有無 header is not a check sheet", () => {
    expect(
      recogniseCheckSheet(
        sheet([
          ["項目", "チェック項目", "備考"],
          ["委託管理", "再委託", "有"],
        ]),
      ),
    ).toBeNull();
  });
});
