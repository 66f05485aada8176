import { describe, expect, it } from "vitest";
import { emptyCart, openNextLine, orderPlaced, removeLine, setLines } from "../../core/conversation/state/cart.ts";
import {
  askFlow, askWhich, closeFlow, leaveFlow, misunderstandingsOf, misunderstood, showList, showProduct, understood,
} from "../../core/conversation/state/dialogue.ts";
import { MAX_CART_LINES, ZDialogueState } from "../../core/conversation/dialogue-state.ts";
import { stateOf } from "./understanding-of.ts";

const confirming = stateOf({ cart: [{ productId: 1, quantity: 1 }], flow: { kind: "order", awaiting: "confirm", productId: 3, quantity: 2, nonce: "n" } });

describe("the cart's transitions", () => {
  it("takes a line out of the whole order, the line being confirmed included, and leaves the state before as it was", () => {
    const next = removeLine(confirming, 1);
    expect(next.cart).toEqual([{ productId: 3, quantity: 2 }]);
    expect(confirming.cart).toEqual([{ productId: 1, quantity: 1 }]);
    expect(removeLine(confirming, 3).cart).toEqual([{ productId: 1, quantity: 1 }]);
  });

  it("opens the next line with the order being confirmed in the cart, unless the order is full", () => {
    const next = openNextLine(confirming);
    expect(next?.cart).toEqual([{ productId: 1, quantity: 1 }, { productId: 3, quantity: 2 }]);
    expect(next?.flow).toMatchObject({ kind: "order", awaiting: "product" });
    const full = stateOf({ cart: Array.from({ length: MAX_CART_LINES }, (_, i) => ({ productId: i + 1, quantity: 1 })) });
    expect(openNextLine({ ...full, flow: { kind: "order", awaiting: "confirm", nonce: "n" } })).toBeNull();
  });

  it("empties the cart and awaits the address once the order is placed, remembering its Confirm button", () => {
    const next = orderPlaced(confirming, { nonce: "n", orderId: 12 });
    expect(next).toMatchObject({ cart: [], addressFor: 12, placed: { nonce: "n", orderId: 12 } });
    expect(next.flow).toBeUndefined();
    expect(emptyCart(confirming).cart).toEqual([]);
    expect(setLines(stateOf(), [{ productId: 2, quantity: 3 }]).cart).toEqual([{ productId: 2, quantity: 3 }]);
  });
});

describe("the dialogue's transitions", () => {
  it("moves an item waiting for its confirmation into the cart when the customer moves on", () => {
    const next = leaveFlow(confirming);
    expect(next.flow).toBeUndefined();
    expect(next.cart).toEqual([{ productId: 1, quantity: 1 }, { productId: 3, quantity: 2 }]);
    const choosing = askFlow(stateOf({ cart: [{ productId: 1, quantity: 1 }] }), { kind: "order", awaiting: "product", nonce: "m" });
    expect(leaveFlow(choosing).cart).toEqual([{ productId: 1, quantity: 1 }]);
    expect(closeFlow(choosing).flow).toBeUndefined();
  });

  it("remembers a list for 'the second one' and a card for 'it'", () => {
    expect(showList(stateOf(), [4, 5])).toMatchObject({ shownProductIds: [4, 5], listedProductIds: [4, 5] });
    expect(showProduct(showList(stateOf(), [4, 5]), 5)).toMatchObject({ lastProductId: 5, shownProductIds: [5], listedProductIds: [4, 5] });
    expect(askWhich(stateOf(), "x".repeat(5_000), [1, 2]).pendingQuestion).toEqual({ text: "x".repeat(4_000), productIds: [1, 2] });
  });

  it("counts misunderstandings in the state, starting from the old column for conversations begun before", () => {
    expect(misunderstandingsOf(misunderstood(stateOf()))).toBe(1);
    expect(misunderstandingsOf(misunderstood(stateOf(), 1))).toBe(2);
    expect(misunderstandingsOf(misunderstood(stateOf({ lowConfidenceStreak: 0 }), 1))).toBe(1);
    expect(misunderstandingsOf(understood(misunderstood(stateOf())))).toBe(0);
    // Saved and read back with the rest of the state.
    expect(ZDialogueState.parse(JSON.parse(JSON.stringify(misunderstood(stateOf())))).lowConfidenceStreak).toBe(1);
  });
});
