/**
 * The action plan (情報セキュリティ対策実行計画): the measures the company will take, with who
 * does what by when and what it needs (人・物・金), and a checkpoint. Pure: the priorities, the
 * regulation reviews and the edits in, the measures out; the sheet is core/report/actionPlanSheet.ts.
 *
 * Proposed from the priorities: one measure per diagnosis item of class 重点 or marked as a quick
 * win, and one per regulation whose decision is to write it (new) or revise it (the company's
 * 今回の見直し, else the recommendation). Ordered by priority (a regulation's is the highest of
 * its items'); the first six that are not dropped are the headline for the next six months
 * (MonAideCyber commits to six); the checkpoint defaults to three months after the plan's date
 * (IPA's sample policies check every three months).
 *
 * Each measure has an id that stays with it whatever row it is on: "item:5", "reg:3", "own:2"
 * (a row the company or the expert added). What the expert or the company typed lives on the
 * plan sheet and is read back by id (core/report/actionPlanSheet.ts), so a re-run keeps it and
 * never duplicates a measure. A measure is dropped with the status 見送り: the row stays, at the
 * end, out of the headline and the totals; a proposed row deleted from the sheet comes back as
 * dropped (the decision stays visible and can be taken back by choosing another status).
 */
import { ITEMS, type ItemNo } from "./catalog/diagnosis";
import { ITEM_MEASURES, REGULATION_SCOPES, ROLES, type RoleId } from "./catalog/itemMeasures";
import { REGULATIONS, type RegulationNo } from "./catalog/regulations";
import type { RegulationReview } from "./checksheet";
import { t, type Lang } from "./i18n";
import type { PriorityItem } from "./prioritise";

export type MeasureId = string;
export type MeasureStatus = "todo" | "doing" | "done" | "dropped";
export const MEASURE_STATUSES: readonly MeasureStatus[] = ["todo", "doing", "done", "dropped"];

/** How many measures make the headline (the next six months). */
export const HEADLINE_COUNT = 6;
/** Months from the plan's date to the checkpoint, by default. */
export const CHECKPOINT_MONTHS = 3;

export type MeasureSource = { kind: "item"; no: ItemNo } | { kind: "regulation"; no: RegulationNo; decision: "new" | "revised" } | { kind: "own" };

/** A value typed in the sheet that is not what its column takes (kept as typed, and reported). */
export interface TypedText {
  text: string;
}
export type Typed<T> = T | TypedText;

export function isTypedText(v: unknown): v is TypedText {
  return typeof v === "object" && v !== null && "text" in v;
}

/** Who owns a measure: one of IPA's roles, or whoever the expert names. */
export type Owner = { role: RoleId } | { name: string };

/**
 * What the expert or the company set for a measure; absent fields take the default. Dates are
 * ISO days ("2025-06-30"); amounts in yen.
 */
export interface MeasureEdits {
  /** The measure's wording, replacing the proposed one (an own row's only text). */
  text?: string;
  /** An own row's related items and regulations, as typed. */
  related?: string;
  owner?: Owner | null;
  due?: Typed<string> | null;
  days?: Typed<number> | null;
  equipment?: string | null;
  initialCost?: Typed<number> | null;
  yearlyCost?: Typed<number> | null;
  status?: Typed<MeasureStatus>;
  checkpoint?: Typed<string> | null;
  result?: string | null;
}

/** The fields a measure's edit may set, for the pane's patches. */
export type MeasureField = keyof MeasureEdits;

export interface PlanMeasure {
  id: MeasureId;
  source: MeasureSource;
  /** Order of urgency: the item's priority, a regulation's highest item priority; null for own rows. */
  priority: number | null;
  /** 1-based position in the plan. */
  order: number;
  headline: boolean;
  /** The measure's wording (the edit, else the proposal). */
  text: string;
  /** Related items and regulations, as shown. */
  related: string;
  items: ItemNo[];
  regulations: RegulationNo[];
  owner: Owner | null;
  /** The owner as shown in the language. */
  ownerText: string;
  due: Typed<string> | null;
  days: Typed<number> | null;
  equipment: string | null;
  initialCost: Typed<number> | null;
  yearlyCost: Typed<number> | null;
  status: Typed<MeasureStatus>;
  checkpoint: Typed<string> | null;
  result: string | null;
  /** Proposed from today's priorities (else added by the expert or the company). */
  proposed: boolean;
  /** What was set, as it came (the sheet's values and the pane's), for carrying over. */
  edits: MeasureEdits;
}

export interface ActionPlan {
  /** The plan's date (ISO day): the checkpoint defaults from it. */
  date: string;
  measures: PlanMeasure[];
  totals: { days: number; initialCost: number; yearlyCost: number };
  /** Items and regulations that could be added (not in the plan now). */
  addable: { id: MeasureId; label: string }[];
}

/** The pane's changes not yet in the sheet: per measure the fields set, measures added. */
export interface PlanPending {
  date?: string;
  measures: Record<MeasureId, MeasureEdits>;
  /** Ids added (item:N, reg:N, or own:new-… with a text). */
  added: MeasureId[];
}

export const NO_PLAN_EDITS: PlanPending = { measures: {}, added: [] };

/** What the previous plan sheet held (core/report/actionPlanSheet.ts reads it). */
export interface PlanSheetRead {
  date: string | null;
  /** Rows in sheet order: id (assigned for a new own row) and what was typed. */
  rows: { id: MeasureId; edits: MeasureEdits }[];
}

/** The record in the add-in's state: the ids written last time, and those the expert added. */
export interface ActionPlanState {
  written: MeasureId[];
  added: MeasureId[];
}

/** The state's record when it has the right shape; null otherwise (a damaged record proposes afresh). */
export function validPlanState(v: unknown): ActionPlanState | null {
  if (typeof v !== "object" || v === null) return null;
  const s = v as Record<string, unknown>;
  const ids = (x: unknown): x is string[] => Array.isArray(x) && x.every((i) => typeof i === "string");
  return ids(s.written) && ids(s.added) ? { written: s.written, added: s.added } : null;
}

/** Today's date where the user is (ISO day): the plan's date when none is set. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function itemId(no: ItemNo): MeasureId {
  return `item:${no}`;
}
export function regulationId(no: RegulationNo): MeasureId {
  return `reg:${no}`;
}

/** The kind and number of an id; null for a malformed one. */
export function parseMeasureId(id: string): { kind: "item" | "reg" | "own"; n: string } | null {
  const m = /^(item|reg|own):(.+)$/.exec(id);
  if (!m) return null;
  if (m[1] === "item" && !(Number.isInteger(Number(m[2])) && Number(m[2]) >= 1 && Number(m[2]) <= ITEMS.length)) return null;
  if (m[1] === "reg" && !REGULATIONS.some((r) => String(r.no) === m[2])) return null;
  return { kind: m[1] as "item" | "reg" | "own", n: m[2] };
}

/** A regulation's measure: write it or revise it, by the company's decision, else the recommendation. */
function regulationDecision(r: RegulationReview): "new" | "revised" | null {
  const d = r.decision ?? r.recommended;
  return d === "new" || d === "revised" ? d : null;
}

/** The default wording of a measure in a language. */
export function defaultMeasureText(source: MeasureSource, lang: Lang): string {
  if (source.kind === "item") return ITEM_MEASURES[source.no].measure[lang];
  if (source.kind === "regulation") {
    const reg = REGULATIONS[source.no - 1];
    return t(lang, source.decision === "new" ? "report.plan.measure.regNew" : "report.plan.measure.regRevise", {
      name: reg.name,
      scope: REGULATION_SCOPES[source.no][lang],
    });
  }
  return "";
}

/** Every default wording a measure may have had (both languages, both decisions): an edit is a text none of them. */
export function defaultMeasureTexts(id: MeasureId): string[] {
  const p = parseMeasureId(id);
  if (!p || p.kind === "own") return [];
  const sources: MeasureSource[] =
    p.kind === "item"
      ? [{ kind: "item", no: Number(p.n) }]
      : [
          { kind: "regulation", no: Number(p.n), decision: "new" },
          { kind: "regulation", no: Number(p.n), decision: "revised" },
        ];
  return sources.flatMap((s) => (["ja", "en"] as const).map((l) => defaultMeasureText(s, l)));
}

export function defaultOwner(source: MeasureSource): Owner | null {
  if (source.kind === "item") return { role: ITEM_MEASURES[source.no].owner };
  if (source.kind === "regulation") return { role: "security-lead" };
  return null;
}

export function ownerText(owner: Owner | null, lang: Lang): string {
  if (!owner) return "";
  if ("role" in owner) return ROLES.find((r) => r.id === owner.role)!.label[lang];
  return owner.name;
}

/** An owner as typed: one of the roles (in either language) or a name. */
export function parseOwner(text: string): Owner {
  const key = text.normalize("NFKC").trim().toLowerCase();
  const role = ROLES.find((r) => r.label.ja === key || r.label.en.toLowerCase() === key);
  return role ? { role: role.id } : { name: text.trim() };
}

export function sameOwner(a: Owner | null, b: Owner | null): boolean {
  if (!a || !b) return a === b;
  return "role" in a ? "role" in b && a.role === b.role : "name" in b && a.name === b.name;
}

/** The ISO day `months` after `iso` (the last day of a shorter month: 2025-11-30 + 3 → 2026-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

interface Candidate {
  id: MeasureId;
  source: MeasureSource;
  priority: number | null;
  items: ItemNo[];
  regulations: RegulationNo[];
}

function itemCandidate(p: PriorityItem): Candidate {
  return { id: itemId(p.no), source: { kind: "item", no: p.no }, priority: p.priority, items: [p.no], regulations: [...p.regulations] };
}

function regulationCandidate(r: RegulationReview, decision: "new" | "revised", priorities: PriorityItem[]): Candidate {
  const related = priorities.filter((p) => r.items.includes(p.no));
  const priority = related.length ? Math.max(...related.map((p) => p.priority)) : 0;
  return { id: regulationId(r.no), source: { kind: "regulation", no: r.no, decision }, priority, items: [...r.items], regulations: [r.no] };
}

/** The measures today's priorities and reviews propose, by id. */
export function proposals(priorities: PriorityItem[], reviews: RegulationReview[]): Map<MeasureId, Candidate> {
  const out = new Map<MeasureId, Candidate>();
  for (const p of priorities) if (p.class === "focus" || p.quickWin) out.set(itemId(p.no), itemCandidate(p));
  for (const r of reviews) {
    const d = regulationDecision(r);
    if (d) out.set(regulationId(r.no), regulationCandidate(r, d, priorities));
  }
  return out;
}

/** Any item or catalog regulation as a candidate (added by the expert though not proposed). */
function candidateFor(id: MeasureId, priorities: PriorityItem[], reviews: RegulationReview[]): Candidate | null {
  const p = parseMeasureId(id);
  if (!p) return null;
  if (p.kind === "own") return { id, source: { kind: "own" }, priority: null, items: [], regulations: [] };
  if (p.kind === "item") {
    const item = priorities.find((x) => x.no === Number(p.n));
    return item ? itemCandidate(item) : null;
  }
  const no = Number(p.n);
  const review = reviews.find((r) => r.no === no);
  const decision = review ? (regulationDecision(review) ?? "revised") : "new";
  return regulationCandidate(
    review ?? { no, name: REGULATIONS[no - 1].name, decision: null, recommended: null, reasons: [], differs: false, items: [] },
    decision,
    priorities,
  );
}

/** Whether anything was typed for a measure (an untouched row that is no longer proposed goes). */
export function hasEdits(e: MeasureEdits): boolean {
  return Object.values(e).some((v) => v !== undefined);
}

function statusOf(e: MeasureEdits): Typed<MeasureStatus> {
  return e.status ?? "todo";
}

/** Merges edits field by field: `over` wins where it sets a field (null clears it). */
export function mergeMeasureEdits(under: MeasureEdits, over: MeasureEdits): MeasureEdits {
  const out: MeasureEdits = { ...under };
  for (const [k, v] of Object.entries(over) as [MeasureField, unknown][]) {
    if (v === undefined) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/**
 * The plan: the previous sheet's rows and the pane's pending changes over today's proposals.
 * @param today the plan's date when neither the sheet nor the pane gives one (ISO day)
 */
export function buildActionPlan(
  priorities: PriorityItem[],
  reviews: RegulationReview[],
  lang: Lang,
  today: string,
  sheet: PlanSheetRead | null,
  state: ActionPlanState | null,
  pending: PlanPending = NO_PLAN_EDITS,
): { plan: ActionPlan; state: ActionPlanState } {
  const proposed = proposals(priorities, reviews);
  const date = pending.date ?? sheet?.date ?? today;
  const onSheet = new Map(sheet?.rows.map((r) => [r.id, r.edits]) ?? []);
  const added = new Set([...(state?.added ?? []), ...pending.added]);

  const chosen: { candidate: Candidate; edits: MeasureEdits; sheetOrder: number }[] = [];
  const take = (id: MeasureId, edits: MeasureEdits, sheetOrder: number) => {
    if (chosen.some((c) => c.candidate.id === id)) return;
    const candidate = proposed.get(id) ?? candidateFor(id, priorities, reviews);
    if (!candidate) return;
    chosen.push({ candidate, edits: mergeMeasureEdits(edits, pending.measures[id] ?? {}), sheetOrder });
  };
  // What the sheet holds: kept while proposed, added, or typed on; an untouched row no longer proposed goes.
  sheet?.rows.forEach((r, i) => {
    if (proposed.has(r.id) || added.has(r.id) || hasEdits(r.edits) || parseMeasureId(r.id)?.kind === "own") take(r.id, r.edits, i);
  });
  const written = new Set(state?.written ?? []);
  for (const id of proposed.keys()) {
    // A proposed row that was written and is gone from the sheet was deleted there: dropped.
    const deleted = sheet !== null && written.has(id) && !onSheet.has(id);
    take(id, deleted ? { status: "dropped" } : {}, Infinity);
  }
  for (const id of pending.added) take(id, {}, Infinity);

  // Order: the active measures by priority (own rows after, in their sheet order), the dropped last.
  const dropped = (c: (typeof chosen)[number]) => statusOf(c.edits) === "dropped";
  const rank = (c: (typeof chosen)[number]) => c.candidate.priority ?? -1;
  chosen.sort(
    (a, b) =>
      Number(dropped(a)) - Number(dropped(b)) ||
      rank(b) - rank(a) ||
      kindOrder(a.candidate) - kindOrder(b.candidate) ||
      a.sheetOrder - b.sheetOrder ||
      numberOf(a.candidate) - numberOf(b.candidate),
  );

  let headlines = 0;
  const measures: PlanMeasure[] = chosen.map(({ candidate: c, edits }, i) => {
    const isDropped = statusOf(edits) === "dropped";
    const headline = !isDropped && headlines < HEADLINE_COUNT;
    if (headline) headlines++;
    const owner = edits.owner !== undefined ? edits.owner : defaultOwner(c.source);
    return {
      id: c.id,
      source: c.source,
      priority: c.priority,
      order: i + 1,
      headline,
      text: edits.text ?? defaultMeasureText(c.source, lang),
      related: c.source.kind === "own" ? (edits.related ?? "") : relatedText(c.items, c.regulations, lang),
      items: c.items,
      regulations: c.regulations,
      owner,
      ownerText: ownerText(owner, lang),
      due: edits.due ?? null,
      days: edits.days ?? null,
      equipment: edits.equipment ?? null,
      initialCost: edits.initialCost ?? null,
      yearlyCost: edits.yearlyCost ?? null,
      status: statusOf(edits),
      checkpoint: edits.checkpoint !== undefined ? edits.checkpoint : addMonths(date, CHECKPOINT_MONTHS),
      result: edits.result ?? null,
      proposed: proposed.has(c.id),
      edits,
    };
  });

  const sum = (f: (m: PlanMeasure) => Typed<number> | null) =>
    measures.reduce((n, m) => {
      const v = f(m);
      return m.status === "dropped" || typeof v !== "number" ? n : n + v;
    }, 0);
  const inPlan = new Set(measures.map((m) => m.id));
  const addable = [
    ...priorities
      .filter((p) => !inPlan.has(itemId(p.no)))
      .sort((a, b) => a.no - b.no)
      .map((p) => ({ id: itemId(p.no), label: t(lang, "report.plan.addItem", { no: p.no, title: ITEMS[p.no - 1].title[lang] }) })),
    ...REGULATIONS.filter((r) => !inPlan.has(regulationId(r.no))).map((r) => ({
      id: regulationId(r.no),
      label: t(lang, "report.plan.addRegulation", { no: r.no, name: r.name }),
    })),
  ];
  return {
    plan: { date, measures, totals: { days: sum((m) => m.days), initialCost: sum((m) => m.initialCost), yearlyCost: sum((m) => m.yearlyCost) }, addable },
    state: {
      written: measures.map((m) => m.id),
      added: measures.filter((m) => !m.proposed && m.source.kind !== "own" && added.has(m.id)).map((m) => m.id),
    },
  };
}

function kindOrder(c: Candidate): number {
  return c.source.kind === "item" ? 0 : c.source.kind === "regulation" ? 1 : 2;
}

function numberOf(c: Candidate): number {
  return c.source.kind === "own" ? 0 : c.source.no;
}

/** "No.5 / 規程3 情報資産管理", or with several: "No.4、8、11 / 規程6、7" (numbers only, to stay short). */
export function relatedText(items: ItemNo[], regulations: RegulationNo[], lang: Lang): string {
  const sep = t(lang, "report.list.separator");
  const parts: string[] = [];
  if (items.length) parts.push(t(lang, "report.plan.relatedItem", { no: items.join(sep) }));
  if (regulations.length === 1) parts.push(t(lang, "report.plan.relatedRegulation", { no: regulations[0], name: REGULATIONS[regulations[0] - 1].name }));
  else if (regulations.length > 1) parts.push(t(lang, "report.plan.relatedRegulations", { no: regulations.join(sep) }));
  return parts.join("\n");
}
