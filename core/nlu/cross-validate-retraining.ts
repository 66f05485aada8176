/**
 * Retraining with the owner's examples, measured: how often the model trained without them and the
 * model trained with them get the shop's examples right, on folds neither saw (k-fold
 * cross-validation over the training files plus the owner's examples). The same folds and seed for
 * both, so the difference is the examples', not the draw's.
 */
import { createSeededRandom, shuffleInPlace } from "../lib/seeded-random.ts";
import { trainIntentClassifier, type EnsembleIntentClassifier } from "./train-intent-classifier.ts";
import type { TrainingExample } from "./types.ts";

/** How many times an owner's example counts in training: their word about their own customers outweighs a generic line. */
export const OWNER_EXAMPLE_WEIGHT = 3;

export interface RetrainingReport {
  /** Share of held-out examples classified right, before (the files alone) and after (with the owner's examples). */
  accuracyBefore: number;
  accuracyAfter: number;
  /** Held-out examples counted (files and the owner's). */
  evaluated: number;
  /** The owner's examples among them, and how many of those each model got right. */
  ownerExamples: number;
  ownerCorrectBefore: number;
  ownerCorrectAfter: number;
  folds: number;
}

/** The training set the model learns from: the files' examples and the owner's, each of the latter {@link OWNER_EXAMPLE_WEIGHT} times. */
export function withOwnerExamples(files: readonly TrainingExample[], owner: readonly TrainingExample[]): TrainingExample[] {
  return [...files, ...owner.flatMap((e) => Array.from({ length: OWNER_EXAMPLE_WEIGHT }, () => e))];
}

/** Trains the model the assistant uses: the files and the owner's examples. */
export function trainWithOwnerExamples(files: readonly TrainingExample[], owner: readonly TrainingExample[]): EnsembleIntentClassifier {
  return trainIntentClassifier(withOwnerExamples(files, owner));
}

/**
 * k-fold cross-validation of "files only" against "files and the owner's examples". Each fold holds
 * out a share of both; the model before trains on the held-in files, the model after on the held-in
 * files and owner examples; both are scored on everything held out. Calibration inside each fold is
 * a single holdout split (the fold models are only scored, never used).
 */
export function crossValidateRetraining(options: { files: readonly TrainingExample[]; owner: readonly TrainingExample[]; folds?: number; seed?: number }): RetrainingReport {
  const folds = Math.max(2, options.folds ?? 3);
  const random = createSeededRandom(options.seed ?? 7);
  const all = [...options.files.map((e) => ({ ...e, owner: false })), ...options.owner.map((e) => ({ ...e, owner: true }))];
  const order = Int32Array.from(all, (_, i) => i);
  shuffleInPlace(order, random);
  const foldOf = new Int32Array(all.length);
  order.forEach((index, position) => (foldOf[index] = position % folds));
  let evaluated = 0;
  let rightBefore = 0;
  let rightAfter = 0;
  let ownerRightBefore = 0;
  let ownerRightAfter = 0;
  for (let fold = 0; fold < folds; fold++) {
    const heldIn = all.filter((_, i) => foldOf[i] !== fold);
    const heldOut = all.filter((_, i) => foldOf[i] === fold);
    if (heldOut.length === 0) continue;
    const files = heldIn.filter((e) => !e.owner);
    const owner = heldIn.filter((e) => e.owner);
    const before = trainIntentClassifier(files, { calibrationFolds: 1 });
    const after = options.owner.length > 0 ? trainIntentClassifier(withOwnerExamples(files, owner), { calibrationFolds: 1 }) : before;
    for (const example of heldOut) {
      const wasRight = before.predict(example.text).intent === example.intent;
      const isRight = after.predict(example.text).intent === example.intent;
      evaluated++;
      if (wasRight) rightBefore++;
      if (isRight) rightAfter++;
      if (example.owner && wasRight) ownerRightBefore++;
      if (example.owner && isRight) ownerRightAfter++;
    }
  }
  return {
    accuracyBefore: evaluated > 0 ? rightBefore / evaluated : 0,
    accuracyAfter: evaluated > 0 ? rightAfter / evaluated : 0,
    evaluated,
    ownerExamples: options.owner.length,
    ownerCorrectBefore: ownerRightBefore,
    ownerCorrectAfter: ownerRightAfter,
    folds,
  };
}
