/// <reference types="office-js" />
/**
 * The pane's host inside Excel: each action is one Excel.run — read the workbook (3 syncs, more
 * only for very large sheets or many merged cells), decide, apply the plan (2 syncs: check, then
 * write everything; on Excel on the web, one more for each further 5 MB of writes). An edit
 * written cell by cell (writeCells) is its own Excel.run of 2 syncs (src/excel/applyEdits.ts).
 */
import { PaneActionError, errorText, type FailureKind, type PaneHost, type Step, type Work } from "./host";

/** Excel's error codes (and the host's own) by what the expert can do about them. */
const KIND_OF_CODE: Record<string, FailureKind> = {
  AccessDenied: "protected",
  InvalidOperationInCellEditMode: "editing",
  ItemNotFound: "changed",
  ItemAlreadyExists: "changed",
  RequestPayloadSizeLimitExceeded: "tooLarge",
  ResponsePayloadSizeLimitExceeded: "tooLarge",
  RequestTooLarge: "tooLarge",
  // Excel on the web's answer to a request or response over 5 MB as often as to anything else.
  GeneralException: "internal",
  ApiNotFound: "oldExcel",
};

/**
 * Excel on the web takes at most 5 MB a request; Excel on Windows, Mac and iPad has no such
 * limit (https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 * so there the writes go in one request whatever their size. Unknown platform: the web's limit.
 */
function requestLimit(): number | undefined {
  const platform = typeof Office !== "undefined" ? Office.context?.diagnostics?.platform : undefined;
  return platform !== undefined && String(platform) !== "OfficeOnline" ? Infinity : undefined;
}

type ExcelModule = Awaited<ReturnType<typeof loadExcelHost>>;

function failureKind(e: unknown, m: ExcelModule): FailureKind {
  if (e instanceof m.PlanRefusedError) return "refused";
  if (e instanceof m.ExcelHostError) return KIND_OF_CODE[e.code] ?? "other";
  return "other";
}

const loadExcelHost = () => import(/* webpackChunkName: "engine" */ "../excel");

export function excelHost(): PaneHost {
  return {
    mode: "excel",
    async run<T>(work: Work<T>, onStep: (step: Step) => void) {
      const at: { step: Step } = { step: "read" };
      // Loaded with the engine, after the pane has appeared.
      const m = await loadExcelHost();
      const { ExcelHostError, applyPlan, readSnapshot } = m;
      try {
        return await Excel.run(async (context) => {
          onStep((at.step = "read"));
          // What the read could not do on this Excel (merged cells, hidden rows) is said with the write's.
          const { snapshot, messages: read, warnings: readWarnings } = await readSnapshot(context);
          onStep((at.step = "plan"));
          const { plan, result, messages = [] } = work(snapshot);
          let warnings: string[] = [];
          let applied: typeof messages = [];
          if (plan) {
            onStep((at.step = "write"));
            ({ warnings, messages: applied } = await applyPlan(context, plan, { maxRequestBytes: requestLimit() }));
          }
          return { result, messages: [...read, ...messages, ...applied], warnings: [...readWarnings, ...warnings] };
        });
      } catch (e) {
        // Only the final write sync can leave part of a plan written: applyPlan checks the whole
        // plan and the workbook before it queues anything.
        const partial = at.step === "write" && e instanceof ExcelHostError && e.during === "write";
        throw new PaneActionError(
          at.step,
          partial ? "partial" : "nothing",
          errorText(e),
          { cause: e },
          failureKind(e, m),
          undefined,
          e instanceof m.PlanRefusedError ? e.problems : undefined,
        );
      }
    },
    async writeCells(edit) {
      const m = await loadExcelHost();
      try {
        const { refused, warnings } = await Excel.run((context) => m.applyEdits(context, edit));
        return { refused, warnings };
      } catch (e) {
        // applyEdits writes in its last sync only, after every check.
        const partial = e instanceof m.ExcelHostError && e.during === "write";
        throw new PaneActionError("write", partial ? "partial" : "nothing", errorText(e), { cause: e }, failureKind(e, m));
      }
    },
    async select(sheet: string, cell: string) {
      const m = await loadExcelHost();
      try {
        await Excel.run((context) => m.selectCell(context, sheet, cell));
      } catch (e) {
        throw new PaneActionError("read", "nothing", errorText(e), { cause: e }, failureKind(e, m));
      }
    },
  };
}
