/**
 * `shindan-coach compare` as a user runs it: the built CLI (dist/, `npm run build:cli`) on the
 * visit fixtures (the same company in two layouts) written to a temporary folder.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ITEMS } from "../src/core/catalog/diagnosis";
import { FIXTURES, VISIT_COMPARISON } from "../scripts/fixtures";
import { recorded, withVisits } from "./helpers/stateVisits";

const CLI = join(__dirname, "..", "dist", "src", "cli", "main.js");
let dir: string;
const FIRST = `${VISIT_COMPARISON.first}.xlsx`;
const LAST = `${VISIT_COMPARISON.last}.xlsx`;
const fixture = (id: string) => FIXTURES.find((f) => f.id === id)!;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The answers written down by the fixtures' patterns (visit-1-text, visit-3-grid), item 1 first. */
const expectedAnswers = (id: string) => fixture(id).expected.respondents[0].answers.map((a) => a.answer);
const POINTS: Record<string, number> = { implemented: 4, partial: 2, not: 0, unknown: -1 };

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli`);
  dir = mkdtempSync(join(tmpdir(), "shindan-compare-"));
  for (const id of [VISIT_COMPARISON.first, VISIT_COMPARISON.last, "lookalike-sales"]) writeFileSync(join(dir, `${id}.xlsx`), await fixture(id).build());
  // The third visit's workbook, in which the coach recorded the second visit before the company re-answered.
  writeFileSync(
    join(dir, "recorded.xlsx"),
    await withVisits(await fixture(VISIT_COMPARISON.last).build(), [recorded("第2回", "2024-11-12", "IIPIP NIIPI UNPIN IUUPN PIUIN")]),
  );
  // A workbook whose last recorded visit holds its current answers.
  writeFileSync(
    join(dir, "same.xlsx"),
    await withVisits(await fixture(VISIT_COMPARISON.last).build(), [recorded("第3回", "2025-02-01", "IIPIP NIIPI I-PIN IUUPN PIUIN")]),
  );
  writeFileSync(join(dir, "empty.xlsx"), Buffer.alloc(0));
  mkdirSync(join(dir, "folder.xlsx"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("compare, two files in different layouts", () => {
  test("--json: the schema of the issue, every item's answers and change as the fixtures wrote them down", () => {
    const r = run("compare", "--json", FIRST, LAST);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["schemaVersion", "visits", "items", "summary", "messages"]);
    expect(doc.schemaVersion).toBe(1);
    const first = expectedAnswers(VISIT_COMPARISON.first);
    const last = expectedAnswers(VISIT_COMPARISON.last);
    expect(doc.visits.map((v: Record<string, unknown>) => Object.keys(v))).toEqual(
      [0, 1].map(() => ["file", "label", "date", "total", "band", "parts", "answers"]),
    );
    expect(doc.visits.map((v: Record<string, unknown>) => [v.file, v.label, v.date, v.total, v.band])).toEqual([
      [FIRST, null, null, VISIT_COMPARISON.totals.from, VISIT_COMPARISON.band.from],
      [LAST, null, null, VISIT_COMPARISON.totals.to, VISIT_COMPARISON.band.to],
    ]);
    expect(doc.visits[0].parts).toEqual([1, 2, 3].map((part, i) => ({ part, points: VISIT_COMPARISON.parts.from[i], max: [20, 52, 28][i] })));
    expect(doc.visits[1].parts.map((p: { points: number }) => p.points)).toEqual(VISIT_COMPARISON.parts.to);
    expect(doc.visits[0].answers).toEqual(first.map((answer, i) => ({ no: i + 1, answer, points: answer === null ? 0 : POINTS[answer] })));
    expect(doc.visits[1].answers).toEqual(last.map((answer, i) => ({ no: i + 1, answer, points: answer === null ? 0 : POINTS[answer] })));
    const changeOf = (no: number) =>
      (["improved", "worse", "same", "notComparable"] as const)
        .filter((k) => (VISIT_COMPARISON[k] as readonly number[]).includes(no))
        .map((k) => (k === "notComparable" ? "not-comparable" : k));
    expect(doc.items).toEqual(ITEMS.map((it, i) => ({ no: it.no, answers: [first[i], last[i]], change: changeOf(it.no)[0] })));
    expect(doc.summary).toEqual({
      improved: VISIT_COMPARISON.improved,
      worse: VISIT_COMPARISON.worse,
      same: VISIT_COMPARISON.same,
      notComparable: VISIT_COMPARISON.notComparable,
      totalChange: VISIT_COMPARISON.totals.to - VISIT_COMPARISON.totals.from,
      band: VISIT_COMPARISON.band,
      unknownResolved: VISIT_COMPARISON.unknownResolved,
      unknownNew: VISIT_COMPARISON.unknownNew,
    });
    // Item 12 is unanswered at the last visit: said, with the file it comes from.
    expect(doc.messages).toEqual([{ file: LAST, level: "warning", code: "visit-incomplete", sheet: null, cell: null, text: expect.stringContaining("12") }]);
  });

  test("--csv: one row per item, the answers at each visit and the change", () => {
    const r = run("compare", "--csv", FIRST, LAST);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`"no","1: ${FIRST}","2: ${LAST}","change","points_change"`);
    expect(lines).toHaveLength(26);
    const first = expectedAnswers(VISIT_COMPARISON.first);
    const last = expectedAnswers(VISIT_COMPARISON.last);
    for (const no of [1, 12, 13, 25]) {
      const change = no === 12 ? "not-comparable" : no === 13 ? "worse" : "improved";
      const diff = no === 12 ? "" : String(POINTS[last[no - 1]!] - POINTS[first[no - 1]!]);
      const q = (a: string | null) => (a === null ? "" : `"${a}"`);
      expect(lines[no]).toBe(`${no},${q(first[no - 1])},${q(last[no - 1])},"${change}",${diff}`);
    }
    expect(r.stderr).toContain("visit-3-grid.xlsx");
  });

  test("text in Japanese and English: a line per item with its answers and change, the totals and the band's move", () => {
    const ja = run("compare", FIRST, LAST);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain("診断の比較（2 回）");
    expect(ja.stdout).toMatch(/^ {2}1 +一部実施 +実施 +改善 +OS・ソフトウェアの更新$/m);
    expect(ja.stdout).toMatch(/^ {2}12 +未実施 +未回答 +比較不可 /m);
    expect(ja.stdout).toMatch(/^ {2}13 +実施 +一部実施 +悪化 /m);
    expect(ja.stdout).toMatch(/^ {2}合計 +30 +53\* +\+23$/m);
    expect(ja.stdout).toContain("判定: 早急な対策が必要 → 対策が不十分（上がりました）");
    expect(ja.stdout).toContain("「わからない」から答えられるようになった項目（3）: 5、11、25");
    expect(ja.stdout).toContain("新たに「わからない」になった項目（2）: 17、23");
    const en = run("compare", "--lang", "en", FIRST, LAST);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^ {2}5 +Don't know +Partly +improved +/m);
    expect(en.stdout).toContain("Band: Urgent action needed → Insufficient (up)");
    expect(en.stdout).toContain("Worse: 3 items (13, 17, 23)");
    // The columns line up whatever the width of the characters: the change starts at the same column on every item line.
    const starts = ja.stdout
      .split("\n")
      .filter((l) => /^ {2}\d+ /.test(l))
      .map((l) => l.indexOf(l.match(/(改善|悪化|同じ|比較不可)/)![0]));
    const widths = ja.stdout
      .split("\n")
      .filter((l) => /^ {2}\d+ /.test(l))
      .map((l, i) => [...l.slice(0, starts[i])].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0));
    expect(new Set(widths).size).toBe(1);
  });
});

describe("compare, recorded visits", () => {
  test("a file's recorded visits come first (oldest first), then its current answers when they differ; files in the order given", () => {
    const doc = JSON.parse(run("compare", "--json", FIRST, "recorded.xlsx").stdout);
    expect(doc.visits.map((v: Record<string, unknown>) => [v.file, v.label, v.date])).toEqual([
      [FIRST, null, null],
      ["recorded.xlsx", "第2回", "2024-11-12"],
      ["recorded.xlsx", null, null],
    ]);
    // Item 11: わからない at visit 1 and 第2回, 実施 now.
    expect(doc.items[10]).toEqual({ no: 11, answers: ["unknown", "unknown", "implemented"], change: "improved" });
  });

  test("current answers equal to the last recorded visit are not counted again, and that is said", () => {
    const r = run("compare", "--json", FIRST, "same.xlsx");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.visits.map((v: { label: string | null }) => v.label)).toEqual([null, "第3回"]);
    expect(doc.messages.map((m: { file: string; code: string }) => [m.file, m.code])).toContainEqual(["same.xlsx", "visit-current-recorded"]);
  });
});

describe("compare, exit status", () => {
  test("one visit: exit 2, and the message says what was found", () => {
    const r = run("compare", FIRST);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("見つかったのは 1 回です（「visit-1-text.xlsx」: 記録された診断 0 回、現在の回答あり）");
    const en = run("compare", "--lang", "en", "same.xlsx");
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('1 was found ("same.xlsx": 1 recorded visit, current answers the same as the last recorded visit)');
    // A workbook with no diagnosis at all: said for that file, and the count of what was found.
    const none = run("compare", "--lang", "en", "lookalike-sales.xlsx");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("lookalike-sales.xlsx: This workbook holds neither self-diagnosis answers nor recorded visits.");
    expect(none.stderr).toContain('0 were found ("lookalike-sales.xlsx": 0 recorded visits, no current answers)');
  });

  test("a file that cannot be read: exit 1 with analyze's message for it, nothing on stdout", () => {
    for (const bad of ["missing.xlsx", "empty.xlsx", "folder.xlsx"]) {
      const r = run("compare", "--json", FIRST, bad, LAST);
      expect({ bad, code: r.code, stdout: r.stdout }).toEqual({ bad, code: 1, stdout: "" });
      expect(r.stderr).toContain(`[エラー] ${bad}: `);
      expect(r.stderr).toContain(bad === "missing.xlsx" ? "見つかりません" : bad === "empty.xlsx" ? "空" : "フォルダー");
    }
  });

  test("--json and --csv together: exit 1 with the usage hint", () => {
    const r = run("compare", "--json", "--csv", FIRST, LAST);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--json と --csv は同時に指定できません。");
    expect(r.stderr).toContain("shindan-coach compare --help");
  });
});
