/**
 * The browser preview (dist-addin/preview.html, production build) in real headless Chromium: the
 * same pane over a local .xlsx, backed by the xlsx host (ExcelJS loaded on demand).
 *
 * 1. choose the bundled sample → it opens and is analysed; analyse again → total 37; a rating and
 *    a Japanese note (pending) → write the sheets → download → read the download with the engine:
 *    our three deliverable sheets with their markers (the sample has the regulation checksheet),
 *    the state, the rating and the note on the priority sheet, the same analysis as the original;
 *    clear → download again → our sheets gone, every company sheet's values as in the original;
 * 2. screenshots of each view at 320 and 500 px (test/browser/artifacts/), no sideways scrolling
 *    at 320 px;
 * and in every test: no request leaves localhost and the preview loads no Office.js, no page
 * errors, no CSP violations.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/main";
import type { Page } from "playwright-core";
import {
  act,
  byId,
  describeBrowser,
  eventually,
  EXCELJS_SIGNATURE,
  horizontalOverflow,
  openTab,
  type Pane,
  paneSession,
  SAMPLE,
  screenshotViews,
  scriptsContaining,
  status,
} from "./harness";
import { companyValues, readBack } from "./workbook";

jest.setTimeout(600_000);

const NAME = "sample-diagnosis.xlsx";
const NOTE_2 = "ログ保存期間を確認（要フォロー）";

describeBrowser("browser preview over a local .xlsx", () => {
  const timings: string[] = [];

  const session = paneSession({ built: ["taskpane.html", "preview.html"] });

  afterAll(() => {
    if (timings.length) console.log(`[browser tests, preview] ${timings.join("; ")}`);
  });

  async function open(width = 500): Promise<Pane> {
    return session.open({ mode: "preview", width, height: 900 });
  }

  function checkClean(pane: Pane): void {
    pane.guard.assertNoLeaks();
    expect(pane.guard.requests.filter((u) => /office\.js/i.test(u))).toEqual([]);
    expect(pane.guard.pageErrors).toEqual([]);
    expect(pane.guard.cspViolations()).toEqual([]);
  }

  async function chooseSample(page: Page): Promise<number> {
    const opened = await act(page, "choose the sample (opens and analyses it)", () => byId(page, "file-input").setInputFiles(SAMPLE));
    return opened.ms;
  }

  async function download(page: Page): Promise<{ bytes: Buffer; name: string }> {
    await openTab(page, "sheets");
    const [d] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), byId(page, "download").click()]);
    const failure = await d.failure();
    if (failure) throw new Error(`the download failed: ${failure}`);
    const path = await d.path();
    return { bytes: readFileSync(path), name: d.suggestedFilename() };
  }

  test("a file that is not an .xlsx: the reason in Japanese, nothing opened", async () => {
    const pane = await open(320);
    const { page } = pane;
    const csv = Buffer.from("No,項目,回答\n1,OSの更新,実施している\n", "utf8");
    await expect(
      act(page, "choose a CSV file", () => byId(page, "file-input").setInputFiles({ name: "回答.csv", mimeType: "text/csv", buffer: csv })),
    ).rejects.toThrow(/reported an error/);
    const reason = (await byId(page, "failure-reason").textContent()) ?? "";
    expect(reason).toContain("回答.csv");
    expect(reason).toContain(".xlsx");
    expect((await byId(page, "failure").textContent()) ?? "").toContain("ファイルを開けませんでした");
    await expect(byId(page, "download").count()).resolves.toBe(0);
    checkClean(pane);
  });

  test("a damaged record: the Sheets tab offers to remove it alone, asks once more, and the pane works on", async () => {
    // The sample annotated by the command line, its record then damaged.
    const dir = mkdtempSync(join(tmpdir(), "shindan-damaged-"));
    try {
      const out = join(dir, "annotated.xlsx");
      expect(await runCli(["annotate", SAMPLE, "-o", out], { stdout: () => undefined, stderr: () => undefined })).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
      wb.getWorksheet("ShindanCoachState")!.getCell("A2").value = "{broken";
      const damaged = Buffer.from(await wb.xlsx.writeBuffer());

      const pane = await open(320);
      const { page } = pane;
      await act(page, "choose the damaged workbook", () =>
        byId(page, "file-input").setInputFiles({
          name: "damaged.xlsx",
          mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          buffer: damaged,
        }),
      );
      await openTab(page, "sheets");
      const bar = byId(page, "damaged-record");
      await bar.waitFor({ state: "visible" });
      expect(await bar.textContent()).toContain("診断コーチの記録が壊れている");
      await byId(page, "discard-record").click();
      expect(await bar.textContent()).toContain("よろしいですか");
      await act(page, "remove the record alone", () => byId(page, "discard-confirm").click());
      expect(await byId(page, "damaged-record").count()).toBe(0);
      expect((await status(page)).text).toContain("壊れた記録を削除しました");
      // The pane works on: the sheets are written afresh.
      await act(page, "write the sheets", () => byId(page, "write-sheets").click());
      expect((await status(page)).state).toBe("done");
      checkClean(pane);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("choose a file, analyse, rate and note, write the sheets, download and read back; clear and download again", async () => {
    const t0 = Date.now();
    const pane = await open(500);
    const { page } = pane;
    const originalRead = await readBack(readFileSync(SAMPLE), NAME);

    // Nothing to download before a file is open.
    await openTab(page, "sheets");
    const dl = byId(page, "download");
    expect((await dl.count()) === 0 || (await dl.isDisabled())).toBe(true);

    // ExcelJS is loaded on demand: not with the page, only once a file is chosen.
    const atLoad = pane.guard.scripts.length;
    expect(scriptsContaining(pane.guard.scripts, EXCELJS_SIGNATURE)).toEqual([]);
    timings.push(`open + analyse ${await chooseSample(page)} ms`);
    expect(scriptsContaining(pane.guard.scripts.slice(atLoad), EXCELJS_SIGNATURE)).toHaveLength(1);
    const again = await act(page, "analyse again", () => byId(page, "analyse").click());
    timings.push(`analyse again ${again.ms} ms`);
    await openTab(page, "results");
    await eventually(
      async () => (await byId(page, "total").textContent()) ?? "",
      (v) => expect(v).toContain("37"),
    );

    // A rating and a note, pending until the sheets are written (as in Excel).
    await openTab(page, "priorities");
    await byId(page, "rating-2-importance").selectOption("low");
    await byId(page, "note-2").click();
    await page.keyboard.insertText(NOTE_2);
    await byId(page, "note-save-2").click();
    await eventually(
      () => byId(page, "note-2").inputValue(),
      (v) => expect(v).toBe(NOTE_2),
    );

    await openTab(page, "sheets");
    const written = await act(page, "write the sheets", () => byId(page, "write-sheets").click());
    timings.push(`write sheets ${written.ms} ms`);
    expect(written.sawProgress).toBe(true);

    const first = await download(page);
    expect(first.name).toBe(NAME);
    const annotated = await readBack(first.bytes, NAME);
    expect(annotated.ours.map((s) => s.kind)).toEqual(["owner", "summary", "priorities", "actionPlan", "regulations"]);
    // The marker cell of each (found by findAddinSheets) names its kind.
    for (const s of annotated.ours) {
      const sheet = annotated.snapshot.sheets.find((x) => x.name === s.name)!;
      expect(sheet.visibility).toBe("visible");
    }
    expect(annotated.hasState).toBe(true);
    expect(annotated.edits?.ratings[2]).toEqual({ importance: "low" });
    expect(annotated.edits?.notes[2]).toBe(NOTE_2);
    expect(annotated.analysis).toEqual(originalRead.analysis);
    expect(companyValues(annotated.snapshot)).toEqual(companyValues(originalRead.snapshot));

    // Clear and download again: the workbook as it came, values-wise.
    await byId(page, "clear-sheets").click(); // asks first: the ratings and notes go with the sheet
    await byId(page, "clear-confirmation").waitFor();
    const cleared = await act(page, "clear", () => byId(page, "clear-confirm").click());
    timings.push(`clear ${cleared.ms} ms`);
    const second = await download(page);
    const back = await readBack(second.bytes, NAME);
    expect(back.ours).toEqual([]);
    expect(back.hasState).toBe(false);
    expect(back.snapshot.sheets.map((s) => s.name)).toEqual(originalRead.snapshot.sheets.map((s) => s.name));
    expect(companyValues(back.snapshot)).toEqual(companyValues(originalRead.snapshot));
    expect(back.analysis).toEqual(originalRead.analysis);

    timings.push(`whole workflow ${Date.now() - t0} ms`);
    checkClean(pane);
  });

  test.each([320, 500])("screenshots of each view at %i px", async (width) => {
    const pane = await open(width);
    const { page } = pane;
    await chooseSample(page);
    const files = await screenshotViews(page, "preview", width);
    console.log(`[browser tests] preview at ${width} px:\n  ${files.join("\n  ")}`);
    if (width === 320) {
      const overflow: string[] = [];
      for (const view of ["found", "results", "priorities", "plan", "regulations", "sheets"] as const) {
        await openTab(page, view);
        const o = await horizontalOverflow(page);
        if (o.scrollWidth > o.clientWidth) overflow.push(`${view}: scrollWidth ${o.scrollWidth} > ${o.clientWidth} (${o.culprits.join(", ")})`);
      }
      expect(overflow).toEqual([]);
    }
    checkClean(pane);
  });
});
