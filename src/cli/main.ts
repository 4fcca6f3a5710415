#!/usr/bin/env node
/**
 * `shindan-coach`: score self-diagnosis workbooks from the command line, and write a blank
 * workbook (the diagnosis, the regulation checksheet, the basic policy checklist) for companies
 * that only have the PDFs.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { SingleBar } from "cli-progress";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { isLang, t, type Lang } from "../core/i18n";
import { TEMPLATE_PARTS, workbookTemplatePlan, type TemplatePart } from "../core/template/workbookTemplate";
import { applyPlan } from "../xlsx/applyPlan";
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
