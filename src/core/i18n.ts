/**
 * Languages and message rendering. Every user-facing sentence lives in the resource files
 * src/i18n/ja.json and src/i18n/en.json; code refers to them by key.
 *
 * Parameters are typed: a string is always text (a sheet name, a cell's value, a file name) and
 * is printed as it is, whatever it looks like; a sentence that names another resource string
 * passes a ResourceRef (made by `resourceParam`), rendered in the same language. Nothing is
 * ever told apart by its content, so a company's 「@担当に確認」 or 「{sheet}」 stays text.
 *
 * Plurals: a resource "key" may have forms "key#one", "key#two", … beside it (the categories of
 * Intl.PluralRules for the file's language); t() picks the form from a numeric `count` param and
 * falls back to "key" (the "other" form). Japanese needs none; English needs "#one" wherever the
 * number is followed by a noun that inflects (test/i18n.test.ts checks it).
 */
import { JA as ja, RESOURCES, loadLang } from "../i18n/resources";

export type Lang = "ja" | "en";
export const LANGS: readonly Lang[] = ["ja", "en"];
export type Localised = Record<Lang, string>;

/** A sentence's key; plural forms ("key#one") are not keys of their own: t() picks them. */
export type MessageKey = keyof typeof ja;

/**
 * Resolves once the language's strings are loaded: at once under Node; in the task pane English
 * comes in its own chunk (src/i18n/resources.web.ts), so the pane awaits this before showing it.
 */
export function ensureLang(lang: Lang): Promise<void> {
  return loadLang(lang);
}

/** Whether a text (read from a workbook's record) is the key of a resource string. */
export function isResourceKey(k: string): k is MessageKey {
  return Object.prototype.hasOwnProperty.call(ja, k);
}

/** Another resource string as a parameter, rendered in the language of the sentence it fills. */
export interface ResourceRef {
  readonly ref: MessageKey;
  readonly params?: Params;
}

/**
 * A date (a cell's CellDate: ISO "2024-04-01", "2024-04-01T09:30:00" or "09:30:00") as a
 * parameter: written the way the language writes dates (2024/04/01 in Japanese, ISO in English).
 */
export interface DateParam {
  readonly date: string;
}

/** A date parameter in the language's form; the time of day without seconds when they are 0. */
export function formatDate(lang: Lang, d: DateParam): string {
  const m = /^(?:(\d{4})-(\d{2})-(\d{2}))?T?(?:(\d{2}):(\d{2}):(\d{2}))?$/.exec(d.date);
  if (!m) return d.date;
  const [, y, mo, da, h, mi, se] = m;
  const day = y === undefined ? "" : lang === "ja" ? `${y}/${mo}/${da}` : `${y}-${mo}-${da}`;
  const time = h === undefined ? "" : se === "00" ? `${h}:${mi}` : `${h}:${mi}:${se}`;
  return [day, time].filter(Boolean).join(" ");
}

/** A count for a message, rounded, with thousands separators ("1,200,000", the same in both languages). */
/** A change with its sign: "+3", "-2", "0". */
export function signedNumber(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Several values in a row, joined the way the language lists things ("、" in Japanese, ", " in English). */
export interface ListParam {
  readonly list: readonly ParamValue[];
}

/**
 * Text and numbers are printed as they are; a ResourceRef is rendered, a DateParam written as a
 * date, a ListParam as a list, a Localised text (the catalog's titles and labels) in the language.
 */
export type ParamValue = string | number | null | undefined | ResourceRef | DateParam | ListParam | Localised;
export type Params = { readonly [name: string]: ParamValue };

/** The parameter name whose number chooses the plural form. */
export const PLURAL_PARAM = "count";
/** Separates a key from its plural category in the resource files: "cli.found#one". */
export const PLURAL_SEPARATOR = "#";

const pluralRules = new Map<Lang, Intl.PluralRules>();
function pluralCategory(lang: Lang, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(n);
}

/** The resource string for key in lang, in the plural form count asks for when there is one. */
function template(lang: Lang, key: MessageKey, count: ParamValue): string {
  const table = RESOURCES[lang][key] !== undefined ? RESOURCES[lang] : RESOURCES.ja;
  const base = table[key];
  if (base === undefined) throw new Error(`missing resource string: ${key}`);
  if (typeof count === "number") {
    const form = table[`${key}${PLURAL_SEPARATOR}${pluralCategory(table === RESOURCES[lang] ? lang : "ja", count)}`];
    if (form !== undefined) return form;
  }
  return base;
}

/** Renders a resource string, filling `{name}` placeholders from params (once: a value is never re-read). */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return template(lang, key, params[PLURAL_PARAM]).replace(/\{(\w+)\}/g, (_, name: string) => renderParam(lang, params[name]));
}

function renderParam(lang: Lang, v: ParamValue): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "object") {
    if ("ref" in v) return t(lang, v.ref, v.params);
    if ("list" in v) return v.list.map((x) => renderParam(lang, x)).join(t(lang, "report.list.separator"));
    if ("date" in v) return formatDate(lang, v);
    return v[lang];
  }
  return String(v);
}

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}
