/** Order life cycle rules shared by the customer's and the owner's actions. */
import type { OrderStatus } from "../../prisma/generated/enums.ts";

export type TOrderStatus = OrderStatus;

/** Largest quantity of one product in one order: beyond it we ask the customer to contact the owner. */
export const MAX_LINE_QUANTITY = 99;

/** Which statuses an order may move to from each status. */
export const ORDER_TRANSITIONS: Record<TOrderStatus, TOrderStatus[]> = {
  cart: ["placed", "cancelled"],
  placed: ["paid", "shipped", "cancelled"],
  paid: ["shipped", "delivered", "cancelled"],
  shipped: ["delivered"],
  delivered: [],
  cancelled: [],
};

/** Orders the shop still has to act on, shown first to the owner. */
export const OPEN_ORDER_STATUSES: TOrderStatus[] = ["placed", "paid", "shipped"];

/** Orders that count as sales: placed and not cancelled, paid or not yet. */
export const SOLD_ORDER_STATUSES: TOrderStatus[] = ["placed", "paid", "shipped", "delivered"];

/** Orders the shop has been paid for: marked paid, and every status after it. */
export const PAID_ORDER_STATUSES: TOrderStatus[] = ["paid", "shipped", "delivered"];

/** Orders whose parcel has gone out: a tracking number means something to the customer now. */
export const SENT_ORDER_STATUSES: TOrderStatus[] = ["shipped", "delivered"];

/** A customer may cancel by themselves only before payment; after that it is the owner's call. */
export const CUSTOMER_CANCELLABLE: TOrderStatus[] = ["placed"];
