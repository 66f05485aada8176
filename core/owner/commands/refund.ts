/** `order <id> refunded [reference]`: the money of a paid, cancelled order was given back; the customer is told. */
import { z } from "zod";
import { orderSubject } from "../../audit/record-audit-entry.ts";
import { formatMoney } from "../../money.ts";
import { recordRefund } from "../../orders/record-refund.ts";
import { formatOwnerDate, ZId } from "../read-command-words.ts";
import { tellCustomer } from "../tell-customer.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ orderId: ZId, reference: z.string().trim().min(1).max(200).optional() });

export const refundCommand: OwnerCommand<"refund", z.infer<typeof ZArgs>> = {
  verb: "refund",
  words: ["order"],
  usage: "order <id> refunded [reference]",
  help: { en: "record that you gave back a cancelled order's payment", zh: "记录已退还已取消订单的货款" },
  examples: ["order 12 refunded", "order 12 refunded PayPal 5XK2"],
  ZArgs,
  mutates: true,
  read(words) {
    const id = ZId.safeParse(words[1]?.replace(/^#/, ""));
    if (!id.success || !/^refund(ed)?$/i.test(words[2] ?? "")) return null;
    const reference = words.slice(3).join(" ").trim();
    return { ok: true, args: { orderId: id.data, ...(reference ? { reference } : {}) } };
  },
  write: ({ orderId, reference }) => `order ${orderId} refunded${reference ? ` ${reference}` : ""}`,
  async run({ deps, t, audit }, { orderId, reference }) {
    const at = deps.clock.now();
    const { order, recorded } = await recordRefund({ db: deps.db }, { orderId, at, ...(reference ? { reference } : {}) });
    const amount = formatMoney(order.totalMinor, order.currency);
    if (!recorded) return [{ text: t.refund.already(orderId, formatOwnerDate(order.refundedAt), order.refundRef) }];
    await audit({ subject: orderSubject(orderId), before: { refundedAt: null }, after: { refundedAt: order.refundedAt.toISOString(), refundRef: order.refundRef, amountMinor: order.totalMinor, currency: order.currency } });
    const told = await tellCustomer(deps, { customerId: order.customerId, at, text: (m) => m.refundSent(order.id, amount) });
    return [{ text: t.refund.recorded(orderId, amount, order.refundRef, told) }];
  },
};
