/** Applies a Plan to an ExcelJS workbook. */
import ExcelJS from "exceljs";
import { a1Range, parseA1 } from "../core/address";
import { STATE_SHEET, markerColumn, markerInRow, markerText, sameSheetName, stateCells } from "../core/addinState";
import type { EngineMessage } from "../core/messages";
import { allowedRestores, recordHighlights } from "../core/fillRecords";
import {
  PlanRefusedError,
  STATE_VERSION,
  checkPlan,
  toArgb,
  type CellStyle,
  type FillRecord,
  type Highlight,
  type Plan,
  type PlanCell,
  type RecordedFill,
  type SheetPlan,
  type ValidationPlan,
} from "../core/plan";
import { workbookProblems, type WorkbookView } from "../core/workbookCheck";
import type { ThemePalette } from "../core/themeColours";
import { withThemeRgb, withoutThemeRgb, workbookPalette } from "./themeColours";
import { writeCompanyCells } from "./companyCells";

const PAPER = { A4: 9, Letter: 1 } as const;

type OrderedSheet = ExcelJS.Worksheet & { orderNo: number };

export interface ApplyResult {
  /** The original fill of every highlighted cell, as written into the state. */
  highlights: RecordedFill[];
  /** How many recorded fills were put back. */
  restored: number;
  /**
   * What the user should know, in their language: recorded cells left alone because someone
   * recoloured them since, or because their sheet is gone.
   */
  messages: EngineMessage[];
  /** Technical notes (English): none for this host; the Office.js host reports its approximations here. */
  warnings: string[];
}

/**
 * Applies the plan in this order: restore the recorded fills (each only where the cell still
 * carries the colour the add-in gave it), delete the add-in's old sheets (only sheets carrying
 * its marker that its state names), create or replace the plan's sheets, highlight the
 * company's cells (recording each cell's fill, its value, the colour given and the sheet's id
 * first), write or delete the state sheet.
 *
 * Everything that can make the plan fail is checked before the workbook is touched, so a
 * refused plan (PlanRefusedError, with every problem as a message) leaves the workbook as it
 * was. A company cell's value or formula is never written, only its fill (highlights and
 * restoreFills), except for the plan's companyCells (the decision 「今回の見直し」, ./companyCells.ts).
 */
export function applyPlan(wb: ExcelJS.Workbook, plan: Plan): ApplyResult {
  // Styles are shared within one workbook only.
  styleCache = new Map();
  styleByObject = new Map();
  const problems = checkPlan(plan);
  // The workbook checks assume a well-formed plan.
  if (problems.length === 0) problems.push(...workbookProblems(plan, workbookView(wb)));
  if (problems.length) throw new PlanRefusedError(problems);

  const active = activeSheet(wb);

  // The restores the workbook allows: the cell is there and still has the add-in's colour.
  const allowed = allowedRestores(plan.restoreFills ?? [], (r) => {
    const ws = findSheet(wb, r.sheet);
    return ws ? { sheet: ws.name, fill: fillOf(cellAt(ws, r.cell)) } : null;
  });
  // A record of a theme colour carries its RGB for the Office.js host; the file gets the theme reference only.
  for (const r of allowed.restores) setFill(cellAt(findSheet(wb, r.sheet)!, r.cell), withoutThemeRgb(r.original));

  for (const name of plan.deleteSheets ?? []) wb.removeWorksheet(findSheet(wb, name)!.id);

  let formulas = false;
  for (const s of plan.sheets) formulas = applySheet(wb, s) || formulas;
  // Formulas carry no cached result, so ask Excel to compute them when the file opens.
  if (formulas) wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };

  const highlights = applyHighlights(wb, plan.highlights ?? [], workbookPalette(wb));
  writeCompanyCells(wb, plan);

  if (plan.state !== undefined) {
    const old = findSheet(wb, STATE_SHEET);
    if (old) wb.removeWorksheet(old.id);
    if (typeof plan.state === "object") {
      // Appended, so it is the last sheet, after every sheet the company sees.
      const ws = wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
      stateCells({ ...plan.state.write, version: STATE_VERSION, highlights }).forEach((text, i) => {
        ws.getCell(i + 1, 1).value = text;
      });
    }
  }

  restoreActiveSheet(wb, active);
  return { highlights, restored: allowed.restores.length, messages: allowed.messages, warnings: [] };
}

/** The cell at an A1 address of a sheet. */
function cellAt(ws: ExcelJS.Worksheet, address: string): ExcelJS.Cell {
  const { row, col } = parseA1(address);
  return ws.getCell(row + 1, col + 1);
}

/** What the workbook check (core/workbookCheck.ts) needs: every sheet's visibility and marker, the state sheet's column A. */
function workbookView(wb: ExcelJS.Workbook): WorkbookView {
  const stateWs = findSheet(wb, STATE_SHEET);
  return {
    sheets: wb.worksheets.map((ws) => ({ name: ws.name, visible: (ws.state ?? "visible") === "visible", marked: markerOf(ws) !== null })),
    stateColumn: stateWs ? stateColumn(stateWs) : [],
    lastVisible: "result",
  };
}

/** Column A of the state sheet, top down, up to the first cell without text. */
function stateColumn(ws: ExcelJS.Worksheet): unknown[] {
  const out: unknown[] = [];
  for (let r = 1; ; r++) {
    const v = textOf(ws.findCell(r, 1)?.value);
    if (v === undefined) break;
    out.push(v);
  }
  return out;
}

function textOf(v: ExcelJS.CellValue | undefined): string | undefined {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return undefined;
}

/** The kind of the marker in row 1 of a sheet, wherever it is in the row; null when there is none. */
function markerOf(ws: ExcelJS.Worksheet): ReturnType<typeof markerInRow> {
  const row = ws.findRow(1);
  if (!row) return null;
  const values: unknown[] = [];
  row.eachCell((cell) => values.push(textOf(cell.value)));
  return markerInRow(values);
}

/**
 * Sets a cell's fill (null: no fill at all). ExcelJS shares one style object between the cells
 * of a loaded workbook that have the same style (and between the cells of a merge), and
 * cell.fill = … writes into that shared object; so the cell always gets a style object of its own.
 */
function setFill(cell: ExcelJS.Cell, fill: FillRecord): void {
  const { fill: _old, ...rest } = cell.style ?? {};
  cell.style = fill === null ? rest : { ...rest, fill: structuredClone(fill) as unknown as ExcelJS.Fill };
}

/** A cell's fill as plain data, null when it has none. */
function fillOf(cell: ExcelJS.Cell): FillRecord {
  const fill = cell.style?.fill;
  return fill ? (JSON.parse(JSON.stringify(fill)) as FillRecord) : null;
}

/**
 * Records every highlighted cell's fill (after the restores, before any highlight; with the
 * workbook's theme colours, `palette`, beside each theme colour it names), then colours the cells.
 */
function applyHighlights(wb: ExcelJS.Workbook, highlights: Highlight[], palette: ThemePalette | undefined): RecordedFill[] {
  const sheets = highlights.map((h) => findSheet(wb, h.sheet)!);
  const recorded = recordHighlights(
    highlights,
    (name) => {
      const ws = findSheet(wb, name)!;
      return { name: ws.name, id: { host: "xlsx", id: String(ws.id) } };
    },
    (index, row, col) => withThemeRgb(fillOf(sheets[index].getCell(row + 1, col + 1)), palette),
  );
  highlights.forEach((h, index) => {
    const fill: FillRecord = { type: "pattern", pattern: "solid", fgColor: { argb: toArgb(h.fill) } };
    for (let r = h.range.top; r <= h.range.bottom; r++) for (let c = h.range.left; c <= h.range.right; c++) setFill(sheets[index].getCell(r + 1, c + 1), fill);
  });
  return recorded;
}

/** The sheet shown when the file opens (bookViews' activeTab), if any. */
function activeSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const i = wb.views?.[0]?.activeTab;
  return typeof i === "number" ? wb.worksheets[i] : undefined;
}

/**
 * activeTab and firstSheet are positions; after sheets were added or removed, point them at the
 * same sheet as before (or the first visible sheet when it is gone).
 */
function restoreActiveSheet(wb: ExcelJS.Workbook, active: ExcelJS.Worksheet | undefined): void {
  const view = wb.views?.[0];
  if (!view) return;
  const sheets = wb.worksheets;
  const firstVisible = Math.max(
    0,
    sheets.findIndex((ws) => ws.state !== "hidden" && ws.state !== "veryHidden"),
  );
  if (typeof view.activeTab === "number") {
    const i = active ? sheets.indexOf(active) : -1;
    view.activeTab = i >= 0 ? i : firstVisible;
  }
  if (typeof view.firstSheet === "number" && view.firstSheet >= sheets.length) view.firstSheet = firstVisible;
}

/** Puts a sheet at a 0-based position among the workbook's sheets (the end when beyond it). */
function placeSheet(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, position: number): void {
  const order = wb.worksheets.filter((w) => w !== ws);
  order.splice(Math.min(position, order.length), 0, ws);
  // wb.worksheets (and the file) list the sheets by orderNo.
  order.forEach((w, i) => ((w as OrderedSheet).orderNo = i));
}

function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((ws) => sameSheetName(ws.name, name));
}

/** Returns whether any formula was written. */
function applySheet(wb: ExcelJS.Workbook, s: SheetPlan): boolean {
  const ws = sheetFor(wb, s);
  if (s.position !== undefined) placeSheet(wb, ws, s.position);
  let formulas = false;
  if (s.marker !== undefined) {
    const col = markerColumn(s);
    ws.getCell(1, col + 1).value = markerText(s.marker);
    ws.getColumn(col + 1).hidden = true;
  }

  for (const w of s.columnWidths ?? []) ws.getColumn(w.col + 1).width = w.width;
  for (const c of s.hiddenColumns ?? []) ws.getColumn(c + 1).hidden = true;
  for (const h of s.rowHeights ?? []) ws.getRow(h.row + 1).height = h.height;

  for (const block of s.cells) {
    block.rows.forEach((row, i) =>
      row.forEach((pc, j) => {
        if (pc) formulas = writeCell(ws.getCell(block.top + i + 1, block.left + j + 1), pc) || formulas;
      }),
    );
  }

  // After the values: ExcelJS copies the master's style to the rest of a merge.
  for (const m of s.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);

  for (const v of s.validations ?? []) addValidation(ws, v);

  if (s.freezeRows) {
    ws.views = [{ state: "frozen", xSplit: 0, ySplit: s.freezeRows, topLeftCell: `A${s.freezeRows + 1}` }];
  }
  if (s.print) {
    const p = s.print;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: PAPER[p.paper ?? "A4"] as ExcelJS.PaperSize,
      orientation: p.orientation,
      ...(p.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: p.pagesTall ?? 0 } : {}),
      ...(p.repeatRows ? { printTitlesRow: `${p.repeatRows[0] + 1}:${p.repeatRows[1] + 1}` } : {}),
    };
    if (p.header !== undefined || p.footer !== undefined) {
      ws.headerFooter = {
        ...ws.headerFooter,
        ...(p.header !== undefined ? { oddHeader: p.header } : {}),
        ...(p.footer !== undefined ? { oddFooter: p.footer } : {}),
      };
    }
  }
  if (s.tabColor) ws.properties.tabColor = { argb: toArgb(s.tabColor) };
  return formulas;
}

function sheetFor(wb: ExcelJS.Workbook, s: SheetPlan): ExcelJS.Worksheet {
  const old = s.action === "replace" ? findSheet(wb, s.name) : undefined;
  if (!old) return wb.addWorksheet(s.name);
  const { orderNo } = old as OrderedSheet;
  wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(s.name);
  // addWorksheet appends; taking the old order number puts the sheet back where it was.
  (ws as OrderedSheet).orderNo = orderNo;
  return ws;
}

function writeCell(cell: ExcelJS.Cell, pc: NonNullable<PlanCell>): boolean {
  let formula = false;
  if (pc.formula !== undefined) {
    cell.value = { formula: pc.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
    formula = true;
  } else if (pc.date !== undefined) {
    // A Date: ExcelJS writes its serial number in the workbook's date system (1900 or 1904).
    cell.value = new Date(`${pc.date}T00:00:00Z`);
  } else if (pc.value !== undefined) {
    // A string is stored as text (t="s") whatever it starts with: "=1+1" stays the text "=1+1".
    cell.value = pc.value;
  }
  if (pc.style) cell.style = sharedStyle(pc.style);
  return formula;
}

/**
 * One ExcelJS style object per distinct plan style in a plan: ExcelJS's writer registers styles
 * by object, so sharing them keeps writing fast. Safe because nothing here mutates a style in
 * place: highlights and restores always assign a fresh object.
 */
let styleCache = new Map<string, Partial<ExcelJS.Style>>();
/** The same, by the plan's style object: plans that share style objects skip the key. */
let styleByObject = new Map<CellStyle, Partial<ExcelJS.Style>>();

function sharedStyle(s: CellStyle): Partial<ExcelJS.Style> {
  let style = styleByObject.get(s);
  if (style) return style;
  const key = JSON.stringify(s);
  style = styleCache.get(key);
  if (!style) {
    style = excelStyle(s);
    styleCache.set(key, style);
  }
  styleByObject.set(s, style);
  return style;
}

function excelStyle(s: CellStyle): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  const font: Partial<ExcelJS.Font> = {};
  if (s.fontName !== undefined) font.name = s.fontName;
  if (s.fontSize !== undefined) font.size = s.fontSize;
  if (s.bold !== undefined) font.bold = s.bold;
  if (s.italic !== undefined) font.italic = s.italic;
  if (s.fontColor !== undefined) font.color = { argb: toArgb(s.fontColor) };
  if (Object.keys(font).length) style.font = font;
  if (s.fill !== undefined) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: toArgb(s.fill) } };
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (s.wrap !== undefined) alignment.wrapText = s.wrap;
  if (s.horizontal !== undefined) alignment.horizontal = s.horizontal;
  if (s.vertical !== undefined) alignment.vertical = s.vertical;
  if (Object.keys(alignment).length) style.alignment = alignment;
  if (s.border === "thin") {
    const side: Partial<ExcelJS.Border> = { style: "thin" };
    style.border = { top: side, left: side, bottom: side, right: side };
  } else if (s.border === "none") {
    style.border = {};
  }
  if (s.numberFormat !== undefined) style.numFmt = s.numberFormat;
  return style;
}

function addValidation(ws: ExcelJS.Worksheet, v: ValidationPlan): void {
  const rule: Pick<ExcelJS.DataValidation, "type" | "formulae" | "operator"> = v.date
    ? // ExcelJS writes a Date formula as its serial number.
      { type: "date", operator: "greaterThanOrEqual", formulae: [new Date(`${v.date.from}T00:00:00Z`)] }
    : { type: "list", formulae: [Array.isArray(v.list) ? `"${v.list.join(",")}"` : v.list!.formula.replace(/^=/, "")] };
  const validation: ExcelJS.DataValidation = {
    ...rule,
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: v.errorStyle ?? "stop",
    ...(v.error !== undefined ? { error: v.error } : {}),
    ...(v.prompt !== undefined ? { showInputMessage: true, prompt: v.prompt } : {}),
  };
  const address = a1Range(v.range.top, v.range.left, v.range.bottom, v.range.right);
  // Worksheet.dataValidations is missing from ExcelJS's typings; a range key keeps the file small.
  (ws as ExcelJS.Worksheet & { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(address, validation);
}
