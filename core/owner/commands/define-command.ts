/**
 * What one owner command is: the words that start it, its usage line, its arguments as a zod
 * schema, its help in English and Chinese, how it reads a typed line and writes one back, and what
 * it does. Everything that lists, parses, renders or runs owner commands (the parser, `help`, the
 * console's buttons, Slack's `/shop` and buttons, the plain-words interpreter) reads these from the
 * registry in `./index.ts`, so adding a command is one new file and one line in that list.
 */
import type { z } from "zod";
import type { TLocale } from "../../messages.ts";
import type { OwnerConsoleDeps } from "../owner-console-deps.ts";
import type { TAuditValue } from "../../audit/record-audit-entry.ts";
import type { OwnerMessages } from "../../i18n/owner.ts";
import type { TOwnerCommand } from "./index.ts";

/** A button under an owner reply: pressing it runs `command`, already typed (never a line to parse again). */
export interface OwnerButton {
  label: string;
  command: TOwnerCommand;
  /** How a channel with styles may stress it (Slack's primary / danger). */
  style?: "primary" | "danger";
}

/** A document handed to the owner (a customer's data export): Slack uploads it, the console shows its text. */
export interface OwnerFile {
  /** The file's name, e.g. `customer-12.json`. */
  name: string;
  mimeType: string;
  /** The document itself, as text. */
  content: string;
}

/** One answer to the owner: text (plain; channels escape it), typed buttons, maybe a picture (the digest's chart) or a file. */
export interface OwnerReply {
  text: string;
  buttons?: OwnerButton[][];
  imageUrl?: string;
  file?: OwnerFile;
}

/** What an audit entry says a command did: its subject ("order:12", "product:TEA-001") and the values before and after. */
export interface OwnerAuditEntry {
  subject: string;
  before?: TAuditValue;
  after?: TAuditValue;
}

/**
 * What a command's handler may use: the console's dependencies, the owner's texts, the registry
 * (for `help`), who runs it, and the audit trail.
 *
 * A command that {@link OwnerCommand.mutates} runs in one transaction: `deps.db` is that
 * transaction's (a use-case's own `$transaction` joins it), notifications and messages to customers
 * go out once it has committed, and `audit` writes its entry in it. Its `deps` has no analytics and
 * no backups, which read the database from outside the transaction.
 */
export interface OwnerCommandContext {
  deps: OwnerConsoleDeps;
  locale: TLocale;
  t: OwnerMessages;
  commands: readonly AnyOwnerCommand[];
  /** Who runs the command: "console" (the web console, `npm run chat`) or "slack:<user id>". */
  actor: string;
  /**
   * Records what the command changed, one entry per subject, in the command's transaction, under
   * the command's verb and the actor. Only for commands that declare `mutates`; others throw.
   */
  audit(entry: OwnerAuditEntry): Promise<void>;
}

/**
 * A typed line read by one command: its arguments (checked against its zod schema afterwards), a
 * usage line when the words are its but wrong, or null when the line is another command's (`order 12
 * refunded` starts like `order` but is `refund`'s).
 */
export type TReadResult = { ok: true; args: unknown } | { ok: false; usage: string } | null;

export interface OwnerCommand<V extends string, A extends object> {
  /** The command's name in typed commands, buttons and logs (`{ command: verb, ...args }`). */
  readonly verb: V;
  /** The first words of a typed line this command may read (lower case, aliases included). */
  readonly words: readonly string[];
  /** The usage line's syntax as typed, e.g. `order <id> [paid|shipped|delivered|cancel]`. */
  readonly usage: string;
  /** What it does, after the usage line in `help`, in each owner language. */
  readonly help: Record<TLocale, string>;
  /** Lines that must read as this command (tested: every example parses to this verb). */
  readonly examples: readonly string[];
  /** Its arguments: what a typed line, a button press or the plain-words interpreter must satisfy. */
  readonly ZArgs: z.ZodType<A>;
  /**
   * Whether it changes the shop's data (products, prices, stock, orders, refunds, answers, a
   * conversation) or hands a customer's data out (an export). Such a command runs in one
   * transaction and writes an audit entry for what it did (`context.audit`); a test runs each one
   * and fails when it writes none. Required, so a new command has to say.
   */
  readonly mutates: boolean;
  /**
   * Owner intents (prompts/intents/owner/) that mean this command: the plain-words interpreter runs
   * it for them, its arguments from {@link fromWords}.
   */
  readonly intents?: readonly string[];
  /**
   * Fills the arguments from a sentence with one of {@link intents} ("show me the paid orders" →
   * `{ filter: "paid" }`); absent, the intent runs the command with no arguments.
   */
  fromWords?(words: OwnerWords): TWordsResult<A> | Promise<TWordsResult<A>>;
  /** A quick button in the console (its label per language and the arguments it runs with), for commands worth one click. */
  readonly quick?: { label: Record<TLocale, string>; args: A };
  /**
   * Reads the words after the first (`rest`); `line` is the whole line as typed (without `/shop`),
   * for commands whose last argument is free text. Null when the line is another command's.
   */
  read(rest: readonly string[], line: string): TReadResult;
  /** The line that reads back as these arguments (what a console button sends when pressed). */
  write(args: A): string;
  run(context: OwnerCommandContext, args: A): Promise<OwnerReply[]>;
}

/** The arguments of a command that takes none. */
export type TNoArgs = Record<never, never>;

/** What the plain-words interpreter knows of a sentence once the owner intent model has read it. */
export interface OwnerWords {
  /** As written (a tracking number's case matters). */
  text: string;
  /** Lower-cased and normalized, for word patterns. */
  normalized: string;
  /** The whole numbers in it ("order 12", "#7"), in order. */
  numbers: readonly number[];
  /** The owner intent predicted (prompts/intents/owner/). */
  intent: string;
  /** The product it names (an exact SKU, else the single best catalog match), or null; looked up on demand. */
  productSku(): Promise<string | null>;
}

/** Arguments read from plain words, or the question to ask back (in the owner's language) when something is missing. */
export type TWordsResult<A> = { ok: true; args: A } | { ok: false; ask: (t: OwnerMessages["clarify"]) => string };

/** Any registered command, for code that walks the registry without knowing which one. */
export type AnyOwnerCommand = OwnerCommand<string, object>;

/** The typed command a registered command's arguments make: `{ command: verb, ...args }`. */
export type CommandOf<C> = C extends OwnerCommand<infer V, infer A> ? { command: V } & A : never;
