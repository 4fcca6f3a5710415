/** The `--json` document (schemaVersion 1, documented in the README). */
import type { Lang } from "../core/i18n";
import { renderMessage, type EngineMessage } from "../core/messages";
import type { Consolidated, ScoredRespondent } from "../core/score";
import type { FileResult } from "./analyzeFiles";

export const SCHEMA_VERSION = 1;

function jsonMessage(m: EngineMessage, lang: Lang) {
  return { level: m.level, code: m.code, sheet: m.sheet, cell: m.cell, text: renderMessage(m, lang) };
}

function jsonScore(d: ScoredRespondent | Consolidated) {
  return {
    sheet: d.sheet,
    respondent: d.respondent,
    answers: d.answers.map((a) => ({
      no: a.no,
      answer: a.answer,
      points: a.points,
      cell: a.cell,
      ...("from" in a ? { from: a.from } : {}),
    })),
    total: d.total,
    complete: d.complete,
    parts: d.parts,
    band: d.band,
    unknown: d.unknown,
    unanswered: d.unanswered,
  };
}

export function jsonReport(results: FileResult[], lang: Lang): string {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    results: results.map((r) => ({
      file: r.file,
      diagnoses: r.analysis ? r.analysis.diagnoses.map(jsonScore) : [],
      consolidated: r.analysis?.consolidated
        ? { ...jsonScore(r.analysis.consolidated), disagreements: r.analysis.consolidated.disagreements }
        : null,
      messages: (r.readError ? [r.readError] : r.analysis!.messages).map((m) => jsonMessage(m, lang)),
    })),
  };
  return JSON.stringify(doc, null, 2);
}
