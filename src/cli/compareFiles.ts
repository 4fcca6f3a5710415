/** `compare`: reads each file on its own and gathers the series of visits, files in the order given. */
import { analyseWorkbook } from "../core/analyse";
import { compareVisits, type Comparison, type VisitInput } from "../core/compare";
import { message, resourceParam, type EngineMessage, listParam } from "../core/messages";
import { incompleteVisitMessages, workbookVisits, type WorkbookVisits } from "../core/visitSeries";
import { readWorkbookFile } from "../xlsx/readFile";
import { readErrorMessage } from "./analyzeFiles";

export interface CompareFileResult {
  file: string;
  /** Why the file could not be read (null when it was read). */
  readError: EngineMessage | null;
  /** Its visits; null when unread. */
  found: WorkbookVisits | null;
}

/** A message with the file it concerns (null: the series as a whole). */
export interface FileMessage {
  file: string | null;
  message: EngineMessage;
}

export interface CompareRun {
  files: CompareFileResult[];
  visits: VisitInput[];
  /** null with fewer than two visits or an unread file. */
  comparison: Comparison | null;
  messages: FileMessage[];
  /** 1 some file could not be read; 2 fewer than two visits; 0 otherwise. */
  exit: 0 | 1 | 2;
}

export async function compareFile(file: string): Promise<CompareFileResult> {
  try {
    const snapshot = await readWorkbookFile(file);
    return { file, readError: null, found: workbookVisits(snapshot, analyseWorkbook(snapshot), file) };
  } catch (e) {
    return { file, readError: readErrorMessage(e, file), found: null };
  }
}

export async function compareFiles(files: readonly string[]): Promise<CompareRun> {
  const results: CompareFileResult[] = [];
  for (const file of files) results.push(await compareFile(file));
  const messages: FileMessage[] = results.flatMap((r) => (r.readError ? [r.readError] : r.found!.messages).map((m) => ({ file: r.file, message: m })));
  if (results.some((r) => r.readError)) return { files: results, visits: [], comparison: null, messages, exit: 1 };
  const visits = results.flatMap((r) => r.found!.visits);
  const comparison = compareVisits(visits);
  if (!comparison) {
    const found = listParam(
      results.map((r) =>
        resourceParam("compare.found.file", { file: r.file, count: r.found!.recorded, current: resourceParam(`compare.found.current.${r.found!.current}`) }),
      ),
    );
    messages.push({ file: null, message: message("error", "compare-too-few-visits", null, null, { count: visits.length, found }) });
    return { files: results, visits, comparison: null, messages, exit: 2 };
  }
  // Which visit lacks answers: those items are not comparable and its total is provisional.
  messages.push(...incompleteVisitMessages(comparison.visits));
  return { files: results, visits, comparison, messages, exit: 0 };
}
