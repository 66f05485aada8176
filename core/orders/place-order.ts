import { z } from "zod";
import { advanceLead } from "../crm/advance-lead.ts";
import type { Product } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { recordEvent } from "../events/record-event.ts";
import { formatMoney } from "../money.ts";
import type { TChannel } from "../messages.ts";
import type { Notifier, OwnerNotification } from "../ports.ts";
import { claimReorderAlert } from "../inventory/claim-reorder-alert.ts";
import { DEFAULT_INVENTORY_POLICY, type InventoryPolicy } from "../inventory/inventory-policy.ts";
import { redeemPromo } from "../promos/redeem-promo.ts";
import { recordTouch } from "../attribution/record-touch.ts";
import { promoLinesOf } from "../promos/promo-rules.ts";
import { deliveryChargeFor, ZDeliveryPolicy } from "./delivery-charge.ts";
import { MAX_LINE_QUANTITY } from "./order-rules.ts";

export const ZOrderLineInput = z.object({
  productId: z.number().int().positive(),
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
});

export const ZPlaceOrderOptions = z.object({
  customerId: z.number().int().positive(),
  channel: z.enum(["console", "telegram", "slack"]),
  lines: z.array(ZOrderLineInput).min(1).max(20),
  /** The delivery address, when the customer's saved one is used (otherwise asked after placing). */
  shippingAddress: z.string().trim().min(1).max(500).optional(),
  /** The shop's delivery charge; none when omitted (delivery in the prices). */
  delivery: ZDeliveryPolicy.optional(),
  /**
   * At most this many placed, unpaid orders per customer (each holds its stock): one more is refused
   * with LIMIT_REACHED before any stock is taken. Omitted: no limit.
   */
  maxUnpaidOrders: z.number().int().min(1).optional(),
  /**
   * A promo code the customer gave: checked again and one use taken in this transaction (refused
   * with PROMO_REFUSED, nothing written, when it no longer applies); its discount is stored on the order.
   */
  promoCode: z.string().trim().min(1).max(40).optional(),
  /** The shop's time zone, for a promo code's audience ("within 30 days"). */
  timeZone: z.string().min(1).max(100).optional(),
});
export type TPlaceOrderOptions = z.infer<typeof ZPlaceOrderOptions> & { channel: TChannel };

/**
 * Places an order: for every line, stock is taken with a conditional update (`stock >= quantity`),
 * so two customers racing for the last item on PostgreSQL cannot both get it, and stock never goes
 * below zero. The delivery charge is worked out from the prices read in the same transaction and
 * stored on the order, inside its total; so is a promo code's discount, taken once per order of the
 * lines it covers (the delivery charge, and free delivery's threshold, go by the lines before it). Order, lines, status history, events and the lead's step are
 * one transaction: either all of it is written or none. The owner is notified after the commit (new order,
 * and a product that needs reordering: at or below its reorder point, or its low-stock threshold
 * without one, once per episode; see claim-reorder-alert.ts).
 */
export async function placeOrder(deps: { db: Db; notifier: Notifier; inventory?: Pick<InventoryPolicy, "defaultLeadDays"> }, input: TPlaceOrderOptions, at: Date) {
  const options = ZPlaceOrderOptions.parse(input);
  const { order, alerts, customerName } = await deps.db.$transaction(async (tx) => {
    if (options.maxUnpaidOrders !== undefined) {
      const unpaid = await tx.order.count({ where: { customerId: options.customerId, status: "placed" } });
      if (unpaid >= options.maxUnpaidOrders) {
        throw new AppError("LIMIT_REACHED", { message: `customer ${options.customerId} has ${unpaid} unpaid orders (at most ${options.maxUnpaidOrders})` });
      }
    }
    const lines: { productId: number; quantity: number; unitPriceMinor: number; currency: string; name: string; product: Product }[] = [];
    const alerts: OwnerNotification[] = [];
    for (const line of options.lines) {
      const taken = await tx.product.updateMany({
        where: { id: line.productId, active: true, stock: { gte: line.quantity } },
        data: { stock: { decrement: line.quantity } },
      });
      const product = await tx.product.findUnique({ where: { id: line.productId } });
      if (!product || !product.active) {
        throw new AppError("NOT_FOUND", { message: `product ${line.productId} not found or inactive` });
      }
      if (taken.count === 0) {
        throw new AppError("OUT_OF_STOCK", { message: `product ${product.sku}: ${product.stock} left, ${line.quantity} asked` });
      }
      lines.push({ productId: product.id, quantity: line.quantity, unitPriceMinor: product.priceMinor, currency: product.currency, name: product.name, product });
      const alert = await claimReorderAlert(tx, product, at, deps.inventory ?? DEFAULT_INVENTORY_POLICY);
      if (alert) alerts.push(alert);
    }
    const currency = lines[0]?.currency ?? "GBP";
    if (lines.some((l) => l.currency !== currency)) {
      throw new AppError("INVALID_INPUT", { message: "an order cannot mix currencies" });
    }
    const subtotal = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
    const deliveryMinor = options.delivery ? deliveryChargeFor(subtotal, options.delivery) : 0;
    const promo = options.promoCode
      ? await redeemPromo(tx, {
        code: options.promoCode,
        customerId: options.customerId,
        at,
        currency,
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        // At the prices read in this transaction (the products as their stock was taken).
        lines: promoLinesOf(lines),
      })
      : null;
    const discountMinor = promo?.discountMinor ?? 0;
    // A code redeemed is a touch: the campaign that offered it to this customer keeps the credit (a code of no campaign is its own source).
    if (promo) {
      const offeredBy = await tx.campaignDelivery.findFirst({ where: { customerId: options.customerId, status: "sent", campaign: { promoCode: { equals: promo.code, mode: "insensitive" } } }, orderBy: { sentAt: "desc" }, select: { campaignId: true } });
      await recordTouch(tx, { customerId: options.customerId, kind: "code", campaignId: offeredBy?.campaignId ?? null, code: promo.code, at });
    }
    // The customer's name (for the owner's notification) and their earlier orders, in one read.
    const customer = await tx.customer.findUnique({
      where: { id: options.customerId },
      select: { name: true, _count: { select: { orders: { where: { status: { notIn: ["cancelled", "cart"] } } } } } },
    });
    const previousOrders = customer?._count.orders ?? 0;
    // Plain writes, not one nested create: a nested create reads the order, its lines and their
    // products back in three more queries, and all of that is already in hand.
    const created = await tx.order.create({
      data: {
        customerId: options.customerId,
        status: "placed",
        channel: options.channel,
        currency,
        totalMinor: subtotal - discountMinor + deliveryMinor,
        deliveryMinor,
        promoId: promo?.promoId ?? null,
        discountMinor,
        placedAt: at,
        createdAt: at,
        shippingAddress: options.shippingAddress ?? null,
      },
    });
    const orderLines = await tx.orderLine.createManyAndReturn({ data: lines.map(({ productId, quantity, unitPriceMinor }) => ({ orderId: created.id, productId, quantity, unitPriceMinor })) });
    await tx.orderStatusChange.create({ data: { orderId: created.id, fromStatus: null, toStatus: "placed", actor: "customer", at }, select: { id: true } });
    const order = { ...created, lines: orderLines.map((l, i) => ({ ...l, product: lines[i]!.product })) };
    for (const line of lines) {
      await recordEvent(tx, { type: "order_placed", customerId: options.customerId, productId: line.productId, at, data: { orderId: order.id, quantity: line.quantity } });
    }
    await advanceLead(tx, { customerId: options.customerId, to: previousOrders > 0 ? "repeat" : "ordered", source: "order", at });
    return { order: { ...order, promoCode: promo?.code ?? null }, alerts, customerName: customer?.name ?? null };
  });

  await deps.notifier.notify({
    type: "new_order",
    orderId: order.id,
    customerId: order.customerId,
    customerName,
    totalMinor: order.totalMinor,
    currency: order.currency,
    lines: [
      ...order.lines.map((l) => `${l.quantity} × ${l.product.name}`),
      ...(order.promoCode ? [`code ${order.promoCode} −${formatMoney(order.discountMinor, order.currency)}`] : []),
      ...(order.deliveryMinor > 0 ? [`delivery ${formatMoney(order.deliveryMinor, order.currency)}`] : []),
    ],
    ...(order.shippingAddress ? { address: order.shippingAddress } : {}),
  });
  for (const alert of alerts) await deps.notifier.notify(alert);
  return order;
}
