/**
 * A view that fails never blanks the pane (issue 10, point 1). The production build in real
 * headless Chromium, with its views' code refused by the server (404 for views.*.chunk.js): what
 * a pane meets when the add-in is updated on its server while the pane is open (the old pane asks
 * for chunk names that are gone), or when the network drops that one request. No test-only code in
 * the pane: React.lazy throws the failed load in the view's place, as any other error in a view.
 *
 * The pane must say which view failed, in its language, with the error folded below; the header,
 * the file choice, the analysis, the tabs and the language switch keep working.
 */
import ja from "../../src/i18n/ja.json";
import en from "../../src/i18n/en.json";
import { act, byId, describeBrowser, eventually, openTab, paneSession, SAMPLE, status } from "./harness";

jest.setTimeout(300_000);

const failed = (file: Record<string, string>, tab: string) => file["pane.view.failed"].replace("{view}", file[`pane.tab.${tab}`]);

describeBrowser("a failing view", () => {
  const session = paneSession({ built: ["preview.html"] });

  test("the views' code cannot be loaded: each view says so in the pane's language, the rest of the pane works", async () => {
    const pane = await session.open({ mode: "preview", refuse: /\/views\.[0-9a-f]+\.chunk\.js$/, settle: false });
    const { page, guard } = pane;
    const failure = byId(page, "view-failure");

    // The first view, at once: named, in Japanese, the detail folded.
    await failure.waitFor({ state: "visible" });
    expect(await failure.getAttribute("data-view")).toBe("pane.tab.found");
    expect(await failure.textContent()).toContain(failed(ja, "found"));
    expect(await failure.locator("details").getAttribute("open")).toBeNull();
    expect(await byId(page, "view-failure-detail").textContent()).toMatch(/chunk/i);
    expect(await byId(page, "view-failure-detail").isVisible()).toBe(false);
    await failure.locator("summary").click();
    expect(await byId(page, "view-failure-detail").isVisible()).toBe(true);

    // The rest works: a file is opened and analysed.
    await act(page, "choose the sample (opens and analyses it)", () => byId(page, "file-input").setInputFiles(SAMPLE));
    expect((await status(page)).state).toBe("done");
    expect(await byId(page, "analyse").textContent()).toBe(ja["pane.action.reanalyse"]);

    // Another tab: its own failure, naming it.
    await openTab(page, "results");
    await eventually(
      () => failure.getAttribute("data-view"),
      (v) => expect(v).toBe("pane.tab.results"),
    );
    expect(await failure.textContent()).toContain(failed(ja, "results"));

    // The language switch: the same failure in English.
    await byId(page, "lang-switch").click();
    await eventually(
      async () => (await failure.textContent()) ?? "",
      (text) => expect(text).toContain(failed(en, "results")),
    );
    expect(await byId(page, "tab-found").textContent()).toContain(en["pane.tab.found"]);

    expect(guard.refused.length).toBeGreaterThan(0);
    // Caught in the pane, not left to the page.
    expect(guard.pageErrors).toEqual([]);
    guard.assertNoLeaks();
  });

  test("a fault outside the views (the header's status line): the whole pane says so and offers to start again, never blank", async () => {
    const pane = await session.open({ mode: "preview", settle: false });
    const { page, guard } = pane;
    await act(page, "choose the sample (opens and analyses it)", () => byId(page, "file-input").setInputFiles(SAMPLE));
    expect((await status(page)).state).toBe("done");
    // A fault of the runtime under the pane, met first by the header: English plural forms are
    // chosen with Intl.PluralRules, made on the first English sentence; here, as in a webview
    // without it, making one throws. Switching to English renders the status line ("Analysed
    // (N messages)") outside the views.
    await page.evaluate(() => {
      (Intl as { PluralRules: unknown }).PluralRules = function PluralRules() {
        throw new Error("Intl.PluralRules is not available");
      };
    });
    await byId(page, "lang-switch").click();
    const failure = byId(page, "pane-failure");
    await failure.waitFor({ state: "visible" });
    expect(await failure.textContent()).toContain(ja["pane.failed.whole"]);
    expect(await failure.textContent()).toContain(ja["pane.action.restart"]);
    expect(await failure.locator("pre").textContent()).toContain("Intl.PluralRules is not available");
    expect(await failure.locator("details").getAttribute("open")).toBeNull();
    // Starting again gives a working pane.
    await failure.locator("button").click();
    await byId(page, "file-input").waitFor({ state: "attached" });
    expect(await byId(page, "pane-failure").count()).toBe(0);
    expect(guard.pageErrors).toEqual([]);
    guard.assertNoLeaks();
  });
});
