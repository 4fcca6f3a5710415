/**
 * What the three deliverable sheets share: fonts, colours, print settings, and a small grid
 * builder. Every cell is written as a value (never a formula), so that text from the workbook
 * or the expert that starts with = + - @ stays text.
 */
import { t, type Lang, type MessageKey, type Params } from "../i18n";
import type { AddinSheetKind, CellStyle, PlanCell, PrintPlan, SheetPlan, ValidationPlan } from "../plan";
import type { CellRange } from "../snapshot";

// The same fonts as the templates (core/template/diagnosisTemplate.ts explains 游ゴシック).
export const FONT: Record<Lang, { name: string; lineHeight: number; cjkUnits: number }> = {
  ja: { name: "游ゴシック", lineHeight: 18, cjkUnits: 2.1 },
  en: { name: "Calibri", lineHeight: 15, cjkUnits: 2 },
};

/** Colours, RGB hex. The highlight colours are explained on the summary sheet's legend. */
export const REPORT_COLORS = {
  headerFill: "1F4E79",
  headerText: "FFFFFF",
  sectionFill: "DDEBF7",
  labelFill: "F2F2F2",
  /** Cells the expert may edit (ratings, notes): the templates' input colour. */
  editableFill: "FFF2CC",
  /** Highlight of the answer cells of focus items in the company's sheets: orange-red. */
  focus: "F4B084",
  /** Highlight of the answer cells of next items: yellow. */
  next: "FFE699",
  /** Class cell of maintain items on the priority sheet (not used in the company's sheets). */
  maintain: "E2EFDA",
  /** Highlight of the 有/無 cells of absent sections on the check sheet: grey-blue. */
  absent: "B4C6E7",
  warningText: "C00000",
  mutedText: "7F7F7F",
  tab: "C65911",
} as const;

/** Header: file name left, date right; footer: sheet name left, page of pages centre. */
export const PRINT_HEADER = "&L&F&R&D";
export const PRINT_FOOTER = "&L&A&C&P / &N";

/** Excel refuses a taller row (ExcelJS would write it, Office.js rejects it). */
export const MAX_ROW_HEIGHT = 409;

/** A grid of cells with merges, heights and validations, turned into a SheetPlan at the end. */
export class SheetGrid {
  readonly grid: PlanCell[][] = [];
  readonly merges: CellRange[] = [];
  readonly heights = new Map<number, number>();
  readonly validations: ValidationPlan[] = [];
  readonly font: (typeof FONT)[Lang];
  private readonly base: CellStyle;

  constructor(
    readonly lang: Lang,
    readonly widths: number[],
  ) {
    this.font = FONT[lang];
    this.base = { fontName: this.font.name, fontSize: 10, vertical: "middle" };
  }

  get lastCol(): number {
    return this.widths.length - 1;
  }

  get rowCount(): number {
    return this.grid.length;
  }

  tx(key: MessageKey, params?: Params): string {
    return t(this.lang, key, params);
  }

  st(s: CellStyle = {}): CellStyle {
    return { ...this.base, ...s };
  }

  boxed(s: CellStyle = {}): CellStyle {
    return this.st({ border: "thin", ...s });
  }

  head(s: CellStyle = {}): CellStyle {
    return this.boxed({ bold: true, fill: REPORT_COLORS.headerFill, fontColor: REPORT_COLORS.headerText, horizontal: "center", wrap: true, ...s });
  }

  /** Writes a value (text from anywhere is safe: it is never a formula). */
  put(row: number, col: number, value: string | number | boolean | null, style?: CellStyle): void {
    while (this.grid.length <= row) this.grid.push(Array<PlanCell>(this.widths.length).fill(null));
    this.grid[row][col] = style ? { value, style } : { value };
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }

  /** Sets a row's height to at least `height` points, within Excel's limit of 409. */
  height(row: number, height: number): void {
    this.heights.set(row, Math.min(MAX_ROW_HEIGHT, Math.max(this.heights.get(row) ?? 0, Math.ceil(height))));
  }

  /** Width of columns left..right together (Excel units). */
  span(left: number, right: number): number {
    let w = 0;
    for (let c = left; c <= right; c++) w += this.widths[c];
    return w;
  }

  /** Makes the row tall enough for a wrapped text in columns left..right. */
  fit(row: number, text: string, left: number, right = left, fontSize = 10): void {
    // FONT's measures are for 11 points; a character's width and a line's height scale with the size.
    const scale = fontSize / 11;
    const lines = wrappedLines(text, this.span(left, right), this.font.cjkUnits * scale, scale);
    this.height(row, lines * this.font.lineHeight * scale + 6);
  }

  /** A text over the whole width (title, explanations, list lines), wrapped and fitted. */
  line(row: number, text: string, style: CellStyle = {}, left = 0, right = this.lastCol): void {
    this.put(row, left, text, this.st({ wrap: true, vertical: "top", ...style }));
    this.merge(row, left, row, right);
    this.fit(row, text, left, right, style.fontSize ?? 10);
  }

  /** A row of column headers. */
  headers(row: number, texts: (string | null)[], left = 0): void {
    texts.forEach((text, i) => {
      if (text !== null) {
        this.put(row, left + i, text, this.head());
        this.fit(row, text, left + i);
      }
    });
  }

  sheet(name: string, marker: AddinSheetKind, position: number, options: { freezeRows: number; print: Omit<PrintPlan, "paper" | "fitToWidth" | "header" | "footer"> }): SheetPlan {
    return {
      name,
      action: "create",
      marker,
      position,
      cells: [{ top: 0, left: 0, rows: this.grid }],
      columnWidths: this.widths.map((width, col) => ({ col, width })),
      rowHeights: [...this.heights].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height })),
      merges: this.merges,
      validations: this.validations,
      freezeRows: options.freezeRows,
      print: { paper: "A4", fitToWidth: true, header: PRINT_HEADER, footer: PRINT_FOOTER, ...options.print },
      tabColor: REPORT_COLORS.tab,
    };
  }
}

/**
 * How many lines a wrapped text takes in a column of the given width (Excel width units); each
 * line break starts a line. `scale` is the font size over 11 points.
 */
export function wrappedLines(text: string, width: number, cjkUnits: number, scale = 1): number {
  let lines = 0;
  for (const part of text.split("\n")) {
    let units = 0;
    for (const ch of part) units += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u25a0-\u25ff\u2600-\u26ff]/.test(ch) ? cjkUnits : 1.05 * scale;
    lines += Math.max(1, Math.ceil(units / Math.max(1, width - 1.5)));
  }
  return lines;
}
