/**
 * Finds the self-diagnosis in a whole workbook: every sheet that holds it, every respondent
 * on those sheets, named from the column header or, one respondent per sheet, the sheet name.
 */
import type { Recognition, RespondentAnswers } from "../assessment";
import { message, type EngineMessage } from "../messages";
import type { WorkbookSnapshot } from "../snapshot";
import { recogniseDiagnosisSheet, type SheetFinding } from "./diagnosisSheet";

export function recogniseDiagnosis(workbook: WorkbookSnapshot): Recognition {
  const findings: SheetFinding[] = [];
  const messages: EngineMessage[] = [];
  for (const sheet of workbook.sheets) {
    const outcome = recogniseDiagnosisSheet(sheet);
    if (outcome.kind === "diagnosis") {
      findings.push(outcome.finding);
      messages.push(...outcome.finding.messages);
    } else messages.push(...outcome.messages);
  }
  if (findings.length === 0) {
    messages.push(message("warning", "no-diagnosis", null, null));
    return { respondents: [], messages };
  }
  const severalSheets = findings.length > 1;
  const respondents: RespondentAnswers[] = [];
  for (const f of findings) {
    const single = f.respondents.length === 1;
    f.respondents.forEach((r, i) => {
      let name: string | null;
      if (single) name = r.header ?? (severalSheets ? f.sheet : null);
      else {
        const own = r.header ?? columnName(r.answers, i);
        name = severalSheets ? `${f.sheet}/${own}` : own;
      }
      respondents.push({ sheet: f.sheet, respondent: name, answers: r.answers });
    });
  }
  return { respondents, messages };
}

/** An unnamed respondent among several is named after the column holding its answers. */
function columnName(answers: RespondentAnswers["answers"], index: number): string {
  const cell = answers.find((a) => a.cell !== null)?.cell;
  const col = cell ? /^[A-Z]+/.exec(cell)?.[0] : undefined;
  return col ? `${col}列` : `#${index + 1}`;
}
