/**
 * The task pane's entry in Excel: waits for Office.js (never forever), then shows the pane over
 * the open workbook; outside Excel, or when Office.js is missing or silent, says so in one line.
 * No network besides Office.js from its CDN (the page's Content-Security-Policy).
 */
import { createRoot } from "react-dom/client";
import { ensureLang, t } from "../core/i18n";
import { App } from "../pane/App";
import { PaneBoundary } from "../pane/ViewBoundary";
import { excelHost } from "../pane/excelHost";
import { browserStorage, initialLang, rememberLang } from "../pane/paneLanguage";
import { waitForOffice, type OfficeOutcome } from "./officeReady";

type Problem = "outsideExcel" | "noOffice" | "timeout";

function problemOf(outcome: OfficeOutcome): Problem | null {
  if (outcome.kind === "ready") return outcome.host === "Excel" ? null : "outsideExcel";
  return outcome.kind;
}

async function main(): Promise<void> {
  const status = document.getElementById("status")!;
  const storage = browserStorage();
  // Until Office answers: the user's last switch, else Japanese.
  const before = initialLang(storage, null);
  await ensureLang(before);
  status.textContent = t(before, "pane.status.loading");
  const outcome = await waitForOffice();
  // The user's last switch, else Office's display language, else Japanese; the pane has a switch.
  const lang = initialLang(storage, outcome.kind === "ready" ? outcome.displayLanguage : null);
  await ensureLang(lang);
  document.documentElement.lang = lang;
  document.title = t(lang, "pane.productName");
  const problem = problemOf(outcome);
  if (problem) {
    status.textContent = t(lang, `pane.status.${problem}`);
    status.dataset.state = "error";
    return;
  }
  status.remove();
  createRoot(document.getElementById("root")!).render(
    <PaneBoundary lang={lang}>
      <App host={excelHost()} initialLang={lang} onLangSwitch={(l) => rememberLang(storage, l)} />
    </PaneBoundary>,
  );
}

void main();
