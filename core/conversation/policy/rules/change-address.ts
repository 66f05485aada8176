import type { Rule } from "../rule.ts";

/** "Change my address", "改地址": the new address is asked for. */
export const changeAddress: Rule = {
  name: "change-address",
  decide: (u) => u.tags.changeAddress ? { kind: "askForNewAddress" } : null,
};
