/**
 * Keeps the optional language model out of the turn's transaction. A model call can take up to 8 s,
 * and PGlite runs one transaction at a time for the whole process: a turn holding its transaction
 * open while it waits would stall every other customer. So a question the turn asks the model is
 * noted and the attempt stops there ({@link ModelAnswersNeeded}) and is rolled back; the question is
 * asked with no transaction open, and the turn runs again with the answer in hand. Turns that need
 * no model run once.
 */
import type { LlmAssistant } from "../llm/create-llm-assistant.ts";
import { isFreeFormProductQuestion } from "../llm/is-free-form-question.ts";

/** Thrown at a question the model has not answered yet: the attempt is rolled back and run again after it is. */
export class ModelAnswersNeeded extends Error {
  constructor() {
    super("the turn needs the language model's answer first");
  }
}

export interface LlmReplay {
  /**
   * The model as one attempt of the turn sees it: questions already answered get their answer; a
   * new one is noted and throws {@link ModelAnswersNeeded}. `final`: the last attempt, where a new
   * question gets `null` (as a model failure does).
   */
  forAttempt(final: boolean): LlmAssistant;
  /** True when an attempt asked something not answered yet (also when a handler caught the throw): roll it back, answer, run again. */
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
  // Started when the model is first really asked (not when an attempt notes the question: the rest
  // of that attempt and its rollback are not the model's time) and shared by every call of the turn.
  const turnBudget = () => (budget ??= model.startTurnBudget());
  // What an attempt holds as its budget: the real one is given to the calls made outside the transaction.
  const attemptBudget = new AbortController().signal;

  function ask<T>(final: boolean, key: string, call: () => Promise<T | null>): Promise<T | null> {
    if (answers.has(key)) return Promise.resolve(answers.get(key) as T | null);
    if (final) return Promise.resolve(null);
    questions.set(key, call);
    // Stop here: what the attempt would do without the answer is thrown away anyway.
    return Promise.reject(new ModelAnswersNeeded());
  }

  return {
    forAttempt(final) {
      return {
        startTurnBudget: () => attemptBudget,
        interpret: (options) =>
          ask(final, JSON.stringify(["interpret", options.text, options.intents]), () => model.interpret({ ...options, budget: turnBudget() })),
        answerProductQuestion: (options) =>
          // A bare name or price ask is never sent to the model: no reason to run the turn again for it.
          isFreeFormProductQuestion(options.question, options.product)
            ? ask(final, JSON.stringify(["answer", options.question, options.product.id, options.locale]), () => model.answerProductQuestion({ ...options, budget: turnBudget() }))
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
