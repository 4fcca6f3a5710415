/** The engine's main entry: a workbook snapshot in, scored diagnoses and messages out. */
import type { EngineMessage } from "./messages";
import { recogniseDiagnosis } from "./recognise";
import { consolidate, scoreRespondent, type Consolidated, type ScoredRespondent } from "./score";
import type { WorkbookSnapshot } from "./snapshot";

export interface Analysis {
  diagnoses: ScoredRespondent[];
  consolidated: Consolidated | null;
  messages: EngineMessage[];
}

export function analyseWorkbook(workbook: WorkbookSnapshot): Analysis {
  const found = recogniseDiagnosis(workbook);
  return {
    diagnoses: found.respondents.map(scoreRespondent),
    consolidated: consolidate(found.respondents),
    messages: found.messages,
  };
}
