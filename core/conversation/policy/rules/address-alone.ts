import type { Rule } from "../rule.ts";

/** An address sent on its own, read as contact details: for the latest order still without one, else kept for the next order. */
export const addressAlone: Rule = {
  name: "address-alone",
  decide: (u) => !u.givenAddress && u.prediction.intent === "leave_contact" && !u.entities.email && !u.entities.phone && !u.entities.invalidEmail && !u.entities.invalidPhone && u.tags.houseNumber && u.readsAsAddress ? { kind: "giveAddress", address: u.text, to: { latestUnsent: true, withoutAddress: true } } : null,
};
