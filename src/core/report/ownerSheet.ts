/**
 * The owner's one-page summary (経営者向けまとめ): what the owner reads in two minutes and agrees
 * to, on one A4 portrait page, first among our sheets. The company's name and the date; the total
 * and its band in colour with what it means; the change since the last diagnosis (from the second
 * one on: a place kept for it until visits are recorded); the three parts as bars; the headline
 * measures with who does them by when; the regulations to create or revise; SECURITY ACTION; the
 * next checkpoint. Plain words, no ratings or priorities to decode.
 *
 * The bars are filled cells (BAR_CELLS a bar): Excel charts cannot be written by ExcelJS, and
 * data bars (conditional formats) render differently in LibreOffice and need the 2010 extension
 * Office.js writes but ExcelJS and LibreOffice treat each their own way; a cell's solid fill looks
 * the same in Excel, Excel through Office.js, LibreOffice and on paper, and needs nothing new of
 * either host.
 *
 * Two cells are the expert's to type in (the templates' input colour): the company's name and
 * where the basic policy is published. ownerEntries.ts reads them back on the next run.
 */
import type { Analysis } from "../analyse";
import { bandById, PARTS, type BandId } from "../catalog/diagnosis";
import { formatDate, type Lang } from "../i18n";
import type { CellStyle, SheetPlan } from "../plan";
import type { SecurityActionReadiness } from "../securityAction";
import { mainDiagnosis, respondentSources } from "./common";
import { changeText, oneStarText, ownerBasis, regulationText, twoStarText, type PreviousResult, type RegulationToDo } from "./ownerTexts";
import { shownBand } from "../score";
import { REPORT_COLORS, SheetGrid, type CutText, type TextSource } from "./sheet";

/** One measure of the action plan's headline (the next six months), as the owner sees it. */
export interface HeadlineMeasure {
  /** What will be done, in plain words. */
  title: string;
  /** Who does it (a role or a name); null when not decided yet. */
  owner: string | null;
  /** By when, an ISO date (2025-06-30); null when not decided yet. */
  due: string | null;
}

export type { PreviousResult, RegulationToDo } from "./ownerTexts";

export interface OwnerSummaryInput {
  company: string | null;
  /** The date the summary is made, ISO. */
  today: string;
  headline: HeadlineMeasure[];
  previous: PreviousResult | null;
  /** The next checkpoint, ISO. */
  checkpoint: string;
  regulations: RegulationToDo[] | null;
  securityAction: SecurityActionReadiness;
}

/** Cells of a part's bar: one cell per 10 % (ten cells keep the page's columns few and wide). */
export const OWNER_BAR_CELLS = 10;
/** At most this many measures on the page (the action plan's headline: six months' worth). */
export const HEADLINE_MAX = 6;

/** Columns: 0 number, 1 label, 2..21 the bars' cells, 22 and 23 figures, owner and due date. */
const BAR_FIRST = 2;
const BAR_LAST = BAR_FIRST + OWNER_BAR_CELLS - 1;
const COL_A = BAR_LAST + 1;
const COL_B = COL_A + 1;
const WIDTHS = [4, 22, ...Array<number>(OWNER_BAR_CELLS).fill(3.6), 12, 12];
/**
 * The page's height budget in points: A4 (842) less the default margins (2 × 0.75 in) and a
 * little room for the application's scale (fit to width): the rows we write must stay below it.
 */
export const OWNER_PAGE_HEIGHT = 730;
/** Height of the thin rows between sections. */
const GAP = 4;

export const OWNER_COLORS = {
  barFilled: "2F75B5",
  barEmpty: "E7E6E6",
  noBand: "D9D9D9",
} as const;

/** The band's colour and the text colour on it: green to red. */
const BAND_COLORS: Record<BandId, { fill: string; text: string }> = {
  achieved: { fill: "548235", text: "FFFFFF" },
  mostly: { fill: "C6E0B4", text: "000000" },
  insufficient: { fill: "FFD966", text: "000000" },
  "at-risk": { fill: "C00000", text: "FFFFFF" },
};

/** Where the expert's cells are (0-based), for reading them back and for tests. */
export interface OwnerLayout {
  companyRow: number;
  publishedRow: number;
  /** The value column of both (right of the label's merge). */
  valueCol: number;
  /** The first row of each part's bar, in part order. */
  barRows: number[];
}

export const OWNER_VALUE_COL = BAR_FIRST;

/**
 * The owner's page. Its rows' heights are ours (every row is given one), so whether it fits one
 * page depends on them alone: when the measures' texts are long, fewer are shown (the rest are
 * counted, with where to find them) until the page's rows fit OWNER_PAGE_HEIGHT.
 */
export function ownerSheet(
  analysis: Analysis,
  input: OwnerSummaryInput,
  name: string,
  position: number,
  lang: Lang,
  cuts: CutText[] = [],
): { sheet: SheetPlan; layout: OwnerLayout } {
  let limit = Math.min(HEADLINE_MAX, input.headline.length);
  for (;;) {
    const local: CutText[] = [];
    const built = buildOwnerSheet(analysis, input, name, position, lang, local, limit);
    if (limit <= 1 || sheetHeight(built.sheet) <= OWNER_PAGE_HEIGHT) {
      cuts.push(...local);
      return built;
    }
    limit--;
  }
}

/** The sum of a sheet plan's row heights (every row of the owner's page has one). */
export function sheetHeight(sheet: SheetPlan): number {
  return (sheet.rowHeights ?? []).reduce((sum, h) => sum + h.height, 0);
}

function buildOwnerSheet(
  analysis: Analysis,
  input: OwnerSummaryInput,
  name: string,
  position: number,
  lang: Lang,
  cuts: CutText[],
  limit: number,
): { sheet: SheetPlan; layout: OwnerLayout } {
  const g = new SheetGrid(lang, WIDTHS, cuts);
  const last = g.lastCol;
  const main = mainDiagnosis(analysis);
  const date = (iso: string) => formatDate(lang, { date: iso });
  let row = 0;

  const section = (text: string, sources: TextSource[] = []) => {
    g.put(row, 0, null);
    g.height(row++, GAP);
    g.put(row, 0, text, g.st({ bold: true, fontSize: 11, fill: REPORT_COLORS.headerFill, fontColor: REPORT_COLORS.headerText }), sources);
    for (let c = 1; c <= last; c++) g.put(row, c, null, g.st({ fill: REPORT_COLORS.headerFill }));
    g.merge(row, 0, row, last);
    g.height(row++, 18);
  };
  /** A label in columns 0–1 and a text over the rest (or up to `right`). */
  const labelled = (label: string, text: string, style: CellStyle = {}, right = last) => {
    g.put(row, 0, label, g.st({ bold: true, wrap: true, vertical: "top", fill: REPORT_COLORS.labelFill }));
    g.put(row, 1, null, g.st({ fill: REPORT_COLORS.labelFill }));
    g.merge(row, 0, row, 1);
    g.put(row, BAR_FIRST, text, g.st({ wrap: true, vertical: "top" }, style));
    g.merge(row, BAR_FIRST, row, right);
    g.fit(row, text, BAR_FIRST, right, style.fontSize ?? 10);
    g.fit(row, label, 0, 1);
    return row++;
  };

  // Title, company, date.
  g.put(row, 0, g.tx("report.owner.title"), g.st({ bold: true, fontSize: 16 }));
  g.merge(row, 0, row, last);
  g.height(row++, 24);
  const companyRow = row;
  const companyStyle = input.company
    ? { fontSize: 12, bold: true, fill: REPORT_COLORS.editableFill }
    : { fill: REPORT_COLORS.editableFill, italic: true, fontColor: REPORT_COLORS.mutedText };
  labelled(g.tx("report.owner.company"), input.company ?? g.tx("report.owner.companyMissing"), companyStyle, BAR_LAST);
  g.put(companyRow, COL_A, g.tx("report.owner.date"), g.st({ bold: true, fill: REPORT_COLORS.labelFill, horizontal: "center" }));
  g.put(companyRow, COL_B, date(input.today), g.st({ horizontal: "center" }));
  // One line of 12 points: fit's padding is not needed here (a long name is cut by the cell, not wrapped onto the page).
  g.heights.set(companyRow, 22);

  // The result.
  // Respondents' names come from the company's sheets.
  section(ownerBasis(analysis, lang), respondentSources(analysis));
  const band = main ? shownBand(main) : null;
  if (main && band) {
    const def = bandById(band);
    const colors = BAND_COLORS[band];
    g.put(row, 0, g.tx("report.owner.total"), g.st({ bold: true, fill: REPORT_COLORS.labelFill }));
    g.put(row, 1, null, g.st({ fill: REPORT_COLORS.labelFill }));
    g.merge(row, 0, row, 1);
    const total = main.complete ? g.tx("report.summary.totalValue", { total: main.total }) : g.tx("report.summary.totalProvisional", { total: main.total });
    g.put(row, BAR_FIRST, total, g.st({ bold: true, fontSize: 16, horizontal: "center" }));
    g.merge(row, BAR_FIRST, row, BAR_FIRST + 9);
    g.put(row, BAR_FIRST + 10, def.label[lang], g.st({ bold: true, fontSize: 14, horizontal: "center", fill: colors.fill, fontColor: colors.text }));
    for (let c = BAR_FIRST + 11; c <= last; c++) g.put(row, c, null, g.st({ fill: colors.fill }));
    g.merge(row, BAR_FIRST + 10, row, last);
    g.height(row++, 28);
    // What the band means; what to do next is the measures below.
    labelled(g.tx("report.owner.meaning"), def.meaning[lang]);
    if (!main.complete)
      labelled(g.tx("report.owner.provisional"), g.tx("report.owner.provisionalText", { count: main.unanswered.length }), {
        fontColor: REPORT_COLORS.warningText,
      });
  } else {
    labelled(g.tx("report.owner.total"), g.tx("report.owner.noResult"), { bold: true });
  }
  labelled(g.tx("report.owner.change"), changeText(input.previous, main, band !== null, lang));

  // The three parts as bars.
  section(g.tx("report.owner.section.parts", { percent: 100 / OWNER_BAR_CELLS }));
  const barRows: number[] = [];
  for (const def of PARTS) {
    const p = main?.parts[def.part - 1];
    g.put(row, 0, g.tx("report.owner.part", { part: def.part, name: def.name[lang] }), g.st({ fill: REPORT_COLORS.labelFill, wrap: true }));
    g.put(row, 1, null, g.st({ fill: REPORT_COLORS.labelFill }));
    g.merge(row, 0, row, 1);
    const filled = p && band ? barCells(p.points, p.max) : 0;
    for (let i = 0; i < OWNER_BAR_CELLS; i++) g.put(row, BAR_FIRST + i, null, g.st({ fill: i < filled ? OWNER_COLORS.barFilled : OWNER_COLORS.barEmpty }));
    const figure =
      p && band
        ? g.tx("report.owner.partValue", { points: p.points, max: p.max, percent: percent(p.points, p.max) })
        : g.tx("report.owner.partNone", { max: def.max });
    g.put(row, COL_A, figure, g.st({ horizontal: "center" }));
    g.merge(row, COL_A, row, COL_B);
    barRows.push(row);
    g.height(row++, 20);
  }

  // The headline measures.
  section(g.tx("report.owner.section.measures"));
  g.put(row, 0, g.tx("report.owner.col.no"), g.head());
  g.put(row, 1, g.tx("report.owner.col.measure"), g.head());
  for (let c = 2; c <= BAR_LAST; c++) g.put(row, c, null, g.head());
  g.merge(row, 1, row, BAR_LAST);
  g.put(row, COL_A, g.tx("report.owner.col.owner"), g.head());
  g.put(row, COL_B, g.tx("report.owner.col.due"), g.head());
  g.height(row++, 18);
  const shown = input.headline.slice(0, limit);
  if (shown.length === 0) g.line(row++, g.tx("report.owner.noMeasures"), { fontColor: REPORT_COLORS.mutedText }, 1, last);
  shown.forEach((m, i) => {
    g.put(row, 0, i + 1, g.boxed({ horizontal: "center", vertical: "top", numberFormat: "0" }));
    g.put(row, 1, m.title, g.boxed({ wrap: true, vertical: "top", fontSize: 9 }));
    for (let c = 2; c <= BAR_LAST; c++) g.put(row, c, null, g.boxed());
    g.merge(row, 1, row, BAR_LAST);
    g.fit(row, m.title, 1, BAR_LAST, 9);
    const owner = m.owner ?? g.tx("report.owner.undecided");
    g.put(row, COL_A, owner, g.boxed({ wrap: true, vertical: "top", fontSize: 9 }, m.owner ? {} : { fontColor: REPORT_COLORS.mutedText }));
    g.fit(row, owner, COL_A, COL_A, 9);
    g.put(
      row,
      COL_B,
      m.due ? date(m.due) : g.tx("report.owner.undecided"),
      g.boxed({ horizontal: "center", vertical: "top", fontSize: 9 }, m.due ? {} : { fontColor: REPORT_COLORS.mutedText }),
    );
    row++;
  });
  const more = Math.min(HEADLINE_MAX, input.headline.length) - shown.length;
  if (more > 0) {
    g.line(row, g.tx("report.owner.moreMeasures", { count: more }), { fontSize: 9, fontColor: REPORT_COLORS.mutedText }, 1, last);
    row++;
  }
  // The next checkpoint: when the owner sees how the measures went.
  labelled(g.tx("report.owner.checkpoint"), g.tx("report.owner.checkpointText", { date: date(input.checkpoint) }));

  // Regulations.
  section(g.tx("report.owner.section.regulations"));
  g.line(row++, regulationText(input.regulations, lang), { fontSize: 9 }, 0, last);

  // SECURITY ACTION.
  section(g.tx("report.owner.section.securityAction"));
  const sa = input.securityAction;
  labelled(g.tx("report.owner.oneStar"), oneStarText(sa, lang), { fontSize: 9 });
  labelled(g.tx("report.owner.twoStar"), twoStarText(sa, lang), { fontSize: 9 });
  const publishedRow = labelled(g.tx("report.owner.published"), sa.twoStar.published ?? "", { fill: REPORT_COLORS.editableFill });
  g.height(publishedRow, 20);

  const sheet = g.sheet(name, "owner", position, { freezeRows: 0, print: { orientation: "portrait" } });
  // The page is the owner's: no file name in its header (it is not the company's name), no page count.
  sheet.print = { ...sheet.print!, header: "", footer: "" };
  return { sheet, layout: { companyRow, publishedRow, valueCol: OWNER_VALUE_COL, barRows } };
}

/** Filled cells of a bar: the share of the part's points (negative counts 0), rounded. */
export function barCells(points: number, max: number, cells = OWNER_BAR_CELLS): number {
  return max > 0 ? Math.min(cells, Math.max(0, Math.round((points / max) * cells))) : 0;
}

function percent(points: number, max: number): number {
  return max > 0 ? Math.max(0, Math.round((points / max) * 100)) : 0;
}
