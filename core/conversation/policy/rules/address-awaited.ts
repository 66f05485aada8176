import type { Rule } from "../rule.ts";

/** An address asked for (just placed, or "change my address"): the next message that reads as one is it. */
export const addressAwaited: Rule = {
  name: "address-awaited",
  decide: (u, state) => !u.givenAddress && state.addressFor !== undefined && !u.entities.email && !u.entities.phone && u.readsAsAddress ? { kind: "giveAddress", address: u.text, to: { orderId: state.addressFor } } : null,
};
