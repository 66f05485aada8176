/**
 * A customer's marketing consent given or withdrawn (UK PECR / GDPR: no marketing without it): the
 * statement is kept as a `ConsentChange` row with its time and how it was made (a button, words in
 * the chat, the owner, an import), and the current value set on the customer, in one transaction
 * (a customer's turn joins it, so the change commits with the turn's reply). Every statement is
 * kept, a repeat of the current value too: it is what shows, later, that consent was given and when
 * it was withdrawn.
 */
import { z } from "zod";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";

export const ZConsentSource = z.enum(["button", "words", "owner", "import"]);
export type TConsentSource = z.infer<typeof ZConsentSource>;

export const ZRecordConsentOptions = z.object({
  customerId: z.number().int().positive(),
  given: z.boolean(),
  source: ZConsentSource,
  at: z.date(),
  /** Who recorded it when not the customer ("owner"); omitted when the customer did. */
  actor: z.string().trim().min(1).max(100).optional(),
});
export type TRecordConsentOptions = z.infer<typeof ZRecordConsentOptions>;

/**
 * Records one statement of consent. `changed`: the current value differs from before (false for a
 * second "unsubscribe"). Throws NOT_FOUND (with a `customerNotFound` refusal) for an unknown customer.
 */
export async function recordConsent(deps: { db: Db }, input: TRecordConsentOptions) {
  const { customerId, given, source, at, actor } = ZRecordConsentOptions.parse(input);
  return deps.db.$transaction(async (tx) => {
    // The value before, read with the row locked, so two statements at once are kept in order.
    const [before] = await tx.$queryRaw<{ marketingConsent: boolean }[]>`SELECT "marketingConsent" FROM "Customer" WHERE id = ${customerId} FOR UPDATE`;
    if (!before) throw new AppError("NOT_FOUND", { message: `customer ${customerId} not found`, refusal: { kind: "customerNotFound", customerId } });
    const customer = await tx.customer.update({ where: { id: customerId }, data: { marketingConsent: given, consentAt: at } });
    const change = await tx.consentChange.create({ data: { customerId, given, source, at, ...(actor ? { actor } : {}) } });
    return { customer, change, changed: before.marketingConsent !== given };
  });
}
