/**
 * The check sheet (IPA's item-by-item sheet): a header row naming the regulation column, the
 * 大/中/細 item columns (or one item column with dotted numbers), the 有/無 column, the
 * article/page column and the issue column; below it, blocks of rows per regulation. The level
 * of each item comes from the column it is written in, or from its number ("1.1" is 中).
 * Only the deepest items count; a parent's own 有/無 is not read.
 */
import { a1, type CellAddress } from "../../address";
import type { RegulationNo } from "../../catalog/regulations";
import type { CheckedSection, Presence, SectionLevel } from "../../checksheet";
import { t } from "../../i18n";
import { message, type EngineMessage } from "../../messages";
import type { CellRange, SheetSnapshot } from "../../snapshot";
import { displayValue, textKey } from "../../text/normalise";
import { Grid, MAX_HEADER_LENGTH } from "../grid";
import { matchRegulation, matchSection, readPresence } from "./names";

type Role = "no" | "regulation" | "major" | "middle" | "minor" | "item" | "presence" | "reference" | "issue";

const EN_HEADERS = new Map<string, Role>(
  (
    [
      ["checksheet.header.regulation", "regulation"],
      ["checksheet.header.major", "major"],
      ["checksheet.header.middle", "middle"],
      ["checksheet.header.minor", "minor"],
      ["checksheet.header.presence", "presence"],
      ["checksheet.header.reference", "reference"],
      ["checksheet.header.issue", "issue"],
    ] as const
  ).map(([key, role]) => [textKey(t("en", key)), role]),
);

/** What a header cell names; the seed's wording and close variants, and the English template's. */
export function headerRole(text: string): Role | null {
  const k = textKey(text);
  const en = EN_HEADERS.get(k);
  if (en) return en;
  if (/^no\d?$|^番号$/.test(k)) return "no";
  if (k.includes("有無")) return "presence";
  if (k.includes("条文") || k.includes("ページ")) return "reference";
  if (k.includes("課題") || k.includes("問題点")) return "issue";
  if (/^(?:チェック|点検)?項目大$|^大項目$|^大分類$/.test(k)) return "major";
  if (/^(?:チェック|点検)?項目中$|^中項目$|^中分類$/.test(k)) return "middle";
  if (/^(?:チェック|点検)?項目[細小]$|^[細小]項目$|^細目$|^[細小]分類$/.test(k)) return "minor";
  if (/^(?:チェック|点検)項目$/.test(k)) return "item";
  if (/^項目$|^関連規程|^規程名?$|^規程類$/.test(k)) return "regulation";
  return null;
}

interface Columns {
  /** The header's first row, and its last (the same unless the header has two rows). */
  headerTop: number;
  headerRow: number;
  regulation: number;
  /** Item columns by level; `single` when one column holds every level. */
  levels: { col: number; level: SectionLevel; no: number | null }[];
  single: boolean;
  regulationNo: number | null;
  presence: number;
  reference: number | null;
  issue: number | null;
}

/** A level under a merged チェック項目 header on the header's second row: 大 / 中 / 細 (小). */
function subHeaderRole(text: string): Role | null {
  const k = textKey(text);
  if (/^大(?:項目|分類)?$/.test(k)) return "major";
  if (/^中(?:項目|分類)?$/.test(k)) return "middle";
  if (/^[細小](?:項目|分類)?$|^細目$/.test(k)) return "minor";
  return null;
}

/**
 * The roles named on a header row. A header of two rows (No, 規程名 and 有無 merged down both,
 * チェック項目 merged over the 大 / 中 / 細 written below it) gives its levels from the second row,
 * and the data starts under that row.
 */
function headerRoles(grid: Grid, row: number): { roles: Map<number, Role>; last: number } {
  const roles = new Map<number, Role>();
  for (let col = grid.left; col <= grid.right; col++) {
    const v = grid.at(row, col);
    if (typeof v !== "string" || v.length > MAX_HEADER_LENGTH) continue;
    const role = headerRole(v);
    if (role) roles.set(col, role);
  }
  if (row + 1 > grid.bottom) return { roles, last: row };
  const levels = new Map<number, Role>();
  for (const [col, role] of roles) {
    const m = grid.merge(row, col);
    if (role !== "item" || !m || m.right === m.left) continue;
    for (let c = m.left; c <= m.right; c++) {
      const v = grid.at(row + 1, c);
      const sub = typeof v !== "string" ? null : (subHeaderRole(v) ?? (headerRole(v) === "no" ? "no" : null));
      if (sub) levels.set(c, sub);
    }
  }
  if (![...levels.values()].some((r) => r !== "no")) return { roles, last: row };
  for (const [col, role] of [...roles]) if (role === "item") roles.delete(col);
  for (const [col, role] of levels) roles.set(col, role);
  return { roles, last: row + 1 };
}

function findHeader(grid: Grid): Columns | null {
  for (let row = grid.top; row <= grid.searchBottom; row++) {
    const { roles, last } = headerRoles(grid, row);
    const cols = (role: Role) => [...roles].filter(([, r]) => r === role).map(([c]) => c);
    const [presence] = cols("presence");
    const [regulation] = cols("regulation");
    const levelled = (["major", "middle", "minor"] as const).flatMap((role, i) =>
      cols(role)
        .slice(0, 1)
        .map((col) => ({ col, level: (i + 1) as SectionLevel })),
    );
    const single =
      levelled.length === 0
        ? cols("item")
            .slice(0, 1)
            .map((col) => ({ col, level: 1 as SectionLevel }))
        : [];
    const items = levelled.length ? levelled : single;
    if (presence === undefined || regulation === undefined || items.length === 0) continue;
    // A number column belongs to the named column right of it (No1 → 項目, No2 → 大 …).
    const noFor = (col: number) => {
      const left = col - 1;
      return roles.get(left) === "no" ? left : null;
    };
    return {
      headerTop: row,
      headerRow: last,
      regulation,
      levels: items.sort((a, b) => a.level - b.level).map((x) => ({ ...x, no: noFor(x.col) })),
      single: levelled.length === 0,
      regulationNo: noFor(regulation),
      presence,
      reference: cols("reference")[0] ?? null,
      issue: cols("issue")[0] ?? null,
    };
  }
  return null;
}

const EXAMPLE_ROW = new Set(["記入例", "例", "example", "記入例示"].map(textKey));

/**
 * The level of an item in a single item column: from its number ("1.1" → 2), else from the
 * name's own number ("1.1 情報資産の特定…"), else from its indentation by leading spaces.
 */
function singleColumnLevel(no: string | null, rawName: string): SectionLevel {
  const depth = (s: string) =>
    s
      .normalize("NFKC")
      .trim()
      .split(/[.．-]/)
      .filter((p) => p !== "").length;
  if (no) return Math.min(3, Math.max(1, depth(no))) as SectionLevel;
  const own = /^\s*(\d{1,2}(?:[.．]\d{1,2})+)/.exec(rawName.normalize("NFKC"));
  if (own) return Math.min(3, depth(own[1])) as SectionLevel;
  const indent = /^[ \u3000]*/.exec(rawName)![0].replace(/\u3000/g, "  ").length;
  return indent === 0 ? 1 : indent <= 2 ? 2 : 3;
}

export interface CheckSheetFinding {
  sheet: string;
  /** The check sheet's table: its header and every row read, over its columns. */
  region: CellRange;
  sections: CheckedSection[];
  /** Every regulation block the sheet lists, catalog or not, in sheet order. */
  listed: { regulation: RegulationNo | null; name: string; cell: CellAddress }[];
  messages: EngineMessage[];
}

export function recogniseCheckSheet(sheet: SheetSnapshot): CheckSheetFinding | null {
  const grid = new Grid(sheet);
  const cols = findHeader(grid);
  if (!cols) return null;
  const messages: EngineMessage[] = [];
  const sections: CheckedSection[] = [];
  const listed: CheckSheetFinding["listed"] = [];
  let current: { regulation: RegulationNo | null; name: string } | null = null;
  let lastRead = cols.headerRow;

  const written = (row: number, col: number | null) => (col === null ? null : grid.text(row, col));

  for (let row = cols.headerRow + 1; row <= grid.bottom; row++) {
    const regNo = written(row, cols.regulationNo);
    if (regNo !== null && EXAMPLE_ROW.has(textKey(regNo))) continue;
    const regText = grid.text(row, cols.regulation);
    if (regText !== null && EXAMPLE_ROW.has(textKey(regText))) continue;

    // A new block starts where the regulation column shows a different name (merged blocks
    // show the same name on every row).
    if (regText !== null && (current === null || regText !== current.name)) {
      const regulation = matchRegulation(regText);
      const merge = grid.merge(row, cols.regulation);
      const cell = merge ? a1(merge.top, merge.left) : a1(row, cols.regulation);
      current = { regulation, name: regText };
      listed.push({ regulation, name: regText, cell });
      if (regulation === null) messages.push(message("info", "unknown-regulation", sheet.name, cell, { value: regText }));
    }
    if (current === null) continue;

    // The item names on this row, shallowest first; the deepest one carries the row's answers.
    const names: { level: SectionLevel; name: string; no: string | null }[] = [];
    for (const c of cols.levels) {
      const v = grid.at(row, c.col);
      if (typeof v !== "string" || v.trim() === "") continue;
      const no = c.no === null ? null : written(row, c.no);
      const level = cols.single ? singleColumnLevel(no, v) : c.level;
      names.push({ level, name: v.replace(/\s+/g, " ").trim(), no });
    }
    const presenceValue = grid.at(row, cols.presence);
    const issue = written(row, cols.issue);
    if (names.length === 0) {
      // 有/無 written against the regulation itself: the regulation is its own single item.
      if (regText === null || (presenceValue === null && issue === null)) continue;
      names.push({ level: 1, name: regText, no: null });
    }
    const cell = a1(row, cols.presence);
    lastRead = row;
    names.forEach((n, i) => {
      const carries = i === names.length - 1;
      let presence: Presence = null;
      if (carries) {
        const r = readPresence(presenceValue);
        if (r.kind === "value") presence = r.value;
        else if (r.kind === "uncalculated") messages.push(message("error", "uncalculated-formula", sheet.name, cell));
        else if (r.kind !== "blank") {
          messages.push(message("error", "invalid-presence", sheet.name, cell, { value: displayValue(presenceValue), section: n.name }));
        }
      }
      sections.push({
        regulation: current!.regulation,
        regulationName: current!.name,
        level: n.level,
        writtenNo: n.no,
        name: n.name,
        section: matchSection(current!.regulation, n.name),
        presence,
        cell,
        reference: carries ? written(row, cols.reference) : null,
        issue: carries ? issue : null,
        issueCell: carries && issue !== null && cols.issue !== null ? a1(row, cols.issue) : null,
        deepest: true,
      });
    });
  }

  // An item is deepest unless the next item of the same block is deeper.
  for (let i = 0; i < sections.length; i++) {
    const next = sections[i + 1];
    if (next && next.regulationName === sections[i].regulationName && next.level > sections[i].level) sections[i].deepest = false;
  }
  const used = [cols.regulation, cols.regulationNo, cols.presence, cols.reference, cols.issue, ...cols.levels.flatMap((l) => [l.col, l.no])].filter(
    (c): c is number => c !== null,
  );
  const region = { top: cols.headerTop, left: Math.min(...used), bottom: lastRead, right: Math.max(...used) };
  return { sheet: sheet.name, region, sections, listed, messages };
}
