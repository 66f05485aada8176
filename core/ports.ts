/**
 * Ports: what the domain needs from the outside world, implemented in `adapters/` and wired in
 * `bot/`. Tests implement them at the edges of the world only (a fixed clock, a recording notifier).
 */
import type { FileContent, Reply, TChannel } from "./messages.ts";

/** Time is injected so tests never sleep and analytics can replay history. */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put; tests move it by hand. */
export function createFixedClock(start: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** Something the owner should hear about as it happens. */
export type OwnerNotification =
  | { type: "new_lead"; customerId: number; leadId: number; name: string | null; contact: string }
  | { type: "new_order"; orderId: number; customerId: number | null; customerName: string | null; totalMinor: number; currency: string; lines: string[]; address?: string }
  | { type: "payment_received"; orderId: number; totalMinor: number; currency: string }
  /** The customer says they have paid (a bank transfer the owner has to look for); the order is not marked paid. */
  | { type: "payment_claimed"; orderId: number; customerId: number; customerName: string | null; totalMinor: number; currency: string }
  | { type: "shipping_address"; orderId: number; customerId: number; customerName: string | null; address: string }
  /** At or below its low-stock threshold: a product without enough sales history for a forecast. Once per episode. */
  | { type: "low_stock"; productId: number; sku: string; name: string; nameZh?: string | null; stock: number; threshold: number }
  /**
   * At or below its reorder point, worked out from its demand forecast: how long the stock lasts at the
   * current pace (null: nothing expected to sell), the lead time, and how many to order. Once per episode.
   */
  | { type: "reorder"; productId: number; sku: string; name: string; nameZh?: string | null; stock: number; daysOfCover: number | null; leadDays: number; orderQuantity: number; reorderPoint: number }
  /** Several products came to need reordering at once (the nightly refresh of the plans): one notice for all. */
  | { type: "reorder_summary"; products: { sku: string; name: string; nameZh?: string | null; stock: number; orderQuantity: number | null }[]; total: number }
  | { type: "handoff_requested"; conversationId: number; customerId: number; customerName: string | null; reason: string }
  /** A campaign has been sent to everyone it will reach: the counts, and why the others were not. */
  | { type: "campaign_finished"; campaignId: number; name: string; sent: number; failed: number; skipped: number; reasons: { status: "skipped" | "failed" | "pending"; reason: string; count: number }[] }
  /** A customer asked in the chat for the data held about them (access) or for its erasure; once per open request. */
  | { type: "data_request"; requestId: number; customerId: number; customerName: string | null; channel: string; request: "access" | "erasure" };

/** Tells the owner (Slack channel, console feed). Failures are the notifier's to log, never the caller's. */
export interface Notifier {
  notify(notification: OwnerNotification): Promise<void>;
}

/**
 * What became of one marketing message (a campaign's): the outbox decides what happens to its row
 * from it. Only `sent` may have reached the customer.
 */
export type TMarketingSendResult =
  | { kind: "sent" }
  /** The channel asked us to slow down (Telegram's 429): nothing was sent; try again after `retryAfterMs`. */
  | { kind: "rateLimited"; retryAfterMs: number }
  /** The channel will not take messages for this customer (blocked the bot, deleted the account): never retry. */
  | { kind: "unreachable"; reason: string }
  /**
   * Not delivered as far as we know. `retry` only when the channel certainly did not deliver it (its
   * own 5xx); a network failure may have delivered it, and a marketing message is not sent twice.
   */
  | { kind: "failed"; retry: boolean; reason: string };

/** Sends replies to a customer outside of a request/response turn (owner replies, status changes). */
export interface CustomerMessenger {
  /** Returns false when the channel cannot reach this customer now. */
  send(target: { channel: TChannel; externalUserId: string }, replies: Reply[]): Promise<boolean>;
  /**
   * Fetches a file the customer sent (an attachment's `fileRef`) so the owner can see it. Channels
   * without files leave it out. Throws when the channel refuses or cannot be reached.
   */
  fetchFile?(target: { channel: TChannel; externalUserId: string }, fileRef: string): Promise<FileContent>;
  /**
   * Sends one marketing message, with no retry of its own (the caller's outbox retries, paced), and
   * says exactly what happened. Channels without it are sent to with {@link send}.
   */
  sendMarketing?(target: { channel: TChannel; externalUserId: string }, reply: Reply): Promise<TMarketingSendResult>;
}


/** Structured log lines; the default writes JSON to stderr. */
/**
 * Copies of the whole shop database taken while the shop runs. Only the embedded database has one
 * here: a PostgreSQL server is backed up with its own tools (pg_dump, its host's snapshots).
 */
export interface BackupStore {
  /** Writes a complete copy now and removes the oldest beyond the number kept. */
  backUp(at: Date): Promise<{ location: string; bytes: number; kept: number }>;
  /** Removes the copies taken before `cutoff` (RETENTION_DAYS: a backup holds every customer's data); returns where they were. */
  removeOlderThan(cutoff: Date): Promise<string[]>;
}

export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}
