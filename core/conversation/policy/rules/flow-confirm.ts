import type { Rule } from "../rule.ts";

/** "Yes", "好的确认" to the confirmation: the order is placed. */
export const flowConfirm: Rule = {
  name: "flow-confirm",
  decide: (u, state) => (state.flow?.kind === "order" && state.flow.awaiting === "confirm" && u.tags.affirm ? { kind: "confirmOrder" } : null),
};
