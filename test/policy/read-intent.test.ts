import { describe, expect, it } from "vitest";
import { decide } from "../../core/conversation/policy/decide.ts";
import { MAY_DECLINE } from "../../core/conversation/policy/decision.ts";
import type { TDialogueState } from "../../core/conversation/dialogue-state.ts";
import type { Understanding } from "../../core/conversation/understand/understanding.ts";
import { readFinalIntent, readFirstIntent } from "../../core/conversation/policy/read-intent.ts";
import { predicted, stateOf, understandingOf } from "./understanding-of.ts";

/** The decision taken when every handler that may decline does (no FAQ answer, no flow step, …). */
function decideWhenAllDecline(u: Understanding, state: TDialogueState) {
  for (let found = decide(u, state); found; found = decide(u, state, found.index + 1)) if (!MAY_DECLINE.has(found.decision.kind)) return found.decision;
  return null;
}

describe("the intent a message is answered by", () => {
  it.each([
    ["it arrived broken", "shipping_returns"], ["the mug came cracked", "product_question"], ["杯子碎了", "greeting"], ["发错货了", "order_status"],
  ])("reads damage in %j as a complaint, whatever the classifier said (%s)", (text, intent) => {
    expect(readFirstIntent(understandingOf(text, { prediction: predicted(intent, 0.9) }), stateOf())).toEqual({ intent: "complaint", confident: true });
  });

  it.each([["what if it arrives broken?"], ["万一碎了怎么办"]])("does not read the hypothetical %j as a complaint", (text) => {
    expect(readFirstIntent(understandingOf(text, { prediction: predicted("shipping_returns", 0.9) }), stateOf()).intent).toBe("shipping_returns");
  });

  it.each([["my budget is £30"], ["预算30镑以内"]])("reads %j as a recommendation within the budget", (text) => {
    expect(readFirstIntent(understandingOf(text, { prediction: predicted("order_status", 0.6) }), stateOf())).toEqual({ intent: "recommendation", confident: true });
  });

  it.each([["青瓷茶壶"], ["lavender candle"], ["薰衣草蜡烛"]])("reads a product's name alone (%j) as a question about it, not an order", (text) => {
    expect(readFirstIntent(understandingOf(text, { prediction: predicted("place_order", 0.9) }), stateOf()).intent).toBe("product_question");
  });

  it.each([["lavender candle please"], ["我要青瓷茶壶"], ["I'll take the lavender candle"]])("keeps %j an order", (text) => {
    expect(readFirstIntent(understandingOf(text, { prediction: predicted("place_order", 0.9) }), stateOf()).intent).toBe("place_order");
  });

  it("reads 'can I get it in blue?' about the product just shown as a question about it", () => {
    const state = stateOf({ lastProductId: 6, shownProductIds: [6] });
    expect(readFirstIntent(understandingOf("can I get it in blue?", { prediction: predicted("place_order", 0.9), state }), state).intent).toBe("product_question");
  });

  it.each([["candles under £20", "complaint"], ["what's the cheapest tea", "place_order"], ["20镑以下的茶", "greeting"]])("reads the price question %j as browsing", (text, intent) => {
    expect(readFinalIntent(understandingOf(text, { prediction: predicted(intent, 0.3) }), stateOf())).toEqual({ intent: "browse_catalog" });
  });

  it("reads an unsure 'two, please' right after a product card as an order, and an unsure named category as browsing", () => {
    const state = stateOf({ lastProductId: 1, shownProductIds: [1] });
    expect(readFinalIntent(understandingOf("two, please", { prediction: predicted("greeting", 0.3), state }), state)).toEqual({ intent: "place_order" });
    expect(readFinalIntent(understandingOf("teas", { prediction: predicted("greeting", 0.3) }), stateOf())).toEqual({ intent: "browse_catalog" });
    expect(readFinalIntent(understandingOf("看看茶具", { prediction: predicted("greeting", 0.3) }), stateOf())).toEqual({ intent: "browse_catalog" });
  });

  it("settles 'when will it arrive?' by whether the customer has an order on its way", () => {
    const hesitant = { intent: "order_status", confidence: 0.4, ranking: [{ intent: "order_status", confidence: 0.4 }, { intent: "shipping_returns", confidence: 0.35 }] };
    expect(readFinalIntent(understandingOf("when will it arrive?", { prediction: hesitant, hasOpenOrder: true }), stateOf())).toEqual({ intent: "order_status" });
    expect(readFinalIntent(understandingOf("什么时候到？", { prediction: hesitant, hasOpenOrder: false }), stateOf())).toEqual({ intent: "shipping_returns" });
  });

  it("asks the model when nothing settles an unsure message, and takes its reading once asked", () => {
    const unsure = { prediction: predicted("greeting", 0.3), canAskModel: true };
    expect(readFinalIntent(understandingOf("blorp the thing", unsure), stateOf())).toEqual({ outcome: "askModel" });
    expect(readFinalIntent({ ...understandingOf("blorp the thing", unsure), model: { intent: "payment" } }, stateOf())).toEqual({ intent: "payment" });
    expect(readFinalIntent({ ...understandingOf("blorp the thing", unsure), model: {} }, stateOf())).toEqual({ outcome: "clarify" });
  });

  it("says it did not understand a text of no known word, and asks which of two intents otherwise", () => {
    expect(decideWhenAllDecline(understandingOf("asdkjh qwe", { prediction: predicted("complaint", 0.3), knowsAWord: false }), stateOf())).toEqual({ kind: "notUnderstood" });
    expect(decideWhenAllDecline(understandingOf("qwerty", { prediction: predicted("complaint", 0.9), knowsAWord: false }), stateOf())).toEqual({ kind: "notUnderstood" });
    expect(decideWhenAllDecline(understandingOf("the thing about stuff", { prediction: predicted("payment", 0.3, "shipping_returns") }), stateOf())).toEqual({ kind: "clarify", first: "payment", second: "shipping_returns" });
    expect(decideWhenAllDecline(understandingOf("那个东西怎么样", { prediction: predicted("payment", 0.3, "shipping_returns") }), stateOf())).toEqual({ kind: "clarify", first: "payment", second: "shipping_returns" });
  });

  it("answers a side question while an order waits, and the order again below it", () => {
    const waiting = stateOf({ flow: { kind: "order", awaiting: "confirm", productId: 1, quantity: 1, nonce: "n" } });
    const u = understandingOf("how do I pay?", { prediction: predicted("payment", 0.9), state: waiting });
    // The FAQ is asked first (its handler declines when the owner wrote no answer).
    const faq = decide(u, waiting);
    expect(faq?.decision).toEqual({ kind: "faq", intent: "payment", confident: true });
    expect(decide(u, waiting, faq!.index + 1)?.decision).toEqual({ kind: "sideQuestion", intent: "payment" });
    expect(decideWhenAllDecline(understandingOf("怎么付款？", { prediction: predicted("payment", 0.9), state: waiting }), waiting)).toEqual({ kind: "sideQuestion", intent: "payment" });
  });

  it("counts an out-of-scope message, then answers it as out of scope", () => {
    const u = understandingOf("what's the weather like?", { prediction: { intent: "oos", confidence: 0.9, ranking: [{ intent: "greeting", confidence: 0.05 }, { intent: "goodbye", confidence: 0.05 }] } });
    const faq = decide(u, stateOf());
    expect(faq?.rule.name).toBe("faq-answer");
    const counted = decide(u, stateOf(), faq!.index + 1);
    expect(counted?.decision).toEqual({ kind: "countOutOfScope" });
    expect(decide(u, stateOf(), counted!.index + 1)?.decision).toEqual({ kind: "routeIntent", intent: "oos" });
  });
});
