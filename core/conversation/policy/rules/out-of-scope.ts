import { OUT_OF_SCOPE } from "../../../nlu/types.ts";
import type { Rule } from "../rule.ts";
import { readFinalIntent } from "../read-intent.ts";

/**
 * Out of scope: counted as not understood (the second in a row brings the owner in, and the handler
 * answers with the handoff); the first is answered as out of scope by the rules after this one.
 */
export const outOfScope: Rule = {
  name: "out-of-scope",
  decide: (u, state) => {
    const reading = readFinalIntent(u, state);
    return "intent" in reading && reading.intent === OUT_OF_SCOPE ? { kind: "countOutOfScope" } : null;
  },
};
