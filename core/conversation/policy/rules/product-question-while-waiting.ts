import { isOrderWaitingIn } from "../../dialogue-state.ts";
import type { Rule } from "../rule.ts";
import { readFinalIntent } from "../read-intent.ts";

/**
 * "Is the chamomile caffeine free?" while an order waits for its yes: the answer, then the order
 * again with its Confirm (it used to drop into the cart, and "confirm" only showed it once more).
 */
export const productQuestionWhileWaiting: Rule = {
  name: "product-question-while-waiting",
  decide: (u, state) => {
    if (!isOrderWaitingIn(state)) return null;
    const reading = readFinalIntent(u, state);
    return "intent" in reading && reading.intent === "product_question" ? { kind: "questionWhileOrderWaits", intent: reading.intent } : null;
  },
};
