/// <reference types="office-js" />
/**
 * The pane over the strict fake, as the edit tests drive it: the pane's Excel host (excelHost.ts
 * does the same over Excel.run), the sample with our sheets written, and what the pane reads now.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NO_EDITS } from "../../src/core/prioritise";
import { applyEdits, applyPlan, readSnapshot } from "../../src/excel";
import type { PaneHost } from "../../src/pane/host";
import * as session from "../../src/pane/session";
import type { Examined } from "../../src/pane/session";
import { FakeExcel } from "../fakeExcel";
import { caps } from "./officeHost";

export const SAMPLE = readFileSync(join(__dirname, "..", "..", "samples", "sample-diagnosis.xlsx"));
export const SAMPLE_NAME = "sample-diagnosis.xlsx";

/** The pane's Excel host over the fake. */
export function fakePaneHost(x: FakeExcel): PaneHost {
  return {
    mode: "excel",
    async run(work) {
      return x.run(async (ctx) => {
        const { snapshot, messages: read, warnings } = await readSnapshot(ctx, { capabilities: caps(x) });
        const { plan, result, messages = [] } = work(snapshot);
        const applied = plan ? await applyPlan(ctx, plan, { capabilities: caps(x) }) : { messages: [], warnings: [] };
        return { result, messages: [...read, ...messages, ...applied.messages], warnings: [...warnings, ...applied.warnings] };
      });
    },
    async writeCells(edit) {
      const r = await x.run((ctx) => applyEdits(ctx, edit, { capabilities: caps(x) }));
      return { refused: r.refused, warnings: r.warnings };
    },
  };
}

/** A workbook (the sample by default) with our sheets written, as the pane's 「まとめシートを書き出す」, and the pane's view after it. */
export async function writtenSample(options: { bytes?: Buffer; apiVersion?: string } = {}): Promise<{ x: FakeExcel; host: PaneHost; e: Examined }> {
  const x = await FakeExcel.fromXlsx(options.bytes ?? SAMPLE, SAMPLE_NAME, options.apiVersion ? { apiVersion: options.apiVersion } : {});
  const host = fakePaneHost(x);
  const { result } = await host.run(
    (s) => session.writeSheets(s, "ja", NO_EDITS),
    () => {},
  );
  return { x, host, e: result };
}

/** What the pane reads when it analyses the workbook now. */
export async function examineNow(host: PaneHost): Promise<Examined> {
  return (
    await host.run(
      (s) => ({ plan: null, result: session.examine(s, "ja") }),
      () => {},
    )
  ).result;
}
