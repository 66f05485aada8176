import type { Rule } from "../rule.ts";
import { readFinalIntent } from "../read-intent.ts";

/** The last rule: the intent as read, answered by its handler (any open step is left, unless ordering). */
export const answerIntent: Rule = {
  name: "answer-intent",
  decide: (u, state) => {
    const reading = readFinalIntent(u, state);
    return "intent" in reading ? { kind: "routeIntent", intent: reading.intent } : null;
  },
};
