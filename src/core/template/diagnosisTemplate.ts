/**
 * A blank diagnosis sheet as a Plan: the 25 items with an answer dropdown, a points formula
 * per item, part subtotals, the total, the unanswered count and the band.
 */
import { a1, a1Range } from "../address";
import { ANSWERS, BANDS, ITEMS, ITEM_COUNT, MAX_TOTAL, PARTS, type ItemNo } from "../catalog/diagnosis";
import { t, type Lang, type MessageKey, type Params } from "../i18n";
import type { CellRange } from "../snapshot";
import type { CellStyle, Plan, PlanCell, SheetPlan } from "../plan";

export interface CellPos {
  row: number;
  col: number;
}

/** Where things are on the template sheet (0-based), for tests and for code that fills it in. */
export interface DiagnosisTemplateLayout {
  sheetName: string;
  columns: { no: number; question: number; answer: number; points: number; memo: number };
  /** The item table's column header row; the rows above it and it stay frozen. */
  headerRow: number;
  /** itemRows[no - 1] is the row of item `no`. */
  itemRows: number[];
  /** partHeaderRows[part - 1] is the "Part n" row above the part's items. */
  partHeaderRows: number[];
  /** The answers (first column) and their points (second column). */
  legend: CellRange;
  /** subtotals[part - 1] is the cell summing the part's points; maxima beside it. */
  subtotals: CellPos[];
  maxima: CellPos[];
  total: CellPos;
  unanswered: CellPos;
  band: CellPos;
  /** Says the band is provisional while items are unanswered. */
  provisional: CellPos;
}

const COLS = { no: 0, question: 1, answer: 2, points: 3, memo: 4 } as const;
const LAST_COL = COLS.memo;
const TITLE_ROW = 0;
const LEGEND_HEADER_ROW = 1;
const HEADER_ROW = LEGEND_HEADER_ROW + ANSWERS.length + 1;

export function diagnosisTemplateLayout(lang: Lang = "ja"): DiagnosisTemplateLayout {
  const itemRows: number[] = [];
  const partHeaderRows: number[] = [];
  let row = HEADER_ROW + 1;
  for (const p of PARTS) {
    partHeaderRows.push(row++);
    for (let no = p.first; no <= p.last; no++) itemRows.push(row++);
  }
  const summaryHeader = row + 1;
  const partRow = (i: number) => summaryHeader + 1 + i;
  const totalRow = partRow(PARTS.length);
  return {
    sheetName: t(lang, "template.sheetName"),
    columns: { ...COLS },
    headerRow: HEADER_ROW,
    itemRows,
    partHeaderRows,
    legend: {
      top: LEGEND_HEADER_ROW + 1,
      left: COLS.answer,
      bottom: LEGEND_HEADER_ROW + ANSWERS.length,
      right: COLS.points,
    },
    subtotals: PARTS.map((_, i) => ({ row: partRow(i), col: COLS.points })),
    maxima: PARTS.map((_, i) => ({ row: partRow(i), col: COLS.answer })),
    total: { row: totalRow, col: COLS.points },
    unanswered: { row: totalRow + 1, col: COLS.points },
    band: { row: totalRow + 2, col: COLS.points },
    provisional: { row: totalRow + 3, col: COLS.points },
  };
}

// Yu Gothic is the default Japanese font of Office 2016 and later and ships with Windows and
// macOS; where it is missing Excel falls back to another Japanese font (MS P Gothic, Hiragino),
// so the sheet stays legible. Meiryo was the alternative, but it looks dated in Office today.
const FONT: Record<Lang, { name: string; lineHeight: number; cjkUnits: number }> = {
  ja: { name: "游ゴシック", lineHeight: 18, cjkUnits: 2.1 },
  en: { name: "Calibri", lineHeight: 15, cjkUnits: 2 },
};
const WIDTHS = [5.5, 62, 19, 8, 26];
const COLORS = {
  headerFill: "1F4E79",
  headerText: "FFFFFF",
  partFill: "DDEBF7",
  inputFill: "FFF2CC",
  summaryFill: "F2F2F2",
};

export function diagnosisTemplatePlan(lang: Lang = "ja"): Plan {
  const L = diagnosisTemplateLayout(lang);
  const font = FONT[lang];
  const tx = (key: MessageKey, params?: Params) => t(lang, key, params);
  const base: CellStyle = { fontName: font.name, fontSize: 11, vertical: "middle" };
  const st = (s: CellStyle = {}): CellStyle => ({ ...base, ...s });
  const boxed = (s: CellStyle = {}): CellStyle => st({ border: "thin", ...s });
  const head = (s: CellStyle = {}): CellStyle => boxed({ bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerText, horizontal: "center", ...s });

  const lastRow = L.provisional.row;
  const grid: PlanCell[][] = Array.from({ length: lastRow + 1 }, () => Array<PlanCell>(LAST_COL + 1).fill(null));
  const put = (row: number, col: number, cell: PlanCell) => {
    grid[row][col] = cell;
  };
  const merges: CellRange[] = [];
  const rowHeights: { row: number; height: number }[] = [];

  // Title and instructions, the legend beside the instructions.
  put(TITLE_ROW, 0, { value: tx("template.title"), style: st({ bold: true, fontSize: 14 }) });
  merges.push({ top: TITLE_ROW, left: 0, bottom: TITLE_ROW, right: LAST_COL });
  rowHeights.push({ row: TITLE_ROW, height: 28 });

  const unknown = ANSWERS.find((a) => a.id === "unknown")!;
  const instructions = tx("template.instructions", { unknown: unknown.label[lang], points: unknown.points });
  put(LEGEND_HEADER_ROW, 0, { value: instructions, style: st({ wrap: true, vertical: "top" }) });
  const instr: CellRange = { top: LEGEND_HEADER_ROW, left: 0, bottom: L.legend.bottom, right: COLS.question };
  merges.push(instr);
  const instrRows = instr.bottom - instr.top + 1;
  const instrLines = wrappedLines(instructions, WIDTHS[0] + WIDTHS[1], font.cjkUnits);
  const instrHeight = Math.max(font.lineHeight + 2, Math.ceil((instrLines * font.lineHeight + 6) / instrRows));
  for (let r = instr.top; r <= instr.bottom; r++) rowHeights.push({ row: r, height: instrHeight });

  put(LEGEND_HEADER_ROW, COLS.answer, { value: tx("template.legend.answer"), style: head() });
  put(LEGEND_HEADER_ROW, COLS.points, { value: tx("template.legend.points"), style: head() });
  ANSWERS.forEach((a, i) => {
    put(L.legend.top + i, COLS.answer, { value: a.label[lang], style: boxed() });
    put(L.legend.top + i, COLS.points, { value: a.points, style: boxed({ horizontal: "center", numberFormat: "0" }) });
  });

  // Item table.
  const headers: [number, MessageKey][] = [
    [COLS.no, "template.col.no"],
    [COLS.question, "template.col.question"],
    [COLS.answer, "template.col.answer"],
    [COLS.points, "template.col.points"],
    [COLS.memo, "template.col.memo"],
  ];
  for (const [col, key] of headers) put(L.headerRow, col, { value: tx(key), style: head() });
  rowHeights.push({ row: L.headerRow, height: font.lineHeight + 6 });

  const legendAbs = absRange(L.legend);
  const answerCell = (no: ItemNo) => a1(L.itemRows[no - 1], COLS.answer);
  const pointsCell = (no: ItemNo) => a1(L.itemRows[no - 1], COLS.points);

  PARTS.forEach((p, i) => {
    const r = L.partHeaderRows[i];
    const label = tx("template.part", { part: p.part, name: p.name[lang], first: p.first, last: p.last });
    put(r, 0, { value: label, style: boxed({ bold: true, fill: COLORS.partFill }) });
    // Merged over No and question only: a label spanning the answer column would read as
    // that column's header (the respondent's name) to the recogniser.
    merges.push({ top: r, left: 0, bottom: r, right: COLS.question });
    for (let c = COLS.question + 1; c <= LAST_COL; c++) put(r, c, { value: null, style: boxed({ fill: COLORS.partFill }) });
    rowHeights.push({ row: r, height: font.lineHeight + 4 });
  });

  for (const item of ITEMS) {
    const r = L.itemRows[item.no - 1];
    const question = item.question[lang];
    const answer = answerCell(item.no);
    put(r, COLS.no, { value: item.no, style: boxed({ horizontal: "center", numberFormat: "0" }) });
    put(r, COLS.question, { value: question, style: boxed({ wrap: true }) });
    put(r, COLS.answer, { value: null, style: boxed({ fill: COLORS.inputFill }) });
    put(r, COLS.points, {
      formula: `IF(${answer}="","",IFERROR(VLOOKUP(${answer},${legendAbs},2,FALSE),""))`,
      style: boxed({ horizontal: "center", numberFormat: "0" }),
    });
    put(r, COLS.memo, { value: null, style: boxed({ wrap: true }) });
    const lines = wrappedLines(question, WIDTHS[COLS.question], font.cjkUnits);
    rowHeights.push({ row: r, height: lines * font.lineHeight + 6 });
  }

  // Summary.
  const sumHeader = L.subtotals[0].row - 1;
  put(sumHeader, COLS.question, { value: tx("template.summary.title"), style: head({ horizontal: "left" }) });
  put(sumHeader, COLS.answer, { value: tx("template.summary.max"), style: head() });
  put(sumHeader, COLS.points, { value: tx("template.summary.score"), style: head() });
  const label = (s: CellStyle = {}) => boxed({ fill: COLORS.summaryFill, ...s });
  const number = (s: CellStyle = {}) => boxed({ horizontal: "center", numberFormat: "0", ...s });

  PARTS.forEach((p, i) => {
    const { row } = L.subtotals[i];
    const first = pointsCell(p.first);
    const last = pointsCell(p.last);
    put(row, COLS.question, { value: tx("template.summary.part", { part: p.part, name: p.name[lang] }), style: label() });
    put(row, L.maxima[i].col, { value: p.max, style: number() });
    put(row, COLS.points, { formula: `SUM(${first}:${last})`, style: number() });
  });

  const total = a1(L.total.row, L.total.col);
  const unanswered = a1(L.unanswered.row, L.unanswered.col);
  const subtotalRange = a1Range(L.subtotals[0].row, COLS.points, L.subtotals[PARTS.length - 1].row, COLS.points);
  put(L.total.row, COLS.question, { value: tx("template.summary.total"), style: label({ bold: true }) });
  put(L.total.row, COLS.answer, { value: MAX_TOTAL, style: number({ bold: true }) });
  put(L.total.row, COLS.points, { formula: `SUM(${subtotalRange})`, style: number({ bold: true }) });

  // One COUNTBLANK per part: the part header rows between them are blank too.
  const blanks = PARTS.map((p) => `COUNTBLANK(${answerCell(p.first)}:${answerCell(p.last)})`).join("+");
  put(L.unanswered.row, COLS.question, { value: tx("template.summary.unanswered"), style: label() });
  put(L.unanswered.row, COLS.answer, { value: null, style: boxed() });
  put(L.unanswered.row, COLS.points, { formula: blanks, style: number() });

  put(L.band.row, COLS.question, { value: tx("template.summary.band"), style: label({ bold: true }) });
  put(L.band.row, COLS.answer, { value: null, style: boxed() });
  put(L.band.row, COLS.points, {
    formula: `IF(${unanswered}=${ITEM_COUNT},"",${bandFormula(total, lang)})`,
    style: boxed({ bold: true, horizontal: "center" }),
  });
  merges.push({ top: L.band.row, left: COLS.points, bottom: L.band.row, right: LAST_COL });

  const provisional = countFormulaText(lang, "template.summary.provisional", unanswered);
  put(L.provisional.row, COLS.points, {
    formula: `IF(${unanswered}=0,"",IF(${unanswered}=${ITEM_COUNT},${excelString(tx("template.summary.noAnswers"))},${provisional}))`,
    style: st({ wrap: true, vertical: "top", fontColor: "C00000" }),
  });
  merges.push({ top: L.provisional.row, left: COLS.points, bottom: L.provisional.row, right: LAST_COL });
  rowHeights.push({ row: L.provisional.row, height: font.lineHeight * 2 + 6 });

  const validations: SheetPlan["validations"] = PARTS.map((p) => ({
    range: { top: L.itemRows[p.first - 1], left: COLS.answer, bottom: L.itemRows[p.last - 1], right: COLS.answer },
    list: { formula: absRange({ ...L.legend, right: L.legend.left }) },
    prompt: tx("template.validation.prompt"),
    error: tx("template.validation.error"),
  }));

  return {
    sheets: [
      {
        name: L.sheetName,
        action: "create",
        cells: [{ top: 0, left: 0, rows: grid }],
        columnWidths: WIDTHS.map((width, col) => ({ col, width })),
        rowHeights,
        merges,
        validations,
        freezeRows: L.headerRow + 1,
        print: { orientation: "portrait", paper: "A4", fitToWidth: true, repeatRows: [L.headerRow, L.headerRow], footer: "&C&P / &N" },
        tabColor: COLORS.headerFill,
      },
    ],
  };
}

/** IF(total>=100,"…",IF(total>=70,"…",…,"lowest")) from the catalog's bands. */
function bandFormula(total: string, lang: Lang): string {
  const lowest = BANDS[BANDS.length - 1];
  return BANDS.slice(0, -1).reduceRight((inner, b) => `IF(${total}>=${b.min},${excelString(b.label[lang])},${inner})`, excelString(lowest.label[lang]));
}

function absRange(r: CellRange): string {
  const abs = (row: number, col: number) => `$${colLetter(col)}$${row + 1}`;
  return `${abs(r.top, r.left)}:${abs(r.bottom, r.right)}`;
}

function colLetter(col: number): string {
  return a1(0, col).replace(/\d+$/, "");
}

function excelString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

// Stands in for a placeholder so a translated sentence can be cut around it.
const MARK = "\u0000";

/** A resource sentence rendered with MARK for its placeholder, as an Excel text formula. */
function formulaText(rendered: string, expr: string): string {
  return rendered.split(MARK).map(excelString).join(`&${expr}&`);
}

/**
 * A sentence whose {count} Excel computes (expr), as a text formula. The sentence for 1 is
 * chosen in the formula where the language words it differently (English "1 item"): the same
 * plural forms t() uses, for the only count besides "other" that Japanese and English tell apart.
 */
function countFormulaText(lang: Lang, key: MessageKey, expr: string): string {
  const general = t(lang, key, { count: MARK });
  const one = t(lang, key, { count: 1 });
  const text = formulaText(general, expr);
  return one === general.split(MARK).join("1") ? text : `IF(${expr}=1,${excelString(one)},${text})`;
}

/** How many lines a wrapped text takes in a column of the given width (Excel width units). */
function wrappedLines(text: string, width: number, cjkUnits: number): number {
  let units = 0;
  for (const ch of text) units += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? cjkUnits : 1.05;
  return Math.max(1, Math.ceil(units / (width - 1.5)));
}
