/// <reference types="office-js" />
/**
 * Applies a Plan to the open workbook through Office.js, with the semantics of the xlsx host
 * (src/xlsx/applyPlan.ts): everything that can make the plan fail is checked before anything is
 * written (the plan alone, core/plan.ts; the plan on this workbook, core/workbookCheck.ts, over
 * what ./inspectWorkbook.ts read), then the writes go in one batch (./writeBatch.ts: restores,
 * old sheets, state, the plan's sheets (./writeSheet.ts, ./writeCells.ts), highlights
 * (./highlights.ts), frozen rows last).
 *
 * Syncs: one to check, one to write. The writes are measured as Office.js sends them
 * (requestSize.ts); when they do not fit in one request of `maxRequestBytes` (Excel on the web:
 * 5 MB), they go in several, in the same order, one sync each, and a single write larger than
 * that is refused before anything is written. When the workbook changed since the plan was made
 * (a sheet it expects gone, an unexpected one there), the check spends one or two more read-only
 * syncs finding out.
 *
 * The recorded original of a highlighted cell is its fill after the restores: the restored
 * record itself for a cell the plan restores, else the fill read in the check. The restores are
 * not queued before that read (Office.js would run them before it, but they would then stay
 * written when a check fails).
 *
 * Rows are frozen last, so that the Excel 2019 builds whose freezeRows fails (office-js issue
 * 2196) still get everything else, and say so.
 */
import { message, sheetListParam, type EngineMessage } from "../core/messages";
import { PlanRefusedError, checkPlan, type FillRestore, type Plan, type RecordedFill } from "../core/plan";
import { workbookProblems } from "../core/workbookCheck";
import { queueCompanyCells } from "./companyCells";
import type { Book } from "./book";
import { detectCapabilities, requireBase, type ExcelCapabilities } from "./capabilities";
import { ExcelHostError, SyncCounter } from "./errors";
import { highlightRecords, restoresAllowed } from "./highlights";
import { inspect, workbookView } from "./inspectWorkbook";
import { RequestRecorder, splitRequests, type RequestPart } from "./requestSize";
import { Writer } from "./writeBatch";

export { sections } from "./writeSheet";

export interface ApplyOptions {
  /** Default: asked of Office.context.requirements. */
  capabilities?: ExcelCapabilities;
  /**
   * Each write request stays at or below this many bytes as Office.js sends it (Excel on the web
   * takes 5 MB); the writes are split into several requests when they do not fit in one, and
   * refused before anything is written when a single write is larger.
   */
  maxRequestBytes?: number;
}

export interface ApplyResult {
  /**
   * context.sync() calls made: 2 unless the workbook changed since the plan was made, or the
   * writes are larger than one request takes (then one more for each further request).
   */
  syncs: number;
  /** Estimated payload: UTF-8 bytes of what was read (JSON) and written (as Office.js sends it). */
  bytes: number;
  /** Each write request's size as Office.js sends it (requestSize.ts), in order. */
  requestBytes: number[];
  /** The original fill of every highlighted cell, as written into the state. */
  highlights: RecordedFill[];
  /** How many recorded fills were put back. */
  restored: number;
  /** What the user should know, in their language: recorded cells left because recoloured since, or their sheet gone. */
  messages: EngineMessage[];
  /** Things approximated without harm, technical (English): a gradient restored as a colour, print settings on old Excel, … */
  warnings: string[];
}

export const DEFAULT_MAX_REQUEST_BYTES = 4_500_000;
export async function applyPlan(context: Excel.RequestContext, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const caps = options.capabilities ?? detectCapabilities();
  requireBase(caps);
  const planProblems = checkPlan(plan);
  if (planProblems.length) throw refused(planProblems);

  const counter = new SyncCounter(context);
  const warnings: string[] = [];
  const book = await inspect(context, plan, caps, counter, warnings);
  const problems = workbookProblems(plan, workbookView(book));
  if (problems.length) throw refused(problems);

  // The restores the workbook allows: the cell still has the colour the add-in gave it.
  const { restores, messages } = restoresAllowed(plan, book);
  const highlights = highlightRecords(plan, book, restores);
  const writer = new Writer(context, plan, book, caps, warnings, restores);
  writer.build(highlights);
  // The writes measured as Office.js will send them, and split into requests Excel takes.
  const limit = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const parts = measureWrites(plan, book, caps, restores, highlights, limit);
  const tooLarge = parts.find((p) => p.bytes > limit);
  if (tooLarge) {
    throw new ExcelHostError(
      "RequestTooLarge",
      `the plan cannot be applied: one of its writes takes about ${(tooLarge.bytes / 1e6).toFixed(1)} MB as Office.js sends it, more than the ${(limit / 1e6).toFixed(1)} MB Excel takes in one request; nothing was written`,
    );
  }
  const requestBytes: number[] = [];
  for (const [i, part] of parts.entries()) {
    writer.queue(part.from, part.to);
    // The company's decision (a few bytes), with the first request.
    if (i === 0) queueCompanyCells(context, plan);
    counter.bytes += part.bytes;
    requestBytes.push(part.bytes);
    try {
      await counter.sync(
        parts.length > 1 ? `writing the add-in's sheets and colours (part ${i + 1} of ${parts.length})` : "writing the add-in's sheets and colours",
        "write",
      );
    } catch (e) {
      // Rows are frozen last, in the last request: when this Excel cannot freeze them (office-js
      // issue 2196), everything else is written and the sheets work as they are; the user is told.
      const last = i === parts.length - 1;
      if (!last || !(e instanceof ExcelHostError) || !failedAt(e, "WorksheetFreezePanes.freezeRows") || writer.frozen.length === 0) throw e;
      warnings.push(`rows were not frozen: ${e.message}`);
      messages.push(message("warning", "rows-not-frozen", null, null, { sheets: sheetListParam(writer.frozen) }));
    }
  }
  return { syncs: counter.syncs, bytes: counter.bytes, requestBytes, highlights, restored: restores.length, messages, warnings: dedupe(warnings) };
}

/**
 * The write requests: the same writes, built again on a recording stand-in of the context
 * (requestSize.ts), in as few requests of at most `limit` bytes as they fit. Each request runs
 * after the one before, in the batch's order (restores, deletions, the state, the sheets, the
 * highlights): should Excel stop in a later one, what the earlier ones wrote is what a single
 * batch stopped at the same step would have left, the state included, so clear undoes it.
 */
function measureWrites(plan: Plan, book: Book, caps: ExcelCapabilities, restores: FillRestore[], highlights: RecordedFill[], limit: number): RequestPart[] {
  const recorder = new RequestRecorder();
  const dry = new Writer(recorder.context, plan, book, caps, [], restores);
  dry.build(highlights);
  return splitRequests(
    recorder,
    dry.count,
    (i) => dry.run(i),
    () => dry.begin(),
    limit,
  );
}

/** Whether Excel reports the error at `location` (debugInfo.errorLocation, "Class.member"). */
function failedAt(e: ExcelHostError, location: string): boolean {
  const at = e.location ?? "";
  return at === location || at.startsWith(`${location} `);
}

function refused(problems: EngineMessage[]): Error {
  return new PlanRefusedError(problems);
}

function dedupe(xs: string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].map(([x, n]) => (n > 1 ? `${x} (${n} times)` : x));
}
