import type { Rule } from "../rule.ts";
import type { TDialogueState } from "../../dialogue-state.ts";
import type { Understanding } from "../../understand/understanding.ts";
import type { Decision } from "../decision.ts";

/** "A present around £30" → "she likes tea": the same price range, narrowed to what she likes. */
export const narrowRecommendations: Rule = {
  name: "narrow-recommendations",
  decide: (u, state) => narrowed(u, state),
};

function narrowed(u: Understanding, state: TDialogueState): Decision | null {
  const within = state.recommendedWithin;
  if (!within || u.entities.price || u.entities.ordinal || within.productIds.join() !== state.listedProductIds.join()) return null;
  if (!(u.tags.likes || u.namedCategory) || u.namesAProduct) return null;
  return { kind: "recommendWithin", within: { ...(within.atLeast !== undefined ? { atLeast: within.atLeast } : {}), ...(within.atMost !== undefined ? { atMost: within.atMost } : {}) } };
}
