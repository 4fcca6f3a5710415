/**
 * What `compare` prints: a table for the terminal (ja/en), one CSV row per item, or the JSON
 * document (schemaVersion 1, documented in the README).
 */
import { bandById, ITEMS, PARTS, type AnswerId, type BandId } from "../core/catalog/diagnosis";
import { ITEM_CHANGES, type Comparison, type ItemChange, type ScoredVisit } from "../core/compare";
import { signedNumber, t, type Lang, type MessageKey } from "../core/i18n";
import { listParam, renderMessage } from "../core/messages";
import type { CompareRun, FileMessage } from "./compareFiles";
import { csvField } from "./csvReport";
import { SCHEMA_VERSION } from "./jsonReport";
import { escapeJsonControls, padEnd, displayWidth } from "./terminalText";

const answerText = (a: AnswerId | null, lang: Lang) => t(lang, `compare.answer.${a ?? "none"}` as MessageKey);
const changeText = (c: ItemChange, lang: Lang) => t(lang, `compare.change.${c}` as MessageKey);
const bandText = (b: BandId, lang: Lang) => bandById(b).label[lang];

/** One message as a line: its level, the file, where, and its sentence. */
export function fileMessageLine({ file, message: m }: FileMessage, lang: Lang): string {
  const where = m.sheet === null ? "" : m.cell === null ? `${m.sheet}: ` : `${m.sheet}!${m.cell}: `;
  return `${t(lang, `cli.level.${m.level}`)} ${file === null ? "" : `${file}: `}${where}${renderMessage(m, lang)}`;
}

function visitLine(v: ScoredVisit, n: number, lang: Lang): string {
  const file = v.file ?? "";
  if (v.label === null) return t(lang, "compare.visit.current", { n, file });
  return v.date === null
    ? t(lang, "compare.visit.undated", { n, label: v.label, file })
    : t(lang, "compare.visit.recorded", { n, label: v.label, date: { date: v.date }, file });
}

/** Rows of cells lined up in columns (the last column is not padded). */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ""))));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : padEnd(cell, widths[c])))
      .join("  ")
      .trimEnd(),
  );
}

/** The readable comparison (lines, made printable by the printer). */
export function compareText(run: CompareRun, lang: Lang): string[] {
  const c = run.comparison!;
  const out = [t(lang, "compare.title", { count: c.visits.length })];
  // Each visit's band here, where its long name does not widen the table's columns.
  c.visits.forEach((v, i) =>
    out.push(`  ${visitLine(v, i + 1, lang)}${t(lang, "cli.separator")}${t(lang, "compare.visit.band", { band: bandText(v.band, lang) })}`),
  );
  out.push("");
  const head = [t(lang, "compare.column.item"), ...c.visits.map((_, i) => `[${i + 1}]`), t(lang, "compare.column.change"), ""];
  const rows = c.items.map((item) => [
    String(item.no),
    ...item.answers.map((a) => answerText(a, lang)),
    changeText(item.change, lang),
    ITEMS[item.no - 1].title[lang],
  ]);
  const provisional = c.visits.some((v) => !v.complete);
  const totals = [t(lang, "compare.row.total"), ...c.visits.map((v) => `${v.total}${v.complete ? "" : "*"}`), signedNumber(c.total.change), ""];
  out.push(...table([head, ...rows, totals]).map((l) => `  ${l}`));
  if (provisional) out.push(`  ${t(lang, "compare.provisional")}`);
  out.push("");

  out.push(t(lang, "compare.total", { from: c.total.from, to: c.total.to, change: signedNumber(c.total.change) }));
  out.push(t(lang, `compare.band.${c.band.move}`, { from: bandText(c.band.from, lang), to: bandText(c.band.to, lang) }));
  out.push(
    c.parts
      .map((p) => t(lang, "compare.part", { name: PARTS[p.part - 1].name[lang], from: p.from, to: p.to, max: p.max, change: signedNumber(p.change) }))
      .join(t(lang, "cli.separator")),
  );
  for (const change of ITEM_CHANGES) {
    const nos = c.summary[change];
    if (nos.length) out.push(t(lang, `compare.summary.${change}`, { count: nos.length, items: listParam(nos) }));
  }
  if (c.unknownResolved.length) out.push(t(lang, "compare.unknown.resolved", { count: c.unknownResolved.length, items: listParam(c.unknownResolved) }));
  if (c.unknownNew.length) out.push(t(lang, "compare.unknown.new", { count: c.unknownNew.length, items: listParam(c.unknownNew) }));
  if (c.unknownRemaining.length) out.push(t(lang, "compare.unknown.remaining", { count: c.unknownRemaining.length, items: listParam(c.unknownRemaining) }));
  if (run.messages.length) {
    out.push("", t(lang, "cli.messages", { count: run.messages.length }));
    for (const m of run.messages) out.push(`  ${fileMessageLine(m, lang)}`);
  }
  return out;
}

/** The CSV header for a comparison of some visits: a column per visit, named by its label (or its file for current answers). */
export function compareCsvHeader(c: Comparison): string[] {
  return ["no", ...c.visits.map((v, i) => `${i + 1}: ${v.label ?? v.file ?? ""}${v.date ? ` ${v.date}` : ""}`), "change", "points_change"];
}

/** One row per item: its answer at each visit (answer ids, empty when unanswered), the change first → last and its points. */
export function compareCsv(c: Comparison): string[] {
  const lines = [compareCsvHeader(c).map(csvField).join(",")];
  for (const item of c.items) lines.push([item.no, ...item.answers, item.change, item.pointsChange].map(csvField).join(","));
  return lines;
}

/** The --json document (schemaVersion 1). */
export function compareJson(run: CompareRun, lang: Lang): string {
  const c = run.comparison!;
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    visits: c.visits.map((v) => ({ file: v.file, label: v.label, date: v.date, total: v.total, band: v.band, parts: v.parts, answers: v.answers })),
    items: c.items.map((i) => ({ no: i.no, answers: i.answers, change: i.change })),
    summary: {
      improved: c.summary.improved,
      worse: c.summary.worse,
      same: c.summary.same,
      notComparable: c.summary["not-comparable"],
      totalChange: c.total.change,
      band: { from: c.band.from, to: c.band.to },
      // Beyond the issue's schema (additions only): わからない resolved and new, first → last.
      unknownResolved: c.unknownResolved,
      unknownNew: c.unknownNew,
    },
    messages: run.messages.map(({ file, message: m }) => ({ file, level: m.level, code: m.code, sheet: m.sheet, cell: m.cell, text: renderMessage(m, lang) })),
  };
  return escapeJsonControls(JSON.stringify(doc, null, 2));
}
