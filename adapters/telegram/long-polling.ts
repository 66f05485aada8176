/**
 * Long polling with `getUpdates`, written here rather than taken from telegraf's `launch()` so
 * that updates are handed to the per-chat queue without waiting for the whole batch (a slow chat
 * does not hold up the next fetch), the loop waits when too many updates are in flight, and
 * stopping is an awaitable step of shutdown.
 *
 * Telegram forgets an update once a later `getUpdates` passes an offset above it. Updates are
 * claimed in the database as they are handled, so one fetched again after a restart is skipped.
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
  onUpdate: (update: Update) => void;
  /** Awaited before each fetch: back-pressure when too much is in flight. */
  beforeFetch: () => Promise<void>;
}

export interface LongPolling {
  /** Stops fetching (an open request is aborted) and resolves when the loop has ended. */
  stop(): Promise<void>;
  /** Tells Telegram every update fetched so far is done, so a restart does not fetch them again. */
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
  let offset = 0;
  let failures = 0;

  const loop = (async () => {
    while (!controller.signal.aborted) {
      await abortable(options.beforeFetch(), controller.signal);
      if (controller.signal.aborted) break;
      try {
        const updates = await call(
          "getUpdates",
          { offset, timeout, limit: 100, allowed_updates: options.allowedUpdates as never },
          { signal: controller.signal, timeoutMs: (timeout + 15) * 1_000 },
        );
        failures = 0;
        for (const update of updates) {
          if (update.update_id < offset) continue;
          offset = update.update_id + 1;
          options.onUpdate(update);
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
        await call("getUpdates", { offset, limit: 1, timeout: 0 }, { timeoutMs: 5_000 });
      } catch (error) {
        logger.warn("could not confirm the last telegram updates; they will be skipped as duplicates after restart", describeTelegramError(error));
      }
    },
  };
}
