/**
 * The owner's command language, the same in the console, `npm run chat` and Slack's `/shop`: a
 * verb, arguments, and `key=value` fields (values with spaces in double quotes). Parsing is pure and
 * reads the registry (`./commands/index.ts`): each command reads its own words and its arguments are
 * checked against its zod schema; a malformed command gets a usage line, never an exception.
 *
 * Typed commands also travel without text: a Slack button carries `{ verb, args }`
 * ({@link writeCommandValue}), checked against the same schema when pressed ({@link readCommandValue}).
 */
import { z } from "zod";
import { ownerMessagesFor } from "../i18n/owner.ts";
import type { TLocale } from "../messages.ts";
import type { AnyOwnerCommand } from "./commands/define-command.ts";
import { OWNER_COMMANDS, type TOwnerCommand, type TOwnerVerb } from "./commands/index.ts";
import { tokenize } from "./read-command-words.ts";

export type { TOwnerCommand, TOwnerVerb } from "./commands/index.ts";
export type { TSalesPeriod } from "./owner-console-deps.ts";
export { tokenize, ZTrackingRef } from "./read-command-words.ts";

export type TParseResult = { ok: true; value: TOwnerCommand } | { ok: false; error: string };

const REGISTRY: readonly AnyOwnerCommand[] = OWNER_COMMANDS;

/** The first words a typed command may start with: a message starting with one is a command, not free text to interpret. */
export const OWNER_VERBS: ReadonlySet<string> = new Set(REGISTRY.flatMap((c) => c.words));

/** The registered command of a verb (`"order"`, `"faqAdd"`), or undefined. */
export function findOwnerCommand(verb: string): AnyOwnerCommand | undefined {
  return REGISTRY.find((c) => c.verb === verb);
}

/**
 * A command built elsewhere (the plain-words interpreter, a button) checked against its verb's
 * schema: the command as the registry defines it, or null when the verb is unknown or the
 * arguments do not fit.
 */
export function checkOwnerCommand(verb: string, args: unknown): TOwnerCommand | null {
  const command = findOwnerCommand(verb);
  if (!command) return null;
  const parsed = command.ZArgs.safeParse(args ?? {});
  return parsed.success ? ({ command: command.verb, ...parsed.data } as TOwnerCommand) : null;
}

/** Splits a typed command into its verb and arguments (the inverse of spreading them). */
export function splitOwnerCommand(command: TOwnerCommand): { verb: TOwnerVerb; args: Record<string, unknown> } {
  const { command: verb, ...args } = command;
  return { verb, args };
}

/** The line that reads back as this command (what a console button sends when pressed). */
export function writeOwnerCommand(command: TOwnerCommand): string {
  const { verb, args } = splitOwnerCommand(command);
  return findOwnerCommand(verb)!.write(args);
}

export function parseOwnerCommand(input: string, locale: TLocale = "en"): TParseResult {
  const t = ownerMessagesFor(locale);
  const line = input.trim().replace(/^\/?shop\s+/i, "").replace(/^\//, "");
  const words = tokenize(line);
  const word = words[0]?.toLowerCase();
  if (word === undefined) return { ok: true, value: { command: "help" } };
  const candidates = REGISTRY.filter((c) => c.words.includes(word));
  if (candidates.length === 0) return { ok: false, error: t.unknownCommand(word) };
  for (const command of candidates) {
    const read = command.read(words, line);
    if (read === null) continue;
    if (!read.ok) return { ok: false, error: t.usage(read.usage) };
    const checked = checkOwnerCommand(command.verb, read.args);
    return checked ? { ok: true, value: checked } : { ok: false, error: t.usage(command.usage) };
  }
  return { ok: false, error: t.usage(candidates.map((c) => c.usage).join(" | ")) };
}

/** What a Slack button (or any channel's button) carries: a command's verb and its arguments, as JSON. */
export const ZCommandValue = z.object({ verb: z.string().min(1).max(40), args: z.record(z.string(), z.unknown()) }).strict();

/** A typed command as a button's value, `{"verb":"order","args":{"orderId":12,"to":"paid"}}`. */
export function writeCommandValue(command: TOwnerCommand): string {
  return JSON.stringify(splitOwnerCommand(command));
}

/** A pressed button's value back as a command, checked against its verb's schema; null when it is not one. */
export function readCommandValue(value: string): TOwnerCommand | null {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = ZCommandValue.safeParse(json);
  return parsed.success ? checkOwnerCommand(parsed.data.verb, parsed.data.args) : null;
}
