import type { Db } from "../db.ts";
import type { Notifier } from "../ports.ts";
import { advanceLead } from "./advance-lead.ts";
import { recordEvent } from "../events/record-event.ts";

/**
 * Saves a customer's email and/or phone (already validated and normalised by entity extraction),
 * moves their lead to "lead" and tells the owner about a new lead, all written together.
 */
export async function captureContact(
  deps: { db: Db; notifier: Notifier },
  options: { customerId: number; email?: string; phone?: string; name?: string; at: Date },
) {
  const { customerId, email, phone, at } = options;
  const { customer, lead, becameLead } = await deps.db.$transaction(async (tx) => {
    const customer = await tx.customer.update({
      where: { id: customerId },
      data: { ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(options.name ? { name: options.name } : {}) },
    });
    const step = await advanceLead(tx, { customerId, to: "lead", source: "contact", at });
    await recordEvent(tx, { type: "contact_left", customerId, at, data: { email: Boolean(email), phone: Boolean(phone) } });
    return { customer, lead: step.lead, becameLead: step.changed && step.lead.stage === "lead" };
  });
  if (becameLead) {
    await deps.notifier.notify({ type: "new_lead", customerId, leadId: lead.id, name: customer.name, contact: [customer.email, customer.phone].filter(Boolean).join(", ") });
  }
  return { customer, lead };
}
