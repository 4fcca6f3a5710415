/**
 * The priority sheet (重点改善領域): the 25 items in rank order with their answers (each
 * respondent's), ratings, priority, class, quick-win mark, related regulations, the countermeasure
 * (対策: what to do, the widest column, since the owner reads this sheet) and the expert's note.
 * The three ratings and the note are the expert's to edit (light yellow, a 高/中/低 dropdown);
 * core/report/edits.ts reads them back on the next run. 維持 items come last, with a one-line
 * "keep it up" in place of a measure, so that they take little paper.
 *
 * The interview questions (深掘りの質問) are not on the sheet: they are the coach's, shown in the
 * pane beside the note field where the coach uses them; on paper they took the widest column from
 * what the owner needs. The widths keep the sheet at 9 points or more when printed one A4
 * landscape page wide (test/report.test.ts computes the print scale).
 */
import { ITEMS } from "../catalog/diagnosis";
import { RATING_LABELS, type Rating } from "../catalog/itemGuidance";
import { ITEM_MEASURES } from "../catalog/itemMeasures";
import { REGULATIONS } from "../catalog/regulations";
import type { Analysis } from "../analyse";
import type { Lang } from "../i18n";
import { MAX_ROW_HEIGHT } from "../excelLimits";
import type { CellStyle, SheetPlan } from "../plan";
import { FOCUS_FROM, MAINTAIN_UP_TO, RATING_KEYS, type PriorityClass, type PriorityItem } from "../prioritise";
import type { ItemNo } from "../catalog/diagnosis";
import { answerLabel, basisText, respondentName, respondentSources, shortAnswer } from "./common";
import { avoidNearEmptyLastPage, printsWell } from "./printPages";
import { REPORT_COLORS, SheetGrid, type CutText, type TextSource } from "./sheet";

export const PRIORITY_COLS = {
  rank: 0,
  no: 1,
  item: 2,
  answer: 3,
  points: 4,
  urgency: 5,
  importance: 6,
  difficulty: 7,
  priority: 8,
  class: 9,
  quickWin: 10,
  regulations: 11,
  measure: 12,
  note: 13,
} as const;
type PriorityCol = keyof typeof PRIORITY_COLS;
const ORDER = Object.keys(PRIORITY_COLS) as PriorityCol[];

const WIDTHS: Record<Lang, number[]> = {
  //   rank  no item answer pts  urg  imp  dif  prio class quick regs measure note
  ja: [5.5, 4, 20, 13, 4.5, 7.5, 7.5, 7.5, 7.5, 5.5, 5.5, 11, 30.5, 13],
  en: [5, 4, 17, 11, 7, 9, 11.5, 11, 8.5, 6.5, 6.5, 9, 27, 9],
};

/** Where things are on the priority sheet (0-based). */
export interface PriorityLayout {
  columns: typeof PRIORITY_COLS;
  headerRow: number;
  /** The row of the item ranked 1; the others follow in rank order. */
  firstRow: number;
}

const HEADER_ROW = 6;

/** Up to this many respondents each one's answer is listed; beyond, the answers are counted. */
export const LIST_RESPONDENTS_UP_TO = 6;

export function priorityLayout(): PriorityLayout {
  return { columns: PRIORITY_COLS, headerRow: HEADER_ROW, firstRow: HEADER_ROW + 1 };
}

export const CLASS_FILL: Readonly<Record<PriorityClass, string>> = {
  focus: REPORT_COLORS.focus,
  next: REPORT_COLORS.next,
  maintain: REPORT_COLORS.maintain,
};

const TOP: CellStyle = { vertical: "top" };
const WRAP: CellStyle = { wrap: true };
const CENTRED: CellStyle = { horizontal: "center" };
const CENTRED_NUMBER: CellStyle = { horizontal: "center", numberFormat: "0" };

/** Points added below each item's text, tried in turn (see prioritySheet). */
const ROW_PADDINGS = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/**
 * The sheet with the least extra space under each item (ROW_PADDINGS) that prints well in Excel
 * and in LibreOffice (printPages.ts printsWell: 9 points or more, the last page neither
 * near-empty nor brim-full): the two lay out the same rows at slightly different scales, so that
 * a sheet ending mid-page in one can end on a single row in the other; a little air in each row
 * moves both last pages. When none does, no padding, with Excel's last page shrunk away if legible.
 */
export function prioritySheet(
  analysis: Analysis,
  items: PriorityItem[],
  names: { self: string; workbook: string },
  position: number,
  lang: Lang,
  cuts: CutText[] = [],
  /** Where each item's note was read from (the previous priority sheet), for reporting a cut. */
  noteSources: ReadonlyMap<ItemNo, TextSource> = new Map(),
): SheetPlan {
  // Built once: the padding changes only the items' row heights.
  const sheet = buildSheet(analysis, items, names, position, lang, cuts, noteSources);
  const itemRows = new Set(items.map((_, i) => priorityLayout().firstRow + i));
  for (const padding of ROW_PADDINGS) {
    const padded = padding === 0 ? sheet : withRowPadding(sheet, itemRows, padding);
    if (printsWell(padded)) return padded;
  }
  return avoidNearEmptyLastPage(sheet);
}

/** The sheet with `padding` points more under each of `rows` (as SheetGrid.height caps a row). */
function withRowPadding(sheet: SheetPlan, rows: ReadonlySet<number>, padding: number): SheetPlan {
  const heights = new Map((sheet.rowHeights ?? []).map((h) => [h.row, h.height]));
  for (const row of rows) heights.set(row, Math.min(MAX_ROW_HEIGHT, (heights.get(row) ?? 0) + padding));
  return { ...sheet, rowHeights: [...heights].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height })) };
}

function buildSheet(
  analysis: Analysis,
  items: PriorityItem[],
  names: { self: string; workbook: string },
  position: number,
  lang: Lang,
  cuts: CutText[],
  noteSources: ReadonlyMap<ItemNo, TextSource>,
): SheetPlan {
  const g = new SheetGrid(lang, WIDTHS[lang], cuts);
  const named = respondentSources(analysis);
  const C = PRIORITY_COLS;
  const L = priorityLayout();
  const className = (c: PriorityClass) => g.tx(`report.priorities.class.${c}`);

  g.line(0, g.tx("report.priorities.title", { workbook: names.workbook }), { bold: true, fontSize: 14, vertical: "middle" });
  g.height(0, 26);
  g.line(1, basisText(analysis, lang), {}, 0, g.lastCol, named);
  g.line(2, g.tx("report.priorities.howPriority"));
  g.line(
    3,
    g.tx("report.priorities.howClass", {
      maintain: className("maintain"),
      focus: className("focus"),
      next: className("next"),
      focusFrom: FOCUS_FROM,
      maintainUpTo: MAINTAIN_UP_TO,
      quickWin: g.tx("report.priorities.quickWinMark"),
    }),
  );
  g.line(4, g.tx("report.priorities.howEdit"), { fill: REPORT_COLORS.editableFill });

  g.headers(
    L.headerRow,
    ORDER.map((k) => g.tx(`report.priorities.col.${k}`)),
  );

  const several = analysis.consolidated !== null;
  const label = (r: Rating) => RATING_LABELS[r][lang];
  items.forEach((p, i) => {
    const row = L.firstRow + i;
    const item = ITEMS[p.no - 1];
    const cell = (col: number, value: string | number | null, ...style: CellStyle[]) => g.put(row, col, value, g.boxed(TOP, ...style));
    const text = (col: number, value: string, style?: CellStyle, sources: TextSource[] = []) => {
      g.put(row, col, value, g.boxed(TOP, WRAP, style ?? {}), sources);
      g.fit(row, value, col);
    };
    const centred = CENTRED;

    cell(C.rank, p.rank, CENTRED_NUMBER);
    cell(C.no, p.no, CENTRED_NUMBER);
    text(C.item, item.title[lang]);
    const answers = [answerLabel(p.answer, lang)];
    if (several && analysis.diagnoses.length <= LIST_RESPONDENTS_UP_TO) {
      for (const d of analysis.diagnoses) {
        answers.push(g.tx("report.respondentAnswer", { name: respondentName(d, lang), answer: shortAnswer(d.answers[p.no - 1].answer, lang) }));
      }
    } else if (several) {
      // Many respondents: how many gave each answer, so that the row stays readable.
      const counts = new Map<string, number>();
      for (const d of analysis.diagnoses) {
        const a = shortAnswer(d.answers[p.no - 1].answer, lang);
        counts.set(a, (counts.get(a) ?? 0) + 1);
      }
      answers.push([...counts].map(([answer, count]) => g.tx("report.answerCount", { answer, count })).join(g.tx("report.list.separator")));
    }
    text(C.answer, answers.join("\n"), undefined, named);
    cell(C.points, p.points, CENTRED_NUMBER);
    for (const key of RATING_KEYS) {
      // The expert's own ratings in bold, so that they are told from the defaults at a glance.
      cell(C[key], label(p.ratings[key]), centred, { fill: REPORT_COLORS.editableFill, bold: p.overridden.includes(key) });
    }
    cell(C.priority, p.priority, CENTRED_NUMBER, { bold: true });
    cell(C.class, className(p.class), centred, { fill: CLASS_FILL[p.class], bold: p.class === "focus" });
    cell(C.quickWin, p.quickWin ? g.tx("report.priorities.quickWinMark") : null, centred);
    text(C.regulations, p.regulations.map((no) => `${no} ${REGULATIONS[no - 1].name}`).join("\n"));
    // What to do: the countermeasure of an item to improve; for an item in place, keep it up.
    text(
      C.measure,
      p.class === "maintain" ? g.tx("report.priorities.maintainMeasure") : ITEM_MEASURES[p.no].measure[lang],
      p.class === "maintain" ? { fontColor: REPORT_COLORS.mutedText } : { bold: p.class === "focus" },
    );
    // The expert's note, as a value whatever it starts with.
    const noteSource = noteSources.get(p.no);
    if (p.note !== null) text(C.note, p.note, { fill: REPORT_COLORS.editableFill }, noteSource ? [noteSource] : []);
    else cell(C.note, null, WRAP, { fill: REPORT_COLORS.editableFill });
  });

  const lastRow = L.firstRow + items.length - 1;
  const labels = (["high", "medium", "low"] as const).map(label);
  const shown = labels.join(lang === "ja" ? "・" : " / ");
  g.validations.push({
    range: { top: L.firstRow, left: C.urgency, bottom: lastRow, right: C.difficulty },
    list: labels,
    prompt: g.tx("report.priorities.validation.prompt", { labels: shown }),
    error: g.tx("report.priorities.validation.error", { labels: shown }),
  });

  return g.sheet(names.self, "priorities", position, {
    freezeRows: L.headerRow + 1,
    print: { orientation: "landscape", repeatRows: [L.headerRow, L.headerRow] },
  });
}
