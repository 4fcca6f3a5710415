import { execFileSync, spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import * as CFB from "cfb";
import ExcelJS from "exceljs";
import { renderMessage } from "../src/core/messages";
import { a1, parseA1 } from "../src/core/address";
import { ANSWERS, BANDS, ITEMS, PARTS, bandFor } from "../src/core/catalog/diagnosis";
import { checkPlan, type Plan } from "../src/core/plan";
import { diagnosisTemplateLayout, diagnosisTemplatePlan } from "../src/core/template/diagnosisTemplate";
import { applyPlan } from "../src/xlsx/applyPlan";
import { evaluateCell, type Value } from "./helpers/miniFormula";
import { analyseWorkbook } from "../src/core/analyse";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import ja from "../src/i18n/ja.json";
import en from "../src/i18n/en.json";

async function templateBook(lang: "ja" | "en" = "ja"): Promise<{ wb: ExcelJS.Workbook; buf: Buffer }> {
  const wb = new ExcelJS.Workbook();
  applyPlan(wb, diagnosisTemplatePlan(lang));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return { wb: back, buf };
}

/** Formula text of a cell, without "=". */
function formulaOf(ws: ExcelJS.Worksheet, address: string): string {
  const f = ws.getCell(address).formula;
  if (!f) throw new Error(`${address} has no formula`);
  return f;
}

/** Every cell address covered by "C9:C13" or "C9". */
function expand(ref: string): string[] {
  const [a, b = a] = ref.replace(/\$/g, "").split(":");
  const p = parseA1(a);
  const q = parseA1(b);
  const out: string[] = [];
  for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push(a1(r, c));
  return out;
}

describe("diagnosis template (ja)", () => {
  let ws: ExcelJS.Worksheet;
  let wb: ExcelJS.Workbook;
  let buf: Buffer;
  /** Row (1-based) of each item, found from the No column, not from the layout. */
  const itemRow = new Map<number, number>();
  const L = diagnosisTemplateLayout("ja");
  const col = (c: number) => a1(0, c).replace("1", "");

  beforeAll(async () => {
    ({ wb, buf } = await templateBook("ja"));
    ws = wb.getWorksheet("自社診断")!;
    ws.eachRow((row, r) => {
      const v = row.getCell(1).value;
      if (typeof v === "number") itemRow.set(v, r);
    });
  });

  test("has one sheet named 自社診断 with the 25 questions, numbers in their own column", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["自社診断"]);
    expect([...itemRow.keys()]).toEqual(ITEMS.map((i) => i.no));
    for (const item of ITEMS) {
      const r = itemRow.get(item.no)!;
      const q = ws.getCell(r, 2).value;
      expect(q).toBe(item.question.ja);
      expect(String(q).startsWith(String(item.no))).toBe(false);
      expect(r - 1).toBe(L.itemRows[item.no - 1]);
    }
  });

  test("legend holds the four answers and their points", () => {
    const legend = ANSWERS.map((_, i) => [
      ws.getCell(L.legend.top + 1 + i, L.legend.left + 1).value,
      ws.getCell(L.legend.top + 1 + i, L.legend.right + 1).value,
    ]);
    expect(legend).toEqual(ANSWERS.map((a) => [a.label.ja, a.points]));
  });

  test("every answer cell has the dropdown from the legend, and nothing else has it", () => {
    const legendAnswers = `$${col(L.legend.left)}$${L.legend.top + 1}:$${col(L.legend.left)}$${L.legend.bottom + 1}`;
    const answerCells = new Set<string>();
    for (const item of ITEMS) {
      const address = `C${itemRow.get(item.no)}`;
      answerCells.add(address);
      const dv = ws.getCell(address).dataValidation;
      expect(dv).toMatchObject({ type: "list", allowBlank: true, formulae: [legendAnswers], showErrorMessage: true });
      expect(dv.prompt).toBe(ja["template.validation.prompt"]);
      expect(dv.error).toBe(ja["template.validation.error"]);
    }
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(new Set(Object.keys(model).filter((k) => model[k]))).toEqual(answerCells);
    // The list really names the four answers.
    expect(expand(legendAnswers).map((a) => ws.getCell(a).value)).toEqual(ANSWERS.map((a) => a.label.ja));
  });

  test("each points formula looks up its own item's answer in the legend", () => {
    const legendTable = `$C$${L.legend.top + 1}:$D$${L.legend.bottom + 1}`;
    for (const item of ITEMS) {
      const r = itemRow.get(item.no)!;
      expect(formulaOf(ws, `D${r}`)).toBe(`IF(C${r}="","",IFERROR(VLOOKUP(C${r},${legendTable},2,FALSE),""))`);
      expect(ws.getCell(`D${r}`).result).toBeUndefined();
    }
    const r7 = itemRow.get(7)!;
    expect(formulaOf(ws, `D${r7}`).match(/C\d+/g)).toEqual([`C${r7}`, `C${r7}`]);
  });

  test("part subtotals sum exactly their items' points cells, against the maxima", () => {
    PARTS.forEach((p, i) => {
      const cell = L.subtotals[i];
      const address = a1(cell.row, cell.col);
      const m = /^SUM\(([A-Z]+\d+:[A-Z]+\d+)\)$/.exec(formulaOf(ws, address));
      expect(m).not.toBeNull();
      const cells = expand(m![1]);
      const expected: string[] = [];
      for (let no = p.first; no <= p.last; no++) expected.push(`D${itemRow.get(no)}`);
      expect(cells).toEqual(expected);
      expect(ws.getCell(L.maxima[i].row + 1, L.maxima[i].col + 1).value).toBe(p.max);
      expect(String(ws.getCell(cell.row + 1, 2).value)).toContain(p.name.ja);
    });
    expect(expand(/^SUM\((.+)\)$/.exec(formulaOf(ws, a1(L.subtotals[1].row, L.subtotals[1].col)))![1])).toHaveLength(13);
  });

  test("total sums the subtotals; unanswered counts blanks over exactly the 25 answer cells", () => {
    const subtotalCells = L.subtotals.map((c) => a1(c.row, c.col));
    expect(expand(/^SUM\((.+)\)$/.exec(formulaOf(ws, a1(L.total.row, L.total.col)))![1])).toEqual(subtotalCells);
    const counted = [...formulaOf(ws, a1(L.unanswered.row, L.unanswered.col)).matchAll(/COUNTBLANK\(([^)]+)\)/g)].flatMap((m) => expand(m[1]));
    expect(counted).toEqual(ITEMS.map((i) => `C${itemRow.get(i.no)}`));
  });

  test("band formula uses the catalog's thresholds and labels", () => {
    const f = formulaOf(ws, a1(L.band.row, L.band.col));
    const total = a1(L.total.row, L.total.col);
    const thresholds = [...f.matchAll(new RegExp(`${total}>=(-?\\d+)`, "g"))].map((m) => Number(m[1]));
    expect(thresholds).toEqual(BANDS.slice(0, -1).map((b) => b.min));
    expect(thresholds).toEqual([100, 70, 50]);
    const labels = [...f.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]).filter((x) => x !== "");
    expect(labels).toEqual(BANDS.map((b) => b.label.ja));
  });

  test("sheet setup: frozen header, A4 portrait fit to width, repeated header, Japanese font", () => {
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: L.headerRow + 1 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe(`${L.headerRow + 1}:${L.headerRow + 1}`);
    expect(ws.getCell(`B${itemRow.get(1)}`).font.name).toBe("游ゴシック");
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(50);
    expect(ws.getCell(`B${itemRow.get(1)}`).alignment.wrapText).toBe(true);
    // ExcelJS writes calcPr but does not read it back: look at the part itself.
    const book = CFB.read(buf, { type: "buffer" });
    const part = book.FileIndex[book.FullPaths.findIndex((p) => p.endsWith("xl/workbook.xml"))];
    expect(Buffer.from(part.content as Uint8Array).toString("utf8")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    const header = ws.getRow(L.headerRow + 1).values as unknown[];
    expect(header.slice(1)).toEqual(["No", "診断項目", "回答", "点数", "メモ"]);
  });

  describe("computed with the formulas as written", () => {
    function fill(answers: Map<number, string>) {
      return (row: number, c: number): { value?: Value; formula?: string } => {
        const item = [...itemRow.entries()].find(([, r]) => r === row + 1);
        if (item && c === L.columns.answer) return { value: answers.get(item[0]) ?? null };
        const cell = ws.getCell(row + 1, c + 1);
        if (cell.formula) return { formula: cell.formula };
        if (cell.isMerged && cell.master !== cell) return { value: null };
        return { value: (cell.value as Value) ?? null };
      };
    }
    const at = (lookup: ReturnType<typeof fill>, p: { row: number; col: number }) => evaluateCell(lookup, p.row, p.col);
    const ids = ANSWERS.map((a) => a.label.ja);

    test("blank sheet: no band, asks for answers", () => {
      const lookup = fill(new Map());
      expect(at(lookup, L.total)).toBe(0);
      expect(at(lookup, L.unanswered)).toBe(25);
      expect(at(lookup, L.band)).toBe("");
      expect(at(lookup, L.provisional)).toBe(ja["template.summary.noAnswers"]);
    });

    test("all implemented: 100, full marks, not provisional", () => {
      const lookup = fill(new Map(ITEMS.map((i) => [i.no, ids[0]])));
      expect(L.subtotals.map((p) => at(lookup, p))).toEqual([20, 52, 28]);
      expect(at(lookup, L.total)).toBe(100);
      expect(at(lookup, L.unanswered)).toBe(0);
      expect(at(lookup, L.band)).toBe(BANDS[0].label.ja);
      expect(at(lookup, L.provisional)).toBe("");
    });

    test("mixed answers with two unanswered: matches the catalog's scoring", () => {
      const answers = new Map<number, string>();
      for (const item of ITEMS) if (item.no !== 4 && item.no !== 20) answers.set(item.no, ids[item.no % 4]);
      const expected = [...answers.values()].reduce((s, l) => s + ANSWERS.find((a) => a.label.ja === l)!.points, 0);
      const lookup = fill(answers);
      expect(at(lookup, L.total)).toBe(expected);
      expect(at(lookup, L.unanswered)).toBe(2);
      expect(at(lookup, L.band)).toBe(bandFor(expected).label.ja);
      expect(at(lookup, L.provisional)).toBe(ja["template.summary.provisional"].replace("{count}", "2"));
      const r = itemRow.get(3)!;
      expect(evaluateCell(lookup, r - 1, L.columns.points)).toBe(-1); // item 3 → わからない
    });

    test("a value outside the list gives no points instead of an error", () => {
      const lookup = fill(new Map([[1, "たぶん"]]));
      expect(evaluateCell(lookup, itemRow.get(1)! - 1, L.columns.points)).toBe("");
      expect(at(lookup, L.total)).toBe(0);
    });
  });
});

describe("the engine reads a filled template", () => {
  test.each(["ja", "en"] as const)("answers typed into the %s template are found in their cells and scored", async (lang) => {
    const L = diagnosisTemplateLayout(lang);
    const wb = new ExcelJS.Workbook();
    applyPlan(wb, diagnosisTemplatePlan(lang));
    const ws = wb.getWorksheet(L.sheetName)!;
    const chosen = new Map(ITEMS.filter((i) => i.no !== 4).map((i) => [i.no, ANSWERS[i.no % 4]]));
    for (const [no, a] of chosen) ws.getCell(L.itemRows[no - 1] + 1, L.columns.answer + 1).value = a.label[lang];
    const analysis = analyseWorkbook(await readWorkbookBuffer(Buffer.from(await wb.xlsx.writeBuffer()), "filled.xlsx"));
    expect(analysis.diagnoses).toHaveLength(1);
    const d = analysis.diagnoses[0];
    expect(d.sheet).toBe(L.sheetName);
    // Neither a part header nor the legend is taken for a respondent's name.
    expect(d.respondent === null || d.respondent === L.sheetName).toBe(true);
    expect(d.answers.map((x) => x.answer)).toEqual(ITEMS.map((i) => chosen.get(i.no)?.id ?? null));
    expect(d.answers.map((x) => x.cell)).toEqual(ITEMS.map((i) => a1(L.itemRows[i.no - 1], L.columns.answer)));
    expect(d.total).toBe([...chosen.values()].reduce((s, a) => s + a.points, 0));
  });
});

describe("diagnosis template (en)", () => {
  test("English wording and sheet name, same structure", async () => {
    const { wb } = await templateBook("en");
    const ws = wb.getWorksheet("Self-diagnosis")!;
    const L = diagnosisTemplateLayout("en");
    expect(ws.getCell(L.itemRows[0] + 1, 2).value).toBe(ITEMS[0].question.en);
    expect(ws.getCell(L.itemRows[24] + 1, 1).value).toBe(25);
    expect(ws.getCell(L.legend.top + 1, L.legend.left + 1).value).toBe(ANSWERS[0].label.en);
    expect(formulaOf(ws, a1(L.band.row, L.band.col))).toContain(`"${BANDS[3].label.en}"`);
    expect(ws.getCell(L.itemRows[0] + 1, 3).dataValidation.prompt).toBe(en["template.validation.prompt"]);
  });

  test("resource files carry the same template keys", () => {
    const keys = (o: object) =>
      Object.keys(o)
        .filter((k) => k.startsWith("template.") && !k.includes("#"))
        .sort();
    expect(keys(ja)).toEqual(keys(en));
    expect(keys(ja).length).toBeGreaterThan(10);
  });
});

describe("applyPlan", () => {
  const plan = (name: string, action: "create" | "replace", value: string): Plan => ({
    sheets: [{ name, action, cells: [{ top: 1, left: 1, rows: [[{ value }, { formula: "=1+1", style: { fill: "#FF0000", bold: true } }]] }] }],
  });

  test("create refuses an existing sheet and leaves the workbook untouched", () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Other");
    wb.addWorksheet("自社診断").getCell("A1").value = "keep";
    expect(() => applyPlan(wb, { sheets: [plan("New", "create", "x").sheets[0], plan("自社診断", "create", "x").sheets[0]] })).toThrow(
      /already has a company sheet "自社診断"/,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Other", "自社診断"]);
    expect(wb.getWorksheet("自社診断")!.getCell("A1").value).toBe("keep");
  });

  test("replace swaps the sheet in place, keeping its position", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("First");
    wb.addWorksheet("Target").getCell("A1").value = "old";
    wb.addWorksheet("Last");
    applyPlan(wb, plan("Target", "replace", "new"));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(back.worksheets.map((w) => w.name)).toEqual(["First", "Target", "Last"]);
    const ws = back.getWorksheet("Target")!;
    expect(ws.getCell("A1").value).toBeNull();
    expect(ws.getCell("B2").value).toBe("new");
    expect(ws.getCell("C2").formula).toBe("1+1");
    expect(ws.getCell("C2").result).toBeUndefined();
    expect(ws.getCell("C2").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } });
  });

  test("replace of a missing sheet creates it", () => {
    const wb = new ExcelJS.Workbook();
    applyPlan(wb, plan("Fresh", "replace", "v"));
    expect(wb.getWorksheet("Fresh")!.getCell("B2").value).toBe("v");
  });

  test("checkPlan reports bad names, overlapping merges, bad colours and long inline lists", () => {
    const problems = checkPlan({
      sheets: [
        {
          name: "a/b",
          action: "create",
          cells: [{ top: 0, left: 0, rows: [[{ value: 1, formula: "2" }, { style: { fill: "red" } }]] }],
          merges: [
            { top: 0, left: 0, bottom: 1, right: 1 },
            { top: 1, left: 1, bottom: 2, right: 2 },
          ],
          validations: [{ range: { top: 0, left: 0, bottom: 0, right: 0 }, list: ["a,b"] }],
        },
        { name: "A/B", action: "create", cells: [] },
        { name: "x".repeat(32), action: "create", cells: [] },
      ],
    });
    // Each a sentence in the user's language (here English); what only a bug makes is one "internal" one.
    const text = problems.map((p) => renderMessage(p, "en")).join("\n");
    expect(text).toMatch(/Excel does not allow the sheet name "a\/b" \(no \* \? : \/ \\ \[ \]\)/);
    expect(text).toMatch(/both a value and a formula/);
    expect(text).toMatch(/"red" is not a colour/);
    expect(text).toMatch(/merges 0 and 1 overlap/);
    expect(text).toMatch(/contains a comma/);
    expect(text).toMatch(/appears twice/);
    expect(text).toMatch(/\(it must have 1 to 31 characters\)/);
    expect(problems.filter((p) => p.code === "plan-internal")).toHaveLength(1);
    expect(checkPlan(diagnosisTemplatePlan("ja"))).toEqual([]);
    expect(checkPlan(diagnosisTemplatePlan("en"))).toEqual([]);
  });

  test("inline lists, prompts, tab colour and header/footer", async () => {
    const wb = new ExcelJS.Workbook();
    applyPlan(wb, {
      sheets: [
        {
          name: "S",
          action: "create",
          cells: [],
          validations: [{ range: { top: 0, left: 0, bottom: 2, right: 0 }, list: ["はい", "いいえ"], prompt: "選択" }],
          tabColor: "#00FF00",
          print: { orientation: "landscape", paper: "Letter", header: "&LH", footer: "&RF" },
          freezeRows: 2,
        },
      ],
    });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(await wb.xlsx.writeBuffer()) as unknown as ExcelJS.Buffer);
    const ws = back.getWorksheet("S")!;
    expect(ws.getCell("A3").dataValidation).toMatchObject({ type: "list", formulae: ['"はい,いいえ"'], prompt: "選択", showInputMessage: true });
    expect(ws.getCell("A4").dataValidation).toBeUndefined();
    expect(ws.properties.tabColor).toEqual({ argb: "FF00FF00" });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 1 });
    expect(ws.headerFooter).toMatchObject({ oddHeader: "&LH", oddFooter: "&RF" });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  });
});

// Recalculation by a real spreadsheet application. CI installs LibreOffice (.ci/run) and must
// run this; on a developer machine without it the check is skipped.
const soffice = ["soffice", "libreoffice"].find((cmd) => spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0);
if (process.env.CI && !soffice) throw new Error("CI must have LibreOffice (soffice) for the recalculation check");
(soffice ? describe : describe.skip)("template recalculated by LibreOffice", () => {
  test("filled answers give the expected total", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shindan-tpl-"));
    try {
      const L = diagnosisTemplateLayout("ja");
      const wb = new ExcelJS.Workbook();
      applyPlan(wb, diagnosisTemplatePlan("ja"));
      const ws = wb.getWorksheet(L.sheetName)!;
      for (const item of ITEMS) if (item.no <= 20) ws.getCell(L.itemRows[item.no - 1] + 1, L.columns.answer + 1).value = ANSWERS[item.no % 2].label.ja;
      const input = path.join(dir, "in", "template.xlsx");
      await fs.mkdir(path.dirname(input));
      await fs.writeFile(input, Buffer.from(await wb.xlsx.writeBuffer()));
      execFileSync(soffice!, ["--headless", "--convert-to", "xlsx", "--outdir", dir, input], { stdio: "ignore", timeout: 120000 });
      const back = new ExcelJS.Workbook();
      await back.xlsx.readFile(path.join(dir, "template.xlsx"));
      const out = back.getWorksheet(L.sheetName)!;
      const expected = ITEMS.filter((i) => i.no <= 20).reduce((s, i) => s + ANSWERS[i.no % 2].points, 0);
      expect(out.getCell(L.total.row + 1, L.total.col + 1).result).toBe(expected);
      expect(out.getCell(L.unanswered.row + 1, L.unanswered.col + 1).result).toBe(5);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
