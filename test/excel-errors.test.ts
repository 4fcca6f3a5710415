/// <reference types="office-js" />
/**
 * Where Excel says a request failed (OfficeExtension.Error's debugInfo.errorLocation) is kept in
 * the technical detail the pane shows under its sentence (src/excel/errors.ts → the pane's
 * errorText).
 */
import ExcelJS from "exceljs";
import { ExcelHostError } from "../src/excel";
import { SyncCounter } from "../src/excel/errors";
import { PaneActionError, errorText } from "../src/pane/host";
import { FakeExcel } from "./fakeExcel";
import { hostApply } from "./helpers/officeHost";
import type { Plan } from "../src/core/plan";

/** The detail the pane shows for an error the Excel host threw (src/pane/excelHost.ts wraps it so). */
const paneDetail = (e: unknown) => errorText(new PaneActionError("write", "nothing", errorText(e), { cause: e }));

describe("errorLocation in the technical detail", () => {
  test("an OfficeExtension.Error's errorLocation is in the host's error and the pane's detail", async () => {
    const officeError = Object.assign(new Error("The argument is invalid or missing or has an incorrect format."), {
      name: "RichApi.Error",
      code: "InvalidArgument",
      debugInfo: { code: "InvalidArgument", message: "The argument is invalid or missing or has an incorrect format.", errorLocation: "Range.merge" },
    });
    const context = { sync: () => Promise.reject(officeError) } as unknown as Excel.RequestContext;
    const e = await new SyncCounter(context).sync("writing the add-in's sheets").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExcelHostError);
    expect((e as ExcelHostError).location).toBe("Range.merge");
    expect(paneDetail(e)).toContain("InvalidArgument at Range.merge");
  });

  test("an error without a location says none", async () => {
    const officeError = Object.assign(new Error("An internal error has occurred."), { code: "GeneralException", debugInfo: { code: "GeneralException" } });
    const context = { sync: () => Promise.reject(officeError) } as unknown as Excel.RequestContext;
    const e = (await new SyncCounter(context).sync("checking").catch((x: unknown) => x)) as ExcelHostError;
    expect(e.location).toBeUndefined();
    expect(e.message).toContain("(GeneralException: An internal error has occurred.)");
  });

  test("through the fake Excel: the failing member is named in what the pane shows", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = "x";
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    // A merge Excel refuses for a reason the fake does not model.
    const x = await FakeExcel.fromXlsx(bytes, "book.xlsx", { refuse: (_path, action) => (action === "merge" ? "InvalidOperation" : undefined) });
    const plan: Plan = {
      sheets: [
        {
          name: "Notes",
          action: "create",
          cells: [{ top: 0, left: 0, rows: [[{ value: "a" }, { value: "b" }]] }],
          merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
        },
      ],
    };
    const e = await hostApply(x, plan).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExcelHostError);
    expect((e as ExcelHostError).location).toMatch(/^Range\.merge /);
    expect(paneDetail(e)).toMatch(/InvalidOperation at Range\.merge /);
  });
});
