import type { Rule } from "../rule.ts";
import { isOrderWaitingIn } from "../../dialogue-state.ts";
import type { TDialogueState } from "../../dialogue-state.ts";
import type { Understanding } from "../../understand/understanding.ts";
import type { Decision } from "../decision.ts";

/** "Nice", "收到": the waiting order again, or a friendly nod and the menu (a confident "thanks" is a goodbye). */
export const acknowledgement: Rule = {
  name: "acknowledgement",
  decide: (u, state) => acknowledged(u, state),
};

function acknowledged(u: Understanding, state: TDialogueState): Decision | null {
  if (!u.tags.acknowledgement) return null;
  // "Nice", "noted" while an order waits for its confirmation: the order again, not a guess at an intent.
  if (isOrderWaitingIn(state)) return { kind: "acknowledge", orderWaiting: true };
  // "Cool", "thx", "got it": a nod and the menu, not "did you mean…?" (nor, as "got it" once was, a
  // complaint for the owner). Only a confident goodbye ("thanks") is answered as one.
  return u.prediction.intent === "goodbye" && u.prediction.confidence >= u.lowConfidence ? null : { kind: "acknowledge", orderWaiting: false };
}
