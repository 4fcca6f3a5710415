/** The engine's main entry: a workbook snapshot in, scored diagnoses, checksheet and messages out. */
import type { PolicyAnalysis, Reason, RegulationsAnalysis } from "./checksheet";
import type { Lang, MessageKey } from "./i18n";
import { message, renderResource, type EngineMessage } from "./messages";
import { recogniseDiagnosis } from "./recognise";
import { recogniseChecksheet } from "./recognise/checksheet";
import { recommend } from "./recommend";
import { consolidate, scoreRespondent, type Consolidated, type ScoredRespondent } from "./score";
import { scoreCoverage } from "./scoreRegulations";
import { withoutRange, type WorkbookSnapshot } from "./snapshot";
import { StateDamagedError, companySnapshot, readState } from "./addinState";
import type { LeftOutReason, RespondentName } from "./assessment";
import { applyChoices, mergeChoices, renamedInMessages, type RespondentChoice, type RespondentChoices } from "./respondentChoices";

export interface Analysis {
  diagnoses: ScoredRespondent[];
  /** Respondents found but not counted (not in `consolidated`), and why. */
  leftOut: LeftOutScored[];
  consolidated: Consolidated | null;
  /** Diagnosis and workbook messages; the checksheet's are in `regulations.messages`. */
  messages: EngineMessage[];
  /** null when the workbook holds neither the overview nor the check sheet. */
  regulations: RegulationsAnalysis | null;
  /** null when the workbook holds no basic-policy checklist. */
  policy: PolicyAnalysis | null;
  /**
   * The coach's lasting choices about respondents this analysis honoured: the ones the workbook's
   * add-in state records, with the pending ones given on top (what annotate records again).
   * Absent: none.
   */
  respondentChoices?: RespondentChoice[];
}

/** What the coach decides about respondents for one analysis. */
export interface AnalyseChoices extends Omit<RespondentChoices, "stored"> {
  /** Lasting choices not recorded in the workbook yet (the pane's), over the recorded ones. */
  pending?: readonly RespondentChoice[];
}

/** A respondent left out, scored as if it counted (for the coach's comparison). */
export interface LeftOutScored extends ScoredRespondent {
  reason: LeftOutReason;
  from: RespondentName[];
}

/**
 * The workbook's add-in state records the coach's choices about respondents: they are honoured
 * here, whoever analyses (pane, preview, command line); `choices` adds this run's (and pending) ones.
 */
export function analyseWorkbook(snapshot: WorkbookSnapshot, choices: AnalyseChoices = {}): Analysis {
  // Our own sheets repeat the items and answers: only the company's sheets are analysed.
  const workbook = companySnapshot(snapshot);
  // The check sheet first: its items name many diagnosis topics, and a table read as the check
  // sheet is not also a diagnosis (an empty one, with every item "renumbered"); nor are the
  // overview's regulation names (アクセス制御及び認証, 委託管理) rows of a diagnosis above them.
  const checksheet = recogniseChecksheet(workbook);
  const recognised = recogniseDiagnosis(checksheet.regions.reduce((w, r) => withoutRange(w, r.sheet, r.range), workbook));
  // The coach's choices: who is left out, who is counted after all. A damaged state records
  // nothing usable (annotate and clear refuse it): said here too, since who counts changes every figure.
  const { recorded, damaged } = recordedChoices(snapshot);
  const stored = mergeChoices(recorded, choices.pending ?? []);
  const chosen = applyChoices(recognised.respondents, recognised.leftOut, { exclude: choices.exclude, include: choices.include, stored });
  const renamed = renamedInMessages(recognised.messages, [...chosen.respondents, ...chosen.leftOut]);
  const found = { respondents: chosen.respondents, messages: [...damaged, ...renamed, ...chosen.messages] };
  const diagnoses = found.respondents.map(scoreRespondent);
  const leftOut = chosen.leftOut.map((r) => ({ ...scoreRespondent(r), reason: r.reason, from: r.from }));
  const consolidated = consolidate(found.respondents);

  let regulations: RegulationsAnalysis | null = null;
  if (checksheet.overview || checksheet.checkSheet) {
    const { coverage, messages, absentCells } = scoreCoverage(checksheet);
    regulations = {
      sheet: checksheet.checkSheet?.sheet ?? null,
      overviewSheet: checksheet.overview?.sheet ?? null,
      coverage,
      reviews: recommend(coverage, consolidated ?? diagnoses[0] ?? null),
      messages: [...checksheet.messages, ...messages],
      absentCells,
      decisionCells: (checksheet.overview?.entries ?? []).map((e) => ({ regulation: e.regulation, cell: e.cell })),
    };
  }
  const policy = checksheet.policy && { sheet: checksheet.policy.sheet, checks: checksheet.policy.checks };
  // A policy checklist on its own still has messages to report.
  // A checksheet mentions many diagnosis topics; saying it is "not the diagnosis" is only noise.
  const checksheetSheets = new Set([checksheet.overview?.sheet, checksheet.checkSheet?.sheet, checksheet.policy?.sheet]);
  const diagnosisMessages = found.messages.filter((m) => !(m.code.startsWith("lookalike-") && checksheetSheets.has(m.sheet ?? undefined)));
  const messages = regulations || !checksheet.policy ? diagnosisMessages : [...diagnosisMessages, ...checksheet.messages];
  if (diagnoses.length === 0 && !regulations) messages.push(message("info", "no-checksheet", null, null));
  return { diagnoses, leftOut, consolidated, messages, regulations, policy, respondentChoices: stored };
}

/** True when the workbook held something to analyse: a diagnosis or a part of the checksheet. */
export function foundAnything(a: Analysis): boolean {
  return a.diagnoses.length > 0 || a.regulations !== null;
}

export function renderReason(r: Reason, lang: Lang): string {
  return renderResource(lang, `reason.${r.code}` as MessageKey, r.params);
}

/** The respondent choices the state records, and the warning when the state is damaged (never thrown). */
function recordedChoices(snapshot: WorkbookSnapshot): { recorded: RespondentChoice[]; damaged: EngineMessage[] } {
  try {
    return { recorded: readState(snapshot)?.respondents ?? [], damaged: [] };
  } catch (e) {
    if (!(e instanceof StateDamagedError)) throw e;
    return { recorded: [], damaged: [message("warning", "respondent-choices-damaged", e.sheet, null, { detail: e.detail })] };
  }
}
