import { describe, expect, it } from "vitest";
import { chooseOutOfScopeThreshold, fitTemperature } from "../../core/nlu/engine/calibration.ts";

describe("fitTemperature", () => {
  it("cools over-confident scores and leaves well-scaled ones near 1", () => {
    // Scores that are 10× too sharp: the right class wins 80 % of the time.
    const sharp: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 100; i++) {
      sharp.push(Float64Array.from([20, 0]));
      labels.push(i < 80 ? 0 : 1);
    }
    const temperature = fitTemperature(sharp, Int32Array.from(labels));
    // softmax(20/T) = 0.8 ⇒ T = 20 / ln 4 ≈ 14.4
    expect(temperature).toBeCloseTo(20 / Math.log(4), 0);
  });
});

describe("chooseOutOfScopeThreshold", () => {
  const candidates = [
    ...[0.9, 0.8, 0.7, 0.6].map((score) => ({ score, isOutOfScope: false, isCorrect: true })),
    ...[0.1, 0.2, 0.65].map((score) => ({ score, isOutOfScope: true, isCorrect: false })),
  ];

  it("puts the threshold between out-of-scope and in-scope scores", () => {
    const choice = chooseOutOfScopeThreshold(candidates, 0.3);
    expect(choice.threshold).toBeGreaterThan(0.2);
    expect(choice.threshold).toBeLessThanOrEqual(0.6);
    expect(choice.inScopeAccuracy).toBe(1);
  });

  it("rejects more as the expected out-of-scope share grows", () => {
    const cautious = chooseOutOfScopeThreshold(candidates, 0.05);
    const strict = chooseOutOfScopeThreshold(candidates, 0.9);
    expect(strict.outOfScopeRecall).toBeGreaterThanOrEqual(cautious.outOfScopeRecall);
    expect(strict.outOfScopeRecall).toBe(1);
  });

  it("without out-of-scope examples rejects only the least confident correct answers", () => {
    const inScopeOnly = candidates.filter((c) => !c.isOutOfScope);
    const choice = chooseOutOfScopeThreshold(inScopeOnly, 0.2, 0.25);
    expect(choice.threshold).toBe(0.7);
  });
});
