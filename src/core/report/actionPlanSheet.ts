/**
 * The action plan sheet (情報セキュリティ対策実行計画), and reading back what was typed on it.
 *
 * One row per measure (core/actionPlan.ts) in plan order, the headline six marked ★; the columns
 * 対策, 関連する項目・規程, 担当者 (a dropdown of IPA's roles that also takes any name: its alert is
 * "information"), 期限 (a date, date validation), 人 (person-days), 物 (equipment or service),
 * 金 (initial and yearly, yen), 状況 (未着手 / 実施中 / 完了 / 見送り), チェックポイント (a date)
 * and 確認結果; the totals of person-days and cost (without dropped measures) as SUMIF formulas
 * above the table, so they follow what the company types. Blank rows at the end take the
 * company's own measures.
 *
 * Each row carries its measure's id in a hidden column (ID): the next run reads every row by its
 * id, whatever its position, so what was typed stays with its measure. A row without an id and
 * with text is the company's own measure: it is kept and gets an id. Columns are found by their
 * header text in either language (the last run may have been in the other one).
 */
import { a1, columnLetters, type CellAddress } from "../address";
import { ROLES } from "../catalog/itemMeasures";
import {
  HEADLINE_COUNT,
  MEASURE_STATUSES,
  addMonths,
  CHECKPOINT_MONTHS,
  defaultMeasureTexts,
  defaultOwner,
  isTypedText,
  parseMeasureId,
  parseOwner,
  sameOwner,
  type ActionPlan,
  type MeasureEdits,
  type MeasureId,
  type MeasureStatus,
  type PlanMeasure,
  type PlanSheetRead,
  type Typed,
} from "../actionPlan";
import { t, type Lang, type MessageKey } from "../i18n";
import { message, resourceParam, type EngineMessage } from "../messages";
import type { CellStyle, SheetPlan } from "../plan";
import { cellAt, isCellDate, isCellError, isUncalculated, sheetBottom, sheetRight, type CellValue, type SheetSnapshot } from "../snapshot";
import { displayValue, textKey } from "../text/normalise";
import { avoidNearEmptyLastPage } from "./printPages";
import { REPORT_COLORS, SheetGrid, type CutText } from "./sheet";

export const PLAN_COLS = {
  order: 0,
  headline: 1,
  measure: 2,
  related: 3,
  owner: 4,
  due: 5,
  days: 6,
  equipment: 7,
  initialCost: 8,
  yearlyCost: 9,
  status: 10,
  checkpoint: 11,
  result: 12,
  id: 13,
} as const;
type PlanCol = keyof typeof PLAN_COLS;

//           order head measure related owner due  days equip init year status check result id
const WIDTHS = [4, 4.5, 30, 13.5, 13, 11.5, 6, 11.5, 9.5, 9.5, 7.5, 11.5, 12.5, 10];

/** Rows (0-based): title, explanation, plan date, totals, the two header rows, then the measures. */
export const PLAN_LAYOUT = { title: 0, how: 1, date: 2, totals: 3, header: 4, subHeader: 5, firstRow: 6 } as const;
/** Blank rows left after the measures for the company's own. */
export const OWN_ROWS = 5;
/** The totals sum this many rows below the header, so rows added at the end are counted. */
const SUM_ROWS = 500;

const DATE_FORMAT: Record<Lang, string> = { ja: "yyyy/mm/dd", en: "yyyy-mm-dd" };
const YEN_FORMAT = "#,##0";
const DAYS_FORMAT = "0.0";

/** The main header of each column, and the sub-header under 人 / 物 / 金. */
const HEADER: Record<PlanCol, MessageKey> = {
  order: "report.plan.col.order",
  headline: "report.plan.col.headline",
  measure: "report.plan.col.measure",
  related: "report.plan.col.related",
  owner: "report.plan.col.owner",
  due: "report.plan.col.due",
  days: "report.plan.col.people",
  equipment: "report.plan.col.things",
  initialCost: "report.plan.col.money",
  yearlyCost: "report.plan.col.money",
  status: "report.plan.col.status",
  checkpoint: "report.plan.col.checkpoint",
  result: "report.plan.col.result",
  id: "report.plan.col.id",
};
const SUB_HEADER: Partial<Record<PlanCol, MessageKey>> = {
  days: "report.plan.col.days",
  equipment: "report.plan.col.equipment",
  initialCost: "report.plan.col.initialCost",
  yearlyCost: "report.plan.col.yearlyCost",
};

const STATUS_KEYS: Record<MeasureStatus, MessageKey> = {
  todo: "report.plan.status.todo",
  doing: "report.plan.status.doing",
  done: "report.plan.status.done",
  dropped: "report.plan.status.dropped",
};

export function statusLabel(s: MeasureStatus, lang: Lang): string {
  return t(lang, STATUS_KEYS[s]);
}

const TOP: CellStyle = { vertical: "top" };
const WRAP: CellStyle = { wrap: true };
const CENTRED: CellStyle = { horizontal: "center" };
const EDIT: CellStyle = { fill: REPORT_COLORS.editableFill };
const MUTED: CellStyle = { fontColor: REPORT_COLORS.mutedText };

export function actionPlanSheet(plan: ActionPlan, names: { self: string; workbook: string }, position: number, lang: Lang, cuts: CutText[] = []): SheetPlan {
  const g = new SheetGrid(lang, WIDTHS, cuts);
  const C = PLAN_COLS;
  const L = PLAN_LAYOUT;
  const lastVisible = C.result;
  const dateStyle = (extra?: CellStyle) => g.boxed(TOP, CENTRED, EDIT, { numberFormat: DATE_FORMAT[lang] }, extra);

  g.line(L.title, g.tx("report.plan.title", { workbook: names.workbook }), { bold: true, fontSize: 14, vertical: "middle" }, 0, lastVisible);
  g.height(L.title, 26);
  g.line(L.how, g.tx("report.plan.how", { headline: HEADLINE_COUNT, months: CHECKPOINT_MONTHS, dropped: statusLabel("dropped", lang) }), {}, 0, lastVisible);
  // The plan's date: the checkpoints default from it; the expert may change it.
  g.put(L.date, C.order, g.tx("report.plan.date"), g.st({ bold: true, horizontal: "right" }));
  g.merge(L.date, C.order, L.date, C.measure - 1);
  putDate(g, L.date, C.measure, plan.date, g.st({ numberFormat: DATE_FORMAT[lang], horizontal: "left", fill: REPORT_COLORS.editableFill, bold: true }));

  // Totals, above the table so that rows added below it are summed too.
  const first = L.firstRow + 1;
  const last = L.subHeader + 1 + SUM_ROWS;
  const status = columnLetters(C.status);
  const dropped = statusLabel("dropped", lang).replace(/"/g, '""');
  const sumOf = (col: number) => `SUMIF($${status}$${first}:$${status}$${last},"<>${dropped}",$${columnLetters(col)}$${first}:$${columnLetters(col)}$${last})`;
  g.put(L.totals, C.order, g.tx("report.plan.totals"), g.st({ bold: true, horizontal: "right" }));
  g.merge(L.totals, C.order, L.totals, C.owner);
  g.fit(L.totals, g.tx("report.plan.totals"), C.order, C.owner);
  for (const [col, format] of [
    [C.days, DAYS_FORMAT],
    [C.initialCost, YEN_FORMAT],
    [C.yearlyCost, YEN_FORMAT],
  ] as const) {
    g.put(L.totals, col, null);
    g.grid[L.totals][col] = { formula: sumOf(col), style: g.boxed({ bold: true, numberFormat: format, fill: REPORT_COLORS.labelFill, horizontal: "right" }) };
  }

  // Two header rows: 人 / 物 / 金 over their units; the others merged down.
  const order = Object.keys(PLAN_COLS) as PlanCol[];
  for (const col of order) {
    const c = C[col];
    if (col === "yearlyCost") continue;
    const text = g.tx(HEADER[col]);
    g.put(L.header, c, text, g.head());
    g.fit(L.header, text, c);
    const sub = SUB_HEADER[col];
    if (sub) {
      const subText = g.tx(sub);
      g.put(L.subHeader, c, subText, g.head());
      g.fit(L.subHeader, subText, c);
      if (col === "initialCost") {
        g.put(L.header, C.yearlyCost, null, g.head());
        g.merge(L.header, C.initialCost, L.header, C.yearlyCost);
        const yearly = g.tx(SUB_HEADER.yearlyCost!);
        g.put(L.subHeader, C.yearlyCost, yearly, g.head());
      }
    } else {
      g.put(L.subHeader, c, null, g.head());
      g.merge(L.header, c, L.subHeader, c);
    }
  }

  plan.measures.forEach((m, i) => writeRow(g, L.firstRow + i, m, lang, dateStyle));
  const ownFirst = L.firstRow + plan.measures.length;
  for (let k = 0; k < OWN_ROWS; k++) {
    const row = ownFirst + k;
    g.put(row, C.order, null, g.boxed(TOP));
    g.put(row, C.headline, null, g.boxed(TOP));
    g.put(row, C.measure, k === 0 ? g.tx("report.plan.ownRow") : null, g.boxed(TOP, WRAP, EDIT, k === 0 ? MUTED : undefined));
    if (k === 0) g.fit(row, g.tx("report.plan.ownRow"), C.measure);
    for (const col of [C.related, C.owner, C.equipment, C.result]) g.put(row, col, null, g.boxed(TOP, WRAP, EDIT));
    for (const col of [C.due, C.checkpoint]) g.put(row, col, null, dateStyle());
    g.put(row, C.days, null, g.boxed(TOP, EDIT, { numberFormat: DAYS_FORMAT }));
    for (const col of [C.initialCost, C.yearlyCost]) g.put(row, col, null, g.boxed(TOP, EDIT, { numberFormat: YEN_FORMAT }));
    g.put(row, C.status, null, g.boxed(TOP, CENTRED, EDIT));
    g.height(row, 24);
  }
  const lastRow = ownFirst + OWN_ROWS - 1;

  // The first own row's hint is grey text the company types over; it is not read as a measure.
  const roles = ROLES.map((r) => r.label[lang]);
  g.validations.push({
    range: { top: L.firstRow, left: C.owner, bottom: lastRow, right: C.owner },
    list: roles,
    errorStyle: "information",
    prompt: g.tx("report.plan.validation.ownerPrompt"),
    error: g.tx("report.plan.validation.ownerError"),
  });
  const statuses = MEASURE_STATUSES.map((s) => statusLabel(s, lang));
  g.validations.push({
    range: { top: L.firstRow, left: C.status, bottom: lastRow, right: C.status },
    list: statuses,
    prompt: g.tx("report.plan.validation.statusPrompt", { labels: statuses.join(g.tx("report.list.separator")) }),
    error: g.tx("report.plan.validation.statusError", { labels: statuses.join(g.tx("report.list.separator")) }),
  });
  for (const col of [C.due, C.checkpoint]) {
    g.validations.push({
      range: { top: L.firstRow, left: col, bottom: lastRow, right: col },
      date: { from: "2000-01-01" },
      prompt: g.tx("report.plan.validation.datePrompt"),
      error: g.tx("report.plan.validation.dateError"),
    });
  }

  const sheet = g.sheet(names.self, "actionPlan", position, {
    freezeRows: L.subHeader + 1,
    print: { orientation: "landscape", repeatRows: [L.header, L.subHeader] },
  });
  // The id column is hidden; a hidden column has no width to set (Excel reports it as 0).
  sheet.hiddenColumns = [C.id];
  sheet.columnWidths = sheet.columnWidths!.filter((c) => c.col !== C.id);
  return avoidNearEmptyLastPage(sheet);
}

/** A date cell (SheetGrid writes values only). */
function putDate(g: SheetGrid, row: number, col: number, day: string, style: CellStyle): void {
  g.put(row, col, null);
  g.grid[row][col] = { date: day, style };
}

function writeRow(g: SheetGrid, row: number, m: PlanMeasure, lang: Lang, dateStyle: (extra?: CellStyle) => CellStyle): void {
  const C = PLAN_COLS;
  const dropped = m.status === "dropped";
  const faded = dropped ? MUTED : undefined;
  const text = (col: number, value: string | null, ...style: (CellStyle | undefined)[]) => {
    g.put(row, col, value, g.boxed(TOP, WRAP, ...style, faded));
    if (value) g.fit(row, value, col);
  };
  const typed = <T extends string | number>(v: Typed<T> | null): string | number | null => (v === null ? null : isTypedText(v) ? v.text : v);
  g.put(row, C.order, m.order, g.boxed(TOP, CENTRED, { numberFormat: "0" }, faded));
  g.put(row, C.headline, m.headline ? g.tx("report.plan.headlineMark") : null, g.boxed(TOP, CENTRED, { bold: true, fontColor: REPORT_COLORS.warningText }));
  text(C.measure, m.text, EDIT, m.headline ? { bold: true } : undefined);
  text(C.related, m.related, m.source.kind === "own" ? EDIT : undefined);
  text(C.owner, m.ownerText, EDIT);
  for (const [col, v] of [
    [C.due, m.due],
    [C.checkpoint, m.checkpoint],
  ] as const) {
    if (v !== null && !isTypedText(v)) putDate(g, row, col, v, dateStyle(faded));
    else g.put(row, col, typed(v), dateStyle(faded));
  }
  g.put(row, C.days, typed(m.days), g.boxed(TOP, EDIT, { numberFormat: DAYS_FORMAT, horizontal: "right" }, faded));
  text(C.equipment, m.equipment, EDIT);
  g.put(row, C.initialCost, typed(m.initialCost), g.boxed(TOP, EDIT, { numberFormat: YEN_FORMAT, horizontal: "right" }, faded));
  g.put(row, C.yearlyCost, typed(m.yearlyCost), g.boxed(TOP, EDIT, { numberFormat: YEN_FORMAT, horizontal: "right" }, faded));
  g.put(row, C.status, isTypedText(m.status) ? m.status.text : statusLabel(m.status, lang), g.boxed(TOP, CENTRED, EDIT, faded));
  text(C.result, m.result, EDIT);
  g.put(row, C.id, m.id, g.st({ fontColor: REPORT_COLORS.mutedText }));
}

// ---------------------------------------------------------------------------------------------
// Reading back

type ReadCol = Exclude<PlanCol, "order" | "headline">;

function keys(key: MessageKey): Set<string> {
  return new Set([textKey(t("ja", key)), textKey(t("en", key))]);
}

/** The header row and columns of a plan sheet; null when its header cannot be found. */
function findColumns(sheet: SheetSnapshot): { header: number; cols: Partial<Record<ReadCol, number>> } | null {
  const right = sheetRight(sheet);
  const bottom = Math.min(sheetBottom(sheet), sheet.top + 40);
  const main: [ReadCol, Set<string>][] = [
    ["measure", keys(HEADER.measure)],
    ["related", keys(HEADER.related)],
    ["owner", keys(HEADER.owner)],
    ["due", keys(HEADER.due)],
    ["status", keys(HEADER.status)],
    ["checkpoint", keys(HEADER.checkpoint)],
    ["result", keys(HEADER.result)],
    ["id", keys(HEADER.id)],
  ];
  const sub: [ReadCol, Set<string>][] = [
    ["days", keys(SUB_HEADER.days!)],
    ["equipment", keys(SUB_HEADER.equipment!)],
    ["initialCost", keys(SUB_HEADER.initialCost!)],
    ["yearlyCost", keys(SUB_HEADER.yearlyCost!)],
  ];
  for (let row = sheet.top; row <= bottom; row++) {
    const cols: Partial<Record<ReadCol, number>> = {};
    for (let col = sheet.left; col <= right; col++) {
      const v = cellAt(sheet, row, col);
      if (typeof v !== "string") continue;
      const k = textKey(v);
      const hit = main.find(([c, set]) => set.has(k) && cols[c] === undefined);
      if (hit) cols[hit[0]] = col;
    }
    // 人 / 物 / 金 by their units in the row below (金 is merged over its two).
    for (let col = sheet.left; col <= right; col++) {
      const below = cellAt(sheet, row + 1, col);
      if (typeof below !== "string") continue;
      const k = textKey(below);
      for (const [c, set] of sub) if (set.has(k) && cols[c] === undefined) cols[c] = col;
    }
    if (cols.measure !== undefined && cols.owner !== undefined && cols.id !== undefined) return { header: row, cols };
  }
  return null;
}

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "") || isUncalculated(v) || isCellError(v);
}

function text(v: CellValue): string | null {
  if (isBlank(v)) return null;
  return typeof v === "string" ? v : isCellDate(v) ? v.date : String(v);
}

/** A day typed as a date, or as 2025/6/30, 2025-06-30, 2025年6月30日. */
export function parseDay(v: CellValue): string | null {
  if (isCellDate(v)) return /^\d{4}-\d{2}-\d{2}/.test(v.date) ? v.date.slice(0, 10) : null;
  if (typeof v !== "string") return null;
  const s = v.normalize("NFKC").trim();
  const m = /^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A number typed as a number or as text (1,200 / １２００ / 1200円 / 2.5人日). */
export function parseAmount(v: CellValue): number | null {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return null;
  const s = v
    .normalize("NFKC")
    .trim()
    .replace(/,/g, "")
    .replace(/^[¥￥]/, "")
    .replace(/(円|人日|日|yen|days?)$/i, "")
    .trim();
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

function parseStatus(v: string): MeasureStatus | null {
  const k = textKey(v);
  return MEASURE_STATUSES.find((s) => textKey(statusLabel(s, "ja")) === k || textKey(statusLabel(s, "en")) === k) ?? null;
}

export interface ReadPlanResult {
  read: PlanSheetRead | null;
  messages: EngineMessage[];
}

/**
 * What was typed on our previous plan sheet, by measure id. A value a column does not take (a
 * date that is none, a cost in words, an unknown status) is kept as typed and reported with its
 * cell.
 */
export function readActionPlanSheet(sheet: SheetSnapshot, lang: Lang): ReadPlanResult {
  const messages: EngineMessage[] = [];
  const found = findColumns(sheet);
  if (!found) return { read: null, messages: [message("warning", "plan-sheet-unread", sheet.name, null)] };
  const { header, cols } = found;

  // The plan's date: right of its label above the header.
  let date: string | null = null;
  const labels = keys("report.plan.date");
  for (let row = sheet.top; row < header && date === null; row++) {
    for (let col = sheet.left; col <= sheetRight(sheet); col++) {
      const v = cellAt(sheet, row, col);
      if (typeof v === "string" && labels.has(textKey(v))) {
        for (let c = col + 1; c <= sheetRight(sheet); c++) {
          const d = cellAt(sheet, row, c);
          if (isBlank(d)) continue;
          date = parseDay(d);
          if (date === null) messages.push(message("warning", "invalid-plan-date", sheet.name, a1(row, c), { value: displayValue(d) }));
          break;
        }
        break;
      }
    }
  }
  const checkpointDefault = date ? addMonths(date, CHECKPOINT_MONTHS) : null;
  const ownHints = keys("report.plan.ownRow");

  const rows: PlanSheetRead["rows"] = [];
  const seen = new Set<MeasureId>();
  let ownMax = 0;
  const at = (row: number, col: number | undefined): CellValue => (col === undefined ? null : cellAt(sheet, row, col));

  for (let row = header + 2; row <= sheetBottom(sheet); row++) {
    const idValue = at(row, cols.id);
    const parsed = typeof idValue === "string" ? parseMeasureId(idValue.trim()) : null;
    const id = parsed ? (idValue as string).trim() : null;
    if (id !== null && seen.has(id)) continue; // a copied row: the first keeps the measure
    const edits: MeasureEdits = {};
    const measureText = text(at(row, cols.measure));
    const isOwn = id === null || parsed?.kind === "own";
    if (measureText !== null && !ownHints.has(textKey(measureText))) {
      if (isOwn || !defaultMeasureTexts(id!).includes(measureText)) edits.text = measureText;
    }
    if (isOwn) {
      const related = text(at(row, cols.related));
      if (related !== null) edits.related = related;
    }
    const ownerValue = text(at(row, cols.owner));
    const reference =
      id && !isOwn
        ? defaultOwner(parsed!.kind === "item" ? { kind: "item", no: Number(parsed!.n) } : { kind: "regulation", no: Number(parsed!.n), decision: "new" })
        : null;
    const owner = ownerValue === null ? null : parseOwner(ownerValue);
    if (!sameOwner(owner, reference)) edits.owner = owner;

    const day = (col: number | undefined, key: "due" | "checkpoint") => {
      const v = at(row, col);
      if (isBlank(v)) return key === "checkpoint" && checkpointDefault !== null && id !== null ? (edits.checkpoint = null) : undefined;
      const d = parseDay(v);
      if (d === null) {
        messages.push(message("warning", "invalid-plan-date", sheet.name, a1(row, col!), { value: displayValue(v) }));
        edits[key] = { text: text(v)! };
      } else if (!(key === "checkpoint" && d === checkpointDefault)) edits[key] = d;
    };
    day(cols.due, "due");
    day(cols.checkpoint, "checkpoint");
    for (const key of ["days", "initialCost", "yearlyCost"] as const) {
      const v = at(row, cols[key]);
      if (isBlank(v)) continue;
      const n = parseAmount(v);
      if (n === null) {
        messages.push(
          message("warning", "invalid-plan-number", sheet.name, a1(row, cols[key]!), {
            value: displayValue(v),
            column: resourceParam(
              key === "days" ? "report.plan.col.days" : key === "initialCost" ? "report.plan.col.initialCost" : "report.plan.col.yearlyCost",
            ),
          }),
        );
        edits[key] = { text: text(v)! };
      } else edits[key] = n;
    }
    const equipment = text(at(row, cols.equipment));
    if (equipment !== null) edits.equipment = equipment;
    const statusValue = text(at(row, cols.status));
    if (statusValue !== null) {
      const s = parseStatus(statusValue);
      if (s === null) {
        messages.push(
          message("warning", "invalid-plan-status", sheet.name, a1(row, cols.status!), {
            value: statusValue,
            labels: MEASURE_STATUSES.map((x) => statusLabel(x, lang)).join(t(lang, "report.list.separator")),
          }),
        );
        edits.status = { text: statusValue };
      } else if (s !== "todo") edits.status = s;
    }
    const result = text(at(row, cols.result));
    if (result !== null) edits.result = result;

    if (id !== null) {
      seen.add(id);
      if (parsed!.kind === "own") ownMax = Math.max(ownMax, Number(parsed!.n) || 0);
      rows.push({ id, edits });
    } else if (edits.text !== undefined) {
      // The company's own row: kept; an id is given when the sheet is written again.
      rows.push({ id: "", edits });
    }
  }
  // New own rows get the next free numbers, in sheet order.
  for (const r of rows) if (r.id === "") r.id = `own:${++ownMax}`;
  return { read: { date, rows }, messages };
}

/** The A1 address of a measure's row on the sheet (its 対策 cell), for the pane's links. */
export function planRowCell(m: PlanMeasure): CellAddress {
  return a1(PLAN_LAYOUT.firstRow + m.order - 1, PLAN_COLS.measure);
}
