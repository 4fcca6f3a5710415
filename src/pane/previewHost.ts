/**
 * The pane's host in a plain browser tab: a local .xlsx chosen by the user, held in memory,
 * read and changed with ExcelJS (the xlsx host, loaded on demand), downloaded as .xlsx. The file
 * never leaves the page: no upload, no storage.
 */
import { PaneActionError, errorText, type FileAccess, type PaneHost, type Step, type Work } from "./host";

type Backend = typeof import("./xlsxBackend");
let backend: Promise<Backend> | null = null;
const loadBackend = () => (backend ??= import(/* webpackChunkName: "xlsx" */ "./xlsxBackend"));

export function previewHost(): PaneHost & { file: FileAccess } {
  let bytes: Uint8Array | null = null;
  let name: string | null = null;

  return {
    mode: "preview",
    file: {
      async open(file: File) {
        const data = new Uint8Array(await file.arrayBuffer());
        const b = await loadBackend();
        // Read once to check the file; only a readable workbook replaces the one held.
        try {
          await b.snapshotOf(data, file.name);
        } catch (e) {
          const read = b.readError(e);
          throw new PaneActionError("read", "nothing", errorText(e), { cause: e }, read ? "file" : "other", read ?? undefined);
        }
        bytes = data;
        name = file.name;
        return { name: file.name, lost: b.lostParts(data) };
      },
      download() {
        if (!bytes || !name) throw new Error("no workbook is open");
        // A macro-enabled workbook stays one (its package is edited, its VBA project kept).
        const macro = name.toLowerCase().endsWith(".xlsm");
        const type = macro ? "application/vnd.ms-excel.sheet.macroEnabled.12" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
        const url = URL.createObjectURL(blob);
        const a = document.createElement("a");
        a.href = url;
        a.download = macro || name.toLowerCase().endsWith(".xlsx") ? name : `${name}.xlsx`;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      current: () => name,
    },
    async writeCells(edit) {
      try {
        if (!bytes || !name) throw new Error("no workbook is open");
        const b = await loadBackend();
        const out = await (await b.loaded(bytes, name)).applyEdits(edit);
        // Nothing replaces the held bytes unless every cell was written.
        if (out.bytes) bytes = out.bytes;
        return { refused: out.refused, warnings: [] };
      } catch (e) {
        throw new PaneActionError("write", "nothing", errorText(e), { cause: e }, "other");
      }
    },
    async run<T>(work: Work<T>, onStep: (step: Step) => void) {
      const at: { step: Step } = { step: "read" };
      try {
        if (!bytes || !name) throw new Error("no workbook is open");
        const b = await loadBackend();
        onStep((at.step = "read"));
        // Read once: the plan is applied to the workbook its snapshot came from.
        const workbook = await b.loaded(bytes, name);
        onStep((at.step = "plan"));
        const { plan, result, messages = [] } = work(workbook.snapshot);
        let warnings: string[] = [];
        let applied: typeof messages = [];
        if (plan) {
          onStep((at.step = "write"));
          const out = await workbook.apply(plan);
          bytes = out.bytes;
          warnings = out.warnings;
          applied = out.messages;
        }
        return { result, messages: [...messages, ...applied], warnings };
      } catch (e) {
        // Nothing replaces the held bytes until the new workbook is complete.
        const problems = backend ? (await backend).refusal(e) : null;
        throw new PaneActionError(at.step, "nothing", errorText(e), { cause: e }, problems ? "refused" : "other", undefined, problems ?? undefined);
      }
    },
  };
}
