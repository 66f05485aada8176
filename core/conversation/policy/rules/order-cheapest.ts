import type { Rule } from "../rule.ts";
import { readFirstIntent } from "../read-intent.ts";

/**
 * "I'll take the cheapest candle", "我要最便宜的面包": an order for the cheapest (or dearest) in stock
 * of the category named, whatever list is in view; "I'll take the cheapest one" after a list: of
 * that list. Said as an order: the classifier reads one, or ordering words with no question ("what's
 * the cheapest tea?" asks, and is answered with the list).
 */
export const orderCheapest: Rule = {
  name: "order-cheapest",
  decide: (u, state) => {
    const price = u.entities.price;
    if (price?.order === undefined || price.order === "cheaper" || price.atMost !== undefined || price.atLeast !== undefined) return null;
    const category = u.namedCategory?.category;
    if (category === undefined && state.listedProductIds.length <= 1) return null;
    const { intent, confident } = readFirstIntent(u, state);
    const ordering = (intent === "place_order" && confident) || (u.tags.orderWords && !u.tags.asksQuestion && category !== undefined);
    if (!ordering) return null;
    return { kind: "orderCheapest", descending: price.order === "highest", ...(category !== undefined ? { category } : {}) };
  },
};
