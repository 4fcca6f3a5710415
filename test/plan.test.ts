import { checkPlan } from "../src/core/plan";

test("checkPlan refuses a row taller than Excel allows (409 points)", () => {
  const sheet = { name: "まとめ", action: "create" as const, cells: [] };
  expect(checkPlan({ sheets: [{ ...sheet, rowHeights: [{ row: 3, height: 409 }] }] })).toEqual([]);
  expect(checkPlan({ sheets: [{ ...sheet, rowHeights: [{ row: 3, height: 410 }] }] })).toEqual([
    expect.objectContaining({ code: "plan-internal", params: { detail: 'sheet "まとめ": row 3 height 410 is outside 0–409 points' } }),
  ]);
});
