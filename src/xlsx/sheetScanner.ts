/**
 * Counts, in a worksheet part's XML as it streams by, what ExcelJS will turn into objects when it
 * loads the sheet, without building anything (browser-safe): cell and row elements, the cells of
 * merges (ExcelJS creates every cell a merge covers), the columns column definitions span, and the
 * cells under data validations (ExcelJS records a validation per cell). Only ever overcounts
 * (markup inside comments or CDATA counts too), so a sheet it passes ExcelJS reads within bounds.
 */
import { parseRangeList } from "../core/address";
import { attribute } from "./xmlMarkup";

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

const isNameEnd = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === GT || c === SLASH;

/** The elements the scanner looks at, by local name (any namespace prefix is ignored). */
type Kind = "element" | "mergeCell" | "dataValidation" | "col" | null;
const KINDS: [string, Kind][] = [
  ["c", "element"],
  ["row", "element"],
  ["mergeCell", "mergeCell"],
  ["dataValidation", "dataValidation"],
  ["col", "col"],
];
const KIND_BYTES = KINDS.map(([name, kind]) => [Array.from(name, (ch) => ch.charCodeAt(0)), kind] as const);
const LONGEST_NAME = 64;

function kindOf(b: ArrayLike<number>, start: number, end: number): Kind {
  let s = start;
  for (let k = end - 1; k >= start; k--) {
    if (b[k] === COLON) {
      s = k + 1;
      break;
    }
  }
  const len = end - s;
  for (const [name, kind] of KIND_BYTES) {
    if (name.length !== len) continue;
    let same = true;
    for (let k = 0; k < len && same; k++) same = b[s + k] === name[k];
    if (same) return kind;
  }
  return null;
}

const latin1 = new TextDecoder("latin1");

export class SheetScanner {
  /** Cell and row elements. */
  elements = 0;
  /** Cells covered by merges. */
  mergedCells = 0;
  /** Columns created from column definitions (the largest `max`). */
  columns = 0;
  /** Cells under data validations. */
  validatedCells = 0;

  private state: "text" | "name" | "attributes" = "text";
  /** The tag name so far when it is cut by the end of a chunk. */
  private name: number[] = [];
  private kind: Kind = null;
  private attributes: string[] = [];
  private quote = 0;

  /** Cells ExcelJS would create for this sheet (data validations apart). */
  get cells(): number {
    return this.elements + this.mergedCells + this.columns;
  }

  feed(b: Uint8Array): void {
    const n = b.length;
    let i = 0;
    while (i < n) {
      if (this.state === "text") {
        const lt = b.indexOf(LT, i);
        if (lt < 0) return;
        i = lt + 1;
        this.state = "name";
        this.name = [];
      } else if (this.state === "name") {
        if (this.name.length === 0) {
          const c = b[i];
          // An end tag, a comment, CDATA, a processing instruction.
          if (c === SLASH || c === BANG || c === QUESTION) {
            this.state = "text";
            i++;
            continue;
          }
        }
        let j = i;
        while (j < n && !isNameEnd(b[j])) j++;
        if (j === n) {
          // The name goes on in the next chunk.
          if (this.name.length + (j - i) <= LONGEST_NAME) for (let k = i; k < j; k++) this.name.push(b[k]);
          else this.name = [0];
          return;
        }
        let kind: Kind;
        if (this.name.length === 0) kind = kindOf(b, i, j);
        else {
          for (let k = i; k < j; k++) this.name.push(b[k]);
          kind = this.name.length <= LONGEST_NAME ? kindOf(this.name, 0, this.name.length) : null;
        }
        i = j;
        if (kind === "element") this.elements++;
        if (kind === "mergeCell" || kind === "dataValidation" || kind === "col") {
          this.kind = kind;
          this.attributes = [];
          this.quote = 0;
          this.state = "attributes";
        } else this.state = "text";
      } else {
        // Up to the end of the tag; ">" may appear inside a quoted value.
        let j = i;
        for (; j < n; j++) {
          const c = b[j];
          if (this.quote) {
            if (c === this.quote) this.quote = 0;
          } else if (c === DQUOTE || c === SQUOTE) this.quote = c;
          else if (c === GT) break;
        }
        this.attributes.push(latin1.decode(b.subarray(i, j)));
        if (j === n) return;
        this.tag(this.kind, this.attributes.join(""));
        this.attributes = [];
        this.state = "text";
        i = j + 1;
      }
    }
  }

  private tag(kind: Kind, attributes: string): void {
    if (kind === "mergeCell") this.mergedCells += areaOf(attribute(attributes, "ref"));
    else if (kind === "dataValidation") this.validatedCells += areaOf(attribute(attributes, "sqref"));
    else if (kind === "col") {
      const max = Number.parseInt(attribute(attributes, "max") ?? "", 10);
      if (max > this.columns) this.columns = max;
    }
  }
}

/** Cells in a list of ranges ("A1:B2 D4"); a token that is not a range counts one. */
export function areaOf(sqref: string | null): number {
  if (sqref === null) return 0;
  let total = 0;
  for (const r of parseRangeList(sqref)) total += r ? (r.right - r.left + 1) * (r.bottom - r.top + 1) : 1;
  return total;
}
