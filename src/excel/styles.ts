/// <reference types="office-js" />
/**
 * The plan's cell styles in Office.js terms: as one CellPropertiesFormat per cell for
 * setCellProperties (ExcelApi 1.9), or as rectangles of identically styled cells, each set
 * through Range.format (older Excel).
 */
import { toArgb, type CellStyle, type PlanCell } from "../core/plan";
import type { CellRange } from "../core/snapshot";

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;

export function hex(color: string): string {
  return `#${toArgb(color).slice(2)}`;
}

const THIN: Excel.CellBorder = { style: "Continuous", weight: "Thin" };

/**
 * The format of one cell. Only what the style says is set: the plan's sheets are new, so the
 * rest is Excel's default (border "none" is that default too). The number format is not part
 * of it (Range.numberFormat, written before the values).
 */
export function cellFormat(s: CellStyle): Excel.CellPropertiesFormat {
  const f: Excel.CellPropertiesFormat = {};
  const font: Excel.CellPropertiesFont = {};
  if (s.fontName !== undefined) font.name = s.fontName;
  if (s.fontSize !== undefined) font.size = s.fontSize;
  if (s.bold !== undefined) font.bold = s.bold;
  if (s.italic !== undefined) font.italic = s.italic;
  if (s.fontColor !== undefined) font.color = hex(s.fontColor);
  if (Object.keys(font).length) f.font = font;
  if (s.fill !== undefined) f.fill = { color: hex(s.fill) };
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.horizontal !== undefined) f.horizontalAlignment = H_ALIGN[s.horizontal];
  if (s.vertical !== undefined) f.verticalAlignment = V_ALIGN[s.vertical];
  if (s.border === "thin") f.borders = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  return f;
}

/** Whether a style sets anything through cellFormat. */
export function hasFormat(s: CellStyle | undefined): s is CellStyle {
  return s !== undefined && Object.keys(cellFormat(s)).length > 0;
}

/**
 * Applies one cell format to a whole range through Range.format (ExcelApi 1.1–1.2), for Excel
 * without setCellProperties. Borders: the four edges and, inside a larger range, the inner lines,
 * which gives every cell its four sides as setCellProperties does.
 */
export function applyFormat(range: Excel.Range, f: Excel.CellPropertiesFormat, rows: number, cols: number): void {
  const font = f.font;
  if (font?.name !== undefined) range.format.font.name = font.name;
  if (font?.size !== undefined) range.format.font.size = font.size;
  if (font?.bold !== undefined) range.format.font.bold = font.bold;
  if (font?.italic !== undefined) range.format.font.italic = font.italic;
  if (font?.color !== undefined) range.format.font.color = font.color;
  if (f.fill?.color !== undefined) range.format.fill.color = f.fill.color;
  if (f.wrapText !== undefined) range.format.wrapText = f.wrapText;
  if (f.horizontalAlignment !== undefined) range.format.horizontalAlignment = f.horizontalAlignment;
  if (f.verticalAlignment !== undefined) range.format.verticalAlignment = f.verticalAlignment;
  if (f.borders) {
    const edges: Excel.BorderIndex[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as Excel.BorderIndex[];
    if (cols > 1) edges.push("InsideVertical" as Excel.BorderIndex);
    if (rows > 1) edges.push("InsideHorizontal" as Excel.BorderIndex);
    for (const e of edges) {
      const b = range.format.borders.getItem(e);
      b.style = "Continuous";
      b.weight = "Thin";
    }
  }
}

/**
 * Rectangles covering the cells of a block that share a style, per style: runs along each row,
 * then runs of identical column spans stacked over consecutive rows. Keys are the styles' JSON.
 */
export function styleRectangles(rows: PlanCell[][], top: number, left: number): Map<string, { style: CellStyle; rects: CellRange[] }> {
  const out = new Map<string, { style: CellStyle; rects: CellRange[] }>();
  // Open rectangles by style and column span, extended while the next row has the same run.
  const open = new Map<string, CellRange>();
  rows.forEach((row, i) => {
    let j = 0;
    while (j < row.length) {
      const style = row[j]?.style;
      if (!hasFormat(style)) {
        j++;
        continue;
      }
      const key = JSON.stringify(style);
      let k = j;
      while (k + 1 < row.length && hasFormat(row[k + 1]?.style) && JSON.stringify(row[k + 1]!.style) === key) k++;
      const span = `${key}|${j}|${k}`;
      const r = open.get(span);
      if (r && r.bottom === top + i - 1) r.bottom = top + i;
      else {
        const rect = { top: top + i, left: left + j, bottom: top + i, right: left + k };
        open.set(span, rect);
        if (!out.has(key)) out.set(key, { style, rects: [] });
        out.get(key)!.rects.push(rect);
      }
      j = k + 1;
    }
  });
  return out;
}
