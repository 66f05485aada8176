import type { Conversation } from "../../prisma/generated/client.ts";
import { resumeBot } from "../crm/request-handoff.ts";
import type { Db } from "../db.ts";

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
