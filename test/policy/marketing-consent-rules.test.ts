/**
 * Marketing consent in words (UK PECR / GDPR): "unsubscribe", "退订", "不要再发了" withdraw it and
 * "subscribe", "订阅" give it in any state, while "stop my order", "cancel" and a quick "stop" at an
 * open question keep the meaning they had. Phrases only: no database, no classifier.
 */
import { describe, expect, it } from "vitest";
import { decide } from "../../core/conversation/policy/decide.ts";
import { marketingConsent } from "../../core/conversation/policy/rules/marketing-consent.ts";
import { predicted, stateOf, understandingOf } from "./understanding-of.ts";

const noStep = stateOf();
const waitingForYes = stateOf({ flow: { kind: "order", awaiting: "confirm", productId: 1, quantity: 2, nonce: "abcd" } });
const askedToCancel = stateOf({ flow: { kind: "cancel", orderId: 5 } });
const askedForContact = stateOf({ flow: { kind: "contact" } });
const withCart = stateOf({ cart: [{ productId: 1, quantity: 2 }] });
const awaitingAddress = stateOf({ addressFor: 12 });
const EVERY_STATE = [noStep, waitingForYes, askedToCancel, askedForContact, withCart, awaitingAddress];

const WITHDRAWALS = [
  "unsubscribe", "Unsubscribe please", "UNSUBSCRIBE", "how do I unsubscribe?", "opt out", "opt-out", "STOPALL",
  "stop sending me messages", "stop sending me offers", "please stop messaging me", "stop spamming me",
  "stop these messages", "stop the promotions", "stop all marketing", "no more messages", "no more offers please",
  "don't send me any more offers", "do not message me again", "take me off your mailing list", "remove me from your list",
  "I don't want any more promotions",
  "退订", "我要退订", "退订。", "TD", "取消订阅", "不要再发了", "别再发了", "不要再给我发消息了", "别再给我发了",
  "不要给我发广告", "不想再收到你们的消息", "停止推送", "拒收",
];

const GIVINGS = [
  "subscribe", "Subscribe!", "I'd like to subscribe", "can I subscribe to your offers?", "resubscribe", "re-subscribe",
  "opt in", "sign me up", "sign me back up for offers", "start sending me offers",
  "订阅", "我要订阅", "我想订阅优惠", "重新订阅", "请订阅", "恢复推送",
];

/** Words that mean something else and must keep meaning it (orders, cancellations, products). */
const NOT_CONSENT = [
  "stop my order", "stop the order", "stop order #12", "cancel", "cancel my order", "stop sending my order",
  "I don't want to subscribe", "do you have a tea subscription?", "is there a subscription box?", "don't send it yet",
  "stop by the shop", "can I stop by tomorrow?", "non-stop delivery?", "no more than 3 please",
  "取消订单", "我要退订单", "退订这个订单", "不要了", "不要再发货了", "别发货", "不订阅", "我不想订阅", "订单", "停机坪",
];

describe("marketing consent in words", () => {
  it.each(WITHDRAWALS)("reads %j as consent withdrawn, whatever step is open", (text) => {
    for (const state of EVERY_STATE) {
      expect(marketingConsent.decide(understandingOf(text, { state }), state), JSON.stringify(state)).toEqual({ kind: "marketingConsent", given: false });
      // And no rule before it takes the message: it is the first to decide.
      expect(decide(understandingOf(text, { state }), state)?.rule.name).toBe("marketing-consent");
    }
  });

  it.each(GIVINGS)("reads %j as consent given, whatever step is open", (text) => {
    for (const state of EVERY_STATE) {
      expect(marketingConsent.decide(understandingOf(text, { state }), state), JSON.stringify(state)).toEqual({ kind: "marketingConsent", given: true });
    }
  });

  it.each(NOT_CONSENT)("does not read %j as consent either way", (text) => {
    for (const state of EVERY_STATE) expect(marketingConsent.decide(understandingOf(text, { state }), state), JSON.stringify(state)).toBeNull();
  });
});

describe("a bare \"stop\"", () => {
  it.each([["stop"], ["STOP"], ["Stop!"], ["stop please"], ["停止"], ["停"]])("withdraws consent with no step open: %j", (text) => {
    expect(decide(understandingOf(text), noStep)?.decision).toEqual({ kind: "marketingConsent", given: false });
    expect(decide(understandingOf(text, { state: awaitingAddress }), awaitingAddress)?.decision).toEqual({ kind: "marketingConsent", given: false });
  });

  it("keeps meaning no at an order waiting for its yes: the order is dropped, consent untouched", () => {
    const decided = decide(understandingOf("stop", { state: waitingForYes }), waitingForYes);
    expect(decided?.rule.name).toBe("flow-deny");
    expect(decided?.decision).toEqual({ kind: "abandonFlow" });
  });

  it("keeps meaning keep-it when asked 'cancel order #5?'", () => {
    expect(decide(understandingOf("stop", { state: askedToCancel }), askedToCancel)?.decision).toEqual({ kind: "answerCancel", orderId: 5, answer: "keep" });
  });

  it("keeps meaning no to 'your email or phone?'", () => {
    expect(decide(understandingOf("stop", { state: askedForContact }), askedForContact)?.decision).toEqual({ kind: "abandonFlow" });
  });

  it("leaves an order being put together to the rules that know it", () => {
    expect(marketingConsent.decide(understandingOf("stop", { state: withCart }), withCart)).toBeNull();
  });
});

describe("cancelling keeps its meaning", () => {
  it.each([["cancel"], ["cancel my order"], ["取消订单"], ["stop my order"]])("%j at an order waiting for its yes is not about consent", (text) => {
    const decided = decide(understandingOf(text, { state: waitingForYes, prediction: predicted("cancel_order") }), waitingForYes);
    expect(decided?.rule.name).not.toBe("marketing-consent");
  });

  it.each([["cancel my order"], ["stop my order"], ["我要退订单"]])("%j with no step open goes to the classifier's intent", (text) => {
    const decided = decide(understandingOf(text, { prediction: predicted("cancel_order") }), noStep);
    expect(decided?.rule.name).not.toBe("marketing-consent");
    expect(decided?.decision).toEqual({ kind: "routeIntent", intent: "cancel_order" });
  });
});
