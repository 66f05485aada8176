/**
 * `promo add CODE percent=10|amount=5 [min=30] [from=…] [until=…] [uses=100] [per_customer=1]
 * [audience=…] [products=SKU,…|category=…]`: a new promo code, answered with how it reads back.
 * Amounts are in the shop's currency (major units), dates in the shop's time zone.
 */
import { z } from "zod";
import { promoSubject } from "../../audit/record-audit-entry.ts";
import { createPromo } from "../../promos/create-promo.ts";
import { readFields, tokenize, writeFields } from "../read-command-words.ts";
import { showPromo } from "../show-promo.ts";
import type { OwnerCommand } from "./define-command.ts";

const field = (max: number) => z.string().trim().min(1).max(max).optional();
const ZArgs = z.object({
  code: z.string().trim().min(1).max(40),
  percent: field(10),
  amount: field(20),
  min: field(20),
  from: field(40),
  until: field(40),
  uses: field(10),
  perCustomer: field(10),
  audience: field(1_000),
  products: field(1_000),
  category: field(100),
});
type TArgs = z.infer<typeof ZArgs>;
const USAGE = "promo add CODE percent=10|amount=5 [min=30] [from=2026-12-01] [until=2026-12-31] [uses=100] [per_customer=1] [audience=…] [products=SKU,…|category=…]";
/** Typed field names → argument names. */
const FIELDS = { percent: "percent", amount: "amount", min: "min", from: "from", until: "until", uses: "uses", per_customer: "perCustomer", audience: "audience", products: "products", category: "category" } as const;

export const promoAddCommand: OwnerCommand<"promoAdd", TArgs> = {
  verb: "promoAdd",
  words: ["promo"],
  usage: USAGE,
  help: {
    en: "a new promo code: what it takes off, and when, for whom and on what it applies (amounts in the shop's currency, dates in shop time)",
    zh: "新建优惠码：优惠多少，以及何时、对谁、对哪些商品可用（金额按店铺货币，日期按店铺时间）",
  },
  examples: [
    "promo add SPRING10 percent=10 until=2026-12-31",
    "promo add TEA5 amount=5 min=30 category=Tea uses=100 per_customer=1",
    'promo add VIP15 percent=15 audience="clv>100" from=2026-12-01 products=TEA-001,TEA-002',
  ],
  ZArgs,
  mutates: true,
  read(words, line) {
    if (words[1]?.toLowerCase() !== "add") return null;
    const { fields, rest } = readFields(tokenize(line.replace(/[“”„«»]/g, '"')).slice(2));
    const unknown = Object.keys(fields).filter((key) => !(key in FIELDS));
    if (rest.length !== 1 || unknown.length > 0) return { ok: false, usage: USAGE };
    const args: Record<string, string> = { code: rest[0]! };
    for (const [typed, name] of Object.entries(FIELDS)) if (fields[typed] !== undefined) args[name] = fields[typed];
    return { ok: true, args };
  },
  write(args) {
    const typed: Record<string, string> = {};
    for (const [name, key] of Object.entries(FIELDS)) {
      const value = args[key];
      if (value !== undefined) typed[name] = value;
    }
    return `promo add ${args.code} ${writeFields(typed)}`.trim();
  },
  async run(context, args) {
    const { deps, actor, audit, t } = context;
    const { code, ...terms } = args;
    const promo = await createPromo({ db: deps.db, clock: deps.clock, currency: deps.currency, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) }, { code, ...terms, createdBy: actor });
    await audit({
      subject: promoSubject(promo.code),
      before: null,
      after: {
        kind: promo.kind, value: promo.value, currency: promo.currency, minMinor: promo.minMinor, startsAt: promo.startsAt?.toISOString() ?? null, endsAt: promo.endsAt?.toISOString() ?? null,
        maxUses: promo.maxUses, perCustomer: promo.perCustomer, audience: promo.audience, productSkus: promo.productSkus, category: promo.category,
      },
    });
    return showPromo(context, promo.code, t.promo.created(promo.code));
  },
};
