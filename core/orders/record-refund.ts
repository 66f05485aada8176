/**
 * Records that the owner gave back the money of a paid order that was cancelled. The refund itself
 * happens outside the shop (a bank transfer back, the payment provider's dashboard); without a record
 * the owner had no list of which cancelled orders still owed a customer money.
 *
 * Only a cancelled order that had been paid can be refunded here: an open order is cancelled first
 * (that returns the stock), and an order never paid owes nothing. Recording twice is harmless: the
 * first record stands and the second says when it was made. The update is conditional on no refund
 * being recorded yet, so two owners (Slack and the console) recording at once record it once.
 */
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { recordEvent } from "../events/record-event.ts";
import { PAID_ORDER_STATUSES } from "./order-rules.ts";

export interface RecordRefundInput {
  orderId: number;
  at: Date;
  /** The owner's reference for the refund (bank transfer, provider refund id); at most 200 characters. */
  reference?: string;
}

export interface RecordRefundResult {
  order: { id: number; customerId: number | null; totalMinor: number; currency: string; refundedAt: Date; refundRef: string | null };
  /** False when a refund was already recorded: `order` shows that one. */
  recorded: boolean;
}

/** Orders that reached a paid status at some point (they may have been cancelled since), as a Prisma filter. */
export const EVER_PAID = { statusHistory: { some: { toStatus: { in: PAID_ORDER_STATUSES } } } };

export async function recordRefund(deps: { db: Db }, input: RecordRefundInput): Promise<RecordRefundResult> {
  const reference = input.reference?.trim().slice(0, 200) || null;
  return deps.db.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: input.orderId } });
    if (!order) throw new AppError("NOT_FOUND", { message: `No order #${input.orderId}.`, refusal: { kind: "orderNotFound", orderId: input.orderId } });
    if (order.refundedAt) return { order: { ...order, refundedAt: order.refundedAt }, recorded: false };
    if (order.status !== "cancelled") {
      throw new AppError("INVALID_STATE", { message: `Order #${order.id} is ${order.status}, not cancelled: cancel it first (order ${order.id} cancel), which returns its stock, then record the refund.`, refusal: { kind: "refundNotCancelled", orderId: order.id, status: order.status } });
    }
    if ((await tx.order.count({ where: { id: order.id, ...EVER_PAID } })) === 0) throw new AppError("INVALID_STATE", { message: `Order #${order.id} was never paid: there is nothing to refund.`, refusal: { kind: "refundNeverPaid", orderId: order.id } });
    const recorded = (await tx.order.updateMany({ where: { id: order.id, refundedAt: null }, data: { refundedAt: input.at, refundRef: reference } })).count > 0;
    if (recorded) await recordEvent(tx, { type: "order_refunded", customerId: order.customerId, at: input.at, data: { orderId: order.id, amountMinor: order.totalMinor } });
    const fresh = await tx.order.findUniqueOrThrow({ where: { id: order.id } });
    return { order: { ...fresh, refundedAt: fresh.refundedAt! }, recorded };
  });
}
