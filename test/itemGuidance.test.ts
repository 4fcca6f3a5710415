import { ITEMS, ITEM_COUNT } from "../src/core/catalog/diagnosis";
import { ITEM_GUIDANCE, RATING_LABELS, type Rating } from "../src/core/catalog/itemGuidance";
import { LANGS } from "../src/core/i18n";

const RATINGS: Rating[] = ["high", "medium", "low"];
const guidance = ITEMS.map((i) => ({ no: i.no, g: ITEM_GUIDANCE[i.no] }));

describe("item guidance", () => {
  test("covers exactly the 25 diagnosis items", () => {
    expect(
      Object.keys(ITEM_GUIDANCE)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(ITEMS.map((i) => i.no));
    expect(Object.keys(ITEM_GUIDANCE)).toHaveLength(ITEM_COUNT);
    for (const { no, g } of guidance) expect({ no, present: g !== undefined }).toEqual({ no, present: true });
  });

  test("ratings are valid values", () => {
    for (const { g } of guidance) {
      expect(RATINGS).toContain(g.importance);
      expect(RATINGS).toContain(g.difficulty);
    }
  });

  test("each item has three drill-down questions", () => {
    for (const { no, g } of guidance) expect({ no, n: g.drillDown.length }).toEqual({ no, n: 3 });
  });

  test("every text is non-empty in every language", () => {
    for (const { no, g } of guidance) {
      for (const text of [g.why, ...g.drillDown]) {
        for (const lang of LANGS) expect({ no, lang, empty: text[lang].trim() === "" }).toEqual({ no, lang, empty: false });
      }
    }
    for (const r of RATINGS) for (const lang of LANGS) expect(RATING_LABELS[r][lang].trim()).not.toBe("");
  });

  test("no drill-down question is repeated, within or across items", () => {
    for (const lang of LANGS) {
      const all = guidance.flatMap(({ g }) => g.drillDown.map((q) => q[lang].trim()));
      const dupes = all.filter((q, i) => all.indexOf(q) !== i);
      expect(dupes).toEqual([]);
    }
  });

  test("between 4 and 12 quick wins (importance high, difficulty low)", () => {
    const quick = guidance.filter(({ g }) => g.importance === "high" && g.difficulty === "low");
    expect(quick.length).toBeGreaterThanOrEqual(4);
    expect(quick.length).toBeLessThanOrEqual(12);
  });

  test("every rating value occurs for importance and for difficulty", () => {
    for (const r of RATINGS) {
      expect(guidance.some(({ g }) => g.importance === r)).toBe(true);
      expect(guidance.some(({ g }) => g.difficulty === r)).toBe(true);
    }
  });

  test("rating labels", () => {
    expect(RATING_LABELS).toEqual({
      high: { ja: "高", en: "High" },
      medium: { ja: "中", en: "Medium" },
      low: { ja: "低", en: "Low" },
    });
  });
});
