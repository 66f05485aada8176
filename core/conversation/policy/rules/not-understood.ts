import type { Rule } from "../rule.ts";
import { readFinalIntent } from "../read-intent.ts";

/** "asdkjh qwe", or a language we do not speak: said plainly (twice in a row brings the owner in), not two guesses. */
export const notUnderstood: Rule = {
  name: "not-understood",
  decide: (u, state) => {
    const reading = readFinalIntent(u, state);
    return "outcome" in reading && reading.outcome === "notUnderstood" ? { kind: "notUnderstood" } : null;
  },
};
