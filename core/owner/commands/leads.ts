/** `leads [all]`: the newest leads with stage and contact (visitors who only said hello hidden unless `all`). */
import { z } from "zod";
import { formatOwnerDate } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ all: z.boolean() });
const LIST_LIMIT = 25;

export const leadsCommand: OwnerCommand<"leads", z.infer<typeof ZArgs>> = {
  verb: "leads",
  words: ["leads"],
  usage: "leads [all]",
  help: { en: "newest leads with stage and contact", zh: "最新线索，含阶段和联系方式" },
  examples: ["leads", "leads all"],
  ZArgs,
  mutates: false,
  intents: ["list_leads"],
  fromWords: ({ normalized }) => ({ ok: true, args: { all: /\ball\b|所有|全部/.test(normalized) } }),
  quick: { label: { en: "Leads", zh: "线索" }, args: { all: false } },
  read: (words) => (words[1]?.toLowerCase() === "hot" ? null : { ok: true, args: { all: words[1]?.toLowerCase() === "all" } }),
  write: ({ all }) => (all ? "leads all" : "leads"),
  async run({ deps, t }, { all }) {
    const leads = await deps.db.lead.findMany({ where: all ? {} : { stage: { notIn: ["visitor"] } }, orderBy: { createdAt: "desc" }, take: LIST_LIMIT, include: { customer: true } });
    if (leads.length === 0) return [{ text: all ? t.leads.none : t.leads.noneShown }];
    const lines = leads.map((l) => `#${l.id} ${l.customer.name ?? t.noName} — ${l.stage} — ${[l.customer.email, l.customer.phone].filter(Boolean).join(", ") || t.noContact} — ${t.leads.since} ${formatOwnerDate(l.createdAt)}${l.score !== null ? ` — ${t.leads.score} ${(l.score * 100).toFixed(0)}%` : ""}`);
    return [{ text: [t.leads.heading(leads.length), ...lines].join("\n"), buttons: leads.slice(0, 5).map((l) => [{ label: t.leads.button(l.id), command: { command: "lead", leadId: l.id } }]) }];
  },
};
