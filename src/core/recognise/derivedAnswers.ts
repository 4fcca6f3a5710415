/**
 * Answers repeated by reference are no respondent. IPA's guideline has each site or department
 * fill in its own diagnosis and someone aggregate them; in Excel that is a 集計 sheet whose columns
 * pull each site's answers by formula (=本社!C5) and a consolidated column over them
 * (=IF(MIN(…)…)). Read as respondents, they would count every site twice.
 *
 * The evidence is in the workbook: an answer cell whose formula refers to another respondent's
 * answer cell for the same item repeats it. A respondent all of whose read answers are such
 * cells is derived, when following those references reaches respondents whose answers were typed
 * in; it is left out and said, with the respondents it comes from. A respondent with both typed
 * and repeated answers is kept and said: which is meant is the coach's call, not a guess.
 */
import type { LeftOutRespondent, RespondentAnswers, RespondentName } from "../assessment";
import { tryParseA1, tryParseRange, type CellAddress } from "../address";
import { listParam, message, type EngineMessage } from "../messages";
import type { CellRange, SheetFormula, WorkbookSnapshot } from "../snapshot";

export interface DerivedOutcome {
  /** The respondents kept, in their order. */
  respondents: RespondentAnswers[];
  /** The respondents left out, with those they repeat. */
  derived: LeftOutRespondent[];
  messages: EngineMessage[];
}

/** A reference in a formula: its sheet (the formula's own when none is named) and cells. */
export interface FormulaReference {
  sheet: string;
  range: CellRange;
}

/** Cells of one range looked at, at most (a whole column referred to is not an answer's source). */
const MAX_RANGE_CELLS = 200;

const REFERENCE =
  /(?:(?:'((?:[^']|'')+)'|([^\s'!(),=+\-*/&<>:;"{}[\]^%]+))!)?(?<![A-Za-z0-9_.$])(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![A-Za-z0-9_(!])/gu;

/** The cell references of a formula (string constants skipped), each with its sheet. */
export function formulaReferences(formula: string, ownSheet: string): FormulaReference[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const out: FormulaReference[] = [];
  for (const m of code.matchAll(REFERENCE)) {
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? ownSheet);
    const address = m[3].replace(/\$/g, "").toUpperCase();
    const range = address.includes(":") ? tryParseRange(address) : single(address);
    if (range) out.push({ sheet, range });
  }
  return out;
}

function single(address: string): CellRange | null {
  const c = tryParseA1(address);
  return c ? { top: c.row, left: c.col, bottom: c.row, right: c.col } : null;
}

const cellKey = (sheet: string, row: number, col: number) => `${sheet.toLowerCase()}!${row},${col}`;

export function leaveOutDerived(respondents: RespondentAnswers[], workbook: WorkbookSnapshot): DerivedOutcome {
  const formulaAt = new Map<string, string>();
  for (const s of workbook.sheets) for (const f of s.formulas ?? ([] as SheetFormula[])) formulaAt.set(cellKey(s.name, f.row, f.col), f.formula);
  if (formulaAt.size === 0) return { respondents, derived: [], messages: [] };

  // Every answer cell read, by position: whose, for which item.
  const answerCell = new Map<string, { who: number; no: number }>();
  respondents.forEach((r, who) =>
    r.answers.forEach((a) => {
      const c = a.cell !== null ? tryParseA1(a.cell) : null;
      if (c) answerCell.set(cellKey(r.sheet, c.row, c.col), { who, no: a.no });
    }),
  );

  interface Look {
    typed: number;
    repeated: number;
    firstRepeated: CellAddress | null;
    sources: Set<number>;
  }
  const looks: Look[] = respondents.map((r, who) => {
    const look: Look = { typed: 0, repeated: 0, firstRepeated: null, sources: new Set() };
    for (const a of r.answers) {
      if (a.answer === null || a.cell === null) continue;
      const c = tryParseA1(a.cell);
      const formula = c ? formulaAt.get(cellKey(r.sheet, c.row, c.col)) : undefined;
      if (formula === undefined) {
        look.typed++;
        continue;
      }
      const from = new Set<number>();
      for (const ref of formulaReferences(formula, r.sheet)) {
        const { top, left, bottom, right } = ref.range;
        if ((bottom - top + 1) * (right - left + 1) > MAX_RANGE_CELLS) continue;
        for (let row = top; row <= bottom; row++) {
          for (let col = left; col <= right; col++) {
            const hit = answerCell.get(cellKey(ref.sheet, row, col));
            if (hit && hit.who !== who && hit.no === a.no) from.add(hit.who);
          }
        }
      }
      // A formula of another kind (a lookup of points, a date) says nothing either way.
      if (from.size === 0) continue;
      look.repeated++;
      look.firstRepeated ??= a.cell;
      for (const w of from) look.sources.add(w);
    }
    return look;
  });

  const candidate = looks.map((l) => l.repeated > 0 && l.typed === 0);
  // Typed answers reached through the references (a consolidated column over a 集計 sheet's site
  // columns reaches the sites' own sheets).
  const origins = (who: number): Set<number> => {
    const seen = new Set<number>([who]);
    const typed = new Set<number>();
    const todo = [who];
    while (todo.length) {
      for (const s of looks[todo.pop()!].sources) {
        if (seen.has(s)) continue;
        seen.add(s);
        if (candidate[s]) todo.push(s);
        else typed.add(s);
      }
    }
    return typed;
  };

  const named = (r: RespondentAnswers): RespondentName => r.respondent ?? r.sheet;
  const messages: EngineMessage[] = [];
  const kept: RespondentAnswers[] = [];
  const derived: LeftOutRespondent[] = [];
  respondents.forEach((r, who) => {
    const look = looks[who];
    const from = candidate[who] ? [...origins(who)].sort((a, b) => a - b) : [];
    if (from.length > 0) {
      const sources = from.map((w) => named(respondents[w]));
      messages.push(message("info", "derived-respondent", r.sheet, look.firstRepeated, { respondent: named(r), sources: listParam(sources) }));
      derived.push({ ...r, reason: "derived", from: sources });
      return;
    }
    if (look.repeated > 0 && look.typed > 0) {
      messages.push(message("warning", "derived-mixed", r.sheet, look.firstRepeated, { respondent: named(r), repeated: look.repeated, typed: look.typed }));
    }
    kept.push(r);
  });
  return { respondents: kept, derived, messages };
}
