/**
 * What the dashboard's overview keeps between two builds: the figures computed "as of the shop's
 * midnight" from the whole history (the lead scorer trained on it, the forecast fitted to it), which
 * take most of a build over a big shop and cannot change during the day unless the history before
 * midnight does. Each is kept under the day and a fingerprint of that history: how many orders were
 * placed before midnight and when any of them last changed (a cancellation, a refund), and how many
 * chat events and customer messages the scorer reads. Names and contacts are never kept (an erasure
 * shows at once); only scores and forecasts.
 */
import type { Db } from "../db.ts";

export interface OverviewCache {
  /** The value kept under `key`, or `compute()`'s, kept for next time. */
  remember<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export function createOverviewCache(capacity = 16): OverviewCache {
  const kept = new Map<string, Promise<unknown>>();
  return {
    remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const found = kept.get(key) as Promise<T> | undefined;
      if (found) return found;
      const value = compute();
      kept.set(key, value);
      // A failure is not kept: the next build tries again.
      value.catch(() => kept.delete(key));
      while (kept.size > capacity) kept.delete(kept.keys().next().value!);
      return value;
    },
  };
}

/** No cache: every figure computed afresh (the default, and what the commands do). */
export const NO_OVERVIEW_CACHE: OverviewCache = { remember: (_key, compute) => compute() };

/** A short text that changes whenever the history the midnight figures read changes. */
export async function historyFingerprint(db: Db, options: { today: Date; eventsSince: Date }): Promise<string> {
  const [row] = await db.$queryRaw<{ orders: number; changed: Date | null; events: number; messages: number; customers: number }[]>`
    SELECT (SELECT count(*) FROM "Order" WHERE "placedAt" < ${options.today})::int AS orders,
           (SELECT max("updatedAt") FROM "Order" WHERE "placedAt" < ${options.today}) AS changed,
           (SELECT count(*) FROM "Event" WHERE at >= ${options.eventsSince} AND at < ${options.today})::int AS events,
           (SELECT count(*) FROM "Message" WHERE direction = 'inbound' AND "createdAt" >= ${options.eventsSince} AND "createdAt" < ${options.today})::int AS messages,
           (SELECT count(*) FROM "Customer")::int AS customers`;
  return row ? `${row.orders}:${row.changed?.getTime() ?? 0}:${row.events}:${row.messages}:${row.customers}` : "none";
}
