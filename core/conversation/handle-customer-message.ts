/**
 * The customer side of the shop: one inbound message in, channel-neutral replies out. This file
 * keeps the turn's frame (validate the message, find the customer and their conversation, save the
 * state and the messages, never throw); route-customer-message.ts sends the message to a handler:
 * browse-catalog, recommend-products, take-order, answer-about-orders, take-contact-details and
 * answer-questions, which act through the domain use-cases. A domain refusal becomes a polite
 * reply, anything unexpected is logged and answered with an apology.
 */
import { findOrCreateCustomer } from "../crm/find-or-create-customer.ts";
import type { Prisma } from "../db.ts";
import { messagesFor } from "../i18n.ts";
import { MAX_INBOUND_TEXT, ZInboundMessage, type Reply, type TInboundMessage, type TLocale } from "../messages.ts";
import { containsChinese } from "../nlu/normalize-text.ts";
import type { IntentPrediction } from "../nlu/types.ts";
import { answerAttachment } from "./answer-attachment.ts";
import { answerChannelCommand, channelCommandOf, localeForCommand } from "./answer-channel-command.ts";
import { LATIN_WORD } from "./customer-phrases.ts";
import { readDialogueState } from "./dialogue-state.ts";
import { parseCustomerPayload } from "./payloads.ts";
import { mainMenu } from "./product-replies.ts";
import { handleAction, handleText } from "./route-customer-message.ts";
import { createAssistantContext, type CustomerAssistantDeps, type Turn } from "./assistant-turn.ts";

export type { CustomerAssistantDeps, ShopProfile } from "./assistant-turn.ts";

export interface CustomerAssistant {
  handle(message: TInboundMessage): Promise<Reply[]>;
}

/** Chinese characters → Chinese; Latin words → English; otherwise keep what we had. */
export function detectLocale(text: string, fallback: TLocale): TLocale {
  if (containsChinese(text)) return "zh";
  if (LATIN_WORD.test(text)) return "en";
  return fallback;
}

function localeFromTag(tag: string | undefined): TLocale | undefined {
  if (!tag) return undefined;
  return tag.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/**
 * The customer assistant: `handle` takes one inbound message (text or a pressed button) from any
 * channel and returns the replies. The conversation's state lives in the database, so one assistant
 * serves every customer and any number of processes may share it.
 */
export function createCustomerAssistant(deps: CustomerAssistantDeps): CustomerAssistant {
  const ctx = createAssistantContext(deps);
  const { db, clock, logger } = ctx;

  async function handle(raw: TInboundMessage): Promise<Reply[]> {
    const parsed = ZInboundMessage.safeParse(raw);
    if (!parsed.success) {
      logger.warn("inbound message rejected", { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
      return [{ text: messagesFor("en").somethingWrong() }];
    }
    const message = parsed.data;
    const text = message.text.slice(0, MAX_INBOUND_TEXT);
    const at = clock.now();
    let locale: TLocale = localeFromTag(message.locale) ?? "en";
    try {
      const { customer, conversation: found } = await findOrCreateCustomer(db, {
        channel: message.channel,
        externalUserId: message.externalUserId,
        locale,
        at,
        ...(message.displayName ? { displayName: message.displayName } : {}),
        ...(message.username ? { username: message.username } : {}),
      });
      // The owner has been quiet for too long: the bot takes the conversation back for this turn.
      const conversation = found.mode === "handoff" && (await deps.handoff?.resumeIfQuiet(found, at)) ? { ...found, mode: "bot" as const, lowConfidenceStreak: 0 } : found;
      const state = readDialogueState(conversation.state);
      const known = state.locale ?? (customer.locale === "zh" ? "zh" : localeFromTag(message.locale) ?? "en");
      const command = channelCommandOf(message);
      locale = command ? localeForCommand(command, localeFromTag(message.locale), known) : detectLocale(text, known);
      state.locale = locale;
      const turn: Turn = { ctx, customer, conversation, locale, state, at, m: messagesFor(locale) };

      const { attachment } = message;
      const inbound = await db.message.create({
        data: {
          conversationId: conversation.id,
          direction: "inbound",
          text: text || (message.payload ? `[button] ${message.payload}` : ""),
          payload: message.payload ?? null,
          ...(attachment ? { attachment: attachment as Prisma.InputJsonValue } : {}),
          createdAt: at,
        },
      });
      await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: at } });
      if (customer.locale !== locale) await db.customer.update({ where: { id: customer.id }, data: { locale } });

      // A question kept for the next message only ("which product do you mean?"): taken out whatever comes.
      const question = state.pendingQuestion;
      state.pendingQuestion = undefined;
      let replies: Reply[];
      let prediction: IntentPrediction | undefined;
      if (conversation.mode === "handoff") {
        replies = conversation.handoffAcknowledged ? [] : [{ text: turn.m.handoffWaiting() }];
        if (!conversation.handoffAcknowledged) await db.conversation.update({ where: { id: conversation.id }, data: { handoffAcknowledged: true } });
        await deps.handoff?.customerWrote(conversation.id, { text, messageId: inbound.id, ...(attachment ? { attachment } : {}) });
      } else if (command) {
        replies = await answerChannelCommand(turn, command);
      } else if (message.payload !== undefined) {
        const action = parseCustomerPayload(message.payload);
        replies = action ? await handleAction(turn, action, question) : [{ text: turn.m.staleButton(), buttons: mainMenu(locale) }];
      } else if (attachment && !text.trim()) {
        replies = answerAttachment(turn, attachment);
      } else {
        // A caption is what the customer said about their photo: answered as text (a handoff it
        // leads to posts the photo in the owner's thread).
        ({ replies, prediction } = await handleText(turn, text, question));
      }

      if (prediction) {
        await db.message.update({ where: { id: inbound.id }, data: { intent: prediction.intent, confidence: prediction.confidence } });
      }
      await db.conversation.update({ where: { id: conversation.id }, data: { state: turn.state as Prisma.InputJsonValue } });
      if (replies.length > 0) {
        await db.message.createMany({ data: replies.map((r) => ({ conversationId: conversation.id, direction: "outbound" as const, text: r.text, createdAt: at })) });
      }
      return replies;
    } catch (error) {
      logger.error("customer message failed", { channel: message.channel, user: message.externalUserId, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return [{ text: messagesFor(locale).somethingWrong() }];
    }
  }

  return { handle };
}
