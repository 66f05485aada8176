import type { Rule } from "../rule.ts";
import { orderItemsOf } from "../../dialogue-state.ts";

/** "Remove the teapot", "茶壶不要了" while an order is being put together: that line out (when the handler finds it). */
export const removeItem: Rule = {
  name: "remove-item",
  decide: (u, state) => u.tags.removeItem && orderItemsOf(state).length > 0 ? { kind: "removeFromOrder" } : null,
};
