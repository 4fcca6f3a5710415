/**
 * The regulation checksheet fixtures end to end: build each workbook in memory, read it with the
 * ExcelJS host, analyse it, and compare the diagnoses, the regulations part (per regulation its
 * counts, listed, decision and issues; the sheets) and the messages with what the fixture's
 * builder wrote down (scripts/fixtures/checksheets.ts). Also checks that no diagnosis fixture
 * grows a checksheet.
 */
import { analyseWorkbook, type Analysis } from "../src/core/analyse";
import { REGULATIONS } from "../src/core/catalog/regulations";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { CHECKSHEET_FIXTURES, FIXTURES, type Expected, type ExpectedMessage } from "../scripts/fixtures";
import { expectMessages, expectRegulations } from "./helpers/expectChecksheet";

type Msg = Parameters<typeof expectMessages>[1][number];

function expectDiagnoses(analysis: Analysis, e: Expected): void {
  expect(analysis.diagnoses.map((d) => ({ sheet: d.sheet, respondent: d.respondent }))).toEqual(
    e.respondents.map((r) => ({ sheet: r.sheet, respondent: r.respondent })),
  );
  e.respondents.forEach((want, i) => {
    const got = analysis.diagnoses[i];
    const label = `${want.sheet} / ${want.respondent ?? "(unnamed)"}`;
    expect({ label, answers: got.answers.map((a) => ({ no: a.no, answer: a.answer, cell: a.cell })) }).toEqual({ label, answers: want.answers });
    expect({ label, total: got.total }).toEqual({ label, total: want.total });
  });
  if (e.consolidated === null) expect(analysis.consolidated).toBeNull();
  else if (e.consolidated) expect(analysis.consolidated?.total).toBe(e.consolidated.total);
  expectMessages("diagnosis messages", analysis.messages as Msg[], e.messages as ExpectedMessage[], e.mayReport);
}

describe("checksheet fixtures", () => {
  test("ids are unique across all fixtures; each lists the 11 regulations first, in order, with sound counts", () => {
    const ids = [...FIXTURES, ...CHECKSHEET_FIXTURES].map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of CHECKSHEET_FIXTURES) {
      const r = f.expected.regulations;
      expect(r).toBeTruthy();
      expect(r!.coverage.slice(0, 11).map((c) => [c.no, c.name])).toEqual(REGULATIONS.map((x) => [x.no, x.name]));
      expect(r!.coverage.slice(11).every((c) => c.no === null && c.listed)).toBe(true);
      for (const c of r!.coverage) {
        expect(c.present + c.absent + c.unchecked).toBe(c.total);
        if (!c.listed) expect([c.total, c.issues.length]).toEqual([0, 0]);
      }
      expect(f.expected.exit).toBe(f.expected.respondents.length > 0 || r !== null ? 0 : 2);
    }
  });

  describe.each(CHECKSHEET_FIXTURES.map((f) => [f.id, f] as const))("%s", (_id, fixture) => {
    test(fixture.description, async () => {
      const bytes = await fixture.build();
      const analysis = analyseWorkbook(await readWorkbookBuffer(bytes, `${fixture.id}.${fixture.ext}`));
      const e = fixture.expected;
      // Exit 0 when a diagnosis or a part of the checksheet was found.
      expect(analysis.diagnoses.length > 0 || analysis.regulations !== null).toBe(e.exit === 0);
      expectDiagnoses(analysis, e);
      expectRegulations(analysis, e);
    });
  });
});

describe("diagnosis fixtures hold no checksheet", () => {
  const readable = FIXTURES.filter((f) => f.expected.exit !== 1);

  test("every readable diagnosis fixture expects regulations: null", () => {
    for (const f of readable) expect({ id: f.id, regulations: f.expected.regulations }).toEqual({ id: f.id, regulations: null });
  });

  test.each(readable.map((f) => [f.id, f] as const))("%s: regulations null", async (_id, fixture) => {
    const analysis = analyseWorkbook(await readWorkbookBuffer(await fixture.build(), `${fixture.id}.${fixture.ext}`));
    expect(analysis.regulations).toBeNull();
  });
});
