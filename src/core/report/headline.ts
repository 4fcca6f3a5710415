/**
 * The measures the owner's summary shows and the regulations to create or revise.
 *
 * The headline measures come from the action plan (its first six measures, with the owner and due
 * date typed there) when the caller has one (AnnotateOptions.headline). Without it, they are
 * proposed from the priorities: the first focus and next items in rank order, with the catalog's
 * countermeasure and the role that usually owns it, and no due date (the plan sets it).
 */
import type { Analysis } from "../analyse";
import { ITEM_MEASURES, ROLES } from "../catalog/itemMeasures";
import type { Lang } from "../i18n";
import type { PriorityItem } from "../prioritise";
import { HEADLINE_MAX, type HeadlineMeasure, type RegulationToDo } from "./ownerSheet";

/** The first HEADLINE_MAX items that need work, by rank, as measures without a due date. */
export function proposedHeadline(items: readonly PriorityItem[], lang: Lang): HeadlineMeasure[] {
  return items
    .filter((p) => p.class !== "maintain")
    .slice(0, HEADLINE_MAX)
    .map((p) => {
      const m = ITEM_MEASURES[p.no];
      return { title: m.measure[lang], owner: ROLES.find((r) => r.id === m.owner)!.label[lang], due: null };
    });
}

/**
 * The regulations to create or revise: the company's decision where it made one on the overview,
 * else our recommendation (marked proposed); null without a checksheet.
 */
export function regulationsToDo(analysis: Analysis): RegulationToDo[] | null {
  const r = analysis.regulations;
  if (!r) return null;
  const out: RegulationToDo[] = [];
  for (const review of r.reviews) {
    const decided = review.decision;
    const action = decided ?? review.recommended;
    if (action === "new" || action === "revised") out.push({ name: review.name, action, proposed: decided === null });
  }
  return out;
}
