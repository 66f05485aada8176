/**
 * `customer <id> erase`: a customer's personal data removed for good (their right to erasure). Typed
 * alone it says what will go and what stays, with a button that confirms; `customer <id> erase
 * confirm` (the button) erases, in one transaction, and answers the customer's open data requests
 * (telling them in their chat when they had asked for the erasure).
 */
import { z } from "zod";
import { customerSubject } from "../../audit/record-audit-entry.ts";
import { answerDataRequests, findCustomerChat } from "../../customers/answer-data-requests.ts";
import { describeCustomerErasure, eraseCustomerData } from "../../customers/erase-customer-data.ts";
import { messagesFor } from "../../i18n.ts";
import { AppError } from "../../errors.ts";
import { formatOwnerDate, ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ customerId: ZId, confirm: z.boolean().optional() });
const USAGE = "customer <id> erase";

export const customerEraseCommand: OwnerCommand<"customerErase", z.infer<typeof ZArgs>> = {
  verb: "customerErase",
  words: ["customer"],
  usage: USAGE,
  help: { en: "remove a customer's personal data for good, keeping their orders anonymous for the accounts (asks first)", zh: "永久清除客户的个人数据，订单匿名保留用于账目（会先确认）" },
  examples: ["customer 7 erase", "customer 7 erase confirm"],
  ZArgs,
  mutates: true,
  read(words) {
    if (words[2]?.toLowerCase() !== "erase") return null;
    const id = ZId.safeParse(words[1]?.replace(/^#/, ""));
    const rest = words.slice(3).map((w) => w.toLowerCase());
    if (!id.success || rest.length > 1 || (rest.length === 1 && rest[0] !== "confirm")) return { ok: false, usage: USAGE };
    return { ok: true, args: { customerId: id.data, ...(rest[0] === "confirm" ? { confirm: true } : {}) } };
  },
  write: ({ customerId, confirm }) => `customer ${customerId} erase${confirm ? " confirm" : ""}`,
  async run({ deps, t, audit, actor }, { customerId, confirm }) {
    const notFound = (error: unknown): never => {
      if (error instanceof AppError && error.code === "NOT_FOUND") throw new AppError("NOT_FOUND", { message: error.message, userMessage: t.customerNotFound(customerId) });
      throw error;
    };
    if (!confirm) {
      const { erasedAt, counts } = await describeCustomerErasure(deps.db, { customerId }).catch(notFound);
      if (erasedAt) return [{ text: t.dataRights.alreadyErased(customerId, formatOwnerDate(erasedAt)) }];
      return [{ text: t.dataRights.erasePreview(customerId, counts), buttons: [[{ label: t.dataRights.eraseButton(customerId), command: { command: "customerErase", customerId, confirm: true }, style: "danger" }]] }];
    }
    // Read before the erasure takes their chat accounts away: where to tell them it is done.
    const chat = await findCustomerChat(deps.db, customerId);
    const result = await eraseCustomerData(deps.db, { customerId, at: deps.clock.now() }).catch(notFound);
    if (!result.erased) return [{ text: t.dataRights.alreadyErased(customerId, formatOwnerDate(result.erasedAt)) }];
    const answered = await answerDataRequests({ db: deps.db }, { customerId, answer: "erased", answeredBy: actor, at: result.at });
    // After the erasure, which clears the entries about them: this one holds no personal data, only what was erased.
    await audit({ subject: customerSubject(customerId), before: { ...result.counts }, after: { erasedAt: result.at.toISOString() } });
    // They asked for it in the chat: told there that it is done (after the commit; nothing of it is stored).
    if (chat && answered.some((r) => r.kind === "erasure")) await deps.messenger.send(chat.target, [{ text: messagesFor(chat.locale).dataRequest.erased() }]);
    return [{ text: t.dataRights.erased(customerId, result.counts) }];
  },
};
