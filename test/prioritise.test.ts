import { ITEMS, type AnswerId } from "../src/core/catalog/diagnosis";
import { ITEM_GUIDANCE } from "../src/core/catalog/itemGuidance";
import { classOf, defaultUrgency, isQuickWin, priorityOf, prioritise } from "../src/core/prioritise";
import { scoreAnswers } from "../src/core/score";

const diagnosis = (pick: (no: number) => AnswerId | null) => scoreAnswers(ITEMS.map((i) => ({ no: i.no, answer: pick(i.no), cell: null })));

describe("ratings and priority", () => {
  test("urgency from the answer: わからない, 実施していない and unanswered are urgent", () => {
    expect([defaultUrgency("unknown"), defaultUrgency("not"), defaultUrgency(null), defaultUrgency("partial"), defaultUrgency("implemented")]).toEqual([
      "high", "high", "high", "medium", "low",
    ]);
  });

  test("priority = 3 × urgency + 2 × importance + (4 − difficulty), 6 to 18", () => {
    expect(priorityOf({ urgency: "high", importance: "high", difficulty: "low" })).toBe(18);
    expect(priorityOf({ urgency: "low", importance: "low", difficulty: "high" })).toBe(6);
    expect(priorityOf({ urgency: "medium", importance: "high", difficulty: "medium" })).toBe(14);
  });

  test("class: 維持 when urgency is low, else 重点 from 14, 次点 below; quick wins are important and easy", () => {
    expect(classOf({ urgency: "low", importance: "high", difficulty: "low" })).toBe("maintain");
    expect(classOf({ urgency: "high", importance: "low", difficulty: "high" })).toBe("next"); // 9 + 2 + 1 = 12
    expect(classOf({ urgency: "high", importance: "medium", difficulty: "high" })).toBe("focus"); // 9 + 4 + 1 = 14
    expect(isQuickWin({ urgency: "medium", importance: "high", difficulty: "low" })).toBe(true);
    expect(isQuickWin({ urgency: "low", importance: "high", difficulty: "low" })).toBe(false);
  });
});

describe("prioritise", () => {
  test("ranks by class, then priority, then item number; defaults from the catalog", () => {
    const items = prioritise(diagnosis((no) => (no % 3 === 0 ? "not" : no % 3 === 1 ? "partial" : "implemented")));
    expect(items.map((x) => x.rank)).toEqual(ITEMS.map((_, i) => i + 1));
    const order = { focus: 0, next: 1, maintain: 2 };
    const key = (x: (typeof items)[number]) => [order[x.class], -x.priority, x.no];
    const before = (p: number[], q: number[]) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2];
    for (let i = 1; i < items.length; i++) expect(before(key(items[i - 1]), key(items[i]))).toBeLessThan(0);
    expect(new Set(items.map((x) => x.class))).toEqual(new Set(["focus", "next", "maintain"]));
    for (const x of items) {
      expect(x.ratings.importance).toBe(ITEM_GUIDANCE[x.no].importance);
      expect(x.overridden).toEqual([]);
    }
  });

  test("the expert's edits override the defaults and change the ranking; notes are kept", () => {
    const d = diagnosis(() => "implemented");
    const before = prioritise(d);
    expect(before.every((x) => x.class === "maintain")).toBe(true);
    const after = prioritise(d, { ratings: { 17: { urgency: "high" } }, notes: { 17: "鍵の管理者が不在" } });
    const item = after.find((x) => x.no === 17)!;
    expect(item.rank).toBe(1);
    expect(item.overridden).toEqual(["urgency"]);
    expect(item.defaults.urgency).toBe("low");
    expect(item.note).toBe("鍵の管理者が不在");
    expect(before.find((x) => x.no === 17)!.rank).toBeGreaterThan(1);
  });

  test("without a diagnosis every item is urgent (nothing is known to be in place)", () => {
    expect(prioritise(null).every((x) => x.ratings.urgency === "high" && x.class !== "maintain")).toBe(true);
  });
});
