/**
 * Asks the rules in order and returns the first decision, with where it was found: when the act
 * step's handler declines a tentative decision, the rules after it are asked (`from`), and when it
 * adds to the understanding (the model's reading) the same rule is asked again.
 */
import type { TDialogueState } from "../dialogue-state.ts";
import type { Understanding } from "../understand/understanding.ts";
import type { Decision } from "./decision.ts";
import type { Rule } from "./rule.ts";
import { TEXT_RULES } from "./rules.ts";

export interface Decided {
  decision: Decision;
  /** The rule that decided. */
  rule: Rule;
  /** Its position in the list. */
  index: number;
}

/** The first decision of `rules` (the typed message's rules by default) from position `from`; null when none decides. */
export function decide(u: Understanding, state: TDialogueState, from = 0, rules: readonly Rule[] = TEXT_RULES): Decided | null {
  for (let index = from; index < rules.length; index++) {
    const rule = rules[index]!;
    const decision = rule.decide(u, state);
    if (decision) return { decision, rule, index };
  }
  return null;
}
