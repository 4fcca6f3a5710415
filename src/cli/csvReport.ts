/**
 * The `--csv` table: one row per file and respondent, for comparing clients side by side.
 *
 * The coach opens it in a spreadsheet, so text from the workbooks (file, sheet and respondent
 * names) must not become a formula there. As OWASP's CSV-injection guidance says: a text field
 * starting with = + - @, a tab or a carriage return gets a single quote in front, and every text
 * field is quoted (its quotes doubled), so that a separator inside it cannot start a new cell in
 * a spreadsheet that splits on another character. Numbers stay bare, so they stay numbers.
 */
import { nameText } from "../core/assessment";
import type { Lang } from "../core/i18n";
import { shownBand, type Score } from "../core/score";
import type { FileResult } from "./analyzeFiles";

export const CSV_HEADER = ["file", "respondent", "total", "band", "part1", "part2", "part3", "unknown", "unanswered"];
/** The respondent column of the row holding the consolidated (weakest-answer) result. */
export const CONSOLIDATED_ROW = "(consolidated)";

/** What a spreadsheet would take for the start of a formula (or, for tab and CR, strip before one). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The header and one line per row (a printer joins them; see terminalText.ts); names made by the engine (C列) in lang. */
export function csvReport(results: FileResult[], lang: Lang): string[] {
  const lines = [CSV_HEADER.map(csvField).join(",")];
  for (const r of results) {
    if (!r.analysis) continue;
    const rows: { name: string | null; d: Score }[] = r.analysis.diagnoses.map((d) => ({
      name: d.respondent === null ? null : nameText(d.respondent, lang),
      d,
    }));
    if (r.analysis.consolidated) rows.push({ name: CONSOLIDATED_ROW, d: r.analysis.consolidated });
    for (const { name, d } of rows) {
      lines.push([r.file, name, d.total, shownBand(d), ...d.parts.map((p) => p.points), d.unknown.length, d.unanswered.length].map(csvField).join(","));
    }
  }
  return lines;
}
