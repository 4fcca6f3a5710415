/**
 * Languages and message rendering. Every user-facing sentence lives in the resource files
 * src/i18n/ja.json and src/i18n/en.json; code refers to them by key.
 */
import ja from "../i18n/ja.json";
import en from "../i18n/en.json";

export type Lang = "ja" | "en";
export const LANGS: readonly Lang[] = ["ja", "en"];
export type Localised = Record<Lang, string>;

export type MessageKey = keyof typeof ja;
const RESOURCES: Record<Lang, Record<string, string>> = { ja, en };

/**
 * A date (a cell's CellDate: ISO "2024-04-01", "2024-04-01T09:30:00" or "09:30:00") as a
 * parameter: written the way the language writes dates (2024/04/01 in Japanese, ISO in English).
 */
export interface DateParam {
  date: string;
}

export type Params = Record<string, string | number | DateParam | null | undefined>;

/** A date parameter in the language's form; the time of day without seconds when they are 0. */
export function formatDate(lang: Lang, d: DateParam): string {
  const m = /^(?:(\d{4})-(\d{2})-(\d{2}))?T?(?:(\d{2}):(\d{2}):(\d{2}))?$/.exec(d.date);
  if (!m) return d.date;
  const [, y, mo, da, h, mi, se] = m;
  const day = y === undefined ? "" : lang === "ja" ? `${y}/${mo}/${da}` : `${y}-${mo}-${da}`;
  const time = h === undefined ? "" : se === "00" ? `${h}:${mi}` : `${h}:${mi}:${se}`;
  return [day, time].filter(Boolean).join(" ");
}

/** Renders a resource string, filling `{name}` placeholders from params. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = RESOURCES[lang][key] ?? RESOURCES.ja[key];
  if (template === undefined) throw new Error(`missing resource string: ${key}`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return "";
    return typeof v === "object" ? formatDate(lang, v) : String(v);
  });
}

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}
