import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { ZShippingAddress } from "../orders/set-shipping-address.ts";

/**
 * Keeps the address a customer gave with no order waiting for one ("my address is …" before
 * ordering, or after the last order shipped), so the next order offers it instead of asking again.
 * Validated like an order's address; an invalid one changes nothing.
 */
export async function saveCustomerAddress(deps: { db: Db }, input: { customerId: number; address: string }): Promise<string> {
  const address = ZShippingAddress.safeParse(input.address);
  if (!address.success) throw new AppError("INVALID_INPUT", { message: "invalid address", userMessage: address.error.issues[0]?.message ?? "Invalid address." });
  await deps.db.customer.update({ where: { id: input.customerId }, data: { address: address.data } });
  return address.data;
}
