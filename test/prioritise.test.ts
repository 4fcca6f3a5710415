import { ITEMS, type AnswerId } from "../src/core/catalog/diagnosis";
import { ITEM_GUIDANCE } from "../src/core/catalog/itemGuidance";
import { classOf, defaultUrgency, isQuickWin, priorityOf, prioritise } from "../src/core/prioritise";
import { scoreAnswers } from "../src/core/score";

const diagnosis = (pick: (no: number) => AnswerId | null) => scoreAnswers(ITEMS.map((i) => ({ no: i.no, answer: pick(i.no), cell: null })));

describe("ratings and priority", () => {
  test("urgency from the answer: わからない, 実施していない and unanswered are urgent", () => {
    expect([defaultUrgency("unknown"), defaultUrgency("not"), defaultUrgency(null), defaultUrgency("partial"), defaultUrgency("implemented")]).toEqual([
      "high",
      "high",
      "high",
      "medium",
      "low",
    ]);
  });

  test("priority = 7 × urgency + 2 × importance + (4 − difficulty), 10 to 30", () => {
    expect(priorityOf({ urgency: "high", importance: "high", difficulty: "low" })).toBe(30);
    expect(priorityOf({ urgency: "low", importance: "low", difficulty: "high" })).toBe(10);
    expect(priorityOf({ urgency: "medium", importance: "high", difficulty: "medium" })).toBe(22);
  });

  test("class: 維持 when urgency is low, 重点 from 22, 次点 between; quick wins are important and easy", () => {
    expect(classOf({ urgency: "low", importance: "high", difficulty: "low" })).toBe("maintain"); // 7 + 6 + 3 = 16
    expect(classOf({ urgency: "medium", importance: "high", difficulty: "high" })).toBe("next"); // 14 + 6 + 1 = 21
    expect(classOf({ urgency: "medium", importance: "high", difficulty: "medium" })).toBe("focus"); // 14 + 6 + 2 = 22
    expect(classOf({ urgency: "high", importance: "low", difficulty: "high" })).toBe("focus"); // 21 + 2 + 1 = 24
    expect(isQuickWin({ urgency: "medium", importance: "high", difficulty: "low" })).toBe(true);
    expect(isQuickWin({ urgency: "low", importance: "high", difficulty: "low" })).toBe(false);
  });
});

const ALL_RATINGS = (["high", "medium", "low"] as const).flatMap((urgency) =>
  (["high", "medium", "low"] as const).flatMap((importance) => (["high", "medium", "low"] as const).map((difficulty) => ({ urgency, importance, difficulty }))),
);

describe("class and priority agree", () => {
  const order = { focus: 0, next: 1, maintain: 2 } as const;

  test("for every combination of ratings, an item of a lower class never has a higher priority than one of a higher class", () => {
    for (const a of ALL_RATINGS) {
      for (const b of ALL_RATINGS) {
        if (order[classOf(a)] < order[classOf(b)]) expect(priorityOf(a)).toBeGreaterThan(priorityOf(b));
      }
    }
  });

  test("urgency low (in place) is always 維持, and any urgent item ranks above every item in place", () => {
    for (const r of ALL_RATINGS) expect(classOf(r) === "maintain").toBe(r.urgency === "low");
    const maintained = Math.max(...ALL_RATINGS.filter((r) => r.urgency === "low").map((r) => priorityOf(r)));
    const urgent = Math.min(...ALL_RATINGS.filter((r) => r.urgency !== "low").map((r) => priorityOf(r)));
    expect(maintained).toBeLessThan(urgent);
  });

  test("the sample's pattern: no 維持 item above a 次点 item (No.9 and No.16 were 12 and 11 beside 次点 items of 9–11)", () => {
    // Items 9 and 16 in place, items 16/17-like (low importance, hard) not in place.
    const items = prioritise(diagnosis((no) => (no === 9 || no === 16 ? "implemented" : no === 17 || no === 15 ? "partial" : no % 2 ? "not" : "implemented")));
    const next = items.filter((x) => x.class === "next").map((x) => x.priority);
    const maintain = items.filter((x) => x.class === "maintain").map((x) => x.priority);
    const focus = items.filter((x) => x.class === "focus").map((x) => x.priority);
    expect(Math.max(...maintain)).toBeLessThan(Math.min(...next, ...focus));
    if (next.length) expect(Math.max(...next)).toBeLessThan(Math.min(...focus));
    // Sorted by rank, the priorities never go up.
    for (let i = 1; i < items.length; i++) expect(items[i].priority).toBeLessThanOrEqual(items[i - 1].priority);
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
