import { productIn } from "../../understand/find-mentions.ts";
import type { Rule } from "../rule.ts";

/** "How many do you have?" to "How many would you like?": the question again, with the stock in it. */
export const flowStockQuestion: Rule = {
  name: "flow-stock-question",
  decide: (u, state) => {
    const flow = state.flow;
    if (flow?.kind !== "order" || flow.awaiting !== "quantity" || flow.productId === undefined || !u.tags.stockQuestion) return null;
    return productIn(u.catalog, flow.productId) ? { kind: "askQuantityAgain", productId: flow.productId } : null;
  },
};
