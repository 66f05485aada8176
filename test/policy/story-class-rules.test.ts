/**
 * The failure classes the end-to-end stories found (issue 25), each as a table of phrases over the
 * rule or reader that now handles it: no database, no classifier.
 */
import { describe, expect, it } from "vitest";
import { maskProductNames } from "../../core/catalog/match-products.ts";
import { DAMAGED, SELLS_QUESTION, STEP_BACK } from "../../core/conversation/customer-phrases.ts";
import { readFirstIntent } from "../../core/conversation/policy/read-intent.ts";
import { discountQuestion } from "../../core/conversation/policy/rules/discount-question.ts";
import { orderCheapest } from "../../core/conversation/policy/rules/order-cheapest.ts";
import { extractEntities } from "../../core/nlu/extract-entities.ts";
import { normalizeText } from "../../core/nlu/normalize-text.ts";
import { CATALOG, predicted, stateOf, understandingOf } from "./understanding-of.ts";

describe("product names do not steer the intent", () => {
  it.each([
    ["I'd like the lavender candle", "I'd like the item"],
    ["is the celadon teapot heavy?", "is the item heavy?"],
    ["2 jasmine green tea and 1 dragon well", "2 item and 1 item"],
    ["我想要青瓷茶壶", "我想要 item"],
    ["show me your candles", "show me your candles"],
    ["my order arrived late", "my order arrived late"],
  ])("the classifier reads %j as %j", (text, masked) => {
    expect(maskProductNames(text, CATALOG)).toBe(masked);
  });
});

describe("stepping back out of a handoff", () => {
  it.each([["never mind"], ["Never mind, thanks"], ["cancel"], ["forget it"], ["ok no need"], ["算了"], ["没事了"], ["不用了，谢谢"], ["算了吧"]])("%j takes the handoff back", (text) => {
    expect(STEP_BACK.test(normalizeText(text))).toBe(true);
  });
  it.each([["never mind the candle, where is my order?"], ["cancel my order"], ["算了，我要投诉"], ["I want a person"]])("%j does not", (text) => {
    expect(STEP_BACK.test(normalizeText(text))).toBe(false);
  });
});

describe("the cheapest of a category, ordered", () => {
  const aMixedList = stateOf({ listedProductIds: [6, 3, 1] });
  it.each([["I'll take the cheapest candle"], ["我要最便宜的蜡烛"]])("%j orders the cheapest candle, whatever list is in view", (text) => {
    expect(orderCheapest.decide(understandingOf(text, { prediction: predicted("browse_catalog") }), aMixedList)).toEqual({ kind: "orderCheapest", descending: false, category: "Candles" });
  });
  it("orders the cheapest of the list in view when no category is named", () => {
    expect(orderCheapest.decide(understandingOf("I'll take the cheapest one", { prediction: predicted("place_order") }), aMixedList)).toEqual({ kind: "orderCheapest", descending: false });
  });
  it.each([["what's the cheapest candle?"], ["最便宜的蜡烛是哪个？"]])("%j only asks", (text) => {
    expect(orderCheapest.decide(understandingOf(text, { prediction: predicted("browse_catalog") }), aMixedList)).toBeNull();
  });
});

describe("whether the shop sells a kind of thing", () => {
  it.each([["do you do gift cards?"], ["do you sell coffee?"], ["Do you have notebooks?"], ["你们卖咖啡吗"], ["有没有披萨"], ["有礼品卡吗"]])("%j is asked as a catalog question", (text) => {
    expect(SELLS_QUESTION.test(normalizeText(text))).toBe(true);
  });
  it.each([["do you have it in blue?"], ["do you take cards?"], ["有什么推荐"], ["有优惠吗"], ["有没有实体店"]])("%j is not", (text) => {
    expect(SELLS_QUESTION.test(normalizeText(text))).toBe(false);
  });
  it("reads a question about a kind the catalog has as browsing, even when the classifier says payment", () => {
    const u = understandingOf("do you do green tea?", { prediction: predicted("payment") });
    expect(readFirstIntent(u, stateOf()).intent).toBe("browse_catalog");
  });
  it("does not read 'do you do gift vouchers?' as a discount question when the catalog has one", () => {
    expect(discountQuestion.decide(understandingOf("do you do kraft envelopes?"), stateOf())).toBeNull();
    expect(discountQuestion.decide(understandingOf("any discount vouchers?"), stateOf())).toEqual({ kind: "discount" });
  });
});

describe("amounts in Chinese numerals and measure words", () => {
  it.each([
    ["预算十五镑", "15"], ["想送朋友礼物，预算二十镑", "20"], ["预算是30镑", "30"], ["十镑以下的茶", "10"],
  ])("%j sets a limit of £%s", (text, atMost) => {
    expect(extractEntities(text).price?.atMost).toBe(atMost);
  });
  it.each([["我要两卷和纸胶带", 2], ["我要三条700c内胎", 3], ["2 inner tubes 700c please", 2], ["四块曲奇", 4]])("%j is %i of them", (text, quantity) => {
    expect(extractEntities(text).quantity).toBe(quantity);
  });
  it("a budget in Chinese numerals asks for recommendations within it", () => {
    expect(readFirstIntent(understandingOf("想给朋友买个礼物，预算十五镑", { prediction: predicted("place_order") }), stateOf()).intent).toBe("recommendation");
  });
});

describe("damage in Chinese", () => {
  it.each([["收到的茶壶是坏的"], ["收到的蛋糕都是坏的"], ["面包发霉了"], ["灯摔坏了"]])("%j is damage", (text) => {
    expect(DAMAGED.test(normalizeText(text))).toBe(true);
  });
  it("is a complaint even when one product is named and the classifier is unsure", () => {
    expect(readFirstIntent(understandingOf("收到的青瓷茶壶是坏的", { prediction: predicted("product_question", 0.3) }), stateOf()).intent).toBe("complaint");
  });
});
