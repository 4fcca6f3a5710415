/**
 * What the three deliverable sheets share: fonts, colours, print settings, and a small grid
 * builder. Every cell is written as a value (never a formula), so that text from the workbook
 * or the expert that starts with = + - @ stays text.
 */
import type { CellAddress } from "../address";
import { a1 } from "../address";
import { truncate } from "../addinState";
import { t, type Lang, type MessageKey, type Params } from "../i18n";
import { MAX_ROW_HEIGHT } from "../excelLimits";
import { MAX_CELL_TEXT, type AddinSheetKind, type CellStyle, type PlanCell, type PrintPlan, type SheetPlan, type ValidationPlan } from "../plan";
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

/** Where a text written into our sheets came from: a company sheet (and cell, when known). */
export interface TextSource {
  sheet: string;
  cell: CellAddress | null;
}

/** A text longer than a cell holds, cut where it was written on one of our sheets. */
export interface CutText {
  /** Our sheet and cell. */
  sheet: string;
  cell: CellAddress;
  /** What it was made of from the workbook (or the expert); empty when only our own wording. */
  sources: TextSource[];
}

/** A grid of cells with merges, heights and validations, turned into a SheetPlan at the end. */
export class SheetGrid {
  readonly grid: PlanCell[][] = [];
  readonly merges: CellRange[] = [];
  readonly heights = new Map<number, number>();
  readonly validations: ValidationPlan[] = [];
  readonly font: (typeof FONT)[Lang];
  private readonly base: CellStyle;
  private readonly styles = new StyleTable();
  private readonly cutAt: { row: number; col: number; sources: TextSource[] }[] = [];

  /** @param cuts receives, when the sheet is made, every text that had to be cut (see put). */
  constructor(
    readonly lang: Lang,
    readonly widths: number[],
    private readonly cuts: CutText[] = [],
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

  /**
   * The base style with the given layers on top (later layers win; an undefined field leaves the
   * one below). Equal styles come back as the same object: the sheets hold a few dozen distinct
   * styles over hundreds of cells, and a host can then convert each style once.
   */
  st(...layers: (CellStyle | undefined)[]): CellStyle {
    return this.styles.get(this.base, layers);
  }

  boxed(...layers: (CellStyle | undefined)[]): CellStyle {
    return this.styles.get(BOXED, layers, this.base);
  }

  head(...layers: (CellStyle | undefined)[]): CellStyle {
    return this.styles.get(HEAD, layers, this.base);
  }

  /**
   * Writes a value (text from anywhere is safe: it is never a formula). A text longer than Excel's
   * 32,767 characters per cell is cut, with a visible mark at its end ("report.truncated"), and
   * reported with its sources (the company's cells it came from).
   */
  put(row: number, col: number, value: string | number | boolean | null, style?: CellStyle, sources: TextSource[] = []): void {
    while (this.grid.length <= row) this.grid.push(Array<PlanCell>(this.widths.length).fill(null));
    if (typeof value === "string" && value.length > MAX_CELL_TEXT) {
      const mark = this.tx("report.truncated");
      value = truncate(value, MAX_CELL_TEXT - mark.length) + mark;
      this.cutAt.push({ row, col, sources });
    }
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
  line(row: number, text: string, style: CellStyle = {}, left = 0, right = this.lastCol, sources: TextSource[] = []): void {
    this.put(row, left, text, this.st(WRAP_TOP, style), sources);
    this.merge(row, left, row, right);
    this.fit(row, text, left, right, style.fontSize ?? 10);
  }

  /** A row of column headers. */
  headers(row: number, texts: (string | null)[], left = 0, sources: TextSource[] = []): void {
    texts.forEach((text, i) => {
      if (text !== null) {
        this.put(row, left + i, text, this.head(), sources);
        this.fit(row, text, left + i);
      }
    });
  }

  sheet(
    name: string,
    marker: AddinSheetKind,
    position: number,
    options: { freezeRows: number; print: Omit<PrintPlan, "paper" | "fitToWidth" | "header" | "footer"> },
  ): SheetPlan {
    for (const c of this.cutAt) this.cuts.push({ sheet: name, cell: a1(c.row, c.col), sources: c.sources });
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
  const other = 1.05 * scale;
  const per = Math.max(1, width - 1.5);
  let units = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 10;
    if (code === 10) {
      lines += Math.max(1, Math.ceil(units / per));
      units = 0;
    } else if (isWide(code)) {
      units += cjkUnits;
    } else {
      // A character outside the BMP (a surrogate pair) counts once, as a narrow one.
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
      units += other;
    }
  }
  return lines;
}

/** CJK, full-width forms, geometric shapes and symbols: two units wide (times the CJK factor). */
function isWide(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x25a0 && code <= 0x25ff) ||
    (code >= 0x2600 && code <= 0x26ff)
  );
}

const BOXED: CellStyle = { border: "thin" };
const HEAD: CellStyle = {
  border: "thin",
  bold: true,
  fill: REPORT_COLORS.headerFill,
  fontColor: REPORT_COLORS.headerText,
  horizontal: "center",
  wrap: true,
};
const WRAP_TOP: CellStyle = { wrap: true, vertical: "top" };

/**
 * Interned styles: layers merged field by field (no object spread, which is slow when it adds
 * properties) and looked up by their fields, so that equal styles are one object.
 */
class StyleTable {
  private readonly byKey = new Map<string, CellStyle>();
  private readonly m = new StyleFields();

  /** `under` (if any), then `first`, then the layers. */
  get(first: CellStyle, layers: (CellStyle | undefined)[], under?: CellStyle): CellStyle {
    const m = this.m;
    m.reset();
    if (under) m.apply(under);
    m.apply(first);
    for (let i = 0; i < layers.length; i++) {
      const l = layers[i];
      if (l) m.apply(l);
    }
    const key = m.key();
    let style = this.byKey.get(key);
    if (!style) {
      style = m.style();
      this.byKey.set(key, style);
    }
    return style;
  }
}

/** The fields of a CellStyle being merged, in one object of a fixed shape. */
class StyleFields {
  bold: boolean | undefined = undefined;
  italic: boolean | undefined = undefined;
  fontSize: number | undefined = undefined;
  fontColor: string | undefined = undefined;
  fontName: string | undefined = undefined;
  fill: string | undefined = undefined;
  wrap: boolean | undefined = undefined;
  horizontal: CellStyle["horizontal"] = undefined;
  vertical: CellStyle["vertical"] = undefined;
  border: CellStyle["border"] = undefined;
  numberFormat: string | undefined = undefined;

  reset(): void {
    this.bold = this.italic = this.wrap = undefined;
    this.fontSize = undefined;
    this.fontColor = this.fontName = this.fill = this.numberFormat = undefined;
    this.horizontal = undefined;
    this.vertical = undefined;
    this.border = undefined;
  }

  apply(s: CellStyle): void {
    if (s.bold !== undefined) this.bold = s.bold;
    if (s.italic !== undefined) this.italic = s.italic;
    if (s.fontSize !== undefined) this.fontSize = s.fontSize;
    if (s.fontColor !== undefined) this.fontColor = s.fontColor;
    if (s.fontName !== undefined) this.fontName = s.fontName;
    if (s.fill !== undefined) this.fill = s.fill;
    if (s.wrap !== undefined) this.wrap = s.wrap;
    if (s.horizontal !== undefined) this.horizontal = s.horizontal;
    if (s.vertical !== undefined) this.vertical = s.vertical;
    if (s.border !== undefined) this.border = s.border;
    if (s.numberFormat !== undefined) this.numberFormat = s.numberFormat;
  }

  key(): string {
    return `${this.fontName}\u0001${this.fontSize}\u0001${this.bold}\u0001${this.italic}\u0001${this.fontColor}\u0001${this.fill}\u0001${this.wrap}\u0001${this.horizontal}\u0001${this.vertical}\u0001${this.border}\u0001${this.numberFormat}`;
  }

  /** A plain CellStyle with the fields that are set, in a fixed order. */
  style(): CellStyle {
    const style: CellStyle = {};
    if (this.fontName !== undefined) style.fontName = this.fontName;
    if (this.fontSize !== undefined) style.fontSize = this.fontSize;
    if (this.bold !== undefined) style.bold = this.bold;
    if (this.italic !== undefined) style.italic = this.italic;
    if (this.fontColor !== undefined) style.fontColor = this.fontColor;
    if (this.fill !== undefined) style.fill = this.fill;
    if (this.wrap !== undefined) style.wrap = this.wrap;
    if (this.horizontal !== undefined) style.horizontal = this.horizontal;
    if (this.vertical !== undefined) style.vertical = this.vertical;
    if (this.border !== undefined) style.border = this.border;
    if (this.numberFormat !== undefined) style.numberFormat = this.numberFormat;
    return style;
  }
}
