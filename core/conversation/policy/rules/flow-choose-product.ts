import type { Rule } from "../rule.ts";
import { readAnswer } from "../read-answer.ts";

/**
 * Asked which product: a category ("teas") shows its page, still choosing; a kind ("a mug") offers
 * those of it; "3" says how many and still asks which; several products named are offered one tap
 * each; one product named goes on with it.
 */
export const flowChooseProduct: Rule = {
  name: "flow-choose-product",
  decide: (u, state) => {
    const answer = readAnswer(u, state);
    if (answer?.flow.awaiting !== "product" || answer.yieldsToIntent) return null;
    const { productId, quantity, flow } = answer;
    if (productId === undefined && u.mentions.length === 0) {
      if (u.namedCategory) return { kind: "showCategoryPage", category: u.namedCategory.category };
      return { kind: "orderOfKind", ...(quantity !== undefined ? { quantity } : {}) };
    }
    const asked = quantity ?? flow.quantity;
    if (u.mentions.length > 1) return { kind: "chooseProduct", productIds: u.mentions.map((p) => p.id), ...(asked !== undefined ? { quantity: asked } : {}) };
    return productId !== undefined ? { kind: "continueOrder", productId, ...(asked !== undefined ? { quantity: asked } : {}) } : null;
  },
};
