import type { Rule } from "../rule.ts";

/** "Checkout", "结账" with something in the cart and no question open: the cart, to confirm. */
export const checkoutWithCart: Rule = {
  name: "checkout-with-cart",
  decide: (u, state) => u.tags.checkout && !state.flow && state.cart.length > 0 ? { kind: "showCart" } : null,
};
