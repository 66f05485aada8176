/** `customer <id>`: one customer, with their lead score, segment and lifetime value when analytics are wired. */
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { addressOnOneLine } from "../../orders/set-shipping-address.ts";
import { ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ customerId: ZId });

export const customerCommand: OwnerCommand<"customer", z.infer<typeof ZArgs>> = {
  verb: "customer",
  words: ["customer"],
  usage: "customer <id>",
  help: { en: "one customer", zh: "单个客户" },
  examples: ["customer 7"],
  ZArgs,
  mutates: false,
  intents: ["show_customer"],
  fromWords: ({ numbers }) => (numbers[0] ? { ok: true, args: { customerId: numbers[0] } } : { ok: false, ask: (t) => t.whichCustomer }),
  read(words) {
    // `customer 7 export`, `customer 7 erase`, `customer 7 consent on|off` and `customer 7 note …` are their own commands.
    if (/^(export|erase|consent|note)$/i.test(words[2] ?? "")) return null;
    const id = ZId.safeParse(words[1]);
    return id.success ? { ok: true, args: { customerId: id.data } } : { ok: false, usage: "customer <id>" };
  },
  write: ({ customerId }) => `customer ${customerId}`,
  async run({ deps, t }, { customerId }) {
    if (deps.analytics) return deps.analytics.customer(customerId);
    const c = await deps.db.customer.findUnique({ where: { id: customerId }, include: { lead: true, orders: { orderBy: { id: "desc" }, take: 5 } } });
    if (!c) throw new AppError("NOT_FOUND", { message: `No customer #${customerId}.`, userMessage: t.customerNotFound(customerId) });
    return [{
      text: [
        `${t.customerButton(c.id)}: ${c.name ?? t.noName} (${c.locale})`,
        `${t.contact}: ${[c.email, c.phone].filter(Boolean).join(", ") || t.none}`,
        ...(c.address ? [`${t.address}: ${addressOnOneLine(c.address)}`] : []),
        `${t.stage}: ${c.lead?.stage ?? "—"}`,
        `${t.ordersLabel}: ${c.orders.map((o) => `#${o.id} ${o.status}`).join(", ") || t.none}`,
      ].join("\n"),
    }];
  },
};
