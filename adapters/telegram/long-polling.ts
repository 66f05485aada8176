/**
 * Long polling with `getUpdates`, written here rather than taken from telegraf's `launch()` so
 * that updates are handed to the per-chat queue without waiting for the whole batch (a slow chat
 * does not hold up the next fetch), the loop waits when too many updates are in flight, and
 * stopping is an awaitable step of shutdown.
 *
 * Telegram forgets an update once a later `getUpdates` passes an offset above it. Updates are
 * claimed in the database as soon as they arrive (before they wait for their chat's turn), so one
 * fetched again after a restart is skipped. Until an update is claimed ("settled") the offset stays
 * at it, so Telegram keeps it: one whose claim fails (the database is down) is retried in place with
 * a growing wait, and if the process stops or dies first, the next one is sent it again. An update
 * dropped unread (its chat is over its budget) is settled at once. Nothing fetched is lost on a
 * clean stop, which finishes every claimed update.
 */
import type { Update } from "telegraf/types";
import type { Logger } from "../../core/ports.ts";
import { describeTelegramError, isTelegramError, type TelegramCall } from "./telegram-api.ts";

export interface LongPollingOptions {
  call: TelegramCall;
  logger: Logger;
  allowedUpdates: string[];
  /** Seconds Telegram holds a `getUpdates` open when there is nothing new (default 30). */
  timeoutSeconds?: number;
  sleep: (ms: number) => Promise<void>;
  /** Called with every update, in order; must not throw. */
  onUpdate: (update: Update, delivery: UpdateDelivery) => void;
  /** Awaited before each fetch: back-pressure when too much is in flight. */
  beforeFetch: () => Promise<void>;
}

/** What the handler of one update tells the poller, and asks it. */
export interface UpdateDelivery {
  /** The update is recorded (claimed, or found already handled): Telegram may forget it. */
  settle(): void;
  /**
   * Waits before another attempt at an update that could not be claimed: true when it should try
   * again, false once polling stops (the update is then left with Telegram for the next start).
   */
  retryLater(attempt: number): Promise<boolean>;
}

/** Waits between attempts at an update that could not be claimed: 1 s, 2 s, 4 s … up to 30 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.min(Math.max(attempt, 1) - 1, 5));
}

export interface LongPolling {
  /** Stops fetching (an open request is aborted) and resolves when the loop has ended. */
  stop(): Promise<void>;
  /**
   * Tells Telegram every update fetched and settled so far is done, so a restart does not fetch
   * them again; one never settled (and every later one) stays with Telegram.
   */
  confirm(): Promise<void>;
}

function abortable(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    signal.addEventListener("abort", done);
    void promise.then(done, done);
  });
}

export function startLongPolling(options: LongPollingOptions): LongPolling {
  const { call, logger } = options;
  const controller = new AbortController();
  const timeout = options.timeoutSeconds ?? 30;
  /** The first update id not handed out yet. */
  let offset = 0;
  let failures = 0;
  /** Handed out, not settled: Telegram must keep these. */
  const unsettled = new Set<number>();
  /** What `getUpdates` may confirm: everything below the oldest unsettled update. */
  const confirmable = () => (unsettled.size > 0 ? Math.min(...unsettled) : offset);
  /** Resolves at the next settle, so a held-back loop fetches again as soon as it may move on. */
  const signal = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };
  let nextSettle = signal();

  function handOut(update: Update) {
    const id = update.update_id;
    unsettled.add(id);
    options.onUpdate(update, {
      settle() {
        if (!unsettled.delete(id)) return;
        nextSettle.resolve();
        nextSettle = signal();
      },
      async retryLater(attempt) {
        if (controller.signal.aborted) return false;
        await abortable(options.sleep(retryDelayMs(attempt)), controller.signal);
        return !controller.signal.aborted;
      },
    });
  }

  const loop = (async () => {
    while (!controller.signal.aborted) {
      await abortable(options.beforeFetch(), controller.signal);
      // An update handed out but not recorded yet holds the offset back, and Telegram would answer
      // at once with it again: first wait for a settle (usually milliseconds: one insert) or a
      // second. Held back for longer (the database is down), the loop asks once a second and skips
      // the updates it already handed out.
      if (unsettled.size > 0) await abortable(Promise.race([nextSettle.promise, options.sleep(1_000)]), controller.signal);
      if (controller.signal.aborted) break;
      try {
        const from = confirmable();
        const heldBack = from < offset;
        const updates = await call(
          "getUpdates",
          { offset: from, timeout: heldBack ? 0 : timeout, limit: 100, allowed_updates: options.allowedUpdates as never },
          { signal: controller.signal, timeoutMs: (timeout + 15) * 1_000 },
        );
        failures = 0;
        for (const update of updates) {
          if (update.update_id < offset) continue;
          offset = update.update_id + 1;
          handOut(update);
        }
      } catch (error) {
        if (controller.signal.aborted) break;
        failures++;
        const wait = Math.min(30_000, 1_000 * 2 ** Math.min(failures - 1, 5));
        if (isTelegramError(error, 409)) {
          logger.error("telegram: another process is polling this bot, or a webhook is set; retrying", { waitMs: wait, ...describeTelegramError(error) });
        } else if (isTelegramError(error, 401) || isTelegramError(error, 404)) {
          logger.error("telegram rejected the bot token; check TELEGRAM_BOT_TOKEN", { waitMs: wait, ...describeTelegramError(error) });
        } else {
          logger.error("telegram getUpdates failed; retrying", { waitMs: wait, ...describeTelegramError(error) });
        }
        await abortable(options.sleep(wait), controller.signal);
      }
    }
  })();

  return {
    async stop() {
      controller.abort();
      await loop;
    },
    async confirm() {
      if (offset === 0) return;
      try {
        // Returns at most one newer update, which stays unconfirmed for the next start.
        await call("getUpdates", { offset: confirmable(), limit: 1, timeout: 0 }, { timeoutMs: 5_000 });
      } catch (error) {
        logger.warn("could not confirm the last telegram updates; they will be skipped as duplicates after restart", describeTelegramError(error));
      }
    },
  };
}
