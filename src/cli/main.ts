#!/usr/bin/env node
/**
 * `shindan-coach`: score self-diagnosis workbooks from the command line, and write a blank
 * workbook (the diagnosis, the regulation checksheet, the basic policy checklist) for companies
 * that only have the PDFs.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { SingleBar } from "cli-progress";
import { stat } from "node:fs/promises";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { analyseWorkbook, foundAnything } from "../core/analyse";
import { clearPlan, discardStatePlan, type ClearResult } from "../core/clearPlan";
import { isLang, t, type Lang, type MessageKey } from "../core/i18n";
import { renderMessage, sheetListParam } from "../core/messages";
import type { RespondentChoices } from "../core/respondentChoices";
import { PackageDamagedError } from "../xlsx/packageDamaged";
import { PlanRefusedError, type Plan } from "../core/plan";
import { annotatePlan } from "../core/report";
import { NO_EDITS } from "../core/prioritise";
import { TEMPLATE_PARTS, workbookTemplatePlan, type TemplatePart } from "../core/template/workbookTemplate";
import { applyPlan, type ApplyResult } from "../xlsx/applyPlan";
import { WorkbookReadError } from "../xlsx/readSnapshot";
import {
  checkWriteTarget,
  applyToPackage,
  loadWorkbookFile,
  writeBytesFile,
  sameFile,
  writeWorkbookFile,
  WorkbookWriteError,
  type LoadedWorkbook,
  type WorkbookWriteErrorCode,
} from "../xlsx/workbookFile";
import { analyzeFile, exitStatus, type FileResult } from "./analyzeFiles";
import { compareFiles } from "./compareFiles";
import { compareCsv, compareJson, compareText, fileMessageLine } from "./compareReport";
import { csvReport } from "./csvReport";
import { jsonReport } from "./jsonReport";
import { printableLine, Printer, type CliIo } from "./terminalText";
import { messageLine, textReport } from "./textReport";
import { langOfArgv, usageErrorText, usageHint, type UsageContext } from "./usageErrors";

export type { CliIo } from "./terminalText";

function langOption(value: string): Lang {
  // What the user reads is made from this by usageErrors.ts, in the user's language.
  if (!isLang(value)) throw new InvalidArgumentError("not ja or en");
  return value;
}

async function analyzeAll(files: string[], lang: Lang, terminal: NodeJS.WritableStream | undefined, choices: RespondentChoices): Promise<FileResult[]> {
  const bar =
    terminal && files.length > 1
      ? new SingleBar({
          stream: terminal,
          format: t(lang, "cli.progress", { bar: "{bar}", value: "{value}", total: "{total}", file: "{file}" }),
          hideCursor: true,
          clearOnComplete: true,
        })
      : null;
  bar?.start(files.length, 0, { file: "" });
  const results: FileResult[] = [];
  for (const file of files) {
    // The bar writes to the terminal itself: its one value from outside is made printable here.
    bar?.update(results.length, { file: printableLine(path.basename(file)) });
    results.push(await analyzeFile(file, choices));
  }
  bar?.update(files.length, { file: "" });
  bar?.stop();
  return results;
}

interface RewriteOptions {
  output?: string;
  inPlace?: boolean;
  force?: boolean;
  allowLoss?: boolean;
  discardState?: boolean;
  exclude?: string[];
  include?: string[];
  /** annotate: the company's name for the owner's summary (an empty name drops one entered earlier). */
  company?: string;
  /** annotate: record the diagnosis as a visit; true for the next default label (第n回). */
  recordVisit?: string | true;
  lang: Lang;
}

/** --exclude NAME / --include NAME, repeatable: who counts as a respondent, for this run. */
function withRespondentChoices(c: Command): Command {
  return c
    .option("--exclude <name>", "leave this respondent out (repeatable; a name as listed, or sheet/name)", collect, [] as string[])
    .option("--include <name>", "count a respondent set aside as a repeat, an example or on a hidden sheet (repeatable)", collect, [] as string[]);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Thrown to stop a command with a message already rendered and an exit status. */
class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** For a wrong command line: the command whose help the short hint names. */
    readonly usage?: UsageContext,
  ) {
    super(message);
  }
}

/** A name the workbook can be written to: what is written is an .xlsx workbook (or, for annotate and clear, an .xlsm one). */
function requireXlsxOutput(out: string, lang: Lang, macroAllowed = false): void {
  if (macroAllowed && /.\.xlsm$/i.test(path.basename(out))) return;
  if (!/.\.xlsx$/i.test(path.basename(out))) throw new CommandFailure(t(lang, "cli.error.notXlsx", { file: out }), 1);
}

/** The output keeps the input's kind: Excel opens a package only under the extension its content type calls for. */
function requireSameKind(out: string, macroEnabled: boolean, lang: Lang): void {
  const xlsm = /\.xlsm$/i.test(path.basename(out));
  if (macroEnabled && !xlsm) throw new CommandFailure(t(lang, "cli.error.notXlsm", { file: out }), 1);
  if (!macroEnabled && xlsm) throw new CommandFailure(t(lang, "cli.error.notXlsx", { file: out }), 1);
}

/**
 * annotate and clear: read FILE, build a plan from it, apply it and write the result to the
 * output atomically. The input is written only with --in-place; an existing output is replaced
 * only with --force.
 */
async function rewriteWorkbook(
  printer: Printer,
  file: string,
  opts: RewriteOptions,
  /** `out`: the file the plan will be written to (for a refusal's sentence). */
  makePlan: (loaded: LoadedWorkbook, out: string) => Promise<ClearResult>,
  done: (out: string, plan: Plan, result: ApplyResult) => string[],
): Promise<void> {
  const { lang } = opts;
  let out: string;
  if (opts.inPlace) {
    if (opts.output !== undefined && !(await sameFile(opts.output, file))) throw new CommandFailure(t(lang, "cli.error.inPlaceOutput"), 1);
    out = file;
  } else {
    if (opts.output === undefined) throw new CommandFailure(t(lang, "cli.error.noOutput"), 1);
    out = opts.output;
    requireXlsxOutput(out, lang, true);
  }
  const writeOptions = { input: file, inPlace: opts.inPlace, overwrite: opts.force };
  // Checked again when writing; here so that nothing is read or computed in vain. In place, an
  // input that is missing or not a file is the reader's to explain.
  if (!opts.inPlace || (await isFile(file))) {
    try {
      await checkWriteTarget(out, writeOptions);
    } catch (e) {
      throw writeFailure(e, out, lang);
    }
  }

  let loaded: LoadedWorkbook;
  try {
    loaded = await loadWorkbookFile(file);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new CommandFailure(renderMessage(e.toMessage(file), lang), 1);
    throw e;
  }

  if (!opts.inPlace) requireSameKind(out, loaded.macroEnabled, lang);
  // Every part is carried over; what an edit cannot keep valid (a digital signature) is only
  // written when the user accepts it.
  if (loaded.lostByRewrite.length && !opts.allowLoss) {
    throw new CommandFailure(
      t(lang, "cli.error.wouldLose", { file, parts: loaded.lostByRewrite.map((p) => t(lang, `lostPart.${p}`)).join(t(lang, "report.list.separator")) }),
      1,
    );
  }

  let plan: Plan;
  try {
    const made = await makePlan(loaded, out);
    plan = made.plan;
    printer.lines(
      "stderr",
      made.messages.map((m) => messageLine(m, lang)),
    );
  } catch (e) {
    if (e instanceof CommandFailure) throw e;
    // A damaged add-in state, for one: each reason in the user's language, saying what to do.
    if (e instanceof PlanRefusedError) throw new CommandFailure(refusal(out, e, lang), 1);
    throw new CommandFailure(t(lang, "cli.error.state", { file, detail: (e as Error).message }), 1);
  }
  let result: ApplyResult;
  let bytes: Buffer;
  try {
    ({ bytes, result } = await applyToPackage(loaded, plan));
  } catch (e) {
    if (e instanceof PlanRefusedError) throw new CommandFailure(refusal(out, e, lang), 1);
    if (e instanceof PackageDamagedError) throw new CommandFailure(t(lang, "cli.error.damagedPackage", { file, detail: e.message }), 1);
    throw new CommandFailure(t(lang, "cli.error.plan", { file: out, detail: (e as Error).message }), 1);
  }

  try {
    await writeBytesFile(bytes, out, writeOptions);
  } catch (e) {
    throw writeFailure(e, out, lang);
  }
  printer.lines(
    "stderr",
    result.messages.map((m) => messageLine(m, lang)),
  );
  printer.lines(
    "stderr",
    result.warnings.map((w) => t(lang, "cli.warning", { text: w })),
  );
  printer.lines("stderr", done(out, plan, result));
}

/** A refused plan: nothing written, then each reason as a sentence in the user's language. */
function refusal(out: string, e: PlanRefusedError, lang: Lang): string {
  return [t(lang, "cli.error.refused", { file: out }), ...e.problems.map((m) => `- ${messageLine(m, lang)}`)].join("\n");
}

/** The sentence for each way writing the output can fail. */
const WRITE_ERROR_KEYS: Record<WorkbookWriteErrorCode, MessageKey> = {
  "same-as-input": "cli.error.sameAsInput",
  exists: "cli.error.exists",
  "folder-missing": "cli.error.folderMissing",
  "folder-not-writable": "cli.error.folderNotWritable",
  "read-only": "cli.error.readOnly",
  "not-a-file": "cli.error.notAFile",
  "dangling-link": "cli.error.danglingLink",
  "hard-linked": "cli.error.hardLinked",
  "disk-full": "cli.error.diskFull",
  busy: "cli.error.busy",
  "write-failed": "cli.error.output",
};

function writeFailure(e: unknown, out: string, lang: Lang): CommandFailure {
  if (!(e instanceof WorkbookWriteError)) throw e;
  return new CommandFailure(t(lang, WRITE_ERROR_KEYS[e.code], { file: out, folder: e.folder, links: e.links, detail: e.message }), 1);
}

/** Whether `p` is a regular file; a path that cannot be examined is not one (the reader then says why). */
/** Today where the command runs, ISO: the date on the owner's summary. */
function localDate(): string {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isFile() ?? false;
}

function rewriteCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .argument("<file>", "the company's .xlsx workbook")
    .option("-o, --output <file>", "the .xlsx file to write (the input is left as it is)")
    .option("--in-place", "write the result over the input workbook")
    .option("--force", "replace the output file if it exists")
    .option("--allow-loss", "write the file even though the change makes its digital signature invalid (every other part is carried over as it is)")
    .option("--lang <lang>", "language of the sheets and messages: ja or en", langOption, "ja" as Lang);
}

/** What one run of the command line writes to and remembers: nothing global. */
interface Run {
  io: CliIo;
  printer: Printer;
  /** The exit status a command that ran to its end asks for. */
  exitCode: number;
}

function buildProgram(run: Run): Command {
  const { printer } = run;
  const program = new Command("shindan-coach")
    .description("診断コーチ — IPA「5分でできる！情報セキュリティ自社診断」の採点 / scores the 5-minute self-diagnosis")
    // Help goes where it was asked for; errors are printed by runCli, in the user's language.
    .configureOutput({
      writeOut: (s) => printer.text("stdout", s),
      writeErr: (s) => printer.text("stderr", s),
      outputError: () => undefined,
    });
  const usageOf = (name: string): UsageContext => ({ command: `shindan-coach ${name}`, subcommands: [] });

  withRespondentChoices(
    program
      .command("analyze")
      .description("read each workbook, find the self-diagnosis and score it")
      .argument("<files...>", ".xlsx workbooks")
      .option("--json", "print one JSON document (schemaVersion 1)")
      .option("--csv", "print one CSV row per file and respondent")
      .option("--lang <lang>", "language of the output: ja or en", langOption, "ja" as Lang),
  ).action(async (files: string[], opts: { json?: boolean; csv?: boolean; lang: Lang; exclude: string[]; include: string[] }) => {
    if (opts.json && opts.csv) throw new CommandFailure(t(opts.lang, "cli.error.formats"), 1, usageOf("analyze"));
    const results = await analyzeAll(files, opts.lang, run.io.progress, { exclude: opts.exclude, include: opts.include });
    if (opts.json) printer.text("stdout", jsonReport(results, opts.lang) + "\n");
    else printer.lines("stdout", opts.csv ? csvReport(results, opts.lang) : textReport(results, opts.lang));
    run.exitCode = exitStatus(results);
  });

  program
    .command("template")
    .description("write a blank workbook: the self-diagnosis, then the regulation overview, the regulation check sheet and the basic policy checklist")
    .requiredOption("-o, --output <file>", "the .xlsx file to write")
    .addOption(new Option("--only <part>", "only the self-diagnosis, or only the regulation checksheet and basic policy checklist").choices(TEMPLATE_PARTS))
    .option("--force", "overwrite the file if it exists")
    .option("--lang <lang>", "language of the sheets: ja or en", langOption, "ja" as Lang)
    .action(async (opts: { output: string; only?: TemplatePart; force?: boolean; lang: Lang }) => {
      const { lang, output } = opts;
      requireXlsxOutput(output, lang);
      const wb = new ExcelJS.Workbook();
      applyPlan(wb, workbookTemplatePlan(lang, opts.only));
      try {
        // Written whole or not at all, as annotate writes; never over a file without --force.
        await writeWorkbookFile(wb, output, { overwrite: opts.force });
      } catch (e) {
        throw writeFailure(e, output, lang);
      }
      const written =
        opts.only === "diagnosis" ? "cli.template.written" : opts.only === "checksheet" ? "cli.template.written.checksheet" : "cli.template.written.all";
      printer.lines("stderr", [t(lang, written, { file: output })]);
    });

  withRespondentChoices(
    rewriteCommand(
      program,
      "annotate",
      "write the deliverable sheets into the company's workbook and highlight the cells they refer to (-o OUT.xlsx, or --in-place)",
    ),
  )
    .option("--company <name>", "the company's name on the summaries, when the workbook does not write it (kept for later runs)")
    .option(
      "--record-visit [label]",
      "record the diagnosis as it is now as a visit (default label: the next of 第1回, 第2回, …), kept in the workbook for the sheet 診断の推移",
    )
    .action(async (file: string, opts: RewriteOptions) =>
      rewriteWorkbook(
        printer,
        file,
        opts,
        async ({ snapshot }, out) => {
          // The engine analyses the company's sheets only (ours repeat the answers), with the
          // coach's choices about respondents the add-in's record holds.
          const analysis = analyseWorkbook(snapshot, { exclude: opts.exclude, include: opts.include });
          if (!foundAnything(analysis)) throw new CommandFailure(t(opts.lang, "cli.annotate.nothing", { file }), 2);
          const pending = opts.company === undefined ? NO_EDITS : { ...NO_EDITS, owner: { company: opts.company } };
          const recordVisit = opts.recordVisit === undefined ? undefined : { label: opts.recordVisit === true ? null : opts.recordVisit };
          const { plan, messages, visits } = annotatePlan(snapshot, analysis, opts.lang, pending, { today: localDate(), recordVisit });
          // A recording asked for and not possible: nothing is written (the user asked for both).
          if (visits.recorded === "refused" || visits.recorded === "no-diagnosis") {
            const why = new PlanRefusedError(messages.filter((m) => m.code.startsWith("visit-")));
            throw new CommandFailure(refusal(out, why, opts.lang), visits.recorded === "refused" ? 1 : 2);
          }
          // A damaged record: the host would refuse to replace it; say why and what to do, once.
          const damaged = messages.find((m) => m.code === "invalid-addin-state");
          if (damaged) throw new PlanRefusedError([damaged]);
          return { plan, messages };
        },
        (out, plan, result) => [
          t(opts.lang, "cli.annotate.written", {
            file: out,
            sheets: sheetListParam(plan.sheets.map((s) => s.name)),
            count: result.highlights.length,
          }),
        ],
      ),
    );

  rewriteCommand(
    program,
    "clear",
    "remove what annotate wrote: its sheets, its highlights (the cells get their own fills back) and its hidden record (-o OUT.xlsx, or --in-place)",
  )
    .option("--discard-state", "remove a damaged record alone (its sheets and colours stay, to delete by hand), so that the workbook can be annotated again")
    .action(async (file: string, opts: RewriteOptions) =>
      rewriteWorkbook(
        printer,
        file,
        opts,
        async ({ snapshot }) => (opts.discardState ? discardStatePlan(snapshot) : clearPlan(snapshot)),
        (out, plan, result) => {
          if (plan.state === "discard") return [t(opts.lang, "cli.clear.discarded", { file: out })];
          const deleted = plan.deleteSheets?.length ?? 0;
          const lines = [];
          const recorded = (plan.restoreFills?.length ?? 0) + (plan.unrestored?.length ?? 0);
          if (recorded === 0 && deleted === 0) lines.push(t(opts.lang, "cli.clear.nothing", { file }));
          lines.push(
            t(opts.lang, "cli.clear.written", {
              file: out,
              sheets: { ref: "cli.clear.sheets", params: { count: deleted } },
              cells: { ref: "cli.clear.cells", params: { count: result.restored } },
            }),
          );
          return lines;
        },
      ),
    );

  program
    .command("compare")
    .description("compare diagnoses over time: each file's recorded visits (oldest first), then its current answers when they differ; files in the order given")
    .argument("<files...>", ".xlsx workbooks, the earliest first")
    .option("--json", "print one JSON document (schemaVersion 1)")
    .option("--csv", "print one CSV row per item")
    .option("--lang <lang>", "language of the output: ja or en", langOption, "ja" as Lang)
    .action(async (files: string[], opts: { json?: boolean; csv?: boolean; lang: Lang }) => {
      const { lang } = opts;
      if (opts.json && opts.csv) throw new CommandFailure(t(lang, "cli.error.formats"), 1, usageOf("compare"));
      const result = await compareFiles(files);
      run.exitCode = result.exit;
      // Without a comparison (a file unread, fewer than two visits) there is no report: the reasons go to stderr.
      if (!result.comparison) {
        printer.lines(
          "stderr",
          result.messages.map((m) => fileMessageLine(m, lang)),
        );
        return;
      }
      if (opts.json) printer.text("stdout", compareJson(result, lang) + "\n");
      else if (opts.csv) {
        printer.lines("stdout", compareCsv(result.comparison));
        printer.lines(
          "stderr",
          result.messages.map((m) => fileMessageLine(m, lang)),
        );
      } else printer.lines("stdout", compareText(result, lang));
    });

  // commander would call process.exit: each command throws its error to runCli instead.
  const subcommands = program.commands.map((c) => c.name());
  program.exitOverride((e) => {
    throw new UsageError(e, { command: "shindan-coach", subcommands });
  });
  for (const c of program.commands) {
    c.exitOverride((e) => {
      throw new UsageError(e, usageOf(c.name()));
    });
  }
  return program;
}

/** commander's error (or its request to end after printing help), with the command it concerns. */
class UsageError extends Error {
  constructor(
    readonly error: CommanderError,
    readonly usage: UsageContext,
  ) {
    super(error.message);
  }
}

/** commander's codes for "help was printed as asked": not failures. */
const HELP_CODES = new Set(["commander.helpDisplayed", "commander.help", "commander.version"]);

/**
 * Runs one command line (the arguments after the program's name) and returns its exit status.
 * Everything goes to io; nothing global is touched (no process.exit, no process.exitCode), so
 * it can run in the same process as a test. Failures are sentences in the user's language
 * (--lang when given, else Japanese): a wrong command line with one short hint, an unexpected
 * error as an internal error to report (its stack only with io.debug).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const run: Run = { io, printer: new Printer(io), exitCode: 0 };
  const lang = langOfArgv(argv);
  try {
    await buildProgram(run).parseAsync([...argv], { from: "user" });
    return run.exitCode;
  } catch (e) {
    if (e instanceof CommandFailure) {
      run.printer.lines("stderr", e.usage ? [e.message, usageHint(e.usage, lang)] : [e.message]);
      return e.exitCode;
    }
    if (e instanceof UsageError) {
      // Help printed on request (exit 0), or because no command was given (exit 1): nothing to add.
      if (HELP_CODES.has(e.error.code)) return e.error.exitCode;
      run.printer.lines("stderr", [usageErrorText(e.error, e.usage, lang), usageHint(e.usage, lang)]);
      return e.error.exitCode || 1;
    }
    const detail = e instanceof Error ? e.message : String(e);
    run.printer.lines("stderr", [t(lang, "cli.error.internal", { detail }), ...(io.debug ? [] : [t(lang, "cli.error.internal.debug")])]);
    if (io.debug) run.printer.text("stderr", `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    progress: process.stderr.isTTY ? process.stderr : undefined,
    debug: process.env.SHINDAN_DEBUG === "1",
  }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      // runCli reports every error itself; it rejects only when writing to stderr failed, and
      // then there is nowhere left to say anything: the exit status tells it.
      process.exitCode = 1;
    },
  );
}
