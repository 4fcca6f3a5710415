/// <reference lib="dom" />
/**
 * The pane's edits written cell by cell into a workbook file (src/xlsx/cellEdits.ts, the browser
 * preview's way): through the preview host a rating, a note and a plan edit land as the pane shows
 * them (a drop that reorders the plan's rows too), and only the changed cells of our sheets are written again: the user's own fill and font on
 * our sheet stay, as does every other part of the file; a sheet renamed since falls back to the
 * full write with the reason, as does an edit that changes the add-in's state (the colours on the
 * company's sheets, the plan's measures), which the preview writes in full.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { renderMessage } from "../src/core/messages";
import { NO_EDITS, RATING_KEYS } from "../src/core/prioritise";
import { a1 } from "../src/core/address";
import { PRIORITY_COLS, priorityLayout } from "../src/core/report";
import type { PaneEdit } from "../src/core/report/cellEdits";
import { runEdit } from "../src/pane/editFlow";
import { previewHost } from "../src/pane/previewHost";
import * as session from "../src/pane/session";
import type { Examined } from "../src/pane/session";
import { applyEditsToPackage } from "../src/xlsx/cellEdits";
import { nodeInflate } from "../src/xlsx/nodeInflate";
import { nodeDeflate } from "../src/xlsx/nodeDeflate";
import { applyPlanToPackage } from "../src/xlsx/writePackage";
import { loadExcelJs, snapshotFromWorkbook } from "../src/xlsx/readSnapshot";

jest.setTimeout(120_000);

const SAMPLE = readFileSync(join(__dirname, "..", "samples", "sample-diagnosis.xlsx"));
const NAME = "sample-diagnosis.xlsx";
const fileOf = (bytes: Buffer) => new File([new Uint8Array(bytes)], NAME);
const io = { inflate: nodeInflate, deflate: nodeDeflate };

function inPlaceRating(e: Examined): Extract<PaneEdit, { kind: "rating" }> {
  for (const p of [...e.priorities].reverse())
    for (const key of RATING_KEYS)
      for (const rating of ["high", "medium", "low"] as const) {
        if (p.ratings[key] === rating) continue;
        const change = { kind: "rating" as const, no: p.no, key, rating };
        const r = session.editCells(e, "ja", change);
        // The preview writes state changes (colours, the plan's measures) in full: see below.
        if ("targeted" in r && r.targeted.unsorted && !r.targeted.state) return change;
      }
  throw new Error("no rating change of the sample is written in place");
}

const view = (e: Examined) => e.priorities.map((p) => ({ no: p.no, rank: p.rank, class: p.class, priority: p.priority, ratings: p.ratings, note: p.note }));

describe("edits written cell by cell (preview host, workbook file)", () => {
  test("a rating, a note and a plan edit through the preview host land as the pane shows them", async () => {
    const host = previewHost();
    await host.file.open(fileOf(SAMPLE));
    let e = (
      await host.run(
        (s) => session.writeSheets(s, "ja", NO_EDITS),
        () => undefined,
      )
    ).result;
    const examineNow = async () =>
      (
        await host.run(
          (s) => ({ plan: null, result: session.examine(s, "ja") }),
          () => undefined,
        )
      ).result;

    const rating = await runEdit(host, session, e, "ja", inPlaceRating(e), () => undefined);
    expect(rating.written).toBe("cells");
    expect(view(await examineNow())).toEqual(view(rating.result));
    e = rating.result;

    const note = await runEdit(host, session, e, "ja", { kind: "note", no: e.priorities[2].no, note: "=確認 <済> & 次回 _x0041_" }, () => undefined);
    expect(note.written).toBe("cells");
    e = note.result;
    const measure = e.actionPlan.measures.find((m) => m.headline)!;
    const plan = await runEdit(
      host,
      session,
      e,
      "ja",
      { kind: "measure", id: measure.id, edits: { owner: { name: "佐藤" }, due: "2027-04-30", days: 3 } },
      () => undefined,
    );
    expect([plan.written, plan.messages.map((m) => renderMessage(m, "en"))]).toEqual(["cells", []]);

    const again = await examineNow();
    expect(view(again)).toEqual(view(plan.result));
    expect(again.priorities.find((p) => p.no === e.priorities[2].no)!.note).toBe("=確認 <済> & 次回 _x0041_");
    expect(again.actionPlan.measures.find((m) => m.id === measure.id)).toMatchObject({ ownerText: "佐藤", due: "2027-04-30", days: 3 });
    expect(again.actionPlan.totals.days).toBe(3);
    expect(again.owner.summary.headline).toEqual(plan.result.owner.summary.headline);

    // A drop reorders the plan's rows and its headline: written row by row all the same.
    const dropped = await runEdit(
      host,
      session,
      again,
      "ja",
      { kind: "measure", id: again.actionPlan.measures[0].id, edits: { status: "dropped" } },
      () => undefined,
    );
    expect([dropped.written, dropped.messages.map((m) => JSON.stringify(m))]).toEqual(["cells", []]);
    const last = await examineNow();
    const rows = (x: Examined) => x.actionPlan.measures.map((m) => [m.id, m.headline, m.status, m.ownerText, m.due, m.days]);
    expect(rows(last)).toEqual(rows(dropped.result));
    expect(last.owner.summary.headline).toEqual(dropped.result.owner.summary.headline);
  });

  test("only the changed cells are written: the user's fill and font on our sheet stay, other parts byte for byte", async () => {
    // Our sheets written, then formatted by the user (as Excel would save it).
    const wb0 = await loadExcelJs(SAMPLE, NAME);
    const written = session.writeSheets(snapshotFromWorkbook(wb0, NAME), "ja", NO_EDITS);
    const { bytes: out } = await applyPlanToPackage(SAMPLE, wb0, written.plan!, io);
    const user = new ExcelJS.Workbook();
    await user.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    const e = session.examine(snapshotFromWorkbook(user, NAME), "ja");
    const change = inPlaceRating(e);
    const row = priorityLayout().firstRow + e.priorityRows.indexOf(change.no);
    const ratingCell = a1(row, PRIORITY_COLS[change.key]);
    const titleCell = a1(row, PRIORITY_COLS.item);
    const ws = user.getWorksheet(e.prioritySheet!)!;
    ws.getCell(titleCell).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B0F0" } };
    ws.getCell(ratingCell).font = { ...ws.getCell(ratingCell).font, name: "Meiryo", italic: true };
    const formatted = Buffer.from(await user.xlsx.writeBuffer());

    const cells = session.editCells(session.examine(snapshotFromWorkbook(await loadExcelJs(formatted, NAME), NAME), "ja"), "ja", change);
    if (!("targeted" in cells)) throw new Error("expected a cell-by-cell edit");
    const r = await applyEditsToPackage(formatted, await loadExcelJs(formatted, NAME), cells.targeted, io);
    expect(r.refused).toBeNull();

    const after = new ExcelJS.Workbook();
    await after.xlsx.load(Buffer.from(r.bytes!) as unknown as ExcelJS.Buffer);
    const ws2 = after.getWorksheet(e.prioritySheet!)!;
    expect((ws2.getCell(titleCell).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF00B0F0");
    expect(ws2.getCell(ratingCell).value).toBe({ high: "高", medium: "中", low: "低" }[change.rating]);
    expect(ws2.getCell(ratingCell).font).toMatchObject({ name: "Meiryo", italic: true, bold: true });
    expect((ws2.getCell(ratingCell).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFF2CC");
    // Every part but the priority sheet's and the styles is as it was.
    const before = await JSZip.loadAsync(formatted);
    const now = await JSZip.loadAsync(r.bytes!);
    const changed: string[] = [];
    for (const name of Object.keys(before.files)) {
      if (before.files[name].dir) continue;
      if ((await before.files[name].async("string")) !== (await now.file(name)?.async("string"))) changed.push(name);
    }
    expect(changed.sort()).toEqual(["xl/styles.xml", expect.stringMatching(/^xl\/worksheets\/sheet\d+\.xml$/)]);
  });

  test("a sheet renamed since the pane read it: the full write, with the reason", async () => {
    const host = previewHost();
    const wb0 = await loadExcelJs(SAMPLE, NAME);
    const { bytes: out } = await applyPlanToPackage(SAMPLE, wb0, session.writeSheets(snapshotFromWorkbook(wb0, NAME), "ja", NO_EDITS).plan!, io);
    const e = session.examine(snapshotFromWorkbook(await loadExcelJs(Buffer.from(out), NAME), NAME), "ja");
    const renamed = await loadExcelJs(Buffer.from(out), NAME);
    renamed.getWorksheet(e.prioritySheet!)!.name = "重点（旧）";
    await host.file.open(fileOf(Buffer.from(await renamed.xlsx.writeBuffer())));
    const r = await runEdit(host, session, e, "ja", { kind: "note", no: e.priorities[0].no, note: "メモ" }, () => undefined);
    expect(r.written).toBe("full");
    expect(r.messages.map((m) => m.code)).toContain("edit-full-sheet-gone");
  });

  test("an edit that moves the colours on the company's sheets: the preview writes it in full, and says why", async () => {
    const host = previewHost();
    const wb0 = await loadExcelJs(SAMPLE, NAME);
    const { bytes: out } = await applyPlanToPackage(SAMPLE, wb0, session.writeSheets(snapshotFromWorkbook(wb0, NAME), "ja", NO_EDITS).plan!, io);
    await host.file.open(fileOf(Buffer.from(out)));
    const e = session.examine(snapshotFromWorkbook(await loadExcelJs(Buffer.from(out), NAME), NAME), "ja");
    const recolour = e.priorities
      .flatMap((p) => RATING_KEYS.flatMap((key) => (["high", "medium", "low"] as const).map((rating) => ({ kind: "rating" as const, no: p.no, key, rating }))))
      .find((c) => {
        const r = session.editCells(e, "ja", c);
        return "targeted" in r && (r.targeted.state?.colours.length ?? 0) > 0;
      })!;
    const r = await runEdit(host, session, e, "ja", recolour, () => undefined);
    expect(r.written).toBe("full");
    expect(renderMessage(r.messages[0], "ja")).toContain("会社のシートの色分けが変わるため");
    const again = await host.run(
      (s) => ({ plan: null, result: session.examine(s, "ja") }),
      () => undefined,
    );
    expect(view(again.result)).toEqual(view(r.result));
  });
});
