/// <reference types="office-js" />
/**
 * Two of Excel's documented limits, in the fake and in the Office.js host (issue 11, points 2
 * and 5):
 * - Range.getMergedAreasOrNullObject returns the merged areas that start in the range and fails
 *   above 512 of them: a form-style (方眼紙) sheet past that is still read whole, its merges in
 *   bands; should Excel refuse even those, the read goes on and says which sheets lost them.
 * - Excel on the web takes 5 MB a request, measured as Office.js serialises a batch (actions and
 *   object paths), and often answers an oversized one with GeneralException: the host measures
 *   its writes the same way (never less than the fake), splits them into requests under the
 *   limit or refuses before writing, and reads a large answer refused as GeneralException again
 *   in halves, while a GeneralException on a small request is thrown as it is.
 */
import { FIXTURES, SAMPLE, buildLargeWorkbook, manyRespondents } from "../scripts/fixtures";
import { STATE_SHEET, readState } from "../src/core/addinState";
import { analyseWorkbook } from "../src/core/analyse";
import { renderMessage } from "../src/core/messages";
import { annotatePlan } from "../src/core/report";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { ExcelHostError, applyPlan } from "../src/excel";
import { bands, uniqueAreas } from "../src/excel/mergedAreas";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { FakeExcel, FakeOfficeError, FakeSheet, FakeWorkbookModel, type FakeExcelOptions } from "./fakeExcel";
import { RequestSerialiser } from "./fakeExcel/request";
import { caps, hostApply, hostRead, withinUsedRange } from "./helpers/officeHost";

jest.setTimeout(180_000);

const comparable = withinUsedRange;

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string; cause?: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected a rejection");
}

// ---------------------------------------------------------------------------------------------
// Merged areas

describe("merged areas: Excel returns at most 512 of a range", () => {
  /** A sheet with `n` merged pairs A:B, one a row from row 1, and a tall merge D1:D3. */
  function merged(n: number): FakeExcel {
    const model = new FakeWorkbookModel("m.xlsx");
    const s = new FakeSheet("Form");
    for (let r = 0; r < n; r++) {
      s.merges.push({ top: r, left: 0, bottom: r, right: 1 });
      s.cells.set(r, new Map([[0, { value: `field ${r + 1}`, style: {} }]]));
    }
    s.merges.push({ top: 0, left: 3, bottom: 2, right: 3 });
    model.sheets.push(s);
    return new FakeExcel(model);
  }

  const areasOf = (x: FakeExcel, address: string) =>
    x.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem("Form").getRange(address).getMergedAreasOrNullObject().load("address,areaCount");
      await ctx.sync();
      return a.isNullObject ? null : { address: a.address, count: a.areaCount };
    });

  test("the fake returns the areas that start in the range, and fails above 512 (GeneralException)", async () => {
    const x = merged(513);
    // D1:D3 starts above D2:D5: not returned (office-js issue 3611); from D1 it is.
    expect(await areasOf(x, "D2:D5")).toBeNull();
    expect(await areasOf(x, "D1")).toEqual({ address: "Form!D1:D3", count: 1 });
    expect(await areasOf(x, "B1:B5")).toBeNull();
    expect((await areasOf(x, "A1:B512"))?.count).toBe(512);
    const e = await rejection(areasOf(x, "A1:D513"));
    expect(e).toBeInstanceOf(FakeOfficeError);
    expect(e.code).toBe("GeneralException");
  });

  test("bands cover a region exactly, each of at most 512 cells; an area two bands report is kept once", () => {
    for (const region of [
      { top: 4, left: 2, rows: 100, cols: 36 },
      { top: 0, left: 0, rows: 3, cols: 1_200 },
      { top: 7, left: 1, rows: 1, cols: 1 },
    ]) {
      const seen = new Map<string, number>();
      for (const b of bands(region)) {
        expect(b.rows * b.cols).toBeLessThanOrEqual(512);
        for (let r = b.top; r < b.top + b.rows; r++) for (let c = b.left; c < b.left + b.cols; c++) seen.set(`${r},${c}`, (seen.get(`${r},${c}`) ?? 0) + 1);
      }
      expect(seen.size).toBe(region.rows * region.cols);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      expect(
        [...seen.keys()].every((k) => {
          const [r, c] = k.split(",").map(Number);
          return r >= region.top && r < region.top + region.rows && c >= region.left && c < region.left + region.cols;
        }),
      ).toBe(true);
    }
    const a = { top: 13, left: 3, bottom: 14, right: 23 };
    expect(uniqueAreas([{ top: 20, left: 0, bottom: 20, right: 1 }, a, { ...a }])).toEqual([a, { top: 20, left: 0, bottom: 20, right: 1 }]);
  });

  const form = FIXTURES.find((f) => f.id === "form-merges-over-limit")!;

  test("a 方眼紙 workbook past 512 merged areas on a sheet reads whole in 5 syncs, every merge as the xlsx host reads it", async () => {
    const bytes = await form.build();
    const xlsx = await readWorkbookBuffer(bytes, "form.xlsx");
    expect(xlsx.sheets.map((s) => s.merges.length)).toEqual([138, 534]);
    const x = await FakeExcel.fromXlsx(bytes, "form.xlsx");
    const read = await hostRead(x);
    // Sheets; used ranges with merges (refused); used ranges alone; merges in bands; the cells.
    expect(read.syncs).toBe(5);
    expect(read.fake.syncs).toBe(5);
    expect(read.messages).toEqual([]);
    expect(comparable(read.snapshot)).toEqual(comparable(xlsx));
    const analysis = analyseWorkbook(read.snapshot);
    expect(analysis).toEqual(analyseWorkbook(xlsx));
    // One respondent: the points merged beside each answer belong to it.
    expect(analysis.diagnoses).toHaveLength(1);
    expect(analysis.messages).toEqual([]);
  });

  test("when Excel refuses even the bands, the read goes on without those merges and names each sheet", async () => {
    const bytes = await form.build();
    const xlsx = await readWorkbookBuffer(bytes, "form.xlsx");
    const bands = /\.getRangeByIndexes\([\d,]+\)\.getMergedAreasOrNullObject\(\)$/;
    const x = await FakeExcel.fromXlsx(bytes, "form.xlsx", {
      refuse: (path, action) => (bands.test(path) && action === "load" ? "GeneralException" : undefined),
    });
    const read = await hostRead(x);
    expect(read.syncs).toBe(5);
    expect(read.snapshot.sheets.map((s) => s.merges)).toEqual([[], []]);
    // The values are all there.
    expect(read.snapshot.sheets.map((s) => s.values)).toEqual(xlsx.sheets.map((s) => s.values));
    expect(read.messages.map((m) => [m.code, m.level, m.sheet])).toEqual([
      ["merges-not-read", "warning", "自社診断"],
      ["merges-not-read", "warning", "備品点検表"],
    ]);
    expect(renderMessage(read.messages[0], "ja")).toContain("シート「自社診断」の結合セル");
    expect(renderMessage(read.messages[1], "en")).toContain('The merged cells of sheet "備品点検表" could not be read');
    expect(read.warnings.filter((w) => /merged cells could not be read/.test(w))).toHaveLength(2);
  });

  test("an error that is not about merged areas is thrown, not taken for one", async () => {
    const bytes = await form.build();
    const x = await FakeExcel.fromXlsx(bytes, "form.xlsx", {
      refuse: (path, action) => (/getUsedRangeOrNullObject\(true\)$/.test(path) && action === "load" ? "AccessDenied" : undefined),
    });
    const e = await rejection(hostRead(x));
    expect(e).toBeInstanceOf(ExcelHostError);
    expect(e.code).toBe("AccessDenied");
    // The first try, and the used ranges alone, which fail the same way.
    expect(x.syncs).toHaveLength(3);
  });
});

// ---------------------------------------------------------------------------------------------
// Payloads

describe("requests measured as Office.js sends them", () => {
  test("the fake serialises a batch as Office.js: object paths with their chain, Instantiate actions, the action", () => {
    const body = JSON.parse(
      new RequestSerialiser().serialise([{ path: 'workbook.worksheets.getItem("S").getRange("A1:B1")', action: "set values", args: [["a", "b"]] }]),
    );
    const paths = Object.values(body.ObjectPaths) as {
      Id: number;
      ObjectPathType: number;
      Name: string;
      ParentObjectPathId?: number;
      ArgumentInfo?: { Arguments: unknown[] };
    }[];
    expect(paths.map((p) => [p.ObjectPathType, p.Name, p.ArgumentInfo?.Arguments ?? null])).toEqual([
      [1, "", null],
      [4, "Worksheets", null],
      [5, "", ["S"]],
      [3, "GetRange", ["A1:B1"]],
    ]);
    expect(paths.slice(1).every((p, i) => p.ParentObjectPathId === paths[i].Id)).toBe(true);
    const actions = body.Actions as { ActionType: number; Name: string; ObjectPathId: number; ArgumentInfo?: { Arguments: unknown[] }; L?: number[] }[];
    expect(actions.map((a) => a.ActionType)).toEqual([1, 1, 1, 1, 4]);
    expect(actions[4]).toMatchObject({ Name: "Values", ObjectPathId: paths[3].Id, ArgumentInfo: { Arguments: [[["a", "b"]]] } });
    expect([...actions[4].L!].sort()).toEqual(paths.map((p) => p.Id).sort());
  });

  test("each sync records the size of that request; an oversized one can fail as GeneralException, nothing written", async () => {
    const model = new FakeWorkbookModel("w.xlsx");
    model.sheets.push(new FakeSheet("S"));
    const x = new FakeExcel(model, { payloadLimit: 10_000, oversized: "GeneralException" });
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:B1").values = [["a", "b"]];
      await ctx.sync();
    });
    const expected = new RequestSerialiser().serialise([
      { path: 'workbook.worksheets.getItem("S").getRange("A1:B1")', action: "set values", args: [["a", "b"]] },
    ]);
    expect(x.syncs[0].requestBytes).toBe(Buffer.byteLength(expected));
    const e = await rejection(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A2").values = [["x".repeat(20_000)]];
        await ctx.sync();
      }),
    );
    expect(e).toMatchObject({ code: "GeneralException", message: "An internal error has occurred." });
    expect(model.find("S")!.cell(1, 0)).toBeUndefined();
  });

  /** Reads, plans and applies annotate; the fake's record of every write sync beside the host's measure. */
  async function annotateOn(bytes: Buffer, options: FakeExcelOptions = {}, maxRequestBytes?: number) {
    const x = await FakeExcel.fromXlsx(bytes, "w.xlsx", options);
    const read = await hostRead(x);
    const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja");
    const applied = await hostApply(x, plan, { maxRequestBytes });
    const writes = x.syncs.slice(applied.from + 1);
    return { x, applied, writes };
  }

  test.each([
    ["the sample", 1, () => SAMPLE.build()],
    // 120 respondents now fit one request (4.45 MB): the smallest case over the limit is about 125.
    ["130 respondents", 2, () => manyRespondents(130).build()],
    ["200 respondents", 2, () => manyRespondents(200).build()],
    ["300 respondents", 3, () => manyRespondents(300).build()],
  ])("%s: the host's measure of every write request is at least the fake's, each under 5 MB (%i requests)", async (_label, requests, build) => {
    const bytes = await build();
    const web = await annotateOn(bytes);
    expect(web.applied.syncs).toBe(1 + requests);
    expect(web.writes).toHaveLength(requests);
    expect(web.applied.requestBytes).toHaveLength(requests);
    web.writes.forEach((w, i) => {
      expect(web.applied.requestBytes[i]).toBeGreaterThanOrEqual(w.requestBytes);
      // An upper bound, not a guess: within a fifth of what Office.js sends.
      expect(web.applied.requestBytes[i]).toBeLessThan(w.requestBytes * 1.2);
      expect(w.requestBytes).toBeLessThan(5_000_000);
      expect(w.calculationSuspended).toBe(true);
    });
    // Written in several requests, the workbook is what one request writes (Excel for desktop).
    const desktop = await annotateOn(bytes, { payloadLimit: Infinity }, Infinity);
    expect(desktop.writes).toHaveLength(1);
    const saved = async (x: FakeExcel) => readWorkbookBuffer(await x.toXlsx(), "w.xlsx");
    const [a, b] = [await saved(web.x), await saved(desktop.x)];
    // Each fake gives its sheets their own ids, which the state records.
    const withoutIds = (s: WorkbookSnapshot) => {
      const state = readState(s);
      return {
        sheets: comparable(s).sheets.filter((sh) => sh.name !== STATE_SHEET),
        state: state && { ...state, highlights: state.highlights.map(({ sheetId: _, ...h }) => h) },
      };
    };
    expect(withoutIds(a)).toEqual(withoutIds(b));
    expect(readState(a)?.highlights.length).toBeGreaterThan(0);
  });

  test("a write larger than one request takes is refused before anything is written", async () => {
    const x = await FakeExcel.fromXlsx(await manyRespondents(400).build(), "w.xlsx");
    const read = await hostRead(x);
    const { plan } = annotatePlan(read.snapshot, analyseWorkbook(read.snapshot), "ja");
    const before = await readWorkbookBuffer(await x.toXlsx(), "w.xlsx");
    const from = x.syncs.length;
    const e = await rejection(x.run((ctx) => applyPlan(ctx, plan, { capabilities: caps(x) })));
    expect(e).toBeInstanceOf(ExcelHostError);
    expect(e.code).toBe("RequestTooLarge");
    expect(e.message).toMatch(/more than the 4\.5 MB Excel takes in one request; nothing was written/);
    // Only the check was sent.
    expect(x.syncs.length - from).toBe(1);
    expect(comparable(await readWorkbookBuffer(await x.toXlsx(), "w.xlsx"))).toEqual(comparable(before));
  });
});

describe("GeneralException on a read", () => {
  let large: Buffer;
  let xlsx: WorkbookSnapshot;
  beforeAll(async () => {
    large = await buildLargeWorkbook();
    xlsx = await readWorkbookBuffer(large, "large.xlsx");
  });

  test("an answer over the limit refused as GeneralException is read again in halves", async () => {
    const x = await FakeExcel.fromXlsx(large, "large.xlsx", { payloadLimit: 1_000_000, oversized: "GeneralException" });
    const read = await hostRead(x, { limits: { maxSheetCells: Infinity } });
    expect(read.syncs).toBe(read.fake.syncs);
    expect(read.syncs).toBeGreaterThan(6);
    expect(x.syncs.filter((s) => s.responseBytes > 1_000_000).length).toBeGreaterThan(0);
    expect(comparable(read.snapshot)).toEqual(comparable(xlsx));
  });

  test("a GeneralException on a small request is thrown as it is, without reading again", async () => {
    // Requests of at most 1,000 cells, each answer over 20 kB.
    const x = await FakeExcel.fromXlsx(await SAMPLE.build(), "sample.xlsx", { payloadLimit: 20_000, oversized: "GeneralException" });
    const e = await rejection(hostRead(x, { limits: { maxCellsPerRequest: 1_000 } }));
    expect(e).toBeInstanceOf(ExcelHostError);
    expect(e.code).toBe("GeneralException");
    expect(x.syncs).toHaveLength(3);
  });

  test("a GeneralException that persists on a large request is thrown after a few halvings, not one try per chunk", async () => {
    const x = await FakeExcel.fromXlsx(large, "large.xlsx", { payloadLimit: 20_000, oversized: "GeneralException" });
    const e = await rejection(hostRead(x, { limits: { maxSheetCells: Infinity } }));
    expect(e.code).toBe("GeneralException");
    // Sheets, used ranges; then 80,000 cells halved down to under 2,000: 7 tries.
    expect(x.syncs.length).toBeLessThanOrEqual(2 + 7);
  });
});
