import type { Rule } from "../rule.ts";

/**
 * Several products at once while choosing the next one or its quantity ("2 mugs and a notebook" when
 * asked how many notebooks), or "also 2 mugs and a candle" at the confirmation. "I want 2 mugs and a
 * teapot" at an order of 2 mugs says the order again (2 mugs, not 4); "also …" adds to it.
 */
export const flowSeveralProducts: Rule = {
  name: "flow-several-products",
  decide: (u, state) => {
    const flow = state.flow;
    if (flow?.kind !== "order") return null;
    if (flow.awaiting !== "product" && flow.awaiting !== "quantity" && !(flow.awaiting === "confirm" && u.tags.also)) return null;
    return { kind: "orderSeveral", restate: flow.awaiting === "confirm" && !u.tags.moreOfSame };
  },
};
