/**
 * The browser preview: the same pane as in Excel, over a local .xlsx the user picks (held in
 * this tab only; the result downloads as .xlsx). ExcelJS is loaded when the first file is opened.
 */
import { createRoot } from "react-dom/client";
import { App } from "../pane/App";
import { PaneBoundary } from "../pane/ViewBoundary";
import { previewHost } from "../pane/previewHost";
import { langOf } from "../pane/strings";
import { ensureLang } from "../core/i18n";

// Japanese unless the address asks for English (preview.html?lang=en); the pane can switch.
const lang = langOf(new URLSearchParams(location.search).get("lang") ?? "ja");
document.documentElement.lang = lang;
// English comes in a chunk of its own (src/i18n/resources.web.ts).
void ensureLang(lang).then(() =>
  createRoot(document.getElementById("root")!).render(
    <PaneBoundary lang={lang}>
      <App host={previewHost()} initialLang={lang} />
    </PaneBoundary>,
  ),
);
