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
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { SAMPLE, act, buildFake, byId, describeBrowser, ensureBuilt, eventually, launchChromium, openPane, openTab, settled, startServer, type Pane, type StaticServer } from "./harness";
import { dumpCells, readBack } from "./workbook";
import { examine } from "../../src/pane/session";

jest.setTimeout(600_000);

// A browser global used inside page.evaluate (this program has Node's types, not the DOM's).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const NAME = "sample-diagnosis.xlsx";

describeBrowser("the pane tells the whole truth (sample workbook, Excel mode)", () => {
  let browser: Browser;
  let server: StaticServer;
  let fake: Awaited<ReturnType<typeof buildFake>>;
  const fixture = { bytes: readFileSync(SAMPLE), name: NAME };
  const panes: Pane[] = [];

  beforeAll(async () => {
    ensureBuilt(["taskpane.html"]);
    [fake, server, browser] = await Promise.all([buildFake(), startServer(), launchChromium()]);
  });

  afterAll(async () => {
    for (const p of panes) await p.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    fake?.cleanup();
  });

  async function analysed(width = 320): Promise<Page> {
    const pane = await openPane({ browser, server, mode: "excel", width, height: 900, fakeOffice: fake.code, fixture });
    panes.push(pane);
    await settled(pane.page);
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
    const rows = async () => page.locator('[data-testid="priority-overview"] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())));
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
    const cards = await page.locator('[data-testid^="priority-item-"]').evaluateAll((els) => els.map((e) => Number(String(e.getAttribute("data-testid")).replace("priority-item-", ""))));
    expect(cards).toEqual(focus);
    await byId(page, "focus-only").uncheck();
    await eventually(rows, (r) => expect(r).toHaveLength(25));
  });
});
