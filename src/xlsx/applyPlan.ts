/** Applies a Plan to an ExcelJS workbook. */
import ExcelJS from "exceljs";
import { a1Range } from "../core/address";
import { checkPlan, toArgb, type CellStyle, type Plan, type PlanCell, type SheetPlan, type ValidationPlan } from "../core/plan";

const PAPER = { A4: 9, Letter: 1 } as const;

/**
 * Creates or replaces the plan's sheets. Everything that can make the plan fail is checked
 * before the workbook is touched, so a refused plan leaves the workbook as it was.
 */
export function applyPlan(wb: ExcelJS.Workbook, plan: Plan): void {
  const problems = checkPlan(plan);
  for (const s of plan.sheets) {
    if (s.action === "create" && findSheet(wb, s.name)) {
      problems.push(`sheet "${s.name}": cannot create it, the workbook already has a sheet with that name`);
    }
  }
  if (problems.length) throw new Error(`the plan cannot be applied:\n- ${problems.join("\n- ")}`);

  let formulas = false;
  for (const s of plan.sheets) formulas = applySheet(wb, s) || formulas;
  // Formulas carry no cached result, so ask Excel to compute them when the file opens.
  if (formulas) wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
}

function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const key = name.toLowerCase();
  return wb.worksheets.find((ws) => ws.name.toLowerCase() === key);
}

/** Returns whether any formula was written. */
function applySheet(wb: ExcelJS.Workbook, s: SheetPlan): boolean {
  const ws = sheetFor(wb, s);
  let formulas = false;

  for (const w of s.columnWidths ?? []) ws.getColumn(w.col + 1).width = w.width;
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
      ...(p.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
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
  const { orderNo } = old as ExcelJS.Worksheet & { orderNo: number };
  wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(s.name);
  // addWorksheet appends; taking the old order number puts the sheet back where it was.
  (ws as ExcelJS.Worksheet & { orderNo: number }).orderNo = orderNo;
  return ws;
}

function writeCell(cell: ExcelJS.Cell, pc: NonNullable<PlanCell>): boolean {
  let formula = false;
  if (pc.formula !== undefined) {
    cell.value = { formula: pc.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
    formula = true;
  } else if (pc.value !== undefined) {
    cell.value = pc.value;
  }
  if (pc.style) cell.style = excelStyle(pc.style);
  return formula;
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
  const formula = Array.isArray(v.list) ? `"${v.list.join(",")}"` : v.list.formula.replace(/^=/, "");
  const validation: ExcelJS.DataValidation = {
    type: "list",
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: "stop",
    ...(v.error !== undefined ? { error: v.error } : {}),
    ...(v.prompt !== undefined ? { showInputMessage: true, prompt: v.prompt } : {}),
  };
  const address = a1Range(v.range.top, v.range.left, v.range.bottom, v.range.right);
  // Worksheet.dataValidations is missing from ExcelJS's typings; a range key keeps the file small.
  (ws as ExcelJS.Worksheet & { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    address,
    validation,
  );
}
