import type { Rule } from "../rule.ts";

/** "The second one", "第二个": a pick from the list just shown, whatever the classifier makes of it. */
export const pickFromList: Rule = {
  name: "pick-from-list",
  decide: (u) => u.entities.ordinal?.alone ? { kind: "pickShown", position: u.entities.ordinal.position } : null,
};
