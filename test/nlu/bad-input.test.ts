import { describe, expect, it } from "vitest";
import { trainIntentClassifier } from "../../core/nlu/train-intent-classifier.ts";
import { OUT_OF_SCOPE } from "../../core/nlu/types.ts";
import { buildSyntheticIntents } from "./synthetic-intents.ts";

const classifier = trainIntentClassifier(buildSyntheticIntents().train, { seed: 3 });
const allowed = new Set([...classifier.intents, OUT_OF_SCOPE]);

const NASTY: Record<string, string> = {
  empty: "",
  whitespace: " \t\n  ",
  "10,000 tokens": Array.from({ length: 10_000 }, (_, i) => `word${i % 97}`).join(" "),
  "repeated character": "a".repeat(100_000),
  "repeated ideograph": "买".repeat(50_000),
  "mixed script": "hi 你好 привет مرحبا 2 candles ローソク 🕯️ please",
  "emoji only": "🕯️🫖☕️👍🏽👨‍👩‍👧",
  "control characters": "\u0000\u0001order\u0007 2\u001b[31m candles\u202e\u200b\uFEFF",
  "lone surrogates": "\ud800\udfff\ud800 tea \udc00",
  "combining marks": "c\u0301\u0301\u0301a\u0308\u0308ndle",
  "full-width": "ｉ ｗａｎｔ ２ ｃａｎｄｌｅｓ",
};

describe("predict on hostile input", () => {
  for (const [name, text] of Object.entries(NASTY)) {
    it(`does not throw on ${name} input and returns a well-formed prediction`, () => {
      const prediction = classifier.predict(text);
      expect(allowed.has(prediction.intent)).toBe(true);
      expect(Number.isFinite(prediction.confidence)).toBe(true);
      expect(prediction.confidence).toBeGreaterThanOrEqual(0);
      expect(prediction.confidence).toBeLessThanOrEqual(1);
      for (const score of prediction.ranking) expect(Number.isFinite(score.confidence)).toBe(true);
    });
  }

  it("treats text without any letter or digit as out of scope", () => {
    expect(classifier.predict("").intent).toBe(OUT_OF_SCOPE);
    expect(classifier.predict("🕯️🫖☕️").intent).toBe(OUT_OF_SCOPE);
    expect(classifier.predict("?!... ---").intent).toBe(OUT_OF_SCOPE);
  });

  it("does not throw on values that are not strings at all", () => {
    for (const value of [undefined, null, 42, {}, ["a"]]) {
      expect(() => classifier.predict(value as unknown as string)).not.toThrow();
    }
  });

  it("classifies full-width text like its ASCII form", () => {
    expect(classifier.predict("ｈｏｗ ｍｕｃｈ ｉｓ ｔｈｅ ｎｏｔｅｂｏｏｋ").intent).toBe(classifier.predict("how much is the notebook").intent);
  });
});
