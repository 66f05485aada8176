/** `inbox`: the conversations handed to the owner, oldest first, with their last messages. */
import { z } from "zod";
import { readableLogText } from "../../handoff/summarize-handoff.ts";
import { formatOwnerDate } from "../read-command-words.ts";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const inboxCommand: OwnerCommand<"inbox", TNoArgs> = {
  verb: "inbox",
  words: ["inbox", "handoffs"],
  usage: "inbox",
  help: { en: "conversations waiting for you", zh: "等待您回复的对话" },
  examples: ["inbox", "handoffs"],
  ZArgs,
  mutates: false,
  quick: { label: { en: "Inbox", zh: "收件箱" }, args: {} },
  read: () => ({ ok: true, args: {} }),
  write: () => "inbox",
  async run({ deps, t }) {
    const waiting = await deps.db.conversation.findMany({ where: { mode: "handoff" }, include: { customer: true, messages: { orderBy: { id: "desc" }, take: 3 } }, orderBy: { handoffRequestedAt: "asc" } });
    if (waiting.length === 0) return [{ text: t.inbox.none }];
    return waiting.map((c) => ({
      text: [
        `${t.inbox.conversation(c.id)} — ${c.customer.name ?? t.noName}${[c.customer.email, c.customer.phone].filter(Boolean).map((contact) => `, ${contact}`).join("")} (${t.customerRef(c.customer.id)}, ${c.channel}, ${c.customer.locale}) ${t.inbox.since} ${formatOwnerDate(c.handoffRequestedAt)}: ${c.handoffReason ?? ""}`,
        ...c.messages.reverse().map((m) => `  ${m.direction === "inbound" ? t.inbox.customer : m.direction}: ${readableLogText(m.text, m.payload, m.attachment).slice(0, 200)}`),
        t.inbox.answerWith(c.id),
      ].join("\n"),
      buttons: [[{ label: t.inbox.resumeButton, command: { command: "resume" as const, conversationId: c.id } }]],
    }));
  },
};
