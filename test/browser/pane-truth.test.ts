/**
 * The pane tells what the sheets tell (issue #16, point 5), in Excel mode over the bundled sample
 * (本社: 58 points with No.12 and 15 unanswered; 工場: 33 with No.20 unanswered; consolidated 37),
 * at the task pane's narrowest width (320 px):
 * - results: every respondent's total, band, parts and unanswered count side by side with the
 *   consolidated result, a provisional total marked as such; who answered わからない and who left
 *   which item blank (the consolidated result alone hides the blanks);
 * - priorities: a one-line-per-item overview before the cards, and a filter for 重点;
 * - regulations: the company's decision 「今回の見直し」 set from the pane goes into the company's
 *   cell, and clearing gives the cell back; issue texts shown; the recommendation as advice;
 * - English: regulation names, plurals, and the start screen's words match its controls.
 */
import { mkdirSync, readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { join } from "node:path";
import { act, ARTIFACTS, byId, describeBrowser, eventually, horizontalOverflow, openTab, paneSession, SAMPLE } from "./harness";
import { dumpCells, readBack } from "./workbook";
import { examine } from "../../src/pane/session";

jest.setTimeout(600_000);

// A browser global used inside page.evaluate (this program has Node's types, not the DOM's).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const NAME = "sample-diagnosis.xlsx";

describeBrowser("the pane tells the whole truth (sample workbook, Excel mode)", () => {
  const fixture = { bytes: readFileSync(SAMPLE), name: NAME };

  const session = paneSession({ built: ["taskpane.html"], fake: true });

  async function analysed(width = 320): Promise<Page> {
    const pane = await session.open({ mode: "excel", width, height: 900, fixture });
    await act(pane.page, "analyse", () => byId(pane.page, "analyse").click());
    return pane.page;
  }

  const cells = (page: Page, row: string) => page.locator(`[data-testid="${row}"] td`).allTextContents();
  const text = async (page: Page, id: string) => ((await byId(page, id).textContent()) ?? "").replace(/\s+/g, " ").trim();

  test("results: per respondent totals, bands, parts and unanswered counts; who answered わからない; who left what blank", async () => {
    const page = await analysed();
    await openTab(page, "results");
    await byId(page, "figure-total").waitFor();
    // 本社, 工場, consolidated: the two incomplete totals are provisional.
    expect(await cells(page, "figure-total")).toEqual(["58（暫定）", "33（暫定）", "37"]);
    expect(await cells(page, "figure-band")).toEqual(["対策が不十分", "早急な対策が必要", "早急な対策が必要"]);
    // Part 1 (the basics): 本社 14, 工場 7, consolidated 7 of 20.
    expect(await cells(page, "figure-part-1")).toEqual(["14/20", "7/20", "7/20"]);
    expect(await cells(page, "figure-unanswered")).toEqual(["2", "1", "0"]);
    // The summary sheet lists No.12 and 15 (本社) and No.20 (工場) as unanswered: so does the pane.
    const unanswered = await text(page, "unanswered");
    expect(unanswered).toMatch(/No\.12 .*（本社）/);
    expect(unanswered).toMatch(/No\.15 .*（本社）/);
    expect(unanswered).toMatch(/No\.20 .*（工場）/);
    expect(unanswered).not.toContain("なし");
    // わからない: 本社 18 and 23, 工場 2, 10, 18, 22, 23 — with who.
    const unknown = await text(page, "unknown");
    expect(unknown).toMatch(/No\.18 .*（本社、工場）/);
    expect(unknown).toMatch(/No\.2 .*（工場）/);
  });
  test("priorities: one line per item before the cards, and a filter for 重点", async () => {
    const page = await analysed();
    await openTab(page, "priorities");
    await byId(page, "priority-overview").waitFor();
    const expected = examine((await readBack(fixture.bytes, NAME)).snapshot, "ja").priorities;
    const rows = async () =>
      page
        .locator('[data-testid="priority-overview"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())));
    const all = await rows();
    expect(all).toHaveLength(25);
    // Rank, No, short title, class, priority — in rank order, the same figures as the engine's.
    expect(all.map((r) => [Number(r[0]), Number(r[1]), Number(r[4])])).toEqual(expected.map((p) => [p.rank, p.no, p.priority]));
    expect(all[0][3]).toBe("重点");
    // The overview comes before the first card.
    const before = await page.evaluate(() => {
      const o = document.querySelector('[data-testid="priority-overview"]');
      const c = document.querySelector('[data-testid^="priority-item-"]');
      return !!o && !!c && (o.compareDocumentPosition(c) & 4) !== 0;
    });
    expect(before).toBe(true);
    // 重点 only: the overview and the cards keep the focus items, nothing else.
    const focus = expected.filter((p) => p.class === "focus").map((p) => p.no);
    expect(focus.length).toBeGreaterThan(0);
    expect(focus.length).toBeLessThan(25);
    await byId(page, "focus-only").check();
    await eventually(rows, (r) => expect(r.map((x) => Number(x[1]))).toEqual(focus));
    const cards = await page
      .locator('[data-testid^="priority-item-"]')
      .evaluateAll((els) => els.map((e) => Number(String(e.getAttribute("data-testid")).replace("priority-item-", ""))));
    expect(cards).toEqual(focus);
    await byId(page, "focus-only").uncheck();
    await eventually(rows, (r) => expect(r).toHaveLength(25));
  });
  test("regulations: the decision set in the pane goes into the company's cell and clear gives it back; issue texts; advice", async () => {
    const page = await analysed();
    const original = Buffer.from((await page.evaluate("window.__shindanFake.saveBase64()")) as string, "base64");
    const before = await readBack(original, NAME);
    const regs = before.analysis.regulations!;
    const cell = regs.decisionCells!.find((d) => d.regulation === 5)!.cell;
    await openTab(page, "regulations");
    const select5 = byId(page, "decision-5");
    await select5.waitFor();
    expect(await select5.inputValue()).toBe(""); // the sample leaves regulation 5 blank
    // The recommendation is advice, not the checksheet's past tense (「…改定した」).
    const advice4 = await text(page, "recommendation-4");
    expect(advice4).toContain("今の規程を見直して改定しましょう");
    expect(advice4).not.toMatch(/した/);
    // The issues noted on the check sheet are shown, each with its words.
    const issues = regs.coverage.find((c) => c.no === 3)!.issues;
    expect(issues.length).toBeGreaterThan(0);
    const shown = await text(page, "issues-3");
    for (const x of issues) expect(shown).toContain(x.text.replace(/\s+/g, " ").trim());

    await act(page, "set regulation 5's decision", () => select5.selectOption("new"));
    expect(await text(page, "status")).toContain(`${regs.overviewSheet}!${cell}`);
    const saved = async () => readBack(Buffer.from((await page.evaluate("window.__shindanFake.saveBase64()")) as string, "base64"), NAME);
    const after = await saved();
    expect(after.analysis.regulations!.reviews.find((r) => r.no === 5)!.decision).toBe("new");
    expect(after.ours).toEqual([]); // only the company's cell and the record
    expect(await select5.inputValue()).toBe("new");

    // Undo from the pane: the clear button is offered for the decision alone.
    await openTab(page, "sheets");
    await byId(page, "clear-sheets").click();
    await byId(page, "clear-confirmation").waitFor();
    await act(page, "clear", () => byId(page, "clear-confirm").click());
    const back = Buffer.from((await page.evaluate("window.__shindanFake.saveBase64()")) as string, "base64");
    expect((await readBack(back, NAME)).analysis.regulations!.reviews.find((r) => r.no === 5)!.decision).toBeNull();
    expect(await dumpCells(back)).toEqual(await dumpCells(original));
    await openTab(page, "regulations");
    expect(await byId(page, "decision-5").inputValue()).toBe("");
  });

  test("English: regulation names, advice and decisions in English; the start screen names the controls it shows", async () => {
    const pane = await session.open({ mode: "excel", width: 320, height: 900, fixture });
    const { page } = pane;
    // Before analysing, the text points at the button that is there, in its words.
    const button = ((await byId(page, "analyse").textContent()) ?? "").trim();
    expect(await text(page, "not-analysed")).toContain(button);
    await byId(page, "lang-switch").click();
    await eventually(
      () => text(page, "analyse"),
      (v) => expect(v).not.toBe(button),
    );
    expect(await text(page, "not-analysed")).toContain(await text(page, "analyse"));
    await act(page, "analyse", () => byId(page, "analyse").click());
    await openTab(page, "regulations");
    await byId(page, "regulation-name-1").waitFor();
    expect(await text(page, "regulation-name-1")).toBe("1. Organisational measures");
    expect(await text(page, "regulation-name-10")).toBe("10. Incident response and business continuity");
    expect(await text(page, "recommendation-4")).toContain("Recommended: review and revise the existing one");
    const options = await page.locator('[data-testid="decision-5"] option').allTextContents();
    expect(options.every((o) => /^[\x20-\x7e]+$/.test(o))).toBe(true);
    // Results in English, the provisional totals too.
    await openTab(page, "results");
    expect(await cells(page, "figure-total")).toEqual(["58 (provisional)", "33 (provisional)", "37"]);
    const unanswered = await text(page, "unanswered");
    expect(unanswered).toMatch(/No\.20 .*\(工場\)/);
  });
  test("the preview's start screen: before a file is chosen it points at the file button (the analyse button is disabled), and names the types it accepts", async () => {
    const pane = await session.open({ mode: "preview", width: 320, height: 900 });
    const { page } = pane;
    expect(await byId(page, "analyse").isDisabled()).toBe(true);
    const start = await text(page, "not-analysed");
    expect(start).toContain(await text(page, "choose-file"));
    const accept = (await byId(page, "file-input").getAttribute("accept")) ?? "";
    for (const ext of [".xlsx", ".xlsm"]) {
      expect(accept).toContain(ext);
      expect(start).toContain(ext);
      expect(await text(page, "status")).toContain(ext);
    }
  });
  test("a respondent who answered nothing gets no figure and no verdict, in the results and the found list; the consolidated total is provisional", async () => {
    // The sample with every answer of 工場 removed (the cells the engine read them from).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fixture.bytes as unknown as ExcelJS.Buffer);
    const read = await readBack(fixture.bytes, NAME);
    const factory = read.analysis.diagnoses.find((d) => d.sheet === "工場")!;
    for (const a of factory.answers) if (a.cell) wb.getWorksheet("工場")!.getCell(a.cell).value = null;
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const check = (await readBack(bytes, NAME)).analysis;
    expect(check.diagnoses.find((d) => d.sheet === "工場")!.answers.every((a) => a.answer === null)).toBe(true);

    const pane = await session.open({ mode: "excel", width: 320, height: 900, fixture: { bytes, name: NAME } });
    const { page } = pane;
    await act(page, "analyse", () => byId(page, "analyse").click());
    const found = await page.locator('[data-testid^="found-total-"]').allTextContents();
    expect(found).toEqual(["58 点（暫定）", "回答なし"]);
    await openTab(page, "results");
    await byId(page, "figure-total").waitFor();
    // 本社 58 with two blanks; 工場 nothing; the consolidated result has 本社's two blanks too.
    expect(await cells(page, "figure-total")).toEqual(["58（暫定）", "回答なし", "58（暫定）"]);
    expect((await cells(page, "figure-band"))[1]).toBe("回答なし");
    expect(await text(page, "total")).toBe("58 点 / 100 点（暫定）");
  });

  /** Selects whose chosen option's text is wider than the room the select gives it (cut off on screen). */
  const cutSelects = (page: Page) =>
    page.evaluate(() => {
      /* eslint-disable @typescript-eslint/no-explicit-any */
      const canvas = document.createElement("canvas").getContext("2d");
      const out: string[] = [];
      for (const el of Array.from<any>(document.querySelectorAll("main select"))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        const cs = (globalThis as any).getComputedStyle(el);
        canvas.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const label = el.options[el.selectedIndex]?.text ?? "";
        // The room for the text: the select's width less its padding (the arrow sits in the right padding).
        const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        const need = canvas.measureText(label).width;
        if (need > room + 1) out.push(`${el.getAttribute("data-testid")}: "${label}" needs ${Math.round(need)} px, has ${Math.round(room)}`);
      }
      return out;
    });

  test.each([320, 500])("screenshots at %i px (results, priorities, plan, regulations; Japanese and English); no select cut off", async (width) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const page = await analysed(width);
    for (const lang of ["ja", "en"]) {
      if (lang === "en") await byId(page, "lang-switch").click();
      for (const view of ["results", "priorities", "plan", "regulations"] as const) {
        await openTab(page, view);
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(ARTIFACTS, `truth-${lang}-${view}-${width}.png`), fullPage: false });
        if (view === "results") {
          // The lists to follow up, below the matrix.
          await byId(page, "unanswered").scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(ARTIFACTS, `truth-${lang}-results-followup-${width}.png`), fullPage: false });
        }
        if (view !== "results") expect([lang, view, await cutSelects(page)]).toEqual([lang, view, []]);
        const o = await horizontalOverflow(page);
        expect([lang, view, o.scrollWidth <= o.clientWidth ? [] : o.culprits]).toEqual([lang, view, []]);
      }
    }
    // The regulations view further down, where the dropdowns are.
    await byId(page, "decision-5").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `truth-en-regulations-decision-${width}.png`), fullPage: false });
  });
});
