/**
 * Whom marketing may reach. Campaign and automation messages go only to customers whose consent is
 * on **at the moment of sending**: a sender reads it (with {@link hasMarketingConsent}, or
 * {@link MARKETING_CONSENT_WHERE} in the query that claims the recipient) right before each send,
 * never from a list made when the campaign was drafted, so an "unsubscribe" a minute earlier stops it.
 *
 * Service messages are not marketing and never look here: replies to the customer, order updates
 * (placed, paid, shipped with tracking, delivered, cancelled, refunded), the owner's handoff replies,
 * and the three built-in reminders a customer's own action started (an order left at confirmation,
 * an order left unpaid, "back in stock" for a product they asked to be told about).
 */
import type { Db, Prisma } from "../db.ts";

/** The customers marketing may reach now: a fragment for a `where` on Customer (`{ ...MARKETING_CONSENT_WHERE, … }`). */
export const MARKETING_CONSENT_WHERE = { marketingConsent: true } as const satisfies Prisma.CustomerWhereInput;

/** Whether marketing may reach this customer now (false for an unknown one). */
export async function hasMarketingConsent(db: Db, customerId: number): Promise<boolean> {
  const found = await db.customer.count({ where: { id: customerId, ...MARKETING_CONSENT_WHERE } });
  return found > 0;
}
