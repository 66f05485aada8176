import { MAX_LINE_QUANTITY } from "../../../orders/order-rules.ts";
import { orderItemsOf } from "../../dialogue-state.ts";
import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/** "3" at the confirmation of several products: which of them, one tap each (a number out of range is refused). */
export const flowWhichLine: Rule = {
  name: "flow-which-line",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (answer?.flow.awaiting !== "confirm" || answer.yieldsToIntent || answer.changesProduct || answer.quantity === undefined) return null;
    if (answer.flow.productId !== undefined || orderItemsOf(state).length <= 1) return null;
    const { quantity } = answer;
    return !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY ? { kind: "invalidQuantity" } : { kind: "whichLineToChange", quantity };
  },
};
