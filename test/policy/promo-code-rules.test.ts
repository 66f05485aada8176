/**
 * A promo code in what the customer writes, read from the words and the shop's codes alone (no
 * database, no classifier): found in a sentence in either language and in any state, ahead of a
 * discount question or the order waiting for its yes; a word put forward as a code the shop does not
 * have is still a code (to be answered as unknown); addresses, quantities and SKUs are not codes.
 */
import { describe, expect, it } from "vitest";
import { decide } from "../../core/conversation/policy/decide.ts";
import { promoCodeGiven } from "../../core/conversation/policy/rules/promo-code-given.ts";
import { CATALOG, predicted, stateOf, understandingOf } from "./understanding-of.ts";

const known = { knownPromoCodes: ["SPRING10", "WELCOME"] };
const waitingForYes = stateOf({ flow: { kind: "order", awaiting: "confirm", productId: 1, quantity: 2, nonce: "abcd" } });

describe("a promo code the customer gives", () => {
  it.each([
    ["do you take spring10?", "SPRING10"],
    ["SPRING10", "SPRING10"],
    ["I have a coupon SPRING10, can I use it?", "SPRING10"],
    ["我有优惠码SPRING10", "SPRING10"],
    ["优惠码 spring10 能用吗", "SPRING10"],
    ["WELCOME", "WELCOME"],
    ["my code is welcome", "WELCOME"],
  ])("reads %j as the code %s", (text, code) => {
    expect(promoCodeGiven.decide(understandingOf(text, known), stateOf())).toEqual({ kind: "applyPromo", code });
  });

  it("comes before the order waiting for its yes, and before a discount question", () => {
    expect(decide(understandingOf("spring10", { ...known, prediction: predicted("place_order") }), waitingForYes)?.decision).toEqual({ kind: "applyPromo", code: "SPRING10" });
    expect(decide(understandingOf("any discount with code SPRING10?", known), stateOf())?.decision).toEqual({ kind: "applyPromo", code: "SPRING10" });
    expect(decide(understandingOf("any discounts?", known), stateOf())?.decision).toEqual({ kind: "discount" });
  });

  it.each([
    ["my code is NOPE99", "NOPE99"],
    ["can I use SPRNG10?", "SPRNG10"],
    ["优惠码NOPE99", "NOPE99"],
  ])("reads %j as a code the shop does not have (%s), to be answered as unknown", (text, code) => {
    expect(promoCodeGiven.decide(understandingOf(text, known), stateOf())).toEqual({ kind: "applyPromo", code });
  });

  it.each([
    ["welcome back!"],
    ["spring tea please"],
    ["12 Baker Street, London NW1 6XE"],
    ["I'd like 2 lavender candles"],
    // Looks like a code, but is neither the shop's nor put forward as one.
    ["ABC123"],
  ])("does not read %j as a code", (text) => {
    expect(promoCodeGiven.decide(understandingOf(text, known), stateOf())).toBeNull();
  });

  it("reads a product's SKU after \"use\" as the product, not an unknown code", () => {
    const catalog = [...CATALOG, { ...CATALOG[2]!, id: 99, sku: "TEA-001" }];
    expect(promoCodeGiven.decide(understandingOf("can I use TEA-001 for iced tea?", { ...known, catalog }), stateOf())).toBeNull();
    expect(promoCodeGiven.decide(understandingOf("can I use TEA-002 for iced tea?", { ...known, catalog }), stateOf())).toEqual({ kind: "applyPromo", code: "TEA-002" });
  });
});
