/** `customers <name, email or phone>`: finds customers, newest first. */
import { z } from "zod";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ query: z.string().trim().min(1) });
const LIST_LIMIT = 25;

export const customersCommand: OwnerCommand<"customers", z.infer<typeof ZArgs>> = {
  verb: "customers",
  words: ["customers"],
  usage: "customers <name, email or phone>",
  help: { en: "find customers", zh: "查找客户" },
  examples: ["customers Alice", "customers alice@example.com"],
  ZArgs,
  mutates: false,
  intents: ["find_customers"],
  fromWords({ text }) {
    const query = /(?:named|called|for|叫|名叫|查找|搜索)\s*["“]?([^"”]+?)["”]?$/i.exec(text)?.[1]?.trim() ?? /\S+@\S+|\+?\d[\d\s-]{6,}\d/.exec(text)?.[0];
    return query ? { ok: true, args: { query } } : { ok: false, ask: (t) => t.whomToFind };
  },
  read(words) {
    const query = words.slice(1).join(" ").trim();
    return query ? { ok: true, args: { query } } : { ok: false, usage: "customers <name, email or phone>" };
  },
  write: ({ query }) => `customers ${query}`,
  async run({ deps, t }, { query }) {
    const q = query.slice(0, 100);
    const id = /^\d+$/.test(q) ? Number(q) : undefined;
    const customers = await deps.db.customer.findMany({
      where: { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }, { phone: { contains: q.replace(/\s/g, "") } }, ...(id && id < 2_147_483_647 ? [{ id }] : [])] },
      include: { lead: true, _count: { select: { orders: true } } },
      take: LIST_LIMIT,
      orderBy: { id: "desc" },
    });
    if (customers.length === 0) return [{ text: t.customers.none(q) }];
    return [{
      text: [t.customers.heading(q), ...customers.map((c) => `#${c.id} ${c.name ?? t.noName} — ${[c.email, c.phone].filter(Boolean).join(", ") || t.noContact} — ${c.lead?.stage ?? "—"} — ${t.orderCount(c._count.orders)}`)].join("\n"),
      buttons: customers.slice(0, 5).map((c) => [{ label: t.customerButton(c.id), command: { command: "customer", customerId: c.id } }]),
    }];
  },
};
