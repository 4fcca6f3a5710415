/**
 * Coverage per regulation from the check sheet: present / absent / unchecked over the deepest
 * items the sheet lists, the items with issue text, and the company's decision from the overview.
 */
import { REGULATIONS } from "./catalog/regulations";
import type { AbsentSection, RegulationCoverage, SectionIssue } from "./checksheet";
import { message, type EngineMessage } from "./messages";
import type { ChecksheetFindings } from "./recognise/checksheet";

export function scoreCoverage(found: ChecksheetFindings): { coverage: RegulationCoverage[]; messages: EngineMessage[]; absentCells: AbsentSection[] } {
  const sections = found.checkSheet?.sections ?? [];
  const decisionOf = (no: number) => found.overview?.entries.find((e) => e.regulation === no)?.decision ?? null;
  const messages: EngineMessage[] = [];

  const tally = (inBlock: (s: (typeof sections)[number]) => boolean) => {
    const deepest = sections.filter((s) => s.deepest && inBlock(s));
    const present = deepest.filter((s) => s.presence === "present").length;
    const absent = deepest.filter((s) => s.presence === "absent").length;
    const issues: SectionIssue[] = deepest.filter((s) => s.issue !== null).map((s) => ({ section: s.name, text: s.issue!, cell: s.issueCell }));
    return { present, absent, unchecked: deepest.length - present - absent, total: deepest.length, issues };
  };
  // A share of nothing checked would read as 0 %: say "not known" instead.
  const share = (present: number, absent: number, total: number) => (present + absent === 0 ? null : present / total);

  const coverage: RegulationCoverage[] = REGULATIONS.map((r) => {
    const listed = found.listed.some((l) => l.regulation === r.no);
    if (found.checkSheet && !listed) {
      messages.push(message("warning", "regulation-not-listed", found.checkSheet.sheet, null, { name: r.name }));
    }
    const c = tally((s) => s.regulation === r.no);
    return { no: r.no, name: r.name, ...c, coverage: share(c.present, c.absent, c.total), decision: decisionOf(r.no), listed };
  });
  // The company's own regulations, after the catalog's, in sheet order.
  const own = [...new Set(found.listed.filter((l) => l.regulation === null).map((l) => l.name))];
  for (const name of own) {
    const c = tally((s) => s.regulation === null && s.regulationName === name);
    coverage.push({ no: null, name, ...c, coverage: share(c.present, c.absent, c.total), decision: null, listed: true });
  }
  // The 有/無 cells of the absent sections that count (the deepest ones), in sheet order.
  const absentCells: AbsentSection[] = sections
    .filter((s) => s.deepest && s.presence === "absent")
    .map((s) => ({ regulation: s.regulation, section: s.name, cell: s.cell }));
  return { coverage, messages, absentCells };
}
