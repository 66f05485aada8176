import type { Rule } from "../rule.ts";
import { productMeantIn } from "../../understand/product-meant.ts";
import type { TDialogueState } from "../../dialogue-state.ts";
import type { Understanding } from "../../understand/understanding.ts";
import type { Decision } from "../decision.ts";

/** "When will the envelopes be back?", "notify me when they are back": the product's return, or a promise to tell. */
export const backInStock: Rule = {
  name: "back-in-stock",
  decide: (u, state) => restockOf(u, state),
};

function restockOf(u: Understanding, state: TDialogueState): Decision | null {
  if (!u.tags.backInStock && !(u.tags.notifyMe && u.tags.stockWords)) return null;
  const product = productMeantIn(u, state);
  return product ? { kind: "waitForRestock", productId: product.id, notify: u.tags.notifyMe } : null;
}
