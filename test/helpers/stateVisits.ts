/**
 * A workbook whose add-in state records visits, as the recorder (annotate --record-visit) keeps
 * them: the very hidden state sheet with the JSON in column A (core/addinState.ts stateCells).
 * Only the state is written; the company's sheets stay as the fixture built them.
 */
import ExcelJS from "exceljs";
import { STATE_SHEET, stateCells } from "../../src/core/addinState";
import type { AnswerId } from "../../src/core/catalog/diagnosis";
import type { StateData } from "../../src/core/plan";
import type { RecordedVisit } from "../../src/core/visitRecord";

/** A state holding only visits (no sheets or highlights of ours). */
export function stateWithVisits(visits: unknown[]): StateData {
  return { version: 2, sheets: [], highlights: [], ratingDefaults: {}, visits: visits as RecordedVisit[] };
}

/** Writes `cells` (stateCells, or anything to test a damaged state) into a very hidden state sheet. */
export async function withStateCells(bytes: Buffer, cells: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
  cells.forEach((c, i) => (ws.getCell(i + 1, 1).value = c));
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function withVisits(bytes: Buffer, visits: unknown[]): Promise<Buffer> {
  return withStateCells(bytes, stateCells(stateWithVisits(visits)));
}

/** A recorded visit whose counted answers come from a 25-letter pattern: I P N U, - for unanswered. */
export function recorded(label: string, date: string, letters: string): RecordedVisit {
  const map: Record<string, AnswerId | null> = { I: "implemented", P: "partial", N: "not", U: "unknown", "-": null };
  const counted = [...letters.replace(/\s+/g, "")].map((ch) => {
    if (!(ch in map)) throw new Error(`bad letter ${ch}`);
    return map[ch];
  });
  if (counted.length !== 25) throw new Error(`25 letters, not ${counted.length}`);
  return { label, date, respondents: [{ name: "全社", sheet: "自社診断", answers: counted }], counted };
}
