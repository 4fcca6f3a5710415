/**
 * The coach's say on who counts (issue 15, point 3), in the browser preview (production build,
 * headless Chromium): a company with two sites and a 集計 sheet repeating them. In the pane: write
 * the sheets, leave 工場 out, rename 本社 → 本店; the result total and the downloaded workbook's
 * summary sheet follow; analysing again keeps both choices; clear removes them. Screenshots of
 * the list at 500 and 320 px (test/browser/artifacts/), no sideways scrolling at 320 px.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { FIXTURES } from "../../scripts/fixtures";
import { STATE_SHEET, stateOrNull } from "../../src/core/addinState";
import { analyseWorkbook } from "../../src/core/analyse";
import { mainDiagnosis } from "../../src/core/report/common";
import { readWorkbookBuffer } from "../../src/xlsx/readSnapshot";
import { act, ARTIFACTS, byId, describeBrowser, eventually, horizontalOverflow, openTab, type Pane, paneSession, status } from "./harness";
import { readBack } from "./workbook";

jest.setTimeout(600_000);

const NAME = "集計あり.xlsx";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describeBrowser("the coach's say on respondents, in the preview", () => {
  let original: Buffer;

  const session = paneSession({ built: ["preview.html"] });

  beforeAll(async () => {
    original = Buffer.from(await FIXTURES.find((f) => f.id === "resp-aggregation")!.build());
  });

  async function open(width: number, bytes: Buffer): Promise<Pane> {
    const pane = await session.open({ mode: "preview", width, height: 900 });
    await act(pane.page, "choose the workbook (opens and analyses it)", () =>
      byId(pane.page, "file-input").setInputFiles({ name: NAME, mimeType: XLSX, buffer: bytes }),
    );
    return pane;
  }

  const row = (page: Page, name: string) => page.locator(`[data-testid="respondent"][data-name="${name}"]`);
  const rows = async (page: Page) =>
    page.locator('[data-testid="respondent"]').evaluateAll((els) => els.map((e) => [e.getAttribute("data-name"), e.getAttribute("data-counted")]));
  const total = async (page: Page) => {
    await openTab(page, "results");
    const text = (await byId(page, "total").textContent()) ?? "";
    await openTab(page, "found");
    return text;
  };
  async function download(page: Page): Promise<Buffer> {
    await openTab(page, "sheets");
    const [d] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), byId(page, "download").click()]);
    const failure = await d.failure();
    if (failure) throw new Error(`the download failed: ${failure}`);
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync((await d.path())!);
    await openTab(page, "found");
    return bytes;
  }
  async function shoot(page: Page, width: number, suffix = ""): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await byId(page, "found-respondents").scrollIntoViewIfNeeded();
    const file = join(ARTIFACTS, `respondents-found-${width}${suffix ? `-${suffix}` : ""}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  test("leave one out, rename another: the total and the summary sheet follow; a re-run keeps both; clear removes them", async () => {
    const snapshot = await readWorkbookBuffer(original, NAME);
    const both = mainDiagnosis(analyseWorkbook(snapshot))!.total;
    const headOnly = analyseWorkbook(snapshot).diagnoses.find((d) => d.respondent === "本社")!.total;
    expect(headOnly).not.toBe(both);

    const pane = await open(500, original);
    const { page } = pane;
    await openTab(page, "found");
    // Every respondent found: the two sites counted, the 集計 sheet's three columns left out.
    expect(await rows(page)).toEqual([
      ["本社", "true"],
      ["工場", "true"],
      ["集計/本社", "false"],
      ["集計/工場", "false"],
      ["集計/全社", "false"],
    ]);
    expect(await row(page, "集計/全社").textContent()).toContain("本社、工場 の回答を数式で参照した集計");
    expect(await total(page)).toContain(String(both));

    await openTab(page, "sheets");
    await act(page, "write the sheets", () => byId(page, "write-sheets").click());
    await openTab(page, "found");

    // 工場 out: its switch.
    await act(page, "leave 工場 out", () => row(page, "工場").getByTestId("respondent-counted").click());
    await eventually(
      () => row(page, "工場").getAttribute("data-counted"),
      (v) => expect(v).toBe("false"),
    );
    expect(await row(page, "工場").textContent()).toContain("除外を指定しました");
    expect((await status(page)).text).toContain("回答者の指定をブックに記録し");
    // 本社 renamed 本店: typed, saved with Enter.
    const name = row(page, "本社").getByTestId("respondent-name");
    await name.fill("本店");
    await act(page, "rename 本社 to 本店", () => name.press("Enter"));
    await eventually(
      () => rows(page),
      (v) => expect(v[0]).toEqual(["本店", "true"]),
    );
    expect(await row(page, "本店").textContent()).toContain("見つかった名前: 本社");
    expect(await total(page)).toContain(String(headOnly));
    await shoot(page, 500);

    // The workbook: the choices recorded, the summary sheet under the new name, saying who was left out.
    const annotated = await readBack(await download(page), NAME);
    expect(stateOrNull(annotated.snapshot)?.respondents).toEqual([
      { sheet: "工場", found: "工場", counted: false },
      { sheet: "本社", found: "本社", name: "本店" },
    ]);
    expect(annotated.analysis.diagnoses.map((d) => d.respondent)).toEqual(["本店"]);
    expect(mainDiagnosis(annotated.analysis)!.total).toBe(headOnly);
    const summaryName = annotated.ours.find((s) => s.kind === "summary")!.name;
    const summary = annotated.snapshot.sheets
      .find((s) => s.name === summaryName)!
      .values.flat()
      .filter((v) => typeof v === "string")
      .join("\n");
    expect(summary).toContain("本店（シート「本社」）の回答による結果です。");
    expect(summary).toContain("工場（シート「工場」）: コーチの判断で除外");
    expect(summary).toContain("集計/全社（シート「集計」）: 本店、工場 の回答を数式で参照した集計");
    expect(summary).not.toMatch(/「本社」の回答|\n本社\n/);

    // Analysed again: both choices kept.
    await act(page, "analyse again", () => byId(page, "analyse").click());
    await openTab(page, "found");
    expect((await rows(page)).slice(0, 2)).toEqual([
      ["本店", "true"],
      ["工場", "false"],
    ]);
    expect(await total(page)).toContain(String(headOnly));

    // Cleared: the record goes, and the choices with it.
    await openTab(page, "sheets");
    await byId(page, "clear-sheets").click();
    await byId(page, "clear-confirmation").waitFor();
    await act(page, "clear", () => byId(page, "clear-confirm").click());
    await openTab(page, "found");
    expect((await rows(page)).slice(0, 2)).toEqual([
      ["本社", "true"],
      ["工場", "true"],
    ]);
    expect(await total(page)).toContain(String(both));
    const back = await readBack(await download(page), NAME);
    expect(back.snapshot.sheets.some((s) => s.name === STATE_SHEET)).toBe(false);
    expect(back.analysis.diagnoses.map((d) => d.respondent)).toEqual(["本社", "工場"]);

    pane.guard.assertNoLeaks();
    expect(pane.guard.pageErrors).toEqual([]);
  });

  test("at 320 px the list reads without sideways scrolling", async () => {
    const pane = await open(320, original);
    const { page } = pane;
    await openTab(page, "found");
    // Before the sheets exist a choice is pending: said, and the analysis follows it at once.
    await act(page, "leave 工場 out (pending)", () => row(page, "工場").getByTestId("respondent-counted").click());
    await byId(page, "respondents-pending").waitFor();
    expect(await row(page, "工場").getAttribute("data-counted")).toBe("false");
    console.log(`[browser tests] respondents at 320 px: ${await shoot(page, 320)}`);
    const o = await horizontalOverflow(page);
    expect(o.culprits).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(o.clientWidth);
    // In English too.
    await byId(page, "lang-switch").click();
    await eventually(
      async () => (await row(page, "集計/全社").textContent()) ?? "",
      (v) => expect(v).toContain("Not counted: an aggregation"),
    );
    console.log(`[browser tests] respondents at 320 px, English: ${await shoot(page, 320, "en")}`);
    const en = await horizontalOverflow(page);
    expect(en.culprits).toEqual([]);
    pane.guard.assertNoLeaks();
    expect(pane.guard.pageErrors).toEqual([]);
  });
});
