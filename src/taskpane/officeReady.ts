/**
 * Waiting for Office.js without hanging: the CDN script may not have loaded (then `Office` is
 * undefined), the page may be open outside Office (then `host` is null), or Excel may not answer
 * (Excel for the web recalculating a large workbook): each ends in an outcome the pane can show.
 */

export type OfficeOutcome =
  | { kind: "ready"; host: string | null; displayLanguage: string | null } // host: "Excel", or null outside Office
  | { kind: "noOffice" }
  | { kind: "timeout" };

export const OFFICE_READY_TIMEOUT_MS = 15_000;

export function waitForOffice(timeoutMs: number = OFFICE_READY_TIMEOUT_MS): Promise<OfficeOutcome> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
    return Promise.resolve({ kind: "noOffice" });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<OfficeOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
  });
  const ready = Office.onReady().then(
    (info): OfficeOutcome => ({ kind: "ready", host: info.host ? String(info.host) : null, displayLanguage: displayLanguage() }),
    (): OfficeOutcome => ({ kind: "noOffice" }),
  );
  return Promise.race([ready, timeout]).finally(() => clearTimeout(timer));
}

/** Office's UI language ("ja-JP"), or null outside Office. */
function displayLanguage(): string | null {
  try {
    return Office.context?.displayLanguage || null;
  } catch {
    return null;
  }
}
