/// <reference types="office-js" />
/**
 * The pane's host inside Excel: each action is one Excel.run — read the workbook (3 syncs, more
 * only for very large sheets), decide, apply the plan (2 syncs: check, then write everything).
 */
import { PaneActionError, errorText, type PaneHost, type Step, type Work } from "./host";

const loadExcelHost = () => import(/* webpackChunkName: "engine" */ "../excel");

export function excelHost(): PaneHost {
  return {
    mode: "excel",
    async run<T>(work: Work<T>, onStep: (step: Step) => void) {
      const at: { step: Step } = { step: "read" };
      // Loaded with the engine, after the pane has appeared.
      const { ExcelHostError, applyPlan, readSnapshot } = await loadExcelHost();
      try {
        return await Excel.run(async (context) => {
          onStep((at.step = "read"));
          const { snapshot } = await readSnapshot(context);
          onStep((at.step = "plan"));
          const { plan, result } = work(snapshot);
          let warnings: string[] = [];
          if (plan) {
            onStep((at.step = "write"));
            warnings = (await applyPlan(context, plan)).warnings;
          }
          return { result, warnings };
        });
      } catch (e) {
        // Only the final write sync can leave part of a plan written: applyPlan checks the whole
        // plan and the workbook before it queues anything.
        const partial = at.step === "write" && e instanceof ExcelHostError && e.during === "write";
        throw new PaneActionError(at.step, partial ? "partial" : "nothing", errorText(e), { cause: e });
      }
    },
    async select(sheet: string, cell: string) {
      const { selectCell } = await loadExcelHost();
      await Excel.run((context) => selectCell(context, sheet, cell));
    },
  };
}
