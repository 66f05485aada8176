import type { Rule } from "../rule.ts";
import { readFinalIntent } from "../read-intent.ts";

/** The classifier is unsure and nothing settles it: which of its two likeliest intents was meant, one tap each. */
export const clarifyIntent: Rule = {
  name: "clarify-intent",
  decide: (u, state) => {
    const reading = readFinalIntent(u, state);
    const [first, second] = u.prediction.ranking;
    return "outcome" in reading && reading.outcome === "clarify" && first && second ? { kind: "clarify", first: first.intent, second: second.intent } : null;
  },
};
