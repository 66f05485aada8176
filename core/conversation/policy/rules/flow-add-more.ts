import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/** "Add something else", "再加一个杯子" typed at the confirmation: the same as the button (a kind named is offered at once). */
export const flowAddMore: Rule = {
  name: "flow-add-more",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (answer?.flow.awaiting !== "confirm" || answer.productId !== undefined || !u.tags.addMore) return null;
    return { kind: "addMoreTyped", ...(answer.quantity !== undefined ? { quantity: answer.quantity } : {}) };
  },
};
