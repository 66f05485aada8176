/**
 * A chat's messages as the customer sees them (what they wrote, the shop's replies, the owner's),
 * for a channel that shows the conversation itself rather than pushing each reply: the web
 * console's customer chat polls this. A customer reads only their own conversation.
 */
import { z } from "zod";
import type { Db } from "../db.ts";
import { ZChannel } from "../messages.ts";

/** Whose conversation, and which part of it (validated: the session id comes from a cookie). */
export const ZListConversationMessagesOptions = z.object({
  channel: ZChannel,
  externalUserId: z.string().min(1).max(128),
  /** Only messages after this id (0: from the start). */
  afterId: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(200),
});
export type TListConversationMessagesOptions = z.input<typeof ZListConversationMessagesOptions>;

/** One message as the chat shows it. */
export interface ConversationMessage {
  id: number;
  direction: "inbound" | "outbound" | "owner";
  text: string;
  /** ISO 8601. */
  at: string;
}

/** The messages of one customer's conversation on one channel, oldest first; none for a stranger. */
export async function listConversationMessages(db: Db, input: TListConversationMessagesOptions): Promise<ConversationMessage[]> {
  const options = ZListConversationMessagesOptions.parse(input);
  const messages = await db.message.findMany({
    where: {
      id: { gt: options.afterId },
      direction: { in: ["inbound", "outbound", "owner"] },
      conversation: { channel: options.channel, customer: { identities: { some: { channel: options.channel, externalId: options.externalUserId } } } },
    },
    orderBy: { id: "asc" },
    take: options.limit,
  });
  return messages.map((m) => ({ id: m.id, direction: m.direction as ConversationMessage["direction"], text: m.text, at: m.createdAt.toISOString() }));
}
