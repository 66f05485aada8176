/**
 * The owner's back office over live data (leads, orders, stock, products, the handoff inbox, the
 * analytics), in the owner's language. Channel-neutral: a typed line is read through the command
 * registry (`./commands/index.ts`), plain words through the interpreter, and each command's handler
 * answers with {@link OwnerReply} values whose buttons carry typed commands. The console gets them
 * as replies whose button payload is the command's line; Slack renders the typed commands itself.
 */
import { z } from "zod";
import { isAppError } from "../errors.ts";
import { describeRefusal, ownerMessagesFor } from "../i18n/owner.ts";
import type { Button, Reply, TLocale } from "../messages.ts";
import { recordAuditEntry } from "../audit/record-audit-entry.ts";
import { runInTransaction } from "../db.ts";
import type { AnyOwnerCommand, OwnerAuditEntry, OwnerReply } from "./commands/define-command.ts";
import { OWNER_COMMANDS } from "./commands/index.ts";
import { interpretOwnerText } from "./interpret-owner-text.ts";
import type { OwnerConsoleDeps } from "./owner-console-deps.ts";
import { findOwnerCommand, OWNER_VERBS, parseOwnerCommand, splitOwnerCommand, writeOwnerCommand, type TOwnerCommand } from "./parse-owner-command.ts";

export type { OwnerAnalytics, OwnerConsoleDeps, OwnerSetting } from "./owner-console-deps.ts";
export type { OwnerButton, OwnerReply } from "./commands/define-command.ts";

/** Who runs a command, for the audit trail: "console" (the default) or "slack:<user id>". */
export interface OwnerActorOption {
  actor?: string;
}

export interface OwnerConsole {
  /** The owner's language (OWNER_LOCALE): answers, help and notifications are in it. */
  readonly locale: TLocale;
  /** Runs one command line; never throws. Buttons come back with the command's line as their payload. */
  handle(input: string, options?: OwnerActorOption): Promise<Reply[]>;
  /**
   * What the owner typed: a command as {@link handle} runs it, anything else read as plain words
   * ("mark order 12 as shipped", "订单12已发货") by the owner intent model; never throws.
   */
  handleText(input: string, options?: OwnerActorOption): Promise<Reply[]>;
  /** Runs an already typed command; never throws. */
  run(command: TOwnerCommand, options?: OwnerActorOption): Promise<Reply[]>;
  /** {@link handleText} (or {@link handle} without `plainWords`) with typed buttons, for channels that carry them (Slack). */
  answer(input: string, options?: { plainWords?: boolean } & OwnerActorOption): Promise<OwnerReply[]>;
  /** {@link run} with typed buttons. */
  execute(command: TOwnerCommand, options?: OwnerActorOption): Promise<OwnerReply[]>;
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

/**
 * How long a changing command may wait for its transaction and keep it open. PGlite runs one
 * transaction at a time, so it may queue behind customers' turns; the command itself takes
 * milliseconds (messages and notifications go out after the commit).
 */
const COMMAND_TRANSACTION = { maxWait: 30_000, timeout: 60_000 };

/** The actor of a command nobody named: the console (web or terminal). */
export const CONSOLE_ACTOR = "console";

export function createOwnerConsole(deps: OwnerConsoleDeps): OwnerConsole {
  const { logger } = deps;
  const locale = deps.locale ?? "en";
  const t = ownerMessagesFor(locale);

  /** A command that reads only: the console's dependencies as they are, and no audit trail. */
  async function runReading(command: AnyOwnerCommand, args: object, actor: string): Promise<OwnerReply[]> {
    const audit = () => Promise.reject(new Error(`the ${command.verb} command declares mutates: false but wrote an audit entry`));
    return command.run({ deps, locale, t, commands: OWNER_COMMANDS, actor, audit }, args);
  }

  /**
   * A command that changes data: one transaction for its writes and its audit entries; what leaves
   * the process (notifications, messages to customers) goes once it has committed. A message a
   * customer's channel did not take is said after the command's own answer.
   */
  async function runChanging(command: AnyOwnerCommand, args: object, actor: string): Promise<OwnerReply[]> {
    let undelivered = 0;
    const replies = await runInTransaction(deps.db, async (scope) => {
      undelivered = 0;
      // Analytics and backups read the database from outside: not for a command holding a transaction.
      const { analytics: _analytics, backups: _backups, ...rest } = deps;
      const scoped: OwnerConsoleDeps = {
        ...rest,
        db: scope.db,
        notifier: { notify: async (notification) => scope.afterCommit(() => deps.notifier.notify(notification)) },
        messenger: {
          // The message is logged in the transaction; the channel takes it after the commit.
          send: async (target, replies) => {
            scope.afterCommit(async () => {
              const delivered = await deps.messenger.send(target, replies).catch((error: unknown) => {
                logger.error("could not reach customer", { channel: target.channel, error: String(error) });
                return false;
              });
              if (!delivered) undelivered++;
            });
            return true;
          },
          ...(deps.messenger.fetchFile ? { fetchFile: deps.messenger.fetchFile.bind(deps.messenger) } : {}),
        },
      };
      const audit = (entry: OwnerAuditEntry) => recordAuditEntry(scope.db, { at: deps.clock.now(), actor, action: command.verb, ...entry });
      return command.run({ deps: scoped, locale, t, commands: OWNER_COMMANDS, actor, audit }, args);
    }, { ...COMMAND_TRANSACTION, onEffectError: (error) => logger.error("after-command effect failed", { command: command.verb, error: error instanceof Error ? error.stack ?? error.message : String(error) }) });
    return undelivered > 0 ? [...replies, { text: t.notReached(undelivered) }] : replies;
  }

  async function execute(command: TOwnerCommand, options: OwnerActorOption = {}): Promise<OwnerReply[]> {
    const { verb, args } = splitOwnerCommand(command);
    const registered = findOwnerCommand(verb)!;
    const actor = options.actor ?? CONSOLE_ACTOR;
    try {
      return await (registered.mutates ? runChanging(registered, args, actor) : runReading(registered, args, actor));
    } catch (error) {
      if (isAppError(error)) return [{ text: error.refusal ? describeRefusal(locale, error.refusal) : error.userMessage }];
      if (error instanceof z.ZodError) return [{ text: t.pleaseFix(error.issues.map((i) => `${i.path.join(".") || "value"} — ${i.message}`)) }];
      logger.error("owner command failed", { command: verb, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return [{ text: t.failed }];
    }
  }

  async function runParsed(parsed: ReturnType<typeof parseOwnerCommand>, options: OwnerActorOption): Promise<OwnerReply[]> {
    return parsed.ok ? execute(parsed.value, options) : [{ text: parsed.error }];
  }

  async function answerWords(input: string, options: OwnerActorOption): Promise<OwnerReply[]> {
    const text = clean(input);
    const verb = text.trim().replace(/^\//, "").split(/\s+/)[0]?.toLowerCase() ?? "";
    // A command as typed: known verb, and it parses or is too short to be a sentence ("forecast 9"
    // gets its usage line; "restock the chamomile tea with 20" is read as words).
    const words = text.trim().split(/\s+/).length;
    const parsed = parseOwnerCommand(text, locale);
    if (!deps.ownerClassifier || !text.trim() || (OWNER_VERBS.has(verb) && (words < 3 || parsed.ok))) return runParsed(parsed, options);
    let interpretation;
    try {
      interpretation = await interpretOwnerText({ db: deps.db, classifier: await deps.ownerClassifier(), locale }, text);
    } catch (error) {
      logger.error("owner text not interpreted", { error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return runParsed(parsed, options);
    }
    // A command typed with wrong arguments ("forecast 9"): its usage line says more than a guess.
    if (interpretation.kind === "clarify") return OWNER_VERBS.has(verb) ? runParsed(parsed, options) : [{ text: interpretation.text }];
    return execute(interpretation.command, options);
  }

  const answer = (input: string, options: { plainWords?: boolean } & OwnerActorOption = {}) => (options.plainWords ? answerWords(input, options) : runParsed(parseOwnerCommand(clean(input), locale), options));

  return {
    locale,
    handle: async (input, options = {}) => toConsoleReplies(await answer(input, options)),
    handleText: async (input, options = {}) => toConsoleReplies(await answer(input, { ...options, plainWords: true })),
    run: async (command, options = {}) => toConsoleReplies(await execute(command, options)),
    answer,
    execute,
    quickButtons: () => REGISTRY.flatMap((c) => (c.quick ? [{ label: c.quick.label[locale], payload: c.write(c.quick.args) }] : [])),
  };
}
