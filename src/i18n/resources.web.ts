/**
 * The resource strings in the task pane's bundle: Japanese (the default) in the first download,
 * English in a chunk of its own loaded when the pane first needs it (Office in English, or the
 * switch), so that the first paint carries one language. Until then an English key falls back to
 * Japanese (core/i18n.ts), never to nothing. webpack.config.js puts this module in place of
 * resources.ts.
 */
import ja from "./ja.json";

export const JA = ja;

export const RESOURCES: Record<"ja" | "en", Record<string, string>> = { ja, en: {} };

let english: Promise<void> | null = null;

/** Resolves once the language's table is loaded. */
export function loadLang(lang: "ja" | "en"): Promise<void> {
  if (lang === "ja") return Promise.resolve();
  english ??= import(/* webpackChunkName: "en" */ "./en.json").then((m) => {
    RESOURCES.en = (m as { default: Record<string, string> }).default;
  });
  return english;
}
