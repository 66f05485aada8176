/** The audit trail, newest first: all of it, or the entries about some subjects (a customer's, a product's). */
import type { Db } from "../db.ts";

export async function listAuditEntries(db: Db, options: { limit: number; subjects?: readonly string[] }) {
  return db.auditEntry.findMany({
    where: options.subjects ? { subject: { in: [...options.subjects] } } : {},
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: options.limit,
  });
}
