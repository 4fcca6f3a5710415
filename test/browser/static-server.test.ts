/**
 * scripts/static-server.js (serves the preview and the browser tests) and scripts/preview.js:
 * files with their MIME types, 404 for missing files and directories (no listings), 403 for
 * anything leading outside the root (dot-dot, encoded dot-dot, backslashes, NUL, symbolic links
 * out), GET/HEAD only, loopback only; the preview script's URL line and its clear message when
 * the build is missing. No browser needed.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStaticServer } = require("../../scripts/static-server.js") as {
  startStaticServer(o: { root: string; port?: number; host?: string }): Promise<{ url: string; port: number; close(): Promise<void> }>;
};

const ROOT = join(__dirname, "..", "..");
let dir: string;
let outside: string;
let server: { url: string; port: number; close(): Promise<void> };

/** A raw GET (no URL normalisation by a client library): status, type, body. */
function get(path: string, method = "GET"): Promise<{ status: number; type: string | undefined; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"], body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), "shindan-static-"));
  dir = join(base, "root");
  outside = join(base, "secret");
  mkdirSync(join(dir, "assets", "sub"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.txt"), "secret");
  const files: Record<string, string> = {
    "index.html": "<!doctype html><title>x</title>",
    "app.js": "console.log(1)",
    "style.css": "body{}",
    "data.json": "{}",
    "app.js.map": "{}",
    "manifest.xml": "<x/>",
    "book.xlsx": "PK",
    "assets/icon.png": "\x89PNG",
    "assets/sub/日本語.txt": "こんにちは",
    noext: "?",
  };
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  symlinkSync(join(outside, "secret.txt"), join(dir, "link-out.txt"));
  symlinkSync(join(dir, "app.js"), join(dir, "link-in.js"));
  server = await startStaticServer({ root: dir });
});

afterAll(async () => {
  await server?.close();
  rmSync(join(dir, ".."), { recursive: true, force: true });
});

test("listens on 127.0.0.1 on a free port and says where", () => {
  expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  expect(server.port).toBeGreaterThan(0);
});

test.each([
  ["/index.html", "text/html; charset=utf-8"],
  ["/app.js", "text/javascript; charset=utf-8"],
  ["/style.css", "text/css; charset=utf-8"],
  ["/data.json", "application/json; charset=utf-8"],
  ["/app.js.map", "application/json; charset=utf-8"],
  ["/manifest.xml", "application/xml; charset=utf-8"],
  ["/book.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  ["/assets/icon.png", "image/png"],
  ["/noext", "application/octet-stream"],
  ["/app.js?v=1#x", "text/javascript; charset=utf-8"],
  ["/link-in.js", "text/javascript; charset=utf-8"],
])("serves %s as %s", async (path, type) => {
  const r = await get(path);
  expect(r.status).toBe(200);
  expect(r.type).toBe(type);
  expect(r.headers["x-content-type-options"]).toBe("nosniff");
  expect(r.headers["cache-control"]).toBe("no-store");
  expect(Number(r.headers["content-length"])).toBe(r.body.length);
});

test("serves percent-encoded names (Japanese file names)", async () => {
  const r = await get(`/assets/sub/${encodeURIComponent("日本語.txt")}`);
  expect(r.status).toBe(200);
  expect(r.body.toString("utf8")).toBe("こんにちは");
});

test("HEAD answers the headers without a body", async () => {
  const r = await get("/app.js", "HEAD");
  expect(r.status).toBe(200);
  expect(r.body.length).toBe(0);
  expect(Number(r.headers["content-length"])).toBe("console.log(1)".length);
});

test.each(["/missing.html", "/assets/none.png", "/", "/assets", "/assets/", "/assets/sub/"])("%s: 404, no listing, no index", async (path) => {
  const r = await get(path);
  expect(r.status).toBe(404);
  expect(r.body.toString()).not.toMatch(/icon\.png|index\.html/);
});

test.each([
  "/../secret/secret.txt",
  "/assets/../../secret/secret.txt",
  "/%2e%2e/secret/secret.txt",
  "/assets/%2E%2E/%2E%2E/secret/secret.txt",
  "/..%2fsecret%2fsecret.txt",
  "/..%5csecret%5csecret.txt",
  "/assets%5c..%5c..%5csecret%5csecret.txt",
  "/app.js%00.png",
  "/link-out.txt",
  "/assets/../app.js",
])("refuses %s", async (path) => {
  const r = await get(path);
  expect([400, 403]).toContain(r.status);
  expect(r.body.toString()).not.toContain("secret");
});

test("a malformed escape is refused, not a crash", async () => {
  expect((await get("/%E0%A4%A.js")).status).toBe(403);
  expect((await get("/app.js")).status).toBe(200);
});

test("only GET and HEAD", async () => {
  const r = await get("/app.js", "POST");
  expect(r.status).toBe(405);
  expect(r.headers.allow).toBe("GET, HEAD");
});

test("a root that is not a directory is refused", async () => {
  await expect(startStaticServer({ root: join(dir, "app.js") })).rejects.toThrow(/not a directory/);
  await expect(startStaticServer({ root: join(dir, "nope") })).rejects.toThrow(/not a directory/);
});

describe("scripts/preview.js", () => {
  const script = join(ROOT, "scripts", "preview.js");

  test("rejects a bad port with usage", () => {
    const r = spawnSync(process.execPath, [script, "--port", "http"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--port needs a number/);
  });

  test("without a build: says to run npm run build:addin first, exit 1", () => {
    // A copy of the scripts in a tree without dist-addin/.
    const tree = mkdtempSync(join(tmpdir(), "shindan-preview-"));
    try {
      mkdirSync(join(tree, "scripts"));
      for (const f of ["preview.js", "static-server.js"]) copyFileSync(join(ROOT, "scripts", f), join(tree, "scripts", f));
      const r = spawnSync(process.execPath, [join(tree, "scripts", "preview.js")], { encoding: "utf8", cwd: tree });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/dist-addin\/preview\.html is missing: run npm run build:addin first/);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  const built = existsSync(join(ROOT, "dist-addin", "preview.html"));
  (built ? test : test.skip)("serves dist-addin/ and prints the preview URL (needs dist-addin/preview.html)", async () => {
    const child = spawn(process.execPath, [script, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          const m = /Preview: (http:\/\/localhost:\d+\/preview\.html)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const port = Number(/:(\d+)\//.exec(line)![1]);
      const status = await new Promise<number>((resolve, reject) =>
        http
          .get({ host: "127.0.0.1", port, path: "/preview.html" }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          })
          .on("error", reject),
      );
      expect(status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
