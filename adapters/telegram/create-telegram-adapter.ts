/**
 * The customer channel on Telegram (telegraf). Thin: updates arrive by long polling or webhook,
 * are claimed once (through the claims the app gives it), queued per chat, translated into an
 * {@link TInboundMessage} (a menu command such as `/start TEA-001` as its `command`, a pressed button
 * as its `payload`, both core's to read), answered by core, and the replies rendered by
 * `render-telegram.ts`. It is given services (the assistant, payments, claims), never the
 * database. Every Bot API call goes through one caller that waits out 429s; a failed call is
 * logged with its context and never stops the bot. `stop()` stops taking updates, finishes those in flight, then returns, so the
 * caller can close the database with nothing half-handled.
 *
 * One chat cannot stall the others. Each chat has a budget of messages a minute
 * (`messagesPerMinute`, TELEGRAM_MESSAGES_PER_MINUTE): beyond it the chat is told once per window to
 * slow down, and its further messages are dropped unread, before any claim, classifier, database or
 * model work (and acknowledged, so Telegram does not send them again). An admitted update is claimed
 * in its chat's order as soon as it arrives, which is when Telegram may forget it, and handled when
 * its chat's turn comes: chats take turns, at most `maxConcurrent` at once, so a chat with messages
 * queued does not hold back the next `getUpdates` nor another chat's answer.
 */
import { createHmac, randomBytes } from "node:crypto";
import { Input, Telegraf } from "telegraf";
import { message } from "telegraf/filters";
import type { Update } from "telegraf/types";
import { z } from "zod";
import { readChannelCommand } from "../../core/conversation/answer-channel-command.ts";
import { detectLocale, type CustomerAssistant } from "../../core/conversation/handle-customer-message.ts";
import { messagesFor } from "../../core/i18n.ts";
import { MAX_PAYLOAD_BYTES, type Reply, type TInboundMessage, type TLocale } from "../../core/messages.ts";
import type { OnlinePayments } from "../../core/payments/online-payments.ts";
import type { Clock, CustomerMessenger, Logger, TMarketingSendResult } from "../../core/ports.ts";
import { createChatBudget, type TBudgetVerdict } from "../shared/chat-budget.ts";
import { createChatQueue } from "./chat-queue.ts";
import { startLongPolling, type LongPolling, type UpdateDelivery } from "./long-polling.ts";
import { renderReply, type TelegramSend } from "./render-telegram.ts";
import { createTelegramApi, defaultSleep, describeTelegramError, isTelegramError, type TelegramCallOptions } from "./telegram-api.ts";
import { attachmentOf, captionOf, fetchTelegramFile } from "./telegram-attachments.ts";
import { BOT_COMMANDS, localeOf } from "./telegram-texts.ts";
import { createWebhookServer, type WebhookServer } from "./webhook-server.ts";

export type TelegramMode =
  | { kind: "polling"; timeoutSeconds?: number }
  | { kind: "webhook"; url: string; secret: string; host: string; port: number };

/**
 * Claims on Telegram's update ids, so an update delivered twice (a restart before Telegram heard the
 * confirmation, two webhook processes) is handled once. The app backs it with the database.
 */
export interface TelegramUpdateClaims {
  /** True the first time an update id is claimed, false for every redelivery; throws when it cannot tell. */
  claim(updateId: string): Promise<boolean>;
  /** Gives a claim back when the update could not be handled at all, so a redelivery may try again. */
  release(updateId: string): Promise<void>;
}

export interface TelegramAdapterOptions {
  token: string;
  /** A self-hosted Bot API server; Telegram's by default. */
  apiRoot?: string;
  mode: TelegramMode;
  logger: Logger;
  customer: CustomerAssistant;
  /** Invoices, the pre-checkout check and booking a payment (which tells the owner). */
  payments: OnlinePayments;
  updates: TelegramUpdateClaims;
  /** Telegram Payments: with a provider token, checkout sends an invoice. */
  paymentProviderToken?: string;
  /** Waits between retries (tests pass one that records instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
  /** Updates queued or running before polling waits (default 200). */
  maxInFlight?: number;
  /** Updates handled at once across chats (default 8); one chat's are always handled one at a time. */
  maxConcurrent?: number;
  /** Messages a chat may send a minute before it is asked to slow down and the rest dropped (default 20; 0 = no limit). */
  messagesPerMinute?: number;
  /** The budget's windows are measured on it (the app's clock). */
  clock: Clock;
  /**
   * Told of every message sent to a chat outside marketing (replies, order updates), so the campaign
   * sender, which shares the bot's per-second budget with them, yields to the customers who are chatting.
   */
  replyPacer?: { recordReply(chat: string): void };
  /** Deadline of one marketing message's call (default 15 s); its outbox row waits at most this long in `claimed`. */
  marketingTimeoutMs?: number;
}

/** The pacer's name for a Telegram chat (the campaign sender keys chats the same way: channel and id). */
export function telegramChatKey(chatId: number | string): string {
  return `telegram:${chatId}`;
}

export type TelegramStarted = { mode: "polling"; username: string | null } | { mode: "webhook"; username: string | null; url: string; host: string; port: number };

export interface TelegramAdapter {
  /** Reaches Telegram customers outside a turn (owner replies, order updates); register with the app. */
  readonly messenger: CustomerMessenger;
  start(): Promise<TelegramStarted>;
  /** Stops taking updates and resolves once every update in flight has been handled. */
  stop(): Promise<void>;
  /** Resolves once every update received so far has been handled. */
  idle(): Promise<void>;
}

const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "pre_checkout_query"];
/** Telegram drops a pre-checkout query it has no answer to after 10 s; answer well before. */
const PRE_CHECKOUT_DEADLINE_MS = 8_000;

const BUDGET_WINDOW_MS = 60_000;

/** The per-chat queue key: updates of one chat run in order; a payment check never waits behind a chat. */
function queueKey(update: Update): string {
  if ("message" in update) return `chat:${update.message.chat.id}`;
  if ("edited_message" in update) return `chat:${update.edited_message.chat.id}`;
  if ("callback_query" in update) return `chat:${update.callback_query.message?.chat.id ?? update.callback_query.from.id}`;
  if ("pre_checkout_query" in update) return `pre-checkout:${update.pre_checkout_query.id}`;
  return `update:${update.update_id}`;
}

/**
 * The chat a budgeted update counts against, or null for those never dropped: payments (a pre-checkout
 * query must be answered, a successful payment booked) and anything without a chat.
 */
function budgetedChat(update: Update): { key: string; chatId: number; isPrivate: boolean; locale: TLocale } | null {
  const from = (who: { language_code?: string } | undefined, text: string | undefined) => detectLocale(text ?? "", localeOf(who?.language_code));
  if ("message" in update) {
    if ("successful_payment" in update.message) return null;
    const text = "text" in update.message ? update.message.text : "caption" in update.message ? update.message.caption : undefined;
    return { key: queueKey(update), chatId: update.message.chat.id, isPrivate: update.message.chat.type === "private", locale: from(update.message.from, text) };
  }
  if ("edited_message" in update) return { key: queueKey(update), chatId: update.edited_message.chat.id, isPrivate: update.edited_message.chat.type === "private", locale: from(update.edited_message.from, undefined) };
  if ("callback_query" in update) {
    const chat = update.callback_query.message?.chat;
    return { key: queueKey(update), chatId: chat?.id ?? update.callback_query.from.id, isPrivate: !chat || chat.type === "private", locale: from(update.callback_query.from, undefined) };
  }
  return null;
}

function displayName(from: { first_name: string; last_name?: string }): string {
  return [from.first_name, from.last_name].filter(Boolean).join(" ").slice(0, 256);
}

/** Who wrote, as core's inbound message wants it. */
function personOf(from: { id: number; first_name: string; last_name?: string; username?: string; language_code?: string }) {
  return { externalUserId: String(from.id), displayName: displayName(from), ...(from.username ? { username: from.username } : {}), ...(from.language_code ? { locale: from.language_code } : {}) };
}

/** A contact shared in the chat: Telegram's phone numbers are digits, sometimes with a leading +. */
const ZSharedContact = z.object({ phone_number: z.string().regex(/^\+?[\d\s-]{6,24}$/), user_id: z.number().int().optional() });

export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const { logger, customer, payments } = options;
  const sleep = options.sleep ?? defaultSleep;
  const apiRoot = options.apiRoot ?? "https://api.telegram.org";
  const bot = new Telegraf(options.token, {
    telegram: { apiRoot, webhookReply: false },
    // Our own calls carry deadlines; a handler must finish before its chat's next update starts.
    handlerTimeout: Number.POSITIVE_INFINITY,
  });
  const call = createTelegramApi({ bot, logger, sleep });
  const budget = createChatBudget({ limit: options.messagesPerMinute ?? 20, windowMs: BUDGET_WINDOW_MS, clock: options.clock });
  const queue = createChatQueue({
    maxConcurrent: options.maxConcurrent ?? 8,
    // A chat over its budget has had its share this minute: its admitted messages wait for the others.
    yields: (key) => budget.isOver(key),
    onError: (error, key) => logger.error("telegram update failed", { key, error: String(error) }),
  });
  // Log lines about flooding name a chat by a keyed hash: the same chat reads the same within this
  // process (enough to see one chat flooding), and the id cannot be read back from the log.
  const logKey = randomBytes(32);
  const chatRef = (chatId: number) => `chat#${createHmac("sha256", logKey).update(String(chatId)).digest("hex").slice(0, 12)}`;
  let polling: LongPolling | undefined;
  let webhook: WebhookServer | undefined;
  let stopped = false;

  // ---------- sending ----------

  async function send(chatId: number, outbound: TelegramSend, callOptions?: TelegramCallOptions): Promise<void> {
    if (!callOptions) options.replyPacer?.recordReply(telegramChatKey(chatId));
    if (outbound.method === "upload") {
      const input = Input.fromBuffer(Buffer.from(outbound.file.bytes), outbound.file.fileName);
      if (outbound.as === "sendPhoto") await call("sendPhoto", { chat_id: chatId, photo: input, ...outbound.params }, callOptions);
      else await call("sendDocument", { chat_id: chatId, document: input, ...outbound.params }, callOptions);
    } else if (outbound.method === "sendPhoto") await call("sendPhoto", { chat_id: chatId, ...outbound.params }, callOptions);
    else await call("sendMessage", { chat_id: chatId, ...outbound.params }, callOptions);
  }

  /**
   * One marketing message: no retry here (a 429 goes back to the outbox with its `retry_after`, a
   * 5xx as retryable, a network failure as failed, since it may have been delivered), a refused
   * photo sent again as text, and a 403 or a chat Telegram does not know as unreachable.
   */
  async function sendMarketing(chatId: number, reply: Reply): Promise<TMarketingSendResult> {
    const callOptions: TelegramCallOptions = { rateLimitRetries: 0, retryTransient: false, timeoutMs: options.marketingTimeoutMs ?? 15_000 };
    const calls = renderReply(reply);
    let sent = 0;
    for (let i = 0; i < calls.length; i++) {
      const outbound = calls[i]!;
      try {
        await send(chatId, outbound, callOptions);
        sent++;
      } catch (error) {
        if (sent > 0) {
          // The message is out; what did not follow it is not worth a second copy of the rest.
          logger.warn("telegram: a marketing message went out in part", { chatId, method: outbound.method, ...describeTelegramError(error) });
          return { kind: "sent" };
        }
        if (isTelegramError(error, 429)) return { kind: "rateLimited", retryAfterMs: Math.min(Math.max(error.parameters?.retry_after ?? 1, 1), 3_600) * 1_000 };
        if (isTelegramError(error, 403)) return { kind: "unreachable", reason: "blocked" };
        if (isTelegramError(error, 400) && /chat not found|user not found|PEER_ID_INVALID/i.test(error.description)) return { kind: "unreachable", reason: "chat_not_found" };
        if (outbound.method === "sendPhoto" && isTelegramError(error, 400)) {
          logger.warn("telegram: photo refused in a marketing message; sending it without", { chatId, ...describeTelegramError(error) });
          calls.splice(i + 1, calls.length, ...renderReply(reply, { photos: false }));
          continue;
        }
        if (isTelegramError(error)) return { kind: "failed", retry: error.code >= 500, reason: `telegram_${error.code}` };
        return { kind: "failed", retry: false, reason: "network" };
      }
    }
    return sent > 0 ? { kind: "sent" } : { kind: "failed", retry: false, reason: "empty" };
  }

  async function sendInvoice(chatId: number, orderId: number) {
    if (!options.paymentProviderToken) return;
    const invoice = await payments.describeInvoice({ customer: { channel: "telegram", externalUserId: String(chatId) }, orderId });
    if (!invoice) return;
    await call("sendInvoice", { chat_id: chatId, provider_token: options.paymentProviderToken, ...invoice });
  }

  /** Sends replies in order. False when the chat could not be reached (blocked, deleted, API down). */
  async function sendReplies(chatId: number, replies: Reply[]): Promise<boolean> {
    let delivered = true;
    for (const reply of replies) {
      const calls = renderReply(reply);
      for (let i = 0; i < calls.length; i++) {
        const outbound = calls[i]!;
        try {
          await send(chatId, outbound);
        } catch (error) {
          if (isTelegramError(error, 403)) {
            logger.warn("telegram: the customer blocked the bot or left; not sending", { chatId });
            return false;
          }
          if ((outbound.method === "sendPhoto" || (outbound.method === "upload" && outbound.as === "sendPhoto")) && isTelegramError(error, 400)) {
            // A photo Telegram cannot fetch or show: the same reply as text (an uploaded one as a
            // document), buttons and all.
            logger.warn("telegram: photo refused; sending it without", { chatId, photo: outbound.method === "sendPhoto" ? outbound.params.photo : outbound.file.fileName, ...describeTelegramError(error) });
            calls.splice(i + 1, calls.length, ...renderReply(reply, { photos: false }));
            continue;
          }
          logger.error("telegram: sending a reply failed", { chatId, method: outbound.method, ...describeTelegramError(error) });
          delivered = false;
        }
      }
      if (reply.checkout) {
        try {
          await sendInvoice(chatId, reply.checkout.orderId);
        } catch (error) {
          logger.error("telegram: sending the invoice failed", { chatId, orderId: reply.checkout.orderId, ...describeTelegramError(error) });
          delivered = false;
        }
      }
    }
    return delivered;
  }

  async function ask(inbound: Omit<TInboundMessage, "channel">, chatId: number) {
    const replies = await customer.handle({ channel: "telegram", ...inbound });
    await sendReplies(chatId, replies);
  }

  // ---------- updates ----------

  bot.on(message("successful_payment"), async (ctx) => {
    const payment = ctx.message.successful_payment;
    const customerRef = { channel: "telegram" as const, externalUserId: String(ctx.from.id) };
    const result = await payments.recordOnlinePayment({
      customer: customerRef,
      payload: payment.invoice_payload,
      currency: payment.currency,
      totalMinor: payment.total_amount,
      chargeId: payment.telegram_payment_charge_id,
    });
    if (result.kind === "mismatch") {
      logger.error("telegram payment does not match an order awaiting payment; check it with the provider", {
        orderId: result.orderId,
        reason: result.reason,
        chargeId: payment.telegram_payment_charge_id,
        providerChargeId: payment.provider_payment_charge_id,
      });
    }
    await sendReplies(ctx.chat.id, [{ text: result.message }]);
  });

  bot.on(message("text"), async (ctx) => {
    if (ctx.chat.type !== "private") return;
    const from = ctx.from;
    const person = personOf(from);
    // A menu command (a deep link arrives as "/start TEA-001") goes to core as a command, with what
    // was typed as its text; one addressed to another bot in the chat is just text.
    const read = readChannelCommand(ctx.message.text);
    const ours = read && (!read.addressedTo || read.addressedTo.toLowerCase() === ctx.botInfo.username.toLowerCase());
    return ask({ ...person, text: ctx.message.text, ...(ours ? { command: read.command } : {}) }, ctx.chat.id);
  });

  bot.on("callback_query", async (ctx) => {
    const query = ctx.callbackQuery;
    // Stop the button's spinner first; a failure here must not cost the customer the answer.
    await call("answerCallbackQuery", { callback_query_id: query.id }).catch((error: unknown) => logger.warn("telegram: answering a button press failed", { ...describeTelegramError(error) }));
    const chatId = query.message?.chat.id ?? query.from.id;
    if (query.message && query.message.chat.type !== "private") return;
    const data = "data" in query ? query.data : undefined;
    const from = query.from;
    const person = personOf(from);
    // Every button is core's (the language picker's too) and core's to validate; an oversized or
    // missing payload is a stale button.
    const payload = data && Buffer.byteLength(data, "utf8") <= MAX_PAYLOAD_BYTES ? data : "?";
    if (payload !== data) logger.warn("telegram: refused a malformed button payload", { chatId, bytes: data ? Buffer.byteLength(data, "utf8") : 0 });
    return ask({ ...person, payload }, chatId);
  });

  bot.on("pre_checkout_query", async (ctx) => {
    const query = ctx.preCheckoutQuery;
    const locale = localeOf(query.from.language_code);
    const check = await Promise.race([
      payments.checkOrderPayable({ customer: { channel: "telegram", externalUserId: String(query.from.id) }, payload: query.invoice_payload, currency: query.currency, totalMinor: query.total_amount }),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), PRE_CHECKOUT_DEADLINE_MS).unref()),
    ]).catch((error: unknown) => {
      logger.error("telegram: checking an order before payment failed", { error: String(error) });
      return null;
    });
    if (check?.ok) {
      await call("answerPreCheckoutQuery", { pre_checkout_query_id: query.id, ok: true });
      return;
    }
    if (check) logger.warn("telegram: payment refused before checkout", { reason: check.reason, payload: query.invoice_payload.slice(0, 64) });
    await call("answerPreCheckoutQuery", { pre_checkout_query_id: query.id, ok: false, error_message: check?.userMessage ?? messagesFor(locale).somethingWrong() });
  });

  bot.on("edited_message", async (ctx) => {
    if (ctx.editedMessage.chat.type !== "private") return;
    await sendReplies(ctx.editedMessage.chat.id, [{ text: messagesFor(localeOf(ctx.editedMessage.from?.language_code)).editedNotRead() }]);
  });

  // The one-tap "share my phone number" button: the customer's own number goes to core as what they
  // sent. Someone else's contact card is not theirs to give: it is refused and nothing is saved.
  bot.on(message("contact"), async (ctx) => {
    if (ctx.chat.type !== "private") return;
    const contact = ZSharedContact.safeParse(ctx.message.contact);
    if (!contact.success || contact.data.user_id !== ctx.from.id) {
      await sendReplies(ctx.chat.id, [{ text: messagesFor(localeOf(ctx.from.language_code)).ownContactOnly() }]);
      return;
    }
    return ask({ ...personOf(ctx.from), text: `+${contact.data.phone_number.replace(/\D/g, "")}` }, ctx.chat.id);
  });

  // Photos, files, voice messages, stickers, locations: core answers (and passes them to the owner in
  // a handoff); a caption is what the customer said. Anything else (a poll, a dice): say what we read.
  bot.on("message", async (ctx) => {
    if (ctx.chat.type !== "private") return;
    const sent = ctx.message as unknown as Record<string, unknown>;
    const attachment = attachmentOf(sent);
    if (attachment) return ask({ ...personOf(ctx.from), text: captionOf(sent), attachment }, ctx.chat.id);
    await sendReplies(ctx.chat.id, [{ text: messagesFor(localeOf(ctx.from.language_code)).chatUnsupported() }]);
  });

  bot.catch((error, ctx) => {
    logger.error("telegram update handler failed", { updateId: ctx.update.update_id, updateType: ctx.updateType, ...describeTelegramError(error) });
  });

  /**
   * Records the update as ours before it is handled: true when claimed, false when it was handled
   * already (a redelivery), "retry" when the database could not tell. With a long-polling `delivery`,
   * a failed claim is tried again in place (the chat's later updates wait rather than overtake it)
   * until polling stops; a webhook answers "retry" and Telegram sends it again.
   */
  async function claim(update: Update, delivery?: UpdateDelivery): Promise<boolean | "retry"> {
    const updateId = String(update.update_id);
    for (let attempt = 1; ; attempt++) {
      try {
        const claimed = await options.updates.claim(updateId);
        delivery?.settle();
        if (!claimed) logger.info("telegram: update already handled; skipped", { updateId });
        return claimed;
      } catch (error) {
        logger.error("telegram: could not record the update; not handling it", { updateId, error: String(error) });
        if (!delivery || !(await delivery.retryLater(attempt))) return "retry";
      }
    }
  }

  /** Handles a claimed update. "retry": telegraf could not even start (its bot profile is missing); the claim is given back. */
  async function handle(update: Update, delivery?: UpdateDelivery): Promise<"done" | "retry"> {
    const updateId = String(update.update_id);
    for (let attempt = 1; ; attempt++) {
      try {
        await bot.handleUpdate(update);
        return "done";
      } catch (error) {
        // Only telegraf's own set-up (fetching the bot's profile) gets here; handler errors go to bot.catch.
        logger.error("telegram: update could not be handled", { updateId, ...describeTelegramError(error) });
        if (delivery && (await delivery.retryLater(attempt))) continue;
        await options.updates.release(updateId).catch(() => undefined);
        return "retry";
      }
    }
  }

  /** The chat's one "slow down" of this window, in the customer's language; no database work. */
  async function askToSlowDown(chat: { chatId: number; isPrivate: boolean; locale: TLocale }) {
    if (chat.isPrivate) await sendReplies(chat.chatId, [{ text: messagesFor(chat.locale).slowDown() }]);
  }

  /** Per chat, the last claim asked for: a chat's claims run one after another, in order. */
  const claimTails = new Map<string, Promise<boolean | "retry">>();

  function claimInOrder(key: string, update: Update, delivery?: UpdateDelivery): Promise<boolean | "retry"> {
    const claimed = (claimTails.get(key) ?? Promise.resolve(true)).then(() => claim(update, delivery));
    claimTails.set(key, claimed);
    void claimed.finally(() => {
      if (claimTails.get(key) === claimed) claimTails.delete(key);
    });
    return claimed;
  }

  /**
   * Takes one update: counts it against its chat's budget, claims it at once (in its chat's order;
   * long polling may then let Telegram forget it) and queues its handling behind the chat's earlier
   * updates. Resolves once it is handled (or dropped): what a webhook answers.
   */
  function dispatch(update: Update, delivery?: UpdateDelivery): Promise<"done" | "retry"> {
    const chat = budgetedChat(update);
    const verdict: TBudgetVerdict = chat ? budget.take(chat.key) : "admit";
    if (chat && verdict !== "admit") {
      // Not read: no claim, no classifier, no database. Acknowledged all the same, so Telegram does
      // not send it again; the chat's first message over the budget brings the one "slow down".
      delivery?.settle();
      logger.info(verdict === "warn" ? "telegram: a chat went over its budget; asking it to slow down, dropping its messages until the minute is over" : "telegram: dropped a message over its chat's budget; not read", {
        chat: chatRef(chat.chatId),
        updateId: update.update_id,
        perMinute: options.messagesPerMinute ?? 20,
      });
      if (verdict === "drop") return Promise.resolve("done");
      return queue.push(chat.key, () => askToSlowDown(chat)).then(() => "done");
    }
    const key = queueKey(update);
    const claimed = claimInOrder(key, update, delivery);
    let outcome: "done" | "retry" = "retry";
    return queue
      .push(key, async () => {
        // The chat's claims first (all of them asked for so far): a chat with messages waiting has
        // them recorded, and Telegram's offset moved past them, before its turns take the database.
        await claimTails.get(key);
        const mine = await claimed;
        if (mine === "retry") return;
        outcome = mine ? await handle(update, delivery) : "done";
      })
      .then(() => outcome);
  }

  // ---------- life cycle ----------

  const messenger: CustomerMessenger = {
    async send(target, replies) {
      if (target.channel !== "telegram" || !/^-?\d{1,20}$/.test(target.externalUserId)) return false;
      return sendReplies(Number(target.externalUserId), replies);
    },
    async sendMarketing(target, reply) {
      if (target.channel !== "telegram" || !/^-?\d{1,20}$/.test(target.externalUserId)) return { kind: "unreachable", reason: "not_telegram" };
      return sendMarketing(Number(target.externalUserId), reply);
    },
    async fetchFile(target, fileRef) {
      if (target.channel !== "telegram") throw new Error(`not a Telegram customer (${target.channel})`);
      return fetchTelegramFile({ call, apiRoot, token: options.token }, fileRef);
    },
  };

  async function registerCommands() {
    for (const [locale, commands] of Object.entries(BOT_COMMANDS)) {
      try {
        await call("setMyCommands", { commands, ...(locale === "en" ? {} : { language_code: locale }) });
      } catch (error) {
        logger.warn("telegram: could not register the command menu", { locale, ...describeTelegramError(error) });
      }
    }
  }

  return {
    messenger,
    async start() {
      try {
        bot.botInfo = await call("getMe", {});
      } catch (error) {
        if (isTelegramError(error, 401) || isTelegramError(error, 404)) {
          throw new Error(`Telegram refused TELEGRAM_BOT_TOKEN (${error.code} ${error.description}). Copy the token again from @BotFather.`);
        }
        logger.warn("telegram: could not reach the Bot API at start; will keep trying", describeTelegramError(error));
      }
      await registerCommands();
      const username = bot.botInfo?.username ?? null;
      if (options.mode.kind === "polling") {
        await call("deleteWebhook", { drop_pending_updates: false }).catch((error: unknown) => logger.warn("telegram: could not remove a webhook before polling", describeTelegramError(error)));
        const maxInFlight = options.maxInFlight ?? 200;
        polling = startLongPolling({
          call,
          logger,
          sleep,
          allowedUpdates: ALLOWED_UPDATES,
          ...(options.mode.timeoutSeconds !== undefined ? { timeoutSeconds: options.mode.timeoutSeconds } : {}),
          onUpdate: (update, delivery) => void dispatch(update, delivery),
          // Waits for room, not for every chat's queue to empty.
          beforeFetch: () => queue.below(maxInFlight),
        });
        logger.info("telegram: long polling started", { username });
        return { mode: "polling", username };
      }
      const { url, secret, host, port } = options.mode;
      webhook = createWebhookServer({ path: new URL(url).pathname, secret, host, port, logger, onUpdate: dispatch });
      const address = await webhook.listen();
      try {
        await call("setWebhook", { url, secret_token: secret, allowed_updates: ALLOWED_UPDATES as never, max_connections: 40 });
      } catch (error) {
        await webhook.close();
        throw new Error(`Telegram refused the webhook ${url}: ${isTelegramError(error) ? error.description : String(error)}`);
      }
      logger.info("telegram: webhook set", { username, url, listening: `${address.host}:${address.port}` });
      return { mode: "webhook", username, url, ...address };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await polling?.stop();
      await webhook?.close();
      await queue.drain();
      await polling?.confirm();
      logger.info("telegram: stopped; every update in flight was handled");
    },
    idle: () => queue.drain(),
  };
}
