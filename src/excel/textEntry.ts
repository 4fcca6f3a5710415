/**
 * Text written through Range.values is taken as if the user typed it
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-values-member:
 * a value starting with + - or = is read as a formula), so "=1+1", "-要確認" or "@担当" would become
 * formulas, "1,000", "50%", "１２３" numbers, "2024/5/20", "5月20日", "R6.5.20" or "10:30" dates and
 * times, "TRUE" a boolean, and a leading apostrophe would vanish.
 *
 * Such text is written with a leading apostrophe (Excel's quote prefix: the cell holds the text
 * after it, as typed). Not with the Text number format "@": Excel shows "####" in a Text-formatted
 * cell that holds more than 255 characters, and the add-in's notes, reasons and questions are
 * often longer. Plain text gets no prefix, so a cell the user later edits behaves as any other.
 *
 * The rule errs towards protecting: an apostrophe on text Excel would have kept anyway costs
 * nothing visible, while a missed one changes what the cell says. Locale decides what Excel reads
 * as a date (Japanese Excel also reads 和暦 such as "R6.5.20" or "令和6年5月20日"), so any short
 * text made of digits, separators and date or number words is protected.
 */

/** Characters and words a number, date, time or currency amount can be typed with, in any locale the add-in meets. */
const NUMBER_LIKE = /^(?:[\s\d.,:/\-+%()$¥€£'’e]|[年月日時分秒]|午前|午後|AM|PM|[ap]m|令和|平成|昭和|大正|明治|元|[RHSTM](?=\d))*$/i;

/** Whether Excel would not keep `text` as written when it is typed into a General-format cell. */
export function excelWouldReinterpret(text: string): boolean {
  const t = text.normalize("NFKC").trim();
  if (t === "") return false;
  // Formulas, the quote prefix itself, and a leading @ (Lotus-style formula, or a mention).
  if (/^[=+\-@']/.test(t) || /^['=+\-@]/.test(text)) return true;
  if (/^(?:true|false)$/i.test(t)) return true;
  // Numbers, dates and times: digits with only the characters such values are typed with.
  if (/\d/.test(t) && t.length <= 40) {
    // English month and weekday names ("May 20", "20-Jan", "Mon 5/20").
    const words = t
      .replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?/gi, "")
      .replace(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?/gi, "");
    if (NUMBER_LIKE.test(words)) return true;
  }
  return false;
}

/** The string to write through Range.values so that the cell holds exactly `text`. */
export function textEntry(text: string): string {
  return excelWouldReinterpret(text) ? `'${text}` : text;
}

/** A plan value as written through Range.values: text as entered (above) unless the cell's format is Text ("@"). */
export function valueEntry(value: string | number | boolean, numberFormat: string | undefined): string | number | boolean {
  return typeof value === "string" && numberFormat !== "@" ? textEntry(value) : value;
}
