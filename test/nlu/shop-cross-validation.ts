/**
 * Cross-validation of the shop's own intent files for tests: every example is predicted by a model
 * trained on the other folds, so the figures say how well unseen phrasings are routed.
 */
import type { IntentPrediction, TrainingExample } from "../../core/nlu/types.ts";
import { trainIntentClassifier, type TrainIntentClassifierOptions } from "../../core/nlu/train-intent-classifier.ts";

export interface HeldOutPrediction {
  example: TrainingExample;
  prediction: IntentPrediction;
}

/** Stratified k-fold: the i-th example of each intent goes to fold i mod k. */
export function crossValidate(examples: readonly TrainingExample[], folds: number, options: TrainIntentClassifierOptions = {}): HeldOutPrediction[] {
  const seen = new Map<string, number>();
  const foldOf = examples.map((e) => {
    const k = seen.get(e.intent) ?? 0;
    seen.set(e.intent, k + 1);
    return k % folds;
  });
  const results: HeldOutPrediction[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const classifier = trainIntentClassifier(
      examples.filter((_, i) => foldOf[i] !== fold),
      options,
    );
    examples.forEach((example, i) => {
      if (foldOf[i] === fold) results.push({ example, prediction: classifier.predict(example.text) });
    });
  }
  return results;
}
