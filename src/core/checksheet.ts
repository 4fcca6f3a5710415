/**
 * What the recogniser found of the regulation checksheet and the basic policy checklist, and
 * what scoring makes of it. Cells are A1 addresses on the named sheets.
 */
import type { CellAddress } from "./address";
import type { ItemNo } from "./catalog/diagnosis";
import type { DecisionId, PolicyElementId, PolicyStatus, RegulationNo, SectionNo } from "./catalog/regulations";
import type { EngineMessage } from "./messages";
import type { Params } from "./i18n";

/** 有 / 無 on the check sheet; null when blank or unreadable. */
export type Presence = "present" | "absent" | null;
export type SectionLevel = 1 | 2 | 3;

/** One row of the check sheet (a 大, 中 or 細 item). */
export interface CheckedSection {
  /** The catalog regulation it belongs to; null for a regulation the catalog does not know. */
  regulation: RegulationNo | null;
  /** The regulation's name as written on the sheet. */
  regulationName: string;
  level: SectionLevel;
  /** The number written in the No2/No3/No4 column, if any. */
  writtenNo: string | null;
  name: string;
  /** The matching catalog section, when the name matches one. */
  section: SectionNo | null;
  presence: Presence;
  /** The 有/無 cell. */
  cell: CellAddress;
  /** 既存規程における条文・ページ番号等. */
  reference: string | null;
  /** 既存規程において課題であると考えられるポイント. */
  issue: string | null;
  issueCell: CellAddress | null;
  /** True when no later row is a sub-item of it: only these count for coverage. */
  deepest: boolean;
}

export interface OverviewEntry {
  regulation: RegulationNo;
  nameAsWritten: string;
  decision: DecisionId | null;
  /** The 今回の見直し cell. */
  cell: CellAddress;
}

export interface PolicyCheck {
  id: PolicyElementId;
  status: PolicyStatus | null;
  note: string | null;
  /** The status cell; null when the checklist has no row for this element. */
  cell: CellAddress | null;
}

export interface ChecksheetRecognition {
  overview: { sheet: string; entries: OverviewEntry[] } | null;
  checkSheet: { sheet: string; sections: CheckedSection[] } | null;
  policy: { sheet: string; checks: PolicyCheck[] } | null;
  messages: EngineMessage[];
}

export interface SectionIssue {
  section: string;
  text: string;
  cell: CellAddress | null;
}

export interface RegulationCoverage {
  /** null for a regulation the catalog does not know (listed after the 11). */
  no: RegulationNo | null;
  name: string;
  present: number;
  absent: number;
  unchecked: number;
  total: number;
  /** present / total, or null when no section was checked (0 % would mislead). */
  coverage: number | null;
  /** Sections with issue text. */
  issues: SectionIssue[];
  /** The company's decision from the overview (null when blank or no overview). */
  decision: DecisionId | null;
  /** False when the check sheet does not list this regulation at all. */
  listed: boolean;
}

/** Why a decision is recommended: a resource key ("reason.<code>") and its values. */
export interface Reason {
  code:
    | "weak-items"
    | "strong-items"
    | "partial-items"
    | "all-absent"
    | "some-absent"
    | "all-present"
    | "unchecked"
    | "not-listed"
    | "no-evidence"
    | "no-diagnosis-link"
    | "decision-differs"
    | "decision-blank";
  params: Params;
}

export interface RegulationReview {
  no: RegulationNo;
  name: string;
  decision: DecisionId | null;
  /** The project's recommendation; null when the workbook gives no ground for one. */
  recommended: DecisionId | null;
  reasons: Reason[];
  /** The company's decision and the recommendation are both given and differ. */
  differs: boolean;
  /** The diagnosis items that bear on this regulation. */
  items: ItemNo[];
}

export interface RegulationsAnalysis {
  /** The check sheet's name, or null when only the overview was found. */
  sheet: string | null;
  overviewSheet: string | null;
  coverage: RegulationCoverage[];
  reviews: RegulationReview[];
  messages: EngineMessage[];
  /**
   * The 有/無 cells of the deepest sections marked 無 (absent) on the check sheet (`sheet`), in
   * sheet order: where the deliverable highlights what is missing.
   */
  absentCells?: AbsentSection[];
  /** The overview's 「今回の見直し」 cell of each regulation it lists (on `overviewSheet`): where the pane sets the decision. */
  decisionCells?: { regulation: RegulationNo; cell: CellAddress }[];
}

export interface AbsentSection {
  /** The catalog regulation; null for a regulation the catalog does not know. */
  regulation: RegulationNo | null;
  section: string;
  cell: CellAddress;
}

export interface PolicyAnalysis {
  sheet: string;
  checks: PolicyCheck[];
}
