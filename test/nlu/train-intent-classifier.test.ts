import { describe, expect, it } from "vitest";
import { deserializeIntentClassifier, trainIntentClassifier } from "../../core/nlu/train-intent-classifier.ts";
import { OUT_OF_SCOPE } from "../../core/nlu/types.ts";
import { buildSyntheticIntents } from "./synthetic-intents.ts";

const { train, heldOut } = buildSyntheticIntents();
const classifier = trainIntentClassifier(train, { seed: 7 });

describe("trainIntentClassifier", () => {
  it("learns a small bilingual set well enough to route unseen combinations", () => {
    const correct = heldOut.filter((e) => classifier.predict(e.text).intent === e.intent).length;
    expect(heldOut.length).toBeGreaterThan(20);
    expect(correct / heldOut.length).toBeGreaterThanOrEqual(0.9);
  });

  it("lists the in-scope intents, without the out-of-scope label", () => {
    expect([...classifier.intents].sort()).toEqual(["buy", "greeting", "price", "track"]);
  });

  it("ranks in-scope intents best first with confidences in 0..1", () => {
    const prediction = classifier.predict("how much is the ceramic mug");
    expect(prediction.intent).toBe("price");
    expect(prediction.ranking.length).toBeGreaterThanOrEqual(2);
    expect(prediction.ranking[0]?.intent).toBe("price");
    for (let i = 0; i < prediction.ranking.length; i++) {
      const score = prediction.ranking[i]!;
      expect(score.intent).not.toBe(OUT_OF_SCOPE);
      expect(score.confidence).toBeGreaterThanOrEqual(0);
      expect(score.confidence).toBeLessThanOrEqual(1);
      if (i > 0) expect(score.confidence).toBeLessThanOrEqual(prediction.ranking[i - 1]!.confidence);
    }
  });

  it("routes Chinese text with the same model", () => {
    expect(classifier.predict("我要买陶瓷杯").intent).toBe("buy");
    expect(classifier.predict("订单35到哪了").intent).toBe("track");
  });

  it("is deterministic for a given seed", () => {
    const again = trainIntentClassifier(train, { seed: 7 });
    for (const e of heldOut.slice(0, 10)) expect(again.predict(e.text)).toEqual(classifier.predict(e.text));
  });

  it("survives a JSON round trip and predicts identically afterwards", () => {
    const json = JSON.stringify(classifier.serialize());
    const restored = deserializeIntentClassifier(JSON.parse(json));
    expect(restored.intents).toEqual(classifier.intents);
    for (const e of [...heldOut, ...train.slice(0, 20)]) expect(restored.predict(e.text)).toEqual(classifier.predict(e.text));
  });

  it("predicts identically after a round trip through int8-quantized weights", () => {
    const quantized = trainIntentClassifier(train, { seed: 7, quantizeAbove: 0 });
    const restored = deserializeIntentClassifier(JSON.parse(JSON.stringify(quantized.serialize())));
    for (const e of heldOut) expect(restored.predict(e.text)).toEqual(quantized.predict(e.text));
  });

  it("rejects snapshots it does not know with a clear error", () => {
    expect(() => deserializeIntentClassifier({ version: 1, idf: {}, centroids: {} })).toThrow(/unknown intent model snapshot/);
    expect(() => deserializeIntentClassifier(null)).toThrow(/unknown intent model snapshot/);
  });

  it("refuses to train without any in-scope example", () => {
    expect(() => trainIntentClassifier([])).toThrow(/at least one in-scope example/);
    expect(() => trainIntentClassifier([{ text: "tell me a joke", intent: OUT_OF_SCOPE }])).toThrow(/at least one in-scope example/);
  });

  it("uses a given validation set for calibration instead of cross-validation", () => {
    const withValidation = trainIntentClassifier(train, { seed: 7, validation: heldOut });
    expect(withValidation.calibration.source).toBe("validation");
    expect(withValidation.calibration.examples).toBe(heldOut.length);
    expect(classifier.calibration.source).toBe("cross-validation");
  });

  it("honours a fixed out-of-scope threshold", () => {
    const never = classifier.withOosThreshold(-2);
    const always = classifier.withOosThreshold(2);
    expect(always.predict("how much is the ceramic mug").intent).toBe(OUT_OF_SCOPE);
    expect(never.predict("how much is the ceramic mug").intent).toBe("price");
  });
});
