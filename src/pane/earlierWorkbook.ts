/**
 * Comparing with an earlier workbook the coach picks in the pane (issue #14): the file is read in
 * the browser (ExcelJS, the preview's chunk, loaded on demand; nothing leaves the machine), its
 * recorded visits and current answers put before this workbook's, and the series compared as
 * `compare` compares files given in that order.
 */
import { analyseWorkbook } from "../core/analyse";
import { compareVisits, type Comparison } from "../core/compare";
import type { EngineMessage } from "../core/messages";
import { seriesOf, workbookVisits } from "../core/visitSeries";
import type { RecordedVisit } from "../core/visitRecord";
import type { Analysis } from "../core/analyse";
import { PaneActionError, errorText } from "./host";

export interface EarlierComparison {
  /** The earlier file's name. */
  file: string;
  /** null when the series has fewer than two visits (the messages say what was found). */
  comparison: Comparison | null;
  messages: EngineMessage[];
}

/** Reads `bytes` (the earlier workbook) and compares its visits, then this workbook's, first against last. */
export async function compareWithEarlier(
  bytes: Uint8Array,
  file: string,
  now: { workbook: string; analysis: Analysis; recorded: readonly RecordedVisit[] },
): Promise<EarlierComparison> {
  const backend = await import(/* webpackChunkName: "xlsx" */ "./xlsxBackend");
  let snapshot;
  try {
    snapshot = await backend.snapshotOf(bytes, file);
  } catch (e) {
    const read = backend.readError(e);
    throw new PaneActionError("read", "nothing", errorText(e), { cause: e }, read ? "file" : "other", read ?? undefined);
  }
  const earlier = workbookVisits(snapshot, analyseWorkbook(snapshot), file);
  const current = seriesOf(now.recorded, now.analysis, now.workbook);
  return {
    file,
    comparison: compareVisits([...earlier.visits, ...current.visits]),
    messages: [...earlier.messages, ...current.messages.filter((m) => m.code === "visit-current-recorded" || m.code === "visit-current-blank")],
  };
}
