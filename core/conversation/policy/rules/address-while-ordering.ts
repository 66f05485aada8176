import type { Rule } from "../rule.ts";

/** An address given while choosing ("Jane Smith, 4 Park Lane, Oxford OX1 2AB" before saying how many): kept for this order, not read as a quantity of 4. */
export const addressWhileOrdering: Rule = {
  name: "address-while-ordering",
  decide: (u, state) => !u.givenAddress && state.flow?.kind === "order" && !u.entities.email && !u.entities.phone && u.tags.houseNumber && u.readsAsAddress ? { kind: "keepAddressForThisOrder", address: u.text } : null,
};
