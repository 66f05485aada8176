import { describe, expect, it } from "vitest";
import { evaluatePredictions, mostConfusedPairs } from "../../core/nlu/evaluate.ts";

describe("evaluatePredictions", () => {
  const evaluation = evaluatePredictions([
    { gold: "buy", predicted: "buy" },
    { gold: "buy", predicted: "oos" },
    { gold: "track", predicted: "track" },
    { gold: "track", predicted: "buy" },
    { gold: "oos", predicted: "oos" },
    { gold: "oos", predicted: "buy" },
  ]);

  it("counts an in-scope text predicted out of scope as wrong", () => {
    expect(evaluation.inScopeExamples).toBe(4);
    expect(evaluation.inScopeAccuracy).toBeCloseTo(0.5);
  });

  it("measures out-of-scope recall and precision", () => {
    expect(evaluation.oosRecall).toBeCloseTo(0.5);
    expect(evaluation.oosPrecision).toBeCloseTo(0.5);
  });

  it("averages F1 over every gold label, out of scope included", () => {
    // buy: P 1/3, R 1/2 → 0.4; track: P 1, R 1/2 → 2/3; oos: P 1/2, R 1/2 → 1/2.
    expect(evaluation.macroF1).toBeCloseTo((0.4 + 2 / 3 + 0.5) / 3);
  });

  it("lists the most confused pairs, largest first", () => {
    const pairs = mostConfusedPairs(evaluation.confusion, 2);
    expect(pairs).toHaveLength(2);
    expect(pairs.every((p) => p.count === 1 && p.gold !== p.predicted)).toBe(true);
  });

  it("returns zeros rather than NaN when a category is absent", () => {
    const empty = evaluatePredictions([{ gold: "buy", predicted: "buy" }]);
    expect(empty.oosRecall).toBe(0);
    expect(empty.oosPrecision).toBe(0);
    expect(empty.inScopeAccuracy).toBe(1);
  });
});
