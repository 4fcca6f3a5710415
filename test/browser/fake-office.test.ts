/**
 * The harness itself, without the task pane: the fake Office.js bundle in real headless Chromium,
 * on a page with the task pane's own Content-Security-Policy (taken from
 * src/taskpane/taskpane.html) that loads Office.js from its CDN URL exactly as the pane does.
 * Office.onReady resolves with host Excel once the fixture is loaded; isSetSupported answers for
 * the fake's ExcelApi version; Excel.run reads and writes the workbook with the fake's strictness
 * (a property read before sync throws PropertyNotLoaded); the workbook saved in the page reads
 * back in Node with the engine; no request leaves the machine; the CSP is not violated.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { readWorkbookBuffer } from "../../src/xlsx/readSnapshot";
import { analyseWorkbook } from "../../src/core/analyse";
import { mainDiagnosis } from "../../src/core/report/common";
import { NetworkGuard, OFFICE_JS_URL, ROOT, SAMPLE, buildFake, describeBrowser, launchChromium, startServer, type StaticServer } from "./harness";

jest.setTimeout(240_000);

// The task pane's policy, whatever the tag's layout (attributes on lines of their own, as Prettier writes them).
const CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/.exec(
  readFileSync(join(ROOT, "src", "taskpane", "taskpane.html"), "utf8"),
)?.[0];

const PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8">
${CSP ?? ""}
<title>fake Office.js probe</title>
<script src="${OFFICE_JS_URL}"></script>
<script src="probe.js" defer></script>
</head><body><p id="out">…</p></body></html>`;

// Runs in the page (a file: the CSP allows no inline script).
const PROBE = `"use strict";
window.__probe = (async () => {
  const info = await Office.onReady();
  const sets = ["1.1", "1.8", "1.9", "1.13", "1.14"].map((v) => Office.context.requirements.isSetSupported("ExcelApi", v));
  const names = await Excel.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load("items/name");
    await ctx.sync();
    return sheets.items.map((s) => s.name);
  });
  let strict = null;
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(names[0]).getRange("A1").load("values");
    try { void r.values; } catch (e) { strict = e.code || String(e); }
    await ctx.sync();
  });
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("ブラウザ");
    ws.getRange("A1:B1").values = [["ログ保存期間を確認（要フォロー）", 42]];
    await ctx.sync();
  });
  const base64 = await window.__shindanFake.saveBase64();
  document.getElementById("out").textContent = "done";
  return { info, sets, names, strict, syncs: window.__shindanFake.syncs(), base64, lang: Office.context.displayLanguage };
})();
`;

describeBrowser("the fake Office.js in Chromium (harness check, no task pane)", () => {
  let browser: Browser;
  let server: StaticServer;
  let fake: Awaited<ReturnType<typeof buildFake>>;
  let dir: string;

  beforeAll(async () => {
    expect(CSP).toBeDefined();
    dir = mkdtempSync(join(tmpdir(), "shindan-probe-"));
    writeFileSync(join(dir, "probe.html"), PAGE);
    writeFileSync(join(dir, "probe.js"), PROBE);
    writeFileSync(join(dir, "plain.html"), "<!doctype html><title>no CSP</title><p>plain</p>");
    [fake, server, browser] = await Promise.all([buildFake(), startServer(dir), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fake?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("Office/Excel globals over the sample; the saved workbook reads back with the engine", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const guard = new NetworkGuard("excel", fake.code, { bytes: readFileSync(SAMPLE), name: "sample-diagnosis.xlsx" });
    await guard.attach(context);
    const page = await context.newPage();
    guard.watch(page);
    try {
      await page.goto(`${server.url}probe.html`);
      type Probe = { info: unknown; sets: boolean[]; names: string[]; strict: string | null; syncs: number; base64: string; lang: string };
      const r = (await page.evaluate("window.__probe")) as Probe;
      expect(r.info).toEqual({ host: "Excel", platform: "PC" });
      expect(r.lang).toBe("ja-JP");
      expect(r.sets).toEqual([true, true, true, true, false]);
      expect(r.names).toEqual(["本社", "工場", "関連規程一覧", "規程チェックシート", "基本方針チェック", "売上"]);
      expect(r.strict).toBe("PropertyNotLoaded");
      expect(r.syncs).toBe(3);

      const snapshot = await readWorkbookBuffer(Buffer.from(r.base64, "base64"), "sample-diagnosis.xlsx");
      const added = snapshot.sheets.find((s) => s.name === "ブラウザ")!;
      expect(added.values[0]).toEqual(["ログ保存期間を確認（要フォロー）", 42]);
      expect(mainDiagnosis(analyseWorkbook(snapshot))!.total).toBe(37);

      guard.assertNoLeaks();
      expect(guard.requests).toContain(OFFICE_JS_URL);
      expect(guard.cspViolations()).toEqual([]);
      expect(guard.pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a request to another host is aborted and reported as a leak", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const guard = new NetworkGuard("excel", fake.code, { bytes: readFileSync(SAMPLE), name: "sample-diagnosis.xlsx" });
    await guard.attach(context);
    const page = await context.newPage();
    try {
      guard.watch(page);
      // Under the pane's CSP the browser itself refuses to connect elsewhere (no request at all)…
      await page.goto(`${server.url}probe.html`);
      await page.evaluate("window.__probe");
      const fetchOut = "fetch('https://example.com/leak').then(() => 'reached', (e) => 'failed: ' + e.message)";
      expect(await page.evaluate(fetchOut)).toMatch(/^failed/);
      expect(guard.leaks()).toEqual([]);
      expect(guard.cspViolations().join("\n")).toMatch(/example\.com/);
      // …and on a page without a CSP the guard aborts the request and reports it.
      await page.goto(`${server.url}plain.html`);
      expect(await page.evaluate(fetchOut)).toMatch(/^failed/);
      expect(guard.leaks()).toEqual(["https://example.com/leak"]);
      expect(() => guard.assertNoLeaks()).toThrow(/requests left localhost:\n {2}https:\/\/example\.com\/leak/);
    } finally {
      await context.close();
    }
  });
});
