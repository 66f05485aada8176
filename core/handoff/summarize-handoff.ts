import { parseCustomerPayload } from "../conversation/payloads.ts";
import type { Db } from "../db.ts";
import { formatMoney } from "../money.ts";
import { OPEN_ORDER_STATUSES } from "../orders/order-rules.ts";
import type { HandoffSummary } from "./handoff-inbox.ts";
import { customerLocale } from "../i18n.ts";
import { describeAttachment, readStoredAttachment } from "./forward-attachment.ts";

const FROM = { inbound: "customer", outbound: "bot", owner: "owner", note: "note" } as const;

/** How many of the latest messages a handoff summary quotes. */
export const HANDOFF_SUMMARY_MESSAGES = 8;

/**
 * The conversation log keeps a button press as "[button] <payload>" and an attachment beside its
 * caption; the owner reads what it was.
 */
export function readableLogText(text: string, payload: string | null, attachment: unknown): string {
  const sent = readStoredAttachment(attachment);
  if (sent) return `(sent ${describeAttachment(sent)})${text ? ` ${text}` : ""}`;
  if (!payload || text !== `[button] ${payload}`) return text;
  const action = parseCustomerPayload(payload);
  return action ? `(pressed a button: ${action.action})` : "(pressed an old button)";
}

/**
 * Everything the owner needs to pick a conversation up: who, which language, what was said, open
 * orders. `upToMessageId`: quote the log only up to that message.
 */
export async function summarizeHandoff(db: Db, options: { conversationId: number; messageLimit?: number; upToMessageId?: number }): Promise<HandoffSummary | null> {
  const conversation = await db.conversation.findUnique({
    where: { id: options.conversationId },
    include: {
      customer: {
        include: {
          identities: true,
          orders: { where: { status: { in: OPEN_ORDER_STATUSES } }, orderBy: { id: "desc" }, take: 5 },
        },
      },
      messages: { ...(options.upToMessageId !== undefined ? { where: { id: { lte: options.upToMessageId } } } : {}), orderBy: { id: "desc" }, take: options.messageLimit ?? HANDOFF_SUMMARY_MESSAGES },
    },
  });
  if (!conversation) return null;
  const { customer } = conversation;
  const identity = customer.identities.find((i) => i.channel === conversation.channel);
  const locale = customerLocale(customer);
  return {
    conversationId: conversation.id,
    customerId: customer.id,
    customerName: customer.name,
    username: identity?.username ?? null,
    channel: conversation.channel,
    locale,
    reason: conversation.handoffReason ?? "the customer needs a person",
    recentMessages: conversation.messages.reverse().map((m) => ({ from: FROM[m.direction], text: readableLogText(m.text, m.payload, m.attachment), at: m.createdAt })),
    openOrders: customer.orders.map((o) => ({ id: o.id, status: o.status, total: formatMoney(o.totalMinor, o.currency) })),
  };
}
