import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/**
 * "Can I have the sandalwood candle instead?" at an order of one other product: that product replaces
 * it (same quantity unless one is given), rather than joining it.
 */
export const flowSwap: Rule = {
  name: "flow-swap",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (answer?.flow.awaiting !== "confirm" || answer.yieldsToIntent || !answer.changesProduct || answer.productId === undefined) return null;
    const [replaced, ...others] = state.cart;
    if (answer.flow.productId !== undefined || !u.tags.swap || !replaced || others.length > 0 || replaced.productId === answer.productId) return null;
    return { kind: "continueOrder", productId: answer.productId, quantity: answer.quantity ?? replaced.quantity, clearCart: true };
  },
};
