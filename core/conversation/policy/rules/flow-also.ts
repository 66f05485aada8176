import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/** "I'd also like 2 mugs", "再来一个蜡烛" at the confirmation: another item for the same order, not a correction. */
export const flowAlso: Rule = {
  name: "flow-also",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (answer?.flow.awaiting !== "confirm" || !answer.changesProduct || answer.productId === undefined || !u.tags.also) return null;
    return { kind: "addAnotherLine", productId: answer.productId, ...(answer.quantity !== undefined ? { quantity: answer.quantity } : {}) };
  },
};
