import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/** "3" while asked which product (and no kind it names is in stock): how many, and still which product. */
export const flowQuantityWhileChoosing: Rule = {
  name: "flow-quantity-while-choosing",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (answer?.flow.awaiting !== "product" || answer.yieldsToIntent || answer.productId !== undefined || u.mentions.length > 0 || u.namedCategory) return null;
    return answer.quantity !== undefined && answer.quantity >= 1 ? { kind: "continueOrder", quantity: answer.quantity } : null;
  },
};
