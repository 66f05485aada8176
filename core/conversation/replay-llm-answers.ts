/**
 * Keeps the optional language model out of the turn's transaction. A model call can take up to 8 s,
 * and PGlite runs one transaction at a time for the whole process: a turn holding its transaction
 * open while it waits would stall every other customer. So a turn runs without the model first: a
 * question it would ask is noted and answered "no answer" (as a model failure is), the attempt is
 * rolled back, the noted questions are asked with no transaction open, and the turn runs again with
 * the answers in hand. Turns that need no model run once.
 */
import type { LlmAssistant } from "../llm/create-llm-assistant.ts";
import { isFreeFormProductQuestion } from "../llm/is-free-form-question.ts";

export interface LlmReplay {
  /**
   * The model as one attempt of the turn sees it: questions already answered get their answer; new
   * ones are noted and get `null`. `final`: the last attempt, which notes nothing.
   */
  forAttempt(final: boolean): LlmAssistant;
  /** True when the last attempt asked something not answered yet: roll it back, answer, run again. */
  hasQuestions(): boolean;
  /** Asks the model the noted questions, one turn budget for all of them (call with no transaction open). */
  answerQuestions(): Promise<void>;
}

/** A turn asks the model at most twice (read the message, then answer about the product it named): three attempts cover it. */
export const MAX_TURN_ATTEMPTS = 3;

export function replayLlmAnswers(model: LlmAssistant): LlmReplay {
  const answers = new Map<string, unknown>();
  let questions = new Map<string, () => Promise<unknown>>();
  let budget: AbortSignal | undefined;
  // Started at the turn's first model question and shared by every attempt: one wait per turn.
  const startTurnBudget = () => (budget ??= model.startTurnBudget());

  function ask<T>(final: boolean, key: string, call: () => Promise<T | null>): Promise<T | null> {
    if (answers.has(key)) return Promise.resolve(answers.get(key) as T | null);
    if (!final) questions.set(key, call);
    return Promise.resolve(null);
  }

  return {
    forAttempt(final) {
      return {
        startTurnBudget,
        interpret: (options) =>
          ask(final, JSON.stringify(["interpret", options.text, options.intents]), () => model.interpret({ ...options, budget: options.budget ?? startTurnBudget() })),
        answerProductQuestion: (options) =>
          // A bare name or price ask is never sent to the model: no reason to run the turn again for it.
          isFreeFormProductQuestion(options.question, options.product)
            ? ask(final, JSON.stringify(["answer", options.question, options.product.id, options.locale]), () => model.answerProductQuestion({ ...options, budget: options.budget ?? startTurnBudget() }))
            : Promise.resolve(null),
      };
    },
    hasQuestions: () => questions.size > 0,
    async answerQuestions() {
      const asked = questions;
      questions = new Map();
      for (const [key, call] of asked) answers.set(key, await call());
    },
  };
}
