/**
 * Part of `npm run bench`: what the task pane downloads, from the production build in dist-addin/
 * (gzip level 9): the JavaScript its page loads at once, against the 150 KiB budget, and what it
 * loads after the first paint; the same for the browser preview. Figures, not a test (the budget
 * itself is enforced by test/build.test.ts).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { INITIAL_BUDGET_GZIP, entrySizes, kib, type FileSize } from "./bundleSizes";

const dir = resolve(__dirname, "..", "..", "dist-addin");
if (!existsSync(join(dir, "chunks.json"))) {
  console.error(`no production build in ${dir}: run npm run build:addin first`);
  process.exit(1);
}

const line = (f: FileSize) => `    ${f.file.padEnd(34)} ${kib(f.bytes).padStart(10)}   gzip ${kib(f.gzip).padStart(9)}`;
for (const entry of ["taskpane", "preview"]) {
  const s = entrySizes(dir, entry);
  console.log(
    `${entry}: initial JavaScript ${kib(s.initialGzip)} gzip${entry === "taskpane" ? ` (budget ${kib(INITIAL_BUDGET_GZIP)}, ${((100 * s.initialGzip) / INITIAL_BUDGET_GZIP).toFixed(0)} % of it)` : ""}`,
  );
  s.initial.forEach((f) => console.log(line(f)));
  console.log(`  loaded later (on demand): ${kib(s.laterGzip)} gzip`);
  s.later.forEach((f) => console.log(line(f)));
}
