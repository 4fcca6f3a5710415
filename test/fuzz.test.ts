/**
 * Fuzz: a few hundred mutated workbooks (scripts/fixtures/fuzz.ts) through `analyze`,
 * `annotate` and `clear` as a user runs them, in process (runCli). Whatever the file, the tool
 * must never crash or print a stack trace, must exit 0, 1 or 2 with something said, must leave
 * its input as it was, and must write either a valid workbook or nothing.
 *
 * Seeded and repeatable: FUZZ_SEED and FUZZ_CASES change the series (default: a fixed seed and
 * 300 cases). A failing case is written to test/fuzz-failures/ and named by "<seed>#<index>",
 * which rebuilds it: fuzzCase(seed, index).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../src/cli/main";
import { companySnapshot } from "../src/core/addinState";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { fuzzCase, Rng, type FuzzCase } from "../scripts/fixtures/fuzz";

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CASES = Number(process.env.FUZZ_CASES ?? 300);
const FAILURES = join(__dirname, "fuzz-failures");

/** File names a company or a coach may give; some look like options, formulas or resource keys. */
const FILE_NAMES = ["診断 2026年度.xlsx", "@notes.xlsx", "=cmd.xlsx", "+81.xlsx", "client's file.xlsx", "a.b.c.xlsx", "{file}.xlsx"];

/** How the series went: a fuzz run is worth its figures only if the cases reach annotate and clear. */
const tally = { cases: 0, analyze: { 0: 0, 1: 0, 2: 0 } as Record<number, number>, annotate: { 0: 0, 1: 0, 2: 0 } as Record<number, number>, clears: 0, ms: 0 };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "shindan-fuzz-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  args: string[];
  code: number;
  out: string;
  err: string;
}

async function cli(...args: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { args, code, out, err };
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** What must hold of every command run, whatever the input. */
function checkRun(r: Run): string[] {
  const problems: string[] = [];
  const all = r.out + r.err;
  if (![0, 1, 2].includes(r.code)) problems.push(`exit ${r.code}`);
  if (/^\s+at .+:\d+:\d+\)?$/m.test(all)) problems.push("a stack trace was printed");
  if (/missing resource string|\[object Object\]|\bNaN\b/.test(all)) problems.push("a broken sentence was printed");
  if (r.code !== 0 && r.err.trim() === "" && r.out.trim() === "") problems.push("a failure without a message");
  // Control characters from cells never reach the terminal (newline and tab are ours).
  // eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(all)) problems.push("a control character was printed");
  return problems;
}

/** Temporary files an interrupted or failed write may leave (none may remain). */
function leftovers(): string[] {
  return readdirSync(dir).filter((n) => /tmp/i.test(n));
}

async function runCase(c: FuzzCase, name: string, lang: "ja" | "en"): Promise<string[]> {
  const problems: string[] = [];
  const note = (r: Run) => checkRun(r).forEach((p) => problems.push(`${r.args.join(" ")}: ${p}`));
  const input = join(dir, name);
  const annotated = join(dir, `annotated-${name}`);
  const cleared = join(dir, `cleared-${name}`);
  for (const f of [input, annotated, cleared]) rmSync(f, { force: true });
  writeFileSync(input, c.bytes);
  const before = sha(c.bytes);

  const text = await cli("analyze", "--lang", lang, "--", input);
  note(text);
  tally.analyze[text.code] = (tally.analyze[text.code] ?? 0) + 1;
  const json = await cli("analyze", "--json", "--lang", lang, "--", input);
  note(json);
  try {
    JSON.parse(json.out);
  } catch {
    problems.push("analyze --json did not print JSON");
  }
  if (json.code !== text.code) problems.push(`analyze exits ${text.code} but analyze --json ${json.code}`);

  const annotate = await cli("annotate", "--lang", lang, "-o", annotated, "--allow-loss", "--", input);
  note(annotate);
  tally.annotate[annotate.code] = (tally.annotate[annotate.code] ?? 0) + 1;
  if (annotate.code !== 0 && existsSync(annotated)) problems.push(`annotate failed (${annotate.code}) but wrote ${annotated}`);
  if (annotate.code === 0) {
    if (!existsSync(annotated)) problems.push("annotate succeeded but wrote nothing");
    else {
      const written = readFileSync(annotated);
      try {
        await readWorkbookBuffer(written, "annotated.xlsx");
      } catch (e) {
        problems.push(`annotate wrote a workbook that cannot be read back: ${(e as Error).message}`);
      }
      const clear = await cli("clear", "--lang", lang, "-o", cleared, "--", annotated);
      note(clear);
      tally.clears++;
      if (clear.code !== 0) problems.push(`clear of annotate's own output exits ${clear.code}: ${clear.err.trim()}`);
      else {
        // Clear gives back the company's workbook: every sheet, every value, in order.
        const original = companySnapshot(await readWorkbookBuffer(c.bytes, "x"));
        const back = await readWorkbookBuffer(readFileSync(cleared), "x");
        if (JSON.stringify(back.sheets) !== JSON.stringify(original.sheets)) problems.push("clear did not give back the company's sheets as they were");
      }
    }
  }
  if (sha(readFileSync(input)) !== before) problems.push("the input file was changed");
  const left = leftovers();
  if (left.length) problems.push(`temporary files left: ${left.join(", ")}`);
  return problems;
}

describe(`fuzz: ${CASES} mutated workbooks (seed ${SEED})`, () => {
  const indices = Array.from({ length: CASES }, (_, i) => i);
  test.each(indices)(`case ${SEED}#%i`, async (i) => {
    const started = Date.now();
    const c = await fuzzCase(SEED, i);
    tally.cases++;
    const pick = new Rng(SEED + i);
    const name = pick.pick(FILE_NAMES);
    const lang = pick.chance(0.25) ? "en" : "ja";
    const problems = await runCase(c, name, lang);
    tally.ms += Date.now() - started;
    if (problems.length) {
      mkdirSync(FAILURES, { recursive: true });
      const saved = join(FAILURES, `${SEED}-${i}.xlsx`);
      writeFileSync(saved, c.bytes);
      throw new Error(
        [
          `fuzz case ${c.id} (rebuild: fuzzCase(${SEED}, ${i}); saved as ${saved}; file name ${JSON.stringify(name)}, --lang ${lang})`,
          `base fixture: ${c.base}`,
          `mutations: ${c.mutations.join(" | ") || "(none)"}`,
          ...problems.map((p) => `- ${p}`),
        ].join("\n"),
      );
    }
  });

  // Last in the file (jest runs a file's tests in order): what the series exercised.
  test("the series reaches annotate and clear, not only the file checks", () => {
    console.log(
      `fuzz seed ${SEED}: ${tally.cases} cases in ${(tally.ms / 1000).toFixed(1)} s; ` +
        `analyze exits 0/1/2: ${tally.analyze[0]}/${tally.analyze[1]}/${tally.analyze[2]}; ` +
        `annotate exits 0/1/2: ${tally.annotate[0]}/${tally.annotate[1]}/${tally.annotate[2]}; clear of annotate's output: ${tally.clears}`,
    );
    if (tally.cases < 50) return; // a short series (FUZZ_CASES) proves no share
    expect(tally.annotate[0] / tally.cases).toBeGreaterThanOrEqual(0.4);
    expect(tally.clears).toBe(tally.annotate[0]);
    expect(tally.analyze[1] / tally.cases).toBeGreaterThanOrEqual(0.05); // damaged files are in the series
  });
});
