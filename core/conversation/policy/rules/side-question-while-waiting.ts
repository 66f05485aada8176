import { SIDE_QUESTIONS } from "../../customer-phrases.ts";
import { isOrderWaitingIn } from "../../dialogue-state.ts";
import type { Rule } from "../rule.ts";
import { readFinalIntent } from "../read-intent.ts";

/**
 * A side question ("how do I pay?", "do you ship to France?"), or contact details given, while an
 * order waits for its confirmation: answered, and the order asked again below it.
 */
export const sideQuestionWhileWaiting: Rule = {
  name: "side-question-while-waiting",
  decide: (u, state) => {
    if (!isOrderWaitingIn(state)) return null;
    const reading = readFinalIntent(u, state);
    if (!("intent" in reading)) return null;
    const { intent } = reading;
    return SIDE_QUESTIONS.has(intent) || (intent === "leave_contact" && (u.entities.email || u.entities.phone)) ? { kind: "sideQuestion", intent } : null;
  },
};
