import type { Db } from "../db.ts";
import type { HandoffInbox } from "./handoff-inbox.ts";
import { summarizeHandoff } from "./summarize-handoff.ts";

/**
 * Posts a handed-off conversation to the owner's inbox and remembers the thread on the
 * conversation, so the owner's replies there find their way back. A conversation handed off a
 * second time is posted into its existing thread; `upToMessageId` ends the quoted log at that
 * message (the one that opened the thread). Returns the thread reference, or null when the
 * conversation does not exist. Throws when the inbox does.
 */
export async function openHandoffThread(deps: { db: Db; inbox: HandoffInbox }, options: { conversationId: number; upToMessageId?: number }): Promise<string | null> {
  const conversation = await deps.db.conversation.findUnique({ where: { id: options.conversationId }, select: { handoffThreadRef: true } });
  if (!conversation) return null;
  const summary = await summarizeHandoff(deps.db, { conversationId: options.conversationId, ...(options.upToMessageId !== undefined ? { upToMessageId: options.upToMessageId } : {}) });
  if (!summary) return null;
  const threadRef = await deps.inbox.open(summary, conversation.handoffThreadRef);
  if (threadRef !== conversation.handoffThreadRef) {
    await deps.db.conversation.update({ where: { id: options.conversationId }, data: { handoffThreadRef: threadRef } });
  }
  return threadRef;
}
