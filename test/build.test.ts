/**
 * The production build of the add-in (webpack.config.js), run once into a temporary folder with a
 * production base URL: the manifest is rewritten for it, the pages carry their CSP, the bundles
 * carry no IE polyfills. Prints the gzip size of every file the task pane loads.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { INITIAL_BUDGET_GZIP, chunkList, entrySizes, fileSize, kib } from "../scripts/bundleSizes";

const ROOT = resolve(__dirname, "..");
const BASE = "https://example.org/shindan/";
const SCHEMA = resolve(ROOT, "../shared/schemas/office-manifest/OfficeAppManifestV1_1.xsd");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

let out = "";
let files: string[] = [];
const read = (name: string) => readFileSync(join(out, name), "utf8");

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [relative(out, p).split("\\").join("/")];
  });
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "shindan-addin-"));
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
    cwd: ROOT,
    env: { ...process.env, ADDIN_BASE_URL: BASE },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`webpack failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  files = listFiles(out);
}, 120_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

/** The value of an attribute in a (possibly minified, unquoted) HTML tag. */
function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function cspOf(html: string): Map<string, string[]> {
  const metas = (html.match(/<meta\s[^>]*>/gi) ?? []).filter((t) => /http-equiv=["']?Content-Security-Policy/i.test(t));
  expect(metas).toHaveLength(1);
  const policy = attr(metas[0], "content") ?? "";
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== "")
      .map((d): [string, string[]] => [d[0], d.slice(1)]),
  );
}

function scriptsOf(html: string): string[] {
  return (html.match(/<script\s[^>]*>/gi) ?? []).map((t) => attr(t, "src") ?? "(inline)");
}

describe("production build (ADDIN_BASE_URL set)", () => {
  test("writes the pages, bundles, icons and manifest", () => {
    for (const f of ["taskpane.html", "commands.html", "support.html", "taskpane.css", "manifest.xml"]) expect(files).toContain(f);
    for (const size of [16, 32, 64, 80]) expect(files).toContain(`assets/icon-${size}.png`);
    expect(files.filter((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f))).toHaveLength(1);
    expect(files.filter((f) => /^commands\.[0-9a-f]{8}\.js$/.test(f))).toHaveLength(1);
  });

  test("the manifest has the production URLs and no localhost", () => {
    const manifest = read("manifest.xml");
    expect(manifest).not.toMatch(/localhost/i);
    expect(manifest).toContain(`<SourceLocation DefaultValue="${BASE}taskpane.html"/>`);
    expect(manifest).toContain(`DefaultValue="${BASE}commands.html"`);
    expect(manifest).toContain(`<IconUrl DefaultValue="${BASE}assets/icon-32.png"/>`);
    const urls = [...manifest.replace(/<!--[\s\S]*?-->/g, "").matchAll(/https:\/\/[^"'<\s]+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) {
      expect(u.startsWith(BASE)).toBe(true);
      expect(files).toContain(u.slice(BASE.length)); // every URL is a file of the build
    }
  });

  test("the rewritten manifest is still valid (xmllint)", () => {
    const haveXmllint = spawnSync("xmllint", ["--version"]).status === 0;
    if (!(haveXmllint && existsSync(SCHEMA)) && !process.env.CI) return; // manifest.test.ts reports the skip
    const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", SCHEMA, join(out, "manifest.xml")], { encoding: "utf8" });
    expect(r.stderr).toMatch(/validates$/m);
    expect(r.status).toBe(0);
  });

  test("taskpane.html and commands.html allow scripts only from 'self' and Office.js's CDN", () => {
    for (const page of ["taskpane.html", "commands.html"]) {
      const html = read(page);
      const csp = cspOf(html);
      expect([page, csp.get("default-src")]).toEqual([page, ["'self'"]]);
      expect([page, csp.get("script-src")]).toEqual([page, ["'self'", "https://appsforoffice.microsoft.com"]]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      const scripts = scriptsOf(html);
      expect(scripts[0]).toBe(OFFICE_JS); // Office.js first, then our bundle
      expect(scripts).not.toContain("(inline)");
      for (const src of scripts.slice(1)) {
        expect(src).not.toMatch(/^https?:|^\/\//);
        expect(files).toContain(src);
      }
    }
    expect(scriptsOf(read("taskpane.html"))).toHaveLength(2);
  });

  test("preview.html allows nothing but its own origin (the chosen file never leaves the tab)", () => {
    const html = read("preview.html");
    const csp = cspOf(html);
    for (const d of ["default-src", "script-src", "connect-src", "font-src"]) expect([d, csp.get(d)]).toEqual([d, ["'self'"]]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    const scripts = scriptsOf(html);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).not.toMatch(/^https?:|^\/\//);
      expect(files).toContain(src);
    }
  });

  test("no IE polyfills, no eval in the task pane's code, and the pane carries its strings in both languages", () => {
    const chunks = chunkList(out);
    expect(Object.keys(chunks).sort()).toEqual(["commands", "preview", "taskpane"]);
    const pane = [...chunks.taskpane.initial, ...chunks.taskpane.async];
    // ExcelJS (and with it its regenerator runtime) is never in a first download: the preview loads
    // it with the first file, the task pane only when the coach picks an earlier workbook to compare with.
    const excelJs = files.filter((f) => f.endsWith(".js") && read(f).includes("exceljs"));
    expect(excelJs.length).toBeGreaterThan(0);
    for (const f of excelJs) {
      expect([
        f,
        chunks.taskpane.initial.includes(f),
        chunks.taskpane.async.includes(f),
        chunks.preview.initial.includes(f),
        chunks.preview.async.includes(f),
      ]).toEqual([f, false, true, false, true]);
    }
    for (const b of [...pane.filter((f) => !excelJs.includes(f)), ...chunks.commands.initial, ...chunks.preview.initial]) {
      const js = read(b);
      expect([b, /core-js|regenerator-runtime|regeneratorRuntime/.test(js)]).toEqual([b, false]);
      expect([b, /\beval\(|new Function\(/.test(js)]).toEqual([b, false]);
    }
    const initial = chunks.taskpane.initial.map(read).join("\n");
    const later = chunks.taskpane.async.map(read).join("\n");
    const ja = JSON.parse(readFileSync(join(ROOT, "src/i18n/ja.json"), "utf8")) as Record<string, string>;
    const en = JSON.parse(readFileSync(join(ROOT, "src/i18n/en.json"), "utf8")) as Record<string, string>;
    // The same sentences in both (English adds plural forms "key#one" beside some keys).
    const sentences = (o: object) =>
      Object.keys(o)
        .filter((k) => !k.includes("#"))
        .sort();
    expect(sentences(ja)).toEqual(sentences(en));
    // webpack inlines the resources as JSON.parse('…'): JSON escapes, then quotes escaped for JS.
    const bundled = (text: string, js: string) => {
      const json = JSON.stringify(text).slice(1, -1);
      // In a chunk of its own the JSON's backslashes are escaped again for the JS string.
      return [text, json, json.replace(/'/g, "\\'"), json.replace(/\\/g, "\\\\").replace(/'/g, "\\'")].some((form) => js.includes(form));
    };
    // Every pane string: Japanese in the first download, English in a chunk of its own loaded
    // when the pane first shows English (src/i18n/resources.web.ts), not in the first download.
    const paneKeys = Object.keys(ja).filter((k) => k.startsWith("pane."));
    expect(paneKeys.length).toBeGreaterThan(100);
    // English sentences not also found in the Japanese table (a product name, a format) nor in the code.
    const jaText = Object.values(ja).join("\n");
    const english = paneKeys.filter((k) => en[k].length > 20 && !jaText.includes(en[k]));
    expect(english.length).toBeGreaterThan(100);
    for (const k of paneKeys) expect([k, bundled(ja[k], initial)]).toEqual([k, true]);
    for (const k of english) expect([k, bundled(en[k], initial), bundled(en[k], later)]).toEqual([k, false, true]);
  });

  test("bundle sizes (gzip): the task pane's initial JavaScript within its budget", () => {
    const rows = files
      .filter((f) => /\.(js|html|css)$/.test(f))
      .sort()
      .map((f) => fileSize(out, f));
    const pane = entrySizes(out, "taskpane");
    const preview = entrySizes(out, "preview");
    console.log(
      [
        "add-in build sizes (Office.js from the CDN not counted):",
        ...rows.map((r) => `  ${r.file.padEnd(34)} ${String(r.bytes).padStart(7)} B   gzip ${String(r.gzip).padStart(6)} B`),
        `  task pane: initial JavaScript gzip ${pane.initialGzip} B (${kib(pane.initialGzip)}; budget ${kib(INITIAL_BUDGET_GZIP)}), loaded after first paint ${kib(pane.laterGzip)}`,
        `  preview: initial ${kib(preview.initialGzip)}, on demand ${kib(preview.laterGzip)} (ExcelJS among it)`,
      ].join("\n"),
    );
    expect(pane.initial.length).toBeGreaterThan(0);
    expect(pane.initialGzip).toBeLessThanOrEqual(INITIAL_BUDGET_GZIP);
  });
});
