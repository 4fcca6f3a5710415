/** The pane's language and its strings (keys "pane.*" in src/i18n/{ja,en}.json, like every other text). */
import { createContext, useContext } from "react";
import { t as render, type Lang, type MessageKey, type Params } from "../core/i18n";

export type PaneKey = Extract<MessageKey, `pane.${string}`>;

export const LangContext = createContext<Lang>("ja");

/** What the views say before the first analysis: the start differs with the host (the preview needs a file first). */
export const NotYetContext = createContext<PaneKey>("pane.notAnalysed");

/** The current language's string function: t("pane.…", params). */
export function useT(): (key: PaneKey, params?: Params) => string {
  const lang = useContext(LangContext);
  return (key, params) => render(lang, key, params);
}

export function useLang(): Lang {
  return useContext(LangContext);
}

export { langOf } from "./paneLanguage";
