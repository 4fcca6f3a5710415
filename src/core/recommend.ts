/**
 * A recommended review decision per regulation, from the diagnosis answers of the items that
 * bear on it (catalog/itemRegulations.ts) and its coverage on the check sheet. The project's
 * own judgement, documented in the README:
 * - sections checked and none present → new; some absent → revise;
 * - all checked sections present → revise when related items are weak (rules exist but are
 *   not practised), else keep;
 * - nothing checked: keep when every related item is implemented, otherwise no recommendation
 *   (new or revise depends on rules the sheet does not show); "not needed" is never recommended:
 *   that depends on the business (e.g. whether it develops systems), which only the company knows.
 */
import type { ItemNo } from "./catalog/diagnosis";
import { itemsForRegulation } from "./catalog/itemRegulations";
import { REGULATIONS, type DecisionId } from "./catalog/regulations";
import type { Reason, RegulationCoverage, RegulationReview } from "./checksheet";
import { resourceParam } from "./messages";
import type { Score } from "./score";

const list = (xs: ItemNo[]) => xs.join(", ");
/** A decision as a message parameter, rendered in the report's language. */
export const decisionParam = (id: DecisionId) => resourceParam(`decision.${id}`);

export function recommend(coverage: RegulationCoverage[], diagnosis: Score | null): RegulationReview[] {
  return REGULATIONS.map((r) => {
    const cov = coverage.find((c) => c.no === r.no)!;
    const items = itemsForRegulation(r.no);
    const answered = diagnosis ? items.map((no) => ({ no, answer: diagnosis.answers[no - 1].answer })) : [];
    const weak = answered.filter((a) => a.answer === "not" || a.answer === "unknown").map((a) => a.no);
    const partial = answered.filter((a) => a.answer === "partial").map((a) => a.no);
    const strong = answered.filter((a) => a.answer === "implemented").map((a) => a.no);
    const reasons: Reason[] = [];
    // `count` chooses the English singular ("item 3"); the sentences show `items`.
    const itemReasons = () => {
      if (weak.length) reasons.push({ code: "weak-items", params: { items: list(weak), count: weak.length } });
      if (partial.length) reasons.push({ code: "partial-items", params: { items: list(partial), count: partial.length } });
      if (!weak.length && !partial.length && strong.length) reasons.push({ code: "strong-items", params: { items: list(strong), count: strong.length } });
    };
    let recommended: DecisionId | null = null;

    const checked = cov.present + cov.absent;
    if (checked > 0) {
      if (cov.present === 0) {
        recommended = "new";
        reasons.push({ code: "all-absent", params: { absent: cov.absent, total: cov.total } });
      } else if (cov.absent > 0) {
        recommended = "revised";
        reasons.push({ code: "some-absent", params: { absent: cov.absent, total: cov.total, count: cov.total } });
      } else {
        // Rules exist; weak practice means they need revising (or enforcing), not keeping.
        recommended = weak.length || partial.length ? "revised" : "keep";
        reasons.push({ code: "all-present", params: { present: cov.present } });
      }
      itemReasons();
      if (cov.unchecked > 0) reasons.push({ code: "unchecked", params: { unchecked: cov.unchecked, count: cov.total } });
    } else {
      if (!cov.listed && coverage.some((c) => c.listed)) reasons.push({ code: "not-listed", params: {} });
      else if (cov.total > 0) reasons.push({ code: "unchecked", params: { unchecked: cov.unchecked, count: cov.total } });
      if (items.length === 0) reasons.push({ code: "no-diagnosis-link", params: {} });
      else if (!diagnosis) reasons.push({ code: "no-evidence", params: {} });
      else {
        if (strong.length === items.length) recommended = "keep";
        itemReasons();
      }
    }

    const differs = cov.decision !== null && recommended !== null && cov.decision !== recommended;
    if (differs) {
      reasons.push({ code: "decision-differs", params: { decision: decisionParam(cov.decision!), recommended: decisionParam(recommended!) } });
    } else if (cov.decision === null && recommended !== null) reasons.push({ code: "decision-blank", params: {} });
    return { no: r.no, name: r.name, decision: cov.decision, recommended, reasons, differs, items };
  });
}
