/**
 * The task pane in Excel mode, in real headless Chromium, on the production build (dist-addin/),
 * with the strict Excel fake served as Office.js over the bundled sample (2 respondents,
 * consolidated total 37):
 *
 * 1. the whole workflow: analyse → the total → quick-win filter → change item 2's importance to 低
 *    and write a Japanese note (pending before the sheets exist) → write the sheets (progress
 *    shown) → save the fake's workbook and check with the engine that the priority sheet holds the
 *    rating and the note → edits after writing go straight to the sheet (busy → done): a rating,
 *    and a note where Enter while an IME is composing (CDP Input.imeSetComposition) does not save
 *    while Enter after the conversion does → clear → the workbook as before (every company
 *    sheet's cells, our sheets and state gone);
 * 2. every control has an accessible name, and the language switch works;
 * 3. screenshots of each view at 320 and 500 px (test/browser/artifacts/), no sideways scrolling
 *    at 320 px;
 * and in every test: no request leaves localhost (Office.js fulfilled locally), no page errors,
 * no CSP violations.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import {
  act,
  ARTIFACTS,
  byId,
  describeBrowser,
  eventually,
  EXCELJS_SIGNATURE,
  horizontalOverflow,
  openTab,
  type Pane,
  paneSession,
  SAMPLE,
  screenshotViews,
  scriptsContaining,
  unlabelledControls,
  VIEWS,
} from "./harness";
import { companyValues, dumpCells, readBack } from "./workbook";
import { examine } from "../../src/pane/session";
import { formatDate } from "../../src/core/i18n";
import { ITEM_MEASURES } from "../../src/core/catalog/itemMeasures";

jest.setTimeout(600_000);

const NAME = "sample-diagnosis.xlsx";
const NOTE_2 = "ログ保存期間を確認（要フォロー）";

describeBrowser("task pane in Excel mode (strict fake Office.js) over the bundled sample", () => {
  const fixture = { bytes: readFileSync(SAMPLE), name: NAME };
  const timings: string[] = [];

  const session = paneSession({ built: ["taskpane.html"], fake: true });

  afterAll(() => {
    if (timings.length) console.log(`[browser tests, Excel mode] ${timings.join("; ")}`);
  });

  async function open(width = 500): Promise<Pane> {
    return session.open({ mode: "excel", width, height: 900, fixture });
  }

  function checkClean(pane: Pane): void {
    pane.guard.assertNoLeaks();
    // ExcelJS is the preview's only: the task pane loads none of it (the fake's copy is Office.js's URL).
    expect(pane.guard.scripts.length).toBeGreaterThan(1);
    expect(scriptsContaining(pane.guard.scripts, EXCELJS_SIGNATURE)).toEqual([]);
    expect(pane.guard.pageErrors).toEqual([]);
    expect(pane.guard.cspViolations()).toEqual([]);
  }

  async function saved(page: Page): Promise<Buffer> {
    return Buffer.from((await page.evaluate("window.__shindanFake.saveBase64()")) as string, "base64");
  }

  async function visibleItems(page: Page): Promise<number[]> {
    const ids = await page.locator('[data-testid^="priority-item-"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    return ids.map((id) => Number(String(id).replace("priority-item-", ""))).sort((a, b) => a - b);
  }

  test("analyse, rate, note, write the sheets, read them back with the engine; edits after writing; IME Enter; clear gives back the workbook", async () => {
    const t0 = Date.now();
    const pane = await open(500);
    const { page } = pane;
    const original = await saved(page); // the fake's own save before anything: the baseline for clear
    const originalRead = await readBack(fixture.bytes, NAME);

    // Analyse.
    const analysed = await act(page, "analyse", () => byId(page, "analyse").click());
    timings.push(`analyse ${analysed.ms} ms`);
    await openTab(page, "results");
    await expect(byId(page, "total").textContent()).resolves.toContain("37");

    // Priorities: the quick-win filter shows the engine's quick wins (items 1, 2, 3, 18).
    await openTab(page, "priorities");
    await byId(page, "priority-item-2").waitFor();
    expect(await visibleItems(page)).toHaveLength(25);
    // Each item says what to do (the catalog's countermeasure).
    expect(await byId(page, "measure-text-2").textContent()).toContain(ITEM_MEASURES[2].measure.ja);
    await byId(page, "quick-wins-only").check();
    await eventually(
      () => visibleItems(page),
      (v) => expect(v).toEqual([1, 2, 3, 18]),
    );
    await byId(page, "quick-wins-only").uncheck();
    await eventually(
      () => visibleItems(page),
      (v) => expect(v).toHaveLength(25),
    );

    // Item 2: importance 高 (default) → 低, and a Japanese note; both pending until the sheets are written.
    const importance2 = byId(page, "rating-2-importance");
    expect(await importance2.inputValue()).toBe("high");
    await importance2.selectOption("low");
    await eventually(
      () => importance2.inputValue(),
      (v) => expect(v).toBe("low"),
    );
    await byId(page, "note-2").click();
    await page.keyboard.insertText(NOTE_2);
    await eventually(
      () => byId(page, "note-2").inputValue(),
      (v) => expect(v).toBe(NOTE_2),
    );
    await byId(page, "note-save-2").click();
    await eventually(
      () => byId(page, "note-2").inputValue(),
      (v) => expect(v).toBe(NOTE_2),
    );
    // Nothing written to the workbook yet.
    expect((await readBack(await saved(page), NAME)).ours).toEqual([]);

    // Write the sheets.
    await openTab(page, "sheets");
    const written = await act(page, "write the sheets", () => byId(page, "write-sheets").click());
    timings.push(`write sheets ${written.ms} ms`);
    expect(written.sawProgress).toBe(true);

    const afterWrite = await readBack(await saved(page), NAME);
    expect(afterWrite.ours.map((s) => s.kind)).toEqual(["owner", "summary", "priorities", "actionPlan", "regulations"]);
    expect(afterWrite.hasState).toBe(true);
    expect(afterWrite.edits?.ratings[2]).toEqual({ importance: "low" });
    expect(afterWrite.edits?.notes[2]).toBe(NOTE_2);
    expect(afterWrite.priorityRows.get(2)).toMatchObject({ 重要度: "低", メモ: NOTE_2 });
    // The analysis is unchanged by our sheets.
    expect(afterWrite.analysis).toEqual(originalRead.analysis);

    // After writing, each edit goes to the priority sheet at once: item 5's difficulty 低 → 高.
    await openTab(page, "priorities");
    const difficulty5 = byId(page, "rating-5-difficulty");
    expect(await difficulty5.inputValue()).toBe("low");
    const edited = await act(page, "change item 5's difficulty", () => difficulty5.selectOption("high"));
    timings.push(`one rating edit ${edited.ms} ms (busy ${edited.sawBusy ? "seen" : "not committed"})`);
    const afterEdit = await readBack(await saved(page), NAME);
    expect(afterEdit.edits?.ratings[5]).toEqual({ difficulty: "high" });
    expect(afterEdit.edits?.ratings[2]).toEqual({ importance: "low" });
    expect(afterEdit.edits?.notes[2]).toBe(NOTE_2);

    // The plan: a measure's status and due date set in the pane go into the plan sheet at once (one action each).
    await openTab(page, "plan");
    const firstId = examine(afterEdit.snapshot, "ja").actionPlan.measures[0].id;
    const status = byId(page, `status-${firstId}`);
    await status.waitFor();
    const syncsBeforePlan = (await page.evaluate("window.__shindanFake.syncs()")) as number;
    const planned = await act(page, "set a measure's status", () => status.selectOption("doing"));
    timings.push(`one plan edit ${planned.ms} ms, ${((await page.evaluate("window.__shindanFake.syncs()")) as number) - syncsBeforePlan} syncs`);
    const due = byId(page, `due-${firstId}`);
    await due.fill("2025-09-30");
    await act(page, "set a measure's due date", () => due.press("Enter"));
    const afterPlan = examine((await readBack(await saved(page), NAME)).snapshot, "ja").actionPlan.measures.find((m) => m.id === firstId)!;
    expect([afterPlan.status, afterPlan.due]).toEqual(["doing", "2025-09-30"]);

    // The owner's summary: the company's name typed on the 出力 tab goes onto it at once.
    await openTab(page, "sheets");
    const company = byId(page, "owner-company");
    await company.fill("株式会社テスト工業");
    await act(page, "enter the company's name", () => company.press("Enter"));
    const ownerView = examine((await readBack(await saved(page), NAME)).snapshot, "ja").owner;
    expect(ownerView.company).toMatchObject({ name: "株式会社テスト工業", source: "entered" });
    // The pane shows the owner's summary as the sheet has it: the name, and the measure's due date in the headline.
    const headline = ownerView.summary.headline.find((m) => m.due === "2025-09-30")!;
    expect(headline).toBeDefined();
    await eventually(
      () => byId(page, "owner-summary").textContent(),
      (v) => expect(v).toContain("株式会社テスト工業"),
    );
    const measures = (await byId(page, "owner-summary-measures").textContent()) ?? "";
    expect(measures).toContain(headline.title);
    expect(measures).toContain(formatDate("ja", { date: "2025-09-30" }));
    await openTab(page, "priorities");

    // IME: Enter while a composition is open does not save the note; Enter after it does.
    const note6 = byId(page, "note-6");
    await note6.click();
    await page.keyboard.insertText("委託先に");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "かくにん", selectionStart: 4, selectionEnd: 4 });
    const syncsBefore = (await page.evaluate("window.__shindanFake.syncs()")) as number;
    const logBefore = ((await page.evaluate("window.__statusLog.length")) as number) ?? 0;
    await page.keyboard.press("Enter");
    await page.waitForTimeout(1500);
    const enters = (await page.evaluate("window.__enterLog")) as { isComposing: boolean; target: string | null }[];
    // The test means what it says only if the page saw a composing Enter in the note.
    expect(enters[enters.length - 1]).toMatchObject({ isComposing: true, target: "note-6" });
    const statesSince = ((await page.evaluate(`window.__statusLog.slice(${logBefore})`)) as { state: string }[]).map((e) => e.state);
    expect(statesSince).not.toContain("busy");
    expect((await page.evaluate("window.__shindanFake.syncs()")) as number).toBe(syncsBefore);
    expect((await readBack(await saved(page), NAME)).edits?.notes[6]).toBeUndefined();
    // Confirm the conversion, then Enter saves (focus never left the note: no save on blur).
    await cdp.send("Input.insertText", { text: "確認" });
    await eventually(
      () => note6.inputValue(),
      (v) => expect(v).toContain("確認"),
    );
    const typed = await note6.inputValue();
    expect(typed).toContain("委託先に");
    const noted = await act(page, "Enter saves the note", () => page.keyboard.press("Enter"));
    timings.push(`one note edit ${noted.ms} ms`);
    await cdp.detach();
    const afterNote = await readBack(await saved(page), NAME);
    expect(afterNote.edits?.notes[6]).toBe(typed);
    expect(afterNote.edits?.notes[2]).toBe(NOTE_2);

    // Clear: our sheets, state and highlights gone; every company sheet as before.
    await openTab(page, "sheets");
    await byId(page, "clear-sheets").click(); // asks first: the ratings and notes go with the sheet
    await byId(page, "clear-confirmation").waitFor();
    const cleared = await act(page, "clear", () => byId(page, "clear-confirm").click());
    timings.push(`clear ${cleared.ms} ms`);
    const after = await saved(page);
    const afterClear = await readBack(after, NAME);
    expect(afterClear.ours).toEqual([]);
    expect(afterClear.hasState).toBe(false);
    expect(companyValues(afterClear.snapshot)).toEqual(companyValues(originalRead.snapshot));
    expect(await dumpCells(after)).toEqual(await dumpCells(original));

    timings.push(`whole workflow ${Date.now() - t0} ms, ${(await page.evaluate("window.__shindanFake.syncs()")) as number} syncs`);
    checkClean(pane);
  });

  test("every control has an accessible name; the language switch toggles 日本語/English", async () => {
    const pane = await open(320);
    const { page } = pane;
    await act(page, "analyse", () => byId(page, "analyse").click());
    const unlabelled: string[] = [];
    for (const view of VIEWS) {
      await openTab(page, view);
      unlabelled.push(...(await unlabelledControls(page)).map((c) => `${view}: ${c}`));
    }
    expect(unlabelled).toEqual([]);

    const analyseText = async () => ((await byId(page, "analyse").textContent()) ?? "").trim();
    const ja = await analyseText();
    expect(ja).toMatch(/[ぁ-んァ-ン一-龯]/);
    await byId(page, "lang-switch").click();
    await eventually(analyseText, (v) => expect(v).not.toBe(ja));
    expect(await analyseText()).toMatch(/^[\x20-\x7e]+$/);
    await byId(page, "lang-switch").click();
    await eventually(analyseText, (v) => expect(v).toBe(ja));
    checkClean(pane);
  });

  test("a write Excel refuses (a protected company sheet): the error says why and that nothing was written", async () => {
    const pane = await session.open({ mode: "excel", width: 320, height: 900, fixture, protect: ["本社"] });
    const { page } = pane;
    await act(page, "analyse", () => byId(page, "analyse").click());
    await openTab(page, "sheets");
    // In Excel the pane says that Ctrl+Z does not undo its writes, and what does.
    expect(await byId(page, "undo-hint").textContent()).toMatch(/Ctrl\+Z.*「シートと色分けを削除」/);
    await expect(act(page, "write", () => byId(page, "write-sheets").click())).rejects.toThrow(/reported an error/);
    const failure = (await byId(page, "failure").textContent()) ?? "";
    expect(failure).toContain("まとめシートを書き出せませんでした");
    expect(failure).toContain("何も書き込まれていません");
    expect(await byId(page, "failure-reason").textContent()).toContain("ブックの今の状態では書き込めません");
    expect(failure).toContain("本社"); // the detail names the sheet
    const after = await readBack(await saved(page), NAME);
    expect(after.ours).toEqual([]);
    expect(after.hasState).toBe(false);
    checkClean(pane);
  });

  test("an Excel without ExcelApi 1.13: the pane says the merged cells were not read (the read's warning is not dropped)", async () => {
    const pane = await session.open({ mode: "excel", width: 320, height: 900, fixture, apiVersion: "1.12" });
    const { page } = pane;
    await act(page, "analyse", () => byId(page, "analyse").click());
    expect(await byId(page, "warnings").textContent()).toContain("merged cells were not read: this Excel lacks ExcelApi 1.13");
    checkClean(pane);
  });

  test("nothing found: what was looked for, and a blank diagnosis and checksheet added on request", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("売上").getCell("A1").value = "今月の売上";
    const empty = { bytes: Buffer.from(await wb.xlsx.writeBuffer()), name: "empty.xlsx" };
    const pane = await session.open({ mode: "excel", width: 320, height: 900, fixture: empty });
    const { page } = pane;
    await act(page, "analyse", () => byId(page, "analyse").click());
    const banner = (await byId(page, "nothing-found").textContent()) ?? "";
    expect(banner).toContain("25 の診断項目");
    expect(banner).toContain("規程チェックシート");
    await act(page, "insert", () => byId(page, "insert-template").click());
    const after = await readBack(await saved(page), "empty.xlsx");
    expect(after.snapshot.sheets[0].name).toBe("売上");
    expect(after.snapshot.sheets.length).toBeGreaterThan(2);
    expect(after.analysis.regulations).not.toBeNull();
    await expect(byId(page, "nothing-found").count()).resolves.toBe(0);
    // The blank form found: 0 points but no verdict.
    await act(page, "analyse", () => byId(page, "analyse").click());
    await byId(page, "tab-results").click();
    await eventually(
      () => byId(page, "band").textContent(),
      (v) => expect(v).toContain("判定はありません"),
    );
    checkClean(pane);
  });

  test("the keyboard alone: analyse, move between tabs, change a rating", async () => {
    const pane = await open(320);
    const { page } = pane;
    const focused = () =>
      page.evaluate('document.activeElement && (document.activeElement.getAttribute("data-testid") || document.activeElement.tagName)') as Promise<
        string | null
      >;
    // Tab from the top of the page until the analyse button has the focus, then Enter.
    const reach = async (id: string, limit = 60) => {
      for (let i = 0; i < limit && (await focused()) !== id; i++) await page.keyboard.press("Tab");
      expect(await focused()).toBe(id);
    };
    await reach("analyse");
    await act(page, "analyse", () => page.keyboard.press("Enter"));
    await expect(byId(page, "tab-found").getAttribute("aria-selected")).resolves.toBe("true");
    // The tab list: arrow keys move along it, Enter selects.
    await reach("tab-found");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await eventually(
      () => byId(page, "tab-priorities").getAttribute("aria-selected"),
      (v) => expect(v).toBe("true"),
    );
    // Into the first card's urgency dropdown; a closed native select changes with the arrow keys.
    await byId(page, "rating-2-urgency").waitFor(); // the view loads after the engine
    await reach("rating-2-urgency");
    expect(await byId(page, "rating-2-urgency").inputValue()).toBe("high");
    await page.keyboard.press("ArrowDown");
    await eventually(
      () => byId(page, "rating-2-urgency").inputValue(),
      (v) => expect(v).toBe("medium"),
    );
    await eventually(
      () => byId(page, "pending").textContent(),
      (v) => expect(v).toMatch(/1/),
    );
    checkClean(pane);
  });

  test.each([320, 500])("screenshots of each view at %i px", async (width) => {
    const pane = await open(width);
    const { page } = pane;
    await act(page, "analyse", () => byId(page, "analyse").click());
    const files = await screenshotViews(page, "excel", width);
    // The owner's summary on the 出力 tab, whole (it is below the fold).
    await openTab(page, "sheets");
    const ownerShot = join(ARTIFACTS, `excel-owner-summary-${width}.png`);
    await byId(page, "owner-summary").screenshot({ path: ownerShot });
    files.push(ownerShot);
    console.log(`[browser tests] Excel mode at ${width} px:\n  ${files.join("\n  ")}`);
    if (width === 320) {
      const overflow: string[] = [];
      for (const view of VIEWS) {
        await openTab(page, view);
        const o = await horizontalOverflow(page);
        if (o.scrollWidth > o.clientWidth) overflow.push(`${view}: scrollWidth ${o.scrollWidth} > ${o.clientWidth} (${o.culprits.join(", ")})`);
      }
      expect(overflow).toEqual([]);
    }
    checkClean(pane);
  });
});
