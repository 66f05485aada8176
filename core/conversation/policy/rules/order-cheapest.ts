import type { Rule } from "../rule.ts";
import { readFirstIntent } from "../read-intent.ts";

/** "I'll take the cheapest one" after a list: an order for the cheapest (or dearest) in stock of it. */
export const orderCheapest: Rule = {
  name: "order-cheapest",
  decide: (u, state) => {
    const price = u.entities.price;
    if (price?.order === undefined || price.order === "cheaper" || price.atMost !== undefined || price.atLeast !== undefined || state.listedProductIds.length <= 1) return null;
    const { intent, confident } = readFirstIntent(u, state);
    return intent === "place_order" && confident ? { kind: "orderCheapest", descending: price.order === "highest" } : null;
  },
};
