/**
 * Message rendering (src/core/i18n.ts): parameters are typed, so company text is never taken for
 * a resource key or a placeholder; English plural forms come from Intl.PluralRules through
 * "key#one" forms beside the keys, and every English count sentence that needs one has it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ja from "../src/i18n/ja.json";
import en from "../src/i18n/en.json";
import { a1 } from "../src/core/address";
import { ANSWERS, ITEMS } from "../src/core/catalog/diagnosis";
import { LANGS, PLURAL_SEPARATOR, t, type Lang, type MessageKey, type ResourceRef } from "../src/core/i18n";
import { message, renderMessage, resourceParam, sheetListParam } from "../src/core/messages";
import { diagnosisTemplateLayout, diagnosisTemplatePlan } from "../src/core/template/diagnosisTemplate";
import { evaluateCell, type Value } from "./helpers/miniFormula";

const FILES: Record<Lang, Record<string, string>> = { ja, en };
/** Text a company may well type, that looks like a key, a reference, a placeholder or a formula. */
const CODE_LIKE = ["@msg.file-encrypted", "@kind.check", "@", "@営業部", "{sheet}", "{value}", "=SUM(1)", "@SUM(1)"];

describe("message parameters are typed", () => {
  test.each(LANGS)("text is printed as it is, whatever it looks like (%s)", (lang) => {
    for (const v of CODE_LIKE) {
      const m = message("error", "invalid-answer", v, a1(4, 2), { value: v, no: 3 });
      const text = renderMessage(m, lang);
      expect(text.split(v).length - 1).toBe(2); // as the sheet and as the value
      expect(text).not.toContain(t(lang, "msg.file-encrypted", { file: "" }).slice(0, 8));
    }
  });

  test("a placeholder inside a value is not filled in again", () => {
    expect(t("en", "msg.invalid-answer", { sheet: "{value}", cell: "C5", value: "{sheet}", no: 1 })).toBe(
      'Sheet "{value}", cell C5: "{sheet}" is none of the four answers, so item 1 counts as unanswered.',
    );
  });

  test("a reference is rendered in the sentence's language, with its own parameters", () => {
    const m = message("warning", "duplicate-sheet", "B", null, { kind: resourceParam("kind.check"), first: "A" });
    expect(renderMessage(m, "en")).toContain(`a ${en["kind.check"]} sheet`);
    expect(renderMessage(m, "ja")).toContain(ja["kind.check"]);
    const clear = (sheets: number, cells: number) =>
      t("en", "cli.clear.written", {
        file: "@x.xlsx",
        sheets: { ref: "cli.clear.sheets", params: { count: sheets } },
        cells: resourceParam("cli.clear.cells", { count: cells }),
      });
    expect(clear(1, 2)).toBe('Wrote "@x.xlsx" (1 Shindan Coach sheet removed, 2 cell fills restored).');
    expect(clear(3, 1)).toBe('Wrote "@x.xlsx" (3 Shindan Coach sheets removed, 1 cell fill restored).');
  });

  test("the type system keeps references and text apart", () => {
    // @ts-expect-error a reference is not a string: it cannot be passed off as text, nor text as it
    const asText: string = resourceParam("kind.check");
    // @ts-expect-error only keys of the resource files can be referred to
    const unknown: ResourceRef = { ref: "no.such.key" };
    expect([typeof asText, unknown.ref]).toEqual(["object", "no.such.key"]);
  });
});

/**
 * English sentences with a {count} that need no singular form, and why. Any other must have
 * "key#one": a new sentence with a count fails here until it has one or is listed with a reason.
 */
const NO_SINGULAR: Record<string, string> = {
  "msg.several-marks": "two or more marks",
  "msg.lookalike-scale": "at least MIN_ITEMS (6) items",
  "msg.lookalike-wording": "at least MIN_ITEMS (6) questions",
  "msg.several-tables": "said only for two or more tables",
  "cli.consolidated": "only two or more responses are consolidated",
  "report.basis.consolidated.site": "only two or more responses are consolidated",
  "report.basis.consolidated.department": "only two or more responses are consolidated",
  "report.basis.consolidated.person": "only two or more responses are consolidated",
  "report.basis.consolidated.unknown": "only two or more responses are consolidated",
  "report.owner.oneStarAllInPlace": "the basic rules of SECURITY ACTION: five, six with guideline 4.0",
  "report.owner.oneStarToWorkOn": "the basic rules of SECURITY ACTION: five, six with guideline 4.0",
  "cli.noAnswers": "all items of the diagnosis: always 25",
  "template.overview.validation.error": "the four review decisions",
  "template.policy.validation.error": "the three policy statuses",
  "cli.messages": "no word follows the number",
  "pane.messages.title": "no word follows the number",
  "report.answerCount": "no word follows the number",
  "list.more": '"{count} more" after a list of cells: no noun to inflect',
  "msg.plan-too-many-highlights": "always more than the recordable maximum, which is in the thousands",
};

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("plural forms", () => {
  test("no English sentence hedges with (s)", () => {
    expect(Object.entries(en).filter(([, v]) => /\(s\)|\(es\)/.test(v))).toEqual([]);
  });

  test("every English sentence with a {count} has its singular form, or a reason not to", () => {
    const counted = Object.keys(en).filter((k) => !k.includes(PLURAL_SEPARATOR) && en[k as MessageKey].includes("{count}"));
    const lacking = counted.filter((k) => !(`${k}${PLURAL_SEPARATOR}one` in en) && !(k in NO_SINGULAR));
    expect(lacking).toEqual([]);
    // The list stays true: each entry is a sentence with a count, and has no singular form after all.
    for (const k of Object.keys(NO_SINGULAR)) expect([k, counted.includes(k), `${k}${PLURAL_SEPARATOR}one` in en]).toEqual([k, true, false]);
  });

  test.each(LANGS)("each plural form (%s) is a form of a key of the file, for a category of its language, with the same placeholders", (lang) => {
    const file = FILES[lang];
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const key of Object.keys(file).filter((k) => k.includes(PLURAL_SEPARATOR))) {
      const [base, category] = key.split(PLURAL_SEPARATOR);
      expect([key, base in file, categories.includes(category as Intl.LDMLPluralRule), category !== "other"]).toEqual([key, true, true, true]);
      expect([key, placeholders(file[key])]).toEqual([key, placeholders(file[base])]);
    }
  });

  test("t() chooses the form from a numeric count", () => {
    const found = (lang: Lang, count: number) => t(lang, "cli.found", { count, sheets: "A" });
    expect([0, 1, 2, 25].map((n) => found("en", n))).toEqual([
      "Self-diagnosis: 0 responses (sheets: A)",
      "Self-diagnosis: 1 response (sheet: A)",
      "Self-diagnosis: 2 responses (sheets: A)",
      "Self-diagnosis: 25 responses (sheets: A)",
    ]);
    expect(found("ja", 1)).toBe(ja["cli.found"].replace("{count}", "1").replace("{sheets}", "A"));
    expect(t("en", "reason.unchecked", { unchecked: 1, count: 1 })).toBe("unchecked: 1 of 1 section");
    expect(t("en", "reason.unchecked", { unchecked: 1, count: 4 })).toBe("unchecked: 1 of 4 sections");
    // A count that is text (a stand-in for a number computed later) takes the general form.
    expect(t("en", "pane.results.provisional", { count: "N" })).toBe("Provisional: N items are unanswered.");
  });

  test("the English template's provisional line says 1 item / 2 items, computed by its formula", () => {
    const L = diagnosisTemplateLayout("en");
    const sheet = diagnosisTemplatePlan("en").sheets.find((s) => s.name === L.sheetName)!;
    const cells = new Map<string, { value?: Value; formula?: string }>();
    for (const block of sheet.cells) {
      block.rows.forEach((row, i) =>
        row.forEach((c, j) => {
          if (c) cells.set(`${block.top + i},${block.left + j}`, { value: (c.value ?? null) as Value, formula: c.formula?.replace(/^=/, "") });
        }),
      );
    }
    const provisional = (unanswered: number) => {
      const answered = new Set(ITEMS.slice(unanswered).map((i) => L.itemRows[i.no - 1]));
      return evaluateCell(
        (row, col) =>
          col === L.columns.answer && L.itemRows.includes(row)
            ? { value: answered.has(row) ? ANSWERS[0].label.en : null }
            : (cells.get(`${row},${col}`) ?? { value: null }),
        L.provisional.row,
        L.provisional.col,
      );
    };
    expect(provisional(1)).toBe(t("en", "template.summary.provisional", { count: 1 }));
    expect(provisional(1)).toMatch(/^1 item still/);
    expect(provisional(2)).toBe(t("en", "template.summary.provisional", { count: 2 }));
    expect(provisional(2)).toMatch(/^2 items still/);
    expect(provisional(0)).toBe("");
  });
});

describe("lists", () => {
  test("sheet names are quoted and listed the way the sentence's language does it, whatever they hold", () => {
    const sheets = sheetListParam(["自社診断結果のまとめ", "@営業部", "{sheet}"]);
    expect(t("ja", "msg.state-discarded", { sheets })).toContain("「自社診断結果のまとめ」、「@営業部」、「{sheet}」");
    expect(t("en", "msg.state-discarded", { sheets })).toContain('"自社診断結果のまとめ", "@営業部", "{sheet}"');
    expect(t("en", "msg.state-discarded", { sheets })).not.toMatch(/[「」]/);
  });
});

describe("the resource files themselves", () => {
  test.each(["ja", "en"])("%s.json names each key once (JSON.parse would keep the last silently)", (lang) => {
    const text = readFileSync(join(__dirname, "..", "src", "i18n", `${lang}.json`), "utf8");
    const keys = [...text.matchAll(/^\s*"((?:[^"\\]|\\.)*)"\s*:/gm)].map((m) => m[1]);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  test("a catalog title or label in a message is in the message's language", () => {
    const m = message("warning", "missing-item", "診断", null, { no: 3, title: ITEMS[2].title });
    expect(renderMessage(m, "ja")).toContain(ITEMS[2].title.ja);
    expect(renderMessage(m, "en")).toContain(ITEMS[2].title.en);
    expect(renderMessage(m, "en")).not.toContain(ITEMS[2].title.ja);
  });
});
