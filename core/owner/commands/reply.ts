/** `reply <conversation> <text>`: the owner's answer to a handed-off customer, sent on their channel. */
import { z } from "zod";
import { conversationSubject } from "../../audit/record-audit-entry.ts";
import { sendToCustomer } from "../../conversation/send-to-customer.ts";
import { AppError } from "../../errors.ts";
import { textAfterWords, ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ conversationId: ZId, text: z.string().min(1) });
const USAGE = "reply <conversation> <text>";

export const replyCommand: OwnerCommand<"reply", z.infer<typeof ZArgs>> = {
  verb: "reply",
  words: ["reply"],
  usage: USAGE,
  help: { en: "answer a customer waiting for you", zh: "回复等待您的顾客" },
  examples: ["reply 3 Yes, it ships tomorrow."],
  ZArgs,
  mutates: true,
  read(words, line) {
    const id = ZId.safeParse(words[1]);
    const text = textAfterWords(line, 2);
    return id.success && text ? { ok: true, args: { conversationId: id.data, text } } : { ok: false, usage: USAGE };
  },
  write: ({ conversationId, text }) => `reply ${conversationId} ${text}`,
  async run({ deps, t, audit }, { conversationId, text }) {
    const conversation = await deps.db.conversation.findUnique({ where: { id: conversationId } });
    if (!conversation) throw new AppError("NOT_FOUND", { message: `No conversation ${conversationId}.`, userMessage: t.reply.notFound(conversationId) });
    const at = deps.clock.now();
    const delivered = await sendToCustomer(deps, { conversationId, replies: [{ text }], direction: "owner", at });
    await deps.db.conversation.update({ where: { id: conversationId }, data: { lastOwnerReplyAt: at } });
    await audit({ subject: conversationSubject(conversationId), after: { sent: text } });
    return [{ text: delivered ? t.reply.sent(conversationId) : t.reply.saved(conversationId) }];
  },
};
