import type { Db } from "../db.ts";
import { recordEvent } from "../events/record-event.ts";

/**
 * "Tell me when it's back": keeps that the customer waits for the product, so the owner's restock
 * tells them in their chat (see {@link sendStockAlerts}). Asking again after being told waits again;
 * asking twice while waiting keeps one request. Returns whether the customer was already waiting.
 */
export async function requestStockAlert(db: Db, input: { customerId: number; productId: number; at: Date }): Promise<{ alreadyWaiting: boolean }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.stockAlert.findUnique({ where: { customerId_productId: { customerId: input.customerId, productId: input.productId } } });
    if (existing && existing.notifiedAt === null) return { alreadyWaiting: true };
    await tx.stockAlert.upsert({
      where: { customerId_productId: { customerId: input.customerId, productId: input.productId } },
      create: { customerId: input.customerId, productId: input.productId, createdAt: input.at },
      update: { createdAt: input.at, notifiedAt: null },
    });
    await recordEvent(tx, { type: "stock_alert_requested", customerId: input.customerId, productId: input.productId, at: input.at });
    return { alreadyWaiting: false };
  });
}
