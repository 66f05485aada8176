import { advanceLead } from "../crm/advance-lead.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { recordEvent } from "../events/record-event.ts";
import type { Notifier } from "../ports.ts";
import { releasePromoUse } from "../promos/redeem-promo.ts";
import { ORDER_TRANSITIONS, type TOrderStatus } from "./order-rules.ts";

export interface ChangeOrderStatusOptions {
  orderId: number;
  to: TOrderStatus;
  actor: "customer" | "owner" | "payment" | "system";
  at: Date;
  /** When set, the order must belong to this customer (a customer acting on their own order). */
  customerId?: number;
  /** Statuses the order may be in for this actor; defaults to every status that may reach `to`. */
  allowedFrom?: TOrderStatus[];
  paymentRef?: string;
  /** When shipping: the parcel's tracking number or link. */
  trackingRef?: string;
}

/**
 * Moves an order along its life cycle. The status is changed with a conditional update on the
 * status it was read in, so two people cancelling at once return the stock once. A cancellation
 * puts the stock back and gives the promo code's use back; a payment moves the lead to "paid". All
 * in one transaction.
 */
export async function changeOrderStatus(deps: { db: Db; notifier: Notifier }, options: ChangeOrderStatusOptions) {
  const { orderId, to, actor, at } = options;
  const result = await deps.db.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: orderId }, include: { lines: true } });
    if (!order || (options.customerId !== undefined && order.customerId !== options.customerId)) {
      throw new AppError("NOT_FOUND", { message: `No order #${orderId}.`, refusal: { kind: "orderNotFound", orderId } });
    }
    const from = order.status;
    if (from === to) return { order, from, changed: false };
    const allowed = (options.allowedFrom ?? (Object.keys(ORDER_TRANSITIONS) as TOrderStatus[])).filter((s) => ORDER_TRANSITIONS[s].includes(to));
    if (!allowed.includes(from)) {
      throw new AppError("INVALID_STATE", { message: `Order #${orderId} is ${from}; it cannot become ${to}.`, refusal: { kind: "orderCannotBecome", orderId, from, to } });
    }
    const updated = await tx.order.updateMany({
      where: { id: orderId, status: from },
      data: { status: to, ...(options.paymentRef ? { paymentRef: options.paymentRef } : {}), ...(options.trackingRef && to === "shipped" ? { trackingRef: options.trackingRef } : {}) },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", { message: `Order #${orderId} changed meanwhile; please try again.`, refusal: { kind: "orderChangedMeanwhile", orderId } });
    await tx.orderStatusChange.create({ data: { orderId, fromStatus: from, toStatus: to, actor, at } });
    if (to === "cancelled") {
      for (const line of order.lines) {
        await tx.product.update({ where: { id: line.productId }, data: { stock: { increment: line.quantity } } });
      }
      // The order keeps its code and discount (what it was); the code's count of uses gets one back.
      if (order.promoId !== null) await releasePromoUse(tx, order.promoId);
      await recordEvent(tx, { type: "order_cancelled", customerId: order.customerId, at, data: { orderId, by: actor } });
    }
    if (to === "paid" && order.customerId !== null) {
      await recordEvent(tx, { type: "order_paid", customerId: order.customerId, at, data: { orderId } });
      const paidBefore = await tx.orderStatusChange.count({ where: { toStatus: "paid", order: { customerId: order.customerId, id: { not: orderId } } } });
      await advanceLead(tx, { customerId: order.customerId, to: paidBefore > 0 ? "repeat" : "paid", source: actor, at });
    }
    const fresh = await tx.order.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true } });
    return { order: fresh, from, changed: true };
  });
  if (result.changed && to === "paid") {
    await deps.notifier.notify({ type: "payment_received", orderId, totalMinor: result.order.totalMinor, currency: result.order.currency });
  }
  return result;
}
