import { describe, expect, it } from "vitest";
import type { TDialogueState, TOrderFlow } from "../../core/conversation/dialogue-state.ts";
import { decide } from "../../core/conversation/policy/decide.ts";
import { MAY_DECLINE } from "../../core/conversation/policy/decision.ts";
import { flowCancel } from "../../core/conversation/policy/rules/flow-cancel.ts";
import { flowContact } from "../../core/conversation/policy/rules/flow-contact.ts";
import type { Understanding } from "../../core/conversation/understand/understanding.ts";
import { predicted, stateOf, understandingOf } from "./understanding-of.ts";

const order = (flow: Omit<TOrderFlow, "kind" | "nonce">, cart: TDialogueState["cart"] = []) => stateOf({ flow: { kind: "order", nonce: "n", ...flow }, cart });

/** The decision taken when every handler that may decline does. */
function settled(u: Understanding, state: TDialogueState) {
  for (let found = decide(u, state); found; found = decide(u, state, found.index + 1)) if (!MAY_DECLINE.has(found.decision.kind)) return found.decision;
  return null;
}

describe("answers to an open step", () => {
  it.each([
    ["yes", "cancel"], ["cancel it", "cancel"], ["是的，取消", "cancel"], ["取消吧", "cancel"],
    ["no", "keep"], ["keep it", "keep"], ["不用", "keep"], ["别取消", "keep"],
    ["where is my parcel?", "other"], ["我的包裹在哪", "other"],
  ])("reads %j after 'cancel order #5?' as %s", (text, answer) => {
    const state = stateOf({ flow: { kind: "cancel", orderId: 5 } });
    expect(flowCancel.decide(understandingOf(text, { state }), state)).toEqual({ kind: "answerCancel", orderId: 5, answer });
  });

  it.each([
    ["anna@example.com", { kind: "leaveContact" }], ["+44 7700 900123", { kind: "leaveContact" }], ["anna@", { kind: "leaveContact" }],
    ["no thanks", { kind: "abandonFlow" }], ["不用了", { kind: "abandonFlow" }], ["what teas do you have?", null],
  ])("reads %j when asked for an email or phone", (text, decision) => {
    const state = stateOf({ flow: { kind: "contact" } });
    expect(flowContact.decide(understandingOf(text, { state }), state)).toEqual(decision);
  });

  it.each([
    // Asked how many lavender candles.
    ["3", order({ awaiting: "quantity", productId: 1 }), { kind: "continueOrder", productId: 1, quantity: 3 }],
    ["三个", order({ awaiting: "quantity", productId: 1 }), { kind: "continueOrder", productId: 1, quantity: 3 }],
    ["yes", order({ awaiting: "quantity", productId: 1 }), { kind: "continueOrder", productId: 1, quantity: 1 }],
    ["2.5", order({ awaiting: "quantity", productId: 1 }), { kind: "continueOrder", productId: 1, quantity: -1 }],
    ["no", order({ awaiting: "quantity", productId: 1 }), { kind: "abandonFlow" }],
    ["不要了", order({ awaiting: "quantity", productId: 1 }, [{ productId: 3, quantity: 1 }]), { kind: "showOrderSoFar" }],
    // Asked what else.
    ["that's all", order({ awaiting: "product" }, [{ productId: 3, quantity: 1 }]), { kind: "showOrderSoFar" }],
    ["就这些", order({ awaiting: "product" }, [{ productId: 3, quantity: 1 }]), { kind: "showOrderSoFar" }],
    ["teaware", order({ awaiting: "product" }), { kind: "showCategoryPage", category: "Teaware" }],
    ["文具", order({ awaiting: "product" }), { kind: "showCategoryPage", category: "Stationery" }],
    ["the celadon teapot", order({ awaiting: "product", quantity: 2 }), { kind: "continueOrder", productId: 5, quantity: 2 }],
    ["青瓷茶壶", order({ awaiting: "product" }), { kind: "continueOrder", productId: 5 }],
    ["candles", order({ awaiting: "product", quantity: 2 }), { kind: "showCategoryPage", category: "Candles" }],
    ["4", order({ awaiting: "product" }), { kind: "continueOrder", quantity: 4 }],
    // Asked to confirm 2 lavender candles.
    ["yes", order({ awaiting: "confirm", productId: 1, quantity: 2 }), { kind: "confirmOrder" }],
    ["好的", order({ awaiting: "confirm", productId: 1, quantity: 2 }), { kind: "confirmOrder" }],
    ["make it 3", order({ awaiting: "confirm", productId: 1, quantity: 2 }), { kind: "continueOrder", productId: 1, quantity: 3 }],
    ["改成5个", order({ awaiting: "confirm", productId: 1, quantity: 2 }), { kind: "continueOrder", productId: 1, quantity: 5 }],
    ["no, the sandalwood candle", order({ awaiting: "confirm", productId: 1, quantity: 2 }), { kind: "continueOrder", productId: 2, quantity: 2 }],
    ["I'd also like the celadon teapot", order({ awaiting: "confirm", productId: 1, quantity: 2 }), { kind: "addAnotherLine", productId: 5 }],
    ["add something else", order({ awaiting: "confirm", productId: 1, quantity: 2 }), { kind: "addMoreTyped" }],
    ["再选一件", order({ awaiting: "confirm", productId: 1, quantity: 2 }), { kind: "addMoreTyped", quantity: 1 }],
    ["nevermind", order({ awaiting: "confirm", productId: 1, quantity: 2 }), { kind: "abandonFlow" }],
  ])("reads %j in the order step as %o", (text, state, decision) => {
    expect(settled(understandingOf(text, { state, prediction: predicted("place_order", 0.6) }), state)).toEqual(decision);
  });

  it("at the confirmation of several products, asks which line a bare number is for", () => {
    const state = order({ awaiting: "confirm" }, [{ productId: 1, quantity: 1 }, { productId: 3, quantity: 2 }]);
    expect(settled(understandingOf("3", { state }), state)).toEqual({ kind: "whichLineToChange", quantity: 3 });
    expect(settled(understandingOf("0", { state }), state)).toEqual({ kind: "invalidQuantity" });
    // "Make it 3 teas": the line of the category named, 3 in all (not 3 more).
    expect(settled(understandingOf("make it 3 teas", { state }), state)).toEqual({ kind: "continueOrder", productId: 3, quantity: 3, cartWithout: 3 });
    // "2 more", "再来两个" at an order ending in 2 jasmine teas: that many more.
    const endingInTea = order({ awaiting: "confirm", productId: 3, quantity: 2 }, [{ productId: 1, quantity: 1 }]);
    expect(settled(understandingOf("2 more", { state: endingInTea }), endingInTea)).toEqual({ kind: "continueOrder", productId: 3, quantity: 4, cartWithout: 3 });
    expect(settled(understandingOf("再来两个", { state: endingInTea }), endingInTea)).toEqual({ kind: "continueOrder", productId: 3, quantity: 4, cartWithout: 3 });
  });

  it("swaps the one product of an order for another named with 'instead'", () => {
    const state = order({ awaiting: "confirm" }, [{ productId: 1, quantity: 2 }]);
    expect(settled(understandingOf("can I have the sandalwood candle instead?", { state }), state)).toEqual({ kind: "continueOrder", productId: 2, quantity: 2, clearCart: true });
    expect(settled(understandingOf("换成檀香蜡烛", { state }), state)).toEqual({ kind: "continueOrder", productId: 2, quantity: 2, clearCart: true });
  });

  it("leaves a question about another product at the confirmation to its intent", () => {
    const state = order({ awaiting: "confirm", productId: 1, quantity: 2 });
    const u = understandingOf("is the jasmine green tea organic?", { state, prediction: predicted("product_question", 0.9) });
    expect(settled(u, state)).toEqual({ kind: "questionWhileOrderWaits", intent: "product_question" });
  });

  it("asks again for a quantity when the answer is out of scope", () => {
    const state = order({ awaiting: "quantity", productId: 1 });
    expect(settled(understandingOf("purple monkey dishwasher", { state, prediction: { intent: "oos", confidence: 0.9, ranking: [] } }), state)).toEqual({ kind: "invalidQuantity" });
  });
});
