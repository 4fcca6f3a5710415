/**
 * How the pane writes an edit (a rating, a note, a field of a measure) once our sheets exist: the
 * cells it changes alone (core/report/cellEdits.ts; the host checks them and writes them in two
 * syncs), else the full write with the edit pending and the reason among the messages. And the
 * order of the pane's actions: one at a time, each one after the other, never dropped.
 */
import type { EngineMessage } from "../core/messages";
import type { PaneEdit } from "../core/report/cellEdits";
import type { Lang } from "../core/i18n";
import type { PaneHost, Step } from "./host";
import type { Examined } from "./session";

type Session = typeof import("./session");

export interface EditOutcome {
  result: Examined;
  messages: EngineMessage[];
  warnings: string[];
  /** "cells": the changed cells alone; "full": every sheet of ours (the reason is among the messages). */
  written: "cells" | "full";
}

/** Writes one edit into the workbook the pane examined. */
export async function runEdit(
  host: PaneHost,
  session: Session,
  examined: Examined,
  lang: Lang,
  edit: PaneEdit,
  onStep: (s: Step) => void,
): Promise<EditOutcome> {
  const cells = session.editCells(examined, lang, edit);
  let reason: EngineMessage | null;
  if ("targeted" in cells && host.writeCells) {
    onStep("write");
    const r = await host.writeCells(cells.targeted);
    if (!r.refused) return { result: cells.result, messages: cells.messages, warnings: r.warnings, written: "cells" };
    reason = r.refused;
  } else reason = "full" in cells ? cells.full : null;
  const { pending, plan } = fullWriteEdits(session, edit);
  const run = await host.run((s) => session.writeSheets(s, lang, pending, plan), onStep);
  return { result: run.result, messages: [...(reason ? [reason] : []), ...run.messages], warnings: run.warnings, written: "full" };
}

/** The edit as the pending changes the full write merges over what the sheets hold. */
export function fullWriteEdits(session: Session, edit: PaneEdit) {
  const pending =
    edit.kind === "rating"
      ? session.withRating(NO_EDITS, edit.no, edit.key, edit.rating)
      : edit.kind === "note"
        ? session.withNote(NO_EDITS, edit.no, edit.note)
        : NO_EDITS;
  const plan =
    edit.kind === "measure" ? session.withMeasureEdit(NO_PLAN, edit.id, edit.edits) : edit.kind === "add" ? session.withAdded(NO_PLAN, edit) : NO_PLAN;
  return { pending, plan };
}

const NO_EDITS = { ratings: {}, notes: {} };
const NO_PLAN = { measures: {}, added: [] };

/**
 * The pane's actions one after the other: an action asked for while another runs waits for it
 * (an edit made meanwhile is never dropped), and a failed one does not stop those after it.
 */
export class Serial {
  private last: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting++;
    const next = this.last.then(task, task);
    // The queue goes on after a failure; the caller still gets it.
    this.last = next.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return next;
  }

  /** Actions asked for and not finished (the one running included). */
  get pending(): number {
    return this.waiting;
  }
}
