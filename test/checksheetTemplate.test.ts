/**
 * The blank regulation checksheet (overview + check sheet) and basic policy checklist: written
 * through the ExcelJS host and read back, through the built CLI, and filled in and analysed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { a1, parseA1 } from "../src/core/address";
import { analyseWorkbook } from "../src/core/analyse";
import {
  DECISIONS,
  POLICY_ELEMENTS,
  POLICY_STATUSES,
  PRESENCE_SPELLINGS,
  REGULATIONS,
  deepestSections,
  type DecisionId,
  type PolicyStatus,
} from "../src/core/catalog/regulations";
import type { RegulationCoverage } from "../src/core/checksheet";
import { t, type Lang } from "../src/core/i18n";
import { checkPlan } from "../src/core/plan";
import {
  checkSheetRow,
  checksheetTemplateLayout,
  checksheetTemplatePlan,
  policyTemplateLayout,
  policyTemplatePlan,
} from "../src/core/template/checksheetTemplate";
import { diagnosisTemplatePlan } from "../src/core/template/diagnosisTemplate";
import { combinePlans, workbookTemplatePlan } from "../src/core/template/workbookTemplate";
import { applyPlan } from "../src/xlsx/applyPlan";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";

const CHECK_KEYS = ["no1", "regulation", "no2", "major", "no3", "middle", "no4", "minor", "presence", "reference", "issue"] as const;
const DEEPEST_TOTAL = REGULATIONS.reduce((n, r) => n + deepestSections(r).length, 0);
const SECTION_TOTAL = REGULATIONS.reduce((n, r) => n + r.sections.reduce((m, s) => m + 1 + (s.children?.length ?? 0), 0), 0);

async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(Buffer.from(await wb.xlsx.writeBuffer()) as unknown as ExcelJS.Buffer);
  return back;
}

async function templateBook(lang: Lang): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  applyPlan(wb, combinePlans(checksheetTemplatePlan(lang), policyTemplatePlan(lang)));
  return reload(wb);
}

/** The cells (A1) that carry a data validation, from the reloaded sheet's model. */
function validatedCells(ws: ExcelJS.Worksheet): Set<string> {
  const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  const out = new Set<string>();
  for (const [key, v] of Object.entries(model)) {
    if (!v) continue;
    // A key is a cell, or a range when the host kept it as one.
    const [p, q = p] = key.split(":").map(parseA1);
    for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.add(a1(r, c));
  }
  return out;
}

const rowValues = (ws: ExcelJS.Worksheet, row0: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ws.getCell(row0 + 1, from + i + 1).value);

describe.each(["ja", "en"] as const)("checksheet template (%s)", (lang) => {
  let wb: ExcelJS.Workbook;
  const L = checksheetTemplateLayout(lang);
  const P = policyTemplateLayout(lang);
  const present = PRESENCE_SPELLINGS.present[lang];
  const absent = PRESENCE_SPELLINGS.absent[lang];

  beforeAll(async () => {
    wb = await templateBook(lang);
  });

  test("three sheets: overview, check sheet, policy checklist; the plans are valid", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([L.overview.sheetName, L.checkSheet.sheetName, P.sheetName]);
    expect(L.overview.sheetName).toBe(t(lang, "template.overview.sheetName"));
    expect(checkPlan(checksheetTemplatePlan(lang))).toEqual([]);
    expect(checkPlan(policyTemplatePlan(lang))).toEqual([]);
    expect(checkPlan(workbookTemplatePlan(lang))).toEqual([]);
  });

  test("overview: the resource headers, the 11 regulations, a decision dropdown on exactly the 11 decision cells", () => {
    const ws = wb.getWorksheet(L.overview.sheetName)!;
    const O = L.overview;
    expect(rowValues(ws, O.headerRow, 0, 3)).toEqual((["no", "regulation", "summary", "decision"] as const).map((k) => t(lang, `overview.header.${k}`)));
    expect(ws.getCell(1, 1).value).toBe(t(lang, "template.overview.title"));
    expect(String(ws.getCell(2, 1).value)).toContain(L.checkSheet.sheetName);

    const listed: unknown[][] = [];
    for (let r = O.headerRow + 1; r <= ws.rowCount - 1; r++) listed.push(rowValues(ws, r, 0, 3));
    expect(listed).toEqual(REGULATIONS.map((reg) => [reg.no, reg.name, reg.summary[lang], null]));

    const decisionCells = REGULATIONS.map((reg) => a1(O.decisions[reg.no - 1].row, O.decisions[reg.no - 1].col));
    expect(decisionCells).toEqual(REGULATIONS.map((reg) => a1(O.regulationRows[reg.no - 1], O.columns.decision)));
    expect(validatedCells(ws)).toEqual(new Set(decisionCells));
    const labels = DECISIONS.map((d) => d.label[lang]);
    for (const cell of decisionCells) {
      expect(ws.getCell(cell).dataValidation).toMatchObject({
        type: "list",
        allowBlank: true,
        formulae: [`"${labels.join(",")}"`],
        showErrorMessage: true,
        prompt: t(lang, "template.overview.validation.prompt"),
      });
    }
  });

  describe("check sheet", () => {
    let ws: ExcelJS.Worksheet;
    const C = L.checkSheet.columns;
    /** Every row below the header, as the sheet holds it. */
    let body: { row: number; v: unknown[] }[];

    beforeAll(() => {
      ws = wb.getWorksheet(L.checkSheet.sheetName)!;
      body = [];
      for (let r = L.checkSheet.headerRow + 1; r < ws.rowCount; r++) body.push({ row: r, v: rowValues(ws, r, 0, CHECK_KEYS.length - 1) });
    });

    test("header row holds the 11 resource headers in IPA's column order", () => {
      expect(rowValues(ws, L.checkSheet.headerRow, 0, 10)).toEqual(CHECK_KEYS.map((k) => t(lang, `checksheet.header.${k}`)));
      CHECK_KEYS.forEach((k, i) => expect(C[k]).toBe(i));
      expect(ws.getCell(1, 1).value).toBe(t(lang, "template.checksheet.title"));
    });

    test("one row per section, the regulation's number and name only on its first row", () => {
      expect(body).toHaveLength(SECTION_TOTAL);
      expect(L.checkSheet.rows).toHaveLength(SECTION_TOTAL);
      // Rebuild the catalog from the sheet alone.
      const seen: { no: number; name: string; sections: { no2: unknown; major: unknown; no3: unknown; middle: unknown }[] }[] = [];
      for (const { v } of body) {
        if (v[C.no1] !== null) seen.push({ no: v[C.no1] as number, name: v[C.regulation] as string, sections: [] });
        else expect(v[C.regulation]).toBeNull();
        seen[seen.length - 1].sections.push({ no2: v[C.no2], major: v[C.major], no3: v[C.no3], middle: v[C.middle] });
        expect([v[C.no4], v[C.minor], v[C.presence], v[C.reference], v[C.issue]]).toEqual([null, null, null, null, null]);
      }
      expect(seen).toEqual(
        REGULATIONS.map((reg) => ({
          no: reg.no,
          name: reg.name,
          sections: reg.sections.flatMap((s) => [
            { no2: s.no, major: s.name, no3: null, middle: null },
            ...(s.children ?? []).map((c) => ({ no2: null, major: null, no3: c.no, middle: c.name })),
          ]),
        })),
      );
    });

    test("情報資産の管理 has a row of its own, without a 有/無 cell, its 1.1–1.4 right below it", () => {
      const major = checkSheetRow(L.checkSheet, 3, "1");
      expect(major).toMatchObject({ level: 1, name: "情報資産の管理", deepest: false, presence: null });
      expect(major.row).toBe(L.checkSheet.firstRows[2]);
      expect(rowValues(ws, major.row, 0, 5)).toEqual([3, "情報資産管理", "1", "情報資産の管理", null, null]);
      ["1.1", "1.2", "1.3", "1.4"].forEach((no, i) => {
        const r = checkSheetRow(L.checkSheet, 3, no);
        expect(r.row).toBe(major.row + 1 + i);
        expect(r.level).toBe(2);
        expect(ws.getCell(r.row + 1, C.no3 + 1).value).toBe(no);
        expect(ws.getCell(r.row + 1, C.middle + 1).value).toBe(REGULATIONS[2].sections[0].children![i].name);
      });
      // Greyed, not an input.
      expect(ws.getCell(major.row + 1, C.presence + 1).dataValidation).toBeUndefined();
    });

    test(`exactly one 有/無 dropdown per deepest section (${DEEPEST_TOTAL}), nothing else has one`, () => {
      expect(DEEPEST_TOTAL).toBe(65);
      const cells = L.checkSheet.rows.filter((r) => r.deepest).map((r) => a1(r.presence!.row, r.presence!.col));
      expect(cells).toHaveLength(DEEPEST_TOTAL);
      expect(new Set(cells).size).toBe(DEEPEST_TOTAL);
      expect(validatedCells(ws)).toEqual(new Set(cells));
      for (const cell of cells) {
        expect(ws.getCell(cell).dataValidation).toMatchObject({
          type: "list",
          allowBlank: true,
          formulae: [`"${present},${absent}"`],
          showErrorMessage: true,
          prompt: t(lang, "template.checksheet.validation.prompt", { present, absent }),
        });
      }
      // The layout's deepest rows are the catalog's deepest sections, per regulation.
      for (const reg of REGULATIONS) {
        expect(L.checkSheet.rows.filter((r) => r.regulation === reg.no && r.deepest).map((r) => r.section)).toEqual(deepestSections(reg).map((s) => s.no));
      }
    });

    test("reference and issue cells wrap; sheet setup for printing and scrolling", () => {
      const r = checkSheetRow(L.checkSheet, 4, "5");
      expect(ws.getCell(r.reference.row + 1, r.reference.col + 1).alignment.wrapText).toBe(true);
      expect(ws.getCell(r.issue.row + 1, r.issue.col + 1).alignment.wrapText).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: L.checkSheet.headerRow + 1 });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      const h = L.checkSheet.headerRow + 1;
      expect(ws.pageSetup.printTitlesRow).toBe(`${h}:${h}`);
      expect(ws.getColumn(C.issue + 1).width).toBeGreaterThanOrEqual(30);
      expect(ws.getColumn(C.major + 1).width).toBeGreaterThanOrEqual(25);
      expect(ws.getCell(r.row + 1, C.major + 1).font.name).toBe(lang === "ja" ? "游ゴシック" : "Calibri");
    });
  });

  test("policy checklist: the resource headers, the 7 headings with their checks, a status dropdown on each", () => {
    const ws = wb.getWorksheet(P.sheetName)!;
    expect(rowValues(ws, P.headerRow, 0, 4)).toEqual((["no", "element", "check", "status", "note"] as const).map((k) => t(lang, `policy.header.${k}`)));
    expect(ws.getCell(1, 1).value).toBe(t(lang, "template.policy.title"));
    const rows: unknown[][] = [];
    for (let r = P.headerRow + 1; r < ws.rowCount; r++) rows.push(rowValues(ws, r, 0, 4));
    expect(rows).toEqual(POLICY_ELEMENTS.map((e, i) => [i + 1, e.heading, e.check[lang], null, null]));
    expect(POLICY_ELEMENTS).toHaveLength(7);
    const statusCells = P.status.map((c) => a1(c.row, c.col));
    expect(statusCells).toEqual(P.rows.map((r) => a1(r, P.columns.status)));
    expect(validatedCells(ws)).toEqual(new Set(statusCells));
    for (const cell of statusCells) {
      expect(ws.getCell(cell).dataValidation).toMatchObject({
        type: "list",
        formulae: [`"${POLICY_STATUSES.map((s) => s.label[lang]).join(",")}"`],
        prompt: t(lang, "template.policy.validation.prompt"),
      });
    }
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1 });
  });
});

test("the English template has English headers and sheet names, Japanese regulation and section names", () => {
  const L = checksheetTemplateLayout("en");
  expect([L.overview.sheetName, L.checkSheet.sheetName, policyTemplateLayout("en").sheetName]).toEqual([
    "Regulations",
    "Regulation check",
    "Basic policy check",
  ]);
  expect(t("en", "checksheet.header.presence")).not.toBe(t("ja", "checksheet.header.presence"));
  expect(checkSheetRow(L.checkSheet, 3, "1.1").name).toBe("情報資産の特定と機密性の評価");
});

test("resource files carry the same keys", async () => {
  const ja = (await import("../src/i18n/ja.json")).default as Record<string, string>;
  const en = (await import("../src/i18n/en.json")).default as Record<string, string>;
  // Plural forms ("key#one") are extra forms of a key, not keys of their own.
  const sentences = (o: object) =>
    Object.keys(o)
      .filter((k) => !k.includes("#"))
      .sort();
  expect(sentences(ja)).toEqual(sentences(en));
  for (const k of ["template.overview.", "template.checksheet.", "template.policy.", "cli.template."]) {
    expect(Object.keys(ja).filter((x) => x.startsWith(k)).length).toBeGreaterThan(0);
  }
});

test("workbookTemplatePlan: everything, or one part", () => {
  const names = (only?: "diagnosis" | "checksheet") => workbookTemplatePlan("ja", only).sheets.map((s) => s.name);
  expect(names()).toEqual(["自社診断", "関連規程一覧", "関連規程チェックシート", "基本方針チェック"]);
  expect(names("diagnosis")).toEqual(["自社診断"]);
  expect(names("checksheet")).toEqual(["関連規程一覧", "関連規程チェックシート", "基本方針チェック"]);
  expect(combinePlans(diagnosisTemplatePlan("en"), policyTemplatePlan("en")).sheets.map((s) => s.name)).toEqual(["Self-diagnosis", "Basic policy check"]);
});

test("the whole blank workbook: one diagnosis, and the checksheet sheets each read as what they are", async () => {
  for (const lang of ["ja", "en"] as const) {
    const wb = new ExcelJS.Workbook();
    applyPlan(wb, workbookTemplatePlan(lang));
    const analysis = analyseWorkbook(await readWorkbookBuffer(Buffer.from(await wb.xlsx.writeBuffer()), "blank.xlsx"));
    expect(analysis.diagnoses.map((d) => d.sheet)).toEqual([lang === "ja" ? "自社診断" : "Self-diagnosis"]);
    const L = checksheetTemplateLayout(lang);
    expect(analysis.regulations).toMatchObject({ sheet: L.checkSheet.sheetName, overviewSheet: L.overview.sheetName });
    expect(analysis.regulations!.coverage.map((c) => [c.no, c.unchecked, c.total, c.decision])).toEqual(
      REGULATIONS.map((r) => [r.no, deepestSections(r).length, deepestSections(r).length, null]),
    );
    expect(analysis.policy!.sheet).toBe(policyTemplateLayout(lang).sheetName);
    expect(analysis.policy!.checks.map((c) => c.status)).toEqual(POLICY_ELEMENTS.map(() => null));
  }
});

// ---------------------------------------------------------------------------------------------
// The command line (built: npm run build, which npm test runs first).

describe("template command", () => {
  const CLI = join(__dirname, "..", "dist", "src", "cli", "main.js");
  let dir: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const sheetsOf = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, file));
    return wb.worksheets.map((w) => w.name);
  };

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does)`);
    dir = mkdtempSync(join(tmpdir(), "shindan-cstpl-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("default: the diagnosis, the overview, the check sheet and the policy checklist", async () => {
    const r = run("template", "-o", "all.xlsx");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(t("ja", "cli.template.written.all", { file: "all.xlsx" }));
    expect(await sheetsOf("all.xlsx")).toEqual(["自社診断", "関連規程一覧", "関連規程チェックシート", "基本方針チェック"]);
    // analyze still finds exactly the one diagnosis in it.
    const a = run("analyze", "--json", "all.xlsx");
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).results[0].diagnoses.map((d: { sheet: string }) => d.sheet)).toEqual(["自社診断"]);
  });

  test("--only diagnosis, --only checksheet, --lang en", async () => {
    expect(run("template", "-o", "d.xlsx", "--only", "diagnosis").code).toBe(0);
    expect(await sheetsOf("d.xlsx")).toEqual(["自社診断"]);
    const c = run("template", "-o", "c.xlsx", "--only", "checksheet");
    expect(c.code).toBe(0);
    expect(c.stderr).toContain(t("ja", "cli.template.written.checksheet", { file: "c.xlsx" }));
    expect(await sheetsOf("c.xlsx")).toEqual(["関連規程一覧", "関連規程チェックシート", "基本方針チェック"]);
    expect(run("template", "-o", "e.xlsx", "--only", "checksheet", "--lang", "en").code).toBe(0);
    expect(await sheetsOf("e.xlsx")).toEqual(["Regulations", "Regulation check", "Basic policy check"]);
    expect(run("template", "-o", "e2.xlsx", "--lang", "en").code).toBe(0);
    expect(await sheetsOf("e2.xlsx")).toEqual(["Self-diagnosis", "Regulations", "Regulation check", "Basic policy check"]);
  });

  test("an unknown --only is refused, naming the choices; an existing file needs --force", () => {
    const bad = run("template", "-o", "x.xlsx", "--only", "policy");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/diagnosis.*checksheet/);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
    expect(run("template", "-o", "c2.xlsx", "--only", "checksheet").code).toBe(0);
    const again = run("template", "-o", "c2.xlsx", "--only", "checksheet");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("--force");
    expect(run("template", "-o", "c2.xlsx", "--only", "checksheet", "--force").code).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Round trip: a filled template read back by the engine. Needs analysis.regulations and
// analysis.policy (the regulation checksheet recogniser and its scoring).

describe.each(["ja", "en"] as const)("the engine reads a filled checksheet template (%s)", (lang) => {
  const L = checksheetTemplateLayout(lang);
  const P = policyTemplateLayout(lang);
  const decisions = new Map<number, DecisionId>([
    [1, "new"],
    [3, "revised"],
    [4, "keep"],
    [8, "not-needed"],
    [10, "new"],
  ]);
  const statuses: (PolicyStatus | null)[] = ["present", "missing", "rework", null, "present", "missing", null];
  const notes: (string | null)[] = ["社長名で宣言済み", null, "体制の記述が古い", null, null, "日付の記入が必要", null];
  const issues = new Map<string, string>([
    ["2/4", "教育の頻度が決まっていない"],
    ["3/1.2", "分類の表示方法が未定"],
    ["4/5", "パスワードの長さの基準が古い"],
    ["10/7", "事業継続計画が未作成"],
  ]);

  /** What was filled per deepest section: 有 / 無 / blank, a reference for some. */
  function fillings() {
    let k = 0;
    return L.checkSheet.rows
      .filter((r) => r.deepest)
      .map((r) => {
        const i = k++;
        const presence: "present" | "absent" | null =
          r.regulation === 11 ? null : r.regulation === 2 ? "present" : (["present", "absent", null] as const)[i % 3];
        const reference = presence === "present" && i % 4 === 0 ? `第${i}条` : null;
        return { r, presence, reference, issue: issues.get(`${r.regulation}/${r.section}`) ?? null };
      });
  }

  test("coverage, decisions, issues and policy checks are exactly what was filled", async () => {
    const wb = new ExcelJS.Workbook();
    applyPlan(wb, combinePlans(checksheetTemplatePlan(lang), policyTemplatePlan(lang)));
    const set = (sheet: string, p: { row: number; col: number }, value: string) => {
      wb.getWorksheet(sheet)!.getCell(p.row + 1, p.col + 1).value = value;
    };
    for (const [no, id] of decisions) {
      set(L.overview.sheetName, L.overview.decisions[no - 1], DECISIONS.find((d) => d.id === id)!.label[lang]);
    }
    const filled = fillings();
    for (const f of filled) {
      if (f.presence) set(L.checkSheet.sheetName, f.r.presence!, PRESENCE_SPELLINGS[f.presence][lang]);
      if (f.reference) set(L.checkSheet.sheetName, f.r.reference, f.reference);
      if (f.issue) set(L.checkSheet.sheetName, f.r.issue, f.issue);
    }
    POLICY_ELEMENTS.forEach((_, i) => {
      const s = statuses[i];
      if (s) set(P.sheetName, P.status[i], POLICY_STATUSES.find((x) => x.id === s)!.label[lang]);
      if (notes[i]) set(P.sheetName, P.note[i], notes[i]!);
    });

    const analysis = analyseWorkbook(await readWorkbookBuffer(Buffer.from(await wb.xlsx.writeBuffer()), "filled.xlsx"));
    expect(analysis.diagnoses).toEqual([]);
    expect(analysis.messages.filter((m) => m.level === "error")).toEqual([]);

    const regs = analysis.regulations!;
    expect(regs.sheet).toBe(L.checkSheet.sheetName);
    expect(regs.overviewSheet).toBe(L.overview.sheetName);
    expect(regs.messages.filter((m) => m.level !== "info")).toEqual([]);
    const coverage = regs.coverage.filter((c) => c.no !== null);
    expect(regs.coverage).toHaveLength(REGULATIONS.length); // no unknown regulation listed
    expect(coverage.map((c) => c.no)).toEqual(REGULATIONS.map((r) => r.no));

    for (const reg of REGULATIONS) {
      const mine = filled.filter((f) => f.r.regulation === reg.no);
      const total = deepestSections(reg).length;
      expect(mine).toHaveLength(total);
      const present = mine.filter((f) => f.presence === "present").length;
      const absent = mine.filter((f) => f.presence === "absent").length;
      const got = coverage.find((c) => c.no === reg.no)!;
      const want: Omit<RegulationCoverage, "issues"> = {
        no: reg.no,
        name: reg.name,
        present,
        absent,
        unchecked: total - present - absent,
        total,
        coverage: present + absent === 0 ? null : present / total,
        decision: decisions.get(reg.no) ?? null,
        listed: true,
      };
      expect({ ...got, issues: undefined }).toEqual({ ...want, issues: undefined });
      // An issue names its section (by number or by name), its text and the cell it is in.
      const wantIssues = mine.filter((f) => f.issue).map((f) => ({ text: f.issue, cell: a1(f.r.issue.row, f.r.issue.col), f }));
      expect(got.issues.map((i) => ({ text: i.text, cell: i.cell }))).toEqual(wantIssues.map(({ text, cell }) => ({ text, cell })));
      got.issues.forEach((i, n) => expect([wantIssues[n].f.r.section, wantIssues[n].f.r.name]).toContain(i.section));
    }
    // Sanity of the filling itself: every kind occurs.
    expect(filled.some((f) => f.presence === null && f.r.regulation !== 11)).toBe(true);
    expect(coverage.find((c) => c.no === 2)!.coverage).toBe(1);
    expect(coverage.find((c) => c.no === 11)!.unchecked).toBe(deepestSections(REGULATIONS[10]).length);

    const policy = analysis.policy!;
    expect(policy.sheet).toBe(P.sheetName);
    expect(policy.checks).toEqual(
      POLICY_ELEMENTS.map((e, i) => ({ id: e.id, status: statuses[i], note: notes[i], cell: a1(P.status[i].row, P.status[i].col) })),
    );
  });
});
