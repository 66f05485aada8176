/**
 * The rules of a promo code, pure: whether it is valid at a moment, which lines of an order it
 * covers, and what it takes off. The checks that need the database (the customer's earlier uses, an
 * audience's members) are in `check-promo.ts`; this is the arithmetic both the chat's preview and
 * the order's placement share, so the discount shown before the customer confirms is the one charged.
 *
 * Money is integer minor units. A percentage is taken once per order, of the sum of the lines it
 * covers, rounded half-up (10 % of £3.33 + £3.33 + £3.34 is £1.00, not 3 × £0.33); never per line.
 * An amount never exceeds the lines it covers, so a discount never takes an order below nothing.
 */
import type { Product, Promo } from "../../prisma/generated/client.ts";

/** What the rules read of a promo. */
export type TPromoTerms = Pick<
  Promo,
  "code" | "kind" | "value" | "currency" | "minMinor" | "startsAt" | "endsAt" | "maxUses" | "used" | "perCustomer" | "audience" | "productSkus" | "category" | "endedAt"
>;

/** Why a code does not apply to this customer's order now, as the customer is told it. */
export type TPromoProblem =
  | { kind: "unknown" }
  /** Past its `until=`, or ended by the owner. */
  | { kind: "expired" }
  | { kind: "notYetValid"; startsAt: Date }
  /** Every use taken (`uses=`). */
  | { kind: "usedUp" }
  /** This customer has used it as often as it allows (`per_customer=`). */
  | { kind: "usedByYou"; times: number }
  /** Meant for an audience this customer is not in (`audience=`). */
  | { kind: "notForYou" }
  /** None of the order's products is one it covers (`products=`, `category=`). */
  | { kind: "notForTheseProducts" }
  /** The products it covers come to less than its minimum (`min=`). */
  | { kind: "belowMinimum"; minMinor: number; eligibleMinor: number };

export type TPromoProblemKind = TPromoProblem["kind"];

/** One line of an order as the rules read it. */
export interface PromoLine {
  sku: string;
  category: string;
  unitPriceMinor: number;
  quantity: number;
  currency: string;
}

/** An order's items (a product and a quantity each) as the rules read them, at the products' prices. */
export function promoLinesOf(items: readonly { product: Pick<Product, "sku" | "category" | "priceMinor" | "currency">; quantity: number }[]): PromoLine[] {
  return items.map(({ product, quantity }) => ({ sku: product.sku, category: product.category, unitPriceMinor: product.priceMinor, quantity, currency: product.currency }));
}

/** Ended, expired or not yet valid at `at`; null when the code is within its dates. */
export function timingProblem(promo: Pick<TPromoTerms, "startsAt" | "endsAt" | "endedAt">, at: Date): TPromoProblem | null {
  if (promo.endedAt !== null && promo.endedAt.getTime() <= at.getTime()) return { kind: "expired" };
  if (promo.endsAt !== null && promo.endsAt.getTime() <= at.getTime()) return { kind: "expired" };
  if (promo.startsAt !== null && promo.startsAt.getTime() > at.getTime()) return { kind: "notYetValid", startsAt: promo.startsAt };
  return null;
}

/** Whether any use is left. */
export function hasUsesLeft(promo: Pick<TPromoTerms, "maxUses" | "used">): boolean {
  return promo.maxUses === null || promo.used < promo.maxUses;
}

/** Within its dates, not ended, with a use left: what "any discounts?" may offer. */
export function isLive(promo: Pick<TPromoTerms, "startsAt" | "endsAt" | "endedAt" | "maxUses" | "used">, at: Date): boolean {
  return timingProblem(promo, at) === null && hasUsesLeft(promo);
}

/** Whether the code covers this line: its products, its category, or every product; an amount only in its own currency. */
export function coversLine(promo: Pick<TPromoTerms, "kind" | "currency" | "productSkus" | "category">, line: Pick<PromoLine, "sku" | "category" | "currency">): boolean {
  if (promo.kind === "amount" && line.currency.toUpperCase() !== promo.currency.toUpperCase()) return false;
  if (promo.productSkus.length > 0) return promo.productSkus.some((sku) => sku.toUpperCase() === line.sku.toUpperCase());
  if (promo.category !== null) return promo.category.toLowerCase() === line.category.toLowerCase();
  return true;
}

/** The sum of the lines the code covers, minor units. */
export function eligibleMinorOf(promo: Pick<TPromoTerms, "kind" | "currency" | "productSkus" | "category">, lines: readonly PromoLine[]): number {
  return lines.filter((line) => coversLine(promo, line)).reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
}

/**
 * What the code takes off lines that come to `eligibleMinor`: a percentage of the sum, rounded
 * half-up once; an amount, at most the sum. Never negative, never more than the sum.
 */
export function discountOf(promo: Pick<TPromoTerms, "kind" | "value">, eligibleMinor: number): number {
  if (eligibleMinor <= 0) return 0;
  const discount = promo.kind === "percent" ? Math.floor((eligibleMinor * promo.value + 50) / 100) : promo.value;
  return Math.max(0, Math.min(discount, eligibleMinor));
}

/** What the order's lines make of the code: the lines it covers, its minimum, and the discount. */
export function applyToLines(promo: TPromoTerms, lines: readonly PromoLine[]): { ok: true; eligibleMinor: number; discountMinor: number } | { ok: false; problem: TPromoProblem } {
  const covered = lines.filter((line) => coversLine(promo, line));
  if (covered.length === 0) return { ok: false, problem: { kind: "notForTheseProducts" } };
  const eligibleMinor = eligibleMinorOf(promo, covered);
  if (promo.minMinor !== null && eligibleMinor < promo.minMinor) return { ok: false, problem: { kind: "belowMinimum", minMinor: promo.minMinor, eligibleMinor } };
  return { ok: true, eligibleMinor, discountMinor: discountOf(promo, eligibleMinor) };
}
