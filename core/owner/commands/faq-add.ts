/** `faq add <question> | <answer>`: a new answer customers get when they ask that question in their own words. */
import { z } from "zod";
import { faqSubject } from "../../audit/record-audit-entry.ts";
import { addFaqEntry } from "../../faq/manage-faq.ts";
import { textAfterWords } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ question: z.string(), answer: z.string() });
const unquote = (s: string) => s.trim().replace(/^["“”']+|["“”']+$/g, "").trim();

export const faqAddCommand: OwnerCommand<"faqAdd", z.infer<typeof ZArgs>> = {
  verb: "faqAdd",
  words: ["faq"],
  usage: "faq add <question> | <answer>",
  help: { en: "add an answer", zh: "添加一条回答" },
  examples: ["faq add Do you gift wrap? | Yes, £2 per item, chosen at checkout."],
  ZArgs,
  mutates: true,
  read(words, line) {
    if (words[1]?.toLowerCase() !== "add") return null;
    // Everything after "faq add", split at the first "|": quotes are not needed (Slack turns them curly).
    const rest = textAfterWords(line, 2);
    const bar = rest.indexOf("|");
    return bar > 0 ? { ok: true, args: { question: unquote(rest.slice(0, bar)), answer: unquote(rest.slice(bar + 1)) } } : { ok: false, usage: "faq add <question> | <answer>" };
  },
  write: ({ question, answer }) => `faq add ${question} | ${answer}`,
  async run({ deps, t, audit }, { question, answer }) {
    const entry = await addFaqEntry(deps.db, { question, answer });
    await audit({ subject: faqSubject(entry.id), before: null, after: { question: entry.question, answer: entry.answer } });
    return [{ text: t.faq.added(entry.id, entry.question, entry.answer) }];
  },
};
