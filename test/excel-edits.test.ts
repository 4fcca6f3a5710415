/// <reference types="office-js" />
/**
 * The pane's edits written cell by cell through the Office.js host (src/excel/applyEdits.ts,
 * decided by core/report/cellEdits.ts, run by src/pane/editFlow.ts) against the strict fake: a
 * rating, a note and a plan edit each take at most 2 syncs and a small part of the bytes the full
 * write costs, and land as the full write would put them (the rows stay where they are, the rank
 * column says the new ranks); the user's own formatting on our sheets survives; a changed workbook
 * (renamed sheet, marker gone, a key cell changed) falls back to the full write with the reason;
 * two edits made in quick succession both land. Edits that change the add-in's state (colours on
 * the company's sheets, the plan's measures): excel-edits-state.test.ts.
 */
import ExcelJS from "exceljs";
import { markerColumn } from "../src/core/addinState";
import { a1 } from "../src/core/address";
import type { ItemNo } from "../src/core/catalog/diagnosis";
import { renderMessage } from "../src/core/messages";
import { NO_EDITS, RATING_KEYS } from "../src/core/prioritise";
import { cellAt } from "../src/core/snapshot";
import { PRIORITY_COLS, priorityLayout } from "../src/core/report";
import { applyEdits, readSnapshot } from "../src/excel";
import { Serial, runEdit } from "../src/pane/editFlow";
import type { PaneHost } from "../src/pane/host";
import * as session from "../src/pane/session";
import type { Examined } from "../src/pane/session";
import type { PaneEdit } from "../src/core/report/cellEdits";
import { FakeExcel } from "./fakeExcel";
import { caps } from "./helpers/officeHost";
import { examineNow, writtenSample } from "./helpers/paneOverFake";

jest.setTimeout(120_000);

const written = () => writtenSample();

async function snapshotNow(x: FakeExcel) {
  return (await x.run((ctx) => readSnapshot(ctx, { capabilities: caps(x) }))).snapshot;
}

/** An edit through the pane's path, with what it cost. */
async function edit(x: FakeExcel, host: PaneHost, e: Examined, change: PaneEdit) {
  const from = x.syncs.length;
  const out = await runEdit(host, session, e, "ja", change, () => {});
  const cost = x.syncs.slice(from);
  return {
    out,
    syncs: cost.length,
    bytes: cost.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0),
    requestBytes: cost.reduce((n, s) => n + s.requestBytes, 0),
  };
}

/** A rating change the engine writes in place that moves the item's rank (found on the sample, not assumed). */
function inPlaceRating(e: Examined): PaneEdit {
  for (const p of [...e.priorities].reverse()) {
    for (const key of RATING_KEYS) {
      for (const rating of ["high", "medium", "low"] as const) {
        if (p.ratings[key] === rating) continue;
        const change: PaneEdit = { kind: "rating", no: p.no, key, rating };
        const r = session.editCells(e, "ja", change);
        // One that leaves the state as it is (the colours and the plan's measures: excel-edits-state.test.ts).
        if ("targeted" in r && r.targeted.unsorted && !r.targeted.state) return change;
      }
    }
  }
  throw new Error("no rating change of the sample is written in place");
}

const view = (e: Examined) => e.priorities.map((p) => ({ no: p.no, rank: p.rank, class: p.class, priority: p.priority, ratings: p.ratings, note: p.note }));

describe("edits written cell by cell (Office.js host, strict fake)", () => {
  let full = { syncs: 0, bytes: 0 };

  beforeAll(async () => {
    // The full write an edit cost before: read the workbook, write every sheet of ours.
    const { x, host, e } = await written();
    const from = x.syncs.length;
    await host.run(
      (s) => session.writeSheets(s, "ja", session.withNote(NO_EDITS, e.priorities[0].no, "全体の書き直し")),
      () => {},
    );
    const cost = x.syncs.slice(from);
    full = { syncs: cost.length, bytes: cost.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0) };
  });

  test("a rating edit: 2 syncs, a small payload, the row updated in place with the new ranks", async () => {
    const { x, host, e } = await written();
    const change = inPlaceRating(e);
    const r = await edit(x, host, e, change);
    console.log(
      `edit payloads (request + response, UTF-8 JSON): full write ${full.bytes} bytes in ${full.syncs} syncs; rating ${r.bytes} bytes in ${r.syncs} syncs`,
    );
    expect(r.out.written).toBe("cells");
    expect(r.syncs).toBeLessThanOrEqual(2);
    expect(r.bytes * 10).toBeLessThan(full.bytes);
    expect(r.out.messages.map((m) => m.code)).toEqual(["edit-unsorted"]);

    // What the workbook says now is what the pane shows: read back, the same priorities.
    const again = await examineNow(host);
    expect(view(again)).toEqual(view(r.out.result));
    // The rows stay where they were; the rank column holds each row's new rank.
    expect(again.priorityRows).toEqual(e.priorityRows);
    const sheet = (await snapshotNow(x)).sheets.find((s) => s.name === e.prioritySheet)!;
    const L = priorityLayout();
    const byNo = new Map(r.out.result.priorities.map((p) => [p.no, p]));
    e.priorityRows.forEach((no, i) => {
      expect(cellAt(sheet, L.firstRow + i, PRIORITY_COLS.no)).toBe(no);
      expect(cellAt(sheet, L.firstRow + i, PRIORITY_COLS.rank)).toBe(byNo.get(no)!.rank);
      expect(cellAt(sheet, L.firstRow + i, PRIORITY_COLS.priority)).toBe(byNo.get(no)!.priority);
    });
  });

  test("a note edit and a plan edit: 2 syncs each, small payloads, read back as set", async () => {
    const { x, host, e } = await written();
    const no = e.priorities[3].no;
    const note = await edit(x, host, e, { kind: "note", no, note: "=担当者に確認（5月）" });
    expect(note.out.written).toBe("cells");
    expect(note.syncs).toBeLessThanOrEqual(2);
    expect(note.bytes * 20).toBeLessThan(full.bytes);

    const measure = note.out.result.actionPlan.measures.find((m) => m.headline)!;
    const plan = await edit(x, host, note.out.result, {
      kind: "measure",
      id: measure.id,
      edits: { owner: { name: "山田 太郎" }, due: "2027-03-31", initialCost: 120000 },
    });
    console.log(`note ${note.bytes} bytes in ${note.syncs} syncs; plan ${plan.bytes} bytes in ${plan.syncs} syncs`);
    expect(plan.out.written).toBe("cells");
    expect(plan.syncs).toBeLessThanOrEqual(2);
    expect(plan.bytes * 10).toBeLessThan(full.bytes);

    const again = await examineNow(host);
    expect(again.priorities.find((p) => p.no === no)!.note).toBe("=担当者に確認（5月）");
    const m = again.actionPlan.measures.find((x) => x.id === measure.id)!;
    expect(m).toMatchObject({ ownerText: "山田 太郎", due: "2027-03-31", initialCost: 120000 });
    // The totals are Excel's formulas: recalculated, not written.
    expect(again.actionPlan.totals.initialCost).toBe(120000);
    // The owner's page shows the headline measure's new owner and due date.
    expect(again.owner.summary.headline).toEqual(plan.out.result.owner.summary.headline);
    const owner = (await snapshotNow(x)).sheets.find((s) => s.name === e.ours.find((o) => o.kind === "owner")!.name)!;
    expect(owner.values.flat()).toContain("山田 太郎");

    // Dropping the first measure moves it to the end and another into the headline: the same
    // measures in another order, written row by row (each row's cells checked first).
    const first = again.actionPlan.measures[0];
    const dropped = await edit(x, host, again, { kind: "measure", id: first.id, edits: { status: "dropped" } });
    console.log(`drop (rows reordered) ${dropped.bytes} bytes in ${dropped.syncs} syncs`);
    expect(dropped.out.written).toBe("cells");
    expect(dropped.syncs).toBeLessThanOrEqual(2);
    expect(dropped.bytes * 10).toBeLessThan(full.bytes);
    const last = await examineNow(host);
    expect(last.actionPlan.measures.map((m) => [m.id, m.headline, m.status, m.ownerText, m.due])).toEqual(
      dropped.out.result.actionPlan.measures.map((m) => [m.id, m.headline, m.status, m.ownerText, m.due]),
    );
    expect(last.actionPlan.measures.at(-1)!.id).toBe(first.id);
    expect(last.owner.summary.headline).toEqual(dropped.out.result.owner.summary.headline);
  });

  test("the user's own font and fill on our sheet survive an edit", async () => {
    const { x, host, e } = await written();
    const change = inPlaceRating(e) as Extract<PaneEdit, { kind: "rating" }>;
    const row = priorityLayout().firstRow + e.priorityRows.indexOf(change.no as ItemNo);
    const ratingCell = a1(row, PRIORITY_COLS[change.key]);
    const titleCell = a1(row, PRIORITY_COLS.item);
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(e.prioritySheet!);
      ws.getRange(titleCell).format.fill.color = "#00B0F0";
      ws.getRange(titleCell).format.font.name = "Meiryo";
      ws.getRange(ratingCell).format.font.italic = true;
      ws.getRange(ratingCell).format.font.name = "Meiryo";
      await ctx.sync();
    });
    const r = await edit(x, host, e, change);
    expect(r.out.written).toBe("cells");
    // As the workbook saves them (the fake reads fills only through Office.js).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await x.toXlsx()) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(e.prioritySheet!)!;
    const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    const formats = {
      titleFill: fillOf(ws.getCell(titleCell)),
      titleFont: ws.getCell(titleCell).font?.name,
      rating: ws.getCell(ratingCell).value,
      ratingFont: { name: ws.getCell(ratingCell).font?.name, italic: ws.getCell(ratingCell).font?.italic, bold: ws.getCell(ratingCell).font?.bold },
      ratingFill: fillOf(ws.getCell(ratingCell)),
    };
    expect(formats.titleFill).toBe("FF00B0F0");
    expect(formats.titleFont).toBe("Meiryo");
    // The rating is the expert's now: bold, as the full write marks it; the rest as the user left it.
    expect(formats.ratingFont).toEqual({ name: "Meiryo", italic: true, bold: true });
    expect(formats.ratingFill).toBe("FFFFF2CC");
    expect(formats.rating).toBe({ high: "高", medium: "中", low: "低" }[change.rating]);
  });

  test("a renamed sheet, a marker gone or a key cell changed: the full write, with the reason", async () => {
    const cases: [string, (ctx: Excel.RequestContext, e: Examined) => void, string][] = [
      ["renamed", (ctx, e) => void (ctx.workbook.worksheets.getItem(e.prioritySheet!).name = "重点（旧）"), "edit-full-sheet-gone"],
      [
        "marker",
        (ctx, e) => void (ctx.workbook.worksheets.getItem(e.prioritySheet!).getRange(a1(0, MARKER_COL_OF_PRIORITIES)).values = [[""]]),
        "edit-full-marker",
      ],
      [
        "typed",
        (ctx, e) => void (ctx.workbook.worksheets.getItem(e.prioritySheet!).getRange(a1(priorityLayout().firstRow, PRIORITY_COLS.no)).values = [[99]]),
        "edit-full-moved",
      ],
    ];
    for (const [label, change, code] of cases) {
      const { x, host, e } = await written();
      await x.run(async (ctx) => {
        change(ctx, e);
        await ctx.sync();
      });
      const r = await edit(x, host, e, { kind: "note", no: e.priorities[0].no, note: `メモ（${label}）` });
      expect([label, r.out.written]).toEqual([label, "full"]);
      expect(r.out.messages.map((m) => m.code)).toContain(code);
      for (const m of r.out.messages) expect(renderMessage(m, "ja")).not.toMatch(/\{|msg\./);
      // The edit is in the workbook all the same.
      expect((await examineNow(host)).priorities.find((p) => p.no === e.priorities[0].no)!.note).toBe(`メモ（${label}）`);
    }
  });

  test("a protected sheet: one read, nothing written cell by cell, and the reason said", async () => {
    const { x, e } = await written();
    x.model.find(e.prioritySheet!)!.protected = true;
    const cells = session.editCells(e, "ja", { kind: "note", no: e.priorities[0].no, note: "保護中" });
    if (!("targeted" in cells)) throw new Error("expected a cell-by-cell edit");
    const from = x.syncs.length;
    const r = await x.run((ctx) => applyEdits(ctx, cells.targeted, { capabilities: caps(x) }));
    expect(r.refused?.code).toBe("edit-full-protected");
    expect(x.syncs.length - from).toBe(1);
    expect(renderMessage(r.refused!, "ja")).toContain(`シート「${e.prioritySheet}」が保護されている`);
  });

  test("two edits made in quick succession both land (the second waits for the first)", async () => {
    const { x, host, e } = await written();
    const serial = new Serial();
    let now = e;
    const one = e.priorities[0].no;
    const two = e.priorities[1].no;
    // Asked for at once, as two quick clicks: each runs at its turn from what the one before left.
    const first = serial.run(async () => (now = (await runEdit(host, session, now, "ja", { kind: "note", no: one, note: "一つ目" }, () => {})).result));
    const second = serial.run(async () => (now = (await runEdit(host, session, now, "ja", { kind: "note", no: two, note: "二つ目" }, () => {})).result));
    expect(serial.pending).toBe(2);
    await Promise.all([first, second]);
    const again = await examineNow(host);
    expect(again.priorities.find((p) => p.no === one)!.note).toBe("一つ目");
    expect(again.priorities.find((p) => p.no === two)!.note).toBe("二つ目");
    void x;
  });
});

/** The marker column of our priority sheet as the engine writes it (right of its 14 columns: MARKER_COL). */
const MARKER_COL_OF_PRIORITIES = markerColumn({ name: "", action: "create", cells: [{ top: 0, left: 0, rows: [Array(14).fill(null)] }] });
