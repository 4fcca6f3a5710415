/**
 * SECURITY ACTION readiness: how far the company is from declaring ★ (一つ星) and ★★ (二つ星),
 * IPA's self-declaration programme (facts: ../shared/domain/ipa-facts.md §6).
 *
 * - ★ is a declaration that the company will work on the basic rules (情報セキュリティ5か条).
 *   Nothing has to be in place first: the company can declare; we show how it stands on each rule
 *   (the diagnosis items that match them), so that it knows what it is committing to work on.
 * - ★★ needs three things: the self-diagnosis done (every item answered), a basic policy adopted
 *   (the policy checklist: every heading, the date and the representative's name present) and
 *   published (where, as the expert enters it). We list what is missing.
 *
 * A company "declares" (宣言); the programme certifies nothing, and nothing here says it does.
 */
import type { Analysis } from "./analyse";
import type { AnswerId, ItemNo } from "./catalog/diagnosis";
import { POLICY_ELEMENTS, type PolicyElementId, type PolicyStatus } from "./catalog/regulations";
import { mainDiagnosis } from "./report/common";

/**
 * The diagnosis items that match the basic rules of ★: today's five rules are items 1–5 (Part 1).
 * IPA's guideline 4.0 may add a sixth (backups, item 11): add it here; nothing else counts them.
 */
export const BASIC_RULE_ITEMS: readonly ItemNo[] = [1, 2, 3, 4, 5];

export interface RuleStanding {
  item: ItemNo;
  /** The (consolidated) answer; null when unanswered or no diagnosis was found. */
  answer: AnswerId | null;
  /** Answered 実施している. */
  inPlace: boolean;
}

/** What ★★ still needs. */
export type TwoStarGap =
  | { kind: "no-diagnosis" }
  | { kind: "diagnosis-incomplete"; unanswered: ItemNo[] }
  | { kind: "no-policy-checklist" }
  | { kind: "policy-incomplete"; elements: { id: PolicyElementId; status: PolicyStatus | null }[] }
  | { kind: "not-published" };

export interface SecurityActionReadiness {
  oneStar: {
    /** Always true: ★ asks for a commitment, not for measures already in place. */
    declarable: true;
    rules: RuleStanding[];
    /** The rules not yet in place: what the declaration commits the company to work on first. */
    toWorkOn: ItemNo[];
  };
  twoStar: {
    ready: boolean;
    /** In the order the programme asks for them: diagnosis, policy, publication. */
    missing: TwoStarGap[];
    /** Where the policy is published, as the expert entered it; null when not entered. */
    published: string | null;
    /** The sheet of the policy checklist read, or null. */
    policySheet: string | null;
  };
}

/** @param published where the basic policy is published (the expert's entry), or null. */
export function securityActionReadiness(analysis: Analysis, published: string | null): SecurityActionReadiness {
  const main = mainDiagnosis(analysis);
  const rules = BASIC_RULE_ITEMS.map((item): RuleStanding => {
    const answer = main?.answers[item - 1]?.answer ?? null;
    return { item, answer, inPlace: answer === "implemented" };
  });

  const missing: TwoStarGap[] = [];
  if (!main) missing.push({ kind: "no-diagnosis" });
  else if (main.unanswered.length > 0) missing.push({ kind: "diagnosis-incomplete", unanswered: [...main.unanswered] });
  if (!analysis.policy) missing.push({ kind: "no-policy-checklist" });
  else {
    const status = new Map(analysis.policy.checks.map((c) => [c.id, c.status]));
    const elements = POLICY_ELEMENTS.map((p) => ({ id: p.id, status: status.get(p.id) ?? null })).filter((e) => e.status !== "present");
    if (elements.length) missing.push({ kind: "policy-incomplete", elements });
  }
  const where = published?.trim() ? published.trim() : null;
  if (!where) missing.push({ kind: "not-published" });

  return {
    oneStar: { declarable: true, rules, toWorkOn: rules.filter((r) => !r.inPlace).map((r) => r.item) },
    twoStar: { ready: missing.length === 0, missing, published: where, policySheet: analysis.policy?.sheet ?? null },
  };
}
