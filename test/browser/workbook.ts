/**
 * Reading the workbooks the browser gives back (the fake's save, the preview's download) with the
 * engine, in Node: our sheets by their marker, the expert's edits on the priority sheet as the
 * engine reads them back, the analysis of the company's sheets, and a cell-by-cell dump of the
 * company's sheets to compare with the original.
 */
import ExcelJS from "exceljs";
import { STATE_SHEET, companySnapshot, findAddinSheets, readState } from "../../src/core/addinState";
import { analyseWorkbook, type Analysis } from "../../src/core/analyse";
import type { ItemNo } from "../../src/core/catalog/diagnosis";
import { prioritise, type ItemRatings, type PriorityEdits } from "../../src/core/prioritise";
import { readPriorityEdits } from "../../src/core/report";
import { mainDiagnosis } from "../../src/core/report/common";
import type { AddinSheetKind } from "../../src/core/plan";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { readWorkbookBuffer } from "../../src/xlsx/readSnapshot";

export interface ReadBack {
  snapshot: WorkbookSnapshot;
  ours: { name: string; kind: AddinSheetKind }[];
  hasState: boolean;
  analysis: Analysis;
  /** The edits on our priority sheet (ratings that differ from the recorded defaults, notes); null without the sheet. */
  edits: PriorityEdits | null;
  /** Raw cells of the priority sheet's row of each item: header text → cell value. */
  priorityRows: Map<ItemNo, Record<string, unknown>>;
}

export async function readBack(bytes: Buffer, name: string): Promise<ReadBack> {
  const snapshot = await readWorkbookBuffer(bytes, name);
  const ours = findAddinSheets(snapshot);
  const analysis = analyseWorkbook(snapshot);
  const priority = ours.find((s) => s.kind === "priorities");
  let edits: PriorityEdits | null = null;
  const priorityRows = new Map<ItemNo, Record<string, unknown>>();
  if (priority) {
    const sheet = snapshot.sheets.find((s) => s.name === priority.name)!;
    const defaults = new Map<ItemNo, ItemRatings>(prioritise(mainDiagnosis(analysis)).map((p) => [p.no, p.defaults]));
    const read = readPriorityEdits(sheet, readState(snapshot)?.ratingDefaults ?? null, defaults, "ja");
    edits = read.edits;
    // The header row: the first row with a "No" cell; each later row keyed by its number.
    const rows = sheet.values;
    const h = rows.findIndex((r) => r.some((v) => typeof v === "string" && /^(No\.?|番号)$/i.test(v.trim())));
    if (h >= 0) {
      const header = rows[h].map((v) => (typeof v === "string" ? v.trim() : ""));
      const noCol = header.findIndex((v) => /^(No\.?|番号)$/i.test(v));
      for (const r of rows.slice(h + 1)) {
        const no = Number(r[noCol]);
        if (Number.isInteger(no) && no >= 1 && no <= 25 && !priorityRows.has(no)) {
          priorityRows.set(no, Object.fromEntries(header.map((k, i) => [k || `#${i}`, r[i] ?? null])));
        }
      }
    }
  }
  return { snapshot, ours, hasState: snapshot.sheets.some((s) => s.name === STATE_SHEET), analysis, edits, priorityRows };
}

/** The company's sheets of a snapshot: name, visibility, position and every value. */
export function companyValues(snapshot: WorkbookSnapshot): unknown {
  return companySnapshot(snapshot).sheets.map((s) => ({ name: s.name, visibility: s.visibility, top: s.top, left: s.left, values: s.values }));
}

/** Every sheet's name and state and every cell's value, formula and style, in sheet order (ExcelJS). */
export async function dumpCells(bytes: Buffer): Promise<{ name: string; state: string; cells: unknown[] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => {
    const cells: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (c, col) => {
        cells.push([r, col, c.type, c.formula ?? null, c.formula ? null : (c.value ?? null), JSON.stringify(c.style ?? {})]);
      }),
    );
    return { name: ws.name, state: ws.state, cells };
  });
}

/** The analysis without what depends on the file it came from (nothing, today; kept in one place). */
export function comparableAnalysis(a: Analysis): unknown {
  return JSON.parse(JSON.stringify(a));
}
