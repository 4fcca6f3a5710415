/**
 * The summary sheet (自社診断結果のまとめ), the coach's working overview: the total and band with
 * what it means and the next step, every respondent side by side with the consolidated result
 * (total, band, the parts' subtotals and a compact matrix of the 25 answers), the items the
 * respondents disagree on, the items answered わからない and the unanswered ones (each list one
 * paragraph: the matrix already shows who answered what), a prompt to probe for exceptions when
 * the score is high, and the legend of the colours put on the company's sheets.
 *
 * It is titled with the company's name when known (never the file's), gives no band to a
 * diagnosis with nothing answered and marks a total with unanswered items as provisional. The
 * owner's one-page summary (ownerSheet.ts) carries the parts as a picture; this sheet keeps to
 * what the coach works from, so that it prints on one portrait page for a few respondents.
 */
import { nameText } from "../assessment";
import { bandById, ITEMS, PARTS, type AnswerId, type ItemNo } from "../catalog/diagnosis";
import type { Analysis } from "../analyse";
import type { Lang } from "../i18n";
import type { CellStyle, SheetPlan } from "../plan";
import type { Score } from "../score";
import { answerLabel, basisText, itemRef, itemShort, itemsAnsweredBy, joinList, mainDiagnosis, respondentName, respondentSources } from "./common";
import { shownBand } from "../score";
import { fitOnOnePage } from "./printPages";
import { REPORT_COLORS, SheetGrid, wrappedLines, type CutText } from "./sheet";

/** A row of one line of figures (10 pt). */
const FIGURE_ROW_HEIGHT = 17;
/** A row of the matrix's 25 items (10 pt, one line). */
const ITEM_ROW_HEIGHT = 16;

/** At or above this total the summary asks the expert to probe for exceptions. */
export const HIGH_SCORE_FROM = 90;
/** Cells of an in-cell bar. */
export const BAR_CELLS = 10;

/** "■■■■■■■□□□": the share of points over the maximum in BAR_CELLS squares (negative counts 0). */
export function bar(points: number, max: number, cells = BAR_CELLS): string {
  const filled = max > 0 ? Math.min(cells, Math.max(0, Math.round((points / max) * cells))) : 0;
  return "■".repeat(filled) + "□".repeat(cells - filled);
}

/** Where the matrix is on the summary sheet (0-based), for tests and readers. */
export interface SummaryLayout {
  /** The matrix's header row; the item rows follow its total, band, part and unanswered rows. */
  matrixHeaderRow: number;
  /** itemRows[no - 1] is the row of item `no` in the matrix. */
  itemRows: number[];
  /** Column of each respondent (analysis.diagnoses order), then the consolidated one (or null). */
  respondentCols: number[];
  consolidatedCol: number | null;
}

export function summarySheet(
  analysis: Analysis,
  names: { self: string; company: string | null; priorities: string },
  position: number,
  lang: Lang,
  cuts: CutText[] = [],
): { sheet: SheetPlan; layout: SummaryLayout } {
  const ds = analysis.diagnoses;
  const cons = analysis.consolidated;
  const respondentCols = ds.map((_, i) => 2 + i);
  const consolidatedCol = cons ? 2 + ds.length : null;
  const differsCol = cons ? 3 + ds.length : null;
  const valueCols = Math.max(2, ds.length + (cons ? 2 : 0));
  const widths = [5, lang === "ja" ? 24 : 26, ...Array<number>(valueCols).fill(lang === "ja" ? 17 : 18)];
  if (differsCol !== null) widths[differsCol] = 6.5;
  // The bar (columns 3..) needs room for BAR_CELLS full-width squares.
  const barRoom = widths.slice(3).reduce((a, b) => a + b, 0);
  if (barRoom < 24) widths[widths.length - 1] += 24 - barRoom;

  const g = new SheetGrid(lang, widths, cuts);
  const last = g.lastCol;
  const main = mainDiagnosis(analysis);
  // Respondents' names come from the company's sheets.
  const named = respondentSources(analysis);
  let row = 0;

  const title = names.company ? g.tx("report.summary.titleCompany", { company: names.company }) : g.tx("report.summary.title");
  g.line(row, title, { bold: true, fontSize: 14, vertical: "middle" });
  g.height(row++, 26);
  g.line(row++, basisText(analysis, lang), {}, 0, last, named);
  // Thin rows between sections: full-height blank rows would push the sheet onto a second page.
  const gap = () => {
    g.put(row, 0, null);
    g.height(row++, 4);
  };
  gap();

  const section = (text: string) => {
    g.put(row, 0, text, g.boxed({ bold: true, fill: REPORT_COLORS.sectionFill }));
    for (let c = 1; c <= last; c++) g.put(row, c, null, g.boxed({ fill: REPORT_COLORS.sectionFill }));
    g.merge(row, 0, row, last);
    g.height(row++, 20);
  };
  /** A label in columns 0–1 and a value over columns 2.. */
  const labelled = (label: string, value: string | number, style: CellStyle = {}) => {
    g.put(row, 0, label, g.boxed({ fill: REPORT_COLORS.labelFill, wrap: true }));
    g.put(row, 1, null, g.boxed({ fill: REPORT_COLORS.labelFill }));
    g.merge(row, 0, row, 1);
    g.put(row, 2, value, g.boxed({ wrap: true }, style));
    for (let c = 3; c <= last; c++) g.put(row, c, null, g.boxed());
    g.merge(row, 2, row, last);
    g.fit(row, String(value), 2, last, style.fontSize ?? 10);
    g.fit(row, label, 0, 1);
    row++;
  };

  // The total and band (what they mean is on the owner's page; the parts are in the matrix).
  if (main) {
    const id = shownBand(main);
    if (id === null) {
      labelled(g.tx("report.summary.total"), g.tx("report.summary.noAnswers"), { bold: true });
    } else {
      const b = bandById(id);
      // Total and band in one cell over the value columns: one line at 12 points.
      const text = g.tx("report.summary.totalBandValue", { total: totalText(g, main), band: b.label[lang] });
      g.put(row, 0, g.tx("report.summary.totalAndBand"), g.boxed({ fill: REPORT_COLORS.labelFill, wrap: true }));
      g.put(row, 1, null, g.boxed({ fill: REPORT_COLORS.labelFill }));
      g.merge(row, 0, row, 1);
      g.put(row, 2, text, g.boxed({ bold: true, fontSize: 12, wrap: true }));
      for (let c = 3; c <= last; c++) g.put(row, c, null, g.boxed());
      g.merge(row, 2, row, last);
      g.fit(row, text, 2, last, 12);
      row++;
      if (!main.complete) g.line(row++, g.tx("report.summary.provisional", { count: main.unanswered.length }), { fontColor: REPORT_COLORS.warningText });
      if (main.total >= HIGH_SCORE_FROM) g.line(row++, g.tx("report.summary.highScore", { total: main.total }), { fontColor: REPORT_COLORS.warningText });
    }
    gap();
  }

  // The matrix: every respondent side by side with the consolidated result.
  let layout: SummaryLayout = { matrixHeaderRow: -1, itemRows: [], respondentCols, consolidatedCol };
  if (ds.length > 0) {
    // No section title: the matrix's header row says what it holds.
    const header = row++;
    const scores: Score[] = [...ds, ...(cons ? [cons] : [])];
    g.headers(
      header,
      [
        g.tx("report.summary.col.no"),
        g.tx("report.summary.col.item"),
        ...ds.map((d) => respondentName(d, lang)),
        ...(cons ? [g.tx("report.summary.col.consolidated"), g.tx("report.summary.col.differs")] : []),
      ],
      0,
      named,
    );
    const cols = [...respondentCols, ...(consolidatedCol !== null ? [consolidatedCol] : [])];
    const bold = (i: number) => consolidatedCol !== null && cols[i] === consolidatedCol;
    const figureRow = (label: string, value: (s: Score) => string | number) => {
      g.put(row, 0, label, g.boxed({ fill: REPORT_COLORS.labelFill }));
      g.put(row, 1, null, g.boxed({ fill: REPORT_COLORS.labelFill }));
      g.merge(row, 0, row, 1);
      scores.forEach((s, i) => g.put(row, cols[i], value(s), g.boxed({ horizontal: "center", bold: bold(i), wrap: true })));
      if (differsCol !== null) g.put(row, differsCol, null, g.boxed());
      // One line of figures needs no more than a line's height (fit's padding would add up over six rows).
      const lines = Math.max(...scores.map((s, i) => wrappedLines(String(value(s)), widths[cols[i]], g.font.cjkUnits * (10 / 11), 10 / 11)));
      if (lines === 1) g.height(row, FIGURE_ROW_HEIGHT);
      else scores.forEach((s, i) => g.fit(row, String(value(s)), cols[i]));
      row++;
    };
    figureRow(g.tx("report.summary.row.total"), (s) =>
      shownBand(s) === null ? g.tx("report.summary.noBand") : s.complete ? s.total : g.tx("report.summary.provisionalValue", { total: s.total }),
    );
    figureRow(g.tx("report.summary.row.band"), (s) => {
      const id = shownBand(s);
      return id === null ? g.tx("report.summary.noBand") : bandById(id).label[lang];
    });
    PARTS.forEach((p, i) => {
      figureRow(g.tx("report.summary.part", { part: p.part, name: p.name[lang] }), (s) =>
        g.tx("report.summary.partValue", { points: s.parts[i].points, max: s.parts[i].max }),
      );
    });
    figureRow(g.tx("report.summary.row.unanswered"), (s) => s.unanswered.length);

    const itemRows: number[] = [];
    const disagree = new Set(cons?.disagreements ?? []);
    for (const item of ITEMS) {
      itemRows.push(row);
      g.put(row, 0, item.no, g.boxed({ horizontal: "center", numberFormat: "0" }));
      g.put(row, 1, itemShort(item.no, lang), g.boxed());
      scores.forEach((s, i) => {
        const a = s.answers[item.no - 1].answer;
        const style: CellStyle = a === null ? { fontColor: REPORT_COLORS.mutedText, italic: true } : {};
        g.put(row, cols[i], answerLabel(a, lang), g.boxed({ horizontal: "center", bold: bold(i) }, style));
      });
      if (differsCol !== null) {
        g.put(row, differsCol, disagree.has(item.no) ? g.tx("report.summary.differsMark") : null, g.boxed({ horizontal: "center", bold: true }));
      }
      // A set height: the workbook's default (15 points under Calibri, 18.75 under 游ゴシック) would
      // decide otherwise whether the sheet fits its page.
      g.height(row, ITEM_ROW_HEIGHT);
      row++;
    }
    layout = { matrixHeaderRow: header, itemRows, respondentCols, consolidatedCol };
    gap();

    const listLine = (text: string) => {
      g.line(row++, text, {}, 1, last, named);
    };
    const who = (e: { no: ItemNo; who: typeof ds }) =>
      ds.length > 1
        ? g.tx("report.summary.whoList", {
            item: itemRef(e.no, lang),
            names: joinList(
              e.who.map((d) => respondentName(d, lang)),
              lang,
            ),
          })
        : itemRef(e.no, lang);
    const unknown = (a: AnswerId | null) => a === "unknown";
    const blank = (a: AnswerId | null) => a === null;
    // わからない and unanswered: both are answers to get, one section with a line each.
    section(g.tx("report.summary.section.toConfirm"));
    // Where the respondents disagree: the numbers only, the matrix's rows (marked ≠) say who answered what.
    if (cons) {
      listLine(
        g.tx("report.summary.disagreementLine", {
          items:
            cons.disagreements.length === 0
              ? g.tx("report.list.none")
              : g.tx("report.summary.itemNumbers", { list: joinList(cons.disagreements.map(String), lang) }),
        }),
      );
    }
    const line = (key: "report.summary.unknownLine" | "report.summary.unansweredLine", pick: (a: AnswerId | null) => boolean) => {
      const entries = itemsAnsweredBy(ds, pick);
      listLine(g.tx(key, { items: entries.length === 0 ? g.tx("report.list.none") : entries.map(who).join(g.tx("report.summary.entrySeparator")) }));
    };
    line("report.summary.unknownLine", unknown);
    line("report.summary.unansweredLine", blank);
    gap();
  }

  // Who was found but not counted, and why: the coach sees at once what the result leaves out.
  if (analysis.leftOut.length > 0) {
    section(g.tx("report.summary.section.leftOut"));
    const entries = analysis.leftOut.map((r) =>
      g.tx(`report.summary.leftOut.${r.reason}`, {
        name: respondentName(r, lang),
        sheet: r.sheet,
        from: joinList(
          r.from.map((n) => nameText(n, lang)),
          lang,
        ),
      }),
    );
    g.line(
      row++,
      entries.join(g.tx("report.summary.entrySeparator")),
      {},
      0,
      last,
      [...new Set(analysis.leftOut.map((r) => r.sheet))].map((sheet) => ({ sheet, cell: null })),
    );
    gap();
  }

  // Legend of the colours put on the company's sheets: its title, then the colours side by side
  // (each cell filled with its colour and saying what it marks) on the same row, then one line.
  const swatches: [string, string][] = [
    [REPORT_COLORS.focus, g.tx("report.summary.legend.focus")],
    [REPORT_COLORS.next, g.tx("report.summary.legend.next")],
  ];
  if (analysis.regulations?.sheet) swatches.push([REPORT_COLORS.absent, g.tx("report.summary.legend.absent")]);
  const legendTitle = g.tx("report.summary.section.legend");
  g.put(row, 0, legendTitle, g.boxed({ bold: true, fill: REPORT_COLORS.sectionFill, wrap: true }));
  g.put(row, 1, null, g.boxed({ fill: REPORT_COLORS.sectionFill }));
  g.merge(row, 0, row, 1);
  g.fit(row, legendTitle, 0, 1);
  // Columns 2.. one each (at least two exist); the last swatch takes the columns left.
  swatches.forEach(([fill, text], i) => {
    const left = Math.min(2 + i, last);
    const right = i === swatches.length - 1 ? last : left;
    g.put(row, left, text, g.boxed({ fill, horizontal: "center", wrap: true }));
    for (let c = left + 1; c <= right; c++) g.put(row, c, null, g.boxed({ fill }));
    g.merge(row, left, row, right);
    g.fit(row, text, left, right);
  });
  row++;
  g.line(
    row++,
    `${g.tx("report.summary.legend.explain", { sheet: names.priorities })}${g.tx("report.summary.sentenceJoin")}${g.tx("report.summary.legend.undo")}`,
    {},
    0,
    last,
  );

  const totalWidth = widths.reduce((a, b) => a + b, 0);
  // One page when it runs only a little over (the coach hands over one sheet), never below 9 points.
  const sheet = fitOnOnePage(
    g.sheet(names.self, "summary", position, {
      freezeRows: 1,
      print: { orientation: totalWidth > 110 ? "landscape" : "portrait", repeatRows: [0, 0] },
    }),
  );
  return { sheet, layout };
}

/** "37 点 / 100 点", or with 「（暫定）」 when some item is unanswered. */
function totalText(g: SheetGrid, s: Score): string {
  return s.complete ? g.tx("report.summary.totalValue", { total: s.total }) : g.tx("report.summary.totalProvisional", { total: s.total });
}
