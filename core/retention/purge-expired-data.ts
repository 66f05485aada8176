/**
 * RETENTION_DAYS made real: what customers wrote (and what was written to them) is kept that long,
 * then blanked; a customer who has not been heard from, ordered or done anything for that long is
 * anonymised the way an erasure does it. The message rows stay, text-less, so counts and the funnel
 * still add up; orders stay for the books. Run nightly by bot/retention-job.ts, once across replicas.
 */
import { z } from "zod";
import { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import type { Clock, Logger } from "../ports.ts";

export const ZPurgeExpiredDataOptions = z.object({
  retentionDays: z.number().int().min(1),
  /** How many inactive customers to anonymise per transaction (keeps each one short on PGlite). */
  batchSize: z.number().int().min(1).max(1_000).default(100),
});
export type TPurgeExpiredDataOptions = z.input<typeof ZPurgeExpiredDataOptions>;

export interface PurgeReport {
  cutoff: Date;
  messagesBlanked: number;
  customersAnonymised: number;
}

const DAY_MS = 86_400_000;

/** Orders that are still being worked on: their customer is active whatever the dates say. */
const ORDERS_IN_PROGRESS = ["placed", "paid", "shipped"] as const;

/**
 * Customers with personal data left and nothing at or after `cutoff`: no message in any of their
 * conversations, no order created, moved or refunded, no event, no order still in progress.
 */
export function inactiveCustomersWhere(cutoff: Date): Prisma.CustomerWhereInput {
  const recent = { gte: cutoff };
  return {
    createdAt: { lt: cutoff },
    conversations: { none: { messages: { some: { createdAt: recent } } } },
    orders: { none: { OR: [{ createdAt: recent }, { refundedAt: recent }, { statusHistory: { some: { at: recent } } }, { status: { in: [...ORDERS_IN_PROGRESS] } }] } },
    events: { none: { at: recent } },
    OR: [
      { name: { not: null } },
      { email: { not: null } },
      { phone: { not: null } },
      { address: { not: null } },
      { identities: { some: { OR: [{ username: { not: null } }, { displayName: { not: null } }] } } },
      { orders: { some: { shippingAddress: { not: null } } } },
    ],
  };
}

export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** Blanks message texts and attachments older than the cutoff; the rows (direction, intent, time) stay. */
export async function blankExpiredMessages(db: Db, cutoff: Date): Promise<number> {
  const blanked = await db.message.updateMany({
    where: { createdAt: { lt: cutoff }, OR: [{ text: { not: "" } }, { attachment: { not: Prisma.AnyNull } }] },
    data: { text: "", attachment: Prisma.DbNull },
  });
  return blanked.count;
}

export function createExpiredDataPurge(deps: { db: Db; clock: Clock; logger: Logger; anonymiseCustomer?: (customerId: number) => Promise<void> }) {
  return async function purgeExpiredData(input: TPurgeExpiredDataOptions): Promise<PurgeReport> {
    const options = ZPurgeExpiredDataOptions.parse(input);
    const cutoff = retentionCutoff(deps.clock.now(), options.retentionDays);
    const messagesBlanked = await blankExpiredMessages(deps.db, cutoff);
    let customersAnonymised = 0;
    if (deps.anonymiseCustomer) {
      let afterId = 0;
      for (;;) {
        const batch = await deps.db.customer.findMany({ where: { ...inactiveCustomersWhere(cutoff), id: { gt: afterId } }, select: { id: true }, orderBy: { id: "asc" }, take: options.batchSize });
        if (batch.length === 0) break;
        for (const { id } of batch) await deps.anonymiseCustomer(id);
        customersAnonymised += batch.length;
        afterId = batch.at(-1)!.id;
      }
    }
    deps.logger.info("expired personal data purged", { cutoff: cutoff.toISOString(), messagesBlanked, customersAnonymised });
    return { cutoff, messagesBlanked, customersAnonymised };
  };
}
