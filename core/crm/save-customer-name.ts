import { z } from "zod";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";

/** A name as a customer gives it: trimmed, one line, 1–80 characters. */
export const ZCustomerName = z.string().trim().min(1).max(80).regex(/^[^\n\r\t]+$/u, "A name is one line.");

/**
 * Keeps the name a customer gave ("my name is Anna Lee", "我叫王小明") on their record, so the
 * owner's lead list, inbox and order notifications say who they are rather than "(no name)". It
 * replaces a name taken from the channel's profile: what the customer typed is what they go by.
 */
export async function saveCustomerName(deps: { db: Db }, input: { customerId: number; name: string }): Promise<string> {
  const name = ZCustomerName.safeParse(input.name);
  if (!name.success) throw new AppError("INVALID_INPUT", { message: "invalid name", userMessage: name.error.issues[0]?.message ?? "Invalid name." });
  await deps.db.customer.update({ where: { id: input.customerId }, data: { name: name.data } });
  return name.data;
}
