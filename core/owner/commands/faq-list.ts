/** `faq`: the owner's answers to common questions (customers asking them in their own words get them). */
import { z } from "zod";
import { listFaqEntries } from "../../faq/manage-faq.ts";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const faqListCommand: OwnerCommand<"faqList", TNoArgs> = {
  verb: "faqList",
  words: ["faq"],
  usage: "faq",
  help: { en: "your answers to common questions", zh: "常见问题的回答" },
  examples: ["faq", "faq list"],
  ZArgs,
  mutates: false,
  read(words) {
    const sub = words[1]?.toLowerCase();
    if (sub === undefined || sub === "list") return { ok: true, args: {} };
    if (["add", "remove", "delete", "rm"].includes(sub)) return null;
    return { ok: false, usage: "faq | faq add <question> | <answer> | faq remove <id>" };
  },
  write: () => "faq",
  async run({ deps, t }) {
    const entries = await listFaqEntries(deps.db);
    if (entries.length === 0) return [{ text: t.faq.none }];
    return [{ text: [t.faq.heading, ...entries.map((e) => `#${e.id} ${e.question}\n    → ${e.answer}`)].join("\n") }];
  },
};
