/**
 * The resource strings of both languages, for the command line and the tests (Node): both tables
 * loaded at once. The task pane's bundle takes resources.web.ts instead (webpack.config.js), which
 * loads English on demand.
 */
import ja from "./ja.json";
import en from "./en.json";

export const JA = ja;

export const RESOURCES: Record<"ja" | "en", Record<string, string>> = { ja, en };

/** Both tables are here already. */
export function loadLang(_lang: "ja" | "en"): Promise<void> {
  return Promise.resolve();
}
