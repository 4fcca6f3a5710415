/**
 * The coach has the last word on who counts: a respondent found can be left out, one the
 * recogniser set aside (repeated by formula, on a hidden or example sheet) counted after all, and
 * any of them renamed (「D列」 → 「営業部」) and said to be a site, a department or a person.
 *
 * Two kinds of choice:
 * - lasting ones, made in the pane and stored in the workbook's add-in state
 *   (StateData.respondents), each keyed by the respondent's sheet and its name as found, so that
 *   the choice stays with its respondent whatever it is called now; every later run honours them;
 * - one run's, from the command line (`--exclude NAME`, `--include NAME`), by name as the user
 *   sees it: in either language (営業部, C列 or Column C), "sheet/name", the sheet's name for a
 *   sheet's only respondent, or the coach's new name. They override the lasting ones for that run.
 */
import { CHOSEN_KINDS, nameText, type ChosenKind, type LeftOutRespondent, type RespondentAnswers, type RespondentName } from "./assessment";
import { isResourceKey, type ParamValue } from "./i18n";
import { listParam, message, type EngineMessage } from "./messages";
import { isObject } from "./shapes";

/** One lasting choice about a respondent (stored in the add-in's state). */
export interface RespondentChoice {
  sheet: string;
  /** The name the recogniser found (null: a sheet's only, unnamed respondent); with the sheet, the key. */
  found: RespondentName | null;
  /** false: left out; true: counted though the recogniser set it aside; absent: as found. */
  counted?: boolean;
  /** The coach's name for it. */
  name?: string;
  /** What it is, in the coach's words. */
  kind?: ChosenKind;
}

export interface RespondentChoices {
  /** Respondents to leave out this run, by name. */
  exclude?: readonly string[];
  /** Respondents set aside by the recogniser to count this run after all, by name. */
  include?: readonly string[];
  /** The lasting choices (the state's, with the pane's pending ones on top: see mergeChoices). */
  stored?: readonly RespondentChoice[];
}

/** The names a respondent answers to, compared without case or surrounding spaces. */
export function respondentLabels(r: RespondentAnswers): string[] {
  const found = r.foundAs !== undefined ? r.foundAs : r.respondent;
  const names = found === null ? [r.sheet] : (["ja", "en"] as const).map((lang) => nameText(found, lang));
  if (r.foundAs !== undefined && r.respondent !== null) names.push(nameText(r.respondent, "ja"));
  const out = new Set<string>();
  for (const n of names) {
    out.add(n);
    out.add(`${r.sheet}/${n}`);
  }
  return [...out].map(key);
}

const key = (s: string) => s.normalize("NFKC").trim().toLowerCase();

/** A respondent's name as a key that does not depend on the language (made names by their resource and place). */
export function nameKey(name: RespondentName | null): string {
  return JSON.stringify(canonical(name));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** The key of a respondent (its sheet and its name as found) or of a choice. */
export function choiceKey(sheet: string, found: RespondentName | null): string {
  return `${sheet}\u0000${nameKey(found)}`;
}

/** The name a respondent was found under. */
export function foundName(r: RespondentAnswers): RespondentName | null {
  return r.foundAs !== undefined ? r.foundAs : r.respondent;
}

/** Whether a choice says anything (one that says nothing is dropped). */
function saysSomething(c: RespondentChoice): boolean {
  return c.counted !== undefined || (c.name !== undefined && c.name.trim() !== "") || c.kind !== undefined;
}

/**
 * The lasting choices with newer ones on top: a newer choice about a respondent replaces the
 * older one whole (the pane sends the respondent's whole choice); one that says nothing removes
 * it. Order: the older ones' order, new respondents after.
 */
export function mergeChoices(older: readonly RespondentChoice[], newer: readonly RespondentChoice[]): RespondentChoice[] {
  const byKey = new Map<string, RespondentChoice>();
  for (const c of older) byKey.set(choiceKey(c.sheet, c.found), c);
  for (const c of newer) byKey.set(choiceKey(c.sheet, c.found), c);
  return [...byKey.values()].filter(saysSomething).map(tidy);
}

function tidy(c: RespondentChoice): RespondentChoice {
  const out: RespondentChoice = { sheet: c.sheet, found: c.found };
  if (c.counted !== undefined) out.counted = c.counted;
  if (c.name !== undefined && c.name.trim() !== "") out.name = c.name.trim();
  if (c.kind !== undefined) out.kind = c.kind;
  return out;
}

/** A list of choices with one respondent's replaced (or added): pending choices, where one that says nothing still overrides a recorded one. */
export function withChoice(list: readonly RespondentChoice[], c: RespondentChoice): RespondentChoice[] {
  const k = choiceKey(c.sheet, c.found);
  return [...list.filter((x) => choiceKey(x.sheet, x.found) !== k), c];
}

/** What is wrong with the state's `respondents`, or null when it is a list of sound choices. */
export function respondentChoicesProblem(v: unknown): string | null {
  if (!Array.isArray(v)) return "the respondents' choices are not a list";
  for (const c of v) {
    if (!isObject(c)) return "a respondent's choice is not an object";
    const { sheet, found, counted, name, kind } = c as Record<string, unknown>;
    if (typeof sheet !== "string" || sheet === "") return "a respondent's choice without its sheet";
    if (!(found === null || typeof found === "string" || isRef(found))) return `the choice about a respondent on sheet "${sheet}" has no name as found`;
    if (counted !== undefined && typeof counted !== "boolean") return `the choice about a respondent on sheet "${sheet}" says neither in nor out`;
    if (name !== undefined && typeof name !== "string") return `the name chosen for a respondent on sheet "${sheet}" is not text`;
    if (kind !== undefined && !CHOSEN_KINDS.includes(kind as ChosenKind))
      return `the kind chosen for a respondent on sheet "${sheet}" is not one of ${CHOSEN_KINDS.join(", ")}`;
  }
  return null;
}

/**
 * A name the recogniser makes from a position (C列, 表2, 集計/C列), as the record keeps it: one of
 * the "name.*" resources with text, numbers or such names as its values. Anything else would be
 * rendered as a sentence it is not (or not at all).
 */
function isRef(v: unknown): boolean {
  if (!isObject(v)) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.ref !== "string" || !r.ref.startsWith("name.") || !isResourceKey(r.ref)) return false;
  if (r.params === undefined) return true;
  if (!isObject(r.params)) return false;
  return Object.values(r.params).every((p) => typeof p === "string" || typeof p === "number" || isRef(p));
}

/** A respondent under the coach's name and kind (the name as found kept in `foundAs`). */
function chosen(r: RespondentAnswers, c: RespondentChoice | undefined): RespondentAnswers {
  if (!c) return r;
  const out: RespondentAnswers = { ...r };
  if (c.name !== undefined && c.name.trim() !== "") {
    out.foundAs = r.respondent;
    out.respondent = c.name.trim();
  }
  if (c.kind !== undefined) out.kind = c.kind;
  return out;
}

export function applyChoices(
  respondents: readonly RespondentAnswers[],
  leftOut: readonly LeftOutRespondent[],
  choices: RespondentChoices,
): { respondents: RespondentAnswers[]; leftOut: LeftOutRespondent[]; messages: EngineMessage[] } {
  const exclude = (choices.exclude ?? []).map(key);
  const include = (choices.include ?? []).map(key);
  const stored = new Map((choices.stored ?? []).map((c) => [choiceKey(c.sheet, c.found), c]));
  const matched = new Set<string>();
  const messages: EngineMessage[] = [];
  const used = new Set<string>();
  const hit = (r: RespondentAnswers, names: string[]) => {
    const labels = respondentLabels(r);
    const found = names.filter((n) => labels.includes(n));
    for (const f of found) used.add(f);
    return found.length > 0;
  };
  const lasting = (r: RespondentAnswers) => {
    const k = choiceKey(r.sheet, r.respondent);
    const c = stored.get(k);
    if (c) matched.add(k);
    return c;
  };
  const shown = (r: RespondentAnswers) => r.respondent ?? r.sheet;

  const kept: RespondentAnswers[] = [];
  const out: LeftOutRespondent[] = [];
  for (const found of respondents) {
    const c = lasting(found);
    const r = chosen(found, c);
    // This run's --include of a respondent the coach left out brings it back for the run.
    const excluded = c?.counted === false ? !hit(r, include) : hit(r, exclude);
    if (excluded) {
      out.push({ ...r, reason: "excluded", from: [] });
      messages.push(message("info", "respondent-excluded", r.sheet, null, { respondent: shown(r) }));
    } else kept.push(r);
  }
  for (const found of leftOut) {
    const c = lasting(found);
    const r = chosen(found, c) as LeftOutRespondent;
    // This run's --exclude of one the coach counted sets it aside again, for the reason found.
    const included = c?.counted === true ? !hit(r, exclude) : hit(r, include);
    if (included) {
      const { reason: _reason, from: _from, ...answers } = r;
      kept.push(answers);
      messages.push(message("info", "respondent-included", r.sheet, null, { respondent: shown(r) }));
    } else out.push(r);
  }
  // A name that matches nobody is said, with the names there are (never a guess at the nearest).
  const unmatched = [...(choices.exclude ?? []), ...(choices.include ?? [])].filter((n) => !used.has(key(n)));
  if (unmatched.length > 0) {
    const known = [...kept, ...out].map(shown);
    messages.push(message("warning", "respondent-choice-unmatched", null, null, { names: listParam(unmatched), known: listParam(known) }));
  }
  // A lasting choice about a respondent no longer found (its sheet renamed, its header changed) is
  // kept in the record, and said: it applies again when the respondent is back.
  for (const [k, c] of stored) {
    if (!matched.has(k)) messages.push(message("info", "respondent-choice-stale", c.sheet, null, { respondent: c.found ?? c.sheet }));
  }
  // A new name that another respondent already has would make two columns alike on the summary.
  const everyone = [...kept, ...out];
  for (const r of everyone) {
    if (r.foundAs === undefined || typeof r.respondent !== "string") continue;
    const mine = key(r.respondent);
    const other = everyone.find((x) => x !== r && x.respondent !== null && (["ja", "en"] as const).some((lang) => key(nameText(x.respondent!, lang)) === mine));
    if (other) messages.push(message("warning", "respondent-name-taken", r.sheet, null, { respondent: r.respondent, other: other.sheet }));
  }
  // Whoever is renamed is called by the new name where the recogniser named it.
  const renames = renameMap([...kept, ...out]);
  return {
    respondents: kept,
    leftOut: out.map((r) => ({ ...r, from: r.from.map((n) => renames.get(nameKey(n)) ?? n) })),
    messages,
  };
}

/** The recogniser's messages with renamed respondents called by their new names. */
export function renamedInMessages(messages: readonly EngineMessage[], renamed: readonly RespondentAnswers[]): EngineMessage[] {
  const renames = renameMap(renamed);
  if (renames.size === 0) return [...messages];
  const swap = (v: ParamValue): ParamValue => {
    if (typeof v === "string" || (typeof v === "object" && v !== null && "ref" in v)) return renames.get(nameKey(v as RespondentName)) ?? v;
    if (typeof v === "object" && v !== null && "list" in v) {
      const list = v.list.map(swap);
      return list.some((x, i) => x !== v.list[i]) ? { list } : v;
    }
    return v;
  };
  return messages.map((m) => {
    const params: Record<string, ParamValue> = { ...m.params };
    let changed = false;
    for (const k of RESPONDENT_PARAMS) {
      if (params[k] === undefined) continue;
      const v = swap(params[k]);
      if (v !== params[k]) {
        params[k] = v;
        changed = true;
      }
    }
    return changed ? { ...m, params } : m;
  });
}

/**
 * The found name → the coach's name of every renamed respondent. The recogniser calls a sheet's
 * only, unnamed respondent by its sheet's name.
 */
function renameMap(rs: readonly RespondentAnswers[]): Map<string, RespondentName> {
  const renames = new Map<string, RespondentName>();
  for (const r of rs) {
    if (r.foundAs === undefined || r.respondent === null) continue;
    renames.set(nameKey(r.foundAs ?? r.sheet), r.respondent);
  }
  return renames;
}

/** The message parameters that name respondents (core/recognise). */
const RESPONDENT_PARAMS = ["respondent", "other", "sources"] as const;
