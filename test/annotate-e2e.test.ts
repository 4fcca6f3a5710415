/**
 * Annotate and clear end to end through the built command, on the bundled sample and on
 * fixtures: clear gives back the original (every cell's value, formula and fill on every company
 * sheet, and the sheet list); annotating twice gives the same workbook as once.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { CHECKSHEET_FIXTURES, FIXTURES, manyRespondents } from "../scripts/fixtures";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
let dir: string;

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "shindan-e2e-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`shindan-coach ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
}

/** Every sheet's name, state and every cell's value, formula and fill, in sheet order. */
async function dump(file: string, sheets?: string[]): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets
    .filter((ws) => !sheets || sheets.includes(ws.name))
    .map((ws) => {
      const cells: unknown[] = [];
      ws.eachRow({ includeEmpty: true }, (row, r) =>
        row.eachCell({ includeEmpty: true }, (c, col) => {
          cells.push([r, col, c.type, c.formula ?? null, c.formula ? null : (c.value ?? null), c.fill ?? null]);
        }),
      );
      return { name: ws.name, state: ws.state, cells };
    });
}

const cases: [string, () => Promise<Buffer>][] = [
  ["the bundled sample", async () => (await import("node:fs")).readFileSync(join(ROOT, "samples", "sample-diagnosis.xlsx"))],
  ...["mark-grid", "anywhere-hidden-extra", "answer-points-formula", "multi-sheet-sites"].map((id): [string, () => Promise<Buffer>] => [
    id,
    () => FIXTURES.find((f) => f.id === id)!.build(),
  ]),
  ["cs-seed-layout", () => CHECKSHEET_FIXTURES.find((f) => f.id === "cs-seed-layout")!.build()],
  // The summary's matrix reaches past column AZ (where the add-in's marker used to be).
  ["48 respondents", () => manyRespondents(48).build()],
  ["120 respondents", () => manyRespondents(120).build()],
];

describe.each(cases)("%s", (name, build) => {
  test("annotate → clear gives back the original; annotate twice equals annotate once", async () => {
    // The summary's title names the workbook file: every copy keeps the same file name.
    const file = `${name.replace(/\W+/g, "_")}.xlsx`;
    const at = (step: string) => {
      mkdirSync(join(dir, step), { recursive: true });
      return join(dir, step, file);
    };
    const original = at("original");
    writeFileSync(original, await build());
    cli("annotate", original, "-o", at("once"));
    copyFileSync(at("once"), at("twice"));
    cli("annotate", at("twice"), "--in-place");
    cli("clear", at("once"), "-o", at("cleared"));
    cli("clear", at("twice"), "-o", at("cleared-twice"));
    const [original_, once, twice, cleared, clearedTwice] = [original, at("once"), at("twice"), at("cleared"), at("cleared-twice")];

    const before = await dump(original_);
    expect(await dump(cleared)).toEqual(before);
    expect(await dump(clearedTwice)).toEqual(before);
    expect(await dump(twice)).toEqual(await dump(once));

    // The annotation did add our sheets and did colour some of the company's cells.
    type Dumped = { name: string; cells: unknown[][] }[];
    const company = (before as Dumped).map((s) => s.name);
    const annotated = (await dump(once)) as Dumped;
    expect(annotated.length).toBeGreaterThan(company.length);
    const fills = (d: Dumped) => JSON.stringify(d.filter((s) => company.includes(s.name)).map((s) => s.cells.map((c) => c[5])));
    expect(fills(annotated)).not.toEqual(fills(before as Dumped));
  }, 60_000);
});
