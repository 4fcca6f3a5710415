import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import * as CFB from "cfb";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookReadError, loadExcelJs, readWorkbookBuffer, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";
import { readWorkbookFile } from "../src/xlsx/readFile";
import { webInflate } from "../src/xlsx/inflate";
import { nodeInflate } from "../src/xlsx/nodeInflate";
import { partText, sheetParts } from "../src/xlsx/packageParts";
import { zipEntries, type ZipEntry } from "../src/xlsx/zipPackage";
import { cellAt, type SheetSnapshot } from "../src/core/snapshot";
import { FILE_MESSAGE_CODES, renderMessage } from "../src/core/messages";
import { csvBytes, encryptedXlsxBytes, notXlsxZipBytes, oldXlsBytes } from "./helpers/badFiles";

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The text of one part of an xlsx. */
async function zipPart(xlsx: Buffer, part: string): Promise<string> {
  const src = CFB.read(xlsx, { type: "buffer" });
  const i = src.FullPaths.findIndex((full) => full.replace(/^Root Entry\//, "") === part);
  return Buffer.from(src.FileIndex[i].content as Uint8Array).toString("utf8");
}

/** Rewrites one part of an xlsx, to produce markup ExcelJS itself never writes. */
function patchZipPart(xlsx: Buffer, part: string, edit: (xml: string) => string): Buffer {
  const src = CFB.read(xlsx, { type: "buffer" });
  const out = CFB.utils.cfb_new();
  src.FullPaths.forEach((full, i) => {
    const entry = src.FileIndex[i];
    if (entry.type !== 2 || !entry.content || full.includes("\x01")) return; // streams only
    const name = full.replace(/^Root Entry\//, "");
    let content = Buffer.from(entry.content as Uint8Array);
    if (name === part) content = Buffer.from(edit(content.toString("utf8")), "utf8");
    CFB.utils.cfb_add(out, name, content);
  });
  return Buffer.from(CFB.write(out, { type: "buffer", fileType: "zip" }) as Uint8Array);
}

async function roundTrip(wb: ExcelJS.Workbook, name = "book.xlsx") {
  return readWorkbookBuffer(await toBuffer(wb), name);
}

function sheet(snap: { sheets: SheetSnapshot[] }, name: string): SheetSnapshot {
  const s = snap.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe("snapshot values", () => {
  let main: SheetSnapshot;
  let snapAll: Awaited<ReturnType<typeof roundTrip>>;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Main");
    ws.getCell("A1").value = "text";
    ws.getCell("B1").value = 42;
    ws.getCell("C1").value = true;
    ws.getCell("D1").value = false;
    ws.getCell("E1").value = new Date(Date.UTC(2024, 0, 15));
    ws.getCell("F1").value = new Date(Date.UTC(2024, 0, 15, 12, 0, 0));
    ws.getCell("G1").value = new Date(Date.UTC(1900, 2, 1)); // after the phantom 1900-02-29
    ws.getCell("A2").value = { richText: [{ text: "rich " }, { font: { bold: true }, text: "text" }] };
    ws.getCell("B2").value = { text: "IPA", hyperlink: "https://www.ipa.go.jp/" };
    ws.getCell("C2").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("D2").value = "";
    ws.getCell("E2").value = -1.5;
    ws.getCell("A3").value = { formula: "B1*2", result: 84 } as ExcelJS.CellFormulaValue;
    ws.getCell("B3").value = { formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellFormulaValue;
    ws.getCell("C3").value = { formula: 'A1&"!"', result: "text!" } as ExcelJS.CellFormulaValue;
    ws.getCell("D3").value = { formula: "B1+1" } as ExcelJS.CellFormulaValue; // no cached result
    ws.getCell("E3").value = { formula: "C1", result: true } as ExcelJS.CellFormulaValue;
    const dateFormula = ws.getCell("F3");
    dateFormula.value = { formula: "E1+1", result: new Date(Date.UTC(2024, 0, 16)) } as ExcelJS.CellFormulaValue;
    dateFormula.numFmt = "yyyy-mm-dd";
    // Shared formula A4:C4 (master + two followers), each with its own cached result.
    ws.getCell("A4").value = { formula: "A5*10", result: 10, shareType: "shared", ref: "A4:C4" } as ExcelJS.CellFormulaValue;
    ws.getCell("B4").value = { sharedFormula: "A4", result: 20 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("C4").value = { sharedFormula: "A4", result: 30 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("A5").value = 1;
    // Merges: one across columns, one across rows and columns.
    ws.getCell("A7").value = "across";
    ws.mergeCells("A7:C7");
    ws.getCell("E7").value = "block";
    ws.mergeCells("E7:F9");
    ws.getCell("A9").value = "after";
    // Hidden row 11 and hidden column H.
    ws.getCell("A11").value = "hidden row";
    ws.getRow(11).hidden = true;
    ws.getCell("H1").value = "hidden col";
    ws.getColumn("H").hidden = true;

    wb.addWorksheet("Hidden", { state: "hidden" }).getCell("A1").value = "h";
    wb.addWorksheet("VeryHidden", { state: "veryHidden" }).getCell("B2").value = "vh";
    const offset = wb.addWorksheet("Offset");
    offset.getCell("H12").value = "No";
    offset.getCell("I12").value = "Q";
    offset.getCell("H13").value = 1;
    offset.getCell("J14").value = "far";
    // Styled but empty cells around the used range must not widen it.
    offset.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    offset.getCell("L20").border = { top: { style: "thin" } };
    wb.addWorksheet("Empty");

    snapAll = await roundTrip(wb);
    main = sheet(snapAll, "Main");
  });

  test("workbook name and sheet order", () => {
    expect(snapAll.name).toBe("book.xlsx");
    expect(snapAll.sheets.map((s) => s.name)).toEqual(["Main", "Hidden", "VeryHidden", "Offset", "Empty"]);
  });

  test("plain values", () => {
    expect(main.top).toBe(0);
    expect(main.left).toBe(0);
    // Dates are dates, not the serial numbers Excel stores (45306, 45306.5, 61).
    expect(main.values[0]).toEqual(["text", 42, true, false, { date: "2024-01-15" }, { date: "2024-01-15T12:00:00" }, { date: "1900-03-01" }, "hidden col"]);
  });

  test("rich text, hyperlink, error, empty string", () => {
    expect(main.values[1]).toEqual(["rich text", "IPA", { error: "#N/A" }, null, -1.5]);
  });

  test("formulas give their cached results", () => {
    // D3 was saved without a cached result: its value is unknown, not blank.
    expect(main.values[2]).toEqual([84, { error: "#N/A" }, "text!", { formula: "B1+1" }, true, { date: "2024-01-16" }]);
    expect(main.values[3]).toEqual([10, 20, 30]);
  });

  test("merges keep the value in the master only", () => {
    expect(main.values[6]).toEqual(["across", null, null, null, "block"]);
    expect(main.values[7]).toEqual([]);
    expect(main.values[8]).toEqual(["after"]);
    expect(main.merges).toEqual([
      { top: 6, left: 0, bottom: 6, right: 2 },
      { top: 6, left: 4, bottom: 8, right: 5 },
    ]);
  });

  test("hidden rows and columns", () => {
    expect(main.hiddenRows).toEqual([10]);
    expect(main.hiddenColumns).toEqual([7]);
    expect(main.values[10]).toEqual(["hidden row"]);
    expect(main.values.length).toBe(11);
  });

  test("visibility", () => {
    expect(snapAll.sheets.map((s) => s.visibility)).toEqual(["visible", "hidden", "veryHidden", "visible", "visible"]);
  });

  test("used range starting at H12", () => {
    const s = sheet(snapAll, "Offset");
    expect(s.top).toBe(11);
    expect(s.left).toBe(7);
    expect(s.values).toEqual([["No", "Q"], [1], [null, null, "far"]]);
    expect(cellAt(s, 11, 7)).toBe("No");
    expect(cellAt(s, 13, 9)).toBe("far");
    expect(cellAt(s, 1, 1)).toBeNull();
  });

  test("empty sheet", () => {
    expect(sheet(snapAll, "Empty")).toEqual({
      name: "Empty",
      id: { host: "xlsx", id: expect.any(String) },
      visibility: "visible",
      top: 0,
      left: 0,
      values: [],
      hiddenRows: [],
      hiddenColumns: [],
      merges: [],
      formulas: [],
    });
  });
});

describe("snapshot details", () => {
  test("escaped text (_xHHHH_) reads as Excel reads it: in a plain inline string (ExcelJS leaves it), rich runs and shared strings", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = "placeholder";
    // ExcelJS writes a shared string as it is: the file holds an escaped "_x0041_", decoded once only.
    ws.getCell("D1").value = "shared _x005F_x0041_";
    const xlsx = patchZipPart(await toBuffer(wb), "xl/worksheets/sheet1.xml", (xml) =>
      xml.replace(
        /<c r="A1"[^>]*>.*?<\/c>/,
        '<c r="A1" t="inlineStr"><is><t>note _x005F_x0041_ bell_x0007_</t></is></c>' +
          '<c r="B1" t="inlineStr"><is><r><t>run _x0042_</t></r></is></c>' +
          '<c r="C1" t="inlineStr"><is><t>plain &amp; _x_ text</t></is></c>',
      ),
    );
    const snap = await readWorkbookBuffer(xlsx, "escapes.xlsx");
    expect(snap.sheets[0].values[0]).toEqual(["note _x0041_ bell\u0007", "run B", "plain & _x_ text", "shared _x0041_"]);
  });

  test("1904 date system", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet("S").getCell("A1").value = new Date(Date.UTC(2024, 0, 15));
    const snap = await roundTrip(wb);
    expect(snap.sheets[0].values).toEqual([[{ date: "2024-01-15" }]]);
  });

  test("a formula whose cached value is empty text is blank; one saved without a value is uncalculated", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("式");
    ws.getCell("A1").value = "x";
    // As Excel saves IF(…,""): <c t="str"><f>…</f><v></v></c>.
    ws.getCell("B1").value = { formula: 'IF(A1="","","")', result: "" } as ExcelJS.CellFormulaValue;
    // As tools that do not calculate save it: <c><f>…</f></c>.
    ws.getCell("C1").value = { formula: 'IF(A1="","","")' } as ExcelJS.CellFormulaValue;
    // A shared formula's followers without values, each with its own formula.
    ws.getCell("A2").value = { formula: "A1&1", shareType: "shared", ref: "A2:B2" } as ExcelJS.CellFormulaValue;
    ws.getCell("B2").value = { sharedFormula: "A2" } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("C2").value = { formula: "A1&1", result: "x1" } as ExcelJS.CellFormulaValue;
    const xml = await zipPart(await toBuffer(wb), "xl/worksheets/sheet1.xml");
    expect(xml).toMatch(/<c r="B1" t="str"><f>[^<]*<\/f><v><\/v><\/c>/);
    expect(xml).toMatch(/<c r="C1"><f>[^<]*<\/f><\/c>/);
    const snap = await roundTrip(wb);
    expect(snap.sheets[0].values).toEqual([
      ["x", null, { formula: 'IF(A1="","","")' }],
      [{ formula: "A1&1" }, { formula: "B1&1" }, "x1"],
    ]);
    // A workbook built in memory has no cached values at all.
    expect(snapshotFromWorkbook(wb, "mem").sheets[0].values[0]).toEqual(["x", null, { formula: 'IF(A1="","","")' }]);
  });

  test("the same when the tool that saved it quotes attributes with ' and names the sheet's part absolutely", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表紙").getCell("A1").value = "cover";
    const ws = wb.addWorksheet("式 & 値");
    ws.getCell("A1").value = "x";
    ws.getCell("B1").value = { formula: 'IF(A1="","","")', result: "" } as ExcelJS.CellFormulaValue;
    ws.getCell("C1").value = { formula: 'IF(A1="","","")' } as ExcelJS.CellFormulaValue;
    // Every attribute value in single quotes (inside tags only; the text between them stays as it is).
    const singleQuoted = (xml: string) => xml.replace(/<[^>]*>/g, (tag) => tag.replace(/="([^"]*)"/g, "='$1'"));
    let buf = await toBuffer(wb);
    for (const part of ["xl/workbook.xml", "xl/worksheets/sheet2.xml"]) buf = patchZipPart(buf, part, singleQuoted);
    buf = patchZipPart(buf, "xl/_rels/workbook.xml.rels", (xml) => singleQuoted(xml).replace(/Target='worksheets\//g, "Target='/xl/worksheets/"));
    expect(await zipPart(buf, "xl/workbook.xml")).toMatch(/<sheet sheetId='2' name='式 &amp; 値' state='visible' r:id='rId5'\/>/);
    expect(await zipPart(buf, "xl/worksheets/sheet2.xml")).toMatch(/<c r='B1' t='str'><f>[^<]*<\/f><v><\/v><\/c>/);
    const snap = await readWorkbookBuffer(buf, "quoted.xlsx");
    expect(sheet(snap, "式 & 値").values).toEqual([["x", null, { formula: 'IF(A1="","","")' }]]);
  });

  test("a time of day alone and dates in a date format set on a number", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = 0.375;
    ws.getCell("A1").numFmt = "h:mm";
    ws.getCell("B1").value = 45383;
    ws.getCell("B1").numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell("C1").value = 45383;
    ws.getCell("C1").numFmt = '0"点"';
    const snap = await roundTrip(wb);
    expect(snap.sheets[0].values).toEqual([[{ date: "09:00:00" }, { date: "2024-04-01" }, 45383]]);
  });

  test("columns hidden as a range count once each", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = 1;
    ws.getColumn(2).width = 20;
    // ExcelJS writes one <col> per column; Excel writes a range, as here.
    const buf = patchZipPart(await toBuffer(wb), "xl/worksheets/sheet1.xml", (xml) =>
      xml.replace(/<cols>.*<\/cols>/, '<cols><col min="2" max="2" width="20" customWidth="1"/><col min="3" max="5" width="9" hidden="1"/></cols>'),
    );
    const snap = await readWorkbookBuffer(buf, "x.xlsx");
    expect(snap.sheets[0].hiddenColumns).toEqual([2, 3, 4]);
  });

  test("merge followers as Excel writes them (styled, no value) stay null", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = "m";
    ws.getCell("A1").font = { bold: true };
    ws.getCell("B1").value = "x";
    ws.getCell("A2").value = "below";
    const buf = patchZipPart(await toBuffer(wb), "xl/worksheets/sheet1.xml", (xml) =>
      xml
        .replace(/<c r="B1"[^>]*>.*?<\/c>/, '<c r="B1" s="1"/>')
        .replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>'),
    );
    const s = (await readWorkbookBuffer(buf, "m.xlsx")).sheets[0];
    expect(s.values).toEqual([["m"]]);
    expect(s.merges).toEqual([{ top: 0, left: 0, bottom: 1, right: 1 }]);
  });

  test("converts an in-memory workbook without a round trip", () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("C3").value = "x";
    ws.mergeCells("C3:D4");
    const snap = snapshotFromWorkbook(wb, "mem");
    expect(snap.sheets[0]).toMatchObject({ top: 2, left: 2, values: [["x"]], merges: [{ top: 2, left: 2, bottom: 3, right: 3 }] });
  });

  test("loadExcelJs returns the bare workbook", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = "a";
    const loaded = await loadExcelJs(await toBuffer(wb));
    expect(loaded.getWorksheet("S")?.getCell("A1").value).toBe("a");
  });

  test("accepts a Uint8Array view", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("B2").value = 7;
    const buf = await toBuffer(wb);
    const padded = new Uint8Array(buf.length + 10);
    padded.set(buf, 5);
    const snap = await readWorkbookBuffer(padded.subarray(5, 5 + buf.length), "u8.xlsx");
    expect(snap.sheets[0]).toMatchObject({ top: 1, left: 1, values: [[7]] });
  });
});

describe("file checks", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "shindan-read-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function codeOfFile(name: string, bytes: Buffer | null): Promise<WorkbookReadError> {
    const p = path.join(dir, name);
    if (bytes) await fs.writeFile(p, bytes);
    const err = await readWorkbookFile(p).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkbookReadError);
    return err as WorkbookReadError;
  }

  test("every file message names the file, in both languages", () => {
    for (const code of FILE_MESSAGE_CODES) {
      const m = new WorkbookReadError(code, "名簿 2024.xlsx").toMessage();
      for (const lang of ["ja", "en"] as const) expect([code, lang, renderMessage(m, lang).includes("名簿 2024.xlsx")]).toEqual([code, lang, true]);
    }
  });

  test("missing file", async () => {
    const e = await codeOfFile("nothing-here.xlsx", null);
    expect(e.code).toBe("file-not-found");
    expect(e.file).toBe("nothing-here.xlsx");
    expect((e.cause as NodeJS.ErrnoException).code).toBe("ENOENT");
    expect(renderMessage(e.toMessage(), "en")).toContain("nothing-here.xlsx");
  });

  test("a folder is called a folder", async () => {
    await fs.mkdir(path.join(dir, "answers.xlsx"));
    const e = await codeOfFile("answers.xlsx", null);
    expect(e.code).toBe("file-is-folder");
    expect(renderMessage(e.toMessage(), "ja")).toBe("「answers.xlsx」はフォルダーです。フォルダーの中の Excel ブック（.xlsx）を指定してください。");
  });

  test("CSV", async () => {
    expect((await codeOfFile("answers.csv", csvBytes())).code).toBe("file-not-xlsx");
  });

  test("an empty file is called empty, not a CSV", async () => {
    const e = await codeOfFile("empty.xlsx", Buffer.alloc(0));
    expect(e.code).toBe("file-empty");
    const ja = renderMessage(e.toMessage(), "ja");
    expect(ja).toContain("ファイル「empty.xlsx」は空です（0 バイト）");
    expect(ja).not.toContain("CSV");
    await expect(readWorkbookBuffer(new Uint8Array(0), "e.xlsx")).rejects.toMatchObject({ code: "file-empty" });
  });

  test("password-encrypted xlsx", async () => {
    expect((await codeOfFile("secret.xlsx", encryptedXlsxBytes())).code).toBe("file-encrypted");
  });

  test("encrypted with only one of the two streams still counts", async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, "EncryptedPackage", Buffer.alloc(1024, 1));
    const bytes = Buffer.from(CFB.write(cfb, { type: "buffer" }) as Uint8Array);
    await expect(readWorkbookBuffer(bytes, "p.xlsx")).rejects.toMatchObject({ code: "file-encrypted" });
  });

  test("old xls", async () => {
    expect((await codeOfFile("old.xls", oldXlsBytes())).code).toBe("file-old-xls");
  });

  test("an old Word document is not a workbook", async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, "WordDocument", Buffer.alloc(4096, 2));
    const bytes = Buffer.from(CFB.write(cfb, { type: "buffer" }) as Uint8Array);
    await expect(readWorkbookBuffer(bytes, "old.doc")).rejects.toMatchObject({ code: "file-not-xlsx" });
  });

  test("a zip that is not a workbook", async () => {
    expect((await codeOfFile("letter.docx", notXlsxZipBytes())).code).toBe("file-not-xlsx");
  });

  test("a truncated xlsx is unreadable", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = "a";
    const buf = await toBuffer(wb);
    const e = await codeOfFile("cut.xlsx", buf.subarray(0, Math.floor(buf.length / 2)));
    expect(e.code).toBe("file-unreadable");
    expect(e.detail).not.toBe("");
    // A sentence that says what to do, the technical detail at the end.
    expect(renderMessage(e.toMessage(), "ja")).toMatch(/^ファイル「cut\.xlsx」は壊れているか.*Excel で開けるか確認し.*（詳細: .+）。$/);
  });

  test("an xlsx whose workbook part ExcelJS cannot parse is unreadable, with the cause kept", async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, "[Content_Types].xml", Buffer.from("<Types/>"));
    CFB.utils.cfb_add(cfb, "xl/workbook.xml", Buffer.from("<workbook><sheets><sheet name="));
    const bytes = Buffer.from(CFB.write(cfb, { type: "buffer", fileType: "zip" }) as Uint8Array);
    const e = await readWorkbookBuffer(bytes, "broken.xlsx").then(
      () => null,
      (x: unknown) => x as WorkbookReadError,
    );
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect(e!.code).toBe("file-unreadable");
    expect(e!.cause).toBeInstanceOf(Error);
    expect(renderMessage(e!.toMessage(), "ja")).toContain("broken.xlsx");
  });

  test("a workbook part without sheets ExcelJS can find is unreadable", async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, "[Content_Types].xml", Buffer.from("<Types/>"));
    CFB.utils.cfb_add(cfb, "xl/workbook.xml", Buffer.from('<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheets/></workbook>'));
    const bytes = Buffer.from(CFB.write(cfb, { type: "buffer", fileType: "zip" }) as Uint8Array);
    await expect(readWorkbookBuffer(bytes, "strict.xlsx")).rejects.toMatchObject({ code: "file-unreadable", message: "no worksheet could be read" });
  });

  test("a good file reads", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("診断").getCell("A1").value = "実施している";
    const p = path.join(dir, "good.xlsx");
    await fs.writeFile(p, await toBuffer(wb));
    const snap = await readWorkbookFile(p);
    expect(snap.name).toBe("good.xlsx");
    expect(snap.sheets[0].values).toEqual([["実施している"]]);
  });
});

describe("which part holds each sheet", () => {
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
  async function pkg(parts: Record<string, string>): Promise<{ bytes: Buffer; entries: ZipEntry[] }> {
    const zip = new JSZip();
    for (const [name, text] of Object.entries(parts)) zip.file(name, text);
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    return { bytes, entries: zipEntries(bytes) as ZipEntry[] };
  }
  const parts = {
    "xl/workbook.xml":
      '<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      "<x:sheets><x:sheet name=\"表紙\" sheetId=\"1\" rel:id=\"rId1\"/><x:sheet rel:id='rId2' name='A &amp; B&#x3E;' sheetId='2'/>" +
      '<x:sheet name="C" sheetId="3" rel:id="rId3" /><x:sheet name="消えた" sheetId="4" rel:id="rId9"/></x:sheets></x:workbook>',
    "xl/_rels/workbook.xml.rels":
      '<?xml version="1.0"?><p:Relationships xmlns:p="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<p:Relationship Id="rId1" Type="${REL}" Target="worksheets/sheet1.xml"/><p:Relationship Type='${REL}' Id='rId2' Target='/xl/worksheets/Sheet2.xml'/>` +
      `<p:Relationship Id="rId3" Type="${REL}" Target="./../xl/worksheets/sheet3.xml"/><p:Relationship Id="rId9" Type="${REL}" Target="worksheets/sheet9.xml"/></p:Relationships>`,
    "xl/worksheets/sheet1.xml": "<worksheet/>",
    "xl/worksheets/sheet2.xml": "<worksheet/>",
    "xl/worksheets/sheet3.xml": "<worksheet/>",
  };

  test("names and parts with namespace prefixes, either quote, references and relative or absolute targets; a sheet without its part is left out", async () => {
    const { bytes, entries } = await pkg(parts);
    const found = await sheetParts(bytes, entries, nodeInflate);
    expect([...found].map(([name, e]) => [name, e.name])).toEqual([
      ["表紙", "xl/worksheets/sheet1.xml"],
      ["A & B>", "xl/worksheets/sheet2.xml"],
      ["C", "xl/worksheets/sheet3.xml"],
    ]);
    expect(await partText(bytes, found.get("C")!, webInflate)).toBe("<worksheet/>");
  });

  test("nothing when the workbook part is larger than asked for or missing", async () => {
    const { bytes, entries } = await pkg(parts);
    expect((await sheetParts(bytes, entries, nodeInflate, 100)).size).toBe(0);
    const { "xl/workbook.xml": _, ...rest } = parts;
    const without = await pkg(rest);
    expect((await sheetParts(without.bytes, without.entries, nodeInflate)).size).toBe(0);
  });
});
