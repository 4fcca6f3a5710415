/** The blank workbooks the `template` command writes, as one Plan from the sheet templates. */
import type { Lang } from "../i18n";
import type { Plan } from "../plan";
import { checksheetTemplatePlan, policyTemplatePlan } from "./checksheetTemplate";
import { diagnosisTemplatePlan } from "./diagnosisTemplate";

/** The plans' sheets one after the other, in the order given. */
export function combinePlans(...plans: Plan[]): Plan {
  return { sheets: plans.flatMap((p) => p.sheets) };
}

/** Which part of the blank workbook to write; undefined writes everything. */
export type TemplatePart = "diagnosis" | "checksheet";
export const TEMPLATE_PARTS: readonly TemplatePart[] = ["diagnosis", "checksheet"];

/**
 * The diagnosis sheet, then the regulation overview, the check sheet and the basic policy
 * checklist; `only` keeps the diagnosis alone, or the three checksheet sheets alone.
 */
export function workbookTemplatePlan(lang: Lang = "ja", only?: TemplatePart): Plan {
  const plans: Plan[] = [];
  if (only !== "checksheet") plans.push(diagnosisTemplatePlan(lang));
  if (only !== "diagnosis") plans.push(checksheetTemplatePlan(lang), policyTemplatePlan(lang));
  return combinePlans(...plans);
}
