/// <reference types="office-js" />
/**
 * The pane's edit written cell by cell (core/report/cellEdits.ts decides which cells): two syncs
 * whatever the workbook's size. The first reads what the writes rely on (each sheet's protection,
 * its marker, the header and keys where the pane believes them, the cells' values now); the
 * second writes the changed cells' values and only the style properties that changed (through
 * Range.format, ExcelApi 1.1, so that every other format the user gave the cell stays).
 *
 * When the read shows that the cells cannot be written safely (a sheet renamed or deleted, the
 * marker gone, rows or columns moved, a value changed in Excel since the pane read it, a protected
 * sheet), nothing is written and the reason is returned: the pane then writes in full.
 */
import { a1, a1Range } from "../core/address";
import { checkFailure, sheetGone, type CellWrite, type RangeCheck, type StylePatch } from "../core/report/cellEdits";
import type { EngineMessage } from "../core/messages";
import { requireBase, detectCapabilities, type ExcelCapabilities } from "./capabilities";
import { ExcelHostError, SyncCounter } from "./errors";
import { hex } from "./styles";
import { textEntry } from "./textEntry";

export interface EditsResult {
  /** Why the cells were not written (the workbook changed), or null when they were. */
  refused: EngineMessage | null;
  syncs: number;
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;

export async function applyEdits(
  context: Excel.RequestContext,
  edit: { writes: readonly CellWrite[]; checks: readonly RangeCheck[] },
  options: { capabilities?: ExcelCapabilities } = {},
): Promise<EditsResult> {
  requireBase(options.capabilities ?? detectCapabilities());
  const counter = new SyncCounter(context);
  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => {
    let ws = sheets.get(name);
    if (!ws) sheets.set(name, (ws = context.workbook.worksheets.getItem(name)));
    return ws;
  };

  // 1. Read what the writes rely on.
  const protections = new Map<string, Excel.WorksheetProtection>();
  for (const c of edit.checks) if (!protections.has(c.sheet)) protections.set(c.sheet, sheet(c.sheet).protection.load("protected"));
  const ranges = edit.checks.map((c) =>
    sheet(c.sheet)
      .getRange(a1Range(c.range.top, c.range.left, c.range.bottom, c.range.right))
      .load("values"),
  );
  try {
    await counter.sync("reading the cells the edit changes");
  } catch (e) {
    // getItem fails the whole read when one of the sheets is gone (renamed or deleted).
    if (e instanceof ExcelHostError && e.code === "ItemNotFound") return { refused: sheetGone(edit.checks.map((c) => c.sheet)), syncs: counter.syncs };
    throw e;
  }
  const read = edit.checks.map((c, i) => (protections.get(c.sheet)!.protected ? ("protected" as const) : { values: ranges[i].values }));
  const refused = checkFailure([...edit.checks], read);
  if (refused) return { refused, syncs: counter.syncs };

  // 2. Write: values, then the style properties that changed.
  for (const w of edit.writes) {
    const range = sheet(w.sheet).getRange(a1(w.row, w.col));
    if (w.style?.numberFormat !== undefined) range.numberFormat = [[w.style.numberFormat]];
    const c = w.content;
    if (c && "formula" in c) range.formulas = [[`=${c.formula.replace(/^=/, "")}`]];
    // A date as the ISO day, taken as typed in the cell's date format (as applyPlan writes it).
    else if (c && "date" in c) range.values = [[c.date]];
    else if (c) range.values = [[c.value === null ? "" : typeof c.value === "string" && w.style?.numberFormat !== "@" ? textEntry(c.value) : c.value]];
    if (w.style) patchFormat(range, w.style);
  }
  await counter.sync("writing the changed cells", "write");
  return { refused: null, syncs: counter.syncs };
}

function patchFormat(range: Excel.Range, s: StylePatch): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.fontSize !== undefined) f.font.size = s.fontSize;
  // Office.js has no "automatic" font colour to set: black is what the default looks like.
  if (s.fontColor !== undefined) f.font.color = s.fontColor === null ? "#000000" : hex(s.fontColor);
  if (s.fill === null) f.fill.clear();
  else if (s.fill !== undefined) f.fill.color = hex(s.fill);
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.horizontal !== undefined) f.horizontalAlignment = H_ALIGN[s.horizontal];
  if (s.vertical !== undefined) f.verticalAlignment = V_ALIGN[s.vertical];
}
