/**
 * No import cycles in src/ (issue #16): every relative import (type-only imports included, as
 * `madge --circular` counts them) of every module, and a depth-first search for a way back.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = join(__dirname, "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) && !n.endsWith(".d.ts") ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const c of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      // Not this candidate: try the next.
    }
  }
  return null;
}

/** The module's relative imports: `import … from "./x"`, `export … from "./x"`, `import("./x")`. */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm)].map((m) => m[1]);
  return specs.map((s) => resolveImport(file, s)).filter((p): p is string => p !== null && !p.endsWith(".json"));
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (n: string) => {
    state.set(n, "open");
    path.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === "open") found.push([...path.slice(path.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    path.pop();
    state.set(n, "done");
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return found;
}

test("the search finds a cycle when there is one", () => {
  expect(
    cycles(
      new Map([
        ["a", ["b"]],
        ["b", ["c"]],
        ["c", ["a"]],
      ]),
    ),
  ).toEqual([["a", "b", "c", "a"]]);
  expect(
    cycles(
      new Map([
        ["a", ["b", "c"]],
        ["b", ["c"]],
        ["c", []],
      ]),
    ),
  ).toEqual([]);
});

test("src/ has no import cycle", () => {
  const all = files(SRC);
  expect(all.length).toBeGreaterThan(100);
  const graph = new Map(all.map((f) => [f, importsOf(f)]));
  // The parser sees the imports it should: the engine's entry imports the recogniser.
  expect(graph.get(join(SRC, "core", "analyse.ts"))).toContain(join(SRC, "core", "recognise", "index.ts"));
  expect(cycles(graph).map((c) => c.map((f) => relative(SRC, f)).join(" → "))).toEqual([]);
});
