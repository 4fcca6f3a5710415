/**
 * Fills on the company's own sheets: the answer cells of the focus and next items (by class
 * colour; maintain items are left alone), each only where that respondent's own answer is weak
 * (anything but 実施している, blank included): on 本社's sheet an item 本社 does is not painted
 * because 工場 answered it worse; only an urgency the expert set marks every respondent's cell. And
 * the 有/無 cells of the check sheet's absent sections. The host records each cell's fill before changing it, so that the next
 * run or a clear puts it back.
 */
import { parseRange } from "../address";
import type { Analysis } from "../analyse";
import type { ItemNo } from "../catalog/diagnosis";
import type { Highlight } from "../plan";
import type { PriorityClass, PriorityItem } from "../prioritise";
import { REPORT_COLORS } from "./sheet";

export const HIGHLIGHT_COLORS: Readonly<Record<Exclude<PriorityClass, "maintain"> | "absent", string>> = {
  focus: REPORT_COLORS.focus,
  next: REPORT_COLORS.next,
  absent: REPORT_COLORS.absent,
};

export function highlightsFor(analysis: Analysis, items: PriorityItem[]): Highlight[] {
  const out: Highlight[] = [];
  const seen = new Set<string>();
  const add = (sheet: string, address: string, fill: string) => {
    const range = parseRange(address);
    const key = `${sheet}\u0000${range.top},${range.left},${range.bottom},${range.right}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ sheet, range, fill });
  };

  const byNo = new Map<ItemNo, PriorityItem>(items.map((p) => [p.no, p]));
  for (const d of analysis.diagnoses) {
    for (const a of d.answers) {
      const p = byNo.get(a.no);
      const c: PriorityClass | undefined = p?.class;
      if (a.cell === null || c === undefined || c === "maintain") continue;
      // An urgency the expert set is their judgement of the item for everyone (answers they doubt).
      if (a.answer === "implemented" && !p!.overridden.includes("urgency")) continue;
      add(d.sheet, a.cell, HIGHLIGHT_COLORS[c]);
    }
  }

  const r = analysis.regulations;
  if (r?.sheet) {
    for (const x of r.absentCells ?? []) add(r.sheet, x.cell, HIGHLIGHT_COLORS.absent);
  }
  return out;
}
