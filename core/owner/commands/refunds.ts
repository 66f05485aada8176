/** `refunds`: paid orders that were cancelled, the refunds still owed first, then the last ten recorded. */
import { z } from "zod";
import { formatMoney } from "../../money.ts";
import { EVER_PAID } from "../../orders/record-refund.ts";
import { formatOwnerDate } from "../read-command-words.ts";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const refundsCommand: OwnerCommand<"refunds", TNoArgs> = {
  verb: "refunds",
  words: ["refunds"],
  usage: "refunds",
  help: { en: "the refunds still owed, and the last ones recorded", zh: "尚欠的退款，以及最近记录的退款" },
  examples: ["refunds"],
  ZArgs,
  mutates: false,
  read: () => ({ ok: true, args: {} }),
  write: () => "refunds",
  async run({ deps, t }) {
    const paidThenCancelled = { status: "cancelled" as const, ...EVER_PAID };
    const [due, done] = await Promise.all([
      deps.db.order.findMany({ where: { ...paidThenCancelled, refundedAt: null }, include: { customer: true }, orderBy: { id: "asc" } }),
      deps.db.order.findMany({ where: { ...paidThenCancelled, refundedAt: { not: null } }, include: { customer: true }, orderBy: { refundedAt: "desc" }, take: 10 }),
    ]);
    if (due.length === 0 && done.length === 0) return [{ text: t.refunds.noneEver }];
    const who = (o: (typeof due)[number]) => (o.customer ? `${o.customer.name ?? t.noName} (${t.customerRef(o.customer.id)})` : t.guest);
    const lines = [
      due.length === 0 ? t.refunds.noneOwed : t.refunds.owed(due.length, formatMoney(due.reduce((sum, o) => sum + o.totalMinor, 0), due[0]!.currency)),
      ...due.map((o) => `#${o.id} ${formatMoney(o.totalMinor, o.currency)} — ${who(o)}${o.paymentRef ? ` — ${t.refunds.payment} ${o.paymentRef}` : ""}`),
      ...(done.length > 0 ? [t.refunds.recorded, ...done.map((o) => `#${o.id} ${formatMoney(o.totalMinor, o.currency)} — ${who(o)} — ${t.refunds.refundedOn} ${formatOwnerDate(o.refundedAt)}${o.refundRef ? ` (${o.refundRef})` : ""}`)] : []),
    ];
    const buttons = due.slice(0, 5).map((o) => [{ label: t.refunds.doneButton(o.id), command: { command: "refund" as const, orderId: o.id } }]);
    return [{ text: lines.join("\n"), ...(buttons.length > 0 ? { buttons } : {}) }];
  },
};
