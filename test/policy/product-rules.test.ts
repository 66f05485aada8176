import { describe, expect, it } from "vitest";
import { backInStock } from "../../core/conversation/policy/rules/back-in-stock.ts";
import { compareOnAspect } from "../../core/conversation/policy/rules/compare-on-aspect.ts";
import { compareProducts } from "../../core/conversation/policy/rules/compare-products.ts";
import { howManyLeft } from "../../core/conversation/policy/rules/how-many-left.ts";
import { narrowRecommendations } from "../../core/conversation/policy/rules/narrow-recommendations.ts";
import { newArrivals } from "../../core/conversation/policy/rules/new-arrivals.ts";
import { pendingQuestionAnswered } from "../../core/conversation/policy/rules/pending-question-answered.ts";
import { pickFromList } from "../../core/conversation/policy/rules/pick-from-list.ts";
import { similarOrGoesWith } from "../../core/conversation/policy/rules/similar-or-goes-with.ts";
import { stateOf, understandingOf } from "./understanding-of.ts";

const afterTeas = stateOf({ listedProductIds: [3, 4], shownProductIds: [3, 4] });
const afterCandleCard = stateOf({ lastProductId: 1, shownProductIds: [1] });

describe("rules about the products a message names", () => {
  it.each([
    ["what's the difference between the jasmine green tea and the dragon well tea?", stateOf(), [3, 4]],
    ["lavender candle vs sandalwood candle", stateOf(), [1, 2]],
    ["茉莉绿茶和西湖龙井有什么区别", stateOf(), [3, 4]],
    ["which one is better?", afterTeas, [3, 4]],
    ["哪个好", afterTeas, [3, 4]],
  ])("compares %j side by side", (text, state, productIds) => {
    expect(compareProducts.decide(understandingOf(text, { state }), state)).toEqual({ kind: "compare", productIds });
  });

  it.each([["which is better?"], ["compare teas under £20"]])("does not compare %j with nothing to compare, or with a price", (text) => {
    expect(compareProducts.decide(understandingOf(text), stateOf())).toBeNull();
  });

  it.each([["which one lasts the longest?"], ["哪个最耐烧？"]])("compares the list just shown on one aspect for %j", (text) => {
    const state = stateOf({ listedProductIds: [1, 2], shownProductIds: [1, 2] });
    expect(compareOnAspect.decide(understandingOf(text, { state }), state)).toEqual({ kind: "compareOnAspect" });
    expect(compareOnAspect.decide(understandingOf(text), stateOf())).toBeNull();
  });

  it.each([
    ["anything similar to the lavender candle?", stateOf(), 1, false],
    ["有类似薰衣草蜡烛的吗", stateOf(), 1, false],
    ["what goes well with the celadon teapot?", stateOf(), 5, true],
    ["和青瓷茶壶搭配什么", stateOf(), 5, true],
    ["anything like it?", afterCandleCard, 1, false],
  ])("offers products like (or to go with) the one %j means", (text, state, productId, goesWith) => {
    expect(similarOrGoesWith.decide(understandingOf(text, { state }), state)).toEqual({ kind: "showSimilar", productId, goesWith });
  });

  it("offers nothing similar when no product is meant", () => {
    expect(similarOrGoesWith.decide(understandingOf("anything similar?"), stateOf())).toBeNull();
  });

  it.each([
    ["when will the envelopes be back?", stateOf(), 7, false],
    ["notify me when the kraft envelopes are back in stock", stateOf(), 7, true],
    ["牛皮纸信封什么时候有货", stateOf(), 7, false],
    ["有货了通知我", stateOf({ lastProductId: 2, shownProductIds: [2] }), 2, true],
  ])("waits for the restock %j asks about", (text, state, productId, notify) => {
    expect(backInStock.decide(understandingOf(text, { state }), state)).toEqual({ kind: "waitForRestock", productId, notify });
  });

  it.each([["how many can I buy?"], ["还有多少"], ["how many are left?"]])("answers %j with the stock of the product just shown, outside an order", (text) => {
    expect(howManyLeft.decide(understandingOf(text, { state: afterCandleCard }), afterCandleCard)).toEqual({ kind: "stockOfProduct", productId: 1 });
    expect(howManyLeft.decide(understandingOf(text), stateOf())).toBeNull();
    const ordering = { ...afterCandleCard, flow: { kind: "order" as const, awaiting: "quantity" as const, productId: 1, nonce: "n" } };
    expect(howManyLeft.decide(understandingOf(text, { state: ordering }), ordering)).toBeNull();
  });

  it.each([["what's new?", true], ["新品", true], ["anything new on my order?", false], ["what's new with the lavender candle?", false]])("shows new arrivals for %j: %s", (text, shown) => {
    expect(newArrivals.decide(understandingOf(text), stateOf())).toEqual(shown ? { kind: "newArrivals" } : null);
  });

  it.each([["the second one", 2], ["第二个", 2], ["number 3", 3], ["the last one", -1]])("picks %j from the list (position %s)", (text, position) => {
    expect(pickFromList.decide(understandingOf(text, { state: afterTeas }), afterTeas)).toEqual({ kind: "pickShown", position });
  });

  it("answers a pending 'which product?' with the product picked from those asked about", () => {
    const question = { text: "does it smell strong?", productIds: [1, 2] };
    const state = stateOf({ listedProductIds: [1, 2], shownProductIds: [1, 2] });
    expect(pendingQuestionAnswered.decide(understandingOf("the lavender one", { state, question }), state)).toEqual({ kind: "answerPendingQuestion", productId: 1, question: question.text });
    expect(pendingQuestionAnswered.decide(understandingOf("薰衣草的", { state, question }), state)).toEqual({ kind: "answerPendingQuestion", productId: 1, question: question.text });
    expect(pendingQuestionAnswered.decide(understandingOf("the teapot", { state, question }), state)).toBeNull();
    expect(pendingQuestionAnswered.decide(understandingOf("the lavender one", { state }), state)).toBeNull();
  });

  it("narrows recommendations within their price range when the customer says what she likes", () => {
    const state = stateOf({ listedProductIds: [1, 3], shownProductIds: [1, 3], recommendedWithin: { atMost: "30", productIds: [1, 3] } });
    expect(narrowRecommendations.decide(understandingOf("she likes tea", { state }), state)).toEqual({ kind: "recommendWithin", within: { atMost: "30" } });
    expect(narrowRecommendations.decide(understandingOf("她喜欢茶", { state }), state)).toEqual({ kind: "recommendWithin", within: { atMost: "30" } });
    expect(narrowRecommendations.decide(understandingOf("she likes the lavender candle", { state }), state)).toBeNull();
    const moved = { ...state, listedProductIds: [4, 5] };
    expect(narrowRecommendations.decide(understandingOf("she likes tea", { state: moved }), moved)).toBeNull();
  });
});
