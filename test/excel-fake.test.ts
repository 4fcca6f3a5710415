/// <reference types="office-js" />
/**
 * The fake Excel API's contract (test/fakeExcel): the Office.js semantics the host relies on,
 * pinned so that a host passing against the fake cannot be leaning on something Excel would not
 * do (forgetting a load, reading before sync, writes seen before sync, text turned into formulas).
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { OUTPUT, apiSets, apiSetsModule } from "../scripts/office-api-sets";
import { REQUIRED_EXCEL_API } from "../src/excel";
import { FakeExcel, FakeOfficeError } from "./fakeExcel";
import * as api from "./fakeExcel/api";
import { API_SETS, NEWEST_API_SET } from "./fakeExcel/apiSets";

async function book(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  ws.getCell("A1").value = "name";
  ws.getCell("B1").value = 42;
  ws.getCell("C1").value = true;
  ws.getCell("D1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  ws.getCell("E1").value = new Date(Date.UTC(2024, 4, 20));
  ws.getCell("F1").value = { formula: "B1*2", result: 84 } as ExcelJS.CellFormulaValue;
  ws.getCell("B3").value = "below";
  ws.getCell("B3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC000" } };
  ws.mergeCells("A5:C5");
  ws.getCell("A5").value = "merged";
  ws.getColumn(7).hidden = true;
  ws.getCell("G2").value = "hidden column";
  ws.getCell("A6").dataValidation = { type: "list", allowBlank: true, formulae: ['"a,b"'] };
  wb.addWorksheet("Secret", { state: "veryHidden" }).getCell("A1").value = "x";
  wb.addWorksheet("Blank");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let bytes: Buffer;
beforeAll(async () => {
  bytes = await book();
});

const fake = (options?: ConstructorParameters<typeof FakeExcel>[1]) => FakeExcel.fromXlsx(bytes, "book.xlsx", options);

async function rejection(p: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FakeOfficeError);
    return e as FakeOfficeError;
  }
  throw new Error("expected a rejection");
}

function thrown(f: () => unknown): FakeOfficeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FakeOfficeError);
    return e as FakeOfficeError;
  }
  throw new Error("expected a throw");
}

describe("loading", () => {
  test("a property that was not loaded cannot be read, even after a sync", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1");
      range.load("address");
      await ctx.sync();
      expect(range.address).toBe("Data!A1:B1");
      expect(thrown(() => range.values).code).toBe("PropertyNotLoaded");
    });
  });

  test("a loaded property cannot be read before the sync", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Data").getRange("A1:F1").load("values,valueTypes");
      expect(thrown(() => range.values).code).toBe("PropertyNotLoaded");
      const props = range.getColumnProperties({ columnHidden: true });
      expect(thrown(() => props.value).code).toBe("ValueNotLoaded");
      await ctx.sync();
      // Values as Office gives them: errors as text typed Error, dates as serial numbers.
      expect(range.values).toEqual([["name", 42, true, "#N/A", 45432, 84]]);
      expect(range.valueTypes).toEqual([["String", "Double", "Boolean", "Error", "Double", "Double"]]);
      expect(props.value).toHaveLength(6);
    });
  });

  test("collections load their items; empty cells and merged cells read as empty", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name,items/visibility");
      const merged = ctx.workbook.worksheets.getItem("Data").getRange("A5:C5").load("values,valueTypes");
      expect(thrown(() => sheets.items).code).toBe("PropertyNotLoaded");
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
        ["Data", "Visible"],
        ["Secret", "VeryHidden"],
        ["Blank", "Visible"],
      ]);
      expect(merged.values).toEqual([["merged", "", ""]]);
      expect(merged.valueTypes).toEqual([["String", "Empty", "Empty"]]);
      expect(thrown(() => sheets.items[0].position).code).toBe("PropertyNotLoaded");
    });
  });
});

describe("dates", () => {
  test("a date reads as its serial number, with its number format beside it", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("B1:E1").load("values,valueTypes,numberFormat");
      await ctx.sync();
      expect(r.values).toEqual([[42, true, "#N/A", 45432]]);
      expect(r.valueTypes).toEqual([["Double", "Boolean", "Error", "Double"]]);
      expect(r.numberFormat[0][0]).toBe("General");
      expect(r.numberFormat[0][3]).toBe("mm-dd-yy");
    });
  });

  test("DATE gives the serial number in the workbook's date system, once loaded and synced", async () => {
    for (const date1904 of [false, true]) {
      const wb = new ExcelJS.Workbook();
      if (date1904) wb.properties.date1904 = true;
      wb.addWorksheet("S").getCell("A1").value = 1;
      const x = await FakeExcel.fromXlsx(Buffer.from(await wb.xlsx.writeBuffer()), "d.xlsx");
      await x.run(async (ctx) => {
        const unloaded = ctx.workbook.functions.date(2024, 4, 1);
        const r = ctx.workbook.functions.date(1904, 1, 1).load("value");
        expect(thrown(() => r.value).code).toBe("PropertyNotLoaded");
        await ctx.sync();
        expect(r.value).toBe(date1904 ? 0 : 1462);
        expect(thrown(() => unloaded.value).code).toBe("PropertyNotLoaded");
      });
    }
    const x = await fake({ apiVersion: "1.1" });
    await x.run(async (ctx) => {
      ctx.workbook.functions.date(2024, 4, 1).load("value");
      expect((await rejection(ctx.sync())).code).toBe("ApiNotFound");
    });
  });
});

describe("null objects and missing items", () => {
  test("isNullObject is known only after load and sync", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope").load("name");
      const present = ctx.workbook.worksheets.getItemOrNullObject("data").load("name");
      const blank = ctx.workbook.worksheets.getItem("Blank").getUsedRangeOrNullObject(true).load("address");
      expect(thrown(() => missing.isNullObject).code).toBe("PropertyNotLoaded");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("Data"); // names are found whatever their case
      expect(blank.isNullObject).toBe(true);
    });
  });

  test("using a null object for anything but load fails at sync", async () => {
    const x = await fake();
    const e = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject("Nope").getRange("A1").load("values");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
  });

  test("getItem of a missing sheet fails at sync with ItemNotFound, not before", async () => {
    const x = await fake();
    const e = await rejection(
      x.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Nope"); // no error yet
        ws.load("name");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    expect(e.debugInfo.errorLocation).toContain('getItem("Nope")');
  });
});

describe("writes", () => {
  test("queued writes are invisible until the sync, and a later load in the batch sees them", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem("Data").getRange("B2");
      cell.values = [[7]];
      expect(x.model.find("Data")!.cell(1, 1)).toBeUndefined();
      cell.load("values");
      await ctx.sync();
      expect(cell.values).toEqual([[7]]);
      expect(x.model.find("Data")!.cell(1, 1)!.value).toBe(7);
    });
  });

  test("a 2-D array of the wrong shape fails at sync; the actions before it stay done", async () => {
    const x = await fake();
    const e = await rejection(
      x.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Data");
        ws.getRange("H1").values = [["done"]];
        ws.getRange("H2:I2").values = [["only one"]];
        ws.getRange("H3").values = [["never"]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    const sheet = x.model.find("Data")!;
    expect(sheet.cell(0, 7)!.value).toBe("done");
    expect(sheet.cell(2, 7)).toBeUndefined();
  });

  test("text starting with = + - @ becomes a formula in a General cell and stays text in a Text cell", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("A10:F10").values = [["=1+1", "+81-3", "-要確認", "@担当", "7", "'=kept"]];
      const text = ws.getRange("A11:E11");
      text.numberFormat = [["@", "@", "@", "@", "@"]];
      text.values = [["=1+1", "+81-3", "-要確認", "@担当", "7"]];
      const read = ws.getRange("A10:F11").load("formulas,values");
      await ctx.sync();
      expect(read.formulas).toEqual([
        ["=1+1", "=+81-3", "=-要確認", "=@担当", 7, "=kept"],
        ["=1+1", "+81-3", "-要確認", "@担当", "7", ""],
      ]);
      expect(read.values[1]).toEqual(["=1+1", "+81-3", "-要確認", "@担当", "7", ""]);
    });
  });

  test('null in a 2-D array leaves the cell alone; "" clears it', async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1");
      r.values = [[null, ""]] as unknown as string[][];
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([["name", ""]]);
    });
  });

  test("a protected sheet refuses writes; Excel keeps one visible sheet", async () => {
    const x = await fake();
    x.model.find("Data")!.protected = true;
    const e = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A1").format.fill.color = "#FF0000";
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("AccessDenied");
    x.model.find("Data")!.protected = false;
    const last = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").delete();
        ctx.workbook.worksheets.getItem("Blank").delete();
        await ctx.sync();
      }),
    );
    expect(last.code).toBe("InvalidOperation");
  });

  test("fills read as Excel reports them: no fill is white with tintAndShade null", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("B2:B3");
      const props = r.getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } });
      await ctx.sync();
      expect(props.value.map((row) => row[0].format!.fill)).toEqual([
        { color: "#FFFFFF", pattern: "None", tintAndShade: null },
        { color: "#FFC000", pattern: "Solid", tintAndShade: 0 },
      ]);
    });
  });
});

describe("requirement sets and limits", () => {
  test("an API newer than the Excel fails at sync with ApiNotFound; isSetSupported says so", async () => {
    const x = await fake({ apiVersion: "1.8" });
    expect(x.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(x.isSetSupported("ExcelApi", "1.9")).toBe(false);
    expect(x.isSetSupported("ExcelApi", "1.13")).toBe(false);
    const e = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets
          .getItem("Data")
          .getRange("A1")
          .getCellProperties({ format: { fill: { color: true } } });
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ApiNotFound");
  });

  test("the requirement sets are @types/office-js's: the committed table is what scripts/office-api-sets.ts generates", () => {
    expect(readFileSync(OUTPUT, "utf8")).toBe(apiSetsModule(apiSets()));
  });

  test("every member the fake implements has its requirement set in the table", () => {
    // The fake's own machinery (ClientObject and helpers), not Office.js members.
    const internal = new Set([
      "constructor",
      "resolve",
      "read",
      "nav",
      "navChain",
      "requireApi",
      "target",
      "live",
      "checkLive",
      "isNullObject",
      "get",
      "officeClass",
      "act",
      "result",
      "load",
      "_deliver",
      "_bind",
      "styleAll",
      "setSection",
      "apply",
      "entry",
    ]);
    // WorksheetCollection.items has no requirement-set tag (a collection's loaded items); its properties are checked as Worksheet's.
    const untagged = new Set(["WorksheetCollection.items"]);
    const missing: string[] = [];
    let checked = 0;
    for (const [name, cls] of Object.entries(api)) {
      if (!/^Fake(?!OfficeError|RequestContext)/.test(name) || typeof cls !== "function") continue;
      const members = new Set<string>();
      let officeClass: string | undefined;
      for (let p = cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
        for (const m of Object.getOwnPropertyNames(p)) members.add(m);
        officeClass ??= Object.getOwnPropertyDescriptor(p, "officeClass")?.get?.call(Object.create(cls.prototype));
      }
      for (const m of members) {
        if (internal.has(m) || untagged.has(`${officeClass}.${m}`)) continue;
        checked++;
        if (!(`${officeClass}.${m}` in API_SETS)) missing.push(`${name} → ${officeClass}.${m}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(80);
  });

  test("at ExcelApi 1.8 (the manifest's minimum) a member above it fails with ApiNotFound, naming the member; at the newest it runs", async () => {
    expect(REQUIRED_EXCEL_API).toBe("1.8");
    const calls: [string, (ctx: Excel.RequestContext) => void][] = [
      ["Worksheet.pageLayout", (ctx) => void (ctx.workbook.worksheets.getItem("Data").pageLayout.orientation = "Landscape")],
      [
        "Range.getCellProperties",
        (ctx) =>
          void ctx.workbook.worksheets
            .getItem("Data")
            .getRange("A1")
            .getCellProperties({ format: { fill: { color: true } } }),
      ],
      [
        "Range.getMergedAreasOrNullObject",
        (ctx) => void ctx.workbook.worksheets.getItem("Data").getRange("A1:C5").getMergedAreasOrNullObject().load("address"),
      ],
      ["RangeFill.tintAndShade", (ctx) => void (ctx.workbook.worksheets.getItem("Data").getRange("B3").format.fill.tintAndShade = 0.2)],
      ["RangeFill.pattern", (ctx) => void ctx.workbook.worksheets.getItem("Data").getRange("B3").format.fill.load("pattern")],
      ["Range.getRowProperties", (ctx) => void ctx.workbook.worksheets.getItem("Data").getRange("A1:A3").getRowProperties({ rowHidden: true })],
    ];
    for (const [member, call] of calls) {
      const old = await fake({ apiVersion: "1.8" });
      const e = await rejection(
        old.run(async (ctx) => {
          call(ctx as unknown as Excel.RequestContext);
          await ctx.sync();
        }),
      );
      expect([member, e.code, e.debugInfo.errorLocation?.split(" ")[0]]).toEqual([member, "ApiNotFound", member]);
      const newest = await fake({ apiVersion: NEWEST_API_SET });
      await newest.run(async (ctx) => {
        call(ctx as unknown as Excel.RequestContext);
        await ctx.sync();
      });
    }
    // By default the fake is the newest Excel the types document.
    expect((await fake()).apiVersion).toBe(NEWEST_API_SET);
  });

  test("what the members got through need counts too, and the sets are the documented ones (Worksheet.copy: 1.7)", async () => {
    const at = async (apiVersion: string, call: (ctx: Excel.RequestContext) => void) =>
      (await fake({ apiVersion })).run(async (ctx) => {
        call(ctx as unknown as Excel.RequestContext);
        await ctx.sync();
      });
    const freeze = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Data").freezePanes.freezeRows(1);
    expect((await rejection(at("1.6", freeze))).debugInfo.errorLocation).toMatch(/^Worksheet\.freezePanes /);
    await at("1.7", freeze);
    const validate = (ctx: Excel.RequestContext) => void ctx.workbook.worksheets.getItem("Data").getRange("A7").dataValidation.load("type");
    expect((await rejection(at("1.7", validate))).debugInfo.errorLocation).toMatch(/^Range\.dataValidation /);
    const copy = (ctx: Excel.RequestContext) => void ctx.workbook.worksheets.getItem("Data").copy("End");
    expect((await rejection(at("1.6", copy))).code).toBe("ApiNotFound");
    await at("1.7", copy);
  });

  test("every sync is counted with its estimated payloads; oversized requests are refused", async () => {
    const x = await fake({ payloadLimit: 10_000 });
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:F1").load("values");
      await ctx.sync();
      expect(r.values[0][0]).toBe("name");
    });
    expect(x.syncs).toHaveLength(2);
    expect(x.syncs[1].responseBytes).toBeGreaterThan(JSON.stringify([["name", 42, true, "#N/A", 45432, 84]]).length);
    const e = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A20").values = [["x".repeat(20_000)]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(x.model.find("Data")!.cell(19, 0)).toBeUndefined();
    expect(x.syncs).toHaveLength(3);
  });

  test("Excel.run sends what is still queued when the batch ends, and drops it when the batch throws", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A30").values = [["sent"]];
    });
    expect(x.model.find("Data")!.cell(29, 0)!.value).toBe("sent");
    await expect(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A31").values = [["dropped"]];
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(x.model.find("Data")!.cell(30, 0)).toBeUndefined();
  });
});

describe("files", () => {
  test("an .xlsx round trip keeps values, formulas, fills, merges, hidden columns, visibility and validations", async () => {
    const x = await fake();
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await x.toXlsx()) as unknown as ExcelJS.Buffer);
    expect(back.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Data", "visible"],
      ["Secret", "veryHidden"],
      ["Blank", "visible"],
    ]);
    const ws = back.getWorksheet("Data")!;
    expect(ws.getCell("F1").formula).toBe("B1*2");
    expect(ws.getCell("F1").result).toBe(84);
    expect(ws.getCell("D1").value).toEqual({ error: "#N/A" });
    expect(ws.getCell("B3").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC000" } });
    expect(ws.getCell("B5").isMerged).toBe(true);
    expect(ws.getColumn(7).hidden).toBe(true);
    expect((ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model.A6).toMatchObject({
      type: "list",
      formulae: ['"a,b"'],
    });
  });
});

describe("what the expert does in Excel: rename, Move or Copy, insert rows", () => {
  test("Worksheet.id is unique, and the same after renaming and moving; a taken name is refused", async () => {
    const x = await fake();
    const ids = await x.run(async (ctx) => {
      const all = ctx.workbook.worksheets.load("items/name,items/id");
      await ctx.sync();
      return all.items.map((s) => s.id);
    });
    expect(new Set(ids).size).toBe(3);
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.name = "データ";
      ws.position = 2;
      await ctx.sync();
    });
    const after = await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("データ").load("id,position");
      await ctx.sync();
      return [ws.id, ws.position];
    });
    expect(after).toEqual([ids[0], 2]);
    const taken = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("データ").name = "BLANK";
        await ctx.sync();
      }),
    );
    expect(taken.code).toBe("ItemAlreadyExists");
  });

  test('Worksheet.copy copies the cells with their formats, merges, hidden columns and validations, under "name (2)" with a new id', async () => {
    const x = await fake();
    const original = x.model.find("Data")!;
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").copy("End");
      ctx.workbook.worksheets.getItem("Data").copy();
      await ctx.sync();
    });
    expect(x.model.live().map((s) => s.name)).toEqual(["Data (3)", "Data", "Secret", "Blank", "Data (2)"]);
    const copy = x.model.find("Data (2)")!;
    expect(copy.id).not.toBe(original.id);
    expect(copy.cell(2, 1)).toEqual(original.cell(2, 1));
    expect(copy.cell(2, 1)).not.toBe(original.cell(2, 1));
    expect([copy.merges, [...copy.hiddenColumns], copy.validations]).toEqual([original.merges, [...original.hiddenColumns], original.validations]);
    x.model.protected = true;
    const refused = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").copy();
        await ctx.sync();
      }),
    );
    expect(refused.code).toBe("AccessDenied");
  });

  test("inserting entire rows moves the cells below with their formats and merges; a merge the rows go into grows", async () => {
    const x = await fake();
    const ws = x.model.find("Data")!;
    const b3 = ws.cell(2, 1);
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("2:3").insert("Down");
      await ctx.sync();
    });
    expect(ws.cell(0, 0)?.value).toBe("name");
    expect(ws.cell(4, 1)).toBe(b3);
    expect(ws.cell(2, 1)).toBeUndefined();
    expect(ws.merges).toEqual([{ top: 6, left: 0, bottom: 6, right: 2 }]);
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("4:4").insert("Down");
      ctx.workbook.worksheets.getItem("Data").getRange("B:B").insert("Right");
      await ctx.sync();
    });
    expect(ws.cell(5, 2)).toBe(b3);
    expect(ws.merges).toEqual([{ top: 7, left: 0, bottom: 7, right: 3 }]);
    const partial = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A1:B2").insert("Down");
        await ctx.sync();
      }),
    );
    expect(partial.code).toBe("NotImplemented");
  });

  test("Range.getUsedRangeOrNullObject gives the used part of a range, or a null object", async () => {
    const x = await fake();
    const [row1, row4] = await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      const a = ws.getRange("1:1").getUsedRangeOrNullObject(true).load("address,values");
      const b = ws.getRange("4:4").getUsedRangeOrNullObject(true).load("address");
      await ctx.sync();
      return [a, b];
    });
    expect(row1.address).toBe("Data!A1:F1");
    expect(row1.values[0][0]).toBe("name");
    expect(row4.isNullObject).toBe(true);
  });
});

describe("what real Excel does that a naive fake would not (issue 11)", () => {
  test("a very hidden sheet cannot be deleted (GeneralException); made Hidden first in the same batch, it can", async () => {
    const x = await fake();
    const e = await rejection(x.run(async (ctx) => ctx.workbook.worksheets.getItem("Secret").delete()));
    expect(e.code).toBe("GeneralException");
    expect(e.debugInfo.errorLocation).toMatch(/^Worksheet\.delete/);
    expect(x.model.find("Secret")).toBeDefined();
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Secret");
      ws.visibility = "Hidden";
      ws.delete();
      await ctx.sync();
    });
    expect(x.model.find("Secret")).toBeUndefined();
  });

  test("deleting the active sheet makes the next visible sheet on its right active (else the one on its left); adding a sheet does not activate it", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.add("Extra");
      ctx.workbook.worksheets.getItem("Data").getRange("B2").select();
      await ctx.sync();
    });
    expect(x.model.activeSheet).toBe("Data");
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem("Data").delete());
    // Data, Secret (very hidden), Blank, Extra: the next visible on the right is Blank.
    expect(x.model.activeSheet).toBe("Blank");
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Extra").activate();
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Extra").delete();
    });
    expect(x.model.activeSheet).toBe("Blank");
    const active = await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet().load("name");
      const sel = ctx.workbook.getSelectedRange().load("address");
      await ctx.sync();
      return [ws.name, sel.address];
    });
    expect(active).toEqual(["Blank", "Blank!A1"]);
  });

  test("getSelectedRange fails with InvalidSelection while a chart or shape is selected", async () => {
    const x = await fake();
    x.model.objectSelected = true;
    const e = await rejection(x.run(async (ctx) => void ctx.workbook.getSelectedRange().load("address")));
    expect(e.code).toBe("InvalidSelection");
  });

  test("while a cell is being edited Excel refuses the whole batch before running any of it", async () => {
    const x = await fake();
    x.cellEditMode = true;
    const e = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A1").values = [["changed"]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperationInCellEditMode");
    expect(x.model.find("Data")!.cell(0, 0)!.value).toBe("name");
  });

  test("on the Excel 2019 builds of office-js issue 2196 freezeRows fails with GeneralException at WorksheetFreezePanes.freezeRows", async () => {
    const x = await fake();
    x.freezeRowsFails = true;
    const e = await rejection(x.run(async (ctx) => ctx.workbook.worksheets.getItem("Data").freezePanes.freezeRows(1)));
    expect([e.code, e.debugInfo.errorLocation?.split(" ")[0]]).toEqual(["GeneralException", "WorksheetFreezePanes.freezeRows"]);
  });

  test("text typed into a General cell becomes a number, date, time or boolean as in Excel; an apostrophe keeps it text", async () => {
    const x = await fake();
    const typed = ["1,000", "50%", "(12)", "¥1,200", "１２３", "2024/5/20", "2024年5月20日", "5/20", "10:30", "true", "No.5", "ISO 27001 の準備", "'2024/5/20"];
    const read = await x.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Blank").getRangeByIndexes(0, 0, 1, typed.length);
      r.values = [typed];
      r.load("values");
      await ctx.sync();
      return r.values[0];
    });
    expect(read).toEqual([1000, 0.5, -12, 1200, 123, 45432, 45432, 45432, 10.5 / 24, true, "No.5", "ISO 27001 の準備", "2024/5/20"]);
  });

  test("a formula entered through the API reads as its result at once, and follows the cells it uses", async () => {
    const x = await fake();
    const read = async () =>
      x.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("Blank").getRange("A1:F1").load("values,formulas");
        await ctx.sync();
        return r.values[0];
      });
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Blank");
      ws.getRange("A3:B5").values = [
        ["はい", 4],
        ["いいえ", 0],
        ["わからない", -1],
      ];
      ws.getRange("A1:F1").formulas = [
        ["", '=IF(A1="","",IFERROR(VLOOKUP(A1,$A$3:$B$5,2,FALSE),""))', "=SUM(B1:B2)", "=COUNTBLANK(A1:A2)", '=IF(C1>=4,"良","要改善")', '="残り"&D1&"件"'],
      ];
      await ctx.sync();
    });
    expect(await read()).toEqual(["", "", 0, 2, "要改善", "残り2件"]);
    await x.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Blank").getRange("A1").values = [["はい"]]));
    expect(await read()).toEqual(["はい", 4, 4, 1, "良", "残り1件"]);
    await x.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Blank").getRange("A1").values = [["たぶん"]]));
    expect(await read()).toEqual(["たぶん", "", 0, 1, "要改善", "残り1件"]);
    // What the fake cannot compute is refused, not read as "".
    await x.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Blank").getRange("G1").formulas = [["=NOW()"]]));
    const e = await rejection(x.run(async (ctx) => void ctx.workbook.worksheets.getItem("Blank").getRange("G1").load("values")));
    expect(e.code).toBe("NotImplemented");
  });

  test("a Text-formatted cell with more than 255 characters shows ####; in General it shows its text", async () => {
    const x = await fake();
    const long = "あ".repeat(256);
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Blank");
      ws.getRange("A1:B1").numberFormat = [["@", "@"]];
      ws.getRange("A1:C1").values = [[long, long.slice(1), long]];
    });
    const sheet = x.model.find("Blank")!;
    expect([0, 1, 2].map((c) => sheet.shownText(0, c))).toEqual(["########", long.slice(1), long]);
  });
});

describe("data validation rules (Excel.DataValidationRule: one list or date rule; DataValidationAlertStyle)", () => {
  test("a date rule with an ISO first day and the Information style are kept, as the file records them", async () => {
    const x = await fake();
    await x.run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem("Blank").getRange("C2:C9").dataValidation;
      dv.rule = { date: { formula1: "2000-01-01", operator: "GreaterThanOrEqualTo" } } as Excel.DataValidationRule;
      dv.errorAlert = { showAlert: true, style: "Information", message: "m", title: "" } as Excel.DataValidationErrorAlert;
      await ctx.sync();
    });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await x.toXlsx()) as unknown as ExcelJS.Buffer);
    const model = (back.getWorksheet("Blank") as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    // ExcelJS reads a validated range back cell by cell.
    for (const cell of ["C2", "C9"])
      expect(model[cell]).toEqual(
        expect.objectContaining({ type: "date", operator: "greaterThanOrEqual", errorStyle: "information", formulae: [new Date("2000-01-01T00:00:00Z")] }),
      );
  });

  test("two rules at once, a date that is none, a missing formula2 with Between, and an unknown alert style are refused", async () => {
    for (const rule of [
      { list: { source: "a,b" }, date: { formula1: "2000-01-01", operator: "GreaterThan" } },
      { date: { formula1: "tomorrow", operator: "GreaterThan" } },
      { date: { formula1: "2000-01-01", operator: "Between" } },
    ]) {
      const x = await fake();
      const e = await rejection(
        x.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Blank").getRange("C2").dataValidation.rule = rule as Excel.DataValidationRule;
          await ctx.sync();
        }),
      );
      expect(e.code).toBe("InvalidArgument");
    }
    const x = await fake();
    const e = await rejection(
      x.run(async (ctx) => {
        const dv = ctx.workbook.worksheets.getItem("Blank").getRange("C2").dataValidation;
        dv.rule = { list: { inCellDropDown: true, source: "a,b" } };
        dv.errorAlert = { showAlert: true, style: "Gentle" as never, message: "", title: "" };
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
  });
});
