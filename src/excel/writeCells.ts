/// <reference types="office-js" />
/**
 * The cells of the add-in's sheets through Office.js: a block's number formats, values (text
 * Excel would take for a formula, number or date gets a quote prefix, ./textEntry.ts), formulas
 * (only PlanCell.formula is written as one) and formats (setCellProperties with ExcelApi 1.9,
 * else the rectangles of each style, ./styles.ts).
 */
import type { PlanCell } from "../core/plan";
import type { Batch } from "./book";
import { applyFormat, cellFormat, hasFormat, styleRectangles } from "./styles";
import { valueEntry } from "./textEntry";

/**
 * One block: its number formats (Text for text, so that it stays text), its values in one
 * 2-D assignment (null leaves a cell alone), its formulas, its formats.
 */
export function writeBlock(batch: Batch, ws: () => Excel.Worksheet, top: number, left: number, rows: PlanCell[][]): void {
  const height = rows.length;
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (height === 0 || width === 0) return;
  const at = (i: number, j: number): PlanCell => rows[i][j] ?? null;
  const grid = <T>(f: (c: NonNullable<PlanCell>) => T | null): { grid: (T | null)[][]; any: boolean } => {
    let any = false;
    const g = Array.from({ length: height }, (_, i) =>
      Array.from({ length: width }, (_, j) => {
        const c = at(i, j);
        const v = c ? f(c) : null;
        if (v !== null) any = true;
        return v;
      }),
    );
    return { grid: g, any };
  };
  const formats = grid<string>((c) => c.style?.numberFormat ?? null);
  // "" clears the cell (Excel holds no empty text); text Excel would reinterpret gets a quote
  // prefix, unless its cell is Text-formatted (which keeps anything as written).
  // A date is written as the ISO day unprefixed: Excel takes it as typed, a date in the
  // workbook's own date system (1900 or 1904), shown in the cell's date format set just before.
  const values = grid<string | number | boolean>((c) =>
    c.date !== undefined
      ? c.date
      : c.formula !== undefined || c.value === undefined
        ? null
        : c.value === null
          ? ""
          : valueEntry(c.value, c.style?.numberFormat),
  );
  const formulas = grid<string>((c) => (c.formula !== undefined ? `=${c.formula.replace(/^=/, "")}` : null));
  const address = () => ws().getRangeByIndexes(top, left, height, width);

  if (formats.any) batch.step(formats.grid, () => (address().numberFormat = formats.grid as string[][]));
  if (values.any) batch.step(values.grid, () => (address().values = values.grid as (string | number | boolean)[][]));
  if (formulas.any) batch.step(formulas.grid, () => (address().formulas = formulas.grid as string[][]));

  if (batch.caps.cellProperties) {
    const cache = new Map<string, Excel.SettableCellProperties>();
    const props = grid<Excel.SettableCellProperties>((c) => {
      if (!hasFormat(c.style)) return null;
      const k = JSON.stringify(c.style);
      let p = cache.get(k);
      if (!p) cache.set(k, (p = { format: cellFormat(c.style) }));
      return p;
    });
    if (props.any) {
      const settable = props.grid.map((row) => row.map((p) => p ?? {}));
      batch.step(settable, () => address().setCellProperties(settable));
    }
  } else {
    for (const { style, rects } of styleRectangles(rows, top, left).values()) {
      const f = cellFormat(style);
      for (const r of rects) {
        const rowsN = r.bottom - r.top + 1;
        const colsN = r.right - r.left + 1;
        batch.step([r, f], () => applyFormat(ws().getRangeByIndexes(r.top, r.left, rowsN, colsN), f, rowsN, colsN));
      }
    }
  }
}
