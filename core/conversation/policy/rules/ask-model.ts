import type { Rule } from "../rule.ts";
import { readFinalIntent } from "../read-intent.ts";

/**
 * Nothing the shop knows settles what an unsure message means, and a language model is configured:
 * its reading is asked for (the act step adds it to the understanding and the rules decide again).
 */
export const askModel: Rule = {
  name: "ask-model",
  decide: (u, state) => {
    const reading = readFinalIntent(u, state);
    return "outcome" in reading && reading.outcome === "askModel" ? { kind: "askModel" } : null;
  },
};
