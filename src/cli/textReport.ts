/** The readable summary printed by `analyze` without --json/--csv (Japanese by default). */
import { renderReason } from "../core/analyse";
import { bandById, PARTS } from "../core/catalog/diagnosis";
import { POLICY_ELEMENTS, POLICY_STATUSES } from "../core/catalog/regulations";
import type { PolicyAnalysis, RegulationsAnalysis } from "../core/checksheet";
import { t, type Lang } from "../core/i18n";
import { renderMessage, type EngineMessage } from "../core/messages";
import type { Score } from "../core/score";
import type { FileResult } from "./analyzeFiles";

function scoreLines(s: Score, lang: Lang): string[] {
  // A band for a sheet nobody filled in would only alarm: say it is blank.
  if (s.unanswered.length === s.answers.length) return [t(lang, "cli.noAnswers", { count: s.answers.length })];
  const band = bandById(s.band);
  const lines = [
    s.complete
      ? t(lang, "cli.total", { total: s.total, band: band.label[lang] })
      : t(lang, "cli.total.incomplete", { total: s.total, band: band.label[lang], count: s.unanswered.length }),
    t(lang, "cli.band.advice", { meaning: band.meaning[lang], next: band.nextStep[lang] }),
    s.parts.map((p) => t(lang, "cli.part", { part: p.part, name: PARTS[p.part - 1].name[lang], points: p.points, max: p.max })).join(t(lang, "cli.separator")),
  ];
  if (s.unknown.length) lines.push(t(lang, "cli.unknown", { items: s.unknown.join(", ") }));
  if (s.unanswered.length) lines.push(t(lang, "cli.unanswered", { items: s.unanswered.join(", ") }));
  return lines;
}

/** A message as one line: its level, where, and its sentence. */
export function messageLine(m: EngineMessage, lang: Lang): string {
  const where = m.sheet === null ? "" : m.cell === null ? `${m.sheet}: ` : `${m.sheet}!${m.cell}: `;
  return `${t(lang, `cli.level.${m.level}`)} ${where}${renderMessage(m, lang)}`;
}

function regulationLines(r: RegulationsAnalysis, lang: Lang): string[] {
  const out = [
    r.sheet
      ? t(lang, "cli.regulations", { sheet: r.sheet, overview: r.overviewSheet ?? "-" })
      : t(lang, "cli.regulations.overviewOnly", { overview: r.overviewSheet }),
  ];
  const decision = (d: string | null, none: "cli.decision.none" | "cli.recommended.none") =>
    d === null ? t(lang, none) : t(lang, `decision.${d}` as "decision.new");
  for (const c of r.coverage) {
    const review = r.reviews.find((v) => v.no !== null && v.no === c.no);
    const params = {
      no: c.no ?? "-",
      name: c.name,
      present: c.present,
      absent: c.absent,
      unchecked: c.unchecked,
      total: c.total,
      share: c.coverage === null ? "-" : `${Math.round(c.coverage * 100)}%`,
      decision: decision(c.decision, "cli.decision.none"),
      recommended: review ? decision(review.recommended, "cli.recommended.none") : "-",
    };
    out.push(`  ${t(lang, c.listed || !r.sheet ? (r.sheet ? "cli.regulation" : "cli.regulation.overview") : "cli.regulation.notListed", params)}`);
    if (c.issues.length) out.push(`    ${t(lang, "cli.regulation.issues", { count: c.issues.length, sections: c.issues.map((i) => i.section).join("、") })}`);
    if (review?.reasons.length)
      out.push(`    ${t(lang, "cli.regulation.reasons", { reasons: review.reasons.map((x) => renderReason(x, lang)).join(t(lang, "cli.reasonSeparator")) })}`);
  }
  return out;
}

function policyLines(p: PolicyAnalysis, lang: Lang): string[] {
  const out = [t(lang, "cli.policy", { sheet: p.sheet })];
  for (const c of p.checks) {
    const heading = POLICY_ELEMENTS.find((e) => e.id === c.id)!.heading;
    const status = c.status === null ? t(lang, "cli.policy.unset") : POLICY_STATUSES.find((x) => x.id === c.status)!.label[lang];
    out.push(`  ${t(lang, "cli.policy.line", { heading, status, note: c.note ? t(lang, "cli.policy.note", { note: c.note }) : "" })}`);
  }
  return out;
}

/** The report's lines, a blank one between files (a printer makes them safe and joins them; see terminalText.ts). */
export function textReport(results: FileResult[], lang: Lang): string[] {
  const out: string[] = [];
  for (const r of results) {
    out.push(t(lang, "cli.file", { file: r.file }));
    const messages = r.readError ? [r.readError] : [...r.analysis!.messages];
    const a = r.analysis;
    if (a && a.diagnoses.length > 0) {
      const sheets = [...new Set(a.diagnoses.map((d) => d.sheet))].join(", ");
      out.push(`  ${t(lang, "cli.found", { count: a.diagnoses.length, sheets })}`);
      for (const d of a.diagnoses) {
        out.push(`  ${t(lang, "cli.respondent", { name: d.respondent ?? t(lang, "cli.respondent.unnamed"), sheet: d.sheet })}`);
        for (const line of scoreLines(d, lang)) out.push(`    ${line}`);
      }
      if (a.consolidated) {
        out.push(`  ${t(lang, "cli.consolidated", { count: a.diagnoses.length })}`);
        for (const line of scoreLines(a.consolidated, lang)) out.push(`    ${line}`);
        out.push(
          `    ${
            a.consolidated.disagreements.length ? t(lang, "cli.disagreements", { items: a.consolidated.disagreements.join(", ") }) : t(lang, "cli.agreement")
          }`,
        );
      }
    } else if (a) {
      out.push(`  ${t(lang, "cli.none")}`);
    }
    if (a?.regulations) for (const line of regulationLines(a.regulations, lang)) out.push(`  ${line}`);
    if (a?.policy) for (const line of policyLines(a.policy, lang)) out.push(`  ${line}`);
    if (a?.regulations) messages.push(...a.regulations.messages);
    if (messages.length) {
      out.push(`  ${t(lang, "cli.messages", { count: messages.length })}`);
      for (const m of messages) out.push(`    ${messageLine(m, lang)}`);
    }
    out.push("");
  }
  return out.slice(0, -1);
}
