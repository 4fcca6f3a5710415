/**
 * The progress sheet (診断の推移): the recorded visits side by side, one column each (label,
 * date, total, band, the three parts, わからない and each item's answer), and a column with the
 * change from the first visit to the last. Written only when at least one visit is recorded.
 *
 * The chart (total and parts per visit) is a column chart of filled cells under each visit's
 * column: CHART_ROWS cells tall, each CHART_STEP points, the parts stacked in their own colours
 * from the bottom, so the bar's height is the total and its layers the parts. ExcelJS cannot
 * write Excel charts; a cell's solid fill looks the same in Excel, through Office.js, in
 * LibreOffice and on paper (as the owner's page does its bars, ownerSheet.ts).
 */
import { bandById, PARTS, type BandId, type ItemNo } from "../catalog/diagnosis";
import { signedNumber, formatDate, type Lang, type MessageKey } from "../i18n";
import type { SheetPlan } from "../plan";
import { compareVisits, itemChange, visitFromRecord, type ItemChange } from "../compare";
import type { RecordedVisit } from "../visitRecord";
import { scoreRecorded } from "../visits";
import type { Score } from "../score";
import { itemShort, shortAnswer } from "./common";
import { shownBand } from "../score";
import { avoidNearEmptyLastPage } from "./printPages";
import { REPORT_COLORS, SheetGrid, type CutText } from "./sheet";

/** The chart's height in cells, and the points each stands for (20 × 5 = 100, the diagnosis's maximum). */
export const CHART_ROWS = 20;
export const CHART_STEP = 5;
/** Low rows keep the chart on the page with the figures; the scale's labels span TICK_ROWS rows each. */
const CHART_ROW_HEIGHT = 8;
/** A scale label every 25 points: at the top of a block of 5 rows (the block's top edge is its value). */
const TICK_ROWS = 25 / CHART_STEP;

/** Columns: 0 No., 1 the row's label, then one per visit, then the change (with two visits or more). */
const FIRST_VISIT_COL = 2;
const NO_WIDTH = 5;
const LABEL_WIDTH = 26;
const VISIT_WIDTH = 11;
const CHANGE_WIDTH = 16;
/** More visits than this print landscape (portrait A4 holds five at legible size). */
const PORTRAIT_VISITS = 5;

export const PROGRESS_COLORS = {
  /** Parts 1, 2, 3 in the chart, dark to light. */
  parts: ["203864", "4472C4", "B4C7E7"],
  improved: "C6EFCE",
  worse: "FFC7CE",
} as const;

const BAND_FILL: Record<BandId, { fill: string; text: string }> = {
  achieved: { fill: "548235", text: "FFFFFF" },
  mostly: { fill: "C6E0B4", text: "000000" },
  insufficient: { fill: "FFD966", text: "000000" },
  "at-risk": { fill: "C00000", text: "FFFFFF" },
};

/** Where things are (0-based), for tests and the pane. */
export interface ProgressLayout {
  labelRow: number;
  totalRow: number;
  bandRow: number;
  /** The first of the chart's CHART_ROWS rows (its top, 100 points). */
  chartTop: number;
  /** The first row after the chart, its axis and legend. */
  chartEnd: number;
  /** The row of item 1; item n is at firstItemRow + n − 1. */
  firstItemRow: number;
  /** The change column, or null with one visit. */
  changeCol: number | null;
  firstVisitCol: number;
}

export interface ProgressInput {
  visits: readonly RecordedVisit[];
  /** The company's name (or else the file's) for the title. */
  workbook: string;
  /** The diagnosis now differs from the last recorded visit (re-answered and not recorded yet). */
  currentDiffers: boolean;
}

/**
 * The cells of the chart in one visit's column, bottom up: how many cells each part fills. The
 * parts are stacked cumulatively, rounded at each boundary, so the layers add up to the rounded
 * total; a part with negative points (わからない) fills none.
 */
export function stackedCells(parts: readonly number[], step = CHART_STEP, rows = CHART_ROWS): number[] {
  let below = 0;
  let sum = 0;
  return parts.map((p) => {
    sum += Math.max(0, p);
    const top = Math.min(rows, Math.max(below, Math.round(sum / step)));
    const cells = top - below;
    below = top;
    return cells;
  });
}

export function progressSheet(
  input: ProgressInput,
  name: string,
  position: number,
  lang: Lang,
  cuts: CutText[] = [],
): { sheet: SheetPlan; layout: ProgressLayout } {
  const visits = input.visits;
  if (visits.length === 0) throw new Error("progressSheet: no visit recorded");
  const scores = visits.map(scoreRecorded);
  const compared = visits.length >= 2;
  const widths = [NO_WIDTH, LABEL_WIDTH, ...visits.map(() => VISIT_WIDTH), ...(compared ? [CHANGE_WIDTH] : [])];
  const g = new SheetGrid(lang, widths, cuts);
  const last = g.lastCol;
  const changeCol = compared ? last : null;
  const col = (i: number) => FIRST_VISIT_COL + i;
  const first = visits[0];
  const final = visits[visits.length - 1];
  const firstScore = scores[0];
  const finalScore = scores[scores.length - 1];
  // The change first → last as the comparison counts it (compare.ts): totals, parts, わからない.
  const series = compared ? compareVisits([first, final].map((v) => visitFromRecord(v))) : null;
  const points = (diff: number | undefined) => (diff === undefined ? null : g.tx("report.progress.points", { diff: signedNumber(diff) }));
  let row = 0;

  g.put(row, 0, g.tx("report.progress.title", { workbook: input.workbook }), g.st({ bold: true, fontSize: 14 }));
  g.merge(row, 0, row, last);
  g.height(row++, 24);
  const lead = compared ? g.tx("report.progress.lead", { first: first.label, last: final.label }) : g.tx("report.progress.leadOne", { label: first.label });
  g.line(row++, lead, { fontSize: 9 });
  if (input.currentDiffers) g.line(row++, g.tx("report.progress.notRecorded", { label: final.label }), { fontSize: 9, fontColor: REPORT_COLORS.warningText });

  /** A heading row: `text` over the No. and label columns, then each visit's label, then the change's. */
  const heading = (text: string) => {
    g.put(row, 0, text, g.head());
    g.put(row, 1, null, g.head());
    g.merge(row, 0, row, 1);
    visits.forEach((v, i) => {
      g.put(row, col(i), v.label, g.head());
      g.fit(row, v.label, col(i));
    });
    if (changeCol !== null) {
      const text = g.tx("report.progress.change", { first: first.label, last: final.label });
      g.put(row, changeCol, text, g.head());
      g.fit(row, text, changeCol);
    }
    g.height(row, 18);
    return row++;
  };

  // The chart first (it stays on the first page, landscape too): one stacked column of cells under each visit's label.
  g.put(
    row,
    0,
    g.tx("report.progress.chart", { step: CHART_STEP }),
    g.st({ bold: true, fontSize: 11, fill: REPORT_COLORS.headerFill, fontColor: REPORT_COLORS.headerText }),
  );
  for (let c = 1; c <= last; c++) g.put(row, c, null, g.st({ fill: REPORT_COLORS.headerFill }));
  g.merge(row, 0, row, last);
  g.height(row++, 18);
  // The visits' labels over their columns (this row is repeated on every printed page).
  const labelRow = heading(g.tx("report.progress.visit"));
  const chartTop = row;
  const stacks = scores.map((s) => stackedCells(s.parts.map((p) => p.points)));
  for (let r = 0; r < CHART_ROWS; r++) {
    const fromBottom = CHART_ROWS - r; // 1 for the bottom cell
    if (r % TICK_ROWS === 0) {
      g.put(chartTop + r, 1, String(fromBottom * CHART_STEP), g.st({ horizontal: "right", vertical: "top", fontSize: 9, fontColor: REPORT_COLORS.mutedText }));
      g.merge(chartTop + r, 1, chartTop + r + TICK_ROWS - 1, 1);
    }
    stacks.forEach((cells, i) => {
      let edge = 0;
      let fill: string | undefined;
      cells.forEach((n, part) => {
        if (fromBottom > edge && fromBottom <= edge + n) fill = PROGRESS_COLORS.parts[part];
        edge += n;
      });
      // Each filled cell outlined: the cells are the chart's unit (the heading says how many points), and visits side by side stay apart.
      g.put(chartTop + r, col(i), null, fill ? g.boxed({ fill }) : undefined);
    });
    g.height(chartTop + r, CHART_ROW_HEIGHT);
  }
  row = chartTop + CHART_ROWS;
  // The axis: each visit's label and total under its column.
  g.put(row, 1, "0", g.st({ horizontal: "right", vertical: "top", fontSize: 9, fontColor: REPORT_COLORS.mutedText }));
  visits.forEach((v, i) =>
    g.put(
      row,
      col(i),
      g.tx("report.progress.axis", { label: v.label, total: scores[i].total }),
      g.st({ horizontal: "center", fontSize: 9, wrap: true, vertical: "top" }),
    ),
  );
  visits.forEach((v, i) => g.fit(row, g.tx("report.progress.axis", { label: v.label, total: scores[i].total }), col(i), col(i), 9));
  g.height(row++, 18);
  // The legend.
  for (const def of PARTS) {
    g.put(row, 0, null, g.st({ fill: PROGRESS_COLORS.parts[def.part - 1] }));
    g.put(row, 1, g.tx("report.progress.part", { part: def.part, name: def.name[lang] }), g.st({ fontSize: 9 }));
    g.height(row++, 14);
  }
  const chartEnd = row;

  // The figures, under the same heading.
  row++;
  heading(g.tx("report.progress.result"));
  const figureRow = (label: string, values: (string | number)[], change: string | null, style = g.boxed({ horizontal: "center" })) => {
    // The label spans the No. and label columns: written in the merge's first cell.
    g.put(row, 0, label, g.boxed({ bold: true, fill: REPORT_COLORS.labelFill, wrap: true }));
    g.put(row, 1, null, g.boxed({ fill: REPORT_COLORS.labelFill }));
    g.merge(row, 0, row, 1);
    values.forEach((v, i) => g.put(row, col(i), v, style));
    if (changeCol !== null) g.put(row, changeCol, change, g.boxed({ horizontal: "center" }));
    g.height(row, 18);
    return row++;
  };
  figureRow(
    g.tx("report.progress.date"),
    visits.map((v) => formatDate(lang, { date: v.date })),
    null,
  );

  // Totals, bands, parts, わからない.
  const totalText = (s: Score) =>
    s.complete ? g.tx("report.progress.total", { total: s.total }) : g.tx("report.progress.totalProvisional", { total: s.total });
  const totalRow = figureRow(
    g.tx("report.progress.totalLabel"),
    scores.map(totalText),
    points(series?.total.change),
    g.boxed({ horizontal: "center", bold: true }),
  );
  const bandRow = row;
  g.put(row, 0, g.tx("report.progress.band"), g.boxed({ bold: true, fill: REPORT_COLORS.labelFill }));
  g.put(row, 1, null, g.boxed({ fill: REPORT_COLORS.labelFill }));
  g.merge(row, 0, row, 1);
  scores.forEach((s, i) => {
    const band = shownBand(s);
    const text = bandLabel(band, g);
    const colors = band ? BAND_FILL[band] : null;
    g.put(row, col(i), text, g.boxed({ horizontal: "center", wrap: true, fontSize: 9 }, colors ? { fill: colors.fill, fontColor: colors.text } : {}));
    g.fit(row, text, col(i), col(i), 9);
  });
  if (changeCol !== null) {
    const from = shownBand(firstScore);
    const to = shownBand(finalScore);
    const text = from === to ? g.tx("report.progress.bandSame") : g.tx("report.progress.bandChange", { from: bandLabel(from, g), to: bandLabel(to, g) });
    g.put(row, changeCol, text, g.boxed({ horizontal: "center", wrap: true, fontSize: 9 }));
    g.fit(row, text, changeCol, changeCol, 9);
  }
  g.height(row++, 18);
  for (const def of PARTS) {
    const at = def.part - 1;
    figureRow(
      g.tx("report.progress.part", { part: def.part, name: def.name[lang] }),
      scores.map((s) => g.tx("report.progress.partValue", { points: s.parts[at].points, max: s.parts[at].max })),
      points(series?.parts[at].change),
    );
    g.fit(row - 1, g.tx("report.progress.part", { part: def.part, name: def.name[lang] }), 0, 1);
  }
  figureRow(
    g.tx("report.progress.unknown"),
    scores.map((s) => s.unknown.length),
    series && g.tx("report.progress.unknownChange", { resolved: series.unknownResolved.length, added: series.unknownNew.length }),
  );

  // Each item's answers.
  row++;
  g.put(row, 0, g.tx("report.progress.col.no"), g.head());
  g.put(row, 1, g.tx("report.progress.col.item"), g.head());
  visits.forEach((v, i) => g.put(row, col(i), v.label, g.head()));
  if (changeCol !== null) g.put(row, changeCol, g.tx("report.progress.col.change"), g.head());
  g.height(row++, 18);
  const firstItemRow = row;
  for (let no = 1 as ItemNo; no <= 25; no++) {
    g.put(row, 0, no, g.boxed({ horizontal: "center" }));
    const label = itemShort(no, lang);
    g.put(row, 1, label, g.boxed({ wrap: true, fontSize: 9 }));
    g.fit(row, label, 1, 1, 9);
    visits.forEach((v, i) => {
      const a = v.counted[no - 1] ?? null;
      g.put(row, col(i), shortAnswer(a, lang), g.boxed({ horizontal: "center", fontSize: 9 }, a === null ? { fontColor: REPORT_COLORS.mutedText } : {}));
    });
    if (changeCol !== null) {
      const change = itemChange(first.counted[no - 1] ?? null, final.counted[no - 1] ?? null);
      g.put(row, changeCol, g.tx(`report.progress.item.${change}` as MessageKey), g.boxed({ horizontal: "center", fontSize: 9 }, CHANGE_STYLE[change]));
    }
    g.height(row++, 16);
  }

  const sheet = g.sheet(name, "progress", position, {
    freezeRows: labelRow + 1,
    print: { orientation: visits.length > PORTRAIT_VISITS ? "landscape" : "portrait", repeatRows: [labelRow, labelRow] },
  });
  return {
    sheet: avoidNearEmptyLastPage(sheet),
    layout: { labelRow, totalRow, bandRow, chartTop, chartEnd, firstItemRow, changeCol, firstVisitCol: FIRST_VISIT_COL },
  };
}

const CHANGE_STYLE: Record<ItemChange, { fill?: string; fontColor?: string; bold?: boolean }> = {
  improved: { fill: PROGRESS_COLORS.improved, bold: true },
  worse: { fill: PROGRESS_COLORS.worse, bold: true },
  same: {},
  "not-comparable": { fontColor: REPORT_COLORS.mutedText },
};

function bandLabel(band: BandId | null, g: SheetGrid): string {
  return band ? bandById(band).label[g.lang] : g.tx("report.progress.noBand");
}
