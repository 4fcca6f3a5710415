/**
 * The regulation status sheet (規程整備状況一覧): per regulation its coverage on the check sheet,
 * the issues the company wrote, its own review decision against the recommendation with the
 * reasons; then the basic policy checklist (or a line saying there is none).
 */
import { renderReason, type Analysis } from "../analyse";
import { POLICY_ELEMENTS, POLICY_STATUSES, type DecisionId } from "../catalog/regulations";
import type { RegulationsAnalysis } from "../checksheet";
import type { Lang, MessageKey } from "../i18n";
import type { CellStyle, SheetPlan } from "../plan";
import { REPORT_COLORS, SheetGrid, type CutText, type TextSource } from "./sheet";

export const REGULATION_COLS = {
  no: 0,
  name: 1,
  present: 2,
  absent: 3,
  unchecked: 4,
  total: 5,
  coverage: 6,
  issues: 7,
  decision: 8,
  recommended: 9,
  differs: 10,
  reasons: 11,
} as const;
type RegulationCol = keyof typeof REGULATION_COLS;
const ORDER = Object.keys(REGULATION_COLS) as RegulationCol[];

const WIDTHS: Record<Lang, number[]> = {
  //   no  name pres abs  unch tot  cov  issues dec rec  diff reasons
  ja: [4.5, 22, 5, 5, 7.5, 7.5, 7.5, 40, 12, 12, 6, 50],
  en: [4.5, 24, 8.5, 8, 7, 9.5, 9.5, 40, 12, 13, 8, 52],
};

const HEADER_ROW = 4;

const TOP: CellStyle = { vertical: "top" };
const WRAP: CellStyle = { wrap: true };

/** Where things are on the regulation sheet (0-based). */
export interface RegulationLayout {
  columns: typeof REGULATION_COLS;
  headerRow: number;
  /** rows[i] is the row of regulations.coverage[i]. */
  rows: number[];
  /** The policy checklist's header row, or null when there is no checklist. */
  policyHeaderRow: number | null;
}

export function regulationSheet(
  analysis: Analysis & { regulations: RegulationsAnalysis },
  names: { self: string; workbook: string },
  position: number,
  lang: Lang,
  cuts: CutText[] = [],
): { sheet: SheetPlan; layout: RegulationLayout } {
  const r = analysis.regulations;
  const g = new SheetGrid(lang, WIDTHS[lang], cuts);
  const C = REGULATION_COLS;
  const last = g.lastCol;
  const missing = g.tx("report.regulations.sourceMissing");
  const decision = (id: DecisionId | null, none: MessageKey) => (id ? g.tx(`decision.${id}`) : g.tx(none));

  g.line(0, g.tx("report.regulations.title", { workbook: names.workbook }), { bold: true, fontSize: 14, vertical: "middle" });
  g.height(0, 26);
  g.line(1, g.tx("report.regulations.sources", { check: r.sheet ?? missing, overview: r.overviewSheet ?? missing }));
  g.line(2, g.tx("report.regulations.explain", { differs: g.tx("report.regulations.differsMark") }));
  g.headers(
    HEADER_ROW,
    ORDER.map((k) => g.tx(`report.regulations.col.${k}`)),
  );

  const rows: number[] = [];
  let row = HEADER_ROW + 1;
  for (const c of r.coverage) {
    rows.push(row);
    const review = c.no === null ? undefined : r.reviews.find((v) => v.no === c.no);
    const cell = (col: number, value: string | number | null, ...style: CellStyle[]) => g.put(row, col, value, g.boxed(TOP, ...style));
    const text = (col: number, value: string, style: CellStyle = {}, sources: TextSource[] = []) => {
      g.put(row, col, value, g.boxed(TOP, WRAP, style), sources);
      g.fit(row, value, col);
    };
    const checkSheet: TextSource[] = r.sheet ? [{ sheet: r.sheet, cell: null }] : [];
    const number = (col: number, value: number) => cell(col, value, { horizontal: "center", numberFormat: "0" });

    cell(C.no, c.no, { horizontal: "center", numberFormat: "0" });
    text(C.name, c.no === null ? `${c.name}\n(${g.tx("report.regulations.own")})` : c.name, {}, checkSheet);
    number(C.present, c.present);
    number(C.absent, c.absent);
    number(C.unchecked, c.unchecked);
    number(C.total, c.total);
    cell(C.coverage, c.coverage, { horizontal: "center", numberFormat: "0%" });
    const issues = c.issues.map((x) => g.tx("report.regulations.issue", { section: x.section, text: x.text }));
    if (!c.listed && r.sheet !== null) issues.unshift(g.tx("report.regulations.notListed"));
    const issueCells = c.issues.map((x): TextSource => ({ sheet: r.sheet ?? "", cell: x.cell }));
    text(C.issues, issues.join("\n"), {}, r.sheet ? issueCells : []);
    if (review) {
      text(C.decision, decision(review.decision, "report.regulations.decisionNone"));
      text(C.recommended, decision(review.recommended, "report.regulations.recommendedNone"), { bold: review.recommended !== null });
      cell(C.differs, review.differs ? g.tx("report.regulations.differsMark") : null, {
        horizontal: "center",
        bold: true,
        fontColor: REPORT_COLORS.warningText,
      });
      text(C.reasons, review.reasons.map((x) => renderReason(x, lang)).join("\n"));
    } else {
      for (const col of [C.decision, C.recommended, C.differs, C.reasons]) cell(col, null);
    }
    row++;
  }
  row++;

  // The basic policy checklist.
  g.put(row, 0, g.tx("report.regulations.policy.title"), g.boxed({ bold: true, fill: REPORT_COLORS.sectionFill }));
  for (let c = 1; c <= last; c++) g.put(row, c, null, g.boxed({ fill: REPORT_COLORS.sectionFill }));
  g.merge(row, 0, row, last);
  g.height(row++, g.font.lineHeight + 6);
  let policyHeaderRow: number | null = null;
  const p = analysis.policy;
  if (!p) {
    g.line(row++, g.tx("report.regulations.policy.missing"));
  } else {
    g.line(row++, g.tx("report.regulations.policy.sheet", { sheet: p.sheet }));
    // Columns: No | element | what to check (present..issues) | status (decision..recommended) | note (differs..reasons).
    const spans: [number, number][] = [
      [C.no, C.no],
      [C.name, C.name],
      [C.present, C.issues],
      [C.decision, C.recommended],
      [C.differs, C.reasons],
    ];
    policyHeaderRow = row;
    const put = (values: (string | number | null)[], style: (i: number) => CellStyle) => {
      spans.forEach(([left, right], i) => {
        g.put(row, left, values[i], style(i), [{ sheet: p!.sheet, cell: null }]);
        for (let c = left + 1; c <= right; c++) g.put(row, c, null, style(i));
        g.merge(row, left, row, right);
        if (typeof values[i] === "string") g.fit(row, values[i] as string, left, right);
      });
      row++;
    };
    put(
      (["no", "element", "check", "status", "note"] as const).map((k) => g.tx(`report.regulations.policy.col.${k}`)),
      () => g.head(),
    );
    p.checks.forEach((check, i) => {
      const el = POLICY_ELEMENTS.find((e) => e.id === check.id)!;
      const status = check.status ? POLICY_STATUSES.find((s) => s.id === check.status)!.label[lang] : g.tx("report.regulations.policy.statusNone");
      const weak = check.status === "missing" || check.status === "rework";
      put([i + 1, el.heading, el.check[lang], status, check.note ?? ""], (col) =>
        g.boxed(
          TOP,
          WRAP,
          col === 0 || col === 3 ? { horizontal: "center" } : undefined,
          col === 3 && weak ? { bold: true, fontColor: REPORT_COLORS.warningText } : undefined,
          col === 3 && check.status === null ? { fontColor: REPORT_COLORS.mutedText } : undefined,
        ),
      );
    });
  }

  const sheet = g.sheet(names.self, "regulations", position, {
    freezeRows: HEADER_ROW + 1,
    print: { orientation: "landscape", repeatRows: [HEADER_ROW, HEADER_ROW] },
  });
  return { sheet, layout: { columns: C, headerRow: HEADER_ROW, rows, policyHeaderRow } };
}
