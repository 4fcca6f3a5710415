/** The `--json` document (schemaVersion 1, documented in the README). */
import { renderReason } from "../core/analyse";
import { nameText, type RespondentName } from "../core/assessment";
import { POLICY_ELEMENTS } from "../core/catalog/regulations";
import type { PolicyAnalysis, RegulationsAnalysis } from "../core/checksheet";
import type { Lang } from "../core/i18n";
import { renderMessage, type EngineMessage } from "../core/messages";
import { shownBand, type Consolidated, type ScoredRespondent } from "../core/score";
import type { SecurityActionReadiness } from "../core/securityAction";
import type { FileResult } from "./analyzeFiles";
import { escapeJsonControls } from "./terminalText";

export const SCHEMA_VERSION = 1;

function jsonMessage(m: EngineMessage, lang: Lang) {
  return { level: m.level, code: m.code, sheet: m.sheet, cell: m.cell, text: renderMessage(m, lang) };
}

/** A respondent's name as text: one the engine made (C列, 表2) in the document's language. */
const jsonName = (n: RespondentName | null, lang: Lang) => (n === null ? null : nameText(n, lang));

function jsonScore(d: ScoredRespondent | Consolidated, lang: Lang) {
  return {
    sheet: d.sheet,
    respondent: jsonName(d.respondent, lang),
    answers: d.answers.map((a) => ({
      no: a.no,
      answer: a.answer,
      points: a.points,
      cell: a.cell,
      ...("from" in a ? { from: a.from.map((n) => jsonName(n, lang)) } : {}),
    })),
    total: d.total,
    complete: d.complete,
    parts: d.parts,
    // No verdict on a diagnosis with nothing answered.
    band: shownBand(d),
    unknown: d.unknown,
    unanswered: d.unanswered,
  };
}

/** A respondent, with the coach's word on it: the name it was found under when renamed, and its kind. */
function jsonRespondent(d: ScoredRespondent, lang: Lang) {
  return { ...jsonScore(d, lang), ...(d.foundAs !== undefined ? { foundAs: jsonName(d.foundAs, lang) } : {}), kind: d.kind ?? null };
}

function jsonRegulations(r: RegulationsAnalysis, lang: Lang) {
  return {
    sheet: r.sheet,
    overviewSheet: r.overviewSheet,
    coverage: r.coverage.map((c) => ({
      no: c.no,
      name: c.name,
      present: c.present,
      absent: c.absent,
      unchecked: c.unchecked,
      total: c.total,
      coverage: c.coverage,
      listed: c.listed,
      issues: c.issues,
    })),
    reviews: r.reviews.map((v) => ({
      no: v.no,
      name: v.name,
      decision: v.decision,
      recommended: v.recommended,
      reasons: v.reasons.map((x) => renderReason(x, lang)),
      differs: v.differs,
      items: v.items,
    })),
    messages: r.messages.map((m) => jsonMessage(m, lang)),
  };
}

function jsonPolicy(p: PolicyAnalysis) {
  return {
    sheet: p.sheet,
    checks: p.checks.map((c) => ({
      id: c.id,
      heading: POLICY_ELEMENTS.find((e) => e.id === c.id)!.heading,
      status: c.status,
      note: c.note,
      cell: c.cell,
    })),
  };
}

/** SECURITY ACTION readiness: ★ can always be declared (the basic rules' standing); ★★'s missing conditions. */
function jsonSecurityAction(s: SecurityActionReadiness) {
  return {
    oneStar: { declarable: s.oneStar.declarable, rules: s.oneStar.rules, toWorkOn: s.oneStar.toWorkOn },
    twoStar: { ready: s.twoStar.ready, missing: s.twoStar.missing, published: s.twoStar.published, policySheet: s.twoStar.policySheet },
  };
}

export function jsonReport(results: FileResult[], lang: Lang): string {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    results: results.map((r) => ({
      file: r.file,
      diagnoses: r.analysis ? r.analysis.diagnoses.map((d) => jsonRespondent(d, lang)) : [],
      // Found but not counted (never in `consolidated`): why, and whom a repeat comes from.
      leftOut: r.analysis ? r.analysis.leftOut.map((d) => ({ ...jsonRespondent(d, lang), reason: d.reason, from: d.from.map((n) => jsonName(n, lang)) })) : [],
      consolidated: r.analysis?.consolidated ? { ...jsonScore(r.analysis.consolidated, lang), disagreements: r.analysis.consolidated.disagreements } : null,
      messages: (r.readError ? [r.readError] : r.analysis!.messages).map((m) => jsonMessage(m, lang)),
      regulations: r.analysis?.regulations ? jsonRegulations(r.analysis.regulations, lang) : null,
      policy: r.analysis?.policy ? jsonPolicy(r.analysis.policy) : null,
      company: r.owner
        ? { name: r.owner.company.name, source: r.owner.company.source, sheet: r.owner.company.found?.sheet ?? null, cell: r.owner.company.found?.cell ?? null }
        : null,
      securityAction: r.owner ? jsonSecurityAction(r.owner.securityAction) : null,
    })),
  };
  // JSON.stringify escapes C0 in strings; the other controls are escaped too (the same data).
  return escapeJsonControls(JSON.stringify(doc, null, 2));
}
