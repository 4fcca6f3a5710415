/**
 * Which language the pane starts in: the one the user last switched to (remembered in the
 * browser's storage of the add-in's origin), else Office's display language
 * (Office.context.displayLanguage, "ja-JP", "en-US", …), else Japanese.
 */
import type { Lang } from "../core/i18n";

/** Where the user's switch is remembered (Web Storage, one key for the add-in's origin). */
export const LANG_STORAGE_KEY = "shindan-coach.lang";

/** The part of Web Storage the pane uses (localStorage in the pane; a stand-in in the tests). */
export type LangStorage = Pick<Storage, "getItem" | "setItem">;

/** Japanese unless the language tag names another language (then English). */
export function langOf(tag: string | null | undefined): Lang {
  if (!tag) return "ja";
  return tag.toLowerCase().startsWith("ja") ? "ja" : "en";
}

/** The language the user switched to, or null when they never did (or the storage cannot be read). */
export function storedLang(storage: LangStorage | null): Lang | null {
  let value: string | null = null;
  try {
    value = storage?.getItem(LANG_STORAGE_KEY) ?? null;
  } catch {
    // Storage refused (blocked cookies, a sandboxed frame): as if the user never switched.
    return null;
  }
  return value === "ja" || value === "en" ? value : null;
}

/** Remembers the user's switch; returns whether it could be stored (the pane works on either way). */
export function rememberLang(storage: LangStorage | null, lang: Lang): boolean {
  try {
    storage?.setItem(LANG_STORAGE_KEY, lang);
    return storage !== null;
  } catch {
    // Storage refused or full: the switch still applies to this session, it just is not remembered.
    return false;
  }
}

/** The pane's first language: the user's switch, else Office's display language, else Japanese. */
export function initialLang(storage: LangStorage | null, displayLanguage: string | null): Lang {
  return storedLang(storage) ?? langOf(displayLanguage);
}

/** window.localStorage, or null where reading it throws (it may, in a sandboxed frame). */
export function browserStorage(): LangStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Accessing localStorage itself throws when the browser blocks storage: no storage.
    return null;
  }
}
