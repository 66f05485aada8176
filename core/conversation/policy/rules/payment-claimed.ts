import type { Rule } from "../rule.ts";

/** "I've paid", "已经付款了" (not "I paid but nothing came"): the owner is told, the order is not marked paid. */
export const paymentClaimed: Rule = {
  name: "payment-claimed",
  decide: (u) => u.tags.paid && !u.tags.paidBut ? { kind: "claimPayment" } : null,
};
