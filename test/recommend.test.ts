import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderReason } from "../src/core/analyse";
import { ITEMS, type AnswerId } from "../src/core/catalog/diagnosis";
import { ITEM_REGULATIONS, itemsForRegulation } from "../src/core/catalog/itemRegulations";
import { REGULATIONS, deepestSections, type DecisionId } from "../src/core/catalog/regulations";
import type { RegulationCoverage } from "../src/core/checksheet";
import { recommend } from "../src/core/recommend";
import { scoreAnswers } from "../src/core/score";

/** A diagnosis where every item has `base`, except the items given. */
function diagnosis(base: AnswerId, except: Record<number, AnswerId | null> = {}) {
  return scoreAnswers(ITEMS.map((i) => ({ no: i.no, answer: i.no in except ? except[i.no] : base, cell: null })));
}

/** Coverage for every regulation: listed with `total` sections and the counts given for some. */
function coverage(
  counts: Record<number, Partial<Pick<RegulationCoverage, "present" | "absent" | "unchecked" | "listed" | "decision">>> = {},
): RegulationCoverage[] {
  return REGULATIONS.map((r) => {
    const total = deepestSections(r).length;
    const c = { present: 0, absent: 0, unchecked: total, listed: true, decision: null as DecisionId | null, ...counts[r.no] };
    return { no: r.no, name: r.name, ...c, total: c.listed ? total : 0, coverage: null, issues: [] };
  });
}

const review = (reviews: ReturnType<typeof recommend>, no: number) => reviews.find((r) => r.no === no)!;
const codes = (reviews: ReturnType<typeof recommend>, no: number) => review(reviews, no).reasons.map((r) => r.code);

describe("item ↔ regulation map", () => {
  test("the README's table is the map in the code", () => {
    const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
    for (const r of REGULATIONS) {
      const row = readme.split("\n").find((l) => l.startsWith(`| ${r.no} ${r.name} |`));
      expect(row).toBeDefined();
      const items = itemsForRegulation(r.no);
      const cell = row!.split("|")[2];
      expect(items.length ? cell.match(/\d+(?= |,|\(|$)/g)!.map(Number) : []).toEqual(items);
    }
  });

  test("every item maps to at least one catalog regulation; every regulation but システム開発及び保守 has items", () => {
    for (const i of ITEMS) {
      expect(ITEM_REGULATIONS[i.no].length).toBeGreaterThan(0);
      for (const r of ITEM_REGULATIONS[i.no]) expect(REGULATIONS.map((x) => x.no)).toContain(r);
    }
    expect(REGULATIONS.filter((r) => itemsForRegulation(r.no).length === 0).map((r) => r.name)).toEqual(["システム開発及び保守"]);
  });
});

describe("recommended decision", () => {
  test("checked sections all absent → new, with the weak related items as a reason", () => {
    const total = deepestSections(REGULATIONS[3]).length; // アクセス制御及び認証
    const reviews = recommend(coverage({ 4: { absent: total, unchecked: 0 } }), diagnosis("implemented", { 3: "not", 4: "unknown" }));
    const r = review(reviews, 4);
    expect(r.recommended).toBe("new");
    expect(r.items).toEqual([3, 4]);
    expect(codes(reviews, 4)).toEqual(["all-absent", "weak-items", "decision-blank"]);
    expect(renderReason(r.reasons[1], "ja")).toContain("3, 4");
    expect(renderReason(r.reasons[0], "en")).toBe(`every checked section absent (${total})`);
  });

  test("some sections absent → revise", () => {
    const reviews = recommend(coverage({ 2: { present: 3, absent: 2, unchecked: 0 } }), diagnosis("implemented"));
    expect(review(reviews, 2).recommended).toBe("revised");
    expect(codes(reviews, 2)).toEqual(["some-absent", "strong-items", "decision-blank"]);
  });

  test("all present but related items weak → revise; all present and strong → keep", () => {
    const cov = coverage({ 9: { present: 5, unchecked: 0 }, 2: { present: 5, unchecked: 0 } });
    const reviews = recommend(cov, diagnosis("implemented", { 22: "partial" }));
    expect(review(reviews, 9).recommended).toBe("revised");
    expect(codes(reviews, 9)).toEqual(["all-present", "partial-items", "decision-blank"]);
    expect(review(reviews, 2).recommended).toBe("keep");
  });

  test("nothing checked: keep only when every related item is implemented, otherwise no recommendation", () => {
    const reviews = recommend(coverage(), diagnosis("implemented", { 11: "not" }));
    expect(review(reviews, 5).recommended).toBe("keep"); // 物理的対策: items 14–17 implemented
    expect(review(reviews, 3).recommended).toBeNull(); // 情報資産管理: item 11 not implemented
    expect(codes(reviews, 3)).toEqual(["unchecked", "weak-items"]);
  });

  test("システム開発及び保守 has no related item: no recommendation unless its sections were checked", () => {
    expect(review(recommend(coverage(), diagnosis("not")), 8).recommended).toBeNull();
    expect(codes(recommend(coverage(), diagnosis("not")), 8)).toEqual(["unchecked", "no-diagnosis-link"]);
    const total = deepestSections(REGULATIONS[7]).length;
    expect(review(recommend(coverage({ 8: { absent: total, unchecked: 0 } }), null), 8).recommended).toBe("new");
  });

  test("without a diagnosis and nothing checked there is no ground for a recommendation", () => {
    const reviews = recommend(coverage(), null);
    expect(reviews.every((r) => r.recommended === null)).toBe(true);
    expect(codes(reviews, 1)).toEqual(["unchecked", "no-evidence"]);
  });

  test("a regulation the check sheet does not list says so", () => {
    const reviews = recommend(coverage({ 11: { listed: false, unchecked: 0 } }), diagnosis("implemented"));
    expect(codes(reviews, 11)[0]).toBe("not-listed");
  });

  test("the company's decision beside the recommendation: differs is flagged with both named", () => {
    const total = deepestSections(REGULATIONS[0]).length;
    const reviews = recommend(coverage({ 1: { absent: total, unchecked: 0, decision: "keep" } }), diagnosis("implemented"));
    const r = review(reviews, 1);
    expect([r.decision, r.recommended, r.differs]).toEqual(["keep", "new", true]);
    expect(renderReason(r.reasons.at(-1)!, "ja")).toBe("会社の判断「既存のまま」と推奨「新規作成」が異なる");
    const same = recommend(coverage({ 1: { absent: total, unchecked: 0, decision: "new" } }), diagnosis("implemented"));
    expect(review(same, 1).differs).toBe(false);
    expect(codes(same, 1)).not.toContain("decision-differs");
  });
});
