/**
 * What the xlsx host writes back comes back as it was read: texts XML cannot carry as they are
 * (ExcelJS alone drops control characters and turns a literal "_x0041_" into "A"), and formulas
 * whose saved value is empty text (ExcelJS alone loads them without a value and saves them so).
 */
import ExcelJS from "exceljs";
import { ooxmlText, workbookBytes } from "../src/xlsx/ooxmlText";
import { loadExcelJs, readWorkbookBuffer } from "../src/xlsx/readSnapshot";

const TEXTS = [
  "田中\u001b[2J",
  "\u0000\u0007\u0008\u000b\u000c\u007f",
  "行1\r\n行2\r行3\n行4\t列",
  "_x0041_ は文字のまま",
  "_x005F_x0041_",
  "x_X001b_y",
  "\ud83d\ude00 と \ud800 ひとつだけの半分 \udc00",
  "\ufffe\uffff",
  "普通の文",
];

async function roundTrip(write: (wb: ExcelJS.Workbook) => Promise<Uint8Array>): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("本社");
  TEXTS.forEach((s, i) => (ws.getCell(i + 1, 1).value = s));
  ws.getCell(1, 2).value = { richText: [{ text: "実施\u0007" }, { text: "_x0030_", font: { bold: true } }] };
  ws.getCell(2, 2).value = { formula: '"a"&CHAR(7)', result: "a\u0007" } as ExcelJS.CellFormulaValue;
  ws.getCell(3, 2).value = { text: "リンク\u001b", hyperlink: "https://example.invalid/" };
  const snap = await readWorkbookBuffer(await write(wb), "t.xlsx");
  return snap.sheets[0].values.flat();
}

test("every text comes back from workbookBytes as it was", async () => {
  const values = await roundTrip(workbookBytes);
  expect(values).toEqual([
    TEXTS[0],
    "実施\u0007_x0030_",
    TEXTS[1],
    "a", // a formula's cached result: Excel computes it again (not encoded, see ooxmlText.ts)
    TEXTS[2],
    "リンク\u001b",
    ...TEXTS.slice(3),
  ]);
});

test("ExcelJS alone does not give them back (why workbookBytes exists)", async () => {
  const plain = async (wb: ExcelJS.Workbook) => new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  // With a lone surrogate or U+FFFE in a cell, the package it writes cannot even be read.
  await expect(roundTrip(plain)).rejects.toThrow(/disallowed character/);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("本社").getCell("A1").value = TEXTS[0];
  wb.getWorksheet("本社")!.getCell("A2").value = TEXTS[3];
  const snap = await readWorkbookBuffer(await plain(wb), "t.xlsx");
  expect(snap.sheets[0].values.flat()).toEqual(["田中[2J", "A は文字のまま"]);
});

test("ooxmlText leaves ordinary text alone and encodes only what must be", () => {
  expect(ooxmlText("普通の文 _x12_ x_0041_")).toBe("普通の文 _x12_ x_0041_");
  expect(ooxmlText("a\u001bb")).toBe("a_x001B_b");
  expect(ooxmlText("_x0041_")).toBe("_x005F_x0041_");
  expect(ooxmlText("\ud83d\ude00")).toBe("\ud83d\ude00");
  expect(ooxmlText("\ud800")).toBe("_xD800_");
  expect(ooxmlText("a\rb")).toBe("a_x000D_b");
  expect(ooxmlText("a\u007f\u0085b")).toBe("a_x007F__x0085_b");
});

test("a formula saved with an empty value keeps it through a rewrite; one saved without stays without", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("自社診断");
  ws.getCell("A1").value = "実施している";
  ws.getCell("B1").value = { formula: 'IF(A2="","",4)', result: "" } as ExcelJS.CellFormulaValue;
  ws.getCell("B2").value = { formula: "A1&A1" } as ExcelJS.CellFormulaValue;
  const saved = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const first = await readWorkbookBuffer(saved, "t.xlsx");
  expect(first.sheets[0].values).toEqual([["実施している"], [null, { formula: "A1&A1" }]]);
  const rewritten = await workbookBytes(await loadExcelJs(saved, "t.xlsx"));
  expect((await readWorkbookBuffer(rewritten, "t.xlsx")).sheets).toEqual(first.sheets);
});
