import type { Rule } from "../rule.ts";
import type { TDialogueState } from "../../dialogue-state.ts";
import type { Understanding } from "../../understand/understanding.ts";
import type { Decision } from "../decision.ts";

/** "The lavender one", "第二个" after "which product do you mean?": the question asked gets its answer. */
export const pendingQuestionAnswered: Rule = {
  name: "pending-question-answered",
  decide: (u, state) => pendingQuestionAnswer(u, state),
};

function pendingQuestionAnswer(u: Understanding, state: TDialogueState): Decision | null {
  const question = u.question;
  if (!question || state.flow || u.normalized.split(" ").length > 5) return null;
  const [picked, ...more] = u.mentions;
  return picked && more.length === 0 && question.productIds.includes(picked.id) ? { kind: "answerPendingQuestion", productId: picked.id, question: question.text } : null;
}
