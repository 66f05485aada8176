/**
 * `note <conversation> <text>`: a note on a conversation for the owner's eyes only, as `note: …` in a
 * Slack handoff thread keeps one (the customer never sees it; the inbox shows it).
 */
import { z } from "zod";
import { conversationSubject } from "../../audit/record-audit-entry.ts";
import { AppError } from "../../errors.ts";
import { textAfterWords, ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ conversationId: ZId, text: z.string().trim().min(1).max(5_000) });
const USAGE = "note <conversation> <text>";

export const conversationNoteCommand: OwnerCommand<"conversationNote", z.infer<typeof ZArgs>> = {
  verb: "conversationNote",
  words: ["note"],
  usage: USAGE,
  help: { en: "keep a note on a conversation (the customer does not see it)", zh: "在对话中记备注（顾客看不到）" },
  examples: ["note 3 Asked for a refund by phone"],
  ZArgs,
  mutates: true,
  read(words, line) {
    const id = ZId.safeParse(words[1]);
    const text = textAfterWords(line, 2);
    return id.success && text ? { ok: true, args: { conversationId: id.data, text } } : { ok: false, usage: USAGE };
  },
  write: ({ conversationId, text }) => `note ${conversationId} ${text}`,
  async run({ deps, t, audit }, { conversationId, text }) {
    const conversation = await deps.db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
    if (!conversation) throw new AppError("NOT_FOUND", { message: `No conversation ${conversationId}.`, userMessage: t.reply.notFound(conversationId) });
    const note = await deps.db.message.create({ data: { conversationId, direction: "note", text, createdAt: deps.clock.now() } });
    await audit({ subject: conversationSubject(conversationId), after: { note: note.id } });
    return [{ text: t.notes.conversationAdded(conversationId) }];
  },
};
