/**
 * What the text above a column says about it: an answer or points column, notes, a respondent's
 * name, or nothing. Real sheets put titles, part headings merged across the table, dates,
 * 記入者：…, and instructions above their answer columns; only the table's own header row says
 * what a column is, and a name must look like one.
 */
import { PARTS } from "../catalog/diagnosis";
import { squeeze, textKey } from "../text/normalise";
import { answerLabel } from "./cellReading";
import type { Grid } from "./grid";

/** How far above the first item row the table's header row may sit. */
export const HEADER_SEARCH_ROWS = 6;
/** How far above its header row a table's title may sit. */
const TITLE_ROWS = 3;
/** Longest text taken for a table's title (longer: a note or an instruction). */
const TITLE_LENGTH = 40;

/** Headers of the question and number columns: the header row, not a title. */
const ITEM_COLUMN_HEADERS = new Set(
  ["診断項目", "項目", "設問", "質問", "内容", "チェック項目", "診断内容", "no", "番号", "question", "questions", "item", "items"].map(textKey),
);

/**
 * A title as a table's name, without the marks in front (■, ◆); null for a sentence (an
 * instruction), a part heading or a column's header.
 */
function titleText(text: string): string | null {
  const s = text.replace(/^[\s■□◆◇●○◎▲△▼▽▶▷►★☆・※#=\-–—]+/u, "").replace(/[\s:：]+$/u, "");
  if (s === "" || [...s].length > TITLE_LENGTH || /[。?？]|ください|下さい/.test(s) || isPartHeading(s)) return null;
  const kind = classifyHeader(s).kind;
  if (ITEM_COLUMN_HEADERS.has(core(s)) || (kind !== "none" && kind !== "name")) return null;
  return s;
}

/** Headers that say "answer" rather than naming a person. */
const ANSWER_HEADERS = new Set(
  [
    "回答",
    "回答欄",
    "答え",
    "評価",
    "結果",
    "診断結果",
    "実施状況",
    "状況",
    "対応状況",
    "チェック",
    "チェック欄",
    "選択",
    "回答選択",
    "自己評価",
    "判定",
    "実施有無",
    "answer",
    "answers",
    "response",
    "responses",
    "status",
    "result",
  ].map(textKey),
);
/**
 * Answer headers that name the answer itself, as against a state (状況, 評価, 結果, チェック) that
 * columns beside the answers also carry (対応状況: 済, 未対応): a column so headed is an answer
 * column whatever it holds.
 */
const OWN_ANSWER_HEADERS = new Set(["回答", "回答欄", "答え", "回答選択", "answer", "answers", "response", "responses"].map(textKey));
/** Headers that say "points". */
const POINTS_HEADERS = new Set(["点数", "得点", "点", "配点", "評点", "points", "point", "score", "スコア"].map(textKey));
/** Headers of columns that hold remarks, never answers. */
const NOTES_WORDS = [
  "備考",
  "メモ",
  "コメント",
  "補足",
  "特記事項",
  "理由",
  "根拠",
  "説明",
  "改善策",
  "対策案",
  "今後の予定",
  "note",
  "notes",
  "remark",
  "remarks",
  "comment",
  "comments",
  "memo",
].map(textKey);
/** Headers of columns computed from the answers (an average, a total, a target), never a respondent. */
const AGGREGATE_WORDS = ["平均", "合計", "小計", "集計", "最高", "最低", "満点", "目標", "average", "total", "sum", "max", "min"].map(textKey);
/** Labels whose value names the one who answered ("記入者：山田"). */
const PERSON_LABELS = new Set(
  ["記入者", "回答者", "担当者", "担当", "氏名", "名前", "部署", "部署名", "部門", "所属", "拠点", "事業所", "店舗", "respondent", "name", "site"].map(textKey),
);

export type HeaderKind = "answer" | "points" | "notes" | "aggregate" | "name" | "none";

export interface ColumnHeader {
  /** The header as written (trimmed, one line); null when the column has none. */
  text: string | null;
  kind: HeaderKind;
  /** The respondent's name the header gives (kind "name", or "answer" as in 回答（社長）), else null. */
  name: string | null;
  /** The header is one of the four answers (実施している …): a column of a grid of marks, not 回答. */
  label?: true;
  /**
   * The header says the column is a respondent's answers whatever it holds: 回答, answer, or an
   * answer header naming its respondent (回答（部長）, 評価（社長）); not 状況, 評価 alone.
   */
  firm?: true;
}

const NONE: ColumnHeader = { text: null, kind: "none", name: null };

/** The header without notes in brackets or after ※ ("回答（リストから選択）" → "回答"). */
function core(text: string): string {
  return textKey(text.replace(/[（(【［[〔<＜《〈][^）)】］\]〕>＞》〉]*[）)】］\]〕>＞》〉]/g, "").replace(/[※*].*$/, ""));
}

/**
 * A part heading: a catalog part's name ("基本的対策", "Basic measures") or "Part 1", "パート1",
 * "第1部" with or without a name after it.
 */
export function isPartHeading(text: string): boolean {
  const k = textKey(text);
  if (PARTS.some((p) => k.includes(textKey(p.name.ja)) || k.includes(textKey(p.name.en)))) return true;
  return /^(?:part|パート)[1-3](?![0-9])|^第[1-3一二三]部/.test(squeeze(text));
}

/** A date written as text ("2024/4/1", "2024年4月1日", "令和6年4月", "R6.4.1"). */
function looksLikeDate(text: string): boolean {
  const s = squeeze(text);
  return /^\d{4}[/.-]\d{1,2}(?:[/.-]\d{1,2})?$/.test(s) || /\d{1,4}年\d{1,2}月/.test(s) || /^(?:令和|平成|r|h)\d{1,2}[.年]/.test(s);
}

/** Words of instructions, titles and other columns' headers: a text holding one names no one. */
const NOT_A_NAME = [
  "選択",
  "記入",
  "入力",
  "選ん",
  "プルダウン",
  "リスト",
  "参照",
  "下記",
  "以下",
  "上記",
  "診断",
  "点検",
  "チェック表",
  "チェックシート",
  "集計",
  "一覧",
  "設問",
  "質問",
  "項目",
  "内容",
  "番号",
  "合計",
  "小計",
  "平均",
  "段階",
  "必須",
  "任意",
  "いずれか",
  "question",
  "item",
  "total",
].map(textKey);

/** The name a header gives, or null: short, not a sentence, a date, an instruction or an answer. */
function nameIn(text: string): string | null {
  const s = text.replace(/\s+/g, " ").trim();
  if (s === "" || [...s].length > 24 || /^[※*]/.test(s)) return null;
  if (/[。?？]|ください|下さい|ですか|ますか/.test(s)) return null;
  if (NOT_A_NAME.some((w) => textKey(s).includes(w)) || /^(?:no|№|#)\d*$/.test(textKey(s))) return null;
  if (looksLikeDate(s) || /^[\d\s.,:/+-]+$/.test(squeeze(s))) return null;
  if (answerLabel(s) !== null || isPartHeading(s)) return null;
  return s;
}

/** What a header text says about its column. */
export function classifyHeader(text: string | null): ColumnHeader {
  if (text === null) return NONE;
  const t = text.replace(/\s+/g, " ").trim();
  if (t === "") return NONE;
  const k = core(t);
  // "回答（社長）": an answer column whose brackets name the respondent.
  const bracketed = /[（(]([^）)]+)[）)]/.exec(t)?.[1];
  const inBrackets = bracketed === undefined ? null : nameIn(bracketed);
  if (POINTS_HEADERS.has(k)) return { text: t, kind: "points", name: null };
  if (ANSWER_HEADERS.has(k)) {
    const firm = OWN_ANSWER_HEADERS.has(k) || inBrackets !== null;
    return { text: t, kind: "answer", name: inBrackets, ...(firm ? { firm: true as const } : {}) };
  }
  if (answerLabel(t) !== null) return { text: t, kind: "answer", name: inBrackets, label: true };
  if (AGGREGATE_WORDS.some((w) => k.includes(w))) return { text: t, kind: "aggregate", name: null };
  if (NOTES_WORDS.some((w) => k.includes(w))) return { text: t, kind: "notes", name: null };
  if (PERSON_LABELS.has(k) || k === textKey("回答者名")) return { text: t, kind: "none", name: null };
  // "記入者：山田": the value names the respondent; "記入日：…" names no one.
  const labelled = /^([^:：]{1,8})[:：]\s*(.+)$/.exec(t);
  if (labelled) {
    if (!PERSON_LABELS.has(textKey(labelled[1]))) return { text: t, kind: "none", name: null };
    const name = nameIn(labelled[2]);
    return { text: t, kind: name === null ? "none" : "name", name };
  }
  const name = nameIn(t);
  return { text: t, kind: name === null ? "none" : "name", name };
}

/**
 * Reading the header rows of one table: the header row is the nearest row above the first item
 * (within the table's columns, and not across another table's rows) that holds anything besides
 * part headings and banners (a text merged across a question column and beyond, such as a title
 * or a part heading spanning the table).
 */
export class TableHeaders {
  readonly row: number | null;

  constructor(
    private readonly grid: Grid,
    private readonly firstRow: number,
    private readonly questionCols: Set<number>,
    /** The table's columns. */
    private readonly left: number,
    private readonly right: number,
    /** Rows of other tables: the search stops there. */
    private readonly otherRows: Set<number>,
  ) {
    this.row = this.findRow();
  }

  /** True when the cell shows a banner: a merge reaching over a question column and beyond. */
  private isBanner(row: number, col: number): boolean {
    const m = this.grid.merge(row, col);
    if (!m || m.left === m.right) return false;
    return [...this.questionCols].some((q) => q >= m.left && q <= m.right);
  }

  /** The shown text of a cell, or null for blanks, banners and part headings. */
  private own(row: number, col: number): string | null {
    const t = this.grid.text(row, col);
    if (t === null || this.isBanner(row, col) || isPartHeading(t)) return null;
    return t;
  }

  private findRow(): number | null {
    for (let row = this.firstRow - 1; row >= Math.max(this.grid.top, this.firstRow - HEADER_SEARCH_ROWS); row--) {
      if (this.otherRows.has(row)) return null;
      for (let col = this.left; col <= this.right; col++) if (this.own(row, col) !== null) return row;
    }
    return null;
  }

  /** The header of a column: its text on the header row (merges resolved). */
  of(col: number): ColumnHeader {
    return this.row === null ? NONE : classifyHeader(this.own(this.row, col));
  }

  /**
   * The name over a column whose own header says only "answer" (or nothing): the text above it
   * in the two rows over the header row, alone or merged over it and its points or notes columns
   * (never a banner, nor over another respondent), when it looks like a name.
   */
  nameAbove(left: number, right: number, otherUnits: (col: number) => boolean = () => false): string | null {
    if (this.row === null) return null;
    for (let row = this.row - 1; row >= Math.max(this.grid.top, this.row - 2); row--) {
      if (this.otherRows.has(row)) return null;
      const m = this.grid.merge(row, left);
      // A merge reaching over another respondent's columns is a group label (回答者 over several
      // people), not a name; one over the unit and its notes column (社長 over 回答 | 備考) is.
      if (m && m.left < left) return null;
      if (m) for (let col = right + 1; col <= m.right; col++) if (otherUnits(col)) return null;
      const t = this.own(row, left);
      if (t === null) continue;
      const beside = left === right ? null : this.own(row, right);
      if (beside !== null && beside !== t) return null;
      const h = classifyHeader(t);
      return h.kind === "name" ? h.name : null;
    }
    return null;
  }

  /**
   * The table's title: the first text, left to right in the table's columns, of the nearest row
   * above the header row that holds any (at most TITLE_ROWS up, never across another table's
   * rows) — 「■ 2024年度の診断」, 「本社」; or the header row's own text when it is its only one
   * (a title line right above the items). A sentence (an instruction) or a part heading is none.
   */
  title(): { text: string; row: number; col: number } | null {
    // A title line starts at the table's left, at the latest over its questions; a text only
    // further right is a column's header or a name over it.
    const questions = Math.max(...this.questionCols);
    const titleOf = (t: { text: string; row: number; col: number }) => {
      const text = t.col <= questions ? titleText(t.text) : null;
      return text === null ? null : { ...t, text };
    };
    const start = this.row ?? this.firstRow;
    if (this.row !== null) {
      const own = this.texts(this.row);
      if (own.length === 1) return titleOf(own[0]);
    }
    for (let row = start - 1; row >= Math.max(this.grid.top, start - TITLE_ROWS); row--) {
      if (this.otherRows.has(row)) return null;
      // A part heading right above the items (Part1 基本的対策) is passed over.
      const texts = this.texts(row).filter((t) => !isPartHeading(t.text));
      if (texts.length > 0) return titleOf(texts[0]);
    }
    return null;
  }

  /**
   * The text over an answer column that marks it as a filled-in example (【記入例】 over one of two
   * blocks set side by side), or null: the texts of the rows above the header row (as far as a
   * title is looked for) from the column's own block of questions to the column itself.
   */
  exampleOver(col: number, isExample: (text: string) => boolean): { text: string; row: number; col: number } | null {
    const start = this.row ?? this.firstRow;
    const own = Math.max(...[...this.questionCols].filter((q) => q < col), this.left);
    const from = Math.max(this.left, own - 1);
    for (let row = start - 1; row >= Math.max(this.grid.top, start - TITLE_ROWS); row--) {
      if (this.otherRows.has(row)) return null;
      for (const t of this.texts(row)) if (t.col >= from && t.col <= col && isExample(t.text)) return t;
    }
    return null;
  }

  /** The texts of a row in the table's columns, each merge once (at its first column). */
  private texts(row: number): { text: string; row: number; col: number }[] {
    const out: { text: string; row: number; col: number }[] = [];
    for (let col = this.left; col <= this.right; col++) {
      const m = this.grid.merge(row, col);
      if (m && m.left < col && col > this.left) continue;
      const text = this.grid.text(row, col);
      if (text !== null) out.push({ text, row: m ? m.top : row, col: m ? m.left : col });
    }
    return out;
  }

  /** The name over a grid: the text over its four columns on the header row or just above the label row. */
  gridName(labelRow: number, left: number, right: number): string | null {
    for (let row = labelRow - 1; row >= Math.max(this.grid.top, labelRow - 2); row--) {
      if (this.otherRows.has(row)) return null;
      const texts = new Set<string>();
      for (let col = left; col <= right; col++) {
        const t = this.own(row, col);
        if (t !== null) texts.add(t);
      }
      if (texts.size > 1) return null;
      if (texts.size === 1) {
        const h = classifyHeader([...texts][0]);
        return h.kind === "name" ? h.name : null;
      }
    }
    return null;
  }
}
