import { describe, expect, it } from "vitest";
import { evaluatePredictions } from "../../core/nlu/evaluate.ts";
import { trainIntentClassifier } from "../../core/nlu/train-intent-classifier.ts";
import { CLINC_DIR, hasClincData, readClincSlice } from "./clinc-slice.ts";

// Measured with seed 1 on this slice (10 intents + out-of-scope): in-scope 96.3 %, OOS recall 92.0 %,
// OOS precision 94.8 %.
describe.skipIf(!hasClincData())(`out-of-scope detection on a CLINC150 slice (skipped when ${CLINC_DIR} is missing)`, () => {
  it("rejects most out-of-scope queries while keeping in-scope accuracy", () => {
    const { train, val, test } = readClincSlice();
    const classifier = trainIntentClassifier(train, { validation: val, seed: 1 });
    const evaluation = evaluatePredictions(test.map((e) => ({ gold: e.intent, predicted: classifier.predict(e.text).intent })));
    expect(evaluation.outOfScopeExamples).toBe(200);
    expect(evaluation.inScopeAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(evaluation.oosRecall).toBeGreaterThanOrEqual(0.8);
    expect(evaluation.oosPrecision).toBeGreaterThanOrEqual(0.8);
  });
});
