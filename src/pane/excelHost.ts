/// <reference types="office-js" />
/**
 * The pane's host inside Excel: each action is one Excel.run — read the workbook (3 syncs, more
 * only for very large sheets), decide, apply the plan (2 syncs: check, then write everything).
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
  ApiNotFound: "oldExcel",
};

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
          const { snapshot } = await readSnapshot(context);
          onStep((at.step = "plan"));
          const { plan, result, messages = [] } = work(snapshot);
          let warnings: string[] = [];
          let applied: typeof messages = [];
          if (plan) {
            onStep((at.step = "write"));
            ({ warnings, messages: applied } = await applyPlan(context, plan));
          }
          return { result, messages: [...messages, ...applied], warnings };
        });
      } catch (e) {
        // Only the final write sync can leave part of a plan written: applyPlan checks the whole
        // plan and the workbook before it queues anything.
        const partial = at.step === "write" && e instanceof ExcelHostError && e.during === "write";
        throw new PaneActionError(at.step, partial ? "partial" : "nothing", errorText(e), { cause: e }, failureKind(e, m), undefined, e instanceof m.PlanRefusedError ? e.problems : undefined);
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
