/**
 * The pacer alone, on a clock moved by hand: it lets through at most `ratePerSecond` bulk messages
 * in any window of a second (plus its margin), spaced evenly, at most one a second to one chat,
 * yields to replies, and waits out a 429's retry_after.
 */
import { describe, expect, it } from "vitest";
import { createSendPacer } from "../../core/campaigns/send-pacer.ts";
import { createFixedClock } from "../../core/ports.ts";

/** Sends `count` bulk messages to distinct chats as fast as the pacer allows; returns their times (ms). */
function run(pacer: ReturnType<typeof createSendPacer>, clock: ReturnType<typeof createFixedClock>, count: number, chatOf = (i: number) => `telegram:${i}`) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    for (;;) {
      const wait = Math.max(pacer.bulkDelay(), pacer.chatDelay(chatOf(i)));
      if (wait === 0) break;
      clock.advance(wait);
    }
    pacer.recordBulk(chatOf(i));
    times.push(clock.now().getTime());
  }
  return times;
}

/** The most times in any half-open window [t, t + ms). */
function maxInWindow(times: readonly number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("the send pacer", () => {
  it("lets at most the rate through in any one-second window, spaced evenly, and no slower than needed", () => {
    const clock = createFixedClock("2026-11-20T10:00:00Z");
    const pacer = createSendPacer({ ratePerSecond: 25, clock });
    const start = clock.now().getTime();
    const times = run(pacer, clock, 500);
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(25);
    // With 50 ms of margin a second, 500 messages take about 500 / 25 × 1.05 = 21 s, not more.
    expect((times.at(-1)! - start) / 1_000).toBeGreaterThan(19);
    expect((times.at(-1)! - start) / 1_000).toBeLessThan(21.5);
    // Evenly: after the first few, one every 1,050 / 25 = 42 ms.
    const gaps = times.slice(10).map((t, i) => t - times[i + 9]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(42);
  });

  it("catches up a few messages after a stall, never beyond the second's limit", () => {
    const clock = createFixedClock("2026-11-20T10:00:00Z");
    const pacer = createSendPacer({ ratePerSecond: 25, clock });
    const times = run(pacer, clock, 50);
    clock.advance(3_000);
    const after = run(pacer, clock, 50);
    // Two go at once after the stall (the bucket's capacity), then the even pace again.
    expect(after[1]).toBe(after[0]);
    expect(after[2]! - after[1]!).toBeGreaterThanOrEqual(42);
    expect(maxInWindow([...times, ...after], 1_000)).toBeLessThanOrEqual(25);
  });

  it("writes to one chat at most once a second", () => {
    const clock = createFixedClock("2026-11-20T10:00:00Z");
    const pacer = createSendPacer({ ratePerSecond: 25, clock });
    // Ten messages to two chats in turn.
    const times = run(pacer, clock, 10, (i) => `telegram:${i % 2}`);
    const perChat = [0, 1].map((chat) => times.filter((_, i) => i % 2 === chat));
    for (const chatTimes of perChat) expect(maxInWindow(chatTimes, 1_000)).toBe(1);
  });

  it("counts replies against the second's budget without making them wait", () => {
    const clock = createFixedClock("2026-11-20T10:00:00Z");
    const pacer = createSendPacer({ ratePerSecond: 5, clock });
    for (let i = 0; i < 5; i++) pacer.recordReply(`telegram:chatting-${i}`);
    // The second is used up by replies: the campaign waits for it to pass.
    expect(pacer.bulkDelay()).toBeGreaterThanOrEqual(1_000);
    // A campaign message to the chatting customer waits a second after the reply.
    clock.advance(1_050);
    expect(pacer.bulkDelay()).toBe(0);
    pacer.recordReply("telegram:chatting-0");
    expect(pacer.chatDelay("telegram:chatting-0")).toBe(1_000);
  });

  it("stops all bulk sends for the retry_after Telegram gave", () => {
    const clock = createFixedClock("2026-11-20T10:00:00Z");
    const pacer = createSendPacer({ ratePerSecond: 25, clock });
    pacer.pause(7_000);
    expect(pacer.bulkDelay()).toBe(7_000);
    clock.advance(7_000);
    expect(pacer.bulkDelay()).toBe(0);
  });

  it("refuses a rate that is not a whole number of at least 1", () => {
    expect(() => createSendPacer({ ratePerSecond: 0, clock: createFixedClock("2026-11-20T10:00:00Z") })).toThrow(RangeError);
  });
});
