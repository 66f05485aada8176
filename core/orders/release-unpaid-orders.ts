/**
 * An order placed and never paid holds its stock: three sessions could take all six teapots and a real
 * buyer was told "out of stock". After `holdHours` (the reminder at 24 h comes first) an unpaid order
 * is cancelled by the system, its stock returned, and its customer told, once: the cancellation is the
 * conditional status change of `changeOrderStatus`, so of two replicas running this together exactly
 * one releases each order and tells the customer. An order paid meanwhile is left alone.
 */
import type { Db } from "../db.ts";
import { isAppError } from "../errors.ts";
import { customerLocale, messagesFor } from "../i18n.ts";
import type { CustomerMessenger, Logger, Notifier } from "../ports.ts";
import { encodeCustomerPayload } from "../conversation/payloads.ts";
import { findLatestConversation, sendToCustomer } from "../conversation/send-to-customer.ts";
import { changeOrderStatus } from "./change-order-status.ts";

export interface ReleaseUnpaidOrdersDeps {
  db: Db;
  notifier: Notifier;
  messenger: CustomerMessenger;
  logger: Logger;
}

export interface ReleaseUnpaidOrdersOptions {
  now: Date;
  /** Hours an unpaid order holds its stock; 0 keeps them for ever. */
  holdHours: number;
}

/** Cancels the unpaid orders older than the hold; returns the ids this call released. */
export async function releaseUnpaidOrders(deps: ReleaseUnpaidOrdersDeps, options: ReleaseUnpaidOrdersOptions): Promise<number[]> {
  if (options.holdHours <= 0) return [];
  const cutoff = new Date(options.now.getTime() - options.holdHours * 3_600_000);
  const due = await deps.db.order.findMany({ where: { status: "placed", placedAt: { lte: cutoff } }, select: { id: true, customerId: true }, orderBy: { id: "asc" } });
  const released: number[] = [];
  for (const order of due) {
    try {
      const { changed } = await changeOrderStatus({ db: deps.db, notifier: deps.notifier }, { orderId: order.id, to: "cancelled", actor: "system", at: options.now, allowedFrom: ["placed"] });
      if (!changed) continue;
    } catch (error) {
      // Paid, or released by another replica, between the read and the update.
      if (isAppError(error) && (error.code === "CONFLICT" || error.code === "INVALID_STATE")) continue;
      throw error;
    }
    released.push(order.id);
    deps.logger.info("unpaid order released", { orderId: order.id, holdHours: options.holdHours });
    if (order.customerId === null) continue;
    const conversation = await findLatestConversation(deps.db, order.customerId);
    if (!conversation) continue;
    // The turn keeps the customer's language in step with their last message, as the owner's messages and stock alerts read it.
    const m = messagesFor(customerLocale(conversation.customer));
    await sendToCustomer(deps, {
      conversationId: conversation.id,
      direction: "outbound",
      at: options.now,
      replies: [{ text: m.unpaidOrderReleased(order.id, options.holdHours), buttons: [[{ label: m.orderAgainButton(order.id), payload: encodeCustomerPayload({ action: "orderAgain", orderId: order.id }) }]] }],
    });
  }
  return released;
}
