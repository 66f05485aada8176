import type { Rule } from "../rule.ts";

/** "What's new?", "新品" (not about an order or a named product): the newest products. */
export const newArrivals: Rule = {
  name: "new-arrivals",
  decide: (u) => u.tags.newArrivals && !u.tags.aboutOrders && u.mentions.length === 0 ? { kind: "newArrivals" } : null,
};
