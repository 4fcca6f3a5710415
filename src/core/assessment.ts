/** What the recogniser found: who answered what, and where in the workbook. */
import type { CellAddress } from "./address";
import type { AnswerId, ItemNo } from "./catalog/diagnosis";
import type { EngineMessage } from "./messages";

export interface ItemAnswer {
  no: ItemNo;
  /** null when the item was left blank, its row is missing, or its value could not be read. */
  answer: AnswerId | null;
  /**
   * Where the answer is (or would be written): the answer cell, the points cell, the marked
   * cell of a mark grid, or the grid's row range when no single cell holds it; null when the
   * item's row is missing from the sheet.
   */
  cell: CellAddress | null;
}

export interface RespondentAnswers {
  sheet: string;
  /** The respondent's name from the column header or the sheet name; null when unnamed. */
  respondent: string | null;
  /** Exactly 25, ordered by item number. */
  answers: ItemAnswer[];
}

export interface Recognition {
  respondents: RespondentAnswers[];
  messages: EngineMessage[];
}
