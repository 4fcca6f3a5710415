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

export type Params = Record<string, string | number | null | undefined>;

/** Renders a resource string, filling `{name}` placeholders from params. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = RESOURCES[lang][key] ?? RESOURCES.ja[key];
  if (template === undefined) throw new Error(`missing resource string: ${key}`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? "" : String(v);
  });
}

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}
