/**
 * The xlsx host's writer: applies a plan by editing the company's package instead of having
 * ExcelJS write the whole workbook again (browser-safe). ExcelJS's load of the same bytes still
 * decides (src/xlsx/applyPlan.ts: the plan's and the workbook's checks, which recorded cells may
 * be restored, what is recorded for each highlighted cell); this module then changes only:
 * - the `s` (style index) of the cells coloured or given back, in their worksheet parts (a cell
 *   element, and its row, added where there was none, and taken away again by clear);
 * - the styles part: formats appended for the colours and our sheets (taken off by clear while
 *   they are still exactly ours and no cell uses them);
 * - the workbook part, its relationships and [Content_Types].xml: our sheets' entries, defined
 *   names and overrides; the calculation chain when a sheet with entries in it goes;
 * - our sheets and the state sheet, new parts written by ExcelJS (./ourSheets.ts);
 * - the value of the plan's company cells (the decision 「今回の見直し」, ./companyCells.ts).
 * Every other part is copied as stored, byte for byte.
 */
import type ExcelJS from "exceljs";
import { STATE_SHEET, sameSheetName, stateFromColumn } from "../core/addinState";
import { parseA1 } from "../core/address";
import { STATE_VERSION, cellKey, type FillRestore, type Plan, type StateData, type XlsxPackageRecord } from "../core/plan";
import { carriesExpected } from "../core/restore";
import { applyPlan, type ApplyResult } from "./applyPlan";
import type { Deflate } from "./deflate";
import type { Inflate } from "./inflate";
import { ourSheetParts, stateSheetPart } from "./ourSheets";
import { PackageDraft, relsPath, resolveTarget } from "./packageDraft";
import { StylesPart } from "./stylesPart";
import { ContentTypes, RelsPart, WORKSHEET_REL, WORKSHEET_TYPE, WorkbookPart, type BookSheet } from "./workbookPart";
import { addTarget, editCells, highestStyleIndex, type CellTargets } from "./worksheetPart";
import { elements, getAttribute, splice } from "./xmlEdit";
import { PackageDamagedError } from "./packageDamaged";

export interface PackageIo {
  inflate: Inflate;
  deflate: Deflate;
}

const WORKBOOK = "xl/workbook.xml";
const STYLES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const CALC_CHAIN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain";

/**
 * Applies `plan` to the workbook whose package is `input` and which `wb` is ExcelJS's load of
 * (used up: applyPlan changes it). Throws PlanRefusedError, before anything is made, as
 * applyPlan does. Gives the new package's bytes and applyPlan's result, whose highlights are
 * the records written into the state.
 */
export async function applyPlanToPackage(
  input: Uint8Array,
  wb: ExcelJS.Workbook,
  plan: Plan,
  io: PackageIo,
): Promise<{ bytes: Uint8Array; result: ApplyResult }> {
  const previous = previousState(wb);
  const performed = performedRestores(wb, plan);
  const result = applyPlan(wb, plan);

  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const draft = new PackageDraft(buf, io.inflate);
  const book = new WorkbookPart(await required(draft, WORKBOOK));
  const relsName = relsPath(WORKBOOK);
  const rels = new RelsPart(await required(draft, relsName));
  const types = new ContentTypes(await required(draft, "[Content_Types].xml"));
  const stylesRel = rels.list().find((r) => r.type === STYLES_REL);
  const stylesName = stylesRel ? resolveTarget(WORKBOOK, stylesRel.target) : "xl/styles.xml";
  const styles = new StylesPart(await required(draft, stylesName));
  const partOf = (s: BookSheet) => {
    const r = rels.list().find((x) => x.id === s.relId);
    return r ? resolveTarget(WORKBOOK, r.target) : null;
  };

  // 1. The recorded cells given back: their recorded format while the formats appended are still ours, else a copy of their format with the recorded fill.
  const pkgBefore = previous?.xlsxPackage;
  const oursFrom = pkgBefore && styles.stillOurs(pkgBefore.styles) ? (pkgBefore.styles.cellXfs?.before ?? Infinity) : Infinity;
  const records = new Map((previous?.highlights ?? []).map((h) => [cellKey(h.sheet, h.cell), h]));
  let fallback = false;
  await editSheets(draft, book, partOf, performed, (r) => {
    const rec = records.get(cellKey(r.recorded?.sheet ?? r.sheet, r.recorded?.cell ?? r.cell))?.xlsx;
    return (now) => {
      // A cell element we added, still empty (it carries our colour: applyPlan checked): it goes again.
      if (rec?.created && !now.hasContent) return { remove: true, removeRow: rec.created === "row" };
      if (rec && now.s !== null && now.s >= oursFrom && (rec.s === null || rec.s < oursFrom)) return { s: rec.s };
      fallback = true;
      return { s: styles.xfWithFill(now.base, styles.fillFromRecord(r.original)) };
    };
  });

  // 2. Sheets deleted: the plan's, the old state, and those replaced (kept as placeholders where the new one goes).
  const calcChain = new CalcChainEdit();
  const gone: BookSheet[] = [];
  const drop = async (s: BookSheet) => {
    gone.push(s);
    const part = partOf(s);
    rels.remove(s.relId);
    if (part) await removePart(draft, types, part);
    calcChain.sheetIds.add(s.sheetId);
  };
  for (const name of plan.deleteSheets ?? []) {
    const s = book.find(name);
    if (s) {
      book.remove(s);
      await drop(s);
    }
  }
  const oldState = plan.state !== undefined ? book.find(STATE_SHEET) : undefined;
  if (oldState) {
    book.remove(oldState);
    await drop(oldState);
  }
  const replaced = new Map<string, BookSheet>();
  for (const p of plan.sheets) {
    const s = p.action === "replace" ? book.find(p.name) : undefined;
    if (s) {
      replaced.set(p.name.toLowerCase(), s);
      await drop(s);
    }
  }

  // 3. Formats appended by the last run, taken off when no cell that stays uses them.
  let calc: XlsxPackageRecord["calc"];
  if (pkgBefore && oursFrom !== Infinity && !fallback) {
    let used = false;
    for (const s of book.sheets) {
      const part = s.element !== null && !gone.includes(s) ? partOf(s) : null;
      const text = part ? await draft.text(part) : null;
      if (text !== null && highestStyleIndex(text) >= oursFrom) used = true;
    }
    if (!used) styles.removeRecorded(pkgBefore.styles);
  }

  // 4. Highlights on the company's cells: a copy of the cell's format with the colour.
  const highlighted = result.highlights.map((h) => ({ ...h }));
  const byCell = new Map(highlighted.map((h) => [cellKey(h.sheet, h.cell), h]));
  await editSheets(draft, book, partOf, highlighted, (h) => (now) => {
    const rec = byCell.get(cellKey(h.sheet, h.cell))!;
    rec.xlsx = now.exists ? { s: now.s } : { s: now.base === 0 ? null : now.base, created: now.rowExists ? "cell" : "row" };
    return { s: styles.xfWithFill(now.base, styles.solidFill(rec.applied ?? "FFFFFF00")) };
  });

  // 4b. The company's decision 「今回の見直し」 written from the pane, or given back by clear (its format kept).
  await editSheets(draft, book, partOf, plan.companyCells ?? [], (w) => () => ({ value: w.value }));

  // 5. Our sheets, then the state with the record of what this run appended (the state sheet itself has no formats).
  const ours = await ourSheetParts(plan.sheets, styles, io.inflate);
  if (pkgBefore?.calc && ours.formulas) calc = pkgBefore.calc;
  else {
    if (pkgBefore?.calc) book.undoFullCalcOnLoad(pkgBefore.calc);
    if (ours.formulas) calc = book.setFullCalcOnLoad() ?? undefined;
  }
  const write = typeof plan.state === "object" && plan.state !== null ? plan.state.write : null;
  const record: XlsxPackageRecord = { styles: styles.record(), ...(calc ? { calc } : {}) };
  const state: StateData | null = write ? { ...write, version: STATE_VERSION, highlights: highlighted, xlsxPackage: record } : null;
  const finalParts = { sheets: [...ours.sheets, ...(state ? [stateSheetPart(state)] : [])] };

  // A name no part has and no relationship points at (a damaged file may name a part it lacks).
  const taken = new Set([...draft.names(), ...rels.list().map((r) => resolveTarget(WORKBOOK, r.target))].map((n) => n.toLowerCase()));
  let n = 1;
  const freePart = () => {
    while (taken.has(`xl/worksheets/sheet${n}.xml`)) n++;
    taken.add(`xl/worksheets/sheet${n}.xml`);
    return `xl/worksheets/sheet${n}.xml`;
  };
  for (const s of finalParts.sheets) {
    const part = freePart();
    draft.set(part, s.xml);
    const relId = rels.freeId();
    rels.add(relId, WORKSHEET_REL, part.slice("xl/".length));
    types.add(part, WORKSHEET_TYPE);
    const planned = s.veryHidden ? undefined : plan.sheets.find((p) => sameSheetName(p.name, s.name));
    const old = replaced.get(s.name.toLowerCase());
    const entry =
      old && planned?.position === undefined
        ? book.replace(old, s.name, relId)
        : book.add(s.name, relId, planned?.position, s.veryHidden ? "veryHidden" : undefined);
    if (old && planned?.position !== undefined) book.remove(old);
    for (const d of s.definedNames) book.addDefinedName({ name: d.name, sheet: entry, text: d.text });
  }
  for (const s of replaced.values()) book.remove(s);

  await calcChain.apply(draft, rels, types);
  draft.set(WORKBOOK, book.toString());
  draft.set(relsName, rels.toString());
  draft.set("[Content_Types].xml", types.toString());
  draft.set(stylesName, styles.toString());
  return { bytes: await draft.bytesOut(io.deflate), result: { ...result, highlights: highlighted } };
}

async function required(draft: PackageDraft, path: string): Promise<string> {
  const text = await draft.text(path);
  if (text === null) throw new PackageDamagedError(`the workbook has no ${path}`);
  return text;
}

/** The state the workbook holds before the plan (null when none or damaged: applyPlan then decides). */
function previousState(wb: ExcelJS.Workbook): StateData | null {
  const ws = wb.worksheets.find((w) => sameSheetName(w.name, STATE_SHEET));
  if (!ws) return null;
  const column: unknown[] = [];
  for (let r = 1; ; r++) {
    const v = ws.findCell(r, 1)?.value;
    const text = typeof v === "string" ? v : v && typeof v === "object" && "richText" in v ? v.richText.map((x) => x.text).join("") : undefined;
    if (text === undefined) break;
    column.push(text);
  }
  try {
    return stateFromColumn(column, ws.name);
  } catch {
    // A damaged state: applyPlan refuses every plan but the one that discards it, which restores nothing.
    return null;
  }
}

/** The restores applyPlan will make: the cell is there and still has the add-in's colour (the same test as applyPlan's). */
function performedRestores(wb: ExcelJS.Workbook, plan: Plan): FillRestore[] {
  const out: FillRestore[] = [];
  for (const r of plan.restoreFills ?? []) {
    const ws = wb.worksheets.find((w) => sameSheetName(w.name, r.sheet));
    if (!ws) continue;
    const { row, col } = parseA1(r.cell);
    const fill = ws.getCell(row + 1, col + 1).style?.fill;
    if (carriesExpected(fill ? (JSON.parse(JSON.stringify(fill)) as Record<string, unknown>) : null, r.expect)) out.push(r);
  }
  return out;
}

/** Edits the cells of `items` (each on a sheet, at a cell) in their sheets' parts. */
async function editSheets<T extends { sheet: string; cell: string }>(
  draft: PackageDraft,
  book: WorkbookPart,
  partOf: (s: BookSheet) => string | null,
  items: T[],
  editor: (item: T) => Parameters<typeof addTarget>[3],
): Promise<void> {
  const bySheet = new Map<string, CellTargets>();
  for (const item of items) {
    const s = book.find(item.sheet);
    const part = s ? partOf(s) : null;
    if (!part) throw new PackageDamagedError(`the sheet "${item.sheet}" has no part in the package`);
    let targets = bySheet.get(part);
    if (!targets) bySheet.set(part, (targets = new Map()));
    const { row, col } = parseA1(item.cell);
    addTarget(targets, row, col, editor(item));
  }
  for (const [part, targets] of bySheet) draft.set(part, editCells((await draft.text(part))!, targets));
}

/**
 * Removes a part with its relationships, its content type override, and the parts only it
 * refers to (a sheet's drawing, comments, printer settings …), as Excel does when it deletes a sheet.
 */
async function removePart(draft: PackageDraft, types: ContentTypes, part: string): Promise<void> {
  const relsName = relsPath(part);
  const own = draft.has(relsName) ? new RelsPart((await draft.text(relsName))!).list() : [];
  draft.remove(part);
  draft.remove(relsName);
  types.remove(part);
  for (const r of own) {
    if (r.external) continue;
    const target = resolveTarget(part, r.target);
    if (!draft.has(target)) continue;
    let referenced = false;
    for (const n of draft.names()) {
      if (!n.endsWith(".rels")) continue;
      const source = n.replace(/_rels\/([^/]+)\.rels$/, "$1");
      if (new RelsPart((await draft.text(n))!).list().some((x) => !x.external && resolveTarget(source, x.target).toLowerCase() === target.toLowerCase()))
        referenced = true;
    }
    if (!referenced) await removePart(draft, types, target);
  }
}

/** The calculation chain's entries of deleted sheets (Excel asks to repair a file whose chain names a missing sheet). */
class CalcChainEdit {
  readonly sheetIds = new Set<number>();

  async apply(draft: PackageDraft, rels: RelsPart, types: ContentTypes): Promise<void> {
    if (this.sheetIds.size === 0) return;
    const rel = rels.list().find((r) => r.type === CALC_CHAIN_REL);
    if (!rel) return;
    const part = resolveTarget(WORKBOOK, rel.target);
    const xml = await draft.text(part);
    if (xml === null) return;
    const edits: { start: number; end: number; text: string }[] = [];
    let sheet = -1;
    let kept = 0;
    const cells = elements(xml, "c");
    for (const c of cells) {
      const i = getAttribute(c.startTag, "i");
      if (i !== null) sheet = Number(i);
      if (this.sheetIds.has(sheet)) edits.push({ start: c.start, end: c.end, text: "" });
      else kept++;
    }
    if (edits.length === 0) return;
    if (kept === 0) {
      draft.remove(part);
      types.remove(part);
      rels.remove(rel.id);
      return;
    }
    // An entry without i belongs to the sheet of the entry before it: the first one kept must name its sheet.
    let text = splice(xml, edits);
    let current = -1;
    const fixed: { start: number; end: number; text: string }[] = [];
    let prevKept = -1;
    for (const c of cells) {
      const i = getAttribute(c.startTag, "i");
      if (i !== null) current = Number(i);
      if (this.sheetIds.has(current)) continue;
      if (i === null && prevKept !== current)
        fixed.push({ start: c.start, end: c.startTagEnd, text: c.startTag.replace(/^<([\w.:]*c)\b/, `<$1 i="${current}"`) });
      prevKept = current;
    }
    text = splice(xml, [...edits, ...fixed]);
    draft.set(part, text);
  }
}
