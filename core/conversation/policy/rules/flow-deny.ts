import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/**
 * A bare "no" / "never mind" drops the order ("no, the red one" and "no, make it 3" correct it, below).
 * "No" / "不要杯子了" to "what else?" or to "how many?" of one more product drops only that step, and
 * the order already put together is shown (it once cancelled it all).
 */
export const flowDeny: Rule = {
  name: "flow-deny",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (!answer || !u.tags.deny || answer.productId !== undefined || answer.quantity !== undefined) return null;
    const choosing = answer.flow.awaiting === "product" || answer.flow.awaiting === "quantity";
    return choosing && state.cart.length > 0 && !u.tags.cancelWord ? { kind: "showOrderSoFar" } : { kind: "abandonFlow" };
  },
};
