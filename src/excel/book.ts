/// <reference types="office-js" />
/**
 * What the Office.js host's apply works with: the workbook as the check read it (`Book`,
 * ./inspectWorkbook.ts) and the batch the writes are queued on (`Batch`, ./writeBatch.ts), so
 * that the modules reading and writing sheets, cells and fills need not know each other.
 */
import type { FillRecord, SheetPlan } from "../core/plan";
import type { ExcelCapabilities } from "./capabilities";

export interface SheetDetail {
  /** The name as the workbook spells it. */
  name: string;
  /** Worksheet.id: the same across renaming and moving. */
  id: string;
  /** Carries the add-in's marker (somewhere in row 1). */
  marked: boolean;
  protected: boolean;
  /** Column A from A1 down to the first cell without text (the state sheet only). */
  stateColumn?: string[];
  /** Current fills of the plan's highlights on this sheet, by plan index. */
  fills: Map<number, FillRecord[][]>;
  /** Current fills of the cells to restore on this sheet, by cell key. */
  restoreFills: Map<string, FillRecord>;
}

export interface Book {
  /** The sheets in workbook order. */
  sheets: { name: string; visibility: string }[];
  /** The sheet the user is on and the cells selected there (none when a chart or shape is selected). */
  active?: { sheet: string; selection?: string };
  workbookProtected: boolean;
  /** By lower-case name: the sheets the plan touches. */
  details: Map<string, SheetDetail>;
  /** The maximum digit width of the workbook's Normal font, in pixels (./columnUnits.ts). */
  digitWidth: number;
}

/** Sheets by lower-case name: Excel compares sheet names case-insensitively. */
export const sheetKey = (name: string) => name.toLowerCase();

/** The batch of writes (./writeBatch.ts): what the modules that write a part of the plan queue on. */
export interface Batch {
  readonly context: Excel.RequestContext;
  readonly caps: ExcelCapabilities;
  /** Technical notes (English) for ApplyResult.warnings. */
  readonly warnings: string[];
  /** Pixels per character of the workbook's Normal font, for the plan's column widths. */
  readonly digitWidth: number;
  /**
   * Queues one write. `payload` names what it sends, for the reader; the size is measured by
   * recording the queued writes as Office.js sends them (requestSize.ts).
   */
  step(payload: unknown, run: () => void): void;
  /** The existing sheet `name` (one proxy per sheet). */
  sheet(name: string): Excel.Worksheet;
  /** A sheet there at this point of the batch, as the workbook spells its name. */
  exists(name: string): string | undefined;
  /** Adds the plan's sheet (in its old one's place when it replaces one, or at its position): the sheet, for the writes after. */
  addSheet(s: SheetPlan): () => Excel.Worksheet;
  /** Freezes rows of a sheet, last in the batch (./applyPlan.ts says why). */
  freeze(sheet: string, run: () => void): void;
}
