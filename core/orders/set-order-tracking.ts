import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { SOLD_ORDER_STATUSES } from "./order-rules.ts";

/**
 * Gives an order its parcel's tracking number or link (or corrects it), for the customer to follow.
 * Only an order that is going or has gone out: placed, paid, shipped or delivered. The update is
 * conditional on that, so an order cancelled meanwhile is refused rather than given a tracking number.
 */
export async function setOrderTracking(deps: { db: Db }, options: { orderId: number; trackingRef: string }) {
  const order = await deps.db.order.findUnique({ where: { id: options.orderId } });
  if (!order) throw new AppError("NOT_FOUND", { message: `No order #${options.orderId}.`, refusal: { kind: "orderNotFound", orderId: options.orderId } });
  if (!SOLD_ORDER_STATUSES.includes(order.status)) {
    throw new AppError("INVALID_STATE", { message: `Order #${order.id} is ${order.status}: nothing goes out to track.`, refusal: { kind: "nothingToTrack", orderId: order.id, status: order.status } });
  }
  const updated = await deps.db.order.updateMany({ where: { id: order.id, status: { in: SOLD_ORDER_STATUSES } }, data: { trackingRef: options.trackingRef } });
  if (updated.count === 0) throw new AppError("CONFLICT", { message: `Order #${order.id} changed meanwhile; please try again.`, refusal: { kind: "orderChangedMeanwhile", orderId: order.id } });
  return { order: { ...order, trackingRef: options.trackingRef }, previous: order.trackingRef };
}
