/**
 * The placeholder task pane: the product name and one status line, in Japanese or English
 * (src/i18n resources, keys pane.*). The full pane (React, Fluent UI) comes in a later issue.
 * No network besides Office.js from its CDN.
 */
import ja from "../i18n/ja.json";
import en from "../i18n/en.json";
import { waitForOffice, type OfficeOutcome } from "./officeReady";

type Lang = "ja" | "en";
type Status = "loading" | "ready" | "outsideExcel" | "noOffice" | "timeout";

// Constant property accesses (not a lookup by computed key) let webpack drop the other strings.
const STRINGS: Record<Lang, { productName: string; status: Record<Status, string> }> = {
  ja: {
    productName: ja["pane.productName"],
    status: {
      loading: ja["pane.status.loading"],
      ready: ja["pane.status.ready"],
      outsideExcel: ja["pane.status.outsideExcel"],
      noOffice: ja["pane.status.noOffice"],
      timeout: ja["pane.status.timeout"],
    },
  },
  en: {
    productName: en["pane.productName"],
    status: {
      loading: en["pane.status.loading"],
      ready: en["pane.status.ready"],
      outsideExcel: en["pane.status.outsideExcel"],
      noOffice: en["pane.status.noOffice"],
      timeout: en["pane.status.timeout"],
    },
  },
};

/** Japanese unless the language tag is another language (then English). */
export function langOf(tag: string | null | undefined): Lang {
  if (!tag) return "ja";
  return tag.toLowerCase().startsWith("ja") ? "ja" : "en";
}

function statusOf(outcome: OfficeOutcome): Status {
  switch (outcome.kind) {
    case "ready":
      return outcome.host === "Excel" ? "ready" : "outsideExcel";
    case "noOffice":
      return "noOffice";
    case "timeout":
      return "timeout";
  }
}

function render(lang: Lang, status: Status): void {
  const strings = STRINGS[lang];
  document.documentElement.lang = lang;
  document.title = strings.productName;
  const name = document.getElementById("product-name");
  const line = document.getElementById("status");
  if (name) name.textContent = strings.productName;
  if (line) {
    line.textContent = strings.status[status];
    line.dataset.state = status === "ready" || status === "loading" ? "ok" : "error";
  }
}

async function main(): Promise<void> {
  const browserLang = langOf(navigator.language);
  render(browserLang, "loading");
  const outcome = await waitForOffice();
  const lang = outcome.kind === "ready" && outcome.displayLanguage ? langOf(outcome.displayLanguage) : browserLang;
  render(lang, statusOf(outcome));
}

void main();
