/**
 * Text from a workbook is never code, and what the command line prints cannot be turned against
 * its reader (issue 10, points 1, 4 and 7):
 * - company text that looks like a resource key, a placeholder or a formula is printed as it is,
 *   without a crash, and the other files are still reported;
 * - control characters from cells never reach the terminal; JSON keeps the data exact;
 * - --csv neutralises fields a spreadsheet would take for formulas, numbers stay numbers;
 * - usage errors and failures are short sentences in the user's language, never a stack trace;
 * - runCli runs a command in this process without touching process.exitCode.
 * Process-level cases run the built CLI (dist/, `npm run build:cli`); usage cases run runCli.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../src/cli/main";
import { csvField } from "../src/cli/csvReport";
import { t } from "../src/core/i18n";
import { REGULATIONS } from "../src/core/catalog/regulations";
import { checksheetTemplateLayout } from "../src/core/template/checksheetTemplate";
import { workbookTemplatePlan } from "../src/core/template/workbookTemplate";
import { applyPlan } from "../src/xlsx/applyPlan";
import { FIXTURES } from "../scripts/fixtures";
import {
  CODE_LIKE_ANSWERS,
  CODE_LIKE_RESPONDENTS,
  CODE_LIKE_SHEET,
  CONTROL_ANSWERS,
  CONTROL_RESPONDENT,
  decodedControls,
} from "../scripts/fixtures/textInCells";
import { csvBytes } from "./helpers/badFiles";

const CLI = join(__dirname, "..", "dist", "src", "cli", "main.js");
let dir: string;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir, env: { ...process.env, SHINDAN_DEBUG: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runCli in this process, paths relative to the test's folder. */
async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const STACK = /^\s+at .+:\d+:\d+\)?$/m;
/** C0 but the newline, DEL, C1, the bidirectional controls, the line separators. */
// eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

async function writeFixture(id: string, name = `${id}.xlsx`): Promise<string> {
  const f = FIXTURES.find((x) => x.id === id)!;
  writeFileSync(join(dir, name), await f.build());
  return name;
}

/** The project's own template, filled in by a company: a decision typed that is none of the four. */
async function templateWithDecision(name: string, decision: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  applyPlan(wb, workbookTemplatePlan("ja"));
  const { overview } = checksheetTemplateLayout("ja");
  const cell = overview.decisions[0];
  wb.getWorksheet(overview.sheetName)!.getCell(cell.row + 1, cell.col + 1).value = decision;
  writeFileSync(join(dir, name), Buffer.from(await wb.xlsx.writeBuffer()));
  return name;
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli`);
  dir = mkdtempSync(join(tmpdir(), "shindan-cli-text-"));
  await writeFixture("text-looks-like-code");
  await writeFixture("text-control-characters");
  await writeFixture("text-dropdown");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("text from a workbook is printed as text (point 1)", () => {
  test("a sheet 「@営業部」 and answers 「@担当に確認」, 「@msg.file-encrypted」, 「{sheet}」: literal, and the next file is reported", () => {
    const r = run("analyze", "text-looks-like-code.xlsx", "text-dropdown.xlsx");
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toMatch(STACK);
    expect(r.code).toBe(0);
    for (const value of Object.values(CODE_LIKE_ANSWERS)) expect(r.stdout).toContain(`の値「${value}」は4つの回答のどれでもない`);
    expect(r.stdout).toContain(`シート「${CODE_LIKE_SHEET}」のセル`);
    for (const name of CODE_LIKE_RESPONDENTS) expect(r.stdout).toContain(`── ${name}（シート「${CODE_LIKE_SHEET}」）`);
    // Never the password sentence an answer named.
    expect(r.stdout).not.toContain("パスワード");
    const total = FIXTURES.find((f) => f.id === "text-dropdown")!.expected.respondents[0].total;
    expect(r.stdout).toContain("■ text-dropdown.xlsx");
    expect(r.stdout).toContain(`合計 ${total} 点`);
  });

  test("the same in English and in the JSON document's message texts", () => {
    const r = run("analyze", "--json", "--lang", "en", "text-looks-like-code.xlsx", "text-dropdown.xlsx");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    const texts = doc.results[0].messages.filter((m: { code: string }) => m.code === "invalid-answer").map((m: { text: string }) => m.text);
    expect(texts).toHaveLength(Object.keys(CODE_LIKE_ANSWERS).length);
    Object.values(CODE_LIKE_ANSWERS).forEach((v, i) => {
      expect(texts[i]).toContain(`Sheet "${CODE_LIKE_SHEET}", cell `);
      expect(texts[i]).toContain(`"${v}" is none of the four answers`);
    });
    expect(texts.join("\n")).not.toMatch(/password/i);
    expect(doc.results[1].diagnoses).toHaveLength(1);
  });

  test("a file named @notes.xlsx that cannot be read, and a missing @missing.xlsx: their names as written; exit 1; the next file reported", () => {
    writeFileSync(join(dir, "@notes.xlsx"), csvBytes());
    const r = run("analyze", "@notes.xlsx", "@missing.xlsx", "text-dropdown.xlsx");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toMatch(STACK);
    expect(r.stdout).toContain("ファイル「@notes.xlsx」は Excel ブック（.xlsx）ではありません");
    expect(r.stdout).toContain("ファイル「@missing.xlsx」が見つかりません");
    expect(r.stdout).toContain("■ text-dropdown.xlsx");
    expect(r.stdout).toContain("── 回答者（シート「自社診断」）");
  });

  test("a review decision 「@SUM(1)」 on the template's overview: reported with its cell, nothing else lost", async () => {
    const name = await templateWithDecision("decision.xlsx", "@SUM(1)");
    const r = run("analyze", name, "text-dropdown.xlsx");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toMatch(STACK);
    const { overview } = checksheetTemplateLayout("ja");
    expect(r.stdout).toContain(`${overview.sheetName}!D${overview.decisions[0].row + 1}: `);
    expect(r.stdout).toContain(`（${REGULATIONS[0].name}）の「@SUM(1)」は「今回の見直し」の4つの選択肢のどれでもない`);
    expect(r.stdout).toContain("■ text-dropdown.xlsx");
  });

  test("a rating 「@高」 typed into the priority sheet: annotate again reports it with its cell and writes", async () => {
    expect(run("annotate", "text-dropdown.xlsx", "-o", "rated.xlsx").code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "rated.xlsx"));
    const ws = wb.getWorksheet(t("ja", "report.priorities.sheetName"))!;
    let at: ExcelJS.Cell | null = null;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (!at && c.value === t("ja", "report.priorities.col.urgency")) at = ws.getCell(Number(c.row) + 1, Number(c.col));
      }),
    );
    expect(at).not.toBeNull();
    const cell = at! as ExcelJS.Cell;
    cell.value = "@高";
    await wb.xlsx.writeFile(join(dir, "rated.xlsx"));

    const r = run("annotate", "rated.xlsx", "-o", "rated-again.xlsx");
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${ws.name}!${cell.address}: `);
    expect(r.stderr).toContain(`の${t("ja", "report.priorities.col.urgency")}「@高」は 高・中・低 のどれでもない`);
    expect(existsSync(join(dir, "rated-again.xlsx"))).toBe(true);
  });
});

describe("output that cannot be turned against its reader (point 4)", () => {
  test("text output: no control character reaches the terminal; each shows as a visible stand-in on its own line", () => {
    const r = run("analyze", "text-control-characters.xlsx");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(UNSAFE);
    expect(r.stdout).toContain("── 田中␛[2J（シート「診断」）");
    expect(r.stdout).toContain("「␛]0;owned␇はい」");
    expect(r.stdout).toContain("「いいえ\ufffd済」");
    expect(r.stdout).toContain("「\ufffd31m赤␡」");
    expect(r.stdout).toContain("「途中␀まで␈」");
    // Every line the report prints is a line of ours: no value spilled onto a line of its own.
    expect(r.stdout.split("\n").filter((l) => l.includes("途中"))).toHaveLength(1);
  });

  test("stderr: the same (an output file named with an escape sequence)", () => {
    const r = run("annotate", "text-control-characters.xlsx", "-o", "\u001b[31mout\u0007.xlsx");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("「␛[31mout␇.xlsx」に書き出しました");
    expect(r.stderr).not.toMatch(UNSAFE);
  });

  test("JSON: the data exactly as in the cells, every control escaped", () => {
    const r = run("analyze", "--json", "text-control-characters.xlsx");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(UNSAFE);
    const doc = JSON.parse(r.stdout);
    expect(doc.results[0].diagnoses[0].respondent).toBe(decodedControls(CONTROL_RESPONDENT));
    const texts = doc.results[0].messages.map((m: { text: string }) => m.text).join("\n");
    for (const v of Object.values(CONTROL_ANSWERS)) expect(texts).toContain(`「${decodedControls(v)}」`);
  });

  test("--csv: text fields a spreadsheet would run get a quote in front, every text field is quoted, numbers stay bare", () => {
    for (const name of ["=1+1.xlsx", "-報告.xlsx", "@notes-ok.xlsx", 'a,"b".xlsx', "\tタブ.xlsx"])
      copyFileSync(join(dir, "text-looks-like-code.xlsx"), join(dir, name));
    const r = run("analyze", "--csv", "--", "=1+1.xlsx", "-報告.xlsx", "@notes-ok.xlsx", 'a,"b".xlsx', "\tタブ.xlsx", "text-control-characters.xlsx");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(UNSAFE);
    const rows = r.stdout.trimEnd().split("\n");
    const expected = FIXTURES.find((f) => f.id === "text-looks-like-code")!.expected;
    const [yamada, sato] = expected.respondents;
    const fileFields = ['"\'=1+1.xlsx"', '"\'-報告.xlsx"', '"\'@notes-ok.xlsx"', '"a,""b"".xlsx"', '"\'␉タブ.xlsx"'];
    for (const [i, file] of fileFields.entries()) {
      expect(rows[1 + 3 * i]).toMatch(new RegExp(`^${escape(file)},"'@山田",${yamada.total},"[a-z-]+",\\d+,\\d+,\\d+,\\d+,\\d+$`));
      expect(rows[2 + 3 * i]).toMatch(new RegExp(`^${escape(file)},"'\\+佐藤",${sato.total},`));
      expect(rows[3 + 3 * i]).toMatch(new RegExp(`^${escape(file)},"\\(consolidated\\)",${expected.consolidated!.total},`));
    }
    expect(rows.at(-1)).toMatch(/^"text-control-characters\.xlsx","田中␛\[2J",\d+,/);
  });

  test("csvField: numbers bare (negative ones too), text quoted, a formula start neutralised", () => {
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
    expect(["=A1", "+1", "-1", "@x", "\tx", "\rx", "x=1", 'say "hi"'].map(csvField)).toEqual([
      `"'=A1"`,
      `"'+1"`,
      `"'-1"`,
      `"'@x"`,
      `"'\tx"`,
      `"'\rx"`,
      `"x=1"`,
      `"say ""hi"""`,
    ]);
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("usage errors: one sentence in the user's language and a one-line hint (point 7)", () => {
  const cases: [string[], RegExp, RegExp][] = [
    [["analyze", "--jsn", "x.xlsx"], /「--jsn」というオプションはありません。「--json」のことですか/, /has no option "--jsn"\. Did you mean "--json"/],
    [["analyze", "--zzz", "x.xlsx"], /「--zzz」というオプションはありません。綴りを確かめてください/, /has no option "--zzz": check the spelling/],
    [["analyse", "x.xlsx"], /「analyse」というコマンドはありません。「analyze」のことですか/, /no command "analyse"\. Did you mean "analyze"/],
    [
      ["frob"],
      /「frob」というコマンドはありません。analyze \/ template \/ annotate \/ clear \/ compare のどれか/,
      /no command "frob": use one of analyze \/ template \/ annotate \/ clear \/ compare\b/,
    ],
    [["analyze"], /読み込むブック（\.xlsx、いくつでも）を指定してください/, /needs the workbooks to read/],
    [["annotate"], /会社のブック（\.xlsx）を指定してください/, /needs the company's workbook/],
    [["template", "-o"], /--output の後に値を指定してください/, /Give a value after --output/],
    [["template"], /-o, --output <file> の指定が必要です/, /needs -o, --output <file>/],
    [
      ["template", "-o", "t.xlsx", "--only", "all"],
      /--only に「all」は指定できません。diagnosis, checksheet のどれか/,
      /--only cannot be "all": use one of diagnosis, checksheet/,
    ],
    [["annotate", "a.xlsx", "b.xlsx"], /引数が多すぎます（1 個のところ 2 個）/, /Too many arguments for shindan-coach annotate \(it takes 1, got 2\)/],
  ];

  test.each(cases)("%j", async (argv, ja, en) => {
    for (const [lang, want] of [
      ["ja", ja],
      ["en", en],
    ] as const) {
      const args = lang === "en" ? [argv[0], "--lang", "en", ...argv.slice(1)] : argv;
      const r = await cli(...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(want);
      expect(lines[0]).not.toMatch(/^error:/);
      const sub = ["analyze", "annotate", "template"].find((c) => argv[0] === c);
      expect(lines[1]).toBe(`${lang === "ja" ? "使い方" : "Usage"}: shindan-coach${sub ? ` ${sub}` : ""} --help`);
    }
  });

  test("an unknown --lang is refused in Japanese (the language it would have named is unknown)", async () => {
    const r = await cli("analyze", "--lang", "fr", "x.xlsx");
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toEqual([t("ja", "cli.error.lang", { value: "fr" }), "使い方: shindan-coach analyze --help"]);
  });

  test("--json with --csv: one sentence and the hint, not the whole help", async () => {
    const r = await cli("analyze", "--json", "--csv", "--lang", "en", "x.xlsx");
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toEqual([t("en", "cli.error.formats"), "Usage: shindan-coach analyze --help"]);
  });

  test("--help still prints the help on stdout, exit 0", async () => {
    const r = await cli("analyze", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: shindan-coach analyze");
    expect(r.stderr).toBe("");
  });
});

describe("template (point 7)", () => {
  const leftovers = () => readdirSync(dir).filter((f) => f.includes(".tmp-"));

  test("an existing output: one sentence, no help; --force replaces it; nothing left behind", async () => {
    expect((await cli("template", "-o", join(dir, "blank.xlsx"))).code).toBe(0);
    const before = readFileSync(join(dir, "blank.xlsx"));
    const again = await cli("template", "-o", join(dir, "blank.xlsx"), "--lang", "en");
    expect(again.code).toBe(1);
    expect(again.stderr.trimEnd().split("\n")).toEqual([t("en", "cli.error.exists", { file: join(dir, "blank.xlsx") })]);
    expect(readFileSync(join(dir, "blank.xlsx")).equals(before)).toBe(true);
    expect((await cli("template", "-o", join(dir, "blank.xlsx"), "--force")).code).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  test.each(["t.csv", "t.xls", "t", "t.xlsx.bak"])("-o %s is refused, nothing written", async (name) => {
    const r = await cli("template", "-o", join(dir, name));
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toEqual([t("ja", "cli.error.notXlsx", { file: join(dir, name) })]);
    expect(existsSync(join(dir, name))).toBe(false);
  });

  test("annotate -o out.csv is refused the same way, before reading anything", async () => {
    const r = await cli("annotate", join(dir, "text-dropdown.xlsx"), "-o", join(dir, "out.csv"));
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd()).toBe(t("ja", "cli.error.notXlsx", { file: join(dir, "out.csv") }));
    expect(existsSync(join(dir, "out.csv"))).toBe(false);
  });

  test("a folder that does not exist: one sentence naming the file, no partial or temporary file", async () => {
    const out = join(dir, "no-such-folder", "t.xlsx");
    const r = await cli("template", "-o", out);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(out);
    expect(r.stderr).not.toMatch(STACK);
    expect(existsSync(join(dir, "no-such-folder"))).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});

describe("runCli and unexpected errors", () => {
  test("runs in this process and leaves process.exitCode alone", async () => {
    const before = process.exitCode;
    expect((await cli("analyze", join(dir, "text-dropdown.xlsx"))).code).toBe(0);
    expect((await cli("analyze", join(dir, "missing.xlsx"))).code).toBe(1);
    expect(await cli("analyze", "--nope")).toMatchObject({ code: 1 });
    expect(process.exitCode).toBe(before);
  });

  test("an unexpected error: a sentence to report it with its message, no stack unless asked for", async () => {
    // A stdout that fails (as a closed pipe would) is an error no command expects.
    const failing = (debug: boolean) => {
      let stderr = "";
      const io = {
        stdout: () => {
          throw new Error("write EPIPE \u001b[31m");
        },
        stderr: (s: string) => void (stderr += s),
        debug,
      };
      return { io, err: () => stderr };
    };
    const quiet = failing(false);
    expect(await runCli(["analyze", "--lang", "en", join(dir, "text-dropdown.xlsx")], quiet.io)).toBe(1);
    expect(quiet.err().trimEnd().split("\n")).toEqual([t("en", "cli.error.internal", { detail: "write EPIPE ␛[31m" }), t("en", "cli.error.internal.debug")]);

    const loud = failing(true);
    expect(await runCli(["analyze", join(dir, "text-dropdown.xlsx")], loud.io)).toBe(1);
    expect(loud.err()).toContain(t("ja", "cli.error.internal", { detail: "write EPIPE ␛[31m" }));
    expect(loud.err()).toMatch(STACK);
    expect(loud.err()).not.toMatch(UNSAFE);
  });
});
