/**
 * The chat asks a customer for marketing consent once in their life, at a natural moment (their
 * first order, their contact details). This claims that moment: it stamps `consentAskedAt` only if
 * the customer was never asked and never said yes or no on their own ("subscribe", the owner), with
 * one conditional update, so two turns at once (two channels, two replicas) ask once between them.
 */
import type { Db } from "../db.ts";

/** True when this call is the one that asks (the caller then shows the question). */
export async function markConsentAsked(deps: { db: Db }, options: { customerId: number; at: Date }): Promise<boolean> {
  const { count } = await deps.db.customer.updateMany({
    where: { id: options.customerId, consentAskedAt: null, consentAt: null },
    data: { consentAskedAt: options.at },
  });
  return count === 1;
}
