import type { Rule } from "../rule.ts";

/**
 * Asked "cancel order #N?": "yes", "cancel it", "是的，取消" cancel; "no", "keep it", "不用" keep it.
 * Anything else is a new question, and the cancellation is no longer pending.
 */
export const flowCancel: Rule = {
  name: "flow-cancel",
  decide: (u, state) => {
    const flow = state.flow;
    if (flow?.kind !== "cancel") return null;
    const { tags } = u;
    const answer = tags.affirm || tags.confirmCancel ? "cancel" : tags.keep || tags.deny ? "keep" : "other";
    return { kind: "answerCancel", orderId: flow.orderId, answer };
  },
};
