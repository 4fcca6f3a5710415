/**
 * The generated fixtures end to end: build each workbook in memory, read it with the ExcelJS
 * host, analyse it, and compare with the expected result written down by its builder
 * (scripts/fixtures). Also checks the committed demo sample against its expected json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyseWorkbook, type Analysis } from "../src/core/analyse";
import { nameText } from "../src/core/assessment";
import { readWorkbookBuffer, WorkbookReadError } from "../src/xlsx/readSnapshot";
import { FIXTURES, SAMPLE, type Expected, type ExpectedMessage } from "../scripts/fixtures";
import { expectPolicy, expectRegulations } from "./helpers/expectChecksheet";

type Msg = { level: string; code: string; sheet: string | null; cell: string | null };

const where = (m: { code: string; sheet: string | null; cell?: string | null }): string =>
  `${m.code} @ ${m.sheet ?? "-"}!${m.cell === undefined ? "*" : (m.cell ?? "-")}`;

function sameMessage(actual: Msg, m: { code: string; sheet: string | null; cell?: string | null }): boolean {
  return actual.code === m.code && actual.sheet === m.sheet && (m.cell === undefined || actual.cell === m.cell);
}

/** Compares an analysis with what the fixture's builder wrote down. */
function expectAnalysis(analysis: Analysis, expected: Expected): void {
  // Respondents: same ones, same order; a name the engine made (C列, 表2) as written in Japanese.
  expect(analysis.diagnoses.map((d) => ({ sheet: d.sheet, respondent: d.respondent === null ? null : nameText(d.respondent, "ja") }))).toEqual(
    expected.respondents.map((r) => ({ sheet: r.sheet, respondent: r.respondent })),
  );

  expected.respondents.forEach((want, i) => {
    const got = analysis.diagnoses[i];
    const label = `${want.sheet} / ${want.respondent ?? "(unnamed)"}`;
    // Each of the 25 answers and its cell.
    expect({ label, answers: got.answers.map((a) => ({ no: a.no, answer: a.answer, cell: a.cell })) }).toEqual({
      label,
      answers: want.answers,
    });
    expect({ label, total: got.total }).toEqual({ label, total: want.total });
    expect({ label, unanswered: got.unanswered }).toEqual({
      label,
      unanswered: want.answers.filter((a) => a.answer === null).map((a) => a.no),
    });
  });

  // The consolidated view.
  if (expected.consolidated === null) {
    expect(analysis.consolidated).toBeNull();
  } else if (expected.consolidated !== undefined) {
    const c = analysis.consolidated;
    expect(c).not.toBeNull();
    expect({
      answers: c!.answers.map((a) => ({ no: a.no, answer: a.answer })),
      total: c!.total,
      disagreements: c!.disagreements,
    }).toEqual(expected.consolidated);
  }

  // Messages: every expected one present; no other error or warning.
  const actual = analysis.messages as Msg[];
  const missing = expected.messages.filter((m: ExpectedMessage) => !actual.some((a) => sameMessage(a, m) && (m.level === undefined || a.level === m.level)));
  expect(missing.map(where)).toEqual([]);
  const allowed = [...expected.messages, ...(expected.mayReport ?? [])];
  const unexpected = actual.filter((a) => a.level !== "info" && !allowed.some((m) => sameMessage(a, m)));
  expect(unexpected.map((m) => `${m.level} ${where(m)}`)).toEqual([]);
}

describe("generated fixtures", () => {
  test("ids are unique and every diagnosis lists 25 items", () => {
    const ids = FIXTURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FIXTURES) for (const r of f.expected.respondents) expect(r.answers.map((a) => a.no)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  describe.each(FIXTURES.map((f) => [f.id, f] as const))("%s", (_id, fixture) => {
    test(fixture.description, async () => {
      const bytes = await fixture.build();
      const name = `${fixture.id}.${fixture.ext}`;
      const e = fixture.expected;

      if (e.exit === 1) {
        await expect(readWorkbookBuffer(bytes, name)).rejects.toBeInstanceOf(WorkbookReadError);
        await expect(readWorkbookBuffer(bytes, name)).rejects.toMatchObject({ code: e.readError });
        return;
      }

      const analysis = analyseWorkbook(await readWorkbookBuffer(bytes, name));
      if (e.exit === 2) expect(analysis.diagnoses).toEqual([]);
      else expect(analysis.diagnoses.length).toBeGreaterThan(0);
      expectAnalysis(analysis, e);
    });
  });
});

describe("bundled sample", () => {
  const dir = join(__dirname, "..", "samples");

  test("the committed expected json is what the generator writes", () => {
    const committed = JSON.parse(readFileSync(join(dir, "sample-diagnosis.expected.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(SAMPLE.expected)));
  });

  test("samples/sample-diagnosis.xlsx analyses to its expected json", async () => {
    const expected: Expected = JSON.parse(readFileSync(join(dir, "sample-diagnosis.expected.json"), "utf8"));
    const bytes = readFileSync(join(dir, "sample-diagnosis.xlsx"));
    const analysis = analyseWorkbook(await readWorkbookBuffer(bytes, "sample-diagnosis.xlsx"));
    expect(expected.exit).toBe(0);
    expectAnalysis(analysis, expected);
    // The regulation checksheet (every regulation's counts, listed, decision, issues) and the
    // basic-policy checklist: the demo shows them, so they are part of what it must read.
    expect(expected.regulations).toBeTruthy();
    expectRegulations(analysis, expected);
    expect(expected.policy).toBeTruthy();
    expectPolicy(analysis, expected);
  });
});
