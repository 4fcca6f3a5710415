/**
 * Which fills the hosts put back and which they record, the same for both hosts: a recorded fill
 * goes back only on a cell that still carries the colour the add-in gave it (core/restore.ts,
 * carriesExpected); a highlighted cell's original is its fill before the first highlight of the
 * plan and after the restores, recorded with where it is (the sheet's id in its host), the
 * colour given (the last highlight's) and its value as the plan read it. The hosts read the
 * fills and write them; these functions decide.
 */
import { a1, cellKey } from "./address";
import type { EngineMessage } from "./messages";
import type { FillRecord, FillRestore, Highlight, RecordedFill } from "./plan";
import { toArgb } from "./plan";
import { carriesExpected, skippedRestoreMessages } from "./restore";
import type { SheetId } from "./snapshot";

/**
 * The restores the workbook allows. `now(r)`: the restore's sheet as the workbook spells it and
 * its cell's fill now (undefined when the host could not read it: not restored), or null when
 * the sheet is gone. Each allowed restore names the sheet as the workbook spells it; the others
 * are reported (recoloured since, or their sheet gone).
 */
export function allowedRestores(
  restores: readonly FillRestore[],
  now: (r: FillRestore) => { sheet: string; fill: FillRecord | undefined } | null,
): { restores: FillRestore[]; messages: EngineMessage[] } {
  const allowed: FillRestore[] = [];
  const skipped: FillRestore[] = [];
  const gone: FillRestore[] = [];
  for (const r of restores) {
    const found = now(r);
    if (!found) gone.push(r);
    else if (found.fill !== undefined && carriesExpected(found.fill, r.expect)) allowed.push({ ...r, sheet: found.sheet });
    else skipped.push(r);
  }
  return { restores: allowed, messages: skippedRestoreMessages(skipped, gone) };
}

/** A highlighted sheet as its host knows it. */
export interface HighlightedSheet {
  /** As the workbook spells it. */
  name: string;
  id: SheetId;
}

/**
 * The record of every highlighted cell, in the plan's order, a cell highlighted twice once (the
 * fill before the first highlight, the last colour). `sheetOf`: the highlight's sheet (it exists:
 * the workbook check said so). `fillBefore(index, row, col)`: the cell's fill as read before any
 * highlight, after the restores; `restored`: the restores a host queues after that read (Office.js
 * reads before it writes), whose own records are then the original. A host that restores before
 * reading passes none.
 */
export function recordHighlights(
  highlights: readonly Highlight[],
  sheetOf: (name: string) => HighlightedSheet,
  fillBefore: (index: number, row: number, col: number) => FillRecord,
  restored: readonly FillRestore[] = [],
): RecordedFill[] {
  const restoredFills = new Map(restored.map((r) => [cellKey(r.sheet, r.cell), r.original] as const));
  const recorded = new Map<string, RecordedFill>();
  highlights.forEach((h, index) => {
    const sheet = sheetOf(h.sheet);
    const applied = toArgb(h.fill);
    for (let row = h.range.top; row <= h.range.bottom; row++) {
      for (let col = h.range.left; col <= h.range.right; col++) {
        const address = a1(row, col);
        const k = cellKey(sheet.name, address);
        const was = recorded.get(k);
        // A cell highlighted twice keeps the fill it had before the first highlight, and the last colour.
        if (was) {
          was.applied = applied;
          continue;
        }
        const original = restoredFills.has(k) ? restoredFills.get(k)! : fillBefore(index, row, col);
        const value = h.values?.[row - h.range.top]?.[col - h.range.left];
        recorded.set(k, {
          sheet: sheet.name,
          cell: address,
          original: original === null ? null : structuredClone(original),
          sheetId: { ...sheet.id },
          applied,
          ...(value !== undefined ? { value } : {}),
        });
      }
    }
  });
  return [...recorded.values()];
}
