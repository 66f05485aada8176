/**
 * The owner's back office over live data (leads, orders, stock, products, the handoff inbox, the
 * analytics), in the owner's language. Channel-neutral: a typed line is read through the command
 * registry (`./commands/index.ts`), plain words through the interpreter, and each command's handler
 * answers with {@link OwnerReply} values whose buttons carry typed commands. The console gets them
 * as replies whose button payload is the command's line; Slack renders the typed commands itself.
 */
import { z } from "zod";
import { isAppError } from "../errors.ts";
import { ownerMessagesFor } from "../i18n/owner.ts";
import type { Button, Reply, TLocale } from "../messages.ts";
import type { AnyOwnerCommand, OwnerCommandContext, OwnerReply } from "./commands/define-command.ts";
import { OWNER_COMMANDS } from "./commands/index.ts";
import { interpretOwnerText } from "./interpret-owner-text.ts";
import type { OwnerConsoleDeps } from "./owner-console-deps.ts";
import { findOwnerCommand, OWNER_VERBS, parseOwnerCommand, splitOwnerCommand, writeOwnerCommand, type TOwnerCommand } from "./parse-owner-command.ts";

export type { OwnerAnalytics, OwnerConsoleDeps, OwnerSetting } from "./owner-console-deps.ts";
export type { OwnerButton, OwnerReply } from "./commands/define-command.ts";

export interface OwnerConsole {
  /** The owner's language (OWNER_LOCALE): answers, help and notifications are in it. */
  readonly locale: TLocale;
  /** Runs one command line; never throws. Buttons come back with the command's line as their payload. */
  handle(input: string): Promise<Reply[]>;
  /**
   * What the owner typed: a command as {@link handle} runs it, anything else read as plain words
   * ("mark order 12 as shipped", "订单12已发货") by the owner intent model; never throws.
   */
  handleText(input: string): Promise<Reply[]>;
  /** Runs an already typed command; never throws. */
  run(command: TOwnerCommand): Promise<Reply[]>;
  /** {@link handleText} (or {@link handle} without `plainWords`) with typed buttons, for channels that carry them (Slack). */
  answer(input: string, options?: { plainWords?: boolean }): Promise<OwnerReply[]>;
  /** {@link run} with typed buttons. */
  execute(command: TOwnerCommand): Promise<OwnerReply[]>;
  /** The console's quick buttons: the registry's commands worth one click, labelled in the owner's language. */
  quickButtons(): Button[];
}

/**
 * Owner replies for channels whose buttons carry text: each button's payload is its command's line,
 * and a file's text follows the reply's (the console and the terminal show it to copy or save).
 */
export function toConsoleReplies(replies: readonly OwnerReply[]): Reply[] {
  return replies.map(({ buttons, file, ...reply }) => ({
    ...reply,
    ...(file ? { text: `${reply.text}\n\n${file.content}` } : {}),
    ...(buttons ? { buttons: buttons.map((row) => row.map((b) => ({ label: b.label, payload: writeOwnerCommand(b.command) }))) } : {}),
  }));
}

const REGISTRY: readonly AnyOwnerCommand[] = OWNER_COMMANDS;

/** An owner's line as commands read it: at most 10,000 characters, no NUL. */
function clean(input: string): string {
  return input.slice(0, 10_000).replace(/\u0000/g, "");
}

export function createOwnerConsole(deps: OwnerConsoleDeps): OwnerConsole {
  const { logger } = deps;
  const locale = deps.locale ?? "en";
  const t = ownerMessagesFor(locale);
  const context: OwnerCommandContext = { deps, locale, t, commands: OWNER_COMMANDS };

  async function execute(command: TOwnerCommand): Promise<OwnerReply[]> {
    const { verb, args } = splitOwnerCommand(command);
    try {
      return await findOwnerCommand(verb)!.run(context, args);
    } catch (error) {
      if (isAppError(error)) return [{ text: error.userMessage }];
      if (error instanceof z.ZodError) return [{ text: t.pleaseFix(error.issues.map((i) => `${i.path.join(".") || "value"} — ${i.message}`)) }];
      logger.error("owner command failed", { command: verb, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return [{ text: t.failed }];
    }
  }

  async function runParsed(parsed: ReturnType<typeof parseOwnerCommand>): Promise<OwnerReply[]> {
    return parsed.ok ? execute(parsed.value) : [{ text: parsed.error }];
  }

  async function answerWords(input: string): Promise<OwnerReply[]> {
    const text = clean(input);
    const verb = text.trim().replace(/^\//, "").split(/\s+/)[0]?.toLowerCase() ?? "";
    // A command as typed: known verb, and it parses or is too short to be a sentence ("forecast 9"
    // gets its usage line; "restock the chamomile tea with 20" is read as words).
    const words = text.trim().split(/\s+/).length;
    const parsed = parseOwnerCommand(text, locale);
    if (!deps.ownerClassifier || !text.trim() || (OWNER_VERBS.has(verb) && (words < 3 || parsed.ok))) return runParsed(parsed);
    let interpretation;
    try {
      interpretation = await interpretOwnerText({ db: deps.db, classifier: await deps.ownerClassifier(), locale }, text);
    } catch (error) {
      logger.error("owner text not interpreted", { error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return runParsed(parsed);
    }
    // A command typed with wrong arguments ("forecast 9"): its usage line says more than a guess.
    if (interpretation.kind === "clarify") return OWNER_VERBS.has(verb) ? runParsed(parsed) : [{ text: interpretation.text }];
    return execute(interpretation.command);
  }

  const answer = (input: string, options: { plainWords?: boolean } = {}) => (options.plainWords ? answerWords(input) : runParsed(parseOwnerCommand(clean(input), locale)));

  return {
    locale,
    handle: async (input) => toConsoleReplies(await answer(input)),
    handleText: async (input) => toConsoleReplies(await answer(input, { plainWords: true })),
    run: async (command) => toConsoleReplies(await execute(command)),
    answer,
    execute,
    quickButtons: () => REGISTRY.flatMap((c) => (c.quick ? [{ label: c.quick.label[locale], payload: c.write(c.quick.args) }] : [])),
  };
}
