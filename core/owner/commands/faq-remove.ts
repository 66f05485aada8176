/** `faq remove <id>`: an answer customers no longer get. */
import { z } from "zod";
import { faqSubject } from "../../audit/record-audit-entry.ts";
import { removeFaqEntry } from "../../faq/manage-faq.ts";
import { ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ entryId: ZId });

export const faqRemoveCommand: OwnerCommand<"faqRemove", z.infer<typeof ZArgs>> = {
  verb: "faqRemove",
  words: ["faq"],
  usage: "faq remove <id>",
  help: { en: "remove an answer", zh: "删除一条回答" },
  examples: ["faq remove 3", "faq delete 3"],
  ZArgs,
  mutates: true,
  read(words) {
    if (!["remove", "delete", "rm"].includes(words[1]?.toLowerCase() ?? "")) return null;
    const id = ZId.safeParse(words[2]);
    return id.success ? { ok: true, args: { entryId: id.data } } : { ok: false, usage: "faq remove <id>" };
  },
  write: ({ entryId }) => `faq remove ${entryId}`,
  async run({ deps, t, audit }, { entryId }) {
    const entry = await removeFaqEntry(deps.db, entryId);
    await audit({ subject: faqSubject(entryId), before: { question: entry.question, answer: entry.answer }, after: null });
    return [{ text: t.faq.removed(entryId) }];
  },
};
