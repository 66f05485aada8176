/**
 * The commands of a chat channel's menu (`/start`, `/help`, `/catalog`, `/cart`, `/orders`,
 * `/language`), answered by core. Adapters recognise a command and pass it as the inbound message's
 * `command` (with what the customer typed as its text, which the conversation stores); they never
 * turn it into made-up text for the classifier, nor spell a button's code for it.
 *
 * - `/start` greets with the main menu; `/start <SKU>` (a deep link in a post) opens that product;
 *   `/start c12_<SKU>` / `/start c12` (a campaign's link) records the touch first.
 * - `/help` greets the same way: the greeting says what the shop can do.
 * - `/catalog`, `/cart`, `/orders` do what their buttons do.
 * - `/language` offers English and 中文 as buttons; a pressed one (or `/language zh`) switches the
 *   conversation's language and greets in it.
 */
import { ZLocale, ZChannelCommand, ZChannelCommandName, type Reply, type TChannelCommand, type TInboundMessage, type TLocale } from "../messages.ts";
import { LANGUAGE_NAMES } from "../i18n/customer.ts";
import type { Turn } from "./assistant-turn.ts";
import { languagePayload, parseLanguagePayload, ZProductSku } from "./payloads.ts";
import { mainMenu } from "./product-replies.ts";
import { handleAction } from "./route-customer-message.ts";
import { understood } from "./state/dialogue.ts";
import { leaveFlow } from "./take-order.ts";
import { readCampaignLink } from "../attribution/campaign-tag.ts";
import { recordTouch } from "../attribution/record-touch.ts";

/** Commands that take an argument; any other command's trailing words are not part of it. */
const TAKES_ARGUMENT: ReadonlySet<TChannelCommand["name"]> = new Set(["start", "language"]);
const COMMAND_TEXT = /^\/([a-z_]{1,32})(?:@(\w{1,64}))?(?:\s+([\s\S]*))?$/i;

/** What {@link readChannelCommand} makes of a typed command. */
export interface ReadCommand {
  command: TChannelCommand;
  /** The bot it names (`/start@shop_bot`): a channel with several bots in a chat answers only its own. */
  addressedTo?: string;
  /** Nothing follows the command but its argument (`/catalog please` is not alone). */
  alone: boolean;
}

/**
 * Reads a message typed as a channel command ("/start TEA-001", "/catalog", "/help@shop_bot");
 * null for anything else, including commands this shop does not have. The argument is kept only for
 * the commands that take one, and only when it is one word a deep link could carry.
 */
export function readChannelCommand(text: string): ReadCommand | null {
  const match = COMMAND_TEXT.exec(text.trim());
  const name = ZChannelCommandName.safeParse(match?.[1]?.toLowerCase());
  if (!match || !name.success) return null;
  const rest = (match[3] ?? "").trim();
  const arg = TAKES_ARGUMENT.has(name.data) ? ZChannelCommand.shape.arg.safeParse(rest || undefined) : undefined;
  const command: TChannelCommand = { name: name.data, ...(arg?.success && arg.data !== undefined ? { arg: arg.data } : {}) };
  return { command, ...(match[2] ? { addressedTo: match[2] } : {}), alone: rest === "" || command.arg !== undefined };
}

/**
 * The command a message carries: the one the channel recognised, or a pressed language button
 * (`/language <locale>`, pressed rather than typed). Undefined for ordinary messages.
 */
export function channelCommandOf(message: Pick<TInboundMessage, "command" | "payload">): TChannelCommand | undefined {
  if (message.command) return message.command;
  const locale = message.payload === undefined ? null : parseLanguagePayload(message.payload);
  return locale ? { name: "language", arg: locale } : undefined;
}

/**
 * The language a command's turn is answered in. `/start` and `/help` answer in the language the
 * channel says the customer uses (`channelLocale`, English when it says nothing), as a "hello" in
 * that language did; a chosen language is that language; the rest keep the conversation's (`current`).
 */
export function localeForCommand(command: TChannelCommand, channelLocale: TLocale | undefined, current: TLocale): TLocale {
  if (command.name === "start" || command.name === "help") return channelLocale ?? "en";
  if (command.name === "language") return ZLocale.safeParse(command.arg).data ?? current;
  return current;
}

/** The replies to a channel command, acting on the turn as the matching button or greeting would. */
export async function answerChannelCommand(turn: Turn, command: TChannelCommand): Promise<Reply[]> {
  switch (command.name) {
    case "start": {
      // A campaign's link (?start=c12 or c12_TEA-001): a touch (a new customer's lead source), then its product or the greeting.
      const link = readCampaignLink(command.arg);
      if (link) {
        const { db } = turn.ctx;
        if ((await db.campaign.count({ where: { id: link.campaignId } })) > 0) await recordTouch(db, { customerId: turn.customer.id, kind: "link", campaignId: link.campaignId, at: turn.at });
        return link.sku ? handleAction(turn, { action: "productSku", sku: link.sku }) : greet(turn);
      }
      // A deep link to a product (https://t.me/<bot>?start=TEA-001): its card, or the catalog when
      // the SKU is unknown. Any other parameter is just a greeting.
      const sku = ZProductSku.safeParse(command.arg);
      return sku.success ? handleAction(turn, { action: "productSku", sku: sku.data }) : greet(turn);
    }
    case "help":
      return greet(turn);
    case "catalog":
      return handleAction(turn, { action: "browse" });
    case "cart":
      return handleAction(turn, { action: "cart" });
    case "orders":
      return handleAction(turn, { action: "orders" });
    case "language":
      // The turn's locale is already the chosen one (see localeForCommand).
      if (ZLocale.safeParse(command.arg).success) return greet(turn);
      return [{ text: turn.m.chooseLanguage(), buttons: [ZLocale.options.map((locale) => ({ label: LANGUAGE_NAMES[locale], payload: languagePayload(locale) }))] }];
  }
}

/** The shop's greeting with the main menu: a fresh start, so an open step is left and the "not understood" count cleared. */
async function greet(turn: Turn): Promise<Reply[]> {
  turn.state = understood(turn.state);
  leaveFlow(turn);
  return [{ text: turn.m.greeting(turn.ctx.shop.name), buttons: mainMenu(turn.locale) }];
}
