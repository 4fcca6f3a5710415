/**
 * Rounds of one diagnosis on one sheet: tables whose titles are the same but for a year, a date
 * or a round (「■ 2023年度の診断」 and 「■ 2024年度の診断」, 第1回 / 第2回, 前回 / 今回). A company
 * that keeps last year's answers above this year's means the newer table; weakest answers taken
 * across both would be neither year's. Titles that differ in anything else (本社 2024年度 /
 * 工場 2024年度, or two sites' fill-in dates) are different respondents, not rounds.
 */
import { textKey } from "../text/normalise";

/** When a table was filled in, as far as its title says. */
interface Round {
  year?: number;
  month?: number;
  day?: number;
  /** 第2回, 2回目. */
  n?: number;
  /** 前回, 前年度 (−1); 今回, 今年度 (1). */
  relative?: -1 | 1;
}

type Found = { round: Round; rest: string };

const ERA_START: Record<string, number> = { 令和: 2018, r: 2018, 平成: 1988, h: 1988 };

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

/** Dates in a title, tried in order: the pattern and what its groups say. */
const DATES: { re: RegExp; read: (m: RegExpExecArray) => Round }[] = [
  // 2024年度, 2024年6月3日
  {
    re: /(?<!\d)((?:19|20)\d{2})\s*年度?(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?/,
    read: (m) => ({ year: Number(m[1]), month: num(m[2]), day: num(m[3]) }),
  },
  // 2024/6/3, 2024-06, 2024.6
  { re: /(?<!\d)((?:19|20)\d{2})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?(?!\d)/, read: (m) => ({ year: Number(m[1]), month: num(m[2]), day: num(m[3]) }) },
  // 令和6年度, 令和元年10月
  {
    re: /(令和|平成)\s*(\d{1,2}|元)\s*年度?(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?/,
    read: (m) => ({ year: ERA_START[m[1]] + (m[2] === "元" ? 1 : Number(m[2])), month: num(m[3]), day: num(m[4]) }),
  },
  // R6年度, R6.4.1
  {
    re: /(?<![a-z])([rh])(\d{1,2})(?:年度?|[.](?=\d))(?:(\d{1,2})(?:[.](\d{1,2}))?)?/i,
    read: (m) => ({ year: ERA_START[m[1].toLowerCase()] + Number(m[2]), month: num(m[3]), day: num(m[4]) }),
  },
  // FY2024, 2024 diagnosis
  { re: /(?<!\d)((?:19|20)\d{2})(?!\d)/, read: (m) => ({ year: Number(m[1]) }) },
];
const ROUND = /第\s*(\d{1,3})\s*回|(\d{1,3})\s*回目/;
const EARLIER = /前回|前年度|昨年度|前年|昨年|前期/;
const CURRENT = /今回|今年度|本年度|今年|今期|最新/;

/** The round a title names, and the title without it; null when it names none. */
export function roundOf(title: string): Found | null {
  let rest = title.normalize("NFKC");
  const round: Round = {};
  for (const d of DATES) {
    const m = d.re.exec(rest);
    if (!m) continue;
    for (const [k, v] of Object.entries(d.read(m))) if (v !== undefined) round[k as "year" | "month" | "day"] = v;
    rest = rest.replace(m[0], " ");
    break;
  }
  const n = ROUND.exec(rest);
  if (n) {
    round.n = Number(n[1] ?? n[2]);
    rest = rest.replace(n[0], " ");
  }
  const earlier = EARLIER.exec(rest);
  const current = earlier ? null : CURRENT.exec(rest);
  if (earlier || current) {
    round.relative = earlier ? -1 : 1;
    rest = rest.replace((earlier ?? current)![0], " ");
  }
  if (Object.keys(round).length === 0) return null;
  return { round, rest: textKey(rest) };
}

/**
 * −1 when a is an earlier round than b, 1 when later; null when the titles do not tell (the
 * first of year, month, day, round number, 前回/今回 that both name and that differs decides).
 */
export function compareRounds(a: Round, b: Round): -1 | 1 | null {
  for (const k of ["year", "month", "day", "n", "relative"] as const) {
    const x = a[k];
    const y = b[k];
    if (x !== undefined && y !== undefined && x !== y) return x < y ? -1 : 1;
  }
  return null;
}

/**
 * For each title (null: none), the indices of the titles of later rounds of the same diagnosis:
 * empty for a table that is no earlier round of another.
 */
export function laterRounds(titles: (string | null)[]): number[][] {
  const found = titles.map((t) => (t === null ? null : roundOf(t)));
  return found.map((a, i) =>
    a === null ? [] : found.flatMap((b, j) => (j !== i && b !== null && b.rest === a.rest && compareRounds(a.round, b.round) === -1 ? [j] : [])),
  );
}
