/**
 * Every Bot API call the adapter makes goes through {@link createTelegramApi}: a 429 waits the
 * `retry_after` Telegram asked for and tries again; a 5xx or a network failure is retried a
 * couple of times for calls that are safe to repeat; everything else is thrown to the caller,
 * which logs it with context. Every call has a deadline, so one hung request cannot hold a chat's
 * queue for ever.
 */
import { TelegramError, type Telegraf } from "telegraf";
import type { Opts, Telegram as TelegramMethods } from "telegraf/types";
import type { Logger } from "../../core/ports.ts";

/** Calls that do the same thing when repeated: retried after a network error too. */
const IDEMPOTENT = new Set<string>(["getMe", "getUpdates", "setMyCommands", "deleteWebhook", "setWebhook", "answerCallbackQuery", "answerPreCheckoutQuery", "getWebhookInfo", "getFile"]);

export interface TelegramApiOptions {
  bot: Telegraf;
  logger: Logger;
  /** Waits between attempts; tests pass one that records and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Deadline of one HTTP call (default 30 s). */
  timeoutMs?: number;
  /** Attempts after rate limiting before giving up (default 5). */
  maxRateLimitRetries?: number;
}

export interface TelegramCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * Retries after a 429 (default the API's `maxRateLimitRetries`). A marketing message passes 0: its
   * outbox row goes back to wait `retry_after` instead of holding a sender here.
   */
  rateLimitRetries?: number;
  /** Retry a 5xx (and a network failure of a repeatable call); default true. */
  retryTransient?: boolean;
}

export type TelegramCall = <M extends keyof TelegramMethods>(method: M, payload: Opts<M>, options?: TelegramCallOptions) => Promise<ReturnType<TelegramMethods[M]>>;

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A description of an API failure fit for a log line (never the token). */
export function describeTelegramError(error: unknown): Record<string, unknown> {
  if (error instanceof TelegramError) return { code: error.code, description: error.description };
  if (error instanceof Error) return { error: error.name, message: error.message.replace(/\/bot\d+:[^/\s]+/g, "/bot<token>") };
  return { error: String(error) };
}

export function isTelegramError(error: unknown, code?: number): error is TelegramError {
  return error instanceof TelegramError && (code === undefined || error.code === code);
}

export function createTelegramApi(options: TelegramApiOptions): TelegramCall {
  const { bot, logger } = options;
  const sleep = options.sleep ?? defaultSleep;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 5;

  return async function call(method, payload, callOptions = {}) {
    let rateLimited = 0;
    let failed = 0;
    for (;;) {
      const deadline = AbortSignal.timeout(callOptions.timeoutMs ?? options.timeoutMs ?? 30_000);
      const signal = callOptions.signal ? AbortSignal.any([callOptions.signal, deadline]) : deadline;
      try {
        // telegraf types its signal with the abort-controller polyfill; Node's own is what node-fetch checks for.
        return await bot.telegram.callApi(method, payload, { signal: signal as never });
      } catch (error) {
        if (callOptions.signal?.aborted) throw error;
        if (isTelegramError(error, 429) && rateLimited < (callOptions.rateLimitRetries ?? maxRateLimitRetries)) {
          rateLimited++;
          const seconds = Math.min(Math.max(error.parameters?.retry_after ?? 1, 0), 3_600);
          logger.warn("telegram rate limit: waiting before retrying", { method, retryAfterSeconds: seconds, attempt: rateLimited });
          await sleep(seconds * 1_000);
          continue;
        }
        // Telegram's 5xx means it did not do it; a network failure or timeout may have delivered the
        // call, so only repeatable calls are tried again.
        const transient = isTelegramError(error) ? error.code >= 500 : IDEMPOTENT.has(method);
        if (transient && callOptions.retryTransient !== false && failed < 2) {
          failed++;
          logger.warn("telegram call failed; retrying", { method, attempt: failed, ...describeTelegramError(error) });
          await sleep(500 * 2 ** failed);
          continue;
        }
        throw error;
      }
    }
  };
}
