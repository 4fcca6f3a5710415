/**
 * The deliverable written back into the company's workbook, as one declarative Plan that a host
 * applies in one batch:
 * - the owner's one-page summary (経営者向けまとめ), the summary (自社診断結果のまとめ), the
 *   priority areas (重点改善領域) and, when the workbook holds the regulation checksheet, the
 *   regulation status (規程整備状況一覧), first in the workbook in that order, each with its marker;
 * - fills on the company's own sheets: the answer cells of the focus and next items, the 有/無
 *   cells of the absent sections;
 * - the state: our sheets and the default ratings written now.
 *
 * Safe to run again: the previous run's fills are put back (where the cells are now, see
 * core/restore.ts) and its sheets deleted first, and the expert's ratings and notes on our
 * previous priority sheet carry over (core/report/edits.ts). Only the sheets the state names are
 * ours: a copy of one of them (Excel's Move or Copy carries the marker) is left and reported.
 *
 * A text from the workbook or the expert that would not fit in a cell (32,767 characters) is cut
 * with a visible mark and reported with the cell it came from.
 *
 * Analyse the workbook without our own sheets (companySnapshot): they repeat the 25 items and
 * their answers and would otherwise be read as one more diagnosis.
 */
import type { Analysis } from "../analyse";
import { STATE_SHEET, StateDamagedError, copiedSheets, copyMessages, findAddinSheets, freeSheetName, markedSheets, readState } from "../addinState";
import type { CellAddress } from "../address";
import type { ItemNo } from "../catalog/diagnosis";
import { formatCount, t, type Lang } from "../i18n";
import { message, resourceParam, type EngineMessage } from "../messages";
import { MAX_CELL_TEXT, STATE_VERSION, type AddinSheetKind, type Highlight, type Plan, type SheetPlan, type StateData } from "../plan";
import { planRestores } from "../restore";
import { NO_EDITS, RATING_KEYS, prioritise, type ItemRatings, type PriorityEdits, type PriorityItem } from "../prioritise";
import { cellAt, type WorkbookSnapshot } from "../snapshot";
import { mainDiagnosis } from "./common";
import { readPriorityEdits } from "./edits";
import { highlightsFor } from "./highlights";
import { prioritySheet } from "./prioritySheet";
import { regulationSheet } from "./regulationSheet";
import type { CutText, TextSource } from "./sheet";
import { summarySheet } from "./summarySheet";
import { ownerSheet, type HeadlineMeasure, type OwnerSummaryInput, type PreviousResult } from "./ownerSheet";
import { formSheets, ownerRecord, readOwnerSheet, resolveCompany, resolvePublished, type OwnerEntries, type ResolvedCompany } from "./ownerEntries";
import { regulationsToDo } from "./headline";
import { securityActionReadiness, type SecurityActionReadiness } from "../securityAction";
import { buildActionPlan, localToday, validPlanState, NO_PLAN_EDITS, type ActionPlan, type PlanPending } from "../actionPlan";
import { actionPlanSheet, readActionPlanSheet } from "./actionPlanSheet";
import { progressSheet } from "./progressSheet";
import type { RecordedVisit } from "../visitRecord";
import { currentAgainst } from "../compare";
import { defaultVisitLabel, recordVisit, scoreRecorded, recordFromAnalysis, type RecordOutcome } from "../visits";
import type { RespondentChoice } from "../respondentChoices";

export { parseRating, readPriorityEdits } from "./edits";
export { HIGHLIGHT_COLORS, highlightsFor } from "./highlights";
export { PRIORITY_COLS, priorityLayout, type PriorityLayout } from "./prioritySheet";
export { REGULATION_COLS, type RegulationLayout } from "./regulationSheet";
export { BAR_CELLS, HIGH_SCORE_FROM, bar, type SummaryLayout } from "./summarySheet";
export { REPORT_COLORS } from "./sheet";
export { OWNER_BAR_CELLS, barCells, type HeadlineMeasure, type OwnerLayout, type OwnerSummaryInput, type PreviousResult } from "./ownerSheet";
export { workbookOwnerEntries, type OwnerEntries, type ResolvedCompany } from "./ownerEntries";

/** The sheet names we want, in the order they are placed (positions 0, 1, …): the owner's page prints first. */
export const REPORT_SHEETS: readonly {
  kind: AddinSheetKind;
  key:
    | "report.owner.sheetName"
    | "report.summary.sheetName"
    | "report.progress.sheetName"
    | "report.priorities.sheetName"
    | "report.plan.sheetName"
    | "report.regulations.sheetName";
}[] = [
  { kind: "owner", key: "report.owner.sheetName" },
  { kind: "summary", key: "report.summary.sheetName" },
  // Only when a visit is recorded (issue #14).
  { kind: "progress", key: "report.progress.sheetName" },
  { kind: "priorities", key: "report.priorities.sheetName" },
  { kind: "actionPlan", key: "report.plan.sheetName" },
  { kind: "regulations", key: "report.regulations.sheetName" },
];

export interface AnnotateResult {
  plan: Plan;
  messages: EngineMessage[];
  /** The priority list the sheet shows, in rank order (with the expert's edits). */
  priorities: PriorityItem[];
  /** What the owner's summary shows of the company's name and SECURITY ACTION. */
  owner: { company: ResolvedCompany; securityAction: SecurityActionReadiness; summary: OwnerSummaryInput };
  /** The action plan the plan sheet shows (with what was typed on it and the pane's changes). */
  actionPlan: ActionPlan;
  /** The recorded visits after this run, and what recording did when it was asked for. */
  visits: VisitsView;
}

/** The recorded visits as the progress sheet and the pane show them. */
export interface VisitsView {
  /** Oldest first, as the state will hold them. */
  list: RecordedVisit[];
  /** What recording did (null when not asked to record). */
  recorded: RecordOutcome["outcome"] | "refused" | "no-diagnosis" | null;
  /** The label the next recording gets by default. */
  nextLabel: string;
  /** The diagnosis now differs from the last recorded visit (or none is recorded and there is a diagnosis). */
  currentDiffers: boolean;
}

/** Edits not in the workbook yet: the priority sheet's (ratings, notes) and the owner sheet's entries. */
export interface PendingEdits extends PriorityEdits {
  owner?: OwnerEntries;
  /** The coach's choices about respondents made in the pane (analyseWorkbook's `pending`; annotate records them). */
  respondents?: RespondentChoice[];
}

/** What the caller knows that the workbook does not say. */
export interface AnnotateOptions {
  /** Today, ISO (2025-01-15): the owner's summary's date and the action plan's when none is set. The local date when absent. */
  today?: string;
  /** The action plan's changes made in the pane and not yet in the sheet. */
  pending?: PlanPending;
  /**
   * The result the owner's summary compares with; by default the first recorded visit, once the
   * diagnosis is no longer that visit itself (issue #14).
   */
  previous?: PreviousResult;
  /**
   * Record the diagnosis as it is now as a visit (annotate --record-visit, the pane's button):
   * under `label`, or the next default label (第n回) when null. See core/visits.ts for the rules.
   */
  recordVisit?: { label: string | null };
}

export { companySnapshot } from "../addinState";

/**
 * @param pending edits made elsewhere (the task pane) that are not in the workbook yet: they
 *   override what the previous priority sheet holds. A rating equal to today's default clears
 *   the sheet's edit; an empty note clears the sheet's note.
 */
export function annotatePlan(
  snapshot: WorkbookSnapshot,
  analysis: Analysis,
  lang: Lang = "ja",
  pending: PendingEdits = NO_EDITS,
  options: AnnotateOptions = {},
): AnnotateResult {
  const messages: EngineMessage[] = [];

  // 0. What the last run left: its state (fills to put back, defaults written) and its sheets.
  let state: StateData | null = null;
  let damaged = false;
  try {
    state = readState(snapshot);
  } catch (e) {
    if (!(e instanceof StateDamagedError)) throw e;
    // Reported; a host then refuses to replace the state (nothing could be undone).
    messages.push(e.toMessage());
    damaged = true;
  }
  let own = findAddinSheets(snapshot, state);
  // What was typed on our previous action plan sheet; one whose header is gone is left as it is
  // (then the company's), so that nothing typed on it is lost, and said.
  const previousPlan = own.find((s) => s.kind === "actionPlan");
  let planRead = null;
  if (previousPlan) {
    const read = readActionPlanSheet(
      snapshot.sheets.find((s) => s.name === previousPlan.name)!,
      lang,
    );
    messages.push(...read.messages);
    planRead = read.read;
    if (!planRead) own = own.filter((s) => s !== previousPlan);
  }
  const ownNames = new Set(own.map((s) => s.name));
  // Without a readable state no sheet is known to be ours; saying "copy" of each would mislead.
  if (!damaged) messages.push(...copyMessages(copiedSheets(snapshot, state)));
  // Our sheets (and copies of them) repeat the items and answers: read as the company's, they would be scored again.
  const markedNames = new Set(markedSheets(snapshot).map((s) => s.name));
  const misread = [...analysis.diagnoses.map((d) => d.sheet), analysis.regulations?.sheet, analysis.regulations?.overviewSheet, analysis.policy?.sheet];
  const ours = misread.find((n) => n && (markedNames.has(n) || n === STATE_SHEET));
  if (ours) throw new Error(`annotatePlan: the analysis read the add-in's own sheet "${ours}"; analyse companySnapshot(snapshot) instead`);

  // The expert's edits on our previous priority sheet (the one the state names).
  const previous = own.find((s) => s.kind === "priorities");
  const diagnosis = mainDiagnosis(analysis);
  let edits = NO_EDITS;
  const noteSources = new Map<ItemNo, TextSource>();
  if (previous) {
    const defaults = new Map<ItemNo, ItemRatings>(prioritise(diagnosis).map((p) => [p.no, p.defaults]));
    const sheet = snapshot.sheets.find((s) => s.name === previous.name)!;
    const read = readPriorityEdits(sheet, state?.ratingDefaults ?? null, defaults, lang);
    edits = read.edits;
    messages.push(...read.messages);
    for (const [no, cell] of read.noteCells) if (pending.notes[no] === undefined) noteSources.set(no, { sheet: sheet.name, cell });
  }
  const items = prioritise(diagnosis, mergeEdits(edits, pending));

  // Our names, unless a company sheet already has one (our old sheets are deleted first).
  const taken = snapshot.sheets.map((s) => s.name).filter((n) => !ownNames.has(n));
  const kinds = REPORT_SHEETS.filter((s) => s.kind !== "regulations" || analysis.regulations !== null);
  const name: Partial<Record<AddinSheetKind, string>> = {};
  // The progress sheet's name is taken once the visits are known (below).
  for (const s of kinds.filter((k) => k.kind !== "progress")) {
    name[s.kind] = freeSheetName(taken, t(lang, s.key));
    taken.push(name[s.kind]!);
  }

  // The owner sheet's entries (company, where the policy is published), read back or given now.
  const previousOwner = own.find((s) => s.kind === "owner");
  const ownerSheetNow = previousOwner ? snapshot.sheets.find((s) => s.name === previousOwner.name) : undefined;
  const entries = ownerSheetNow ? readOwnerSheet(ownerSheetNow) : null;
  const company = resolveCompany(pending.owner?.company, entries, ownerRecord(state), snapshot, formSheets(analysis));
  const securityAction = securityActionReadiness(analysis, resolvePublished(pending.owner?.published, entries));
  const today = options.today ?? localToday();

  // The working sheets' titles name the company when its name is known, else the file.
  const workbook = company.name ?? snapshot.name;
  const cuts: CutText[] = [];
  const visits = visitsNow(state?.visits ?? [], analysis, today, lang, options.recordVisit ?? null, messages);
  if (visits.list.length > 0) name.progress = freeSheetName(taken, t(lang, "report.progress.sheetName"));
  const shown = kinds.filter((k) => k.kind !== "progress" || visits.list.length > 0);
  const built = buildActionPlan(
    items,
    analysis.regulations?.reviews ?? [],
    lang,
    today,
    planRead,
    validPlanState(state?.actionPlan),
    options.pending ?? NO_PLAN_EDITS,
  );
  const position = (kind: AddinSheetKind) => shown.findIndex((k) => k.kind === kind);
  const ownerSummary: OwnerSummaryInput = {
    company: company.name,
    today,
    // The plan's headline: the measures marked for the next six months, with owner and due date.
    headline: headlineOf(built.plan),
    previous: options.previous ?? previousVisit(visits.list, visits.currentDiffers),
    checkpoint: nextCheckpoint(built.plan),
    regulations: regulationsToDo(analysis),
    securityAction,
  };
  const sheets: SheetPlan[] = [
    ownerSheet(analysis, ownerSummary, name.owner!, position("owner"), lang, cuts).sheet,
    summarySheet(analysis, { self: name.summary!, company: company.name, priorities: name.priorities! }, position("summary"), lang, cuts).sheet,
    ...(visits.list.length > 0
      ? [progressSheet({ visits: visits.list, workbook, currentDiffers: visits.currentDiffers }, name.progress!, position("progress"), lang, cuts).sheet]
      : []),
    prioritySheet(analysis, items, { self: name.priorities!, workbook }, position("priorities"), lang, cuts, noteSources),
    actionPlanSheet(built.plan, { self: name.actionPlan!, workbook }, position("actionPlan"), lang, cuts),
  ];
  if (analysis.regulations) {
    sheets.push(
      regulationSheet({ ...analysis, regulations: analysis.regulations }, { self: name.regulations!, workbook }, position("regulations"), lang, cuts).sheet,
    );
  }
  messages.push(...cuts.map(cutMessage));

  const restores = planRestores(snapshot, state);
  messages.push(...restores.messages);
  const plan: Plan = {
    restoreFills: restores.restoreFills,
    unrestored: restores.unrestored,
    deleteSheets: own.map((s) => s.name),
    sheets,
    highlights: withValues(highlightsFor(analysis, items), snapshot),
    state: {
      write: {
        version: STATE_VERSION,
        sheets: sheets.map((s) => ({ name: s.name, kind: s.marker! })),
        highlights: [],
        ratingDefaults: Object.fromEntries(items.map((p) => [String(p.no), { ...p.defaults }])),
        owner: { company: company.name, entered: company.source === "entered" },
        actionPlan: built.state,
        // Written only once a visit is recorded: a state without visits stays as it was.
        ...(visits.list.length > 0 ? { visits: visits.list } : {}),
        // The coach's choices about respondents, kept until cleared (an analysis made without
        // them, from the company's sheets alone, leaves the recorded ones as they are).
        ...respondentsRecord(analysis.respondentChoices ?? state?.respondents),
        // The company cells written from the pane stay recorded until clear gives them back.
        ...(state?.companyCells?.length ? { companyCells: state.companyCells } : {}),
      },
    },
  };
  return { plan, messages, priorities: items, owner: { company, securityAction, summary: ownerSummary }, actionPlan: built.plan, visits };
}

/** The visits after this run: those recorded before, and the diagnosis now when asked to record it. */
function visitsNow(
  before: RecordedVisit[],
  analysis: Analysis,
  today: string,
  lang: Lang,
  record: { label: string | null } | null,
  messages: EngineMessage[],
): VisitsView {
  const now = recordFromAnalysis(analysis, "", today, lang);
  let list = before;
  let recorded: VisitsView["recorded"] = null;
  if (record) {
    if (now === null) {
      recorded = "no-diagnosis";
      messages.push(message("warning", "visit-no-diagnosis", null, null));
    } else {
      const r = recordVisit(before, now, record.label, lang);
      list = r.visits;
      recorded = r.outcome;
      messages.push(...r.messages);
    }
  }
  const lastVisit = list[list.length - 1];
  // As the comparison counts it (compare.ts): a blank diagnosis is no visit.
  const currentDiffers = now !== null && currentAgainst(now.counted, lastVisit?.counted ?? null) === "added";
  return { list, recorded, nextLabel: defaultVisitLabel(list, lang), currentDiffers };
}

/**
 * What the owner's summary compares with: the first recorded visit, from the second diagnosis on
 * (a later visit is recorded, or the company has re-answered since the first); null before.
 */
function previousVisit(visits: readonly RecordedVisit[], currentDiffers: boolean): PreviousResult | null {
  const first = visits[0];
  if (!first || (visits.length === 1 && !currentDiffers)) return null;
  return { date: first.date, total: scoreRecorded(first).total, label: first.label, counted: first.counted };
}

function respondentsRecord(choices: RespondentChoice[] | undefined): Pick<StateData, "respondents"> {
  return choices?.length ? { respondents: choices } : {};
}

/** IPA's guideline suggests checking the measures every three months. */
export const CHECKPOINT_MONTHS = 3;

/** The owner's headline: the plan's measures marked for the next six months, as the plan sheet shows them. */
export function headlineOf(plan: ActionPlan): HeadlineMeasure[] {
  return plan.measures
    .filter((m) => m.headline)
    .map((m) => ({ title: m.text, owner: m.ownerText.trim() === "" ? null : m.ownerText, due: typeof m.due === "string" ? m.due : null }));
}

/** The next checkpoint: the earliest one set on a headline measure, else three months after the plan's date. */
export function nextCheckpoint(plan: ActionPlan): string {
  const set = plan.measures.flatMap((m) => (m.headline && typeof m.checkpoint === "string" ? [m.checkpoint] : [])).sort();
  return set[0] ?? addMonths(plan.date, CHECKPOINT_MONTHS);
}

/** An ISO date some months later, kept within the month (2025-11-30 + 3 → 2026-02-28). */
export function addMonths(iso: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  const total = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoDate(year, month, Math.min(Number(m[3]), days));
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The sheet's edits with the pending ones on top (see annotatePlan); the owner entries are resolved apart. */
export function mergeEdits(sheet: PriorityEdits, pending: PriorityEdits): PriorityEdits {
  const ratings: PriorityEdits["ratings"] = {};
  for (const [no, r] of Object.entries(sheet.ratings)) ratings[Number(no)] = { ...r };
  for (const [no, r] of Object.entries(pending.ratings)) {
    const merged = { ...ratings[Number(no)], ...r };
    for (const k of RATING_KEYS) if (merged[k] === undefined) delete merged[k];
    ratings[Number(no)] = merged;
  }
  const notes: PriorityEdits["notes"] = { ...sheet.notes };
  for (const [no, note] of Object.entries(pending.notes)) {
    if (note === undefined || note.trim() === "") delete notes[Number(no)];
    else notes[Number(no)] = note;
  }
  return { ratings, notes };
}

/** The message for a text cut at Excel's limit: at the cell it came from when known, else at ours. */
function cutMessage(c: CutText): EngineMessage {
  const from = c.sources.find((s) => s.cell !== null) ?? c.sources[0];
  const where = from ? { sheet: from.sheet, cell: from.cell } : { sheet: c.sheet, cell: c.cell as CellAddress | null };
  return message("warning", "text-truncated", where.sheet, where.cell, {
    target: `${c.sheet}!${c.cell}`,
    limit: formatCount(MAX_CELL_TEXT),
    mark: resourceParam("report.truncated"),
  });
}

/** Each highlight with its cells' values now: the state records them, to find the cells again. */
function withValues(highlights: Highlight[], snapshot: WorkbookSnapshot): Highlight[] {
  return highlights.map((h) => {
    const sheet = snapshot.sheets.find((s) => s.name === h.sheet);
    const values = [];
    for (let r = h.range.top; r <= h.range.bottom; r++) {
      const row = [];
      for (let c = h.range.left; c <= h.range.right; c++) row.push(sheet ? cellAt(sheet, r, c) : null);
      values.push(row);
    }
    return { ...h, values };
  });
}
