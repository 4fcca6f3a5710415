/// <reference types="office-js" />
/**
 * The Office.js host run against the fake Excel, as the host tests call it: the capabilities the
 * fake reports, a read and an apply each with the syncs they cost, and a snapshot reduced to what
 * both hosts give alike.
 */
import type { Plan } from "../../src/core/plan";
import type { SheetSnapshot, WorkbookSnapshot } from "../../src/core/snapshot";
import { applyPlan, detectCapabilities, readSnapshot, type ApplyOptions, type ReadOptions } from "../../src/excel";
import type { FakeExcel } from "../fakeExcel";

export const caps = (x: FakeExcel) => detectCapabilities(x.isSetSupported);

/** readSnapshot in one Excel.run; `fake`: the syncs it cost as the fake counted them. */
export async function hostRead(x: FakeExcel, options: ReadOptions = {}) {
  const from = x.syncs.length;
  const result = await x.run((ctx) => readSnapshot(ctx, { capabilities: caps(x), ...options }));
  return { ...result, fake: x.since(from) };
}

/** applyPlan in one Excel.run; `from`: the index of its first sync, `fake`: the syncs it cost. */
export async function hostApply(x: FakeExcel, plan: Plan, options: Omit<ApplyOptions, "capabilities"> = {}) {
  const from = x.syncs.length;
  const result = await x.run((ctx) => applyPlan(ctx, plan, { capabilities: caps(x), ...options }));
  return { ...result, from, fake: x.since(from) };
}

/**
 * The snapshot as both hosts can give it: hidden rows and columns within the used range only, and
 * no sheet ids (each host has its own kind).
 */
export function withinUsedRange(s: WorkbookSnapshot): WorkbookSnapshot {
  const clip = ({ id: _, ...sheet }: SheetSnapshot): SheetSnapshot => {
    const bottom = sheet.top + sheet.values.length - 1;
    const right = sheet.left + Math.max(-1, ...sheet.values.map((r) => r.length - 1));
    return {
      ...sheet,
      hiddenRows: sheet.hiddenRows.filter((r) => r >= sheet.top && r <= bottom),
      hiddenColumns: sheet.hiddenColumns.filter((c) => c >= sheet.left && c <= right),
    };
  };
  return { ...s, sheets: s.sheets.map(clip) };
}
