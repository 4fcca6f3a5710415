/**
 * `npm run bench`: how much the engine adds to reading a workbook. For each fixture workbook
 * and for one holding the diagnosis beside a 300,000-cell data sheet, it times ExcelJS's bare
 * load (the floor: no analysis can be faster than parsing the file) against the whole analyse
 * path (the same load, the snapshot, recognition and scoring), alternating the two, and prints
 * the medians and their ratio. Figures, not a test.
 */
import { performance } from "node:perf_hooks";
import { analyseWorkbook } from "../src/core/analyse";
import { loadExcelJs, readWorkbookBuffer, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { annotatePlan } from "../src/core/report";
import { applyPlan } from "../src/xlsx/applyPlan";
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
  /** ExcelJS's own load + save of the input file: the floor the issue sets… */
  floor: number;
  /** …of which the save. */
  floorSave: number;
  annotate: number;
  /** ExcelJS's own load + save of the annotated file annotate produces: the floor for that output. */
  outputFloor: number;
  /** Of the annotate time: the load (as in the floor)… */
  load: number;
  /** …the engine and the plan (snapshot, analyse, plan, apply)… */
  engine: number;
  /** …of which building the plan and applying it. */
  plan: number;
  apply: number;
  /** …and writing the annotated workbook, which is bigger than the input. */
  write: number;
}

/**
 * Annotate as the command line runs it (load, snapshot, analyse, plan, apply, write) against
 * ExcelJS's own load + write of the same file, both to a buffer so that the disk is left out.
 */
async function measureAnnotate(name: string, buf: Buffer, runs: number): Promise<AnnotateRow> {
  const floorRun = async () => {
    const wb = await loadExcelJs(buf, name);
    const t0 = performance.now();
    await wb.xlsx.writeBuffer();
    return performance.now() - t0;
  };
  const annotateRun = async () => {
    const t0 = performance.now();
    const wb = await loadExcelJs(buf, name);
    const t1 = performance.now();
    const snapshot = snapshotFromWorkbook(wb, name);
    const analysis = analyseWorkbook(snapshot);
    const p0 = performance.now();
    const { plan } = annotatePlan(snapshot, analysis);
    const p1 = performance.now();
    applyPlan(wb, plan);
    const t2 = performance.now();
    await wb.xlsx.writeBuffer();
    const t3 = performance.now();
    return { total: t3 - t0, load: t1 - t0, engine: t2 - t1, plan: p1 - p0, apply: t2 - p1, write: t3 - t2 };
  };
  await floorRun();
  await annotateRun();
  const annotatedBytes = await (async () => {
    const wb = await loadExcelJs(buf, name);
    const snapshot = snapshotFromWorkbook(wb, name);
    applyPlan(wb, annotatePlan(snapshot, analyseWorkbook(snapshot)).plan);
    return Buffer.from(await wb.xlsx.writeBuffer());
  })();
  const outputFloorRun = async () => {
    const wb = await loadExcelJs(annotatedBytes, name);
    await wb.xlsx.writeBuffer();
  };
  await outputFloorRun();
  const outputFloor: number[] = [];
  const floor: number[] = [];
  const floorSave: number[] = [];
  const annotate: number[] = [];
  const load: number[] = [];
  const engine: number[] = [];
  const plan: number[] = [];
  const apply: number[] = [];
  const write: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    floorSave.push(await floorRun());
    floor.push(performance.now() - t0);
    const t1 = performance.now();
    await outputFloorRun();
    outputFloor.push(performance.now() - t1);
    const r = await annotateRun();
    annotate.push(r.total);
    load.push(r.load);
    engine.push(r.engine);
    plan.push(r.plan);
    apply.push(r.apply);
    write.push(r.write);
  }
  return {
    name,
    floor: median(floor),
    floorSave: median(floorSave),
    outputFloor: median(outputFloor),
    annotate: median(annotate),
    load: median(load),
    engine: median(engine),
    plan: median(plan),
    apply: median(apply),
    write: median(write),
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
  console.log(`normal workbooks (${rows.length}): ratio median ${median(ratios).toFixed(2)}, geometric mean ${geo.toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}`);
  console.log(`300,000-cell workbook: ratio ${(large.analyse / large.load).toFixed(2)} (ExcelJS ${large.load.toFixed(0)} ms, analyse ${large.analyse.toFixed(0)} ms)`);
  console.log(`budget: analyse ≤ 1.5 × ExcelJS load; medians of ${runs} runs (${Math.max(3, Math.ceil(runs / 2))} for the large one), node ${process.version}`);

  const annotated: AnnotateRow[] = [];
  annotated.push(await measureAnnotate("sample-diagnosis (bundled sample)", await SAMPLE.build(), runs));
  for (const f of [...FIXTURES.filter((x) => x.expected.exit === 0).slice(0, 8), ...CHECKSHEET_FIXTURES.slice(0, 3)]) {
    annotated.push(await measureAnnotate(f.id, await f.build(), runs));
  }
  const largeAnnotate = await measureAnnotate("diagnosis + 300,000-cell data sheet", await buildLargeWorkbook(300_000), Math.max(3, Math.ceil(runs / 2)));
  console.log("");
  const head2 =
    `${"workbook".padEnd(38)}${pad("load+save ms", 14)}${pad("(save)", 8)}${pad("annotate ms", 13)}${pad("load", 7)}${pad("engine", 8)}` +
    `${pad("(plan", 7)}${pad("apply)", 8)}${pad("write", 7)}${pad("+write", 8)}${pad("ratio", 7)}${pad("out load+save", 15)}${pad("ratio2", 8)}`;
  console.log(head2);
  console.log("-".repeat(head2.length));
  for (const r of [...annotated, largeAnnotate]) {
    console.log(
      `${r.name.padEnd(38)}${pad(r.floor.toFixed(1), 14)}${pad(r.floorSave.toFixed(1), 8)}${pad(r.annotate.toFixed(1), 13)}` +
        `${pad(r.load.toFixed(1), 7)}${pad(r.engine.toFixed(1), 8)}${pad(r.plan.toFixed(1), 7)}${pad(r.apply.toFixed(1), 8)}` +
        `${pad(r.write.toFixed(1), 7)}${pad((r.write - r.floorSave).toFixed(1), 8)}${pad((r.annotate / r.floor).toFixed(2), 7)}` +
        `${pad(r.outputFloor.toFixed(1), 15)}${pad((r.annotate / r.outputFloor).toFixed(2), 8)}`,
    );
  }
  const aRatios = annotated.map((r) => r.annotate / r.floor);
  console.log("");
  console.log(`annotate, normal workbooks (${annotated.length}): ratio median ${median(aRatios).toFixed(2)}, max ${Math.max(...aRatios).toFixed(2)}`);
  console.log(`annotate, 300,000-cell workbook: ratio ${(largeAnnotate.annotate / largeAnnotate.floor).toFixed(2)}`);
  const oRatios = annotated.map((r) => r.annotate / r.outputFloor);
  console.log(`ratio2 (against ExcelJS's load + save of the annotated output): median ${median(oRatios).toFixed(2)}, max ${Math.max(...oRatios).toFixed(2)}; 300,000 cells ${(largeAnnotate.annotate / largeAnnotate.outputFloor).toFixed(2)}`);
  console.log(
    "engine = snapshot + analyse + plan + apply; write = saving the annotated workbook, which holds our three sheets " +
      "and so is larger than the input (on a small workbook, larger than the company's whole file); " +
      "+write = write − (save) = what saving our sheets, fills and state adds to the input's own save.",
  );
  console.log("budget: annotate ≤ 1.5 × ExcelJS load + save");
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
