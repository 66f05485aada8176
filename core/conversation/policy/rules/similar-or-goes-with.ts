import type { Rule } from "../rule.ts";
import { productMeantIn } from "../../understand/product-meant.ts";
import type { TDialogueState } from "../../dialogue-state.ts";
import type { Understanding } from "../../understand/understanding.ts";
import type { Decision } from "../decision.ts";

/** "Anything similar to the lavender candle?", "what goes with the teapot?": like it, or bought with it. */
export const similarOrGoesWith: Rule = {
  name: "similar-or-goes-with",
  decide: (u, state) => similarTo(u, state),
};

function similarTo(u: Understanding, state: TDialogueState): Decision | null {
  const goesWith = u.tags.goesWith;
  if (!u.tags.similar && !goesWith) return null;
  const product = productMeantIn(u, state);
  return product ? { kind: "showSimilar", productId: product.id, goesWith } : null;
}
