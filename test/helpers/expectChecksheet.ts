/**
 * Comparisons of the regulations part and the basic-policy checklist of an analysis with what a
 * fixture's builder wrote down (scripts/fixtures). The same checks as
 * test/checksheetFixtures.test.ts makes of the checksheet fixtures, shared so that the bundled
 * sample (test/fixtures.test.ts) is held to them too.
 */
import type { Analysis } from "../../src/core/analyse";
import type { Expected } from "../../scripts/fixtures";

type Msg = { level: string; code: string; sheet: string | null; cell: string | null };
type Want = { code: string; sheet: string | null; cell?: string | null; level?: "info" };

const where = (m: { code: string; sheet: string | null; cell?: string | null }): string =>
  `${m.code} @ ${m.sheet ?? "-"}!${m.cell === undefined ? "*" : (m.cell ?? "-")}`;

function sameMessage(actual: Msg, m: Want): boolean {
  return actual.code === m.code && actual.sheet === m.sheet && (m.cell === undefined || actual.cell === m.cell);
}

/** Every expected message present (at level info when so marked); no other error or warning. */
export function expectMessages(label: string, actual: Msg[], expected: Want[], mayReport: Want[] = []): void {
  const missing = expected.filter((m) => !actual.some((a) => sameMessage(a, m) && (m.level === undefined || a.level === m.level)));
  expect({ label, missing: missing.map(where) }).toEqual({ label, missing: [] });
  const allowed = [...expected, ...mayReport];
  const unexpected = actual.filter((a) => a.level !== "info" && !allowed.some((m) => sameMessage(a, m)));
  expect({ label, unexpected: unexpected.map((m) => `${m.level} ${where(m)}`) }).toEqual({ label, unexpected: [] });
}

/**
 * The regulations part: the sheets, the same regulations in the same order, and per regulation
 * its counts, listed, decision and issues; then the checksheet messages.
 */
export function expectRegulations(analysis: Analysis, e: Expected): void {
  const want = e.regulations;
  if (want === undefined) throw new Error("the fixture must say what regulations to expect");
  if (want === null) {
    expect(analysis.regulations).toBeNull();
    return;
  }
  const got = analysis.regulations;
  expect(got).not.toBeNull();
  expect({ sheet: got!.sheet, overviewSheet: got!.overviewSheet }).toEqual({ sheet: want.sheet, overviewSheet: want.overviewSheet });

  // The 11 by number, the others by their name.
  const id = (c: { no: number | null; name: string }): string => (c.no === null ? `? ${c.name}` : String(c.no));
  expect(got!.coverage.map(id)).toEqual(want.coverage.map(id));

  want.coverage.forEach((w, i) => {
    const g = got!.coverage[i];
    const label = `${w.no ?? "-"} ${w.name}`;
    expect({
      label,
      present: g.present,
      absent: g.absent,
      unchecked: g.unchecked,
      total: g.total,
      listed: g.listed,
      decision: g.decision,
      issues: g.issues.map((x) => ({ section: x.section, cell: x.cell })),
    }).toEqual({
      label,
      present: w.present,
      absent: w.absent,
      unchecked: w.unchecked,
      total: w.total,
      listed: w.listed,
      decision: w.decision,
      issues: w.issues,
    });
  });

  expectMessages("checksheet messages", got!.messages as Msg[], want.messages);
}

/** The basic-policy checklist: its sheet and every element's status and note, in order. */
export function expectPolicy(analysis: Analysis, e: Expected): void {
  const want = e.policy;
  if (want === undefined) throw new Error("the fixture must say what policy checklist to expect");
  if (want === null) {
    expect(analysis.policy).toBeNull();
    return;
  }
  expect(analysis.policy).not.toBeNull();
  const got = analysis.policy!;
  expect({ sheet: got.sheet, checks: got.checks.map((c) => ({ id: c.id, status: c.status, note: c.note })) }).toEqual(want);
}
