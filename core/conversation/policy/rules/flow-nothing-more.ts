import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/**
 * "No thanks", "that's all", "ok", "就这些" to "What else would you like?": the order as it is, to
 * confirm ("no" used to cancel the whole order and "that's all" to say goodbye over it).
 */
export const flowNothingMore: Rule = {
  name: "flow-nothing-more",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (answer?.flow.awaiting !== "product" || answer.productId !== undefined || u.mentions.length > 0 || answer.quantity !== undefined) return null;
    return state.cart.length > 0 && (u.tags.nothingMore || u.tags.affirm) ? { kind: "showOrderSoFar" } : null;
  },
};
