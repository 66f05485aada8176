/**
 * One chat sending hundreds of messages must not stall the others: a chat has a budget of messages
 * a minute (TELEGRAM_MESSAGES_PER_MINUTE), beyond which it gets one polite "slow down" per window and
 * its further messages are dropped before any database work; and the chats that stay within theirs
 * are not queued behind it. Real telegraf against the fake Bot API, real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messagesFor } from "../../core/i18n.ts";
import { textMessageUpdate } from "../fakes/telegram-bot-api.ts";
import { seenBy, startTelegramHarness, type TelegramHarness } from "./telegram-harness.ts";

const QUIET = 7001;
const FLOODER = 7002;

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => {
  await h.close();
});

/** Milliseconds from a message reaching Telegram to the first reply in its chat. */
async function replyTime(chatId: number, text: string): Promise<number> {
  const before = h.fake.calls.length;
  const sent = performance.now();
  h.fake.pushUpdate(textMessageUpdate(chatId, text));
  await h.fake.waitForCall("sendMessage", (c) => h.fake.calls.indexOf(c) >= before && Number(c.params.chat_id) === chatId, 10_000);
  return performance.now() - sent;
}

/** Messages of the chat the shop read (stored as the turn's inbound message). */
const handled = (chatId: number) => h.app.db.message.count({ where: { direction: "inbound", conversation: { customer: { identities: { some: { channel: "telegram", externalId: String(chatId) } } } } } });

describe("a chat that floods the shop", () => {
  it("does not hold up another chat, gets one slow-down per window and no more than its budget of answers", { timeout: 20_000 }, async () => {
    const budget = h.config.TELEGRAM_MESSAGES_PER_MINUTE;
    expect(budget).toBe(20);
    // The quiet chat's first turn creates the customer; the flood starts once it is answered.
    await replyTime(QUIET, "hello");
    await h.adapter.idle();

    const flood = Array.from({ length: 300 }, () => h.fake.pushUpdate(textMessageUpdate(FLOODER, "hello")));
    // The poller fetches the whole flood without waiting for the flooder's queue…
    await expect.poll(() => h.fake.deliveredUpTo(), { timeout: 5_000, interval: 5 }).toBeGreaterThanOrEqual(flood.at(-1)!.update_id);
    // …and the quiet chat, writing while the flooder's messages are still being answered, does not wait
    // behind the flood: while each of its messages waits for a reply, at most the flood turn under way and
    // the one that took the database first finish (counted, not timed, so a busy machine cannot fail it;
    // queued behind the flood it would wait for up to the whole budget of turns).
    const floodTurnsWhileWaiting: number[] = [];
    let firstAnsweredDuringFlood = false;
    for (let i = 0; i < 7; i++) {
      const before = await handled(FLOODER);
      await replyTime(QUIET, "hello");
      const after = await handled(FLOODER);
      if (i === 0) firstAnsweredDuringFlood = after < budget;
      floodTurnsWhileWaiting.push(after - before);
    }
    expect(firstAnsweredDuringFlood, "the quiet chat wrote while the flood was still being answered").toBe(true);
    expect(Math.max(...floodTurnsWhileWaiting), `flood turns finished while the quiet chat waited: ${floodTurnsWhileWaiting.join(", ")}`).toBeLessThanOrEqual(3);
    expect(await handled(FLOODER)).toBeLessThanOrEqual(budget);

    await h.adapter.idle();
    const slowDown = messagesFor("en").slowDown();
    expect(seenBy(h, FLOODER).filter((text) => text === slowDown)).toHaveLength(1);
    expect(await handled(FLOODER)).toBe(budget);
    // Dropped messages are acknowledged (Telegram does not send them again) and logged without the chat id.
    await expect.poll(() => Number(h.fake.callsTo("getUpdates").at(-1)?.params.offset)).toBeGreaterThan(flood.at(-1)!.update_id);
    const dropped = h.logger.lines.filter((l) => l.message.includes("over its chat's budget"));
    expect(dropped).toHaveLength(300 - budget - 1);
    expect(dropped.every((l) => l.level === "info" && !JSON.stringify(l).includes(String(FLOODER)))).toBe(true);

    // A minute later the chat has its budget again, and is told once again when it floods again (in its language).
    h.clock.advance(60_000);
    for (let i = 0; i < budget + 5; i++) h.fake.pushUpdate(textMessageUpdate(FLOODER, "你好"));
    await expect.poll(() => seenBy(h, FLOODER).filter((text) => text === messagesFor("zh").slowDown()).length).toBe(1);
    await h.adapter.idle();
    expect(await handled(FLOODER)).toBe(2 * budget);
    expect(seenBy(h, FLOODER).filter((text) => text === slowDown || text === messagesFor("zh").slowDown())).toHaveLength(2);
  });
});
