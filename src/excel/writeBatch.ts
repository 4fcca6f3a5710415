/// <reference types="office-js" />
/**
 * The Office.js host's writes, built first (to know their size, ./requestSize.ts) and then queued
 * in one batch, or in several requests in the same order: restore the recorded fills
 * (./highlights.ts) → delete the add-in's old sheets → write or delete the very hidden state sheet
 * → create or replace the plan's sheets (./writeSheet.ts) → highlight the company's cells →
 * bring the user back to the sheet they were on → freeze rows. The state goes before the sheets
 * and fills so that a batch Excel stops partway leaves a record clear can undo.
 *
 * Excel's own rules the batch keeps: the very hidden state sheet is made Hidden before it is
 * deleted (Excel refuses to delete a very hidden sheet: office-js issue 365); the sheet the user
 * was on, when the plan replaces it, is activated again with the same cells selected (deleting it
 * sends Excel to a neighbour).
 */
import { sameSheetName, stateCells } from "../core/addinState";
import { STATE_SHEET, STATE_VERSION, type FillRestore, type Plan, type RecordedFill, type SheetPlan } from "../core/plan";
import { sheetKey as key, type Batch, type Book } from "./book";
import type { ExcelCapabilities } from "./capabilities";
import { queueHighlights, queueRestores } from "./highlights";
import { textEntry } from "./textEntry";
import { writeSheet } from "./writeSheet";

export class Writer implements Batch {
  /** The sheets whose rows the batch freezes, last. */
  readonly frozen: string[] = [];
  private steps: (() => void)[] = [];
  private freezes: (() => void)[] = [];
  /** The plan's sheets as the batch creates them, by lower-case name. */
  private created = new Map<string, () => Excel.Worksheet>();
  /** The sheets the batch deletes, by lower-case name. */
  private deleted = new Set<string>();
  private sheetProxies = new Map<string, Excel.Worksheet>();
  /** Sheet names in workbook order as the batch proceeds. */
  private order: string[];
  /** Pixels per character of the workbook's Normal font, for the plan's column widths. */
  readonly digitWidth: number;

  constructor(
    readonly context: Excel.RequestContext,
    private readonly plan: Plan,
    private readonly book: Book,
    readonly caps: ExcelCapabilities,
    readonly warnings: string[],
    /** The restores the check allowed. */
    private readonly allowed: FillRestore[],
  ) {
    this.order = book.sheets.map((s) => s.name);
    this.visibility = new Map(book.sheets.map((s) => [key(s.name), s.visibility]));
    this.digitWidth = book.digitWidth;
  }

  /** Visibility of the sheets that were there before the batch, by lower-case name. */
  private readonly visibility: Map<string, string>;

  step(_payload: unknown, run: () => void): void {
    this.steps.push(run);
  }

  get count(): number {
    return this.steps.length;
  }

  /** What every write request starts with. */
  begin(): void {
    this.context.application.suspendApiCalculationUntilNextSync();
  }

  /** Queues write `i`. */
  run(i: number): void {
    this.steps[i]();
  }

  /** Queues writes [from, to) as one request. */
  queue(from = 0, to = this.steps.length): void {
    this.begin();
    for (let i = from; i < to; i++) this.steps[i]();
  }

  sheet(name: string): Excel.Worksheet {
    const k = key(name);
    let ws = this.sheetProxies.get(k);
    if (!ws) {
      ws = this.context.workbook.worksheets.getItem(name);
      this.sheetProxies.set(k, ws);
    }
    return ws;
  }

  exists(name: string): string | undefined {
    return this.order.find((n) => sameSheetName(n, name));
  }

  build(highlights: RecordedFill[]): void {
    queueRestores(this, this.allowed);
    for (const name of this.plan.deleteSheets ?? []) this.deleteSheet(this.exists(name)!);
    // The state before the sheets and fills: should Excel stop partway through this batch, the
    // record of what to restore and which sheets are ours is already there for clear.
    this.state(highlights);
    let print = false;
    for (const s of this.plan.sheets) print = writeSheet(this, s) || print;
    if (print && !this.caps.cellProperties) {
      this.warnings.push("print settings (paper, orientation, fit to width, repeated rows, header and footer) were not set: they need ExcelApi 1.9");
    }
    queueHighlights(this, this.plan);
    this.returnUser();
    for (const f of this.freezes) this.steps.push(f);
  }

  addSheet(s: SheetPlan): () => Excel.Worksheet {
    const wb = this.context.workbook;
    let ws!: Excel.Worksheet;
    const old = s.action === "replace" ? this.exists(s.name) : undefined;
    let at: number | undefined;
    if (old !== undefined) {
      at = this.order.indexOf(old);
      this.deleteSheet(old);
    }
    this.step(s.name, () => (ws = wb.worksheets.add(s.name)));
    this.created.set(key(s.name), () => ws);
    this.order.push(s.name);
    const target = s.position !== undefined ? s.position : at;
    if (target !== undefined) {
      const p = Math.min(target, this.order.length - 1);
      if (p !== this.order.length - 1) this.step(p, () => (ws.position = p));
      this.order.pop();
      this.order.splice(p, 0, s.name);
    }
    return () => ws;
  }

  freeze(sheet: string, run: () => void): void {
    this.freezes.push(run);
    this.frozen.push(sheet);
  }

  /**
   * Deleting the sheet the user is on sends Excel to a neighbour: when the plan puts that sheet
   * back (a rewrite after a rating, note or plan edit), the user is brought back to it, with the
   * same cells selected.
   */
  private returnUser(): void {
    const active = this.book.active;
    if (!active) return;
    const wasDeleted = this.deleted.has(key(active.sheet));
    const again = this.created.get(key(active.sheet));
    if (!wasDeleted || !again) return;
    const selection = active.selection;
    this.step([active.sheet, selection], () => {
      const ws = again();
      ws.activate();
      if (selection) ws.getRange(selection).select();
    });
  }

  /**
   * Deletes the sheet `actual` (its name as the workbook spells it). Excel refuses to delete a
   * very hidden sheet (office-js issue 365, by design): it is made Hidden first, in the same batch.
   */
  private deleteSheet(actual: string): void {
    const veryHidden = this.visibility.get(key(actual)) === "VeryHidden";
    this.step(actual, () => {
      const ws = this.sheet(actual);
      if (veryHidden) ws.visibility = "Hidden";
      ws.delete();
    });
    this.order = this.order.filter((n) => n !== actual);
    this.deleted.add(key(actual));
  }

  private state(highlights: RecordedFill[]): void {
    const plan = this.plan;
    if (plan.state === undefined) return;
    const old = this.exists(STATE_SHEET);
    if (old !== undefined) this.deleteSheet(old);
    if (plan.state === "delete" || plan.state === "discard") return;
    const cells = stateCells({ ...plan.state.write, version: STATE_VERSION, highlights });
    const address = `A1:A${cells.length}`;
    const values = cells.map((c) => [textEntry(c)]);
    this.step(values, () => {
      // Appended, so it is the last sheet, after every sheet the company sees.
      const ws = this.context.workbook.worksheets.add(STATE_SHEET);
      ws.getRange(address).values = values;
      ws.visibility = "VeryHidden";
    });
    this.order.push(STATE_SHEET);
  }
}
