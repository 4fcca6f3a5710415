/**
 * The blank regulation checksheet and basic policy checklist as Plans, laid out like IPA's
 * 情報セキュリティ関連規程チェックシート (an overview of the 11 regulations with the review
 * decision, and a check sheet with one row per section and its 有/無 cell), plus a checklist of
 * the sample basic policy's headings. Prose is the project's own; the regulation and section
 * names are the catalog's (they are proper names and stay Japanese in the English template).
 *
 * Column headers are exactly the resource strings "overview.header.*", "checksheet.header.*"
 * and "policy.header.*": the recogniser finds the tables by them.
 */
import {
  DECISIONS,
  POLICY_ELEMENTS,
  POLICY_STATUSES,
  PRESENCE_SPELLINGS,
  REGULATIONS,
  type RegulationNo,
  type SectionDef,
  type SectionNo,
} from "../catalog/regulations";
import { t, type Lang, type MessageKey, type Params } from "../i18n";
import type { CellStyle, Plan, PlanCell, SheetPlan, ValidationPlan } from "../plan";
import type { CellRange } from "../snapshot";
import type { CellPos } from "./diagnosisTemplate";

// ---------------------------------------------------------------------------------------------
// Layouts

/** Where things are on the overview sheet (0-based). */
export interface OverviewLayout {
  sheetName: string;
  columns: { no: number; regulation: number; summary: number; decision: number };
  headerRow: number;
  /** regulationRows[no - 1] is the row of regulation `no`. */
  regulationRows: number[];
  /** decisions[no - 1] is the 今回の見直し cell of regulation `no`. */
  decisions: CellPos[];
}

/** One row of the check sheet: a 大 section (level 1) or a 中 section (level 2). */
export interface CheckSheetRow {
  regulation: RegulationNo;
  section: SectionNo;
  name: string;
  level: 1 | 2;
  row: number;
  /** True for a section without sub-sections: only these have a 有/無 cell and count for coverage. */
  deepest: boolean;
  /** The 有/無 cell; null on a 大 row whose 中 rows below carry the checks. */
  presence: CellPos | null;
  reference: CellPos;
  issue: CellPos;
}

/** Where things are on the check sheet (0-based). */
export interface CheckSheetLayout {
  sheetName: string;
  columns: {
    no1: number;
    regulation: number;
    no2: number;
    major: number;
    no3: number;
    middle: number;
    no4: number;
    minor: number;
    presence: number;
    reference: number;
    issue: number;
  };
  headerRow: number;
  /** firstRows[no - 1] is the row holding regulation `no`'s number and name (its first section). */
  firstRows: number[];
  /** Every section row, in sheet order. */
  rows: CheckSheetRow[];
}

export interface ChecksheetTemplateLayout {
  overview: OverviewLayout;
  checkSheet: CheckSheetLayout;
}

/** Where things are on the basic policy checklist (0-based). */
export interface PolicyTemplateLayout {
  sheetName: string;
  columns: { no: number; element: number; check: number; status: number; note: number };
  headerRow: number;
  /** rows[i], status[i] and note[i] belong to POLICY_ELEMENTS[i]. */
  rows: number[];
  status: CellPos[];
  note: CellPos[];
}

const TITLE_ROW = 0;
const INSTRUCTION_ROW = 1;
const HEADER_ROW = 2;

const OVERVIEW_COLS = { no: 0, regulation: 1, summary: 2, decision: 3 } as const;
const CHECK_COLS = {
  no1: 0,
  regulation: 1,
  no2: 2,
  major: 3,
  no3: 4,
  middle: 5,
  no4: 6,
  minor: 7,
  presence: 8,
  reference: 9,
  issue: 10,
} as const;
const POLICY_COLS = { no: 0, element: 1, check: 2, status: 3, note: 4 } as const;

export function checksheetTemplateLayout(lang: Lang = "ja"): ChecksheetTemplateLayout {
  const overviewRows = REGULATIONS.map((_, i) => HEADER_ROW + 1 + i);
  const overview: OverviewLayout = {
    sheetName: t(lang, "template.overview.sheetName"),
    columns: { ...OVERVIEW_COLS },
    headerRow: HEADER_ROW,
    regulationRows: overviewRows,
    decisions: overviewRows.map((row) => ({ row, col: OVERVIEW_COLS.decision })),
  };

  const rows: CheckSheetRow[] = [];
  const firstRows: number[] = [];
  let row = HEADER_ROW + 1;
  const add = (regulation: RegulationNo, s: SectionDef, level: 1 | 2) => {
    const deepest = !s.children;
    rows.push({
      regulation,
      section: s.no,
      name: s.name,
      level,
      row,
      deepest,
      presence: deepest ? { row, col: CHECK_COLS.presence } : null,
      reference: { row, col: CHECK_COLS.reference },
      issue: { row, col: CHECK_COLS.issue },
    });
    row++;
  };
  for (const r of REGULATIONS) {
    firstRows.push(row);
    for (const s of r.sections) {
      // A 大 section with 中 sections has a row of its own, its 中 rows right below it.
      add(r.no, s, 1);
      for (const c of s.children ?? []) add(r.no, c, 2);
    }
  }
  return {
    overview,
    checkSheet: { sheetName: t(lang, "template.checksheet.sheetName"), columns: { ...CHECK_COLS }, headerRow: HEADER_ROW, firstRows, rows },
  };
}

/** The check-sheet row of a regulation's section ("1", "1.2"); throws if the catalog has none. */
export function checkSheetRow(layout: CheckSheetLayout, regulation: RegulationNo, section: SectionNo): CheckSheetRow {
  const found = layout.rows.find((r) => r.regulation === regulation && r.section === section);
  if (!found) throw new Error(`regulation ${regulation} has no section ${section}`);
  return found;
}

export function policyTemplateLayout(lang: Lang = "ja"): PolicyTemplateLayout {
  const rows = POLICY_ELEMENTS.map((_, i) => HEADER_ROW + 1 + i);
  return {
    sheetName: t(lang, "template.policy.sheetName"),
    columns: { ...POLICY_COLS },
    headerRow: HEADER_ROW,
    rows,
    status: rows.map((row) => ({ row, col: POLICY_COLS.status })),
    note: rows.map((row) => ({ row, col: POLICY_COLS.note })),
  };
}

// ---------------------------------------------------------------------------------------------
// Plans

// The same fonts as the diagnosis template (see there for the choice of 游ゴシック).
const FONT: Record<Lang, { name: string; lineHeight: number; cjkUnits: number }> = {
  ja: { name: "游ゴシック", lineHeight: 18, cjkUnits: 2.1 },
  en: { name: "Calibri", lineHeight: 15, cjkUnits: 2 },
};
const COLORS = {
  headerFill: "1F4E79",
  headerText: "FFFFFF",
  regulationFill: "DDEBF7",
  inputFill: "FFF2CC",
  noInputFill: "D9D9D9",
  tab: "2E75B6",
  policyTab: "548235",
};
const OVERVIEW_WIDTHS = [5.5, 36, 54, 36];
const CHECK_WIDTHS = [5.5, 18, 5.5, 32, 6, 30, 5.5, 9, 11, 24, 40];
const POLICY_WIDTHS = [5.5, 30, 54, 14, 40];

/** Style helpers for one language. */
function styles(lang: Lang) {
  const font = FONT[lang];
  const base: CellStyle = { fontName: font.name, fontSize: 11, vertical: "middle" };
  const st = (s: CellStyle = {}): CellStyle => ({ ...base, ...s });
  const boxed = (s: CellStyle = {}): CellStyle => st({ border: "thin", ...s });
  const head = (s: CellStyle = {}): CellStyle =>
    boxed({ bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerText, horizontal: "center", wrap: true, ...s });
  return { font, st, boxed, head };
}

/** A grid of null cells to fill in, and the usual title, instruction and header rows. */
class SheetBuilder {
  readonly grid: PlanCell[][] = [];
  readonly merges: CellRange[] = [];
  readonly rowHeights: { row: number; height: number }[] = [];
  readonly validations: ValidationPlan[] = [];
  readonly s: ReturnType<typeof styles>;

  constructor(
    readonly lang: Lang,
    readonly widths: number[],
  ) {
    this.s = styles(lang);
  }

  get lastCol(): number {
    return this.widths.length - 1;
  }

  put(row: number, col: number, cell: PlanCell): void {
    while (this.grid.length <= row) this.grid.push(Array<PlanCell>(this.widths.length).fill(null));
    this.grid[row][col] = cell;
  }

  height(row: number, height: number): void {
    this.rowHeights.push({ row, height });
  }

  /** Lines a text takes in the given columns (Excel width units). */
  lines(text: string, width: number): number {
    return wrappedLines(text, width, this.s.font.cjkUnits);
  }

  titleAndInstructions(title: string, instructions: string): void {
    const { st, font } = this.s;
    this.put(TITLE_ROW, 0, { value: title, style: st({ bold: true, fontSize: 14 }) });
    this.merges.push({ top: TITLE_ROW, left: 0, bottom: TITLE_ROW, right: this.lastCol });
    this.height(TITLE_ROW, 28);
    this.put(INSTRUCTION_ROW, 0, { value: instructions, style: st({ wrap: true, vertical: "top" }) });
    this.merges.push({ top: INSTRUCTION_ROW, left: 0, bottom: INSTRUCTION_ROW, right: this.lastCol });
    const width = this.widths.reduce((a, b) => a + b, 0);
    this.height(INSTRUCTION_ROW, this.lines(instructions, width) * font.lineHeight + 8);
  }

  headers(texts: string[]): void {
    texts.forEach((value, col) => this.put(HEADER_ROW, col, { value, style: this.s.head() }));
    const lines = Math.max(...texts.map((x, col) => this.lines(x, this.widths[col])));
    this.height(HEADER_ROW, lines * this.s.font.lineHeight + 6);
  }

  sheet(name: string, tabColor: string): SheetPlan {
    return {
      name,
      action: "create",
      cells: [{ top: 0, left: 0, rows: this.grid }],
      columnWidths: this.widths.map((width, col) => ({ col, width })),
      rowHeights: this.rowHeights,
      merges: this.merges,
      validations: this.validations,
      freezeRows: HEADER_ROW + 1,
      print: { orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [HEADER_ROW, HEADER_ROW], footer: "&C&P / &N" },
      tabColor,
    };
  }
}

/**
 * The overview (関連規程一覧) and the check sheet (関連規程チェックシート). A 大 section with 中
 * sections (情報資産管理 1 情報資産の管理) has a row of its own without a 有/無 cell; its 中
 * sections 1.1–1.4 follow on their own rows.
 */
/** The range from the first to the last of a column's input cells (a dropdown covers them all). */
function spanOf(cells: readonly { row: number; col: number }[]): CellRange {
  const first = cells[0];
  const last = cells[cells.length - 1];
  return { top: first.row, left: first.col, bottom: last.row, right: last.col };
}

export function checksheetTemplatePlan(lang: Lang = "ja"): Plan {
  const L = checksheetTemplateLayout(lang);
  return { sheets: [overviewSheet(lang, L.overview, L.checkSheet.sheetName), checkSheet(lang, L.checkSheet)] };
}

function overviewSheet(lang: Lang, L: OverviewLayout, checkSheetName: string): SheetPlan {
  const tx = (key: MessageKey, params?: Params) => t(lang, key, params);
  const b = new SheetBuilder(lang, OVERVIEW_WIDTHS);
  const { boxed, font } = b.s;
  b.titleAndInstructions(tx("template.overview.title"), tx("template.overview.instructions", { sheet: checkSheetName }));
  b.headers([tx("overview.header.no"), tx("overview.header.regulation"), tx("overview.header.summary"), tx("overview.header.decision")]);
  const C = L.columns;
  REGULATIONS.forEach((r, i) => {
    const row = L.regulationRows[i];
    const summary = r.summary[lang];
    b.put(row, C.no, { value: r.no, style: boxed({ horizontal: "center", numberFormat: "0" }) });
    b.put(row, C.regulation, { value: r.name, style: boxed({ wrap: true }) });
    b.put(row, C.summary, { value: summary, style: boxed({ wrap: true }) });
    b.put(row, C.decision, { value: null, style: boxed({ fill: COLORS.inputFill, wrap: true }) });
    const lines = Math.max(b.lines(r.name, OVERVIEW_WIDTHS[C.regulation]), b.lines(summary, OVERVIEW_WIDTHS[C.summary]));
    b.height(row, Math.max(2, lines) * font.lineHeight + 6);
  });
  b.validations.push({
    range: spanOf(L.decisions),
    list: DECISIONS.map((d) => d.label[lang]),
    prompt: tx("template.overview.validation.prompt"),
    error: tx("template.overview.validation.error", { count: DECISIONS.length }),
  });
  return b.sheet(L.sheetName, COLORS.tab);
}

function checkSheet(lang: Lang, L: CheckSheetLayout): SheetPlan {
  const tx = (key: MessageKey, params?: Params) => t(lang, key, params);
  const present = PRESENCE_SPELLINGS.present[lang];
  const absent = PRESENCE_SPELLINGS.absent[lang];
  const b = new SheetBuilder(lang, CHECK_WIDTHS);
  const { boxed, font } = b.s;
  b.titleAndInstructions(tx("template.checksheet.title"), tx("template.checksheet.instructions", { present, absent }));
  const C = L.columns;
  const order = ["no1", "regulation", "no2", "major", "no3", "middle", "no4", "minor", "presence", "reference", "issue"] as const;
  order.forEach((k, i) => {
    if (C[k] !== i) throw new Error("check sheet columns out of order"); // the headers below rely on it
  });
  b.headers(order.map((k) => tx(`checksheet.header.${k}`)));

  const regulationStyle = (s: CellStyle = {}) => boxed({ fill: COLORS.regulationFill, ...s });
  const numberStyle = boxed({ horizontal: "center" });
  for (const r of L.rows) {
    const reg = REGULATIONS.find((x) => x.no === r.regulation)!;
    const first = L.firstRows[reg.no - 1] === r.row;
    // The regulation's number and name on its first row only, the column shaded down its rows.
    b.put(r.row, C.no1, { value: first ? reg.no : null, style: regulationStyle({ horizontal: "center", vertical: "top", numberFormat: "0" }) });
    b.put(r.row, C.regulation, { value: first ? reg.name : null, style: regulationStyle({ wrap: true, vertical: "top" }) });
    const major = r.level === 1;
    b.put(r.row, C.no2, { value: major ? r.section : null, style: numberStyle });
    b.put(r.row, C.major, { value: major ? r.name : null, style: boxed({ wrap: true }) });
    b.put(r.row, C.no3, { value: major ? null : r.section, style: numberStyle });
    b.put(r.row, C.middle, { value: major ? null : r.name, style: boxed({ wrap: true }) });
    b.put(r.row, C.no4, { value: null, style: numberStyle });
    b.put(r.row, C.minor, { value: null, style: boxed({ wrap: true }) });
    b.put(r.row, C.presence, {
      value: null,
      style: boxed({ horizontal: "center", fill: r.presence ? COLORS.inputFill : COLORS.noInputFill }),
    });
    b.put(r.row, C.reference, { value: null, style: boxed({ wrap: true }) });
    b.put(r.row, C.issue, { value: null, style: boxed({ wrap: true }) });
    const lines = Math.max(first ? b.lines(reg.name, CHECK_WIDTHS[C.regulation]) : 1, b.lines(r.name, CHECK_WIDTHS[major ? C.major : C.middle]));
    b.height(r.row, lines * font.lineHeight + 8);
  }

  // One validation per run of consecutive 有/無 cells.
  const cells = L.rows.filter((r) => r.presence).map((r) => r.presence!);
  const runs: CellRange[] = [];
  for (const c of cells) {
    const last = runs[runs.length - 1];
    if (last && last.bottom + 1 === c.row) last.bottom = c.row;
    else runs.push({ top: c.row, left: c.col, bottom: c.row, right: c.col });
  }
  for (const range of runs) {
    b.validations.push({
      range,
      list: [present, absent],
      prompt: tx("template.checksheet.validation.prompt", { present, absent }),
      error: tx("template.checksheet.validation.error", { present, absent }),
    });
  }
  return b.sheet(L.sheetName, COLORS.tab);
}

/** The basic policy checklist (基本方針チェック): one row per heading of the sample policy. */
export function policyTemplatePlan(lang: Lang = "ja"): Plan {
  const L = policyTemplateLayout(lang);
  const tx = (key: MessageKey, params?: Params) => t(lang, key, params);
  const b = new SheetBuilder(lang, POLICY_WIDTHS);
  const { boxed, font } = b.s;
  b.titleAndInstructions(tx("template.policy.title"), tx("template.policy.instructions"));
  b.headers([tx("policy.header.no"), tx("policy.header.element"), tx("policy.header.check"), tx("policy.header.status"), tx("policy.header.note")]);
  const C = L.columns;
  POLICY_ELEMENTS.forEach((e, i) => {
    const row = L.rows[i];
    const check = e.check[lang];
    b.put(row, C.no, { value: i + 1, style: boxed({ horizontal: "center", numberFormat: "0" }) });
    b.put(row, C.element, { value: e.heading, style: boxed({ wrap: true }) });
    b.put(row, C.check, { value: check, style: boxed({ wrap: true }) });
    b.put(row, C.status, { value: null, style: boxed({ horizontal: "center", fill: COLORS.inputFill }) });
    b.put(row, C.note, { value: null, style: boxed({ wrap: true }) });
    const lines = Math.max(b.lines(e.heading, POLICY_WIDTHS[C.element]), b.lines(check, POLICY_WIDTHS[C.check]));
    b.height(row, Math.max(2, lines) * font.lineHeight + 6);
  });
  b.validations.push({
    range: spanOf(L.status),
    list: POLICY_STATUSES.map((s) => s.label[lang]),
    prompt: tx("template.policy.validation.prompt"),
    error: tx("template.policy.validation.error", { count: POLICY_STATUSES.length }),
  });
  return { sheets: [b.sheet(L.sheetName, COLORS.policyTab)] };
}

/** How many lines a wrapped text takes in a column of the given width (Excel width units). */
function wrappedLines(text: string, width: number, cjkUnits: number): number {
  let units = 0;
  for (const ch of text) units += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? cjkUnits : 1.05;
  return Math.max(1, Math.ceil(units / (width - 1.5)));
}
