/**
 * The company's package is not whole enough to be edited in place: a part every workbook has is
 * missing or does not parse (a damaged file, or one written by a careless tool). Nothing is
 * written; the user is told to have Excel repair it by opening and saving it again.
 */
export class PackageDamagedError extends Error {
  override readonly name = "PackageDamagedError";
}
