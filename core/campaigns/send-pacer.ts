/**
 * How fast the shop may write to customers in bulk: at most `ratePerSecond` messages in any one
 * second overall and at most one message a second to any one chat (Telegram's documented limits are
 * about 30 a second and 1 a second per chat; above them it answers 429). Pure: it keeps the
 * times of recent sends and answers "how long until the next may go?" from the injected clock, so
 * tests step time by hand and the sender sleeps exactly as long as it must.
 *
 * Replies to customers who are chatting share it but never wait for it: they are recorded
 * (`recordReply`) and count against the second's budget, so a campaign sends less while people are
 * chatting instead of competing with them. Bulk sends wait (`bulkDelay`, `chatDelay`).
 *
 * The window is a little longer than a second (`marginMs`, 50 ms by default): Telegram counts
 * arrival times, and between deciding to send and the request arriving a busy process (a customer's
 * turn holding the event loop, a loaded machine) can lose tens of milliseconds on one message and
 * not the next, so sends spaced by exactly a second on our clock could arrive less than a second
 * apart. The benchmark measured 26 in one second at the server with 25 ms, 25 with 50 ms.
 */
import type { Clock } from "../ports.ts";

export interface SendPacer {
  /** Milliseconds until the next bulk message may go to anyone (0: now). */
  bulkDelay(): number;
  /** Milliseconds until any message may go to this chat without breaking one a second (0: now). */
  chatDelay(chat: string): number;
  /** A bulk message went to `chat` now. */
  recordBulk(chat: string): void;
  /** A reply went to `chat` now: it takes from the second's budget and never waits. */
  recordReply(chat: string): void;
  /** Telegram said to wait (429 `retry_after`): no bulk message until then. */
  pause(ms: number): void;
  readonly ratePerSecond: number;
}

export interface SendPacerOptions {
  ratePerSecond: number;
  clock: Clock;
  /** Least time between two messages to one chat (default 1,000 ms). */
  perChatIntervalMs?: number;
  /** Added to the one-second window for the jitter between deciding to send and the request arriving (default 50 ms). */
  marginMs?: number;
}

export function createSendPacer(options: SendPacerOptions): SendPacer {
  const rate = options.ratePerSecond;
  if (!Number.isInteger(rate) || rate < 1) throw new RangeError(`ratePerSecond must be a whole number ≥ 1, not ${rate}`);
  const perChat = options.perChatIntervalMs ?? 1_000;
  const windowMs = 1_000 + (options.marginMs ?? 50);
  // Bulk sends are spread across the second (a bucket refilled at the rate) rather than sent as a
  // burst at its start; the bucket holds two, so a moment lost waiting (for a customer's turn, a slow
  // answer) is partly caught up, never beyond the window's limit, while bunches stay small.
  const refillMs = windowMs / rate;
  const capacity = Math.min(2, rate);
  const { clock } = options;
  /** Times of the sends (bulk and replies) still inside the window, oldest first. */
  const recent: number[] = [];
  const lastToChat = new Map<string, number>();
  let tokens = 1;
  let refilledAt = Number.NEGATIVE_INFINITY;
  let pausedUntil = 0;

  const now = () => clock.now().getTime();
  function forget(at: number) {
    while (recent.length > 0 && recent[0]! <= at - windowMs) recent.shift();
    if (lastToChat.size > 2_000) for (const [chat, sentAt] of lastToChat) if (sentAt <= at - perChat) lastToChat.delete(chat);
  }
  function refill(at: number) {
    tokens = refilledAt === Number.NEGATIVE_INFINITY ? 1 : Math.min(capacity, tokens + (at - refilledAt) / refillMs);
    refilledAt = at;
  }
  function record(chat: string) {
    const at = now();
    forget(at);
    recent.push(at);
    lastToChat.set(chat, at);
    return at;
  }

  return {
    ratePerSecond: rate,
    bulkDelay() {
      const at = now();
      forget(at);
      refill(at);
      let wait = Math.max(0, pausedUntil - at, tokens >= 1 ? 0 : (1 - tokens) * refillMs);
      // The window is full: the next goes when its oldest send leaves it.
      if (recent.length >= rate) wait = Math.max(wait, recent[recent.length - rate]! + windowMs - at);
      return Math.ceil(wait);
    },
    chatDelay(chat) {
      const last = lastToChat.get(chat);
      return last === undefined ? 0 : Math.max(0, Math.ceil(last + perChat - now()));
    },
    recordBulk(chat) {
      refill(record(chat));
      tokens -= 1;
    },
    recordReply(chat) {
      record(chat);
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + Math.max(0, ms));
    },
  };
}
