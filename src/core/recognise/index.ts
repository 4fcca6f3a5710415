/**
 * Finds the self-diagnosis in a whole workbook: every sheet that holds it, every respondent
 * on those sheets, named from the column header or, one respondent per sheet, the sheet name.
 */
import type { LeftOutRespondent, Recognition, RespondentAnswers, RespondentName } from "../assessment";
import { message, resourceParam, type EngineMessage } from "../messages";
import type { SheetSnapshot, WorkbookSnapshot } from "../snapshot";
import { leaveOutDerived } from "./derivedAnswers";
import { recogniseDiagnosisSheet, type FoundRespondent, type SheetFinding } from "./diagnosisSheet";

export function recogniseDiagnosis(workbook: WorkbookSnapshot): Recognition {
  const findings: SheetFinding[] = [];
  const messages: EngineMessage[] = [];
  const setAsideFindings: { finding: SheetFinding; reason: "hidden-sheet" | "example-sheet" }[] = [];
  for (const sheet of workbook.sheets) {
    const outcome = recogniseDiagnosisSheet(sheet);
    // Like a hidden column, a hidden sheet (last year's answers, a blank master copy, a helper)
    // is no respondent; nor is a filled-in example. Said, so that nothing is dropped silently.
    // (A sheet named as an example whose table is titled so too is said once, as a sheet.)
    const exampleTables = outcome.kind === "none" && outcome.messages.some((m) => m.code === "example-table-ignored");
    const aside = outcome.kind === "diagnosis" || exampleTables ? setAside(sheet) : null;
    if (aside) {
      messages.push(message("info", aside, sheet.name, null));
      // Kept aside, so that the coach can count it after all.
      if (outcome.kind === "diagnosis")
        setAsideFindings.push({ finding: outcome.finding, reason: aside === "hidden-sheet-ignored" ? "hidden-sheet" : "example-sheet" });
    } else if (outcome.kind === "diagnosis") {
      findings.push(outcome.finding);
      messages.push(...outcome.finding.messages);
    } else messages.push(...outcome.messages);
  }
  const aside: LeftOutRespondent[] = setAsideFindings.flatMap(({ finding, reason }) => {
    const names = ownNames(finding);
    return finding.respondents.map((r, i): LeftOutRespondent => {
      const name = finding.respondents.length === 1 ? (r.header ?? finding.sheet) : within(finding.sheet, names[i]);
      return { sheet: finding.sheet, respondent: name, answers: r.answers, reason, from: [] };
    });
  });
  if (findings.length === 0) {
    messages.push(message("warning", "no-diagnosis", null, null));
    return { respondents: [], leftOut: aside, messages };
  }
  const severalSheets = findings.length > 1;
  const respondents: RespondentAnswers[] = [];
  for (const f of findings) {
    const names = ownNames(f);
    f.respondents.forEach((r, i) => {
      let name: RespondentName | null;
      if (f.respondents.length === 1) name = r.header ?? (severalSheets ? f.sheet : null);
      else name = severalSheets ? within(f.sheet, names[i]) : names[i];
      respondents.push({ sheet: f.sheet, respondent: name, answers: r.answers });
    });
  }
  // Columns that repeat other respondents' answers by reference (a 集計 sheet) are left out, said.
  const derived = leaveOutDerived(respondents, workbook);
  messages.push(...derived.messages);
  messages.push(...sameAnswers(derived.respondents));
  return { respondents: derived.respondents, leftOut: [...derived.derived, ...aside], messages };
}

/** A sheet's name that marks it as a filled-in example (記入例, 見本, サンプル, example). */
const EXAMPLE_SHEET = /記入例|見本|サンプル|sample|example|^例$|^例[\s(（【]/i;

/** Why a sheet holding the diagnosis is not read, or null. */
function setAside(sheet: SheetSnapshot): "hidden-sheet-ignored" | "example-sheet-ignored" | null {
  if (sheet.visibility !== "visible") return "hidden-sheet-ignored";
  return EXAMPLE_SHEET.test(sheet.name.normalize("NFKC").trim()) ? "example-sheet-ignored" : null;
}

/** Fewest answered items for two respondents' identical answers to be worth saying. */
const SAME_ANSWERS_MIN = 13;
/** Fewest items answered otherwise than the respondent's most frequent answer, ditto. */
const SAME_ANSWERS_VARIED = 3;

/** Answered most items, and not nearly all alike (two people of a sound company may both answer 実施している throughout). */
function distinctive(r: RespondentAnswers): boolean {
  const given = r.answers.map((a) => a.answer).filter((a) => a !== null);
  const counts = new Map<string, number>();
  for (const a of given) counts.set(a, (counts.get(a) ?? 0) + 1);
  return given.length >= SAME_ANSWERS_MIN && given.length - Math.max(...counts.values()) >= SAME_ANSWERS_VARIED;
}

/**
 * Respondents whose varied answers are the same item for item: one is likely a copy of the
 * other — a 集計 sheet repeating the departments' sheets by formula, an answer sheet copied —
 * and counted twice. Said, not decided: two people may answer alike.
 */
function sameAnswers(respondents: RespondentAnswers[]): EngineMessage[] {
  const out: EngineMessage[] = [];
  const key = (r: RespondentAnswers) => r.answers.map((a) => a.answer ?? "-").join(",");
  const named = (r: RespondentAnswers) => r.respondent ?? r.sheet;
  const seen = new Map<string, RespondentAnswers>();
  for (const r of respondents) {
    if (!distinctive(r)) continue;
    const first = seen.get(key(r));
    if (!first) {
      seen.set(key(r), r);
      continue;
    }
    const cell = r.answers.find((a) => a.cell !== null)?.cell ?? null;
    out.push(message("info", "same-answers", r.sheet, cell, { respondent: named(r), other: named(first) }));
  }
  return out;
}

/** A name inside another: a sheet's or a table's respondent (本社/C列, 表2/C列). */
function within(outer: RespondentName, inner: RespondentName): RespondentName {
  return resourceParam("name.within", { outer, inner });
}

/** Two names alike: the same text, or the same made name. */
const nameKey = (n: RespondentName) => (typeof n === "string" ? `text:${n}` : JSON.stringify(n));

/**
 * The names of several respondents on one sheet: their own name, else their column (C列); on a
 * sheet with several tables an unnamed one is named after its table (表2, 表2/C列), and a name
 * that two tables share gets its table's in front. Made names are resource references, written
 * in the reader's language (Column C, Table 2).
 */
function ownNames(f: SheetFinding): RespondentName[] {
  const perTable = new Map<number, number>();
  for (const r of f.respondents) perTable.set(r.table, (perTable.get(r.table) ?? 0) + 1);
  const table = (r: FoundRespondent) => f.tableNames[r.table - 1];
  const names = f.respondents.map((r): RespondentName => {
    if (r.header !== null) return r.header;
    // A table without an answer column has one respondent, named by its table.
    const column = r.place ?? table(r);
    if (f.tables === 1) return column;
    return perTable.get(r.table)! > 1 ? within(table(r), column) : table(r);
  });
  const keys = names.map(nameKey);
  return names.map((n, i) => (keys.indexOf(keys[i]) !== keys.lastIndexOf(keys[i]) && f.tables > 1 ? within(table(f.respondents[i]), n) : n));
}
