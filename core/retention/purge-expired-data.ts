/**
 * RETENTION_DAYS made real: what customers wrote (and what was written to them) is kept that long,
 * then blanked; a customer who has not been heard from, ordered or done anything for that long is
 * anonymised by the owner's erasure itself (core/customers/erase-customer-data.ts). The message rows stay, text-less, so counts and the funnel
 * still add up; orders stay for the books. Run nightly by bot/retention-job.ts, once across replicas.
 */
import { z } from "zod";
import { Prisma } from "../../prisma/generated/client.ts";
import { joinTransaction, type Db } from "../db.ts";
import { customerSubject, recordAuditEntry } from "../audit/record-audit-entry.ts";
import { answerDataRequests } from "../customers/answer-data-requests.ts";
import { eraseCustomerData } from "../customers/erase-customer-data.ts";
import type { Clock, Logger } from "../ports.ts";

export const ZPurgeExpiredDataOptions = z.object({
  retentionDays: z.number().int().min(1),
  /** How many inactive customers to read at a time (each is erased in its own transaction). */
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
 * Customers not erased yet with nothing at or after `cutoff`: no message in any of their
 * conversations, no order created, moved or refunded, no event, no order still in progress.
 */
export function inactiveCustomersWhere(cutoff: Date): Prisma.CustomerWhereInput {
  const recent = { gte: cutoff };
  return {
    erasedAt: null,
    createdAt: { lt: cutoff },
    conversations: { none: { messages: { some: { createdAt: recent } } } },
    orders: { none: { OR: [{ createdAt: recent }, { refundedAt: recent }, { statusHistory: { some: { at: recent } } }, { status: { in: [...ORDERS_IN_PROGRESS] } }] } },
    events: { none: { at: recent } },
  };
}

export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Blanks message texts, attachments and button payloads older than the cutoff (what erasure clears of a
 * message, core/customers/personal-data.ts); the rows (direction, intent, time) stay for the counts.
 */
export async function blankExpiredMessages(db: Db, cutoff: Date): Promise<number> {
  const blanked = await db.message.updateMany({
    where: { createdAt: { lt: cutoff }, OR: [{ text: { not: "" } }, { payload: { not: null } }, { attachment: { not: Prisma.AnyNull } }] },
    data: { text: "", payload: null, attachment: Prisma.DbNull },
  });
  return blanked.count;
}

/**
 * One inactive customer anonymised exactly as the owner's `customer <id> erase` does, any data request
 * of theirs still open answered by it and the erasure written to the audit trail ("system"), in one
 * transaction.
 */
async function eraseInactiveCustomer(db: Db, customerId: number, at: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const joined = joinTransaction(tx);
    const result = await eraseCustomerData(joined, { customerId, at });
    if (!result.erased) return false;
    await answerDataRequests({ db: joined }, { customerId, answer: "erased", answeredBy: "system", at });
    // In the audit trail as the owner's erasure is, by "system": what went, and why.
    await recordAuditEntry(joined, { at, actor: "system", action: "retention", subject: customerSubject(customerId), before: { ...result.counts }, after: { erasedAt: at.toISOString() } });
    return true;
  });
}

export function createExpiredDataPurge(deps: { db: Db; clock: Clock; logger: Logger }) {
  return async function purgeExpiredData(input: TPurgeExpiredDataOptions): Promise<PurgeReport> {
    const options = ZPurgeExpiredDataOptions.parse(input);
    const now = deps.clock.now();
    const cutoff = retentionCutoff(now, options.retentionDays);
    const messagesBlanked = await blankExpiredMessages(deps.db, cutoff);
    let customersAnonymised = 0;
    let afterId = 0;
    for (;;) {
      const batch = await deps.db.customer.findMany({ where: { ...inactiveCustomersWhere(cutoff), id: { gt: afterId } }, select: { id: true }, orderBy: { id: "asc" }, take: options.batchSize });
      if (batch.length === 0) break;
      // One transaction per customer: a long run never holds the embedded database for the whole batch.
      for (const { id } of batch) if (await eraseInactiveCustomer(deps.db, id, now)) customersAnonymised += 1;
      afterId = batch.at(-1)!.id;
    }
    deps.logger.info("expired personal data purged", { cutoff: cutoff.toISOString(), messagesBlanked, customersAnonymised });
    return { cutoff, messagesBlanked, customersAnonymised };
  };
}
