import type { Rule } from "../rule.ts";

/**
 * "Do you take SPRING10?", "我有优惠码SPRING10", "my code is WELCOME": a promo code, in any state. The
 * shop's own codes are recognised anywhere in a sentence; a word the customer puts forward as a code
 * that the shop does not have is answered as unknown (never read as a product or an order).
 */
export const promoCodeGiven: Rule = {
  name: "promo-code-given",
  decide: (u) => (u.promoCode ? { kind: "applyPromo", code: u.promoCode.code } : null),
};
