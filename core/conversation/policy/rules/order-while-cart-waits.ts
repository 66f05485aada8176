import { orderItemsOf } from "../../dialogue-state.ts";
import type { Rule } from "../rule.ts";
import { readFinalIntent } from "../read-intent.ts";

/**
 * "Where is my order?" / "cancel the order" (no number) while an order being put together is not
 * placed yet: that one is meant (it used to answer "you have no orders" and drop the waiting order
 * into the cart). The handler declines when a placed order is the one to cancel.
 */
export const orderWhileCartWaits: Rule = {
  name: "order-while-cart-waits",
  decide: (u, state) => {
    if (u.entities.orderId !== undefined || orderItemsOf(state).length === 0) return null;
    const reading = readFinalIntent(u, state);
    return "intent" in reading && (reading.intent === "order_status" || reading.intent === "cancel_order") ? { kind: "orderWhileCartWaits", intent: reading.intent } : null;
  },
};
