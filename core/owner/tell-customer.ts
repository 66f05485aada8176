/**
 * Messages the owner's commands send on to customers (a status change, a tracking number, a refund),
 * in the customer's own language, whatever language the owner reads.
 */
import { findLatestConversation, sendToCustomer } from "../conversation/send-to-customer.ts";
import type { Db } from "../db.ts";
import { customerLocale, messagesFor } from "../i18n.ts";
import type { TLocale } from "../messages.ts";
import type { CustomerMessenger, Logger } from "../ports.ts";

export interface TellCustomerDeps {
  db: Db;
  messenger: CustomerMessenger;
  logger: Logger;
}

/** One message to a customer in their latest conversation, in their language; false when they have none (a guest). */
export async function tellCustomer(
  deps: TellCustomerDeps,
  options: { customerId: number | null; at: Date; text: (m: ReturnType<typeof messagesFor>, locale: TLocale) => string },
): Promise<boolean> {
  if (options.customerId === null) return false;
  const conversation = await findLatestConversation(deps.db, options.customerId);
  if (!conversation) return false;
  const locale = customerLocale(conversation.customer);
  await sendToCustomer(deps, { conversationId: conversation.id, direction: "outbound", at: options.at, replies: [{ text: options.text(messagesFor(locale), locale) }] });
  return true;
}
