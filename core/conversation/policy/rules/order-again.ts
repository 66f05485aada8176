import type { Rule } from "../rule.ts";

/** "Same again", "和上次一样" (unless an address is awaited): the last order, or the one numbered, to confirm again. */
export const orderAgain: Rule = {
  name: "order-again",
  decide: (u, state) => u.tags.orderAgain && !state.addressFor ? { kind: "orderAgain", ...(u.entities.orderId !== undefined ? { orderId: u.entities.orderId } : {}) } : null,
};
