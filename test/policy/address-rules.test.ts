import { describe, expect, it } from "vitest";
import { decide } from "../../core/conversation/policy/decide.ts";
import { addressAlone } from "../../core/conversation/policy/rules/address-alone.ts";
import { addressAwaited } from "../../core/conversation/policy/rules/address-awaited.ts";
import { addressGiven } from "../../core/conversation/policy/rules/address-given.ts";
import { addressWhileOrdering } from "../../core/conversation/policy/rules/address-while-ordering.ts";
import { changeAddress } from "../../core/conversation/policy/rules/change-address.ts";
import { predicted, stateOf, understandingOf } from "./understanding-of.ts";

describe("addresses", () => {
  it.each([
    ["my address is 4 Park Lane, Oxford OX1 2AB", "4 Park Lane, Oxford OX1 2AB"],
    ["ship it to 10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA"],
    ["地址是北京市朝阳区建国路88号", "北京市朝阳区建国路88号"],
  ])("takes %j for the order awaiting one, else the latest not yet sent", (text, address) => {
    expect(addressGiven.decide(understandingOf(text), stateOf({ addressFor: 7 }))).toEqual({ kind: "giveAddress", address, to: { orderId: 7 } });
    expect(addressGiven.decide(understandingOf(text), stateOf())).toEqual({ kind: "giveAddress", address, to: { latestUnsent: true } });
  });

  it("does not take 'my address is wrong' as an address, and lets 'change my address' ask for the new one", () => {
    const u = understandingOf("my address is wrong, can I change my address?");
    expect(addressGiven.decide(u, stateOf())).toBeNull();
    expect(decide(u, stateOf())?.decision).toEqual({ kind: "askForNewAddress" });
    expect(changeAddress.decide(understandingOf("改地址"), stateOf())).toEqual({ kind: "askForNewAddress" });
  });

  it.each([["4 Park Lane, Oxford, OX1 2AB"], ["上海市徐汇区漕溪北路100号"]])("takes %j as the address an order awaits", (text) => {
    expect(addressAwaited.decide(understandingOf(text), stateOf({ addressFor: 3 }))).toEqual({ kind: "giveAddress", address: text, to: { orderId: 3 } });
    expect(addressAwaited.decide(understandingOf(text), stateOf())).toBeNull();
  });

  it("keeps an address given while choosing for this order, not as a quantity of 4", () => {
    const state = stateOf({ flow: { kind: "order", awaiting: "quantity", productId: 1, nonce: "n" } });
    const text = "Jane Smith, 4 Park Lane, Oxford OX1 2AB";
    expect(addressWhileOrdering.decide(understandingOf(text, { state }), state)).toEqual({ kind: "keepAddressForThisOrder", address: text });
    expect(decide(understandingOf(text, { state }), state)?.rule.name).toBe("address-while-ordering");
  });

  it("sends an address read as contact details to the latest order without one", () => {
    const text = "12 High Street, Leeds, LS1 4AB";
    expect(addressAlone.decide(understandingOf(text, { prediction: predicted("leave_contact", 0.8) }), stateOf())).toEqual({ kind: "giveAddress", address: text, to: { latestUnsent: true, withoutAddress: true } });
    expect(addressAlone.decide(understandingOf(text, { prediction: predicted("place_order", 0.8) }), stateOf())).toBeNull();
  });

  it("does not read a shopping list as an address", () => {
    const u = understandingOf("2 lavender candles, 3 jasmine tea, 1 celadon teapot", { prediction: predicted("place_order", 0.9) });
    expect(u.readsAsAddress).toBe(false);
    expect(addressAwaited.decide(u, stateOf({ addressFor: 3 }))).toBeNull();
  });
});
