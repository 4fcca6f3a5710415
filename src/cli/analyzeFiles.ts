/** Reads and analyses each file on its own, so one bad file never stops the others. */
import { analyseWorkbook, foundAnything, type Analysis } from "../core/analyse";
import { message, type EngineMessage } from "../core/messages";
import type { RespondentChoices } from "../core/respondentChoices";
import { workbookOwnerEntries, type ResolvedCompany } from "../core/report";
import { securityActionReadiness, type SecurityActionReadiness } from "../core/securityAction";
import { readWorkbookFile } from "../xlsx/readFile";
import { WorkbookReadError } from "../xlsx/readSnapshot";

export interface FileResult {
  file: string;
  /** null when the file could not be read. */
  analysis: Analysis | null;
  /** Why the file could not be read, as a message (null when it was read). */
  readError: EngineMessage | null;
  /** The company's name (the workbook's, or entered on our owner sheet) and SECURITY ACTION readiness; null when unread. */
  owner?: { company: ResolvedCompany; securityAction: SecurityActionReadiness } | null;
}

export async function analyzeFile(file: string, choices: RespondentChoices = {}): Promise<FileResult> {
  try {
    const snapshot = await readWorkbookFile(file);
    const analysis = analyseWorkbook(snapshot, choices);
    const entries = workbookOwnerEntries(snapshot, analysis);
    const owner = { company: entries.company, securityAction: securityActionReadiness(analysis, entries.published) };
    return { file, analysis, readError: null, owner };
  } catch (e) {
    return { file, analysis: null, readError: readErrorMessage(e, file) };
  }
}

/** Why a file could not be read or analysed, for that file's report (the other files go on). */
export function readErrorMessage(e: unknown, file: string): EngineMessage {
  if (e instanceof WorkbookReadError) return e.toMessage(file);
  // Anything else is a fault of ours, reported for this file.
  const detail = e instanceof Error ? e.message : String(e);
  return message("error", "file-unreadable", null, null, { file, detail });
}

/** 1 when a file could not be read; else 2 when a readable file held neither a diagnosis nor a checksheet; else 0. */
export function exitStatus(results: FileResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.analysis === null)) return 1;
  if (results.some((r) => !foundAnything(r.analysis!))) return 2;
  return 0;
}
