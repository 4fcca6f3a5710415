/// <reference types="office-js" />
/**
 * Edits that change what the add-in's state records, written cell by cell through the Office.js
 * host against the strict fake (core/report/stateEdits.ts, src/excel/applyEdits.ts): a rating that
 * moves an item's class (so the colours on the company's sheets), one that changes which measures
 * the action plan holds, and a measure added. Each is written in at most 2 syncs and leaves the
 * workbook as the full write of the same edit leaves it: the same colours on the company's cells,
 * the same record of their fills in the state, the same plan table (values, fills, borders,
 * dropdowns); clear then gives the company's fills back exactly. A cell recoloured by the company
 * since, or a state that is not what the pane read, falls back to the full write with the reason.
 */
import ExcelJS from "exceljs";
import { readState } from "../src/core/addinState";
import { renderMessage } from "../src/core/messages";
import { NO_EDITS, RATING_KEYS } from "../src/core/prioritise";
import type { PaneEdit } from "../src/core/report/cellEdits";
import { readSnapshot } from "../src/excel";
import { fullWriteEdits, runEdit } from "../src/pane/editFlow";
import type { PaneHost } from "../src/pane/host";
import * as session from "../src/pane/session";
import type { Examined } from "../src/pane/session";
import { FakeExcel } from "./fakeExcel";
import type { FakeSheet } from "./fakeExcel";
import { caps } from "./helpers/officeHost";
import { SAMPLE, examineNow, fakePaneHost, writtenSample } from "./helpers/paneOverFake";

jest.setTimeout(300_000);

const written = (apiVersion?: string) => writtenSample({ apiVersion });
const fakeHost = fakePaneHost;

async function stateNow(x: FakeExcel) {
  const { snapshot } = await x.run((ctx) => readSnapshot(ctx, { capabilities: caps(x) }));
  return readState(snapshot)!;
}

/** The company's fills as the sample has them, before the add-in coloured anything. */
async function untouched(apiVersion?: string): Promise<Record<string, string>> {
  return companyFills(await FakeExcel.fromXlsx(SAMPLE, "sample-diagnosis.xlsx", apiVersion ? { apiVersion } : {}), null);
}

/** The full write of an edit, as the pane does it when the cells cannot be written alone. */
async function fullWrite(host: PaneHost, change: PaneEdit): Promise<void> {
  const { pending, plan } = fullWriteEdits(session, change);
  await host.run(
    (s) => session.writeSheets(s, "ja", pending, plan),
    () => {},
  );
}

const sheetOf = (x: FakeExcel, name: string): FakeSheet => x.model.find(name)!;

/** Every filled cell of the company's sheets: its fill as the model holds it. */
function companyFills(x: FakeExcel, e: Examined | null): Record<string, string> {
  const ours = new Set([...(e?.ours ?? []).map((s) => s.name.toLowerCase()), "shindancoachstate"]);
  const out: Record<string, string> = {};
  for (const s of x.model.sheets) {
    if (ours.has(s.name.toLowerCase())) continue;
    for (const [r, row] of s.cells) for (const [c, cell] of row) if (cell.style.fill) out[`${s.name}!${r},${c}`] = JSON.stringify(cell.style.fill);
  }
  return out;
}

/** What the plan sheet shows, cell by cell: value, fill, bold, the four borders; and its dropdowns. */
function planTable(x: FakeExcel, name: string) {
  const s = sheetOf(x, name);
  const cells: Record<string, unknown> = {};
  for (const [r, row] of s.cells) {
    for (const [c, cell] of row) {
      const st = cell.style;
      const fill = (st.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb ?? null;
      const sides = st.border ? (["top", "bottom", "left", "right"] as const).filter((k) => st.border![k]?.style).join("") : "";
      const v = cell.formula !== undefined ? `=${cell.formula}` : cell.value;
      if ((v === null || v === "") && !fill && !sides && !st.font?.bold) continue;
      cells[`${r},${c}`] = { v: v instanceof Date ? v.toISOString() : v, fill, bold: Boolean(st.font?.bold), sides };
    }
  }
  const validations = s.validations
    .map((v) => ({ range: v.range, type: v.validation.type, formulae: v.validation.formulae?.map(String) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { cells, validations };
}

const view = (e: Examined) => ({
  priorities: e.priorities.map((p) => ({ no: p.no, rank: p.rank, class: p.class, ratings: p.ratings, note: p.note })),
  plan: e.actionPlan.measures.map((m) => [m.id, m.headline, m.status, m.text]),
  headline: e.owner.summary.headline,
});

/** The state's record of coloured cells and of the plan, as a set (the order of records does not matter). */
async function stateRecord(x: FakeExcel) {
  const s = await stateNow(x);
  return {
    highlights: s.highlights.map((h) => JSON.stringify([h.sheet, h.cell, h.applied, h.original, h.value ?? null])).sort(),
    // Which measures were written and added: sets (core/actionPlan.ts reads them so).
    actionPlan: s.actionPlan && { written: [...s.actionPlan.written].sort(), added: [...s.actionPlan.added].sort() },
  };
}

type Kind = "colour-added" | "colour-removed" | "colour-changed" | "plan-grows" | "plan-shrinks";

/** Rating changes of the sample that change the state, one of each kind (found on the sample, not assumed). */
function stateEdits(e: Examined): Map<Kind, PaneEdit> {
  const found = new Map<Kind, PaneEdit>();
  for (const p of e.priorities) {
    for (const key of RATING_KEYS) {
      for (const rating of ["high", "medium", "low"] as const) {
        if (p.ratings[key] === rating) continue;
        const change: PaneEdit = { kind: "rating", no: p.no, key, rating };
        const r = session.editCells(e, "ja", change);
        if (!("targeted" in r) || !r.targeted.state) continue;
        const { colours, actionPlan } = r.targeted.state;
        const kinds: Kind[] = [];
        if (colours.some((c) => c.from === null)) kinds.push("colour-added");
        if (colours.some((c) => c.to === null)) kinds.push("colour-removed");
        if (colours.some((c) => c.from !== null && c.to !== null)) kinds.push("colour-changed");
        if (actionPlan && actionPlan.after.length > actionPlan.before.length) kinds.push("plan-grows");
        if (actionPlan && actionPlan.after.length < actionPlan.before.length) kinds.push("plan-shrinks");
        for (const k of kinds) if (!found.has(k)) found.set(k, change);
      }
    }
  }
  return found;
}

describe("edits that change the add-in's state, written cell by cell (Office.js host, strict fake)", () => {
  test("of the sample's 150 rating changes, all but those that change a sheet's layout are written cell by cell", async () => {
    const { e } = await written();
    const tally: Record<string, number> = {};
    for (const p of e.priorities)
      for (const key of RATING_KEYS)
        for (const rating of ["high", "medium", "low"] as const) {
          if (p.ratings[key] === rating) continue;
          const r = session.editCells(e, "ja", { kind: "rating", no: p.no, key, rating });
          const k = "targeted" in r ? (r.targeted.state ? "cells+state" : "cells") : `full:${JSON.stringify(r.full?.params ?? null)}`;
          tally[k] = (tally[k] ?? 0) + 1;
        }
    console.log(`rating changes of the sample by how they are written: ${JSON.stringify(tally)}`);
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(150);
    expect((tally.cells ?? 0) + (tally["cells+state"] ?? 0)).toBeGreaterThanOrEqual(145);
    expect(tally["cells+state"]).toBeGreaterThan(0);
  });

  test("each kind of state change: ≤ 2 syncs, and the workbook as the full write leaves it; clear gives the company's fills back", async () => {
    const base = await written();
    const original = await untouched();
    const kinds = stateEdits(base.e);
    expect([...kinds.keys()].sort()).toEqual(["colour-added", "colour-changed", "colour-removed", "plan-grows", "plan-shrinks"]);
    const fullCost = { bytes: 0, syncs: 0 };
    for (const [kind, change] of kinds) {
      const t = await written();
      const f = await written();
      const from = t.x.syncs.length;
      const out = await runEdit(t.host, session, t.e, "ja", change, () => {});
      const cost = t.x.syncs.slice(from);
      const bytes = cost.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0);
      const fFrom = f.x.syncs.length;
      await fullWrite(f.host, change);
      const fCost = f.x.syncs.slice(fFrom);
      fullCost.bytes = fCost.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0);
      fullCost.syncs = fCost.length;
      console.log(`${kind} (${JSON.stringify(change)}): ${bytes} bytes in ${cost.length} syncs; full write ${fullCost.bytes} bytes in ${fullCost.syncs} syncs`);
      expect([kind, out.written, out.messages.filter((m) => m.code.startsWith("edit-full")).map((m) => m.code)]).toEqual([kind, "cells", []]);
      expect(cost.length).toBeLessThanOrEqual(2);
      expect(bytes * 5).toBeLessThan(fullCost.bytes);

      // What the pane shows is what the workbook says now, and what the full write would say.
      const tNow = await examineNow(t.host);
      const fNow = await examineNow(f.host);
      expect(view(tNow)).toEqual(view(out.result));
      expect(view(tNow)).toEqual(view(fNow));
      expect([kind, companyFills(t.x, t.e)]).toEqual([kind, companyFills(f.x, f.e)]);
      expect([kind, await stateRecord(t.x)]).toEqual([kind, await stateRecord(f.x)]);
      expect([kind, planTable(t.x, t.e.planSheet!)]).toEqual([kind, planTable(f.x, f.e.planSheet!)]);

      // Clear gives back every fill of the company's, as before the add-in coloured anything.
      await t.host.run(
        (s) => session.clearSheets(s, "ja"),
        () => {},
      );
      expect([kind, companyFills(t.x, t.e)]).toEqual([kind, original]);
    }
  });

  test("a measure added (an item, then the expert's own) is written cell by cell as the full write writes it", async () => {
    const t = await written();
    const f = await written();
    const outside = t.e.actionPlan.addable[0];
    for (const change of [session.addEdit(outside.id), { kind: "add" as const, id: "own:ptest", edits: { text: "取引先との鍵の受け渡し手順を決める" } }]) {
      const e = await examineNow(t.host);
      const from = t.x.syncs.length;
      const out = await runEdit(t.host, session, e, "ja", change, () => {});
      const cost = t.x.syncs.slice(from);
      console.log(`add ${change.id}: ${cost.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0)} bytes in ${cost.length} syncs`);
      expect(out.written).toBe("cells");
      expect(cost.length).toBeLessThanOrEqual(2);
      await fullWrite(f.host, change);
    }
    const tNow = await examineNow(t.host);
    expect(tNow.actionPlan.measures.map((m) => m.id)).toContain(outside.id);
    expect(tNow.actionPlan.measures.map((m) => m.text)).toContain("取引先との鍵の受け渡し手順を決める");
    expect(view(tNow)).toEqual(view(await examineNow(f.host)));
    expect(await stateRecord(t.x)).toEqual(await stateRecord(f.x));
    expect(planTable(t.x, t.e.planSheet!)).toEqual(planTable(f.x, f.e.planSheet!));
  });

  test("at ExcelApi 1.8 (no getCellProperties) the same edits are written cell by cell and undone", async () => {
    const base = await written("1.8");
    const original = await untouched("1.8");
    const change = stateEdits(base.e).get("colour-added")!;
    const out = await runEdit(base.host, session, base.e, "ja", change, () => {});
    expect(out.written).toBe("cells");
    await base.host.run(
      (s) => session.clearSheets(s, "ja"),
      () => {},
    );
    expect(companyFills(base.x, base.e)).toEqual(original);
  });

  test("a workbook in the 1904 date system: an edit next to the plan's dates is written cell by cell, the dates read back", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(SAMPLE as unknown as ExcelJS.Buffer);
    wb.properties.date1904 = true;
    const x = await FakeExcel.fromXlsx(Buffer.from(await wb.xlsx.writeBuffer()), "sample-1904.xlsx");
    expect(x.model.date1904).toBe(true);
    const host = fakeHost(x);
    const { result: e } = await host.run(
      (s) => session.writeSheets(s, "ja", NO_EDITS),
      () => {},
    );
    const m = e.actionPlan.measures[0];
    const out = await runEdit(host, session, e, "ja", { kind: "measure", id: m.id, edits: { due: "2027-03-31" } }, () => {});
    expect([out.written, out.messages.map((x) => x.code)]).toEqual(["cells", []]);
    // Again: now the cell written holds a date, which the check reads back as a 1904 serial number.
    const second = await runEdit(host, session, out.result, "ja", { kind: "measure", id: m.id, edits: { due: "2027-04-30" } }, () => {});
    expect([second.written, second.messages.map((x) => x.code)]).toEqual(["cells", []]);
    const now = await examineNow(host);
    const again = now.actionPlan.measures.find((x) => x.id === m.id)!;
    expect([again.due, again.checkpoint]).toEqual(["2027-04-30", m.checkpoint]);
    expect(now.actionPlan.date).toBe(e.actionPlan.date);
  });

  test("a company cell recoloured since, or a state that is not what the pane read: the full write, with the reason", async () => {
    // The company paints a cell the edit would uncolour.
    {
      const { x, host, e } = await written();
      const change = stateEdits(e).get("colour-removed")!;
      const r = session.editCells(e, "ja", change);
      if (!("targeted" in r)) throw new Error("expected a cell-by-cell edit");
      const c = r.targeted.state!.colours.find((k) => k.to === null)!;
      await x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(c.sheet).getRangeByIndexes(c.row, c.col, 1, 1).format.fill.color = "#00B0F0";
        await ctx.sync();
      });
      const out = await runEdit(host, session, e, "ja", change, () => {});
      expect(out.written).toBe("full");
      expect(out.messages[0].code).toBe("edit-full-colour");
      expect(renderMessage(out.messages[0], "ja")).toContain(`シート「${c.sheet}」のセル`);
      expect(view(await examineNow(host))).toEqual(view(out.result));
    }
    // Another writer changed the state since the pane read it (here: the plan's record).
    {
      const { x, host, e } = await written();
      const change = stateEdits(e).get("plan-grows")!;
      const state = await stateNow(x);
      const { stateCells } = await import("../src/core/addinState");
      const cells = stateCells({ ...state, actionPlan: { written: state.actionPlan!.written.slice(1), added: [] } });
      await x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("ShindanCoachState").getRange(`A1:A${cells.length}`).values = cells.map((v) => [v]);
        await ctx.sync();
      });
      const out = await runEdit(host, session, e, "ja", change, () => {});
      expect(out.written).toBe("full");
      expect(out.messages[0].code).toBe("edit-full-state");
      expect(renderMessage(out.messages[0], "en")).toContain("hidden sheet");
    }
  });
});
