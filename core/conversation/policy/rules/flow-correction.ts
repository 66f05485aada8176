import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/**
 * A quantity or another product while asked how many or to confirm ("3", "make it 3 mugs", "no, the
 * red one"): the order goes on with it. "Make it 3 mugs" when the order already holds mugs is 3 in
 * all, not 3 more; the rest stays.
 */
export const flowCorrection: Rule = {
  name: "flow-correction",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (!answer || answer.flow.awaiting === "product" || answer.yieldsToIntent) return null;
    const { flow, quantity, changesProduct } = answer;
    if (quantity === undefined && !changesProduct) return null;
    const productId = changesProduct ? answer.productId : flow.productId;
    const restated = flow.awaiting === "confirm" && productId !== undefined && state.cart.some((l) => l.productId === productId);
    const amount = quantity ?? flow.quantity;
    return {
      kind: "continueOrder",
      ...(productId !== undefined ? { productId } : {}),
      ...(amount !== undefined ? { quantity: amount } : {}),
      ...(restated ? { cartWithout: productId } : {}),
    };
  },
};
