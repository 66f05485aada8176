/** `customer <id> note <text>`: a note about a customer, for the owner's eyes only (the dashboard's customer page shows it). */
import { z } from "zod";
import { customerSubject } from "../../audit/record-audit-entry.ts";
import { AppError } from "../../errors.ts";
import { textAfterWords, ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ customerId: ZId, text: z.string().trim().min(1).max(5_000) });
const USAGE = "customer <id> note <text>";

export const customerNoteCommand: OwnerCommand<"customerNote", z.infer<typeof ZArgs>> = {
  verb: "customerNote",
  words: ["customer"],
  usage: USAGE,
  help: { en: "keep a note about a customer (only you see it)", zh: "为客户记一条备注（仅您可见）" },
  examples: ["customer 7 note Prefers delivery after 6pm"],
  ZArgs,
  mutates: true,
  read(words, line) {
    if (words[2]?.toLowerCase() !== "note") return null;
    const id = ZId.safeParse(words[1]?.replace(/^#/, ""));
    const text = textAfterWords(line, 3);
    return id.success && text ? { ok: true, args: { customerId: id.data, text } } : { ok: false, usage: USAGE };
  },
  write: ({ customerId, text }) => `customer ${customerId} note ${text}`,
  async run({ deps, t, audit, actor }, { customerId, text }) {
    const customer = await deps.db.customer.findUnique({ where: { id: customerId }, select: { id: true } });
    if (!customer) throw new AppError("NOT_FOUND", { message: `No customer #${customerId}.`, userMessage: t.customerNotFound(customerId) });
    const note = await deps.db.customerNote.create({ data: { customerId, text, actor, createdAt: deps.clock.now() } });
    await audit({ subject: customerSubject(customerId), after: { note: note.id } });
    return [{ text: t.notes.customerAdded(customerId) }];
  },
};
