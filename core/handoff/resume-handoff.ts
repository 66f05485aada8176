import type { Conversation } from "../../prisma/generated/client.ts";
import { mainMenu } from "../conversation/product-replies.ts";
import { sendToCustomer } from "../conversation/send-to-customer.ts";
import { resumeBot } from "../crm/request-handoff.ts";
import type { Db } from "../db.ts";
import { messagesFor, customerLocale } from "../i18n.ts";
import type { CustomerMessenger, Logger } from "../ports.ts";

/**
 * True when a handed-off conversation has been quiet for `quietMs`: nothing from the owner since
 * the handoff was requested or since their last reply. `quietMs` 0 means never.
 */
export function isHandoffQuiet(conversation: Pick<Conversation, "mode" | "handoffRequestedAt" | "lastOwnerReplyAt">, at: Date, quietMs: number): boolean {
  if (conversation.mode !== "handoff" || quietMs <= 0) return false;
  const since = Math.max(conversation.handoffRequestedAt?.getTime() ?? 0, conversation.lastOwnerReplyAt?.getTime() ?? 0);
  if (since === 0) return false;
  return at.getTime() - since >= quietMs;
}

/**
 * Gives a conversation back to the bot. Conditional on it still being handed off, so the owner's
 * button and the quiet period racing each other resume it once. Returns whether this call did it
 * and the thread to tell.
 */
export async function resumeHandoff(db: Db, options: { conversationId: number }): Promise<{ resumed: boolean; threadRef: string | null }> {
  const resumed = await resumeBot(db, options.conversationId);
  const conversation = await db.conversation.findUnique({ where: { id: options.conversationId }, select: { handoffThreadRef: true } });
  return { resumed, threadRef: conversation?.handoffThreadRef ?? null };
}

/**
 * Tells the customer the assistant is answering again, with the main menu, once the owner hands a
 * conversation back: without it the chat just went on with the bot's voice after the owner's, and
 * the customer could not tell who was writing. (A conversation taken back after the quiet period is
 * not told: the customer has just written and the bot's answer says it.)
 */
export async function tellCustomerBotIsBack(deps: { db: Db; messenger: CustomerMessenger; logger: Logger }, options: { conversationId: number; at: Date }): Promise<boolean> {
  const conversation = await deps.db.conversation.findUnique({ where: { id: options.conversationId }, select: { customer: { select: { locale: true } } } });
  if (!conversation) return false;
  const locale = customerLocale(conversation.customer);
  return sendToCustomer(deps, { conversationId: options.conversationId, replies: [{ text: messagesFor(locale).botIsBack(), buttons: mainMenu(locale) }], direction: "outbound", at: options.at });
}
