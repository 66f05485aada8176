import type { Db, Prisma, Tx } from "../db.ts";

/** Behaviour the analytics read: what a customer looked at, asked about, put in a cart, bought. */
export type EventType =
  | "message_received"
  | "catalog_browsed"
  | "product_viewed"
  | "product_asked"
  | "recommendation_shown"
  | "added_to_cart"
  | "order_placed"
  | "order_cancelled"
  | "order_paid"
  | "order_refunded"
  | "contact_left"
  | "handoff_requested"
  | "stock_alert_requested";

export async function recordEvent(
  tx: Tx | Db,
  event: { type: EventType; customerId: number | null; productId?: number | null; at: Date; data?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.event.create({
    data: { type: event.type, customerId: event.customerId, productId: event.productId ?? null, at: event.at, data: event.data },
  });
}
