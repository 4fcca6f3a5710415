/**
 * The company's name as the workbook writes it: a label such as 会社名, 事業者名, 企業名 (or
 * "Company name") in the head of a sheet, with the name in the cell right of it (through merged
 * cells, as on 方眼紙 forms) or after a colon in the same cell (会社名：株式会社○○).
 *
 * Without a label, a name with its legal form (株式会社やまびこ製作所, ○○有限会社, (株)△△) written
 * in the head of a sheet the diagnosis or the checksheet was read from (a form's line such as
 * 「株式会社やまびこ製作所　本社　記入者：山田」) is taken too, but only there: elsewhere such a
 * name is more likely a customer in a list.
 *
 * Never the file's name: a file called 診断_最終版.xlsx says nothing about whose it is. Hidden
 * sheets, filled-in examples (記入例, 見本) and the add-in's own sheets are not read. A label in
 * a table's header row (a customer list with a 会社名 column) names other companies: a label
 * whose row holds further labels or whose column continues with data below is not taken.
 */
import { a1, type CellAddress } from "./address";
import { companySnapshot } from "./addinState";
import { Grid } from "./recognise/grid";
import type { WorkbookSnapshot } from "./snapshot";
import { textKey } from "./text/normalise";

/** The labels a company's name is written after (compared by textKey, so spaces and case do not matter). */
export const COMPANY_LABELS: readonly string[] = [
  "会社名",
  "社名",
  "貴社名",
  "御社名",
  "事業者名",
  "企業名",
  "法人名",
  "会社名称",
  "事業者の名称",
  "組織名",
  "団体名",
  "company",
  "company name",
  "business name",
  "organisation",
  "organization",
];

/** Only the head of a sheet: where a form writes whose it is. */
const HEAD_ROWS = 40;
const HEAD_COLS = 30;
/** How far right of its label a name may stand (方眼紙 forms leave a few empty cells). */
const VALUE_REACH = 8;
const MAX_NAME_LENGTH = 80;
/** The next labels of a form, below the company's name: short, ending as labels end (名, 者, 日, 番号 …) or with a colon. */
const FORM_LABEL = /^.{1,10}(名|者|日|先|番号|数|地|種|住所|電話|メール|fax|[:：])$|^(name|address|phone|tel|e-?mail|date|representative|contact)\b/i;

const LABEL_KEYS = new Set(COMPANY_LABELS.map(textKey));
/** A label with a note after it: 会社名（正式名称）, 会社名(必須). */
const LABEL_NOTE = /^(.+?)[(（【[].*[)）】\]]$/;
/** 会社名：株式会社○○, Company: Acme Ltd. */
const INLINE = /^(.{1,12}?)\s*[:：]\s*(.+)$/s;
/** Sample sheets (the recogniser sets them aside the same way). */
const EXAMPLE_SHEET = /記入例|見本|サンプル|sample|example|^例$|^例[\s(（【]/i;
/** What a blank form holds where the name goes: ○○, ＿＿, 記入してください, (入力). */
const PLACEHOLDER = /^[\s○〇◯×＿_・.…\-ー－*＊]*$|○○|〇〇|記入|入力|ご記入|enter|fill in|your company/i;

export interface CompanyNameFound {
  name: string;
  sheet: string;
  /** The cell holding the name. */
  cell: CellAddress;
}

function isLabel(text: string): boolean {
  const k = textKey(text.replace(/[:：]\s*$/, ""));
  if (LABEL_KEYS.has(k)) return true;
  const m = LABEL_NOTE.exec(text.trim());
  return m !== null && LABEL_KEYS.has(textKey(m[1]));
}

/** A value that can be a company's name: text, not a placeholder, not another label. */
function nameOf(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const s = v.replace(/\s+/g, " ").trim();
  if (s === "" || s.length > MAX_NAME_LENGTH || PLACEHOLDER.test(s) || isLabel(s)) return null;
  return s;
}

/** A legal form, before or after the name. */
const LEGAL_FORM =
  /(株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人|社会福祉法人|医療法人|特定非営利活動法人|NPO法人|\(株\)|\(有\)|㈱|㈲)/;
/** The head of a form: a name without a label is looked for only this far down. */
const FORM_HEAD_ROWS = 6;

/**
 * The first company name the workbook's sheets write: a labelled one in any sheet's head (sheet
 * order, top to bottom), else a name with its legal form in the head of one of `formSheets` (the
 * sheets the diagnosis or checksheet was read from); null when none.
 */
export function findCompanyName(snapshot: WorkbookSnapshot, formSheets: readonly string[] = []): CompanyNameFound | null {
  return labelled(snapshot) ?? unlabelled(snapshot, formSheets);
}

function unlabelled(snapshot: WorkbookSnapshot, formSheets: readonly string[]): CompanyNameFound | null {
  for (const name of formSheets) {
    const sheet = snapshot.sheets.find((s) => s.name === name);
    if (!sheet) continue;
    const g = new Grid(sheet);
    for (let row = g.top; row <= Math.min(g.bottom, g.top + FORM_HEAD_ROWS - 1); row++) {
      for (let col = g.left; col <= Math.min(g.right, g.left + HEAD_COLS - 1); col++) {
        const v = g.at(row, col);
        if (typeof v !== "string") continue;
        // The form's line is split at its wide spaces: 株式会社やまびこ製作所　本社　記入者：山田.
        const token = v
          .normalize("NFKC")
          .split(/\s+/)
          .find((x) => LEGAL_FORM.test(x) && !/[:：]/.test(x));
        const name = token ? nameOf(token) : null;
        if (name) return { name, sheet: sheet.name, cell: a1(row, col) };
      }
    }
  }
  return null;
}

function labelled(snapshot: WorkbookSnapshot): CompanyNameFound | null {
  for (const sheet of companySnapshot(snapshot).sheets) {
    if (sheet.visibility !== "visible" || EXAMPLE_SHEET.test(sheet.name.normalize("NFKC").trim())) continue;
    const g = new Grid(sheet);
    const bottom = Math.min(g.bottom, g.top + HEAD_ROWS - 1);
    const right = Math.min(g.right, g.left + HEAD_COLS - 1);
    for (let row = g.top; row <= bottom; row++) {
      for (let col = g.left; col <= right; col++) {
        const v = g.at(row, col);
        if (typeof v !== "string") continue;
        const inline = INLINE.exec(v.trim());
        if (inline && isLabel(inline[1])) {
          const name = nameOf(firstField(inline[2]));
          if (name) return { name, sheet: sheet.name, cell: a1(row, col) };
          continue;
        }
        if (!isLabel(v)) continue;
        const found = valueRightOf(g, row, col);
        if (found && !inTableHeader(g, row, col)) return { name: found.name, sheet: sheet.name, cell: a1(row, found.col) };
      }
    }
  }
  return null;
}

/** The value of a form's line up to the next field: 株式会社みなと精機　　記入日：2024年4月1日 → 株式会社みなと精機. */
function firstField(text: string): string {
  const s = text.normalize("NFKC");
  const cut = s.search(/\s{2,}|\s+[^\s:：]{1,10}[:：]/);
  return cut > 0 ? s.slice(0, cut) : s;
}

/** The first non-empty cell right of the label (past the label's own merge), if it is a name. */
function valueRightOf(g: Grid, row: number, col: number): { name: string; col: number } | null {
  const start = (g.merge(row, col)?.right ?? col) + 1;
  for (let c = start; c <= Math.min(g.right, start + VALUE_REACH); c++) {
    const v = g.shown(row, c);
    if (v === null || (typeof v === "string" && v.trim() === "")) continue;
    const name = nameOf(v);
    const m = g.merge(row, c);
    return name ? { name, col: m ? m.left : c } : null;
  }
  return null;
}

/**
 * A table's header row (会社名 | 担当者 | 電話番号 over a list of customers): below the label come
 * values, not the next labels of a form (代表者名, 住所, 電話番号). Two values in the three rows
 * below make it a table.
 */
function inTableHeader(g: Grid, row: number, col: number): boolean {
  let values = 0;
  let r = (g.merge(row, col)?.bottom ?? row) + 1;
  for (let i = 0; i < 3 && r <= g.bottom; i++) {
    const text = g.text(r, col);
    if (text !== null && !FORM_LABEL.test(text)) values++;
    r = (g.merge(r, col)?.bottom ?? r) + 1;
  }
  return values >= 2;
}
