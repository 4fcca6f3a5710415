/**
 * commander's usage errors (an unknown option, a missing argument, a value not among the
 * choices, …) as sentences in the user's language that say what to do. commander writes them in
 * English only; its error carries a code and the English sentence, from which the option, value
 * or name is read. The patterns follow commander 14 (package.json pins it); a message that does
 * not match is still given in the user's language, with commander's words as the detail
 * (test/cliText.test.ts runs each case, so an upgrade that changes them is noticed).
 */
import type { CommanderError } from "commander";
import { isLang, t, type Lang, type MessageKey, type Params } from "../core/i18n";

/** The language of a command line: its --lang when given and known, else Japanese. */
export function langOfArgv(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    const value = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice("--lang=".length) : undefined;
    if (value !== undefined && isLang(value)) return value;
  }
  return "ja";
}

/** What the failing command is: its full name ("shindan-coach analyze") and its subcommands. */
export interface UsageContext {
  command: string;
  subcommands: readonly string[];
}

/** Argument names as the commands declare them, and what they are in the user's words. */
const ARGUMENTS: Record<string, MessageKey> = { files: "cli.usage.arg.files", file: "cli.usage.arg.file" };

/** "-o, --output <file>" → "--output"; "--lang <lang>" → "--lang". */
function optionName(flags: string): string {
  return flags.match(/--[\w-]+/)?.[0] ?? flags.split(/[ ,]/)[0];
}

function suggestion(message: string): string | null {
  return message.match(/\(Did you mean (?:one of )?(.+?)\?\)/)?.[1] ?? null;
}

/** The sentence for a usage error, in lang. */
export function usageErrorText(e: CommanderError, ctx: UsageContext, lang: Lang): string {
  const m = e.message;
  const say = (key: MessageKey, params: Params = {}) => t(lang, key, { command: ctx.command, ...params });
  const match = (re: RegExp) => m.match(re);
  let r: RegExpMatchArray | null;
  switch (e.code) {
    case "commander.unknownOption":
      if ((r = match(/unknown option '(.+?)'/))) {
        const candidate = suggestion(m);
        return candidate ? say("cli.usage.unknownOption.suggest", { option: r[1], candidate }) : say("cli.usage.unknownOption", { option: r[1] });
      }
      break;
    case "commander.unknownCommand":
      if ((r = match(/unknown command '(.+?)'/))) {
        const candidate = suggestion(m);
        return candidate
          ? say("cli.usage.unknownCommand.suggest", { name: r[1], candidate })
          : say("cli.usage.unknownCommand", { name: r[1], commands: ctx.subcommands.join(" / ") });
      }
      break;
    case "commander.missingArgument":
      if ((r = match(/missing required argument '(.+?)'/))) {
        const key = ARGUMENTS[r[1]];
        return say("cli.usage.missingArgument", { argument: key ? { ref: key } : r[1] });
      }
      break;
    case "commander.optionMissingArgument":
      if ((r = match(/option '(.+?)' argument missing/))) return say("cli.usage.optionValue", { option: optionName(r[1]), flags: r[1] });
      break;
    case "commander.missingMandatoryOptionValue":
      if ((r = match(/required option '(.+?)' not specified/))) return say("cli.usage.requiredOption", { flags: r[1] });
      break;
    case "commander.invalidArgument":
      if ((r = match(/option '(.+?)' argument '([\s\S]*?)' is invalid\.\s*([\s\S]*)$/))) {
        const [, flags, value, why] = r;
        const option = optionName(flags);
        if (option === "--lang") return say("cli.error.lang", { value });
        const choices = why.match(/Allowed choices are (.+)\.$/)?.[1];
        return choices ? say("cli.usage.invalidChoice", { option, value, choices }) : say("cli.usage.invalidValue", { option, value });
      }
      break;
    case "commander.excessArguments":
      if ((r = match(/Expected (\d+) arguments? but got (\d+)/))) return say("cli.usage.excessArguments", { expected: Number(r[1]), got: Number(r[2]) });
      break;
  }
  return say("cli.usage.other", { detail: m.replace(/^error: /, "").replace(/\s*\n\s*/g, " ") });
}

/** One short line pointing at the command's help (instead of printing all of it). */
export function usageHint(ctx: UsageContext, lang: Lang): string {
  return t(lang, "cli.usage.help", { help: `${ctx.command} --help` });
}
