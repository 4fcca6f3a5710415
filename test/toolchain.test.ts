/**
 * The developer's toolchain as a fresh clone has it: `npm start`/`npm stop` are Microsoft's
 * office-addin-debugging and run here without Excel (and without the native keytar module that
 * its optional M365 toolkit would bring), `npm run validate` checks the manifest from the project
 * alone, and every package the code or the add-in's bundle uses is declared in package.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as ts from "typescript";
import { SCHEMA_DIR, validateManifest } from "../scripts/validate-manifest";

const ROOT = resolve(__dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);

function npm(args: string[]) {
  return spawnSync("npm", args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
}

describe("npm start / npm stop: office-addin-debugging", () => {
  test("`npm start -- --help` runs the sideload command on manifest.xml, without Excel", () => {
    const r = npm(["start", "--", "--help"]);
    expect(r.stderr).not.toMatch(/Cannot find module|MODULE_NOT_FOUND/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("office-addin-debugging start manifest.xml --help");
    expect(r.stdout).toMatch(/Usage: office-addin-debugging start \[options\] <manifest-path> \[platform\]/);
    expect(r.stdout).toContain("--no-sideload");
  });

  test("`npm stop -- --help` runs the matching stop command", () => {
    const r = npm(["stop", "--", "--help"]);
    expect(r.stderr).not.toMatch(/Cannot find module|MODULE_NOT_FOUND/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: office-addin-debugging stop \[options\] <manifest-path> \[platform\]/);
  });

  test("the dev server it starts is `npm run dev-server` on the port the manifest's URLs use", () => {
    expect(pkg.scripts["dev-server"]).toMatch(/^webpack serve /);
    const port = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { config: { dev_server_port: number } }).config.dev_server_port;
    expect(readFileSync(join(ROOT, "manifest.xml"), "utf8")).toContain(`https://localhost:${port}/`);
  });

  test("the M365 toolkit and its native keytar are not installed", () => {
    expect(existsSync(join(ROOT, "node_modules", "keytar"))).toBe(false);
    expect(existsSync(join(ROOT, "node_modules", "@microsoft", "m365agentstoolkit-cli"))).toBe(false);
  });
});

describe("npm run validate: offline, from the project alone", () => {
  const dir = mkdtempSync(join(tmpdir(), "shindan-manifest-"));
  const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");

  test("manifest.xml validates against the project's own copy of the schemas", async () => {
    expect(await validateManifest(join(ROOT, "manifest.xml"))).toEqual({ valid: true, errors: [] });
  });

  test("an element out of place in the task pane's overrides (an imported schema) is reported with its line", async () => {
    const broken = manifest.replace("<DesktopFormFactor>", "<DesktopFormFactors>").replace("</DesktopFormFactor>", "</DesktopFormFactors>");
    expect(broken).not.toBe(manifest);
    const file = join(dir, "broken.xml");
    writeFileSync(file, broken);
    const check = await validateManifest(file);
    expect(check.valid).toBe(false);
    const line = broken.split("\n").findIndex((l) => l.includes("<DesktopFormFactors>")) + 1;
    expect(check.errors.join("\n")).toContain(`broken.xml:${line}:`);
    expect(check.errors.join("\n")).toContain("DesktopFormFactors");
  });

  test("a missing required element is reported", async () => {
    const file = join(dir, "no-id.xml");
    writeFileSync(file, manifest.replace(/<Id>[^<]*<\/Id>\s*/, ""));
    const check = await validateManifest(file);
    expect(check.valid).toBe(false);
    expect(check.errors.join("\n")).toMatch(/Expected is .*Id/);
  });

  test("the script exits 1 and says why for an invalid manifest", () => {
    const file = join(dir, "no-id-cli.xml");
    writeFileSync(file, manifest.replace(/<Id>[^<]*<\/Id>\s*/, ""));
    const r = spawnSync("npm", ["run", "--silent", "validate", "--", file], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("does not validate against the XML manifest schema");
  });

  const shared = resolve(ROOT, "../shared/schemas/office-manifest");
  (existsSync(shared) ? test : test.skip)("the schemas are the team's reference copy (../shared), byte for byte", () => {
    const xsds = (d: string) =>
      readdirSync(d)
        .filter((f) => f.endsWith(".xsd"))
        .sort();
    expect(xsds(SCHEMA_DIR)).toEqual(xsds(shared));
    for (const f of xsds(shared)) expect(readFileSync(join(SCHEMA_DIR, f)).equals(readFileSync(join(shared, f)))).toBe(true);
  });
});

describe("every package the code and the bundle use is declared in package.json", () => {
  /** The package a bare module specifier names ("react-dom/client" → react-dom, "@scope/a/b" → @scope/a), or null for Node's own and relative paths. */
  function packageOf(spec: string): string | null {
    if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:")) return null;
    const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
    return builtinModules.includes(name) ? null : name;
  }

  /** Module specifiers of a file's imports, re-exports, `import()`, `import("…")` types and plain `require("…")` calls. */
  function specifiers(file: string): string[] {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false, file.endsWith("x") ? ts.ScriptKind.TSX : undefined);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        found.push(node.moduleSpecifier.text);
      } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
        const callee = node.expression;
        if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) found.push(node.arguments[0].text);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        found.push(node.argument.literal.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return ["generated", "fuzz-failures", "node_modules"].includes(name) ? [] : sourceFiles(p);
      return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [p] : [];
    });
  }

  test("every import and require in src, scripts, test and the root configs", () => {
    const files = [
      ...["src", "scripts", "test"].flatMap((d) => sourceFiles(join(ROOT, d))),
      ...readdirSync(ROOT)
        .filter((f) => /\.(js|mjs)$/.test(f))
        .map((f) => join(ROOT, f)),
    ];
    expect(files.length).toBeGreaterThan(100);
    const undeclared = new Map<string, string>();
    const used = new Set<string>();
    for (const file of files) {
      for (const spec of specifiers(file)) {
        const name = packageOf(spec);
        if (name !== null) used.add(name);
        if (name !== null && !declared.has(name)) undeclared.set(name, file.slice(ROOT.length + 1));
      }
    }
    // The scan sees the imports (static, dynamic, require) it is there to check.
    for (const name of ["exceljs", "react", "@fluentui/react-components", "commander", "webpack", "typescript-eslint"]) expect(used).toContain(name);
    expect(Object.fromEntries(undeclared)).toEqual({});
  });

  test("the Node modules the add-in's webpack builds stand in for (resolve.fallback, ProvidePlugin), at the declared version", async () => {
    type Config = { resolve?: { fallback?: Record<string, string> }; plugins?: { definitions?: Record<string, string | string[]> }[] };
    type MakeConfig = (env: object, argv: object) => Promise<Config> | Config;
    const load = async (file: string) => ((await import(join(ROOT, file))) as { default: MakeConfig }).default({}, { mode: "production" });
    const configs = [await load("webpack.config.js"), await load("test/browser/webpack.fake.config.js")];
    const used = new Set<string>();
    for (const c of configs) {
      for (const target of Object.values(c.resolve?.fallback ?? {})) {
        // require.resolve gives a path inside node_modules: the package is the folder after it.
        const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(target);
        if (m) used.add(m[1].replace(/\\/g, "/"));
      }
      for (const p of c.plugins ?? []) for (const d of Object.values(p.definitions ?? {})) used.add(packageOf(Array.isArray(d) ? d[0] : d) ?? "");
    }
    used.delete("");
    expect([...used].sort()).toEqual(["buffer"]);
    for (const name of used) {
      expect(declared).toContain(name);
      const installed = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string };
      expect(installed.version).toBe(pkg.devDependencies[name] ?? pkg.dependencies[name]);
    }
  });
});
