/**
 * The sentences of the owner's summary, shared by the sheet (ownerSheet.ts) and the pane, so that
 * both say the same thing in the same words.
 */
import type { Analysis } from "../analyse";
import type { AnswerId } from "../catalog/diagnosis";
import { POLICY_ELEMENTS } from "../catalog/regulations";
import { signedNumber, formatDate, t, type Lang } from "../i18n";
import type { SecurityActionReadiness, TwoStarGap } from "../securityAction";
import { itemShort, joinList, respondentName } from "./common";
import { itemChange, type ItemChange } from "../compare";
import type { Score } from "../score";

/** The result of an earlier diagnosis, to show the change (the first recorded visit: issue 14). */
export interface PreviousResult {
  /** When it was made, ISO; null when not known. */
  date: string | null;
  total: number;
  /** The recorded visit's label (第1回), when it is one. */
  label?: string;
  /** Its counted answers (25, item 1 first), to count the items improved and worse. */
  counted?: readonly (AnswerId | null)[];
}

/** A regulation the company will create or revise. */
export interface RegulationToDo {
  name: string;
  action: "new" | "revised";
  /** True when the company has not decided yet and this is our recommendation. */
  proposed: boolean;
}

/** The result's heading, with whose answers it comes from. */
export function ownerBasis(a: Analysis, lang: Lang): string {
  if (a.diagnoses.length === 0) return t(lang, "report.owner.basisNone");
  const names = joinList(
    a.diagnoses.map((d) => respondentName(d, lang)),
    lang,
  );
  return a.consolidated ? t(lang, "report.owner.basisConsolidated", { names }) : t(lang, "report.owner.basisSingle", { names });
}

/**
 * The change since the previous diagnosis (the first recorded visit); `scored` is false when this
 * one earns no total. With the earlier answers, how many items improved and worsened, by the rule
 * of the comparison (core/compare.ts).
 */
export function changeText(previous: PreviousResult | null, main: Score | null, scored: boolean, lang: Lang): string {
  const p = previous;
  if (!p) return t(lang, "report.owner.firstDiagnosis");
  if (main === null || !scored) return t(lang, "report.owner.previousOnly", { previous: p.total });
  const total = main.total;
  const diff = total - p.total;
  const params = { previous: p.total, total, diff: signedNumber(diff) };
  const text =
    p.label !== undefined && p.date
      ? t(lang, "report.owner.changeSinceVisit", { ...params, label: p.label, date: formatDate(lang, { date: p.date }) })
      : p.date
        ? t(lang, "report.owner.changeSince", { ...params, date: formatDate(lang, { date: p.date }) })
        : t(lang, "report.owner.changeUndated", params);
  if (!p.counted) return text;
  const changes = main.answers.map((a) => itemChange(p.counted![a.no - 1] ?? null, a.answer));
  const count = (c: ItemChange) => changes.filter((x) => x === c).length;
  return `${text}\n${t(lang, "report.owner.changeItems", { improved: count("improved"), worse: count("worse") })}`;
}

/** The regulations to create and to revise, a line each; what to say when there are none. */
export function regulationText(regs: RegulationToDo[] | null, lang: Lang): string {
  if (regs === null) return t(lang, "report.owner.noChecksheet");
  if (regs.length === 0) return t(lang, "report.owner.noRegulationWork");
  const names = (action: RegulationToDo["action"]) =>
    regs.filter((r) => r.action === action).map((r) => (r.proposed ? t(lang, "report.owner.proposedName", { name: r.name }) : r.name));
  const parts: string[] = [];
  const created = names("new");
  const revised = names("revised");
  if (created.length) parts.push(t(lang, "report.owner.regulationsNew", { names: joinList(created, lang) }));
  if (revised.length) parts.push(t(lang, "report.owner.regulationsRevised", { names: joinList(revised, lang) }));
  return parts.join("\n");
}

/** ★: how the company stands on the basic rules the declaration commits it to. */
export function oneStarText(sa: SecurityActionReadiness, lang: Lang): string {
  const weak = sa.oneStar.toWorkOn.map((no) => itemShort(no, lang));
  const count = sa.oneStar.rules.length;
  return weak.length === 0
    ? t(lang, "report.owner.oneStarAllInPlace", { count })
    : t(lang, "report.owner.oneStarToWorkOn", { count, done: count - weak.length, items: joinList(weak, lang) });
}

/** ★★: ready, or what is missing. */
export function twoStarText(sa: SecurityActionReadiness, lang: Lang): string {
  return sa.twoStar.ready
    ? t(lang, "report.owner.twoStarReady")
    : t(lang, "report.owner.twoStarMissing", { missing: sa.twoStar.missing.map((m) => gapText(m, lang)).join(t(lang, "report.owner.gapSeparator")) });
}

function gapText(gap: TwoStarGap, lang: Lang): string {
  switch (gap.kind) {
    case "no-diagnosis":
      return t(lang, "report.owner.gap.noDiagnosis");
    case "diagnosis-incomplete":
      return t(lang, "report.owner.gap.diagnosisIncomplete", { count: gap.unanswered.length });
    case "no-policy-checklist":
      return t(lang, "report.owner.gap.noPolicy");
    case "policy-incomplete":
      return t(lang, "report.owner.gap.policyIncomplete", {
        elements: joinList(
          gap.elements.map((e) => POLICY_ELEMENTS.find((p) => p.id === e.id)!.heading),
          lang,
        ),
      });
    case "not-published":
      return t(lang, "report.owner.gap.notPublished");
  }
}
