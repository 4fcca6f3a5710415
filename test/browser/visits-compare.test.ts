/**
 * Comparing with an earlier workbook in the pane (issue #14): the preview holds the visit-3
 * workbook (a 〇 grid), the coach picks the visit-1 workbook (typed answers) on the 推移 tab, and
 * the pane shows the change first → last as the fixtures write it down (never computed by the
 * engine); a file that is not a workbook is refused with the reason, nothing compared.
 */
import { act, ARTIFACTS, byId, describeBrowser, eventually, openTab, paneSession } from "./harness";
import { join } from "node:path";
import { FIXTURES, VISIT_COMPARISON } from "../../scripts/fixtures";
import { itemShort } from "../../src/core/report/common";

jest.setTimeout(600_000);

const fixture = (id: string) => FIXTURES.find((f) => f.id === id)!;

describeBrowser("the pane compares with an earlier workbook", () => {
  const session = paneSession({ built: ["taskpane.html", "preview.html"] });

  test("visit 1 (typed answers) picked beside visit 3 (a 〇 grid): the totals, the band and the items that changed", async () => {
    const pane = await session.open({ mode: "preview", width: 320, height: 900 });
    const { page } = pane;
    const last = Buffer.from(await fixture(VISIT_COMPARISON.last).build());
    await act(page, "open visit 3", () =>
      byId(page, "file-input").setInputFiles({
        name: "visit-3.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: last,
      }),
    );
    await openTab(page, "visits");

    // Not a workbook: the reason, nothing compared.
    await byId(page, "earlier-file").setInputFiles({ name: "answers.csv", mimeType: "text/csv", buffer: Buffer.from("1,2,3\n") });
    await eventually(
      () => byId(page, "earlier-failure").textContent(),
      (v) => expect(v).toContain("answers.csv"),
    );
    await expect(byId(page, "earlier-table").count()).resolves.toBe(0);

    const first = Buffer.from(await fixture(VISIT_COMPARISON.first).build());
    await byId(page, "earlier-file").setInputFiles({
      name: "visit-1.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: first,
    });
    await eventually(
      () => byId(page, "earlier-total").textContent(),
      (v) => expect(v).toContain(`${VISIT_COMPARISON.totals.from} 点 → ${VISIT_COMPARISON.totals.to} 点`),
    );
    await expect(byId(page, "earlier-failure").count()).resolves.toBe(0);
    const total = (await byId(page, "earlier-total").textContent()) ?? "";
    expect(total).toContain(`+${VISIT_COMPARISON.totals.to - VISIT_COMPARISON.totals.from}`);
    const improved = (await byId(page, "earlier-improved").textContent()) ?? "";
    for (const no of VISIT_COMPARISON.improved) expect(improved).toContain(`${no}. ${itemShort(no, "ja")}`);
    const worse = (await byId(page, "earlier-worse").textContent()) ?? "";
    for (const no of VISIT_COMPARISON.worse) expect(worse).toContain(`${no}. ${itemShort(no, "ja")}`);
    for (const no of VISIT_COMPARISON.same) expect(`${improved}${worse}`).not.toContain(`${no}. ${itemShort(no, "ja")}`);
    // The file names say which visit is which.
    const table = (await byId(page, "earlier-table").textContent()) ?? "";
    expect(table.indexOf("visit-1.xlsx")).toBeLessThan(table.indexOf("visit-3.xlsx"));
    await byId(page, "earlier").screenshot({ path: join(ARTIFACTS, "preview-earlier-320.png") });
    expect(pane.guard.pageErrors).toEqual([]);
  });
});
