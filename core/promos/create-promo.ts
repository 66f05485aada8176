/**
 * A new promo code (`promo add SPRING10 percent=10 [min=30] [from=…] [until=…] [uses=100]
 * [per_customer=1] [audience=…] [products=SKU,…|category=…]`), with every field read and checked
 * here so the owner hears exactly what is wrong: a code that reads as one (and is not a product's
 * SKU, nor taken), a percentage from 1 to 100 or an amount in the shop's currency (typed in major
 * units, stored in minor units), dates in the shop's zone, an audience the shop knows (kept as typed
 * for a saved one, or written back in its canonical form, and evaluated at redemption), and products
 * or a category the catalog has.
 */
import { z } from "zod";
import type { Promo } from "../../prisma/generated/client.ts";
import { writeAudienceDefinition } from "../audiences/audience-definition.ts";
import { resolveAudience } from "../audiences/resolve-audience.ts";
import type { Db } from "../db.ts";
import { AppError, type Refusal } from "../errors.ts";
import { parseMoney } from "../money.ts";
import type { Clock } from "../ports.ts";
import { parsePromoDate } from "./parse-promo-date.ts";
import { ZPromoCode } from "./promo-code.ts";

const text = (max: number) => z.string().trim().min(1).max(max).optional();

export const ZCreatePromoOptions = z.object({
  code: z.string().trim().min(1).max(40),
  /** A whole percentage, 1–100 ("10" or "10%"). */
  percent: text(10),
  /** An amount in the shop's currency, major units ("5", "4.50"). */
  amount: text(20),
  min: text(20),
  from: text(40),
  until: text(40),
  uses: text(10),
  perCustomer: text(10),
  audience: text(1_000),
  /** SKUs, comma-separated. */
  products: text(1_000),
  category: text(100),
  createdBy: z.string().min(1).max(200),
});
export type TCreatePromoOptions = z.input<typeof ZCreatePromoOptions>;

export interface CreatePromoDeps {
  db: Db;
  clock: Clock;
  /** The shop's currency: amounts are typed in it. */
  currency: string;
  timeZone?: string;
}

function refuse(refusal: Refusal): never {
  throw new AppError("INVALID_INPUT", { message: `promo refused: ${refusal.kind}`, refusal });
}

/** A count of 1 or more ("100"), or the refusal naming the field. */
function readCount(value: string | undefined, field: "uses" | "per_customer"): number | null {
  if (value === undefined) return null;
  const parsed = z.coerce.number().int().min(1).max(1_000_000).safeParse(value);
  if (!/^\d+$/.test(value) || !parsed.success) refuse({ kind: "promoCountInvalid", field, text: value });
  return parsed.data;
}

/** An amount above nothing in the shop's currency, in minor units. */
function readAmount(value: string, field: "amount" | "min", currency: string): number {
  const minor = parseMoney(value, currency);
  if (minor === null || minor <= 0 || minor > 100_000_000) refuse({ kind: "promoAmountInvalid", field, text: value });
  return minor;
}

export async function createPromo(deps: CreatePromoDeps, input: TCreatePromoOptions): Promise<Promo> {
  const options = ZCreatePromoOptions.parse(input);
  const { db, currency, timeZone } = deps;
  const code = ZPromoCode.safeParse(options.code);
  if (!code.success) refuse({ kind: "promoCodeInvalid", code: options.code });
  if ((options.percent === undefined) === (options.amount === undefined)) refuse({ kind: "promoValueMissing" });
  let kind: "percent" | "amount" = "amount";
  let value: number;
  if (options.percent !== undefined) {
    kind = "percent";
    const percent = /^(\d{1,3})\s*%?$/.exec(options.percent);
    value = percent ? Number(percent[1]) : NaN;
    if (!(value >= 1 && value <= 100)) refuse({ kind: "promoPercentInvalid", text: options.percent });
  } else value = readAmount(options.amount!, "amount", currency);
  const minMinor = options.min !== undefined ? readAmount(options.min, "min", currency) : null;
  const maxUses = readCount(options.uses, "uses");
  const perCustomer = readCount(options.perCustomer, "per_customer");

  const now = deps.clock.now();
  const startsAt = options.from !== undefined ? parsePromoDate(options.from, "from", now, timeZone) : null;
  if (options.from !== undefined && !startsAt) refuse({ kind: "promoDateInvalid", field: "from", text: options.from });
  const endsAt = options.until !== undefined ? parsePromoDate(options.until, "until", now, timeZone) : null;
  if (options.until !== undefined && !endsAt) refuse({ kind: "promoDateInvalid", field: "until", text: options.until });
  if (endsAt && endsAt.getTime() <= now.getTime()) refuse({ kind: "promoUntilPast" });
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) refuse({ kind: "promoDatesOrder" });

  if (options.products !== undefined && options.category !== undefined) refuse({ kind: "promoProductsAndCategory" });
  const catalog = await db.product.findMany({ select: { sku: true, category: true, categoryZh: true } });
  if (catalog.some((p) => p.sku.toUpperCase() === code.data)) refuse({ kind: "promoCodeIsSku", code: code.data });
  const productSkus: string[] = [];
  for (const sku of (options.products ?? "").split(/[,，\s]+/).filter(Boolean)) {
    const product = catalog.find((p) => p.sku.toUpperCase() === sku.toUpperCase());
    if (!product) refuse({ kind: "productNotFound", sku });
    if (!productSkus.includes(product.sku)) productSkus.push(product.sku);
  }
  let category: string | null = null;
  if (options.category !== undefined) {
    const wanted = options.category.replace(/^["“”']+|["“”']+$/g, "").toLowerCase();
    const found = catalog.find((p) => p.category.toLowerCase() === wanted || p.categoryZh?.toLowerCase() === wanted);
    if (!found) refuse({ kind: "promoUnknownCategory", category: options.category });
    category = found.category;
  }
  let audience: string | null = null;
  if (options.audience !== undefined) {
    const resolved = await resolveAudience(db, options.audience, { currency });
    if (!resolved.ok) refuse(resolved.refusal);
    audience = resolved.name ?? writeAudienceDefinition(resolved.definition);
  }
  if (await db.promo.findUnique({ where: { code: code.data }, select: { id: true } })) refuse({ kind: "promoCodeTaken", code: code.data });
  return db.promo.create({
    data: { code: code.data, kind, value, currency, minMinor, startsAt, endsAt, maxUses, perCustomer, audience, productSkus, category, createdAt: now, createdBy: options.createdBy },
  });
}
