/** A1 addresses and range lists (src/core/address.ts), which every host and the sheet scanner parse with. */
import { a1, parseA1, parseRange, parseRangeList, tryParseA1, tryParseRange } from "../src/core/address";

test('cells: one to three letters in either case, "$" before either part, then the row', () => {
  expect(["A1", "e9", "$E$9", "XFD1048576", "$ab12", "aB$3"].map(tryParseA1)).toEqual([
    { row: 0, col: 0 },
    { row: 8, col: 4 },
    { row: 8, col: 4 },
    { row: 1048575, col: 16383 },
    { row: 11, col: 27 },
    { row: 2, col: 27 },
  ]);
  for (const bad of ["", "A", "1", "ABCD1", "A1B", "A-1", "$$A1", "A$$1", " A1", "A1 ", "Ａ1", "ß1", "A1:B2", "@1", "[1"])
    expect([bad, tryParseA1(bad)]).toEqual([bad, null]);
  expect(() => parseA1("E")).toThrow("not an A1 cell address: E");
  for (let col = 0; col < 16384; col += 7) expect(parseA1(a1(col * 3, col))).toEqual({ row: col * 3, col });
});

test("ranges: either corner first; lists separated by spaces, a token that is not a range kept as null", () => {
  expect(tryParseRange("D9:G9")).toEqual({ top: 8, left: 3, bottom: 8, right: 6 });
  expect(tryParseRange("$G$10:d9")).toEqual({ top: 8, left: 3, bottom: 9, right: 6 });
  expect(tryParseRange("E9")).toEqual({ top: 8, left: 4, bottom: 8, right: 4 });
  for (const bad of ["", ":", "A1:", ":A1", "A1:B2:C3", "A1-B2"]) expect([bad, tryParseRange(bad)]).toEqual([bad, null]);
  expect(() => parseRange("A1:")).toThrow("not an A1 range: A1:");
  expect(parseRangeList("  A1:B2\tD4 \n nonsense  ")).toEqual([{ top: 0, left: 0, bottom: 1, right: 1 }, { top: 3, left: 3, bottom: 3, right: 3 }, null]);
  expect(parseRangeList("   ")).toEqual([]);
});
