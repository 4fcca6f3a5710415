/** The `--csv` table: one row per file and respondent, for comparing clients side by side. */
import type { Score } from "../core/score";
import type { FileResult } from "./analyzeFiles";

export const CSV_HEADER = ["file", "respondent", "total", "band", "part1", "part2", "part3", "unknown", "unanswered"];
/** The respondent column of the row holding the consolidated (weakest-answer) result. */
export const CONSOLIDATED_ROW = "(consolidated)";

function field(v: string | number | null): string {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvReport(results: FileResult[]): string {
  const lines = [CSV_HEADER.join(",")];
  for (const r of results) {
    if (!r.analysis) continue;
    const rows: { name: string | null; d: Score }[] = r.analysis.diagnoses.map((d) => ({ name: d.respondent, d }));
    if (r.analysis.consolidated) rows.push({ name: CONSOLIDATED_ROW, d: r.analysis.consolidated });
    for (const { name, d } of rows) {
      lines.push(
        [r.file, name, d.total, d.band, ...d.parts.map((p) => p.points), d.unknown.length, d.unanswered.length]
          .map(field)
          .join(","),
      );
    }
  }
  return lines.join("\n") + "\n";
}
