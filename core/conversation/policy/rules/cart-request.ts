import type { Rule } from "../rule.ts";

/** "/cart", "what's in my cart?", "购物车": the order being put together and unpaid orders. */
export const cartRequest: Rule = {
  name: "cart-request",
  decide: (u) => u.tags.cartRequest ? { kind: "showCart" } : null,
};
