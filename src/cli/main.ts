#!/usr/bin/env node
/**
 * `shindan-coach`: score self-diagnosis workbooks from the command line, and write a blank
 * workbook (the diagnosis, the regulation checksheet, the basic policy checklist) for companies
 * that only have the PDFs.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { SingleBar } from "cli-progress";
import { stat, writeFile } from "node:fs/promises";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { analyseWorkbook, foundAnything } from "../core/analyse";
import { clearPlan } from "../core/clearPlan";
import { isLang, t, type Lang, type MessageKey } from "../core/i18n";
import { renderMessage, type EngineMessage } from "../core/messages";
import type { Plan } from "../core/plan";
import { annotatePlan, companySnapshot } from "../core/report";
import { TEMPLATE_PARTS, workbookTemplatePlan, type TemplatePart } from "../core/template/workbookTemplate";
import { applyPlan, type ApplyResult } from "../xlsx/applyPlan";
import { WorkbookReadError } from "../xlsx/readSnapshot";
import {
  checkWriteTarget,
  loadWorkbookFile,
  sameFile,
  writeWorkbookFile,
  WorkbookWriteError,
  type LoadedWorkbook,
  type WorkbookWriteErrorCode,
} from "../xlsx/workbookFile";
import { analyzeFile, exitStatus, type FileResult } from "./analyzeFiles";
import { csvReport } from "./csvReport";
import { jsonReport } from "./jsonReport";
import { textReport } from "./textReport";

function langOption(value: string): Lang {
  if (!isLang(value)) throw new InvalidArgumentError(t("ja", "cli.error.lang", { value }));
  return value;
}

async function analyzeAll(files: string[], lang: Lang): Promise<FileResult[]> {
  const showBar = process.stderr.isTTY === true && files.length > 1;
  const bar = showBar
    ? new SingleBar(
        {
          stream: process.stderr,
          format: t(lang, "cli.progress", { bar: "{bar}", value: "{value}", total: "{total}", file: "{file}" }),
          hideCursor: true,
          clearOnComplete: true,
        },
      )
    : null;
  bar?.start(files.length, 0, { file: "" });
  const results: FileResult[] = [];
  for (const file of files) {
    bar?.update(results.length, { file: path.basename(file) });
    results.push(await analyzeFile(file));
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
  lang: Lang;
}

/** Thrown to stop a command with a message already rendered and an exit status. */
class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * annotate and clear: read FILE, build a plan from it, apply it and write the result to the
 * output atomically. The input is written only with --in-place; an existing output is replaced
 * only with --force.
 */
async function rewriteWorkbook(
  file: string,
  opts: RewriteOptions,
  makePlan: (loaded: LoadedWorkbook) => Promise<Plan>,
  done: (out: string, plan: Plan, result: ApplyResult) => string,
): Promise<void> {
  const { lang } = opts;
  let out: string;
  if (opts.inPlace) {
    if (opts.output !== undefined && !(await sameFile(opts.output, file))) throw new CommandFailure(t(lang, "cli.error.inPlaceOutput"), 1);
    out = file;
  } else {
    if (opts.output === undefined) throw new CommandFailure(t(lang, "cli.error.noOutput"), 1);
    out = opts.output;
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

  // Never lose the company's data: a file with parts ExcelJS cannot carry over is only
  // rewritten when the user accepts the loss (the add-in in Excel keeps everything).
  if (loaded.lostByRewrite.length && !opts.allowLoss) {
    throw new CommandFailure(t(lang, "cli.error.wouldLose", { file, parts: loaded.lostByRewrite.map((p) => t(lang, `lostPart.${p}`)).join(t(lang, "report.list.separator")) }), 1);
  }

  let plan: Plan;
  try {
    plan = await makePlan(loaded);
  } catch (e) {
    if (e instanceof CommandFailure) throw e;
    // A damaged add-in state, for one.
    throw new CommandFailure(t(lang, "cli.error.state", { file, detail: (e as Error).message }), 1);
  }
  let result: ApplyResult;
  try {
    result = applyPlan(loaded.workbook, plan);
  } catch (e) {
    throw new CommandFailure(t(lang, "cli.error.plan", { file: out, detail: (e as Error).message }), 1);
  }

  try {
    await writeWorkbookFile(loaded.workbook, out, writeOptions);
  } catch (e) {
    throw writeFailure(e, out, lang);
  }
  for (const w of result.warnings) process.stderr.write(t(lang, "cli.warning", { text: w }) + "\n");
  process.stderr.write(done(out, plan, result) + "\n");
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
async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isFile() ?? false;
}

function messageLine(m: EngineMessage, lang: Lang): string {
  const where = m.sheet === null ? "" : m.cell === null ? `${m.sheet}: ` : `${m.sheet}!${m.cell}: `;
  return `${t(lang, `cli.level.${m.level}`)} ${where}${renderMessage(m, lang)}`;
}

function rewriteCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .argument("<file>", "the company's .xlsx workbook")
    .option("-o, --output <file>", "the .xlsx file to write (the input is left as it is)")
    .option("--in-place", "write the result over the input workbook")
    .option("--force", "replace the output file if it exists")
    .option("--allow-loss", "rewrite the file even though it has parts the command line cannot carry over (charts, macros, …)")
    .option("--lang <lang>", "language of the sheets and messages: ja or en", langOption, "ja" as Lang);
}

async function runRewrite(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof CommandFailure)) throw e;
    // Not a usage error: the message without the help text after it.
    process.stderr.write(`${e.message}\n`);
    process.exitCode = e.exitCode;
  }
}

export function buildProgram(): Command {
  const program = new Command("shindan-coach")
    .description("診断コーチ — IPA「5分でできる！情報セキュリティ自社診断」の採点 / scores the 5-minute self-diagnosis")
    .showHelpAfterError();

  program
    .command("analyze")
    .description("read each workbook, find the self-diagnosis and score it")
    .argument("<files...>", ".xlsx workbooks")
    .option("--json", "print one JSON document (schemaVersion 1)")
    .option("--csv", "print one CSV row per file and respondent")
    .option("--lang <lang>", "language of the output: ja or en", langOption, "ja" as Lang)
    .action(async (files: string[], opts: { json?: boolean; csv?: boolean; lang: Lang }) => {
      if (opts.json && opts.csv) program.error(t(opts.lang, "cli.error.formats"), { exitCode: 1 });
      const results = await analyzeAll(files, opts.lang);
      const out = opts.json ? jsonReport(results, opts.lang) + "\n" : opts.csv ? csvReport(results) : textReport(results, opts.lang);
      process.stdout.write(out);
      process.exitCode = exitStatus(results);
    });

  program
    .command("template")
    .description(
      "write a blank workbook: the self-diagnosis, then the regulation overview, the regulation check sheet and the basic policy checklist",
    )
    .requiredOption("-o, --output <file>", "the .xlsx file to write")
    .addOption(
      new Option("--only <part>", "only the self-diagnosis, or only the regulation checksheet and basic policy checklist").choices(
        TEMPLATE_PARTS,
      ),
    )
    .option("--force", "overwrite the file if it exists")
    .option("--lang <lang>", "language of the sheets: ja or en", langOption, "ja" as Lang)
    .action(async (opts: { output: string; only?: TemplatePart; force?: boolean; lang: Lang }) => {
      const wb = new ExcelJS.Workbook();
      applyPlan(wb, workbookTemplatePlan(opts.lang, opts.only));
      try {
        // Never overwrite someone's workbook by accident.
        await writeFile(opts.output, Buffer.from(await wb.xlsx.writeBuffer()), { flag: opts.force ? "w" : "wx" });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") {
          program.error(t(opts.lang, "cli.error.exists", { file: opts.output }), { exitCode: 1 });
        }
        program.error(t(opts.lang, "cli.error.output", { file: opts.output, detail: (e as Error).message }), { exitCode: 1 });
      }
      const written =
        opts.only === "diagnosis" ? "cli.template.written" : opts.only === "checksheet" ? "cli.template.written.checksheet" : "cli.template.written.all";
      process.stderr.write(t(opts.lang, written, { file: opts.output }) + "\n");
    });

  rewriteCommand(
    program,
    "annotate",
    "write the deliverable sheets into the company's workbook and highlight the cells they refer to (-o OUT.xlsx, or --in-place)",
  ).action(async (file: string, opts: RewriteOptions) =>
    runRewrite(() =>
      rewriteWorkbook(
        file,
        opts,
        async ({ snapshot }) => {
          // Our own sheets from an earlier run repeat the answers: analyse the company's only.
          const analysis = analyseWorkbook(companySnapshot(snapshot));
          if (!foundAnything(analysis)) throw new CommandFailure(t(opts.lang, "cli.annotate.nothing", { file }), 2);
          const { plan, messages } = annotatePlan(snapshot, analysis, opts.lang);
          for (const m of messages) process.stderr.write(messageLine(m, opts.lang) + "\n");
          return plan;
        },
        (out, plan, result) =>
          t(opts.lang, "cli.annotate.written", {
            file: out,
            sheets: plan.sheets.map((s) => `「${s.name}」`).join(""),
            cells: result.highlights.length,
          }),
      ),
    ),
  );

  rewriteCommand(
    program,
    "clear",
    "remove what annotate wrote: its sheets, its highlights (the cells get their own fills back) and its hidden record (-o OUT.xlsx, or --in-place)",
  ).action(async (file: string, opts: RewriteOptions) =>
    runRewrite(() =>
      rewriteWorkbook(
        file,
        opts,
        async ({ snapshot }) => clearPlan(snapshot),
        (out, plan) => {
          const restored = plan.restoreFills?.length ?? 0;
          const deleted = plan.deleteSheets?.length ?? 0;
          const lines = [];
          if (restored === 0 && deleted === 0) lines.push(t(opts.lang, "cli.clear.nothing", { file }));
          lines.push(t(opts.lang, "cli.clear.written", { file: out, sheets: deleted, cells: restored }));
          return lines.join("\n");
        },
      ),
    ),
  );

  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    });
}
