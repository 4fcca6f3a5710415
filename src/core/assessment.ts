/** What the recogniser found: who answered what, and where in the workbook. */
import type { CellAddress } from "./address";
import type { AnswerId, ItemNo } from "./catalog/diagnosis";
import { t, type Lang, type ResourceRef } from "./i18n";
import type { EngineMessage } from "./messages";

/**
 * A respondent's name: as the workbook writes it (a column header, a sheet's name, a table's
 * title), or made from where the answers are (C列, 表2, 本社/C列) as a reference to the resource
 * files, written in the reader's language ("Column C", "Table 2"). As a message parameter it
 * needs no rendering; elsewhere `nameText` writes it.
 */
export type RespondentName = string | ResourceRef;

/** A respondent's name as text in the given language. */
export function nameText(name: RespondentName, lang: Lang): string {
  return typeof name === "string" ? name : t(lang, name.ref, name.params);
}

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
  /** The respondent's name (see RespondentName); null when unnamed. */
  respondent: RespondentName | null;
  /** Exactly 25, ordered by item number. */
  answers: ItemAnswer[];
  /**
   * The name as the recogniser found it, when the coach renamed the respondent (「D列」 →
   * 「営業部」: `respondent` is then the coach's name). Absent when not renamed.
   */
  foundAs?: RespondentName | null;
  /** What the coach said the respondent is; absent when the coach did not say (the name then tells, if it can). */
  kind?: ChosenKind;
}

/** What a respondent is: IPA has each site or department answer, or a person. */
export type RespondentKind = "site" | "department" | "person" | "unknown";
/** The kinds the coach can choose. */
export type ChosenKind = Exclude<RespondentKind, "unknown">;
export const CHOSEN_KINDS: readonly ChosenKind[] = ["site", "department", "person"];

/** Why a respondent found in the workbook is not counted. */
export type LeftOutReason = "derived" | "hidden-sheet" | "example-sheet" | "excluded";

/** A respondent found but not counted (not in the consolidated result), and why. */
export interface LeftOutRespondent extends RespondentAnswers {
  reason: LeftOutReason;
  /** For "derived": the respondents whose answers it repeats. */
  from: RespondentName[];
}

export interface Recognition {
  respondents: RespondentAnswers[];
  /** Found, but not counted: repeated by formula, on a hidden or example sheet. */
  leftOut: LeftOutRespondent[];
  messages: EngineMessage[];
}
