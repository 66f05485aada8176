/**
 * A budget of messages per chat and per window (20 a minute by default), so that one chat sending
 * hundreds of messages cannot take the shop's time from everyone else. Pure: the time comes from the
 * injected clock, and the verdict is a value the adapter acts on.
 *
 * Windows are fixed and per chat: the first message of a window opens it, and it lasts `windowMs`.
 * Within it the first `limit` messages are admitted, the next one is answered once with a polite
 * "slow down" (`warn`), and the rest are dropped unread until the window ends.
 */
import type { Clock } from "../../core/ports.ts";

export type TBudgetVerdict = "admit" | "warn" | "drop";

export interface ChatBudget {
  /** Counts one message of the chat and says what to do with it. */
  take(chat: string): TBudgetVerdict;
  /** Whether the chat has gone over its budget in the window it is in now (it then yields to the others). */
  isOver(chat: string): boolean;
}

export interface ChatBudgetOptions {
  /** Messages a chat may send per window; 0 turns the budget off (every message is admitted). */
  limit: number;
  windowMs: number;
  clock: Clock;
}

interface Window {
  startedAt: number;
  count: number;
}

export function createChatBudget(options: ChatBudgetOptions): ChatBudget {
  const { limit, windowMs, clock } = options;
  const windows = new Map<string, Window>();
  let sweptAt = Number.NEGATIVE_INFINITY;

  /** Forgets windows that have ended (at most once a window), so a chat that went quiet costs nothing. */
  function sweep(now: number) {
    if (now - sweptAt < windowMs) return;
    sweptAt = now;
    for (const [chat, window] of windows) if (now - window.startedAt >= windowMs) windows.delete(chat);
  }

  const isCurrent = (window: Window | undefined, now: number): window is Window => window !== undefined && now >= window.startedAt && now - window.startedAt < windowMs;

  return {
    take(chat) {
      if (limit <= 0) return "admit";
      const now = clock.now().getTime();
      sweep(now);
      let window = windows.get(chat);
      if (!isCurrent(window, now)) {
        window = { startedAt: now, count: 0 };
        windows.set(chat, window);
      }
      window.count++;
      if (window.count <= limit) return "admit";
      return window.count === limit + 1 ? "warn" : "drop";
    },
    isOver(chat) {
      const window = windows.get(chat);
      return limit > 0 && isCurrent(window, clock.now().getTime()) && window.count > limit;
    },
  };
}
