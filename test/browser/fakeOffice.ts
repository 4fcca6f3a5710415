/// <reference types="office-js" />
/**
 * The strict Excel fake (test/fakeExcel) as the browser sees Office.js: this file is bundled by
 * test/browser/webpack.fake.config.js into one classic script, which the browser tests serve in
 * place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js. It defines the globals
 * exactly where Office.js would, before the pane's own script runs:
 *
 *   window.Office = { onReady(cb?), context: { displayLanguage, requirements: { isSetSupported } },
 *                     HostType: { Excel }, PlatformType: { PC } }
 *   window.Excel  = { run(batch) }              → the fake's run() (a fresh RequestContext per batch)
 *   window.__shindanFake = { ready, saveBase64(), syncs(), sheetNames(), selection(), error() }
 *
 * The workbook is fetched from the page's own origin (`/__fixture.xlsx`, which the test routes to
 * a fixture file; the name the workbook has in Excel comes from the response's X-Fixture-Name
 * header). Office.onReady resolves only once it is loaded, as Office.js resolves only once the
 * document is open. A test may set `window.__shindanFakeOptions` (page.addInitScript) before the
 * page loads: { fixtureUrl, name, apiVersion, payloadLimit, displayLanguage, protect }.
 *
 * Compiled for the browser only; no DOM types are needed (the program that type-checks it is the
 * Node one), so the browser globals used are declared here.
 */
import { FakeExcel } from "../fakeExcel";
import { versionAtLeast } from "../fakeExcel/api";

interface FakeOptions {
  fixtureUrl?: string;
  name?: string;
  apiVersion?: string;
  payloadLimit?: number;
  displayLanguage?: string;
  /** Sheets to protect once the workbook is loaded (as if the company had protected them). */
  protect?: string[];
}

interface FakeHandle {
  /** Resolves once the workbook is loaded (rejects when it could not be). */
  ready: Promise<void>;
  /** The workbook as it is now, saved to .xlsx, base64-encoded. */
  saveBase64(): Promise<string>;
  /** Syncs run so far. */
  syncs(): number;
  /** The sheets (not deleted) in order, with their visibility. */
  sheetNames(): { name: string; visibility: string }[];
  /** The active sheet and the selected range, as the pane's links set them. */
  selection(): { sheet: string | null; range: string | null };
  /** Why the workbook could not be loaded, or null. */
  error(): string | null;
  /** Excel.run batches started and finished (resolved or rejected) so far. */
  runs(): { started: number; finished: number };
}

interface BrowserGlobals {
  Office?: unknown;
  Excel?: unknown;
  __shindanFake?: FakeHandle;
  __shindanFakeOptions?: FakeOptions;
  fetch(url: string): Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null }; arrayBuffer(): Promise<ArrayBuffer> }>;
  location: { origin: string };
  console: { error(...args: unknown[]): void };
}

const g = globalThis as unknown as BrowserGlobals;
const options: FakeOptions = g.__shindanFakeOptions ?? {};
const apiVersion = options.apiVersion ?? "1.13";

let fake: FakeExcel | null = null;
let loadError: string | null = null;
const runs = { started: 0, finished: 0 };

const loaded: Promise<FakeExcel> = (async () => {
  const url = options.fixtureUrl ?? "/__fixture.xlsx";
  const res = await g.fetch(url);
  if (!res.ok) throw new Error(`fakeOffice: GET ${url} answered ${res.status}`);
  const name = options.name ?? res.headers.get("x-fixture-name") ?? "workbook.xlsx";
  const bytes = Buffer.from(await res.arrayBuffer());
  fake = await FakeExcel.fromXlsx(bytes, decodeURIComponent(name), { apiVersion, payloadLimit: options.payloadLimit });
  for (const sheet of options.protect ?? []) {
    const found = fake.model.find(sheet);
    if (!found) throw new Error(`fakeOffice: no sheet "${sheet}" to protect`);
    found.protected = true;
  }
  return fake;
})();
loaded.catch((e: unknown) => {
  loadError = e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e);
  g.console.error(`[fakeOffice] the workbook could not be loaded: ${loadError}`);
});

/** Office.context.requirements.isSetSupported for the fake's ExcelApi version (synchronous, as in Office.js). */
function isSetSupported(name: string, version?: string): boolean {
  return name === "ExcelApi" && versionAtLeast(apiVersion, version ?? "1.1");
}

type OnReadyInfo = { host: "Excel"; platform: "PC" };

g.Office = {
  onReady(callback?: (info: OnReadyInfo) => void): Promise<OnReadyInfo> {
    const ready = loaded.then((): OnReadyInfo => ({ host: "Excel", platform: "PC" }));
    if (callback) void ready.then(callback);
    return ready;
  },
  context: {
    displayLanguage: options.displayLanguage ?? "ja-JP",
    requirements: { isSetSupported },
  },
  HostType: { Excel: "Excel" },
  PlatformType: { PC: "PC" },
};

g.Excel = {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    if (typeof batch !== "function") {
      return Promise.reject(new Error("fakeOffice: Excel.run is faked only as Excel.run(batch)"));
    }
    runs.started++;
    return loaded
      .then((x) => x.run(batch))
      .finally(() => {
        runs.finished++;
      });
  },
};

g.__shindanFake = {
  ready: loaded.then(() => undefined),
  async saveBase64() {
    const x = await loaded;
    return (await x.toXlsx()).toString("base64");
  },
  syncs: () => fake?.syncs.length ?? 0,
  sheetNames: () => (fake ? fake.model.live().map((s) => ({ name: s.name, visibility: s.visibility })) : []),
  selection: () => ({ sheet: fake?.model.activeSheet ?? null, range: fake?.model.selection ?? null }),
  error: () => loadError,
  runs: () => ({ ...runs }),
};
