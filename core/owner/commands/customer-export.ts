/** `customer <id> export`: everything the shop holds about a customer, as one JSON document (their right of access). */
import { z } from "zod";
import { customerSubject } from "../../audit/record-audit-entry.ts";
import { answerDataRequests } from "../../customers/answer-data-requests.ts";
import { exportCustomerData } from "../../customers/export-customer-data.ts";
import { AppError } from "../../errors.ts";
import { ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ customerId: ZId });
const USAGE = "customer <id> export";

export const customerExportCommand: OwnerCommand<"customerExport", z.infer<typeof ZArgs>> = {
  verb: "customerExport",
  words: ["customer"],
  usage: USAGE,
  help: { en: "everything held about a customer, as a JSON file (when they ask for their data)", zh: "导出客户的全部数据（JSON 文件，顾客要求获取其数据时使用）" },
  examples: ["customer 7 export"],
  ZArgs,
  mutates: true,
  read(words) {
    if (words[2]?.toLowerCase() !== "export") return null;
    const id = ZId.safeParse(words[1]?.replace(/^#/, ""));
    return id.success && words.length === 3 ? { ok: true, args: { customerId: id.data } } : { ok: false, usage: USAGE };
  },
  write: ({ customerId }) => `customer ${customerId} export`,
  async run({ deps, t, audit, actor }, { customerId }) {
    const data = await exportCustomerData(deps.db, { customerId, at: deps.clock.now() }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") throw new AppError("NOT_FOUND", { message: error.message, userMessage: t.customerNotFound(customerId) });
      throw error;
    });
    const name = `customer-${customerId}.json`;
    const counts = { orders: data.orders.length, conversations: data.conversations.length, messages: data.conversations.reduce((n, c) => n + c.messages.length, 0), events: data.events.length };
    // Their open request for their data, if they made one in the chat, is answered by this export.
    await answerDataRequests({ db: deps.db }, { customerId, answer: "exported", answeredBy: actor, at: deps.clock.now() });
    // Handing a customer's data out is recorded as a change would be: who took it, and when.
    await audit({ subject: customerSubject(customerId), after: { exported: name, schemaVersion: data.schemaVersion, ...counts } });
    return [{ text: t.dataRights.exported(customerId, name, counts), file: { name, mimeType: "application/json", content: JSON.stringify(data, null, 2) } }];
  },
};
