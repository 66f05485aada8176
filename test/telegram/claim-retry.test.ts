/**
 * A Telegram message that arrives while its update_id cannot be recorded (the database refuses the
 * claim) is not lost in long polling mode: it is retried in place until the database answers again,
 * and if the process stops first, Telegram keeps it for the next one. Either way it is handled once.
 *
 * The outage is real, not mocked: the claims table is renamed away (every claim then fails in the
 * database itself, as when it stops answering) and renamed back to end it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../adapters/telegram/create-telegram-adapter.ts";
import { telegramServicesFor } from "../../bot/channel-services.ts";
import { textMessageUpdate } from "../fakes/telegram-bot-api.ts";
import { seenBy, startTelegramHarness, type TelegramHarness } from "./telegram-harness.ts";

/** Waits a hundredth of what the adapter asks: retries stay quick and still let the event loop turn. */
const scaledSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / 100));

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({ sleep: scaledSleep });
});
afterAll(async () => {
  await h.close();
});

const breakClaims = () => h.app.db.$executeRawUnsafe(`ALTER TABLE "ProcessedUpdate" RENAME TO "ProcessedUpdateAway"`);
const mendClaims = () => h.app.db.$executeRawUnsafe(`ALTER TABLE "ProcessedUpdateAway" RENAME TO "ProcessedUpdate"`);

/** How many times the adapter failed to record this update. */
const failedClaims = (updateId: number) => h.logger.lines.filter((l) => l.message.startsWith("telegram: could not record the update") && l.context?.updateId === String(updateId)).length;

/** Inbound texts saved for the chat, in the order they were handled. */
async function inboundTexts(chatId: number): Promise<(string | null)[]> {
  const rows = await h.app.db.message.findMany({ where: { direction: "inbound", conversation: { customer: { identities: { some: { channel: "telegram", externalId: String(chatId) } } } } }, orderBy: { id: "asc" }, select: { text: true } });
  return rows.map((r) => r.text);
}

describe("a Telegram update whose claim fails in long polling", () => {
  it("is retried in place and handled once the database answers again, exactly once and in its chat's order", async () => {
    await breakClaims();
    const first = h.fake.pushUpdate(textMessageUpdate(3101, "hello"));
    const second = h.fake.pushUpdate(textMessageUpdate(3101, "show me the catalog"));
    await expect.poll(() => failedClaims(first.update_id)).toBeGreaterThanOrEqual(3);
    // Nothing handled, the second message waits behind the first, and Telegram is still asked from the first on.
    expect(seenBy(h, 3101)).toEqual([]);
    expect(failedClaims(second.update_id)).toBe(0);
    await expect.poll(() => h.fake.callsTo("getUpdates").at(-1)?.params.offset).toBe(first.update_id);
    // The waits between attempts grow: 1 s, 2 s, 4 s …
    expect(h.sleeps.filter((ms) => ms >= 2_000).slice(0, 2)).toEqual([2_000, 4_000]);

    await mendClaims();
    await expect.poll(() => seenBy(h, 3101).length).toBe(2);
    await h.adapter.idle();
    expect(await inboundTexts(3101)).toEqual(["hello", "show me the catalog"]);
    expect(await h.app.db.processedUpdate.count({ where: { source: "telegram", updateId: { in: [String(first.update_id), String(second.update_id)] } } })).toBe(2);
    // Once handled, the offset moves past both.
    await expect.poll(() => Number(h.fake.callsTo("getUpdates").at(-1)?.params.offset)).toBe(second.update_id + 1);
    expect(seenBy(h, 3101)).toHaveLength(2);
  });

  it("is left with Telegram when the process stops before the database is back, and the next process handles it once", async () => {
    const handled = h.fake.pushUpdate(textMessageUpdate(3201, "hello"));
    await expect.poll(() => seenBy(h, 3201).length).toBe(1);
    await h.adapter.idle();

    await breakClaims();
    const stuck = h.fake.pushUpdate(textMessageUpdate(3202, "hello"));
    await expect.poll(() => failedClaims(stuck.update_id)).toBeGreaterThanOrEqual(1);
    await h.adapter.stop();
    // The confirmation at stop covers the update handled before, not the one that could not be.
    const confirmation = h.fake.callsTo("getUpdates").at(-1)!;
    expect(confirmation.params).toMatchObject({ timeout: 0, limit: 1, offset: stuck.update_id });
    expect(stuck.update_id).toBeGreaterThan(handled.update_id);
    expect(seenBy(h, 3202)).toEqual([]);

    await mendClaims();
    const next = createTelegramAdapter({ token: h.fake.token, apiRoot: h.fake.url, mode: { kind: "polling", timeoutSeconds: 1 }, ...telegramServicesFor(h.app), logger: h.logger, sleep: scaledSleep });
    await next.start();
    await expect.poll(() => seenBy(h, 3202).length).toBe(1);
    await next.idle();
    await next.stop();
    expect(seenBy(h, 3202)).toHaveLength(1);
    expect(seenBy(h, 3201)).toHaveLength(1);
    expect(await inboundTexts(3202)).toEqual(["hello"]);
    expect(await h.app.db.processedUpdate.count({ where: { source: "telegram", updateId: String(stuck.update_id) } })).toBe(1);
  });
});
