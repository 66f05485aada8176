/**
 * A rule of the customer conversation: a pure function of the message's reading and the dialogue
 * state that returns a decision, or null to let the next rule speak. Rules never touch the database,
 * the clock or the classifier; their order lives in policy/rules.ts.
 */
import type { TDialogueState } from "../dialogue-state.ts";
import type { Understanding } from "../understand/understanding.ts";
import type { Decision } from "./decision.ts";

export interface Rule {
  /** Says what the rule is about, for tests and for tracing a turn. */
  readonly name: string;
  readonly decide: (u: Understanding, state: TDialogueState) => Decision | null;
}
