/**
 * The pane's workflow over the engine, the same for both hosts: what one look at the workbook
 * shows (examine), and the plans of the pane's actions (write the deliverable sheets with the
 * pending edits, clear them, insert a blank diagnosis and checksheet). Pure: snapshots in, plans
 * and view data out.
 */
import { STATE_SHEET, StateDamagedError, companySnapshot, findAddinSheets, freeSheetName, readState, stateOrNull } from "../core/addinState";
import { analyseWorkbook, foundAnything, type Analysis } from "../core/analyse";
import { clearPlan, discardStatePlan } from "../core/clearPlan";
import type { Lang } from "../core/i18n";
import { message, type EngineMessage } from "../core/messages";
import { PlanRefusedError, STATE_VERSION, type AddinSheetKind, type CompanyCellWrite, type Plan, type RecordedCompanyCell, type StateData } from "../core/plan";
import { decisionWrite, recordCompanyCells, withCompanyCells } from "../core/companyCells";
import type { DecisionId, RegulationNo } from "../core/catalog/regulations";
import { NO_EDITS, prioritise, type PriorityEdits, type PriorityItem, type RatingKey } from "../core/prioritise";
import { mainDiagnosis } from "../core/report/common";
import { annotatePlan, priorityLayout, type AnnotateResult, type PendingEdits, type VisitsView } from "../core/report";
import { cellAt, type WorkbookSnapshot } from "../core/snapshot";
import { cellEdits, sheetsByKind, type EditBasis, type PaneEdit, type TargetedEdit } from "../core/report/cellEdits";
import { workbookTemplatePlan } from "../core/template/workbookTemplate";
import { defaultVisitLabel } from "../core/visits";
import type { Rating } from "../core/catalog/itemGuidance";
import { ITEM_COUNT, type ItemNo } from "../core/catalog/diagnosis";
import type { ChosenKind, LeftOutReason, RespondentName } from "../core/assessment";
import { respondentKind, type RespondentKind } from "../core/report/respondentKinds";
import { choiceKey, foundName, withChoice, type RespondentChoice } from "../core/respondentChoices";
import { shownBand, type ScoredRespondent } from "../core/score";
import {
  NO_PLAN_EDITS,
  buildActionPlan,
  localToday,
  mergeMeasureEdits,
  type ActionPlan,
  type MeasureEdits,
  type MeasureId,
  type PlanPending,
} from "../core/actionPlan";

export interface Examined {
  workbook: string;
  analysis: Analysis;
  found: boolean;
  /** The priority list as the sheet would show it now: the sheet's edits and the pending ones. */
  priorities: PriorityItem[];
  /** Every message: the diagnosis's, the checksheet's, and the reading of the sheet's edits. */
  messages: EngineMessage[];
  /** The add-in's sheets in the workbook now. */
  ours: { name: string; kind: AddinSheetKind }[];
  /** Our priority sheet (where edits live), or null before the sheets are written. */
  prioritySheet: string | null;
  /** The action plan as its sheet would show it now (what was typed there and the pending changes). */
  actionPlan: ActionPlan;
  /** Our action plan sheet (where the plan's edits live), or null before it is written. */
  planSheet: string | null;
  /** The add-in's record is damaged: nothing can be undone or rewritten until it is discarded. */
  damagedRecord: boolean;
  /** The company's name and SECURITY ACTION readiness, as the owner's summary shows them. */
  owner: AnnotateResult["owner"];
  /** The recorded visits (issue #14), the next default label, and whether the answers now are recorded. */
  visits: VisitsView;
  /** The item numbers top to bottom on our priority sheet (empty when not known): where an edit's cells are. */
  priorityRows: ItemNo[];
  /** The company cells the add-in wrote (decisions set in the pane), as its record holds them: clear gives them back. */
  companyCells: RecordedCompanyCell[];
}

function allMessages(a: Analysis, extra: EngineMessage[]): EngineMessage[] {
  return [...a.messages, ...(a.regulations?.messages ?? []), ...extra];
}

/** The view of one annotate run: its analysis and priority list, with our sheets as they are (or will be). */
function view(snapshot: WorkbookSnapshot, analysis: Analysis, annotated: AnnotateResult, ours: Examined["ours"], priorityRows: ItemNo[]): Examined {
  const messages = allMessages(analysis, annotated.messages);
  return {
    workbook: snapshot.name,
    analysis,
    // Every respondent left out by the coach is still a diagnosis found (the list brings them back).
    found: foundAnything(analysis) || analysis.leftOut.some((l) => l.reason === "excluded"),
    priorities: annotated.priorities,
    messages,
    ours,
    prioritySheet: ours.find((s) => s.kind === "priorities")?.name ?? null,
    actionPlan: annotated.actionPlan,
    planSheet: ours.find((s) => s.kind === "actionPlan")?.name ?? null,
    damagedRecord: messages.some((m) => m.code === "invalid-addin-state"),
    owner: annotated.owner,
    visits: annotated.visits,
    priorityRows,
    // None when there is no record or it is damaged (the messages say so).
    companyCells: stateOrNull(snapshot)?.companyCells ?? [],
  };
}

/** The item numbers in the rows of our priority sheet as the workbook holds it (empty when they are not the 25 items at their places). */
function priorityRowsOf(snapshot: WorkbookSnapshot, ours: Examined["ours"]): ItemNo[] {
  const name = ours.find((s) => s.kind === "priorities")?.name;
  const sheet = name ? snapshot.sheets.find((s) => s.name === name) : undefined;
  if (!sheet) return [];
  const L = priorityLayout();
  const rows = Array.from({ length: ITEM_COUNT }, (_, i) => cellAt(sheet, L.firstRow + i, L.columns.no));
  const nos = rows.filter((v): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= ITEM_COUNT);
  return nos.length === ITEM_COUNT && new Set(nos).size === ITEM_COUNT ? nos : [];
}

/** Today in the pane's time zone, ISO: the owner's summary's date. */
function today(): string {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
}

export function examine(snapshot: WorkbookSnapshot, lang: Lang, pending: PendingEdits = NO_EDITS, plan: PlanPending = NO_PLAN_EDITS): Examined {
  const analysis = analyseWorkbook(snapshot, { pending: pending.respondents });
  const ours = findAddinSheets(snapshot);
  return view(snapshot, analysis, annotatePlan(snapshot, analysis, lang, pending, { today: today(), pending: plan }), ours, priorityRowsOf(snapshot, ours));
}

/**
 * Writes (or rewrites) the deliverable sheets with the pending edits; the view after writing,
 * and what writing has to tell (cells not found again, copies of our sheets left, texts cut).
 */
export function writeSheets(
  snapshot: WorkbookSnapshot,
  lang: Lang,
  pending: PendingEdits,
  plan: PlanPending = NO_PLAN_EDITS,
  /** Record the diagnosis now as a visit (the pane's button; label null: the next default). */
  record?: { label: string | null },
): { plan: Plan | null; result: Examined; messages: EngineMessage[] } {
  const analysis = analyseWorkbook(snapshot, { pending: pending.respondents });
  const annotated = annotatePlan(snapshot, analysis, lang, pending, { today: today(), pending: plan, recordVisit: record });
  // Asked to record and it could not be (a label that cannot be used, no diagnosis): nothing is written.
  if (annotated.visits.recorded === "refused" || annotated.visits.recorded === "no-diagnosis") {
    const ours = findAddinSheets(snapshot);
    return {
      plan: null,
      result: view(snapshot, analysis, annotated, ours, priorityRowsOf(snapshot, ours)),
      messages: annotated.messages.filter((m) => m.code.startsWith("visit-")),
    };
  }
  const ours = annotated.plan.sheets.filter((s) => s.marker).map((s) => ({ name: s.name, kind: s.marker! }));
  // Written in rank order.
  return {
    plan: annotated.plan,
    result: view(
      snapshot,
      analysis,
      annotated,
      ours,
      annotated.priorities.map((p) => p.no),
    ),
    messages: annotated.messages,
  };
}

/**
 * Removes the add-in's sheets, highlights and state; the view after clearing. A damaged state
 * throws PlanRefusedError (the pane shows why and what to do).
 */
export function clearSheets(snapshot: WorkbookSnapshot, lang: Lang): { plan: Plan | null; result: Examined; messages: EngineMessage[] } {
  const nothing = findAddinSheets(snapshot).length === 0 && !snapshot.sheets.some((s) => s.name === STATE_SHEET);
  const cleared = nothing ? null : clearPlan(snapshot);
  // The view of the workbook as clearing leaves it, examined once: the company's sheets with the
  // decisions given back, without our sheets (the ratings and notes lived there) and without the
  // record (the coach's choices about respondents and the recorded visits go with it).
  const after = examine(companySnapshot(withCompanyCells(snapshot, cleared?.plan.companyCells ?? [])), lang);
  if (!cleared) return { plan: null, result: after, messages: [] };
  return { plan: cleared.plan, result: after, messages: cleared.messages };
}

/**
 * Removes a damaged record alone (the way out when nothing else can be done: the record is very
 * hidden, so the expert cannot delete it in Excel). Our marked sheets and the colours stay, and
 * are then the company's; the message names the sheets to delete by hand. An intact record is
 * refused (PlanRefusedError): clear undoes it properly.
 */
export function discardRecord(snapshot: WorkbookSnapshot, lang: Lang): { plan: Plan | null; result: Examined; messages: EngineMessage[] } {
  const discarded = discardStatePlan(snapshot);
  const before = examine(snapshot, lang);
  const after = reprioritised(
    {
      ...before,
      ours: [],
      prioritySheet: null,
      planSheet: null,
      priorityRows: [],
      damagedRecord: false,
      visits: noVisits(before, lang),
      messages: before.messages.filter((m) => m.code !== "invalid-addin-state"),
    },
    NO_EDITS,
    NO_PLAN_EDITS,
    lang,
  );
  return { plan: discarded.plan.state ? discarded.plan : null, result: after, messages: discarded.messages };
}

/** The visits once the record is gone (clear, or a damaged record discarded). */
function noVisits(e: Examined, lang: Lang): VisitsView {
  return { list: [], recorded: null, nextLabel: defaultVisitLabel([], lang), currentDiffers: mainDiagnosis(e.analysis) !== null };
}

/**
 * A blank diagnosis and checksheet added after the company's sheets. The template's sheets refer
 * to each other by name, so a name the workbook already uses is not changed: the insert is
 * refused with the clashing names (result.clashes), and nothing is written.
 */
export function insertTemplate(snapshot: WorkbookSnapshot, lang: Lang): { plan: Plan | null; result: { added: string[]; clashes: string[] } } {
  const plan = workbookTemplatePlan(lang);
  const taken = snapshot.sheets.map((s) => s.name);
  const clashes = plan.sheets.map((s) => s.name).filter((n) => freeSheetName(taken, n) !== n);
  if (clashes.length) return { plan: null, result: { added: [], clashes } };
  return { plan, result: { added: plan.sheets.map((s) => s.name), clashes: [] } };
}

/**
 * Sets the company's decision 「今回の見直し」 of regulation `no` (null empties it) in its cell on
 * the checksheet's overview: the one company cell the add-in writes (core/companyCells.ts). The
 * cell's value before is recorded in the add-in's state, so that clear gives it back. When our
 * sheets are in the workbook they are written again from the workbook as it will be (the
 * regulation sheet shows the new decision); else only the cell and the record are written.
 * Refused (PlanRefusedError) when there is no such cell, it holds a formula, or the record is damaged.
 */
export function writeDecision(
  snapshot: WorkbookSnapshot,
  lang: Lang,
  no: RegulationNo,
  decision: DecisionId | null,
  pending: PendingEdits = NO_EDITS,
  planPending: PlanPending = NO_PLAN_EDITS,
): { plan: Plan | null; result: { examined: Examined; write: CompanyCellWrite }; messages: EngineMessage[] } {
  let state: StateData | null;
  try {
    state = readState(snapshot);
  } catch (e) {
    if (e instanceof StateDamagedError) throw new PlanRefusedError([e.toMessage()]);
    throw e;
  }
  const write = decisionWrite(snapshot, analyseWorkbook(snapshot), no, decision);
  const after = withCompanyCells(snapshot, [write]);
  const companyCells = recordCompanyCells(state?.companyCells, snapshot, [write]);
  if (findAddinSheets(snapshot, state).length > 0) {
    const out = writeSheets(after, lang, pending, planPending);
    const plan = out.plan!;
    const written = typeof plan.state === "object" && plan.state !== null ? plan.state.write : null;
    return {
      plan: { ...plan, companyCells: [write], state: { write: { ...written!, companyCells } } },
      result: { examined: { ...out.result, companyCells }, write },
      messages: out.messages,
    };
  }
  const record: StateData = { ...(state ?? { sheets: [], highlights: [], ratingDefaults: {} }), version: STATE_VERSION, companyCells };
  return {
    plan: { sheets: [], companyCells: [write], state: { write: record }, ...(state ? { expectsState: true } : {}) },
    result: { examined: { ...examine(after, lang, pending, planPending), companyCells }, write },
    messages: [],
  };
}

/** The row of an item on our priority sheet (rows follow the rank), as an A1 address of its No cell. */
export function priorityRowCell(item: PriorityItem): string {
  const layout = priorityLayout();
  return `A${layout.firstRow + item.rank}`;
}

/** The owner sheet's entries typed in the pane (an empty text clears one). */
export function withOwnerEntry(p: PendingEdits, key: "company" | "published", value: string): PendingEdits {
  return { ...p, owner: { ...p.owner, [key]: value } };
}

/** One respondent as the pane lists it: counted or not (and why), its names, and the coach's choice. */
export interface RespondentRow {
  sheet: string;
  /** The name shown now (the coach's, else the one found); null: a sheet's only unnamed respondent. */
  name: RespondentName | null;
  /** The name it was found under (the key of its choice, with the sheet). */
  found: RespondentName | null;
  counted: boolean;
  /** Why it is not counted; null when counted. */
  reason: LeftOutReason | null;
  /** For "derived": whom it repeats. */
  from: RespondentName[];
  total: number;
  /** False when some item is unanswered: the total is provisional. */
  complete: boolean;
  /** Nothing is answered: no total to show. */
  blank: boolean;
  /** The coach's recorded (or pending) choice; one that says nothing when none. */
  choice: RespondentChoice;
  /** What its name (as found) tells, for the kind's default. */
  guess: RespondentKind;
}

/** Every respondent found, counted ones first (their order), then those left out. */
export function respondentRows(e: Examined): RespondentRow[] {
  const choices = new Map((e.analysis.respondentChoices ?? []).map((c) => [choiceKey(c.sheet, c.found), c]));
  const row = (d: ScoredRespondent, reason: LeftOutReason | null, from: RespondentName[]): RespondentRow => {
    const found = foundName(d);
    return {
      sheet: d.sheet,
      name: d.respondent,
      found,
      counted: reason === null,
      reason,
      from,
      total: d.total,
      complete: d.complete,
      blank: shownBand(d) === null,
      choice: choices.get(choiceKey(d.sheet, found)) ?? { sheet: d.sheet, found },
      guess: respondentKind(found),
    };
  };
  return [...e.analysis.diagnoses.map((d) => row(d, null, [])), ...e.analysis.leftOut.map((d) => row(d, d.reason, d.from))];
}

/**
 * The coach's choice for a respondent changed in the pane: counted or not, a new name (empty or
 * the found name: none), a kind (null: none).
 */
export function withRespondentChoice(p: PendingEdits, r: RespondentRow, change: { counted?: boolean; name?: string; kind?: ChosenKind | null }): PendingEdits {
  // On top of a change still pending for it, else of what is recorded.
  const key = choiceKey(r.sheet, r.found);
  const c: RespondentChoice = { ...((p.respondents ?? []).find((x) => choiceKey(x.sheet, x.found) === key) ?? r.choice) };
  // Said once, kept: the coach's word stands even if the recogniser would later decide otherwise.
  if (change.counted !== undefined) c.counted = change.counted;
  if (change.name !== undefined) {
    const name = change.name.trim();
    if (name === "" || (typeof r.found === "string" && name === r.found)) delete c.name;
    else c.name = name;
  }
  if (change.kind !== undefined) {
    if (change.kind === null) delete c.kind;
    else c.kind = change.kind;
  }
  return { ...p, respondents: withChoice(p.respondents ?? [], c) };
}

/** Pending edits: what the expert changed in the pane and the workbook does not hold yet. */
export function withRating<P extends PriorityEdits>(p: P, no: ItemNo, key: RatingKey, rating: Rating): P {
  return { ...p, ratings: { ...p.ratings, [no]: { ...p.ratings[no], [key]: rating } } };
}

export function withNote<P extends PriorityEdits>(p: P, no: ItemNo, note: string): P {
  return { ...p, notes: { ...p.notes, [no]: note } };
}

/** The view with the pending edits applied, before any priority sheet exists (so no other edits). */
export function reprioritised(e: Examined, pending: PriorityEdits, plan: PlanPending = NO_PLAN_EDITS, lang: Lang = "ja"): Examined {
  const priorities = prioritise(mainDiagnosis(e.analysis), pending);
  const actionPlan = buildActionPlan(
    priorities,
    e.analysis.regulations?.reviews ?? [],
    lang,
    plan.date ?? e.actionPlan.date ?? localToday(),
    null,
    null,
    plan,
  ).plan;
  return { ...e, priorities, actionPlan };
}

/** Pending plan changes: fields set on a measure (null clears one). */
export function withMeasureEdit(p: PlanPending, id: MeasureId, edits: MeasureEdits): PlanPending {
  return { ...p, measures: { ...p.measures, [id]: mergeMeasureEdits(p.measures[id] ?? {}, edits) } };
}

/** The pane's edit adding a measure to the plan: an item or regulation by its id, or the expert's own words (a new id). */
export function addEdit(id: MeasureId | null, text?: string): Extract<PaneEdit, { kind: "add" }> {
  return id === null ? { kind: "add", id: `own:p${Date.now().toString(36)}`, edits: { text } } : { kind: "add", id };
}

/** The plan's pending changes with a measure added. */
export function withAdded(p: PlanPending, edit: Extract<PaneEdit, { kind: "add" }>): PlanPending {
  const added = p.added.includes(edit.id) ? p.added : [...p.added, edit.id];
  return { ...p, added, measures: edit.edits ? { ...p.measures, [edit.id]: mergeMeasureEdits(p.measures[edit.id] ?? {}, edit.edits) } : p.measures };
}

/** A measure added to the plan: an item or regulation by its id, or the expert's own words. */
export function withAddedMeasure(p: PlanPending, id: MeasureId | null, text?: string): PlanPending {
  return withAdded(p, addEdit(id, text));
}

/** How many changes are pending in the plan. */
export function planPendingCount(p: PlanPending): number {
  return Object.values(p.measures).reduce((n, e) => n + Object.keys(e).length, 0) + p.added.filter((id) => !id.startsWith("own:")).length;
}

/** The row of a measure on our plan sheet (its 対策 cell). */
export { planRowCell } from "../core/report/actionPlanSheet";

/** What the pane last read or wrote, as the engine's basis for an edit written cell by cell. */
export function editBasis(e: Examined, lang: Lang): EditBasis {
  return {
    analysis: e.analysis,
    lang,
    workbook: e.owner.company.name ?? e.workbook,
    priorities: e.priorities,
    priorityRows: e.priorityRows,
    actionPlan: e.actionPlan,
    owner: e.owner.summary,
    sheets: sheetsByKind(e.ours),
  };
}

/**
 * An edit on our sheets: the cells it changes and the view after writing them, or why the full
 * write is needed (the engine's reason, shown in the pane). The sheets must be in the pane's
 * language: cells in the other one would mix both.
 */
export function editCells(
  e: Examined,
  lang: Lang,
  edit: PaneEdit,
): { targeted: TargetedEdit; result: Examined; messages: EngineMessage[] } | { full: EngineMessage | null } {
  if (e.damagedRecord) return { full: null };
  const outcome = cellEdits(editBasis(e, lang), edit);
  if (outcome.kind === "full") return { full: outcome.reason };
  const { after, unsorted } = outcome.edit;
  const result: Examined = { ...e, priorities: after.priorities, actionPlan: after.actionPlan, owner: { ...e.owner, summary: after.owner } };
  const messages = unsorted && e.prioritySheet ? [message("info", "edit-unsorted", e.prioritySheet, null)] : [];
  return { targeted: outcome.edit, result, messages };
}
