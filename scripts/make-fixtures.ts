/**
 * npm run fixtures: writes every fixture (diagnosis and regulation checksheet) to
 * test/fixtures/generated/<id>.<ext> with <id>.expected.json beside it, and the demo workbook
 * samples/sample-diagnosis.xlsx with samples/sample-diagnosis.expected.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CHECKSHEET_FIXTURES, FIXTURES, SAMPLE, type FixtureSpec } from "./fixtures";

const ROOT = resolve(__dirname, "..");
const OUT = join(ROOT, "test", "fixtures", "generated");
const SAMPLES = join(ROOT, "samples");

async function write(spec: FixtureSpec, dir: string): Promise<string> {
  const bytes = await spec.build();
  const file = join(dir, `${spec.id}.${spec.ext}`);
  writeFileSync(file, bytes);
  writeFileSync(join(dir, `${spec.id}.expected.json`), JSON.stringify(spec.expected, null, 2) + "\n");
  return file;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  mkdirSync(SAMPLES, { recursive: true });
  let failed = 0;
  for (const spec of [...FIXTURES, ...CHECKSHEET_FIXTURES]) {
    try {
      const file = await write(spec, OUT);
      console.log(`wrote ${file.slice(ROOT.length + 1)}`);
    } catch (e) {
      failed++;
      console.error(`could not build ${spec.id}: ${(e as Error).message}`);
    }
  }
  const sample = await write(SAMPLE, SAMPLES);
  console.log(`wrote ${sample.slice(ROOT.length + 1)}`);
  if (failed) {
    console.error(`${failed} fixture(s) not written`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
