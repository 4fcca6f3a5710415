/**
 * What the expert enters for the owner's summary, and where it lives: the company's name and where
 * the basic policy is published, in the two input cells of our owner sheet (read back on every
 * run, like the priority sheet's ratings), typed in the pane, or given on the command line
 * (`--company`). The cells are found by their label in column A or B (either language: the last
 * run may have been in the other one); the value is the cell right of the label's merge.
 *
 * The company's name otherwise comes from the workbook (core/companyName.ts). What we wrote last
 * time is recorded in the state (`StateData.owner`), so that a name the expert typed over ours is
 * told from one we copied from the workbook: a copied name follows the workbook when it changes,
 * a typed one stays.
 */
import { findAddinSheets, stateOrNull } from "../addinState";
import type { Analysis } from "../analyse";
import { a1, type CellAddress } from "../address";
import { findCompanyName, type CompanyNameFound } from "../companyName";
import { t, type MessageKey } from "../i18n";
import type { StateData } from "../plan";
import { Grid } from "../recognise/grid";
import type { SheetSnapshot, WorkbookSnapshot } from "../snapshot";
import { textKey } from "../text/normalise";

/** Entries not in the workbook yet (pane, command line). An empty text clears the entry. */
export interface OwnerEntries {
  company?: string;
  published?: string;
}

/** What the state records of the owner sheet's company cell. */
export interface OwnerRecord {
  /** The name written; null when none was known. */
  company: string | null;
  /** The name was the expert's (typed in the cell, the pane or given with --company), not the workbook's. */
  entered: boolean;
}

export interface SheetEntries {
  company: { value: string | null; cell: CellAddress } | null;
  published: { value: string | null; cell: CellAddress } | null;
}

export interface ResolvedCompany {
  name: string | null;
  source: "entered" | "workbook" | "none";
  /** Where the workbook writes it, when that is the source. */
  found: CompanyNameFound | null;
}

const LABELS: Record<keyof SheetEntries, MessageKey> = { company: "report.owner.company", published: "report.owner.published" };
/** Our own texts in the company cell when no name was known: not a name. */
const PLACEHOLDERS = new Set([textKey(t("ja", "report.owner.companyMissing")), textKey(t("en", "report.owner.companyMissing"))]);
const SEARCH_ROWS = 80;

/** The two input cells of our previous owner sheet. */
export function readOwnerSheet(sheet: SheetSnapshot): SheetEntries {
  const g = new Grid(sheet);
  const wanted = Object.entries(LABELS).map(([k, key]) => ({ k: k as keyof SheetEntries, keys: new Set([textKey(t("ja", key)), textKey(t("en", key))]) }));
  const out: SheetEntries = { company: null, published: null };
  for (let row = g.top; row <= Math.min(g.bottom, g.top + SEARCH_ROWS); row++) {
    for (let col = g.left; col <= Math.min(g.right, g.left + 1); col++) {
      const v = g.at(row, col);
      if (typeof v !== "string") continue;
      const w = wanted.find((x) => x.keys.has(textKey(v)));
      if (!w || out[w.k]) continue;
      const valueCol = (g.merge(row, col)?.right ?? col) + 1;
      const text = g.text(row, valueCol);
      const value = text === null || PLACEHOLDERS.has(textKey(text)) ? null : text;
      out[w.k] = { value, cell: a1(row, g.merge(row, valueCol)?.left ?? valueCol) };
    }
  }
  return out;
}

/**
 * The company's name: entered now (pane, --company; an empty entry drops an earlier one) first,
 * then a name the expert typed into our sheet or entered earlier, then the workbook's.
 */
export function resolveCompany(
  pending: string | undefined,
  sheet: SheetEntries | null,
  record: OwnerRecord | null,
  workbook: WorkbookSnapshot,
  formSheets: readonly string[] = [],
): ResolvedCompany {
  const found = () => findCompanyName(workbook, formSheets);
  const fromWorkbook = (): ResolvedCompany => {
    const f = found();
    return f ? { name: f.name, source: "workbook", found: f } : { name: null, source: "none", found: null };
  };
  if (pending !== undefined) {
    const p = pending.trim();
    return p ? { name: p, source: "entered", found: null } : fromWorkbook();
  }
  const written = sheet?.company?.value ?? null;
  if (written !== null) {
    // Typed over what we wrote, or what we wrote was entered: the expert's. Without a record
    // (an older run), a name other than the workbook's can only have been typed.
    const entered = record ? written !== record.company || record.entered : written !== found()?.name;
    if (entered) return { name: written, source: "entered", found: null };
  }
  return fromWorkbook();
}

/** Where the policy is published: entered now (an empty entry clears it), else our sheet's cell. */
export function resolvePublished(pending: string | undefined, sheet: SheetEntries | null): string | null {
  if (pending !== undefined) return pending.trim() || null;
  return sheet?.published?.value ?? null;
}

/** The owner record of a parsed state, if it has a sound one (older states have none). */
export function ownerRecord(state: StateData | null): OwnerRecord | null {
  const o = (state as { owner?: unknown } | null)?.owner;
  if (typeof o !== "object" || o === null) return null;
  const { company, entered } = o as Record<string, unknown>;
  if ((company !== null && typeof company !== "string") || typeof entered !== "boolean") return null;
  return { company, entered };
}

/** The entries of our owner sheet in a workbook (for analyze, which writes nothing). */
export function workbookOwnerEntries(
  snapshot: WorkbookSnapshot,
  analysis: Analysis,
  pending: OwnerEntries = {},
): { company: ResolvedCompany; published: string | null } {
  const state = stateOrNull(snapshot);
  const own = findAddinSheets(snapshot, state).find((s) => s.kind === "owner");
  const sheet = own ? snapshot.sheets.find((s) => s.name === own.name) : undefined;
  const entries = sheet ? readOwnerSheet(sheet) : null;
  return {
    company: resolveCompany(pending.company, entries, ownerRecord(state), snapshot, formSheets(analysis)),
    published: resolvePublished(pending.published, entries),
  };
}

/** The sheets the diagnosis and the checksheet were read from, in that order: where a form names its company. */
export function formSheets(a: Analysis): string[] {
  const names = [...a.diagnoses.map((d) => d.sheet), a.regulations?.overviewSheet, a.regulations?.sheet, a.policy?.sheet];
  return [...new Set(names.filter((n): n is string => typeof n === "string"))];
}
