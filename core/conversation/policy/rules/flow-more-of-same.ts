import { orderItemsOf } from "../../dialogue-state.ts";
import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/** "Also 2 mugs", "2 more", "再来两个" at an order holding mugs: that many more, not "make it 2". */
export const flowMoreOfSame: Rule = {
  name: "flow-more-of-same",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (answer?.flow.awaiting !== "confirm" || answer.yieldsToIntent || answer.changesProduct || !u.tags.moreOfSame) return null;
    const { quantity } = answer;
    if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1) return null;
    const target = answer.productId ?? answer.flow.productId;
    const current = orderItemsOf(state).find((l) => l.productId === target)?.quantity;
    return target !== undefined && current !== undefined ? { kind: "continueOrder", productId: target, quantity: current + quantity, cartWithout: target } : null;
  },
};
