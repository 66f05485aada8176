import type { Rule } from "../rule.ts";

/** "Any discount?", "有优惠吗": the owner's FAQ answer or an offer to ask them; never an order. */
export const discountQuestion: Rule = {
  name: "discount-question",
  decide: (u) => u.tags.discount ? { kind: "discount" } : null,
};
