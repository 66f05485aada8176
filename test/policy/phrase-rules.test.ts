import { describe, expect, it } from "vitest";
import { decide } from "../../core/conversation/policy/decide.ts";
import { cartRequest } from "../../core/conversation/policy/rules/cart-request.ts";
import { checkoutWithCart } from "../../core/conversation/policy/rules/checkout-with-cart.ts";
import { paymentClaimed } from "../../core/conversation/policy/rules/payment-claimed.ts";
import { discountQuestion } from "../../core/conversation/policy/rules/discount-question.ts";
import { orderAgain } from "../../core/conversation/policy/rules/order-again.ts";
import { acknowledgement } from "../../core/conversation/policy/rules/acknowledgement.ts";
import { picturesOrPunctuation } from "../../core/conversation/policy/rules/pictures-or-punctuation.ts";
import { removeItem } from "../../core/conversation/policy/rules/remove-item.ts";
import { predicted, stateOf, understandingOf } from "./understanding-of.ts";

const withCart = stateOf({ cart: [{ productId: 1, quantity: 2 }] });
const waitingForYes = stateOf({ flow: { kind: "order", awaiting: "confirm", productId: 1, quantity: 2, nonce: "abcd" } });

describe("phrases that mean the same in any state", () => {
  it.each([
    ["/cart"], ["what's in my cart?"], ["my basket"], ["购物车"], ["我的购物车"],
  ])("reads %j as a request for the cart", (text) => {
    expect(cartRequest.decide(understandingOf(text), stateOf())).toEqual({ kind: "showCart" });
  });

  it.each([["hello"], ["cart please help"], ["购物车坏了怎么办"]])("does not read %j as a request for the cart", (text) => {
    expect(cartRequest.decide(understandingOf(text), stateOf())).toBeNull();
  });

  it.each([["checkout"], ["place my order"], ["that's all"], ["结账"], ["就这些"]])("reads %j as a checkout only with something in the cart and no open question", (text) => {
    expect(checkoutWithCart.decide(understandingOf(text), withCart)).toEqual({ kind: "showCart" });
    expect(checkoutWithCart.decide(understandingOf(text), stateOf())).toBeNull();
    expect(checkoutWithCart.decide(understandingOf(text), { ...withCart, flow: { kind: "contact" } })).toBeNull();
  });

  it.each([
    ["I've paid", true], ["transfer sent", true], ["已经付款了", true], ["我付款了", true],
    ["I paid but nothing came", false], ["我付款了但是还没收到", false], ["how do I pay?", false],
  ])("reads %j as a payment claim: %s", (text, claimed) => {
    expect(paymentClaimed.decide(understandingOf(text), stateOf())).toEqual(claimed ? { kind: "claimPayment" } : null);
  });

  it.each([["any discount if I buy 3?"], ["do you have a promo code"], ["有优惠吗"], ["能打折吗"]])("reads %j as a discount question", (text) => {
    expect(discountQuestion.decide(understandingOf(text), stateOf())).toEqual({ kind: "discount" });
  });

  it.each([
    ["same again", undefined], ["reorder order #12", 12], ["和上次一样", undefined], ["再来一单", undefined],
  ])("reads %j as the order again (number %s), unless an address is awaited", (text, orderId) => {
    expect(orderAgain.decide(understandingOf(text), stateOf())).toEqual({ kind: "orderAgain", ...(orderId !== undefined ? { orderId } : {}) });
    expect(orderAgain.decide(understandingOf(text), stateOf({ addressFor: 3 }))).toBeNull();
  });

  it.each([["remove the teapot"], ["take the candle out"], ["去掉茶壶"], ["茶壶不要了"]])("reads %j as a line out of the order only when an order is being put together", (text) => {
    expect(removeItem.decide(understandingOf(text), withCart)).toEqual({ kind: "removeFromOrder" });
    expect(removeItem.decide(understandingOf(text), stateOf())).toBeNull();
  });
});

describe("acknowledgements and pictures", () => {
  it.each([["nice"], ["got it"], ["收到"], ["谢谢"]])("answers %j with a nod, or the waiting order again", (text) => {
    expect(acknowledgement.decide(understandingOf(text, { prediction: predicted("greeting", 0.4) }), stateOf())).toEqual({ kind: "acknowledge", orderWaiting: false });
    expect(acknowledgement.decide(understandingOf(text), waitingForYes)).toEqual({ kind: "acknowledge", orderWaiting: true });
  });

  it("leaves a confident goodbye ('thanks') to its intent", () => {
    expect(acknowledgement.decide(understandingOf("thanks", { prediction: predicted("goodbye", 0.9) }), stateOf())).toBeNull();
    expect(acknowledgement.decide(understandingOf("thanks", { prediction: predicted("goodbye", 0.3) }), stateOf())).toEqual({ kind: "acknowledge", orderWaiting: false });
  });

  it.each([["👍", true], ["😊🙏", true], ["👎", false], ["???", false], ["...", false]])("answers %j kindly (cheerful: %s)", (text, cheerful) => {
    expect(picturesOrPunctuation.decide(understandingOf(text), stateOf())).toEqual({ kind: "emoji", cheerful });
  });
});

describe("the order of the rules", () => {
  it.each([
    ["checkout", withCart, "checkout-with-cart"],
    ["what's in my cart?", waitingForYes, "cart-request"],
    ["I've paid", stateOf(), "payment-claimed"],
    ["有优惠吗", waitingForYes, "discount-question"],
    ["same again", waitingForYes, "order-again"],
    ["3", waitingForYes, "flow-correction"],
    ["yes", waitingForYes, "flow-confirm"],
    ["好的确认", waitingForYes, "flow-confirm"],
    ["👍", stateOf(), "pictures-or-punctuation"],
    ["the second one", stateOf({ listedProductIds: [3, 4, 5] }), "pick-from-list"],
    ["第二个", stateOf({ listedProductIds: [3, 4, 5] }), "pick-from-list"],
  ])("gives %j (in its state) to the rule %s", (text, state, rule) => {
    expect(decide(understandingOf(text, { state }), state)?.rule.name).toBe(rule);
  });

  it("passes a declined decision to the rules after it", () => {
    const u = understandingOf("remove my email", { prediction: predicted("leave_contact", 0.9) });
    const first = decide(u, withCart);
    expect(first?.rule.name).toBe("remove-item");
    expect(decide(u, withCart, first!.index + 1)?.rule.name).not.toBe("remove-item");
  });
});
