import type { Db } from "../db.ts";
import type { Notifier } from "../ports.ts";
import { recordEvent } from "../events/record-event.ts";

/** The handoff's reason when the assistant misunderstood a customer twice in a row (the dashboard's queue looks for it). */
export const MISUNDERSTOOD_TWICE = "the bot could not understand twice in a row";

/**
 * Flags a conversation for the owner: the bot stops answering on its own until the owner resumes it.
 * Asking twice does not notify twice.
 */
export async function requestHandoff(
  deps: { db: Db; notifier: Notifier },
  options: { conversationId: number; reason: string; at: Date },
) {
  const { conversationId, reason, at } = options;
  const result = await deps.db.$transaction(async (tx) => {
    const flagged = await tx.conversation.updateMany({
      where: { id: conversationId, mode: "bot" },
      data: { mode: "handoff", handoffRequestedAt: at, handoffReason: reason, handoffAcknowledged: false },
    });
    const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, include: { customer: true } });
    if (flagged.count > 0) await recordEvent(tx, { type: "handoff_requested", customerId: conversation.customerId, at, data: { reason } });
    return { conversation, isNew: flagged.count > 0 };
  });
  if (result.isNew) {
    await deps.notifier.notify({
      type: "handoff_requested",
      conversationId,
      customerId: result.conversation.customerId,
      customerName: result.conversation.customer.name,
      reason,
    });
  }
  return result;
}

/** Hands the conversation back to the bot. */
export async function resumeBot(db: Db, conversationId: number) {
  const updated = await db.conversation.updateMany({ where: { id: conversationId, mode: "handoff" }, data: { mode: "bot", lowConfidenceStreak: 0 } });
  return updated.count > 0;
}
