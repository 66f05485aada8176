/** `audience delete <name>`: forgets a saved audience. */
import { z } from "zod";
import type { Prisma } from "../../db.ts";
import { audienceSubject } from "../../audit/record-audit-entry.ts";
import { deleteAudience } from "../../audiences/delete-audience.ts";
import { textAfterWords } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ name: z.string().trim().min(1).max(200) });

export const audienceDeleteCommand: OwnerCommand<"audienceDelete", z.infer<typeof ZArgs>> = {
  verb: "audienceDelete",
  words: ["audience"],
  usage: "audience delete <name>",
  help: { en: "forget a saved audience", zh: "删除已保存的受众" },
  examples: ["audience delete lapsed", "audience delete Lapsed tea lovers"],
  ZArgs,
  mutates: true,
  read(words, line) {
    if (words[1]?.toLowerCase() !== "delete") return null;
    const name = textAfterWords(line, 2);
    return name ? { ok: true, args: { name } } : { ok: false, usage: "audience delete <name>" };
  },
  write: ({ name }) => `audience delete ${name}`,
  async run({ deps, t, audit }, { name }) {
    const deleted = await deleteAudience(deps.db, name);
    await audit({ subject: audienceSubject(deleted.name), before: { definition: deleted.definition as Prisma.InputJsonValue }, after: null });
    return [{ text: t.audiences.deleted(deleted.name) }];
  },
};
