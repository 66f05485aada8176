import { isUniqueViolation } from "../db-errors.ts";
import type { Db } from "../db.ts";

/**
 * Claims an inbound update (a Telegram update_id, a Slack event id) before it is handled: true the
 * first time, false for every redelivery, including one racing the first on another connection
 * (the unique key on (source, updateId) decides). Claiming first means a redelivered update never
 * runs twice; the price is that an update whose handler is killed mid-way (kill -9, power loss) is
 * not retried. Graceful shutdown drains in-flight updates, so a restart loses nothing.
 *
 * A claim that throws (the database is down) claims nothing: the caller must leave the update where
 * it can come back. A webhook answers with an error so Telegram or Slack sends it again; Telegram's
 * long polling keeps its offset at the update and retries the claim until it is recorded.
 */
export async function claimUpdate(db: Db, options: { source: string; updateId: string; at: Date }): Promise<boolean> {
  try {
    await db.processedUpdate.create({ data: { source: options.source, updateId: options.updateId, processedAt: options.at } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Gives a claim back when the update could not be handled at all, so a redelivery may try again. */
export async function releaseUpdate(db: Db, options: { source: string; updateId: string }): Promise<void> {
  await db.processedUpdate.deleteMany({ where: { source: options.source, updateId: options.updateId } });
}
