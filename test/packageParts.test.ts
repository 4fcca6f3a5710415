/**
 * The package writer (src/xlsx/writePackage.ts) on workbooks holding the parts ExcelJS does not
 * write (scripts/fixtures/packageParts.ts): annotate carries every one over and changes only
 * what it must (the coloured cells' `s`, its own sheets and the shared parts that list them);
 * clear gives back every original part; the parts we generate keep ECMA-376's element order;
 * a macro-enabled workbook stays one; LibreOffice opens the result.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PACKAGE_PART_FIXTURES, WORKSHEET_CHILD_ORDER } from "../scripts/fixtures";
import { analyseWorkbook } from "../src/core/analyse";
import { STATE_SHEET, companySnapshot, readState } from "../src/core/addinState";
import { clearPlan } from "../src/core/clearPlan";
import type { Plan } from "../src/core/plan";
import { annotatePlan } from "../src/core/report";
import { ADDIN_HIGHLIGHT_ARGB } from "../src/core/restore";
import { insertTemplate } from "../src/pane/session";
import { runCli } from "../src/cli/main";
import { nodeDeflate } from "../src/xlsx/nodeDeflate";
import { nodeInflate } from "../src/xlsx/nodeInflate";
import { loadExcelJs, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { applyPlanToPackage } from "../src/xlsx/writePackage";

type Parts = Map<string, Buffer>;

async function parts(bytes: Buffer): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Parts = new Map();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async("nodebuffer"));
  return out;
}

const text = (p: Parts, name: string) => p.get(name)!.toString("utf8");

async function apply(bytes: Buffer, plan: (wb: ExcelJS.Workbook) => Plan): Promise<Buffer> {
  const wb = await loadExcelJs(bytes, "company.xlsx", nodeInflate);
  const out = await applyPlanToPackage(bytes, wb, plan(wb), { inflate: nodeInflate, deflate: nodeDeflate });
  return Buffer.from(out.bytes);
}

const annotate = (bytes: Buffer) =>
  apply(bytes, (wb) => {
    const s = snapshotFromWorkbook(wb, "company.xlsx");
    return annotatePlan(s, analyseWorkbook(companySnapshot(s)), "ja").plan;
  });
const clear = (bytes: Buffer) => apply(bytes, (wb) => clearPlan(snapshotFromWorkbook(wb, "company.xlsx")).plan);

/** Sheet name → part, from the workbook part and its relationships. */
function sheetParts(p: Parts): Map<string, string> {
  const book = text(p, "xl/workbook.xml");
  const rels = text(p, "xl/_rels/workbook.xml.rels");
  const out = new Map<string, string>();
  for (const m of book.matchAll(/<sheet [^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])![1];
    const id = /r:id="([^"]*)"/.exec(m[0])![1];
    const target = /Target="([^"]*)"/.exec(new RegExp(`<Relationship [^>]*Id="${id}"[^>]*>`).exec(rels)![0])![1];
    out.set(name, `xl/${target.replace(/^\/?xl\//, "")}`);
  }
  return out;
}

/** A worksheet with every `s` attribute of its cells, and the empty cells and rows the writer may add, taken out. */
function withoutStyles(xml: string): string {
  return xml
    .replace(/(<c\b[^>]*?)\ss="\d+"/g, "$1")
    .replace(/<c r="[A-Z]+\d+"\/>/g, "")
    .replace(/<row r="\d+"><\/row>/g, "");
}

/** The names of <worksheet>'s children in order; each must come later in CT_Worksheet's sequence than the one before. */
function childOrderProblems(xml: string): string[] {
  const root = /<worksheet\b[^>]*>/.exec(xml)!;
  const body = xml.slice(root.index + root[0].length, xml.lastIndexOf("</worksheet>"));
  const names: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) names.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  const problems: string[] = [];
  let last = -1;
  for (const n of names) {
    const i = WORKSHEET_CHILD_ORDER.indexOf(n);
    if (i < 0) problems.push(`unknown child <${n}>`);
    else if (i <= last) problems.push(`<${n}> after <${WORKSHEET_CHILD_ORDER[last]}>`);
    last = Math.max(last, i);
  }
  return problems;
}

// xmllint (libxml2-utils) checks well-formedness; CI installs it, elsewhere that one check is
// left out when it is missing (as the README says of the other tools).
const XMLLINT = spawnSync("xmllint", ["--version"], { stdio: "ignore" }).status === 0;
if (process.env.CI && !XMLLINT) throw new Error("CI must have xmllint (libxml2-utils) for the package writer's checks");

function wellFormed(xml: string): void {
  if (!XMLLINT) return;
  const r = spawnSync("xmllint", ["--noout", "-"], { input: xml, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}

/** The shared parts the writer edits (listing our sheets, our formats); every other part must come through as stored. */
const SHARED = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"];

describe.each(PACKAGE_PART_FIXTURES.map((f) => [f.id, f] as const))("%s", (_id, fixture) => {
  let original: Buffer;
  let annotated: Buffer;
  let before: Parts;
  let after: Parts;
  beforeAll(async () => {
    original = await fixture.build();
    annotated = await annotate(original);
    before = await parts(original);
    after = await parts(annotated);
  });

  test("annotate carries every part over: byte for byte, but the coloured sheets (only `s` changed) and the parts that list our sheets", () => {
    const beforeSheets = sheetParts(before);
    const coloured = new Set<string>();
    for (const [name, bytes] of before) {
      expect(after.has(name)).toBe(true);
      if (SHARED.includes(name) || bytes.equals(after.get(name)!)) continue;
      // Only a company sheet may differ, and only by its cells' style indices.
      expect([...beforeSheets.values()]).toContain(name);
      expect(withoutStyles(text(after, name))).toBe(withoutStyles(bytes.toString("utf8")));
      coloured.add(name);
    }
    // The two sites' answers and the checksheet's 無 are coloured; the sales sheet, with its OLE object and array formula, is untouched.
    expect([...coloured].sort()).toEqual(["本社", "工場", "規程チェックシート"].map((n) => beforeSheets.get(n)!).sort());
  });

  test("Excel's forms survive annotate: still there and still referenced", () => {
    const sheets = sheetParts(after);
    const main = text(after, sheets.get("本社")!);
    expect(main).toMatch(/<drawing r:id="rIdPkgDr1"\/>/);
    expect(main).toContain("x14:sparklineGroups");
    expect(main).toContain("x14:dataValidations");
    expect(main).toContain("x14:conditionalFormattings");
    expect(main).toContain('r:id="rIdPkgPs1"');
    expect(text(after, "xl/worksheets/_rels/sheet1.xml.rels")).toContain("../drawings/drawing1.xml");
    expect(text(after, "xl/drawings/drawing1.xml")).toContain("記入の注意");
    const sales = text(after, sheets.get("売上")!);
    expect(sales).toContain('<c r="Z1" cm="1"><f t="array" ref="Z1:Z3">');
    expect(sales).toContain('<oleObject progId="Package" shapeId="1025" r:id="rIdPkgOle1"/>');
    const rootRels = text(after, "_rels/.rels");
    expect(rootRels).toContain("docProps/custom.xml");
    expect(rootRels).toContain("xl/webextensions/taskpanes.xml");
    expect(text(after, "docProps/custom.xml")).toContain("MSIP_Label_");
    const bookRels = text(after, "xl/_rels/workbook.xml.rels");
    for (const target of ["metadata.xml", "externalLinks/externalLink1.xml", "../customXml/item1.xml"]) expect(bookRels).toContain(`Target="${target}"`);
    expect(text(after, "xl/workbook.xml")).toContain('<externalReferences><externalReference r:id="rIdPkgExt1"/></externalReferences>');
    const types = text(after, "[Content_Types].xml");
    for (const part of ["/xl/webextensions/webextension1.xml", "/xl/metadata.xml", "/docProps/custom.xml", "/xl/embeddings/oleObject1.bin"])
      expect(types).toContain(`PartName="${part}"`);
    if (fixture.ext === "xlsm") {
      expect(types).toContain('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>');
      expect(after.get("xl/vbaProject.bin")!.equals(before.get("xl/vbaProject.bin")!)).toBe(true);
      expect(bookRels).toContain('Target="vbaProject.bin"');
    } else {
      expect(types).not.toContain("macroEnabled");
    }
  });

  test("our sheets are new parts in ECMA-376's order, listed where they belong; the coloured cells carry our colours", async () => {
    const sheets = sheetParts(after);
    const ours = [...sheets.keys()].filter((n) => !sheetParts(before).has(n));
    expect(ours).toEqual(["経営者向けまとめ", "自社診断結果のまとめ", "重点改善領域", "情報セキュリティ対策実行計画", "規程整備状況一覧", STATE_SHEET]);
    for (const name of [...ours, "本社", "工場"]) {
      const xml = text(after, sheets.get(name)!);
      wellFormed(xml);
      expect(childOrderProblems(xml)).toEqual([]);
      // Our strings are inline: the company's shared strings part is not touched.
      if (name !== "本社" && name !== "工場") expect(xml).not.toMatch(/t="s"/);
    }
    for (const name of SHARED) wellFormed(text(after, name));
    expect(after.get("xl/sharedStrings.xml")!.equals(before.get("xl/sharedStrings.xml")!)).toBe(true);
    // Print titles of our sheets point at them; the workbook still opens on the sheet it did.
    const book = text(after, "xl/workbook.xml");
    expect(book).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;自社診断結果のまとめ&apos;!$1:$1</definedName>`);
    expect(book).toContain(`name="${STATE_SHEET}" sheetId="12" state="veryHidden"`);
    // The company's own sheet-local name follows its sheet, five places on (our five sheets come first).
    expect(text(before, "xl/workbook.xml")).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="4">&apos;基本方針チェック&apos;`);
    expect(book).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="9">&apos;基本方針チェック&apos;`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated as unknown as ExcelJS.Buffer);
    const state = readState(snapshotFromWorkbook(wb, "x"))!;
    expect(state.highlights.length).toBeGreaterThan(50);
    for (const h of state.highlights) {
      const fill = wb.getWorksheet(h.sheet)!.getCell(h.cell).fill as { fgColor?: { argb?: string } };
      expect(ADDIN_HIGHLIGHT_ARGB).toContain(fill.fgColor?.argb);
    }
  });

  test("clear gives back every part exactly; annotating twice writes what annotating once does", async () => {
    const cleared = await parts(await clear(annotated));
    expect([...cleared.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect([name, cleared.get(name)!.equals(bytes)]).toEqual([name, true]);
    const twice = await parts(await annotate(annotated));
    expect([...twice.keys()].sort()).toEqual([...after.keys()].sort());
    for (const [name, bytes] of after) expect([name, twice.get(name)!.equals(bytes)]).toEqual([name, true]);
  });
});

describe("the command line and a macro-enabled workbook", () => {
  const run = async (...args: string[]) => {
    let stderr = "";
    const code = await runCli(args, { stdout: () => undefined, stderr: (s) => void (stderr += s) });
    return { code, stderr };
  };
  test("an .xlsm is annotated into an .xlsm; an .xlsx name for it is refused, saying why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shindan-xlsm-"));
    try {
      const input = join(dir, "book.xlsm");
      writeFileSync(input, await PACKAGE_PART_FIXTURES.find((f) => f.ext === "xlsm")!.build());
      const refused = await run("annotate", input, "-o", join(dir, "out.xlsx"), "--lang", "en");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("the input is a macro-enabled workbook (.xlsm), so give -o a name ending in .xlsm");
      expect((await run("annotate", input, "-o", join(dir, "out.xlsm"))).code).toBe(0);
      expect((await run("clear", join(dir, "out.xlsm"), "-o", join(dir, "back.xlsm"))).code).toBe(0);
      const back = await parts(readFileSync(join(dir, "back.xlsm")));
      const orig = await parts(readFileSync(input));
      for (const [name, bytes] of orig) expect([name, back.get(name)?.equals(bytes)]).toEqual([name, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const soffice = ["soffice", "libreoffice"].find((cmd) => spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0);
if (process.env.CI && !soffice) throw new Error("CI must have LibreOffice (soffice) to open the written workbooks");
(soffice ? describe : describe.skip)("LibreOffice", () => {
  test("opens the annotated workbooks: our sheets with their text, the company's sheets with our colours", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shindan-pkg-lo-"));
    try {
      mkdirSync(join(dir, "in"));
      for (const f of PACKAGE_PART_FIXTURES) {
        const input = join(dir, "in", `annotated.${f.ext}`);
        writeFileSync(input, await annotate(await f.build()));
        const profile = `-env:UserInstallation=file://${join(dir, "profile")}`;
        execFileSync(soffice!, [profile, "--headless", "--convert-to", "xlsx", "--outdir", join(dir, f.ext), input], { stdio: "ignore", timeout: 120000 });
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(readFileSync(join(dir, f.ext, "annotated.xlsx")) as unknown as ExcelJS.Buffer);
        expect(wb.worksheets.map((ws) => ws.name).slice(0, 6)).toEqual([
          "経営者向けまとめ",
          "自社診断結果のまとめ",
          "重点改善領域",
          "情報セキュリティ対策実行計画",
          "規程整備状況一覧",
          "本社",
        ]);
        expect(String(wb.getWorksheet("自社診断結果のまとめ")!.getCell("A1").text)).toContain("自社診断結果のまとめ");
        const state = readState(snapshotFromWorkbook(wb, "x"))!;
        const h = state.highlights[0];
        expect((wb.getWorksheet(h.sheet)!.getCell(h.cell).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(h.applied);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  test("a workbook LibreOffice saved (its own styles, strings and parts): annotate then clear gives back every part exactly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shindan-pkg-lo-saved-"));
    try {
      const input = join(dir, "company.xlsx");
      writeFileSync(input, await PACKAGE_PART_FIXTURES[0].build());
      const profile = `-env:UserInstallation=file://${join(dir, "profile")}`;
      execFileSync(soffice!, [profile, "--headless", "--convert-to", "xlsx", "--outdir", join(dir, "lo"), input], { stdio: "ignore", timeout: 120000 });
      const saved = readFileSync(join(dir, "lo", "company.xlsx"));
      const annotated = await annotate(saved);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(annotated as unknown as ExcelJS.Buffer);
      expect(readState(snapshotFromWorkbook(wb, "x"))!.highlights.length).toBeGreaterThan(50);
      const before = await parts(saved);
      const back = await parts(await clear(annotated));
      expect([...back.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [name, bytes] of before) expect([name, back.get(name)!.equals(bytes)]).toEqual([name, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("cells and rows the writer adds, and the calculation chain", () => {
  const SALES = "売上";
  let original: Buffer;
  beforeAll(async () => {
    original = await PACKAGE_PART_FIXTURES[0].build();
  });

  test("a colour on a cell without an element (in a row with one, and in a row without): added, recorded, removed by clear", async () => {
    const plan = (): Plan => ({
      sheets: [],
      highlights: [
        { sheet: SALES, range: { top: 0, left: 30, bottom: 0, right: 30 }, fill: "#FFFF00" }, // AE1: row 1 exists, the cell does not
        { sheet: SALES, range: { top: 199, left: 2, bottom: 200, right: 2 }, fill: "#FFFF00" }, // C200:C201: no such rows
      ],
      state: { write: { version: 2, sheets: [], highlights: [], ratingDefaults: {} } },
    });
    const annotated = await apply(original, plan);
    const after = await parts(annotated);
    const sales = text(after, sheetParts(after).get(SALES)!);
    expect(sales).toMatch(/<c r="AE1" s="\d+"\/><\/row>/);
    expect(sales).toMatch(/<row r="200"><c r="C200" s="\d+"\/><\/row><row r="201"><c r="C201" s="\d+"\/><\/row><\/sheetData>/);
    expect(childOrderProblems(sales)).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated as unknown as ExcelJS.Buffer);
    const state = readState(snapshotFromWorkbook(wb, "x"))!;
    expect(state.highlights.map((h) => [h.cell, h.xlsx])).toEqual([
      ["AE1", { s: null, created: "cell" }],
      ["C200", { s: null, created: "row" }],
      ["C201", { s: null, created: "row" }],
    ]);
    const cleared = await parts(await clear(annotated));
    const before = await parts(original);
    for (const [name, bytes] of before) expect([name, cleared.get(name)!.equals(bytes)]).toEqual([name, true]);
  });

  test("clear drops our sheets' entries from the calculation chain (and the chain when only ours were in it)", async () => {
    const annotated = await annotate(original);
    const zip = await JSZip.loadAsync(annotated);
    const book = await zip.file("xl/workbook.xml")!.async("string");
    const idOf = (name: string) =>
      new RegExp(`<sheet name="${name}" sheetId="(\\d+)"`).exec(book)?.[1] ?? new RegExp(`<sheet sheetId="(\\d+)" name="${name}"`).exec(book)![1];
    const summary = idOf("自社診断結果のまとめ");
    const company = idOf(SALES);
    // As Excel leaves it after computing our formulas and one of the company's.
    const chain = (entries: string) =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${entries}</calcChain>`;
    const withChain = async (entries: string) => {
      zip.file("xl/calcChain.xml", chain(entries));
      const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
      if (!rels.includes("calcChain"))
        zip.file(
          "xl/_rels/workbook.xml.rels",
          rels.replace(
            "</Relationships>",
            `<Relationship Id="rIdChain" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>`,
          ),
        );
      const types = await zip.file("[Content_Types].xml")!.async("string");
      if (!types.includes("calcChain"))
        zip.file(
          "[Content_Types].xml",
          types.replace(
            "</Types>",
            `<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>`,
          ),
        );
      return zip.generateAsync({ type: "nodebuffer" });
    };
    const mixed = await parts(await clear(await withChain(`<c r="B5" i="${summary}"/><c r="B6"/><c r="Z1" i="${company}"/>`)));
    expect(text(mixed, "xl/calcChain.xml")).toBe(chain(`<c r="Z1" i="${company}"/>`));
    const onlyOurs = await parts(await clear(await withChain(`<c r="B5" i="${summary}"/><c r="B6"/>`)));
    expect(onlyOurs.has("xl/calcChain.xml")).toBe(false);
    expect(text(onlyOurs, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(text(onlyOurs, "[Content_Types].xml")).not.toContain("calcChain");
  });
});

describe("the template inserted into a company's workbook (the preview's insert)", () => {
  test("adds the template's sheets after the company's, asks Excel to compute their formulas, and carries every other part over", async () => {
    const original = await PACKAGE_PART_FIXTURES[0].build();
    const before = await parts(original);
    const inserted = await apply(original, (wb) => insertTemplate(snapshotFromWorkbook(wb, "company.xlsx"), "en").plan!);
    const after = await parts(inserted);
    for (const [name, bytes] of before) if (!SHARED.includes(name)) expect([name, after.get(name)!.equals(bytes)]).toEqual([name, true]);
    const names = [...sheetParts(after).keys()];
    expect(names.slice(0, sheetParts(before).size)).toEqual([...sheetParts(before).keys()]);
    expect(names.length).toBeGreaterThan(sheetParts(before).size);
    expect(text(after, "xl/workbook.xml")).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    for (const name of names.slice(sheetParts(before).size)) {
      const xml = text(after, sheetParts(after).get(name)!);
      wellFormed(xml);
      expect(childOrderProblems(xml)).toEqual([]);
    }
    // (English: the demo's sheets already have the Japanese template's names.)
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(inserted as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(names);
  });
});
