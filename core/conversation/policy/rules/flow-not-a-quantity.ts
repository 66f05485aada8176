import { OUT_OF_SCOPE } from "../../../nlu/types.ts";
import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/** Asked how many, and the answer is neither a number nor anything the classifier can place: the quantity is asked for again. */
export const flowNotAQuantity: Rule = {
  name: "flow-not-a-quantity",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    return answer?.flow.awaiting === "quantity" && !answer.yieldsToIntent && u.prediction.intent === OUT_OF_SCOPE ? { kind: "invalidQuantity" } : null;
  },
};
