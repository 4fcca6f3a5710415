/**
 * The production build of the add-in (webpack.config.js), run once into a temporary folder with a
 * production base URL: the manifest is rewritten for it, the pages carry their CSP, the bundles
 * carry no IE polyfills. Prints the gzip size of every file the task pane loads.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";

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

  test("no IE polyfills, no eval, and the pane carries its strings in both languages", () => {
    const bundles = files.filter((f) => f.endsWith(".js"));
    expect(bundles).toHaveLength(2);
    for (const b of bundles) {
      const js = read(b);
      expect([b, /core-js|regenerator-runtime|regeneratorRuntime/.test(js)]).toEqual([b, false]);
      expect([b, /\beval\(|new Function\(/.test(js)]).toEqual([b, false]);
    }
    const pane = read(bundles.find((b) => b.startsWith("taskpane."))!);
    const ja = JSON.parse(readFileSync(join(ROOT, "src/i18n/ja.json"), "utf8")) as Record<string, string>;
    const en = JSON.parse(readFileSync(join(ROOT, "src/i18n/en.json"), "utf8")) as Record<string, string>;
    const paneKeys = Object.keys(ja).filter((k) => k.startsWith("pane."));
    expect(paneKeys.sort()).toEqual(Object.keys(en).filter((k) => k.startsWith("pane.")).sort());
    for (const k of paneKeys) {
      expect([k, pane.includes(ja[k]), pane.includes(en[k])]).toEqual([k, true, true]);
    }
    // Only the pane's strings are bundled, not the engine's messages.
    const other = Object.keys(ja).find((k) => !k.startsWith("pane."))!;
    expect(pane.includes(ja[other])).toBe(false);
  });

  test("bundle sizes (gzip)", () => {
    const rows = files
      .filter((f) => /\.(js|html|css)$/.test(f))
      .sort()
      .map((f) => {
        const raw = readFileSync(join(out, f));
        return { file: f, bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
      });
    const pane = rows.filter((r) => r.file.startsWith("taskpane."));
    const paneGzip = pane.reduce((n, r) => n + r.gzip, 0);
    console.log(
      [
        "add-in build sizes (Office.js from the CDN not counted):",
        ...rows.map((r) => `  ${r.file.padEnd(28)} ${String(r.bytes).padStart(7)} B   gzip ${String(r.gzip).padStart(6)} B`),
        `  task pane in all (html + js + css): gzip ${paneGzip} B`,
      ].join("\n"),
    );
    // The placeholder pane is tiny; a budget keeps a polyfill or a stray dependency from slipping in.
    expect(paneGzip).toBeLessThan(20 * 1024);
  });
});

describe("ADDIN_BASE_URL", () => {
  const config = require("../webpack.config.js") as { baseUrl: () => string; DEV_BASE_URL: string };
  const saved = process.env.ADDIN_BASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADDIN_BASE_URL;
    else process.env.ADDIN_BASE_URL = saved;
  });
  const withBase = (v: string | undefined) => {
    if (v === undefined) delete process.env.ADDIN_BASE_URL;
    else process.env.ADDIN_BASE_URL = v;
    return config.baseUrl();
  };

  test("is the dev URL when not given, and gets its trailing slash", () => {
    expect(withBase(undefined)).toBe("https://localhost:3000/");
    expect(withBase("")).toBe(config.DEV_BASE_URL);
    expect(withBase("https://example.org/shindan")).toBe("https://example.org/shindan/");
    expect(withBase("https://addin.example.jp")).toBe("https://addin.example.jp/");
  });

  test("must be an https URL without query or fragment", () => {
    expect(() => withBase("http://example.org/")).toThrow(/https/);
    expect(() => withBase("example.org/shindan/")).toThrow(/not a URL/);
    expect(() => withBase("https://example.org/?v=1")).toThrow(/query/);
  });
});
