/**
 * `review <message> intent <intent>` | `review <message> faq <answer>` | `review <message> dismiss`:
 * the owner deals with a customer message the assistant misunderstood (the dashboard's queue). An
 * intent becomes one of the shop's own training examples (stored in the database, used at the next
 * `retrain`); an FAQ answer becomes an FAQ entry with the message as its question; dismissing takes
 * it off the queue.
 */
import { z } from "zod";
import { faqSubject } from "../../audit/record-audit-entry.ts";
import { AppError } from "../../errors.ts";
import { addFaqEntry } from "../../faq/manage-faq.ts";
import { textAfterWords, ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.discriminatedUnion("action", [
  z.object({ messageId: ZId, action: z.literal("intent"), intent: z.string().regex(/^[a-z_]{2,40}$/) }),
  z.object({ messageId: ZId, action: z.literal("faq"), answer: z.string().trim().min(1).max(2_000) }),
  z.object({ messageId: ZId, action: z.literal("dismiss") }),
]);
type TArgs = z.infer<typeof ZArgs>;
const USAGE = "review <message> intent <intent> | review <message> faq <answer> | review <message> dismiss";

/** The subject of an entry about a customer message. */
const messageSubject = (id: number) => `message:${id}`;

export const reviewCommand: OwnerCommand<"review", TArgs> = {
  verb: "review",
  words: ["review"],
  usage: USAGE,
  help: {
    en: "deal with a message the assistant misunderstood: teach its intent, answer it as an FAQ, or dismiss it",
    zh: "处理助手未理解的消息：教它意图、设为常见问题，或忽略",
  },
  examples: ["review 41 intent place_order", "review 41 faq Yes, we deliver on Saturdays.", "review 41 dismiss"],
  ZArgs,
  mutates: true,
  read(words, line) {
    const id = ZId.safeParse(words[1]?.replace(/^#/, ""));
    const action = words[2]?.toLowerCase();
    if (!id.success) return { ok: false, usage: USAGE };
    if (action === "dismiss" && words.length === 3) return { ok: true, args: { messageId: id.data, action } };
    if (action === "intent" && words.length === 4) return { ok: true, args: { messageId: id.data, action, intent: words[3]!.toLowerCase() } };
    const answer = textAfterWords(line, 3);
    if (action === "faq" && answer) return { ok: true, args: { messageId: id.data, action, answer } };
    return { ok: false, usage: USAGE };
  },
  write: (args) => `review ${args.messageId} ${args.action === "intent" ? `intent ${args.intent}` : args.action === "faq" ? `faq ${args.answer}` : "dismiss"}`,
  async run({ deps, t, audit, actor }, args) {
    const message = await deps.db.message.findFirst({ where: { id: args.messageId, direction: "inbound" }, include: { conversation: { select: { customerId: true } } } });
    if (!message) throw new AppError("NOT_FOUND", { message: `No customer message #${args.messageId}.`, userMessage: t.review.notFound(args.messageId) });
    const at = deps.clock.now();
    const before = { review: message.review };
    if (args.action === "intent") {
      const known = deps.customerIntents?.intents() ?? [];
      if (!known.includes(args.intent)) throw new AppError("INVALID_INPUT", { message: `unknown intent ${args.intent}`, userMessage: t.review.unknownIntent(args.intent, known.join(", ")) });
      await deps.db.intentExample.create({ data: { text: message.text, intent: args.intent, messageId: message.id, customerId: message.conversation.customerId, actor, createdAt: at } });
      await deps.db.message.update({ where: { id: message.id }, data: { reviewedAt: at, review: `intent:${args.intent}` } });
      await audit({ subject: messageSubject(message.id), before, after: { review: `intent:${args.intent}` } });
      return [{ text: t.review.taught(message.id, args.intent, await deps.db.intentExample.count()) }];
    }
    if (args.action === "faq") {
      const entry = await addFaqEntry(deps.db, { question: message.text, answer: args.answer });
      await deps.db.message.update({ where: { id: message.id }, data: { reviewedAt: at, review: `faq:${entry.id}` } });
      await audit({ subject: faqSubject(entry.id), before: null, after: { question: entry.question, answer: entry.answer } });
      await audit({ subject: messageSubject(message.id), before, after: { review: `faq:${entry.id}` } });
      return [{ text: t.review.faq(message.id, entry.id) }];
    }
    await deps.db.message.update({ where: { id: message.id }, data: { reviewedAt: at, review: "dismissed" } });
    await audit({ subject: messageSubject(message.id), before, after: { review: "dismissed" } });
    return [{ text: t.review.dismissed(message.id) }];
  },
};
