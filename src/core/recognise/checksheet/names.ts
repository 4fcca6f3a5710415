/**
 * Matching the names written on a checksheet to the catalog: regulations (with or without
 * their number, 及び/並びに variants, a trailing 規程), sections, decisions, 有/無 and policy
 * elements. Exact after normalisation: a name that does not match is reported, not guessed.
 */
import { POLICY_ELEMENTS, PRESENCE_SPELLINGS, REGULATIONS, DECISIONS, POLICY_STATUSES } from "../../catalog/regulations";
import type { DecisionId, PolicyElementId, PolicyStatus, RegulationNo, SectionDef, SectionNo } from "../../catalog/regulations";
import type { CellValue } from "../../snapshot";
import { isCellError, isUncalculated } from "../../snapshot";
import { textKey } from "../../text/normalise";
import { t } from "../../i18n";
import type { Reading } from "../cellReading";

/** Leading numbering such as "1.", "４　", "(3)", "No.2", "第3". */
const LEADING_NUMBER = /^(?:no|第)?\d{1,2}(?:[.)．、:]|章|条)?/;
const CONNECTIVES = /及び|並びに|および|ならびに|及|並|と|・|の/g;
const SUFFIX = /(?:に関する)?(?:規程|規定|規則|ガイド)$/;

export function regulationKey(text: string): string {
  return textKey(text).replace(LEADING_NUMBER, "").replace(SUFFIX, "").replace(CONNECTIVES, "");
}

const REGULATION_KEYS = new Map<string, RegulationNo>();
for (const r of REGULATIONS) for (const n of [r.name, ...r.aliases]) REGULATION_KEYS.set(regulationKey(n), r.no);

/** The catalog regulation a written name stands for, or null. */
export function matchRegulation(text: string): RegulationNo | null {
  const k = regulationKey(text);
  return k.length === 0 ? null : (REGULATION_KEYS.get(k) ?? null);
}

const sectionKey = (text: string) =>
  textKey(text)
    .replace(/^\d{1,2}(?:\.\d{1,2})*/, "")
    .replace(CONNECTIVES, "")
    .replace(/\//g, "");

/** The catalog section of a regulation that a written name stands for, at any level. */
export function matchSection(regulation: RegulationNo | null, name: string): SectionNo | null {
  if (regulation === null) return null;
  const key = sectionKey(name);
  const walk = (xs: SectionDef[]): SectionNo | null => {
    for (const x of xs) {
      if (sectionKey(x.name) === key) return x.no;
      const inner = x.children ? walk(x.children) : null;
      if (inner) return inner;
    }
    return null;
  };
  return walk(REGULATIONS[regulation - 1].sections);
}

function spellingMap<T extends string>(entries: [T, string[]][]): Map<string, T> {
  const m = new Map<string, T>();
  for (const [id, spellings] of entries) for (const s of spellings) m.set(textKey(s), id);
  return m;
}

const DECISION_KEYS = spellingMap<DecisionId>(
  DECISIONS.map((d) => [d.id, [d.label.ja, d.label.en, t("ja", `decision.${d.id}`), t("en", `decision.${d.id}`), ...d.spellings]]),
);
const PRESENCE_KEYS = spellingMap<"present" | "absent">(
  (["present", "absent"] as const).map((id) => [id, [PRESENCE_SPELLINGS[id].ja, PRESENCE_SPELLINGS[id].en, ...PRESENCE_SPELLINGS[id].other]]),
);
const STATUS_KEYS = spellingMap<PolicyStatus>(POLICY_STATUSES.map((s) => [s.id, [s.label.ja, s.label.en, ...s.spellings]]));

function readWith<T>(keys: Map<string, T>, v: CellValue): Reading<T> {
  if (v === null || (typeof v === "string" && v.trim() === "")) return { kind: "blank" };
  if (isCellError(v)) return { kind: "error", error: v.error };
  if (isUncalculated(v)) return { kind: "uncalculated" };
  if (typeof v !== "string") return { kind: "invalid" };
  const hit = keys.get(textKey(v));
  return hit === undefined ? { kind: "invalid" } : { kind: "value", value: hit };
}

export const readDecision = (v: CellValue) => readWith(DECISION_KEYS, v);
export const readPresence = (v: CellValue) => readWith(PRESENCE_KEYS, v);
export const readPolicyStatus = (v: CellValue) => readWith(STATUS_KEYS, v);

const POLICY_KEYS = new Map<string, PolicyElementId>();
for (const p of POLICY_ELEMENTS) for (const n of [p.heading, ...p.aliases]) POLICY_KEYS.set(regulationKey(n), p.id);

/** The basic-policy element a written heading stands for ("1. 経営者の責任" too), or null. */
export function matchPolicyElement(text: string): PolicyElementId | null {
  return POLICY_KEYS.get(regulationKey(text)) ?? null;
}
