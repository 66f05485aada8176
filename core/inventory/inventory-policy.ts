/**
 * How the shop plans its stock (the composition root reads it from DEFAULT_LEAD_DAYS, SERVICE_LEVEL
 * and ORDER_COVER_DAYS): every use-case that works out a reorder point or words an alert takes it.
 */
import { z } from "zod";

export const ZInventoryPolicy = z.object({
  /** A product's supplier lead time when it has none of its own (`product update … lead_days=`). */
  defaultLeadDays: z.number().int().min(1).max(365),
  /** The chance of not running out before an order arrives (0.95: 95 %). */
  serviceLevel: z.number().min(0.5).max(0.999),
  /** Days of expected sales each order buys beyond the lead time. */
  coverDays: z.number().int().min(1).max(365),
});
export type InventoryPolicy = z.infer<typeof ZInventoryPolicy>;

/** DEFAULT_LEAD_DAYS = 7, SERVICE_LEVEL = 95 %, ORDER_COVER_DAYS = 28. */
export const DEFAULT_INVENTORY_POLICY: InventoryPolicy = { defaultLeadDays: 7, serviceLevel: 0.95, coverDays: 28 };

/** The lead time that applies to a product: its own, or the shop's default. */
export function leadDaysOf(product: { leadDays: number | null }, policy: Pick<InventoryPolicy, "defaultLeadDays">): number {
  return product.leadDays ?? policy.defaultLeadDays;
}
