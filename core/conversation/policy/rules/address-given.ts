import type { Rule } from "../rule.ts";

/** "My address is …", "地址是…": for the order waiting for one, else the latest order not yet sent, else kept for the next. */
export const addressGiven: Rule = {
  name: "address-given",
  decide: (u, state) => u.givenAddress?.reads ? { kind: "giveAddress", address: u.givenAddress.address, to: state.addressFor !== undefined ? { orderId: state.addressFor } : { latestUnsent: true } } : null,
};
