import type { Rule } from "../rule.ts";

/** Pictures or punctuation alone: answered kindly (unhappy ones with help), never counted as not understood. */
export const picturesOrPunctuation: Rule = {
  name: "pictures-or-punctuation",
  decide: (u) => u.tags.emojiOnly || u.tags.symbolsOnly ? { kind: "emoji", cheerful: u.tags.emojiOnly && !u.tags.unhappyEmoji } : null,
};
