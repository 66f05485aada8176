import type { Rule } from "../rule.ts";

/**
 * "Any discount?", "有优惠吗": the owner's FAQ answer or an offer to ask them; never an order. Not
 * "do you do gift vouchers?" in a shop that sells vouchers: whether it sells a thing it has is a catalog search.
 */
export const discountQuestion: Rule = {
  name: "discount-question",
  decide: (u) => u.tags.discount && !(u.tags.sellsQuestion && u.namesCatalogThing) ? { kind: "discount" } : null,
};
