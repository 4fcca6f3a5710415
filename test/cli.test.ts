/**
 * The command line as a user runs it: the built `shindan-coach` (dist/, made by `npm run build`,
 * which `npm test` runs first) on the generated fixtures written to a temporary folder.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BANDS, ITEMS } from "../src/core/catalog/diagnosis";
import { CSV_HEADER, CONSOLIDATED_ROW } from "../src/cli/csvReport";
import { CHECKSHEET_FIXTURES, FIXTURES, SAMPLE, type FixtureSpec } from "../scripts/fixtures";
import { stateOrNull } from "../src/core/addinState";
import { examine, respondentRows, withRespondentChoice, writeSheets } from "../src/pane/session";
import { nodeDeflate } from "../src/xlsx/nodeDeflate";
import { nodeInflate } from "../src/xlsx/nodeInflate";
import { loadExcelJs, readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { applyPlanToPackage } from "../src/xlsx/writePackage";

const CLI = join(__dirname, "..", "dist", "src", "cli", "main.js");
let dir: string;
const fileOf = new Map<string, string>();

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const byId = (id: string): FixtureSpec => [...FIXTURES, ...CHECKSHEET_FIXTURES].find((f) => f.id === id)!;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does)`);
  dir = mkdtempSync(join(tmpdir(), "shindan-cli-"));
  for (const f of [...FIXTURES, ...CHECKSHEET_FIXTURES]) {
    const name = `${f.id}.${f.ext}`;
    writeFileSync(join(dir, name), await f.build());
    fileOf.set(f.id, name);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the owner's summary on the command line", () => {
  test("analyze --json reports the company's name and SECURITY ACTION readiness; annotate --company enters a name that later runs keep", async () => {
    const sample = "sample.xlsx";
    writeFileSync(join(dir, sample), await SAMPLE.build());
    const doc = JSON.parse(run("analyze", "--json", sample).stdout);
    const res = doc.results[0];
    expect(res.company).toEqual({ name: "株式会社やまびこ製作所", source: "workbook", sheet: "本社", cell: "A2" });
    expect(res.securityAction.oneStar.declarable).toBe(true);
    expect(res.securityAction.oneStar.rules.map((r: { item: number }) => r.item)).toEqual([1, 2, 3, 4, 5]);
    expect(res.securityAction.twoStar.ready).toBe(false);
    expect(res.securityAction.twoStar.missing.map((m: { kind: string }) => m.kind)).toEqual(["policy-incomplete", "not-published"]);
    expect(res.securityAction.twoStar.published).toBeNull();

    expect(run("annotate", sample, "-o", "named.xlsx", "--company", "やまびこ製作所株式会社").code).toBe(0);
    expect(JSON.parse(run("analyze", "--json", "named.xlsx").stdout).results[0].company).toEqual({
      name: "やまびこ製作所株式会社",
      source: "entered",
      sheet: null,
      cell: null,
    });
    // A second run without --company keeps the entered name (read back from the owner's sheet).
    expect(run("annotate", "named.xlsx", "--in-place").code).toBe(0);
    expect(JSON.parse(run("analyze", "--json", "named.xlsx").stdout).results[0].company.name).toBe("やまびこ製作所株式会社");
  });
});

describe("analyze --json", () => {
  test("one document for all files; each result matches its fixture", () => {
    const files = FIXTURES.map((f) => fileOf.get(f.id)!);
    const r = run("analyze", "--json", ...files);
    expect(r.code).toBe(1); // some files cannot be read, and 1 wins over 2
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.results.map((x: { file: string }) => x.file)).toEqual(files);
    FIXTURES.forEach((f, i) => {
      const res = doc.results[i];
      const e = f.expected;
      expect(Object.keys(res).sort()).toEqual([
        "company",
        "consolidated",
        "diagnoses",
        "file",
        "leftOut",
        "messages",
        "policy",
        "regulations",
        "securityAction",
      ]);
      for (const l of res.leftOut) expect(["derived", "hidden-sheet", "example-sheet", "excluded"]).toContain(l.reason);
      for (const m of res.messages) {
        expect(Object.keys(m).sort()).toEqual(["cell", "code", "level", "sheet", "text"]);
        expect(m.text.length).toBeGreaterThan(10);
      }
      if (e.exit !== 1) expect(res.regulations).toBeNull();
      if (e.exit === 1) {
        expect(res.diagnoses).toEqual([]);
        expect(res.messages).toEqual([expect.objectContaining({ level: "error", code: e.readError, sheet: null, cell: null })]);
        return;
      }
      expect(res.diagnoses.map((d: { sheet: string; respondent: string | null; total: number }) => [d.sheet, d.respondent, d.total])).toEqual(
        e.respondents.map((x) => [x.sheet, x.respondent, x.total]),
      );
      res.diagnoses.forEach((d: Record<string, unknown>, j: number) => {
        const want = e.respondents[j];
        expect(d.answers).toEqual(
          want.answers.map((a) => ({ ...a, points: a.answer === null ? 0 : { implemented: 4, partial: 2, not: 0, unknown: -1 }[a.answer] })),
        );
        expect((d.parts as { part: number; max: number }[]).map((p) => [p.part, p.max])).toEqual([
          [1, 20],
          [2, 52],
          [3, 28],
        ]);
        expect((d.parts as { points: number }[]).reduce((s, p) => s + p.points, 0)).toBe(want.total);
        // No verdict for a diagnosis with nothing answered.
        if (want.answers.every((a) => a.answer === null)) expect(d.band).toBeNull();
        else expect(BANDS.map((b) => b.id)).toContain(d.band);
        expect(d.unanswered).toEqual(want.answers.filter((a) => a.answer === null).map((a) => a.no));
        expect(d.unknown).toEqual(want.answers.filter((a) => a.answer === "unknown").map((a) => a.no));
      });
      if (e.consolidated) {
        expect(res.consolidated.sheet).toBeNull();
        expect(res.consolidated.respondent).toBeNull();
        expect(res.consolidated.answers).toHaveLength(ITEMS.length);
        expect(res.consolidated.total).toBe(e.consolidated.total);
        expect(res.consolidated.disagreements).toEqual(e.consolidated.disagreements);
      } else expect(res.consolidated).toBeNull();
    });
  });

  test("message text follows --lang", () => {
    const ja = JSON.parse(run("analyze", "--json", fileOf.get("bad-values")!).stdout);
    const en = JSON.parse(run("analyze", "--json", "--lang", "en", fileOf.get("bad-values")!).stdout);
    const jaMsg = ja.results[0].messages.find((m: { code: string }) => m.code === "invalid-answer");
    const enMsg = en.results[0].messages.find((m: { code: string }) => m.code === "invalid-answer");
    expect(jaMsg.text).toContain("未回答");
    expect(jaMsg.text).toContain(jaMsg.cell);
    expect(enMsg.text).toContain("unanswered");
    expect(enMsg.text).toContain(enMsg.cell);
  });
});

describe("exit status", () => {
  test.each([
    ["text-dropdown", 0],
    ["bad-values", 0],
    ["lookalike-benchmark", 2],
    ["lookalike-sales", 2],
    ["old-xls", 1],
    ["csv", 1],
    ["encrypted", 1],
    ["not-xlsx-zip", 1],
  ])("%s → %i", (id, code) => {
    expect(byId(id).expected.exit).toBe(code);
    expect(run("analyze", fileOf.get(id)!).code).toBe(code);
  });

  test("2 when one of several readable files holds no diagnosis", () => {
    expect(run("analyze", fileOf.get("text-dropdown")!, fileOf.get("lookalike-survey")!).code).toBe(2);
  });

  test("1 wins over 2, and a missing file does not stop the others", () => {
    const r = run("analyze", "--json", "missing.xlsx", fileOf.get("lookalike-survey")!, fileOf.get("mark-grid")!);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.results.map((x: { messages: { code: string }[] }) => x.messages[0]?.code)).toEqual(["file-not-found", "no-diagnosis", undefined]);
    expect(doc.results[2].diagnoses).toHaveLength(1);
  });

  test("the read-error messages say what to do", () => {
    const en = (id: string) => JSON.parse(run("analyze", "--json", "--lang", "en", fileOf.get(id)!).stdout).results[0].messages[0].text;
    expect(en("old-xls")).toMatch(/save it as \.xlsx/i);
    expect(en("encrypted")).toMatch(/password/i);
    expect(en("csv")).toMatch(/\.xlsx/);
  });
});

describe("readable output", () => {
  test("Japanese by default: respondents, totals, bands, parts, unknown, unanswered, disagreements", () => {
    const r = run("analyze", fileOf.get("multi-respondent-columns")!);
    expect(r.code).toBe(0);
    const e = byId("multi-respondent-columns").expected;
    for (const x of e.respondents) {
      expect(r.stdout).toContain(`── ${x.respondent}`);
      expect(r.stdout).toContain(`合計 ${x.total} 点`);
    }
    expect(r.stdout).toContain("Part1 基本的対策");
    expect(r.stdout).toContain(`回答が分かれた項目: ${e.consolidated!.disagreements.join(", ")}`);
    expect(r.stdout).toContain("未回答: 項目");
  });

  test("messages name the sheet and cell", () => {
    const r = run("analyze", fileOf.get("bad-values")!);
    const e = byId("bad-values").expected;
    for (const m of e.messages.filter((x) => x.cell)) expect(r.stdout).toContain(`${m.sheet}!${m.cell}`);
  });

  test("--lang en", () => {
    const r = run("analyze", "--lang", "en", fileOf.get("text-dropdown")!);
    expect(r.stdout).toContain(`Total ${byId("text-dropdown").expected.respondents[0].total} / 100`);
    expect(r.stdout).toContain("Part 1 Basic measures");
  });

  test("names made from where the answers are, in the output's language: text, JSON (with the consolidated answers' from) and CSV", () => {
    const file = fileOf.get("rec-unnamed-columns")!;
    const made = { ja: ["本社/C列", "本社/D列"], en: ["本社/Column C", "本社/Column D"] };
    for (const lang of ["ja", "en"] as const) {
      const other = made[lang === "ja" ? "en" : "ja"];
      const text = run("analyze", "--lang", lang, file).stdout;
      for (const name of made[lang]) expect(text).toContain(`── ${name}`);
      for (const name of other) expect(text).not.toContain(name);

      const doc = JSON.parse(run("analyze", "--json", "--lang", lang, file).stdout).results[0];
      expect(doc.diagnoses.map((d: { respondent: string | null }) => d.respondent)).toEqual([...made[lang], "支店"]);
      const from = new Set(doc.consolidated.answers.flatMap((a: { from: unknown[] }) => a.from));
      expect([...from].every((n) => typeof n === "string")).toBe(true);
      expect(from.has(made[lang][0])).toBe(true);

      const csv = run("analyze", "--csv", "--lang", lang, file).stdout;
      for (const name of made[lang]) expect(csv).toContain(`"${file}","${name}",`);
      for (const name of other) expect(csv).not.toContain(name);
    }
  });

  test("a workbook without the diagnosis says what was looked for", () => {
    const r = run("analyze", fileOf.get("lookalike-sales")!);
    expect(r.stdout).toContain("自社診断は見つかりませんでした");
    expect(r.stdout).toContain("実施している／一部実施している／実施していない／わからない");
  });

  test("an unknown --lang is refused", () => {
    const r = run("analyze", "--lang", "fr", fileOf.get("text-dropdown")!);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--lang");
  });
});

describe("analyze --csv", () => {
  test("one row per file and respondent, plus the consolidated row", () => {
    const ids = ["text-dropdown", "multi-respondent-columns", "lookalike-sales"];
    const r = run("analyze", "--csv", ...ids.map((id) => fileOf.get(id)!));
    const lines = r.stdout.trim().split("\n");
    // Text fields quoted, numbers bare (test/cliText.test.ts checks the neutralised ones).
    expect(lines[0]).toBe(CSV_HEADER.map((h) => `"${h}"`).join(","));
    const multi = byId("multi-respondent-columns").expected;
    const single = byId("text-dropdown").expected.respondents[0];
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^"text-dropdown\\.xlsx",,${single.total},"`)),
      ...multi.respondents.map((x) => expect.stringMatching(new RegExp(`^"multi-respondent-columns\\.xlsx","${x.respondent}",${x.total},"`))),
      expect.stringMatching(new RegExp(`^"multi-respondent-columns\\.xlsx","\\${CONSOLIDATED_ROW.slice(0, -1)}\\)",${multi.consolidated!.total},"`)),
    ]);
    for (const line of lines.slice(1)) expect(line.split(",")).toHaveLength(CSV_HEADER.length);
  });
});

describe("template", () => {
  test("writes a blank diagnosis that analyze reads back; refuses to overwrite without --force", () => {
    const w = run("template", "-o", "blank.xlsx");
    expect(w.code).toBe(0);
    const r = run("analyze", "--json", "blank.xlsx");
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout).results[0].diagnoses;
    expect(d).toHaveLength(1);
    expect(d[0].unanswered).toEqual(ITEMS.map((i) => i.no));
    expect(d[0].answers.every((a: { cell: string | null }) => a.cell !== null)).toBe(true);
    // Nothing answered: no verdict, in the JSON (null), the CSV (an empty field) and the text.
    expect(d[0].band).toBeNull();
    expect(run("analyze", "--csv", "blank.xlsx").stdout.split("\n")[1]).toMatch(/^"blank\.xlsx",[^,]*,0,,0,0,0,0,25$/);
    expect(run("analyze", "blank.xlsx").stdout).toContain("まだ回答がありません（25 項目すべて未回答）");

    const before = readFileSync(join(dir, "blank.xlsx"));
    const again = run("template", "-o", "blank.xlsx");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("--force");
    expect(readFileSync(join(dir, "blank.xlsx")).equals(before)).toBe(true);
    expect(run("template", "-o", "blank.xlsx", "--force").code).toBe(0);
  });
});

describe("progress bar", () => {
  const files = () => ["text-dropdown", "mark-grid", "mixed"].map((id) => fileOf.get(id)!);

  test("drawn on stderr when it is a terminal", () => {
    // `script` (util-linux, on every Debian machine) runs the command on a pseudo-terminal.
    const cmd = [process.execPath, CLI, "analyze", "--csv", ...files()].map((a) => `'${a}'`).join(" ");
    const r = spawnSync("script", ["-qec", cmd, "/dev/null"], { encoding: "utf8", cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0\/3 ファイル/);
    expect(r.stdout).toMatch(/3\/3 ファイル/);
  });

  test("absent when stderr is not a terminal", () => {
    const r = run("analyze", "--csv", ...files());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });
});

describe("the regulation checksheet on the command line", () => {
  test.each(CHECKSHEET_FIXTURES.map((f) => [f.id, f] as const))("%s: exit status and the regulations object", (id, f) => {
    const r = run("analyze", "--json", fileOf.get(id)!);
    expect(r.code).toBe(f.expected.exit);
    const res = JSON.parse(r.stdout).results[0];
    const want = f.expected.regulations!;
    expect(res.regulations.sheet).toBe(want.sheet);
    expect(res.regulations.overviewSheet).toBe(want.overviewSheet);
    expect(res.regulations.coverage.map((c: Record<string, unknown>) => [c.no, c.present, c.absent, c.unchecked, c.total, c.listed])).toEqual(
      want.coverage.map((c) => [c.no, c.present, c.absent, c.unchecked, c.total, c.listed]),
    );
    expect(res.regulations.reviews.map((v: { no: number; decision: string | null }) => [v.no, v.decision])).toEqual(
      want.coverage.filter((c) => c.no !== null).map((c) => [c.no, c.decision]),
    );
    for (const v of res.regulations.reviews) {
      expect(Object.keys(v).sort()).toEqual(["decision", "differs", "items", "name", "no", "reasons", "recommended"]);
      expect(v.reasons.every((x: unknown) => typeof x === "string" && x.length > 5)).toBe(true);
    }
    for (const m of want.messages) {
      expect(res.regulations.messages).toContainEqual(expect.objectContaining({ code: m.code, sheet: m.sheet, cell: m.cell }));
    }
  });

  test("a workbook with only the checksheet succeeds; the readable output shows coverage per regulation", () => {
    const r = run("analyze", fileOf.get("cs-checksheet-only")!);
    expect(r.code).toBe(0);
    const want = byId("cs-checksheet-only").expected.regulations!;
    for (const c of want.coverage.filter((x) => x.no !== null && x.listed)) {
      expect(r.stdout).toContain(`${c.no}. ${c.name}: 有 ${c.present}・無 ${c.absent}・未 ${c.unchecked} / ${c.total} 項目`);
    }
  });

  test("bad checksheet values are named with their cells in the readable output", () => {
    const r = run("analyze", fileOf.get("cs-bad-values")!);
    const want = byId("cs-bad-values").expected.regulations!;
    for (const m of want.messages.filter((x) => x.cell)) expect(r.stdout).toContain(`${m.sheet}!${m.cell}`);
  });

  test("where the company's decision and the recommendation differ, both are shown", () => {
    const doc = JSON.parse(run("analyze", "--json", fileOf.get("cs-seed-layout")!).stdout);
    const differing = doc.results[0].regulations.reviews.filter((v: { differs: boolean }) => v.differs);
    expect(differing.length).toBeGreaterThan(0);
    for (const v of differing) {
      expect(v.decision).not.toBe(v.recommended);
      expect(v.reasons.at(-1)).toContain("異なる");
    }
  });
});

describe("who counts as a respondent (--exclude, --include, leftOut)", () => {
  test("a 集計 sheet's columns are left out and listed under leftOut with their sources; --include counts one, --exclude leaves a site out", () => {
    const file = fileOf.get("resp-aggregation")!;
    const doc = JSON.parse(run("analyze", "--json", file).stdout);
    const res = doc.results[0];
    expect(res.diagnoses.map((d: { respondent: string }) => d.respondent)).toEqual(["本社", "工場"]);
    expect(res.leftOut.map((d: { respondent: string; reason: string; from: string[] }) => [d.respondent, d.reason, d.from])).toEqual([
      ["集計/本社", "derived", ["本社"]],
      ["集計/工場", "derived", ["工場"]],
      ["集計/全社", "derived", ["本社", "工場"]],
    ]);
    const consolidated = res.consolidated.total;

    const excluded = JSON.parse(run("analyze", "--json", "--exclude", "工場", file).stdout).results[0];
    expect(excluded.diagnoses.map((d: { respondent: string }) => d.respondent)).toEqual(["本社"]);
    expect(excluded.leftOut.map((d: { respondent: string; reason: string }) => [d.respondent, d.reason])).toContainEqual(["工場", "excluded"]);
    // One respondent left: no consolidated result, and its own total is not the two sites' one.
    expect(excluded.consolidated).toBeNull();
    expect(excluded.diagnoses[0].total).not.toBe(consolidated);

    const included = JSON.parse(run("analyze", "--json", "--include", "集計/全社", "--exclude", "本社", "--exclude", "工場", file).stdout).results[0];
    expect(included.diagnoses.map((d: { respondent: string }) => d.respondent)).toEqual(["集計/全社"]);
    // The 全社 column holds the weakest answer of the two sites: the sites' consolidated total.
    expect(included.diagnoses[0].total).toBe(consolidated);
    expect(included.messages.map((m: { code: string }) => m.code)).toEqual(expect.arrayContaining(["respondent-included", "respondent-excluded"]));
  });

  test("the coach's choices recorded in the workbook (by the pane) are honoured by analyze and annotate; --include overrides for one run; clear removes them", async () => {
    // The workbook as the pane leaves it: 工場 left out, 本社 renamed 本店 and said to be a site.
    const s0 = await readWorkbookBuffer(readFileSync(join(dir, fileOf.get("resp-aggregation")!)), "resp.xlsx", nodeInflate);
    const rows = respondentRows(examine(s0, "ja"));
    let pending = withRespondentChoice(
      { ratings: {}, notes: {} },
      rows.find((r) => r.name === "工場")!,
      { counted: false },
    );
    pending = withRespondentChoice(
      pending,
      rows.find((r) => r.name === "本社")!,
      { name: "本店", kind: "site" },
    );
    const input = readFileSync(join(dir, fileOf.get("resp-aggregation")!));
    const plan = writeSheets(s0, "ja", pending).plan!;
    const out = await applyPlanToPackage(input, await loadExcelJs(input, "resp.xlsx", nodeInflate), plan, { inflate: nodeInflate, deflate: nodeDeflate });
    writeFileSync(join(dir, "chosen.xlsx"), out.bytes);

    const res = JSON.parse(run("analyze", "--json", "chosen.xlsx").stdout).results[0];
    expect(res.diagnoses.map((d: { respondent: string; foundAs: string; kind: string }) => [d.respondent, d.foundAs, d.kind])).toEqual([
      ["本店", "本社", "site"],
    ]);
    expect(res.leftOut.map((d: { respondent: string; reason: string; from: string[] }) => [d.respondent, d.reason, d.from])).toEqual([
      ["工場", "excluded", []],
      ["集計/本社", "derived", ["本店"]],
      ["集計/工場", "derived", ["工場"]],
      ["集計/全社", "derived", ["本店", "工場"]],
    ]);
    expect(res.consolidated).toBeNull();
    // The text output names the new name; --include brings 工場 back for this run only.
    expect(run("analyze", "chosen.xlsx").stdout).toContain("本店");
    const both = JSON.parse(run("analyze", "--json", "--include", "工場", "chosen.xlsx").stdout).results[0];
    expect(both.diagnoses.map((d: { respondent: string }) => d.respondent)).toEqual(["本店", "工場"]);
    expect(both.consolidated).not.toBeNull();

    // annotate honours them too, and records them again.
    expect(run("annotate", "chosen.xlsx", "-o", "chosen-annotated.xlsx").code).toBe(0);
    const annotated = await readWorkbookBuffer(readFileSync(join(dir, "chosen-annotated.xlsx")), "a.xlsx", nodeInflate);
    expect(stateOrNull(annotated)?.respondents).toEqual([
      { sheet: "工場", found: "工場", counted: false },
      { sheet: "本社", found: "本社", name: "本店", kind: "site" },
    ]);
    const summary = annotated.sheets
      .find((x) => x.name === "自社診断結果のまとめ")!
      .values.flat()
      .join("\n");
    expect(summary).toContain("本店（シート「本社」）の回答による結果です。");
    expect(summary).toContain("工場（シート「工場」）: コーチの判断で除外");

    // clear removes them with the record.
    expect(run("clear", "chosen-annotated.xlsx", "-o", "chosen-cleared.xlsx").code).toBe(0);
    const cleared = JSON.parse(run("analyze", "--json", "chosen-cleared.xlsx").stdout).results[0];
    expect(cleared.diagnoses.map((d: { respondent: string; kind: string | null }) => [d.respondent, d.kind])).toEqual([
      ["本社", null],
      ["工場", null],
    ]);
  });

  test("a name that matches nobody is said, with the names there are", () => {
    const r = run("analyze", "--lang", "en", "--exclude", "営業部", fileOf.get("resp-aggregation")!);
    expect(r.stdout).toMatch(/No respondent matches “?営業部”?.*The respondents found: .*本社.*工場/s);
  });
});

test("annotate on a damaged package (no styles part) writes nothing and says how to repair the file", async () => {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(readFileSync(join(dir, fileOf.get("text-dropdown")!)));
  zip.remove("xl/styles.xml");
  const input = join(dir, "damaged-styles.xlsx");
  writeFileSync(input, await zip.generateAsync({ type: "nodebuffer" }));
  const before = readFileSync(input);
  const r = run("annotate", "--lang", "en", "-o", "damaged-out.xlsx", "damaged-styles.xlsx");
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/"damaged-styles\.xlsx" is partly damaged, so nothing was written .*Open it in Excel, save it under a new name/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(join(dir, "damaged-out.xlsx"))).toBe(false);
  expect(readFileSync(input).equals(before)).toBe(true);
});
