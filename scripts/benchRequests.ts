/**
 * Part of `npm run bench`: the size of what annotate sends Excel through Office.js, for the
 * bundled sample and for large plans (many respondents side by side), against Excel on the web's
 * 5 MB a request. For each: the reads' largest request and answer, then every write request as
 * the host measures it before sending (src/excel/requestSize.ts) and as the fake Excel measures
 * what it received (test/fakeExcel/request.ts: Office.js's request format). Figures, not a test
 * (test/excel-rules-merge.test.ts holds the rules).
 */
import { analyseWorkbook } from "../src/core/analyse";
import { annotatePlan } from "../src/core/report";
import { ExcelHostError, applyPlan, detectCapabilities, readSnapshot } from "../src/excel";
import { FakeExcel } from "../test/fakeExcel";
import { SAMPLE, manyRespondents } from "./fixtures";

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(12);

async function measure(label: string, bytes: Buffer): Promise<void> {
  const x = await FakeExcel.fromXlsx(bytes, "w.xlsx");
  const capabilities = detectCapabilities(x.isSetSupported);
  const read = await x.run((ctx) => readSnapshot(ctx, { capabilities }));
  const reads = x.since(0);
  const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja");
  const from = x.syncs.length;
  const t0 = performance.now();
  try {
    const applied = await x.run((ctx) => applyPlan(ctx, plan, { capabilities }));
    const ms = performance.now() - t0;
    const writes = x.syncs.slice(from + 1);
    console.log(
      `${label.padEnd(28)} read ${read.syncs} syncs, largest request ${kb(reads.maxRequestBytes)}, answer ${kb(reads.maxResponseBytes)}; check request ${kb(x.syncs[from].requestBytes)}; ${ms.toFixed(0)} ms to check and write`,
    );
    writes.forEach((w, i) =>
      console.log(
        `${"".padEnd(28)} write request ${i + 1}/${writes.length}: host measure ${kb(applied.requestBytes[i])}, fake measure ${kb(w.requestBytes)} (${w.actions} actions)`,
      ),
    );
  } catch (e) {
    if (!(e instanceof ExcelHostError)) throw e;
    console.log(`${label.padEnd(28)} refused before writing (${e.code}): ${e.message}`);
  }
}

async function main(): Promise<void> {
  console.log("annotate through Office.js (fake Excel on the web, 5 MB a request; the host keeps each under 4.5 MB):");
  await measure("sample-diagnosis", await SAMPLE.build());
  for (const n of [48, 120, 200, 300, 400, 500]) await measure(`${n} respondents`, await manyRespondents(n).build());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
