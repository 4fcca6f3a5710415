/**
 * The Office.js host: the engine's two host functions over Excel.run, for the task pane.
 *
 *   await Excel.run(async (context) => {
 *     const { snapshot } = await readSnapshot(context);
 *     const { plan } = annotatePlan(snapshot, analyseWorkbook(snapshot), lang);
 *     await applyPlan(context, plan);
 *   });
 */
export { applyPlan, DEFAULT_MAX_REQUEST_BYTES, sections, type ApplyOptions, type ApplyResult } from "./applyPlan";
export { detectCapabilities, requireBase, REQUIRED_EXCEL_API, type ExcelCapabilities, type IsSetSupported } from "./capabilities";
export { ExcelHostError } from "./errors";
export { PlanRefusedError } from "../core/plan";
export { selectCell, workbookName } from "./helpers";
export { DEFAULT_READ_LIMITS, readSnapshot, type ReadLimits, type ReadOptions, type ReadResult, type TruncatedSheet } from "./readSnapshot";
export { cellValue } from "./values";
export { applyEdits, type EditsResult } from "./applyEdits";
