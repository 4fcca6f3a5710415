/**
 * `npm run bench`: how much the engine adds to reading a workbook. For each fixture workbook
 * and for one holding the diagnosis beside a 300,000-cell data sheet, it times ExcelJS's bare
 * load (the floor: no analysis can be faster than parsing the file) against the whole analyse
 * path (the same load, the snapshot, recognition and scoring), alternating the two, and prints
 * the medians and their ratio; then annotate as the command line runs it against ExcelJS's own
 * load of the input. Figures, not a test.
 */
import { performance } from "node:perf_hooks";
import { analyseWorkbook } from "../src/core/analyse";
import { loadExcelJs, readWorkbookBuffer, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import ExcelJS from "exceljs";
import { companySnapshot } from "../src/core/addinState";
import { annotatePlan } from "../src/core/report";
import { nodeDeflate } from "../src/xlsx/nodeDeflate";
import { nodeInflate } from "../src/xlsx/nodeInflate";
import { applyPlanToPackage } from "../src/xlsx/writePackage";
import { CHECKSHEET_FIXTURES, FIXTURES, SAMPLE, buildLargeWorkbook } from "./fixtures";

interface Row {
  name: string;
  cells: number;
  load: number;
  analyse: number;
  snapshot: number;
  recognise: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function measure(name: string, buf: Buffer, runs: number): Promise<Row> {
  const load: number[] = [];
  const analyse: number[] = [];
  const snapshot: number[] = [];
  const recognise: number[] = [];
  let cells = 0;
  // One warm-up of each path, then alternate so drift hits both alike.
  await loadExcelJs(buf, name);
  analyseWorkbook(await readWorkbookBuffer(buf, name));
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await loadExcelJs(buf, name);
    load.push(performance.now() - t0);

    // The whole path as the CLI runs it: file checks, load, snapshot, recognise, score.
    t0 = performance.now();
    analyseWorkbook(await readWorkbookBuffer(buf, name));
    analyse.push(performance.now() - t0);

    // Where the engine's own time goes (outside the timed path above).
    const wb = await loadExcelJs(buf, name);
    const t1 = performance.now();
    const snap = snapshotFromWorkbook(wb, name);
    const t2 = performance.now();
    analyseWorkbook(snap);
    const t3 = performance.now();
    snapshot.push(t2 - t1);
    recognise.push(t3 - t2);
    cells = snap.sheets.reduce((n, s) => n + s.values.reduce((m, r) => m + r.length, 0), 0);
  }
  return { name, cells, load: median(load), analyse: median(analyse), snapshot: median(snapshot), recognise: median(recognise) };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

interface AnnotateRow {
  name: string;
  /** ExcelJS's own load of the input file: the floor the issue sets (annotate must read it at least). */
  floor: number;
  annotate: number;
  /** Of the annotate time: the checked load (bounds, then ExcelJS, as the command line reads)… */
  load: number;
  /** …the engine (snapshot, analyse, plan)… */
  engine: number;
  /** …and the package writer (applyPlan's checks and records on the load, our sheets through ExcelJS, the edited package zipped). */
  write: number;
  /** Bytes of the input and of the annotated output. */
  inBytes: number;
  outBytes: number;
}

/**
 * Annotate as the command line runs it (checked load, snapshot, analyse, plan, package writer)
 * against ExcelJS's own load of the same file, both from and to memory so that the disk is left out.
 */
async function measureAnnotate(name: string, buf: Buffer, runs: number): Promise<AnnotateRow> {
  const floorRun = async () => {
    const t0 = performance.now();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    return performance.now() - t0;
  };
  let outBytes = 0;
  const annotateRun = async () => {
    const t0 = performance.now();
    const wb = await loadExcelJs(buf, name, nodeInflate);
    const t1 = performance.now();
    const snapshot = snapshotFromWorkbook(wb, name);
    const { plan } = annotatePlan(snapshot, analyseWorkbook(companySnapshot(snapshot)));
    const t2 = performance.now();
    const { bytes } = await applyPlanToPackage(buf, wb, plan, { inflate: nodeInflate, deflate: nodeDeflate });
    const t3 = performance.now();
    outBytes = bytes.length;
    return { total: t3 - t0, load: t1 - t0, engine: t2 - t1, write: t3 - t2 };
  };
  await floorRun();
  await annotateRun();
  const floor: number[] = [];
  const annotate: number[] = [];
  const load: number[] = [];
  const engine: number[] = [];
  const write: number[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await floorRun());
    const r = await annotateRun();
    annotate.push(r.total);
    load.push(r.load);
    engine.push(r.engine);
    write.push(r.write);
  }
  return {
    name,
    floor: median(floor),
    annotate: median(annotate),
    load: median(load),
    engine: median(engine),
    write: median(write),
    inBytes: buf.length,
    outBytes,
  };
}

async function main(): Promise<void> {
  // Small workbooks take milliseconds: many runs keep their medians steady.
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  const rows: Row[] = [];
  for (const f of FIXTURES.filter((x) => x.expected.exit !== 1)) rows.push(await measure(f.id, await f.build(), runs));
  process.stderr.write("building the 300,000-cell workbook…\n");
  const large = await measure("diagnosis + 300,000-cell data sheet", await buildLargeWorkbook(300_000), Math.max(3, Math.ceil(runs / 2)));

  const header = `${"workbook".padEnd(38)}${pad("cells", 9)}${pad("ExcelJS ms", 12)}${pad("analyse ms", 12)}${pad("snapshot", 10)}${pad("recognise", 11)}${pad("ratio", 8)}`;
  console.log(header);
  console.log("-".repeat(header.length));
  for (const r of [...rows, large]) {
    console.log(
      `${r.name.padEnd(38)}${pad(r.cells, 9)}${pad(r.load.toFixed(1), 12)}${pad(r.analyse.toFixed(1), 12)}` +
        `${pad(r.snapshot.toFixed(1), 10)}${pad(r.recognise.toFixed(1), 11)}${pad((r.analyse / r.load).toFixed(2), 8)}`,
    );
  }
  const ratios = rows.map((r) => r.analyse / r.load);
  const geo = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
  console.log("");
  console.log(
    `normal workbooks (${rows.length}): ratio median ${median(ratios).toFixed(2)}, geometric mean ${geo.toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}`,
  );
  console.log(
    `300,000-cell workbook: ratio ${(large.analyse / large.load).toFixed(2)} (ExcelJS ${large.load.toFixed(0)} ms, analyse ${large.analyse.toFixed(0)} ms)`,
  );
  console.log(`budget: analyse ≤ 1.5 × ExcelJS load; medians of ${runs} runs (${Math.max(3, Math.ceil(runs / 2))} for the large one), node ${process.version}`);

  const annotated: AnnotateRow[] = [];
  annotated.push(await measureAnnotate("sample-diagnosis (bundled sample)", await SAMPLE.build(), runs));
  for (const f of [...FIXTURES.filter((x) => x.expected.exit === 0).slice(0, 8), ...CHECKSHEET_FIXTURES.slice(0, 3)]) {
    annotated.push(await measureAnnotate(f.id, await f.build(), runs));
  }
  const largeAnnotate = await measureAnnotate("diagnosis + 300,000-cell data sheet", await buildLargeWorkbook(300_000), Math.max(3, Math.ceil(runs / 2)));
  console.log("");
  const head2 = `${"workbook".padEnd(38)}${pad("in KiB", 8)}${pad("out KiB", 9)}${pad("ExcelJS load ms", 17)}${pad("annotate ms", 13)}${pad("(load", 8)}${pad("engine", 8)}${pad("write)", 8)}${pad("ratio", 7)}`;
  console.log(head2);
  console.log("-".repeat(head2.length));
  for (const r of [...annotated, largeAnnotate]) {
    console.log(
      `${r.name.padEnd(38)}${pad((r.inBytes / 1024).toFixed(0), 8)}${pad((r.outBytes / 1024).toFixed(0), 9)}${pad(r.floor.toFixed(1), 17)}${pad(r.annotate.toFixed(1), 13)}` +
        `${pad(r.load.toFixed(1), 8)}${pad(r.engine.toFixed(1), 8)}${pad(r.write.toFixed(1), 8)}${pad((r.annotate / r.floor).toFixed(2), 7)}`,
    );
  }
  const aRatios = annotated.map((r) => r.annotate / r.floor);
  console.log("");
  console.log(`annotate, normal workbooks (${annotated.length}): ratio median ${median(aRatios).toFixed(2)}, max ${Math.max(...aRatios).toFixed(2)}`);
  console.log(
    `annotate, 300,000-cell workbook: ratio ${(largeAnnotate.annotate / largeAnnotate.floor).toFixed(2)} (ExcelJS load ${largeAnnotate.floor.toFixed(0)} ms, annotate ${largeAnnotate.annotate.toFixed(0)} ms)`,
  );
  console.log(
    "load = the bounds check and ExcelJS's load, as the command line reads; engine = snapshot + analyse + plan; " +
      "write = the package writer (the plan's checks on the load, our sheets written by ExcelJS into a scratch workbook, the company's package edited and zipped: unchanged parts copied as stored).",
  );
  console.log(`budget: annotate ≤ 1.5 × ExcelJS's own load of the input; medians of ${runs} runs (${Math.max(3, Math.ceil(runs / 2))} for the large one)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
