/**
 * What the command line prints, made safe for the terminal it lands on. Cells, sheet names and
 * file names can hold control characters (ESC starts a terminal's escape sequences: colours,
 * cursor moves, the window title, on some terminals a write to the clipboard; BEL rings; NUL,
 * CR and backspace hide what came before them; C1 controls are ESC sequences in one character)
 * and bidirectional controls (they reorder what is shown, so a line reads other than it is).
 *
 * Every one of them is replaced by a visible stand-in: C0 and DEL by their Unicode control
 * pictures (ESC shows as ␛, a newline inside a cell as ␊), C1 and the bidirectional controls by
 * U+FFFD. Only the line breaks the command line itself puts between its lines stay.
 */

/** C0, DEL and C1 (general category Cc), the bidirectional controls, and the line and paragraph separators. */
const UNSAFE = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/gu;

function standIn(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  return "\uFFFD";
}

/** One line: every control character replaced, a newline included. */
export function printableLine(text: string): string {
  return text.replace(UNSAFE, standIn);
}

/** A text whose line breaks are ours (help, JSON): every control character but "\n" replaced. */
export function printableText(text: string): string {
  return text.replace(UNSAFE, (ch) => (ch === "\n" ? ch : standIn(ch)));
}

/**
 * A JSON document with the characters JSON.stringify leaves as they are (DEL, C1, the
 * bidirectional controls, U+2028/U+2029) written as \u escapes: the same data, nothing for a
 * terminal to act on. JSON.stringify already escapes C0 inside strings, and these characters
 * occur only inside strings.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(UNSAFE, (ch) => (ch === "\n" ? ch : `\\u${ch.codePointAt(0)!.toString(16).padStart(4, "0")}`));
}

/** Where the command line writes, and whether it may draw a progress bar. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A terminal to draw analyze's progress bar on (stderr when it is one); without it, no bar. */
  progress?: NodeJS.WritableStream;
  /** Print the stack of an internal error (SHINDAN_DEBUG=1 for the installed command). */
  debug?: boolean;
}

/** Every write of the command line goes through here (the progress bar's file name aside, made printable where it is set). */
export class Printer {
  constructor(private readonly io: CliIo) {}

  /** Lines of ours, each ending in "\n"; whatever a value holds, it stays on its line. */
  lines(to: "stdout" | "stderr", lines: readonly string[]): void {
    if (lines.length) this.io[to](lines.map(printableLine).join("\n") + "\n");
  }

  /** A text whose line breaks are ours (help, the JSON document), as it is otherwise. */
  text(to: "stdout" | "stderr", text: string): void {
    this.io[to](printableText(text));
  }
}

/**
 * The columns a text takes in a terminal, for lining up a table: East Asian wide and fullwidth
 * characters (kana, kanji, fullwidth forms, Hangul) take two, everything else one. The ranges
 * are the wide blocks of Unicode's East Asian Width (UAX #11) that Japanese text uses.
 */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** text followed by spaces up to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
