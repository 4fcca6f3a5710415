/**
 * The pane's first language: the user's last switch, else Office's display language
 * (Office.context.displayLanguage), else Japanese (src/pane/paneLanguage.ts).
 */
import { LANG_STORAGE_KEY, initialLang, rememberLang, storedLang, type LangStorage } from "../src/pane/paneLanguage";

/** A stand-in for localStorage. */
function memoryStorage(): LangStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

/** Storage the browser blocks: every use throws, as localStorage does in a sandboxed frame. */
const blocked: LangStorage = {
  getItem: () => {
    throw new Error("SecurityError: storage is blocked");
  },
  setItem: () => {
    throw new Error("SecurityError: storage is blocked");
  },
};

describe("the pane's language", () => {
  test("Office's display language chooses it while the user has not switched", () => {
    const storage = memoryStorage();
    expect(initialLang(storage, "en-US")).toBe("en");
    expect(initialLang(storage, "en-GB")).toBe("en");
    expect(initialLang(storage, "ja-JP")).toBe("ja");
    // Another language: the pane has Japanese and English only, and English is the one read abroad.
    expect(initialLang(storage, "de-DE")).toBe("en");
    // Unknown (outside Office, or Office did not say): Japanese, the project's default.
    expect(initialLang(storage, null)).toBe("ja");
  });

  test("the user's switch wins over Office's language, also in the next session", () => {
    const storage = memoryStorage();
    expect(rememberLang(storage, "ja")).toBe(true);
    expect(storage.items.get(LANG_STORAGE_KEY)).toBe("ja");
    expect(initialLang(storage, "en-US")).toBe("ja");
    rememberLang(storage, "en");
    expect(initialLang(storage, "ja-JP")).toBe("en");
  });

  test("a stored value that is not a language of the pane is ignored", () => {
    const storage = memoryStorage();
    storage.setItem(LANG_STORAGE_KEY, "fr");
    expect(storedLang(storage)).toBeNull();
    expect(initialLang(storage, "en-US")).toBe("en");
  });

  test("blocked or missing storage: Office's language still chooses, and the switch works for the session", () => {
    expect(initialLang(blocked, "en-US")).toBe("en");
    expect(rememberLang(blocked, "ja")).toBe(false);
    expect(initialLang(null, "ja-JP")).toBe("ja");
    expect(rememberLang(null, "en")).toBe(false);
  });
});
