/** `resume <conversation>`: the bot answers a handed-off customer again, and tells them so. */
import { z } from "zod";
import { conversationSubject } from "../../audit/record-audit-entry.ts";
import { resumeBot } from "../../crm/request-handoff.ts";
import { tellCustomerBotIsBack } from "../../handoff/resume-handoff.ts";
import { ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ conversationId: ZId });

export const resumeCommand: OwnerCommand<"resume", z.infer<typeof ZArgs>> = {
  verb: "resume",
  words: ["resume"],
  usage: "resume <conversation>",
  help: { en: "let the bot answer a conversation again", zh: "让机器人重新接管对话" },
  examples: ["resume 3"],
  ZArgs,
  mutates: true,
  read(words) {
    const id = ZId.safeParse(words[1]);
    return id.success ? { ok: true, args: { conversationId: id.data } } : { ok: false, usage: "resume <conversation>" };
  },
  write: ({ conversationId }) => `resume ${conversationId}`,
  async run({ deps, t, audit }, { conversationId }) {
    const resumed = await resumeBot(deps.db, conversationId);
    if (resumed) await audit({ subject: conversationSubject(conversationId), before: { mode: "handoff" }, after: { mode: "bot" } });
    if (resumed) await tellCustomerBotIsBack(deps, { conversationId, at: deps.clock.now() });
    return [{ text: resumed ? t.resume.done(conversationId) : t.resume.notWaiting(conversationId) }];
  },
};
