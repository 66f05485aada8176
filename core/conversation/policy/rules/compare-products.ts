import type { Rule } from "../rule.ts";
import type { TDialogueState } from "../../dialogue-state.ts";
import type { Understanding } from "../../understand/understanding.ts";
import type { Decision } from "../decision.ts";

/** Two products named with "difference", "vs", "哪个好", or "which is better?" under a short list: side by side. */
export const compareProducts: Rule = {
  name: "compare-products",
  decide: (u, state) => comparison(u, state),
};

function comparison(u: Understanding, state: TDialogueState): Decision | null {
  if (!u.tags.compare || u.entities.price) return null;
  const named = u.mentions;
  const listed = state.listedProductIds;
  // Named products, or the short list just shown (in the catalog's order, as it was always read).
  const products = named.length >= 2 ? named : u.tags.asksWhich && named.length === 0 && listed.length >= 2 && listed.length <= 4 ? u.catalog.filter((p) => listed.includes(p.id)) : [];
  return products.length >= 2 ? { kind: "compare", productIds: products.map((p) => p.id) } : null;
}
