import type { Rule } from "../rule.ts";
import { productIn } from "../../understand/find-mentions.ts";

/** "How many can I buy?" after a product card, outside an order: its stock, with one tap to order (or to be told when it is back). */
export const howManyLeft: Rule = {
  name: "how-many-left",
  decide: (u, state) => u.tags.howManyLeft && !state.flow && productIn(u.catalog, state.lastProductId) ? { kind: "stockOfProduct", productId: state.lastProductId! } : null,
};
