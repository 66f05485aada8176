/**
 * The customer side of the shop: one inbound message in, channel-neutral replies out. This file
 * keeps the turn's frame (validate the message, find the customer and their conversation, save the
 * state and the messages, never throw); route-customer-message.ts sends the message to a handler:
 * browse-catalog, recommend-products, take-order, answer-about-orders, take-contact-details and
 * answer-questions, which act through the domain use-cases. A domain refusal becomes a polite
 * reply, anything unexpected is logged and answered with an apology.
 *
 * A turn is one transaction: the inbound and outbound messages, the dialogue state, the intent, the
 * customer's language, the lead's stage and every domain write of the turn (an order, a contact,
 * a handoff) commit together or not at all, so a failure half-way leaves nothing half-saved. The
 * conversation row is locked first, so turns of one conversation run one after another even across
 * replicas on one PostgreSQL. What leaves the process (owner notifications, the handoff thread) is
 * sent after the commit; the optional language model is asked outside the transaction (see
 * replay-llm-answers.ts).
 */
import { createHash } from "node:crypto";
import { findOrCreateCustomer } from "../crm/find-or-create-customer.ts";
import { runInTransaction, type Prisma, type TransactionScope } from "../db.ts";
import { messagesFor } from "../i18n.ts";
import { MAX_INBOUND_TEXT, ZInboundMessage, type Reply, type TInboundMessage, type TLocale } from "../messages.ts";
import { containsChinese } from "../nlu/normalize-text.ts";
import type { IntentPrediction } from "../nlu/types.ts";
import { answerAttachment } from "./answer-attachment.ts";
import { answerChannelCommand, channelCommandOf, localeForCommand } from "./answer-channel-command.ts";
import { LATIN_WORD } from "./customer-phrases.ts";
import { readDialogueState } from "./dialogue-state.ts";
import { speakIn, takePendingQuestion, understood } from "./state/dialogue.ts";
import { parseCustomerPayload } from "./payloads.ts";
import { untagPayload } from "../attribution/campaign-tag.ts";
import { recordTouch } from "../attribution/record-touch.ts";
import { saveTurn } from "./save-turn.ts";
import { takeConsentWhileHandedOff } from "./take-marketing-consent.ts";
import { mainMenu } from "./product-replies.ts";
import { handleAction, handleText } from "./route-customer-message.ts";
import { createAssistantContext, scopeAssistantContext, type CustomerAssistantDeps, type Turn } from "./assistant-turn.ts";
import type { LlmAssistant } from "../llm/create-llm-assistant.ts";
import { MAX_TURN_ATTEMPTS, ModelAnswersNeeded, replayLlmAnswers } from "./replay-llm-answers.ts";

export type { CustomerAssistantDeps, ShopProfile } from "./assistant-turn.ts";

export interface CustomerAssistant {
  handle(message: TInboundMessage): Promise<Reply[]>;
}

/**
 * Who wrote, as a log line may say it. On the console the user id is the chat's session cookie (whoever
 * reads the log could take the chat over), so only a short hash of it is logged; other channels' ids
 * (a Telegram chat id) are no secret and help find the conversation.
 */
export function loggableUserId(message: { channel: string; externalUserId: string }): string {
  return message.channel === "console" ? `session#${createHash("sha256").update(message.externalUserId).digest("hex").slice(0, 12)}` : message.externalUserId;
}

/** Words of letters and digits together ("SPRING10", "TEA-001"): codes, which say nothing of the language. */
const CODE_WORD = /(?<![A-Za-z0-9])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]+(?![A-Za-z0-9])/g;

/** Chinese characters → Chinese; Latin words (not codes such as "SPRING10") → English; otherwise keep what we had. */
export function detectLocale(text: string, fallback: TLocale): TLocale {
  if (containsChinese(text)) return "zh";
  if (LATIN_WORD.test(text.replace(CODE_WORD, " "))) return "en";
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
/**
 * How long a turn may wait for its transaction and keep it open. PGlite runs one transaction at a
 * time for the whole process, so under a burst a turn queues behind the others: the wait is
 * generous; a turn itself takes milliseconds (the model is asked outside it).
 */
const TURN_TRANSACTION = { maxWait: 30_000, timeout: 20_000 };

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
    // The language of the apology if the turn fails: the best guess so far.
    let locale: TLocale = localeFromTag(message.locale) ?? "en";
    const replay = deps.llm ? replayLlmAnswers(deps.llm) : undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        const final = !replay || attempt >= MAX_TURN_ATTEMPTS;
        try {
          return await runInTransaction(db, async (scope) => {
            const replies = await runTurn(scope, replay?.forAttempt(final));
            if (!final && replay?.hasQuestions()) throw new ModelAnswersNeeded();
            return replies;
          }, { ...TURN_TRANSACTION, onEffectError: (error) => logger.error("after-turn effect failed", { error: describe(error) }) });
        } catch (error) {
          if (!(error instanceof ModelAnswersNeeded) || !replay) throw error;
          await replay.answerQuestions();
        }
      }
    } catch (error) {
      logger.error("customer message failed", { channel: message.channel, user: loggableUserId(message), error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return [{ text: messagesFor(locale).somethingWrong() }];
    }

    /** One attempt of the turn, inside its transaction: everything it writes commits together. */
    async function runTurn(scope: TransactionScope, llm: LlmAssistant | undefined): Promise<Reply[]> {
      const tx = scope.db;
      const { customer, conversation: found } = await findOrCreateCustomer(tx, {
        channel: message.channel,
        externalUserId: message.externalUserId,
        locale,
        at,
        lockConversation: true,
        ...(message.displayName ? { displayName: message.displayName } : {}),
        ...(message.username ? { username: message.username } : {}),
      });
      const turnCtx = scopeAssistantContext(ctx, scope, llm);
      // The owner has been quiet for too long: the bot takes the conversation back for this turn.
      const conversation = found.mode === "handoff" && (await turnCtx.handoff?.resumeIfQuiet(found, at)) ? { ...found, mode: "bot" as const, lowConfidenceStreak: 0 } : found;
      const stored = readDialogueState(conversation.state);
      // While the owner has the conversation (or from the moment it comes back) the bot's count of
      // messages it could not place starts again: the owner may have taken over without a handoff.
      const read = found.mode === "handoff" ? understood(stored) : stored;
      const known = read.locale ?? (customer.locale === "zh" ? "zh" : localeFromTag(message.locale) ?? "en");
      const command = channelCommandOf(message);
      locale = command ? localeForCommand(command, localeFromTag(message.locale), known) : detectLocale(text, known);
      // A question kept for the next message only ("which product do you mean?"): taken out whatever comes.
      const [question, state] = takePendingQuestion(speakIn(read, locale));
      const turn: Turn = { ctx: turnCtx, customer, conversation, locale, state, at, m: messagesFor(locale) };
      if (customer.locale !== locale) await tx.customer.update({ where: { id: customer.id }, data: { locale } });

      // A campaign's button (tagged with its campaign): the press is a touch, the button itself works as ever.
      const { campaignId: pressedFrom, payload } = message.payload === undefined ? { campaignId: null, payload: undefined } : untagPayload(message.payload);
      if (pressedFrom !== null && (await tx.campaign.count({ where: { id: pressedFrom } })) > 0) await recordTouch(tx, { customerId: customer.id, kind: "pressed", campaignId: pressedFrom, at });

      const { attachment } = message;
      let replies: Reply[];
      let prediction: IntentPrediction | undefined;
      const handedOff = conversation.mode === "handoff";
      if (handedOff) {
        // The owner answers; only a change of marketing consent is answered (and recorded) at once.
        const consent = await takeConsentWhileHandedOff(turn, { text, payload });
        replies = [...(consent ? [consent] : []), ...(conversation.handoffAcknowledged ? [] : [{ text: turn.m.handoffWaiting() }])];
      } else if (command) {
        replies = await answerChannelCommand(turn, command);
      } else if (payload !== undefined) {
        const action = parseCustomerPayload(payload);
        replies = action ? await handleAction(turn, action, question) : [{ text: turn.m.staleButton(), buttons: mainMenu(locale) }];
      } else if (attachment && !text.trim()) {
        replies = answerAttachment(turn, attachment);
      } else {
        // A caption is what the customer said about their photo: answered as text (a handoff it
        // leads to posts the photo in the owner's thread).
        ({ replies, prediction } = await handleText(turn, text, question));
      }

      // The turn's own write, its last: the conversation's state and the turn's messages (inbound first).
      const saved = await saveTurn(tx, {
        conversationId: conversation.id,
        state: turn.state as Prisma.InputJsonValue,
        at,
        handoffAcknowledged: handedOff && !conversation.handoffAcknowledged,
        messages: [
          {
            direction: "inbound",
            text: text || (message.payload ? `[button] ${message.payload}` : ""),
            payload: message.payload ?? null,
            ...(attachment ? { attachment: attachment as Prisma.InputJsonValue } : {}),
            ...(prediction ? { intent: prediction.intent, confidence: prediction.confidence } : {}),
          },
          ...replies.map((r) => ({ direction: "outbound" as const, text: r.text })),
        ],
      });
      const inbound = saved.find((m) => m.direction === "inbound");
      if (handedOff) await turnCtx.handoff?.customerWrote(conversation.id, { text, ...(inbound ? { messageId: inbound.id } : {}), ...(attachment ? { attachment } : {}) });
      return replies;
    }
  }

  return { handle };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}
