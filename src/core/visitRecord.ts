/**
 * A diagnosis recorded as a visit (issue #14): what the company answered on a given day, kept in
 * the add-in's state so that later visits can be compared with it even after the company
 * re-answers the diagnosis in place. Shared by the recorder (annotate --record-visit, the pane)
 * and the comparison (core/compare, `compare`).
 */
import type { AnswerId } from "./catalog/diagnosis";

/** One respondent's 25 answers as recorded (null: unanswered). */
export interface RecordedRespondent {
  /** The respondent's name as text in the language it was recorded in (営業部, C列). */
  name: string;
  sheet: string;
  /** Exactly 25, item 1 first. */
  answers: (AnswerId | null)[];
}

export interface RecordedVisit {
  /** 第1回, 第2回, … by default; the coach's own label otherwise. */
  label: string;
  /** The day it was recorded, YYYY-MM-DD. */
  date: string;
  respondents: RecordedRespondent[];
  /**
   * The answers counted for the company: the consolidated (weakest) answers with several
   * respondents, the one respondent's otherwise. Exactly 25, item 1 first.
   */
  counted: (AnswerId | null)[];
}
