/** `lead <id>`: one lead with its stage history, contact and last orders. */
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { formatMoney } from "../../money.ts";
import { formatOwnerDate, ZId } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";
import { findOrderSources } from "../../attribution/find-order-sources.ts";
import { DEFAULT_CAMPAIGN_SETTINGS } from "../owner-console-deps.ts";

const ZArgs = z.object({ leadId: ZId });

export const leadCommand: OwnerCommand<"lead", z.infer<typeof ZArgs>> = {
  verb: "lead",
  words: ["lead"],
  usage: "lead <id>",
  help: { en: "one lead with its stage history", zh: "单个线索及其阶段历史" },
  examples: ["lead 12"],
  ZArgs,
  mutates: false,
  intents: ["show_lead"],
  fromWords: ({ numbers }) => (numbers[0] ? { ok: true, args: { leadId: numbers[0] } } : { ok: false, ask: (t) => t.whichLead }),
  read(words) {
    const id = ZId.safeParse(words[1]);
    return id.success ? { ok: true, args: { leadId: id.data } } : { ok: false, usage: "lead <id>" };
  },
  write: ({ leadId }) => `lead ${leadId}`,
  async run({ deps, t }, { leadId }) {
    const lead = await deps.db.lead.findUnique({ where: { id: leadId }, include: { customer: { include: { orders: { orderBy: { id: "desc" }, take: 5 } } }, history: { orderBy: { at: "asc" } } } });
    if (!lead) throw new AppError("NOT_FOUND", { message: `No lead #${leadId}.`, userMessage: t.lead.notFound(leadId) });
    const c = lead.customer;
    const sources = await findOrderSources(deps.db, c.orders, (deps.campaigns ?? DEFAULT_CAMPAIGN_SETTINGS).attributionDays);
    const orderLine = (o: (typeof c.orders)[number]) => {
      const source = sources.get(o.id);
      return `#${o.id} ${o.status} ${formatMoney(o.totalMinor, o.currency)}${source ? ` (${t.attribution.short(source)})` : ""}`;
    };
    return [{
      text: [
        t.lead.title(lead.id, c.name ?? t.noName, c.id, c.locale),
        t.lead.stage(lead.stage, lead.source, formatOwnerDate(lead.lastActivityAt)),
        `${t.contact}: ${[c.email, c.phone].filter(Boolean).join(", ") || t.none}`,
        `${t.history}: ${lead.history.map((h) => `${h.toStage} (${formatOwnerDate(h.at)}, ${h.source})`).join(" → ")}`,
        `${t.ordersLabel}: ${c.orders.map(orderLine).join(", ") || t.none}`,
      ].join("\n"),
      buttons: c.orders.slice(0, 3).map((o) => [{ label: t.orderButton(o.id), command: { command: "order", orderId: o.id } }]),
    }];
  },
};
