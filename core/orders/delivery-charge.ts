/**
 * What the shop charges for delivery. Most one-person shops do one of three things: delivery is in
 * the prices (no charge), a flat fee on every order, or a flat fee waived from some order value
 * ("free delivery over £50"). That is all this models; a shop whose delivery depends on weight or
 * destination writes it in its prices or settles it with the customer.
 *
 * The charge is worked out when the order is placed and stored on it (`Order.deliveryMinor`, part of
 * `totalMinor`), so a later change of the shop's fee never changes what an existing order costs.
 */
import { z } from "zod";

export const ZDeliveryPolicy = z.object({
  /** Flat charge per order in minor units; 0 = delivery is in the prices. */
  feeMinor: z.number().int().min(0).max(100_000_000),
  /** Orders whose items come to at least this are delivered free; null = never free. */
  freeFromMinor: z.number().int().min(0).max(100_000_000).nullable(),
});
export type DeliveryPolicy = z.infer<typeof ZDeliveryPolicy>;

/** Delivery in the prices: the shop never adds a charge. */
export const DELIVERY_INCLUDED: Readonly<DeliveryPolicy> = { feeMinor: 0, freeFromMinor: null };

/** The charge for an order whose items come to `subtotalMinor`. */
export function deliveryChargeFor(subtotalMinor: number, policy: DeliveryPolicy): number {
  if (policy.feeMinor <= 0) return 0;
  if (policy.freeFromMinor !== null && subtotalMinor >= policy.freeFromMinor) return 0;
  return policy.feeMinor;
}
