import type { Db } from "../db.ts";
import { ZChannel, type Reply, type TChannel } from "../messages.ts";
import type { CustomerMessenger, Logger } from "../ports.ts";

/** Where a conversation's customer is reached: their identity on the conversation's channel; null when they have none there. */
export function channelTargetOf(conversation: { channel: string; customer: { identities: { channel: string; externalId: string }[] } }): { channel: TChannel; externalUserId: string } | null {
  const identity = conversation.customer.identities.find((i) => i.channel === conversation.channel);
  const channel = ZChannel.safeParse(conversation.channel);
  return identity && channel.success ? { channel: channel.data, externalUserId: identity.externalId } : null;
}

/** A reply as the conversation log keeps it: a file by its name beside its caption. */
export function loggedText(reply: Reply): string {
  return reply.file ? [reply.text, `[file: ${reply.file.fileName}]`].filter(Boolean).join(" ") : reply.text;
}

/**
 * Speaks to a customer outside a request/response turn (the owner's reply, "your order shipped").
 * The message is logged on the conversation first (the web console reads the log), then pushed
 * through the channel's messenger. Returns whether a channel took it.
 */
export async function sendToCustomer(
  deps: { db: Db; messenger: CustomerMessenger; logger: Logger },
  options: { conversationId: number; replies: Reply[]; direction: "outbound" | "owner"; at: Date },
): Promise<boolean> {
  const conversation = await deps.db.conversation.findUnique({
    where: { id: options.conversationId },
    include: { customer: { include: { identities: true } } },
  });
  if (!conversation) return false;
  await deps.db.message.createMany({
    data: options.replies.map((r) => ({ conversationId: conversation.id, direction: options.direction, text: loggedText(r), createdAt: options.at })),
  });
  const target = channelTargetOf(conversation);
  if (!target) return false;
  try {
    return await deps.messenger.send(target, options.replies);
  } catch (error) {
    deps.logger.error("could not reach customer", { conversationId: conversation.id, error: String(error) });
    return false;
  }
}

/** The conversation to reach a customer on: the one they wrote in most recently. */
export async function findLatestConversation(db: Db, customerId: number) {
  return db.conversation.findFirst({ where: { customerId }, orderBy: [{ lastInboundAt: { sort: "desc", nulls: "last" } }, { id: "desc" }], include: { customer: true } });
}
