import type { Rule } from "../rule.ts";

/** "Can I change it to 3?" with nothing being put together: about a placed order. */
export const changePlacedOrder: Rule = {
  name: "change-placed-order",
  decide: (u, state) => !state.flow && state.cart.length === 0 && u.tags.changePlaced ? { kind: "changePlacedOrder" } : null,
};
