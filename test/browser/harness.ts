/**
 * The browser-test harness: Debian's Chromium driven by playwright-core against the production
 * build in dist-addin/, served on 127.0.0.1 by scripts/static-server.js.
 *
 * - `describeBrowser`: runs the suite when Chromium is there; without it, fails under CI=true and
 *   skips (saying why) otherwise.
 * - `ensureBuilt`: builds dist-addin/ (npx webpack --mode production) only when a page is missing.
 * - `buildFake`: bundles the strict Excel fake as Office.js (test/browser/webpack.fake.config.js).
 * - `paneSession`: a describe block's Chromium, server and fake, and the panes it opens, closed after it.
 * - `openPane`: a fresh browser context and page with the network guard: every request is
 *   recorded; the Office.js CDN URL is fulfilled locally with the fake (Excel mode) or refused
 *   (preview mode, which must load no Office.js); `/__fixture.xlsx` is the test's workbook;
 *   anything else not on this machine is aborted and reported. `assertNoLeaks` fails on any of it.
 * - The pane's status line is watched by a MutationObserver from the first byte of the page, so
 *   that `act` can wait for the busy → done of exactly the action it started.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const ROOT = join(__dirname, "..", "..");
export const DIST = join(ROOT, "dist-addin");
export const ARTIFACTS = join(__dirname, "artifacts");
export const SAMPLE = join(ROOT, "samples", "sample-diagnosis.xlsx");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];
/** Chromium on two cores, a production bundle, ExcelJS: generous. */
export const ACTION_TIMEOUT = 60_000;

// Browser globals used inside page.evaluate callbacks (this program has Node's types, not the DOM's).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare function getComputedStyle(el: unknown): { display: string; visibility: string };
declare function requestAnimationFrame(cb: () => void): number;

const CI = /^(1|true|yes)$/i.test(process.env.CI ?? "");

// ---------------------------------------------------------------------------------------------
// Chromium present?

export function chromiumMissing(): string | null {
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (Debian: apt-get install chromium; or set CHROMIUM_PATH)`;
  return null;
}

/** describe() when Chromium is there; otherwise a failing test under CI=true, a skip (with the reason printed) locally. */
export function describeBrowser(name: string, fn: () => void): void {
  const missing = chromiumMissing();
  if (!missing) return describe(name, fn);
  if (CI) {
    return describe(name, () => {
      test("Chromium is available (required when CI is set)", () => {
        throw new Error(missing);
      });
    });
  }
  console.warn(`[browser tests] skipped "${name}": ${missing}. Under CI=true this fails instead.`);
  return describe.skip(name, fn);
}

// ---------------------------------------------------------------------------------------------
// Builds

/**
 * Builds dist-addin/ when one of `pages` is missing (npm test builds it first anyway). Test
 * files run in parallel workers: a lock directory keeps two builds from overwriting each other.
 */
export function ensureBuilt(pages: string[]): void {
  const missing = () => pages.filter((p) => !existsSync(join(DIST, p)));
  if (missing().length === 0) return;
  const lock = join(ROOT, ".dist-addin.build-lock");
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than 10 minutes is a leftover.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`waited 10 minutes for ${lock} (another build); remove it if no build runs`);
      spawnSync("sleep", ["1"]);
    }
  }
  try {
    if (missing().length === 0) return;
    console.log(`[browser tests] dist-addin/${missing().join(", dist-addin/")} missing: running npx webpack --mode production`);
    const r = spawnSync("npx", ["webpack", "--mode", "production"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`npx webpack --mode production failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  const still = missing();
  if (still.length)
    throw new Error(`dist-addin/${still.join(", dist-addin/")} still missing after npx webpack --mode production: the build does not produce it`);
}

/** The fake Office.js bundle, built into a fresh temporary directory; returns its text and a cleanup. */
export async function buildFake(): Promise<{ code: string; dir: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), "shindan-fake-office-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildFakeOffice } = require("./webpack.fake.config.js") as { buildFakeOffice(o: { outDir: string }): Promise<string> };
  const file = await buildFakeOffice({ outDir: dir });
  return { code: readFileSync(file, "utf8"), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------------------------------------
// Server and browser

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startServer(root: string = DIST): Promise<StaticServer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startStaticServer } = require("../../scripts/static-server.js") as {
    startStaticServer(o: { root: string; port?: number; host?: string }): Promise<StaticServer>;
  };
  return startStaticServer({ root, port: 0, host: "127.0.0.1" });
}

/** Chromium with the project's flags; playwright gives each launch a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

// ---------------------------------------------------------------------------------------------
// The network guard

/** True for URLs that stay on this machine (loopback hosts; data:, blob: of a loopback origin, about:). */
export function isLocalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === "data:" || url.protocol === "about:") return true;
  if (url.protocol === "blob:") return isLocalUrl(raw.slice("blob:".length));
  if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) return false;
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

export interface Fixture {
  bytes: Buffer;
  /** The workbook's name as Excel would show it. */
  name: string;
}

export class NetworkGuard {
  /** Every request the page or its workers made, in order. */
  readonly requests: string[] = [];
  /** Scripts the page loaded (URLs), in order. */
  readonly scripts: string[] = [];
  /** Non-local requests aborted by the catch-all route. */
  readonly aborted: string[] = [];
  readonly websockets: string[] = [];
  /** Times the Office.js CDN URL was fulfilled locally (never reaching the network). */
  officeJsFulfilled = 0;
  readonly pageErrors: string[] = [];
  readonly consoleErrors: string[] = [];
  /** Local requests answered 404 because the test asked (PaneOptions.refuse). */
  readonly refused: string[] = [];

  constructor(
    readonly mode: "excel" | "preview",
    private readonly fakeOffice: string | null,
    private readonly fixture: Fixture | null,
    private readonly refuse: RegExp | null = null,
  ) {}

  async attach(context: BrowserContext): Promise<void> {
    context.on("request", (r) => {
      this.requests.push(r.url());
      if (r.resourceType() === "script") this.scripts.push(r.url());
    });
    // Everything passes here; page-level routes are not used, so nothing can shadow this one.
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS_URL && this.fakeOffice !== null) {
        this.officeJsFulfilled++;
        return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: this.fakeOffice });
      }
      if (isLocalUrl(url)) {
        if (this.refuse?.test(new URL(url).pathname)) {
          this.refused.push(url);
          return route.fulfill({ status: 404, contentType: "text/plain", body: "not found" });
        }
        if (this.fixture && new URL(url).pathname === "/__fixture.xlsx") {
          return route.fulfill({
            status: 200,
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers: { "X-Fixture-Name": encodeURIComponent(this.fixture.name), "Cache-Control": "no-store" },
            body: this.fixture.bytes,
          });
        }
        return route.continue();
      }
      this.aborted.push(url);
      return route.abort("blockedbyclient");
    });
  }

  watch(page: Page): void {
    page.on("pageerror", (e) => this.pageErrors.push(`${e.name}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") this.consoleErrors.push(m.text());
    });
    page.on("websocket", (ws) => this.websockets.push(ws.url()));
  }

  /** Requests that left (or tried to leave) this machine, other than Office.js fulfilled locally. */
  leaks(): string[] {
    const office = this.requests.filter((u) => u === OFFICE_JS_URL).length;
    const out = this.requests.filter((u) => !isLocalUrl(u) && u !== OFFICE_JS_URL);
    if (this.mode === "preview" && office > 0) out.push(`${OFFICE_JS_URL} (the preview must load no Office.js)`);
    if (this.mode === "excel" && office !== this.officeJsFulfilled)
      out.push(`${OFFICE_JS_URL}: requested ${office}×, fulfilled locally ${this.officeJsFulfilled}×`);
    for (const u of this.aborted) if (!out.includes(u)) out.push(u);
    for (const u of this.websockets) if (!isLocalUrl(u)) out.push(`websocket ${u}`);
    return out;
  }

  assertNoLeaks(): void {
    const leaks = this.leaks();
    if (leaks.length) throw new Error(`requests left localhost:\n  ${leaks.join("\n  ")}\n(all requests: ${this.requests.length})`);
    if (this.mode === "excel" && this.officeJsFulfilled === 0) throw new Error("the task pane never asked for Office.js (the fake was not loaded)");
  }

  /** Console errors about the Content-Security-Policy (the page must keep to its own policy). */
  cspViolations(): string[] {
    return this.consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m));
  }
}

/**
 * The local scripts among `urls` (files of dist-addin/) whose text contains `needle`; the Office.js
 * URL (the fake, which bundles ExcelJS) is not a file of the build and is left out.
 */
export function scriptsContaining(urls: string[], needle: string): string[] {
  return urls
    .filter((u) => isLocalUrl(u) && u !== OFFICE_JS_URL && /^https?:/.test(u))
    .filter((u) => {
      const file = join(DIST, decodeURIComponent(new URL(u).pathname));
      return existsSync(file) && readFileSync(file, "utf8").includes(needle);
    })
    .map((u) => new URL(u).pathname);
}

/**
 * A string only ExcelJS's bundle holds (an attribute its worksheet writer adds; the package
 * writer, in the preview's own chunk, names shared strings too, so that name no longer tells).
 */
export const EXCELJS_SIGNATURE = "x14ac:dyDescent";

// ---------------------------------------------------------------------------------------------
// The pane

/**
 * Installed before any page script: the status line's states and the Enter keys, as they happen.
 * With the fake, a whole action can run in microtasks (no I/O), so busy and done may be committed
 * before the observer's callback runs: the states are rebuilt from the mutation records' old
 * values (each record says what the attribute was before that change), not read at callback time.
 */
const WATCH_SCRIPT = `(() => {
  const log = (window.__statusLog = []);
  window.__enterLog = [];
  const push = (state, progress) => {
    const last = log[log.length - 1];
    if (!last || last.state !== state) log.push({ state, text: "", progress: !!progress, t: Math.round(performance.now()) });
    else if (progress) last.progress = true;
  };
  const isStatus = (n) => n && n.nodeType === 1 && n.getAttribute("data-testid") === "status";
  const hasProgress = (n) => n.nodeType === 1 && (n.matches('[data-testid="progress"]') || !!n.querySelector('[data-testid="progress"]'));
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes" && isStatus(r.target) && r.oldValue !== null) push(r.oldValue, false);
      if (r.type === "childList") {
        for (const n of r.addedNodes) {
          if (!hasProgress(n)) continue;
          // The progress bar appeared: it belongs to the state in force at that record.
          const el = document.querySelector('[data-testid="status"]');
          const later = records.slice(records.indexOf(r) + 1).find((x) => x.type === "attributes" && isStatus(x.target));
          push(later ? later.oldValue : el ? el.getAttribute("data-state") : null, true);
        }
      }
    }
    const el = document.querySelector('[data-testid="status"]');
    if (el) {
      push(el.getAttribute("data-state"), !!document.querySelector('[data-testid="progress"]'));
      log[log.length - 1].text = (el.textContent || "").trim();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"], attributeOldValue: true, characterData: true });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.keyCode === 13 || e.keyCode === 229) {
      const t = e.target;
      window.__enterLog.push({ key: e.key, keyCode: e.keyCode, isComposing: e.isComposing, shift: e.shiftKey,
        target: t && t.getAttribute ? t.getAttribute("data-testid") : null });
    }
  }, true);
})();`;

export interface PaneOptions {
  browser: Browser;
  server: StaticServer;
  mode: "excel" | "preview";
  width?: number;
  height?: number;
  /** Excel mode: the fake Office.js bundle and the workbook it opens. */
  fakeOffice?: string;
  fixture?: Fixture;
  /** Office's UI language the fake reports (default ja-JP). */
  displayLanguage?: string;
  /** Sheets the fake protects once loaded. */
  protect?: string[];
  /** The ExcelApi requirement set the fake implements (default: its newest). */
  apiVersion?: string;
  /** Files of the build the server answers 404 for (by path), as a server missing them would. */
  refuse?: RegExp;
}

export interface Pane {
  context: BrowserContext;
  page: Page;
  guard: NetworkGuard;
  close(): Promise<void>;
}

export async function openPane(o: PaneOptions): Promise<Pane> {
  const context = await o.browser.newContext({
    viewport: { width: o.width ?? 500, height: o.height ?? 900 },
    locale: "ja-JP",
    acceptDownloads: true,
    serviceWorkers: "block",
  });
  const guard = new NetworkGuard(o.mode, o.mode === "excel" ? (o.fakeOffice ?? null) : null, o.fixture ?? null, o.refuse ?? null);
  await guard.attach(context);
  await context.addInitScript({ content: WATCH_SCRIPT });
  const fakeOptions = {
    ...(o.displayLanguage ? { displayLanguage: o.displayLanguage } : {}),
    ...(o.protect ? { protect: o.protect } : {}),
    ...(o.apiVersion ? { apiVersion: o.apiVersion } : {}),
  };
  if (Object.keys(fakeOptions).length) await context.addInitScript({ content: `window.__shindanFakeOptions = ${JSON.stringify(fakeOptions)};` });
  const page = await context.newPage();
  guard.watch(page);
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const url = `${o.server.url}${o.mode === "excel" ? "taskpane.html" : "preview.html"}`;
  await page.goto(url, { waitUntil: "load" });
  await page.locator(`[data-testid="pane"][data-mode="${o.mode}"]`).waitFor({ state: "visible", timeout: ACTION_TIMEOUT });
  return { context, page, guard, close: () => context.close() };
}

/** What a test gives to open a pane of a PaneSession (the session knows the browser, server and fake). */
export type SessionPaneOptions = Omit<PaneOptions, "browser" | "server" | "fakeOffice"> & {
  /** Wait until the pane is idle after it opens (default); a test watching its first moments says false. */
  settle?: boolean;
};

export interface PaneSession {
  open(o: SessionPaneOptions): Promise<Pane>;
}

/**
 * One Chromium and one server for a describe block (and the fake Office.js when `fake`), started
 * once the `built` pages exist; every pane opened through it is closed, and all of it stopped,
 * after the block. Call it in the describe's body.
 */
export function paneSession(o: { built: string[]; fake?: boolean }): PaneSession {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let fake: Awaited<ReturnType<typeof buildFake>> | undefined;
  const panes: Pane[] = [];
  beforeAll(async () => {
    ensureBuilt(o.built);
    [fake, server, browser] = await Promise.all([o.fake ? buildFake() : undefined, startServer(), launchChromium()]);
  });
  afterAll(async () => {
    for (const p of panes) await p.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    fake?.cleanup();
  });
  return {
    async open({ settle = true, ...options }) {
      if (!browser || !server) throw new Error("the pane session has not started (call paneSession in a describe's body)");
      if (options.mode === "excel" && !fake) throw new Error("Excel mode needs the fake Office.js: paneSession({ fake: true })");
      const pane = await openPane({ ...options, browser, server, ...(options.mode === "excel" ? { fakeOffice: fake!.code } : {}) });
      panes.push(pane);
      if (settle) await settled(pane.page);
      return pane;
    },
  };
}

export const byId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

export interface StatusEntry {
  state: string | null;
  text: string;
  progress: boolean;
  t: number;
}

export function statusLog(page: Page): Promise<StatusEntry[]> {
  return page.evaluate(() => (window as unknown as { __statusLog: StatusEntry[] }).__statusLog);
}

/** Current state and text of the status line. */
export async function status(page: Page): Promise<{ state: string | null; text: string }> {
  const el = byId(page, "status");
  return { state: await el.getAttribute("data-state"), text: ((await el.textContent()) ?? "").trim() };
}

/** Excel.run batches of the fake (Excel mode), or null in the preview. */
function fakeRuns(page: Page): Promise<{ started: number; finished: number } | null> {
  return page.evaluate(() => (window.__shindanFake ? window.__shindanFake.runs() : null));
}

/**
 * Does `start` (a click, a file choice…) and waits for the action it starts to end. It has ended
 * when the status line went busy and then done (or error); in Excel mode also when the fake ran
 * and finished an Excel.run batch and the status line is done or error (over the fake a whole
 * action can run in microtasks, and React may then never commit the busy state). An action may
 * chain another (choosing a file opens it, then analyses it): any further busy or batch that
 * starts within `quietMs` after the end is waited for too. Fails with the pane's own words when
 * it ends in error, and with the status history when it never ends.
 */
export async function act(
  page: Page,
  what: string,
  start: () => Promise<unknown>,
  { timeout = ACTION_TIMEOUT, quietMs = 400 }: { timeout?: number; quietMs?: number } = {},
): Promise<{ log: StatusEntry[]; sawBusy: boolean; sawProgress: boolean; ms: number }> {
  const from = (await statusLog(page)).length;
  const t0 = Date.now();
  let mark = { log: from, runs: (await fakeRuns(page))?.finished ?? -1 };
  await start();
  for (;;) {
    try {
      await page.waitForFunction(
        (m) => {
          const log = (window.__statusLog as { state: string }[]).slice(m.log);
          const busy = log.findIndex((e) => e.state === "busy");
          if (busy >= 0 && log.slice(busy + 1).some((e) => e.state === "done" || e.state === "error")) return true;
          const runs = window.__shindanFake ? window.__shindanFake.runs() : null;
          const state = document.querySelector('[data-testid="status"]')?.getAttribute("data-state");
          return runs !== null && m.runs >= 0 && runs.finished > m.runs && runs.started === runs.finished && (state === "done" || state === "error");
        },
        mark,
        { timeout, polling: 50 },
      );
    } catch (e) {
      const log = (await statusLog(page)).slice(from);
      throw new Error(
        `${what}: the action did not end within ${timeout} ms; the status line went ${JSON.stringify(log)} (now ${JSON.stringify(await status(page))}); fake Excel.run batches ${JSON.stringify(await fakeRuns(page))}`,
        { cause: e },
      );
    }
    // A chained action?
    const ended = { log: (await statusLog(page)).length, runs: (await fakeRuns(page))?.finished ?? -1 };
    await page.waitForTimeout(quietMs);
    const later = (await statusLog(page)).slice(ended.log);
    const runsNow = await fakeRuns(page);
    const again = later.some((e) => e.state === "busy") || (runsNow !== null && runsNow.started > ended.runs);
    if (!again) break;
    mark = ended;
  }
  const log = (await statusLog(page)).slice(from);
  const now = await status(page);
  if (now.state === "error" || log.some((e) => e.state === "error")) {
    throw new Error(
      `${what}: the pane reported an error: ${now.text} (${await byId(page, "failure")
        .textContent()
        .catch(() => "")})`,
    );
  }
  return { log, sawBusy: log.some((e) => e.state === "busy"), sawProgress: log.some((e) => e.progress), ms: Date.now() - t0 };
}

/** The pane is not busy (idle, done or error) — after loading, before the first action. */
export async function settled(page: Page, timeout = ACTION_TIMEOUT): Promise<void> {
  await page.locator('[data-testid="status"]:not([data-state="busy"])').waitFor({ timeout });
}

export async function openTab(page: Page, tab: (typeof VIEWS)[number]): Promise<void> {
  const t = byId(page, `tab-${tab}`);
  await t.click();
  // Fluent's Tab marks the selected one with aria-selected.
  await page
    .waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("aria-selected") === "true", `tab-${tab}`, { timeout: 10_000 })
    .catch(() => undefined);
}

export const VIEWS = ["found", "results", "priorities", "plan", "regulations", "visits", "sheets"] as const;

/** Screenshots of each view at this page's width, under test/browser/artifacts/; returns the paths. */
export async function screenshotViews(page: Page, mode: string, width: number): Promise<string[]> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const out: string[] = [];
  for (const view of VIEWS) {
    await openTab(page, view);
    await page.evaluate(() => window.scrollTo(0, 0));
    // Fonts and Fluent's transitions.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))));
    const file = join(ARTIFACTS, `${mode}-${view}-${width}.png`);
    await page.screenshot({ path: file, fullPage: false });
    out.push(file);
  }
  return out;
}

/** Elements wider than the viewport (the pane must work at 320 px without sideways scrolling). */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const vw = doc.clientWidth;
    const culprits: string[] = [];
    for (const el of Array.from<any>(document.querySelectorAll("body *"))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > vw + 1) {
        const id = el.getAttribute("data-testid");
        culprits.push(
          `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""} right=${Math.round(r.right)}`,
        );
        if (culprits.length >= 8) break;
      }
    }
    return { scrollWidth: doc.scrollWidth, clientWidth: vw, culprits };
  });
}

/** Controls without an accessible name (a label, aria-label(ledby), or text for buttons). */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.querySelector('[data-testid="pane"]') ?? document.body;
    for (const el of Array.from<any>(root.querySelectorAll("button, select, textarea, input, [role=button], [role=tab], [role=checkbox], [role=switch]"))) {
      if (el.type === "hidden" || el.closest("[aria-hidden=true]")) continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const labelledBy = (el.getAttribute("aria-labelledby") ?? "")
        .split(/\s+/)
        .map((id: string) => (id ? (document.getElementById(id)?.textContent ?? "") : ""))
        .join(" ");
      const labels = el.labels
        ? Array.from<any>(el.labels)
            .map((l) => l.textContent ?? "")
            .join(" ")
        : "";
      const own = el.tagName === "BUTTON" || el.getAttribute("role") === "button" || el.getAttribute("role") === "tab" ? (el.textContent ?? "") : "";
      const name = [el.getAttribute("aria-label") ?? "", labelledBy, labels, own, el.getAttribute("title") ?? ""].join(" ").trim();
      if (!name)
        out.push(
          `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : ""}${el.id ? `#${el.id}` : ""}`,
        );
    }
    return out;
  });
}

/** Retries `check` on fresh values of `get` until it passes (the UI updates asynchronously); rethrows the last failure. */
export async function eventually<T>(get: () => Promise<T>, check: (v: T) => void, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await get();
    try {
      check(v);
      return v;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
