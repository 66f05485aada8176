/**
 * Where an order goes: the customer's name and postal address as they wrote it, on the order and
 * kept on the customer to offer for the next one (one transaction). Only while the order has not
 * left the shop (placed or paid); the owner hears of it as it happens.
 */
import { z } from "zod";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Notifier } from "../ports.ts";

export const ZShippingAddress = z
  .string()
  .transform((s) => s.replace(/[ \t]+/g, " ").replace(/\s*\n\s*/g, "\n").trim())
  .pipe(z.string().min(8, "That address looks too short.").max(500, "That address is too long (500 characters at most)."));

/** An address as one line ("Anna Lee, 12 Baker Street, London"), for lists and notifications. */
export function addressOnOneLine(address: string): string {
  return address.replace(/\n/g, ", ");
}

/** Orders whose address may still change (they have not left the shop). */
export const ADDRESSABLE = ["placed", "paid"] as const;

export async function setShippingAddress(
  deps: { db: Db; notifier: Notifier },
  input: { orderId: number; customerId: number; address: string; notify?: boolean },
): Promise<{ orderId: number; address: string }> {
  const address = ZShippingAddress.safeParse(input.address);
  if (!address.success) throw new AppError("INVALID_INPUT", { message: "invalid shipping address", userMessage: address.error.issues[0]?.message ?? "Invalid address." });
  const order = await deps.db.$transaction(async (tx) => {
    const updated = await tx.order.updateMany({ where: { id: input.orderId, customerId: input.customerId, status: { in: [...ADDRESSABLE] } }, data: { shippingAddress: address.data } });
    if (updated.count === 0) {
      const existing = await tx.order.findFirst({ where: { id: input.orderId, customerId: input.customerId }, select: { status: true } });
      throw existing
        ? new AppError("INVALID_STATE", { message: `order ${input.orderId} is ${existing.status}`, userMessage: existing.status })
        : new AppError("NOT_FOUND", { message: `order ${input.orderId} of customer ${input.customerId} not found` });
    }
    // The order is the customer's (the update above matched it by both ids): the customer's row,
    // returned by its own update, has the name the notification needs.
    const customer = await tx.customer.update({ where: { id: input.customerId }, data: { address: address.data }, select: { id: true, name: true } });
    return { id: input.orderId, customer };
  });
  if (input.notify ?? true) {
    await deps.notifier.notify({ type: "shipping_address", orderId: order.id, customerId: order.customer.id, customerName: order.customer.name, address: address.data });
  }
  return { orderId: order.id, address: address.data };
}
