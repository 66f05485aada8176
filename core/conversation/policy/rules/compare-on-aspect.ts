import type { Rule } from "../rule.ts";

/** "Which one lasts the longest?" under a short list: what each description says about it, side by side. */
export const compareOnAspect: Rule = {
  name: "compare-on-aspect",
  decide: (u, state) => u.tags.asksWhich && u.asksProductFacts && state.listedProductIds.length >= 2 && state.listedProductIds.length <= 5 && u.mentionsWithoutFactWords.length === 0 ? { kind: "compareOnAspect" } : null,
};
