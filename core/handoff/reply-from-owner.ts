import type { Db } from "../db.ts";
import type { FileContent, Reply } from "../messages.ts";
import type { CustomerMessenger, Logger } from "../ports.ts";
import { sendToCustomer } from "../conversation/send-to-customer.ts";

/** `note: …` (or `备注：…`) in a handoff thread is for the owner's eyes only. */
const NOTE_PREFIX = /^\s*(?:note|备注)\s*[:：]\s*/i;

export function isInternalNote(text: string): boolean {
  return NOTE_PREFIX.test(text);
}

export type TOwnerReplyResult =
  | { kind: "unknown_thread" }
  | { kind: "empty"; conversationId: number }
  | { kind: "note"; conversationId: number }
  | { kind: "sent"; conversationId: number; delivered: boolean };

/**
 * The owner wrote in a handoff thread. A note is kept on the conversation (direction "note") and
 * goes nowhere else. Anything else is sent to the customer through {@link sendToCustomer} (which
 * logs it as the owner's message) and keeps the conversation with the owner: answering a customer
 * the bot had taken back after the quiet period hands it to the owner again, so the customer's
 * answer reaches the thread instead of the bot. Files the owner shares (a photo of the blue one) go
 * to the customer with the words as the first one's caption.
 */
export async function replyFromOwner(
  deps: { db: Db; messenger: CustomerMessenger; logger: Logger },
  options: { threadRef: string; text: string; at: Date; files?: FileContent[] },
): Promise<TOwnerReplyResult> {
  const conversation = await deps.db.conversation.findUnique({ where: { handoffThreadRef: options.threadRef }, select: { id: true } });
  if (!conversation) return { kind: "unknown_thread" };
  const conversationId = conversation.id;
  const files = options.files ?? [];
  // A note goes nowhere, and neither do files shared with it (the inbox names them in the note).
  if (isInternalNote(options.text)) {
    const note = options.text.replace(NOTE_PREFIX, "").trim();
    await deps.db.message.create({ data: { conversationId, direction: "note", text: note || options.text.trim(), createdAt: options.at } });
    return { kind: "note", conversationId };
  }
  const text = options.text.trim();
  if (!text && files.length === 0) return { kind: "empty", conversationId };
  await deps.db.conversation.update({
    where: { id: conversationId },
    data: { mode: "handoff", handoffAcknowledged: true, lastOwnerReplyAt: options.at },
  });
  // The words go with the first file as its caption; without files they are the whole reply.
  const replies: Reply[] = files.length > 0 ? files.map((file, i) => ({ text: i === 0 ? text : "", file })) : [{ text }];
  const delivered = await sendToCustomer(deps, { conversationId, replies, direction: "owner", at: options.at });
  return { kind: "sent", conversationId, delivered };
}
