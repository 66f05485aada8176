/**
 * Two senders on one PostgreSQL database (each with its own connection pool and its own pacer, as
 * two replicas have) empty one campaign's outbox together: every recipient gets the campaign exactly
 * once, because a row is claimed with FOR UPDATE SKIP LOCKED and every status change is conditional.
 * PostgreSQL only: the embedded database serves one process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../adapters/telegram/create-telegram-adapter.ts";
import { openDatabase, type Database } from "../../bot/database.ts";
import { createMemoryLogger } from "../../bot/logger.ts";
import { createCampaignSender } from "../../core/campaigns/campaign-sender.ts";
import { createCampaign } from "../../core/campaigns/create-campaign.ts";
import { sendCampaign } from "../../core/campaigns/send-campaign.ts";
import { createSendPacer } from "../../core/campaigns/send-pacer.ts";
import { createFixedClock, type Notifier } from "../../core/ports.ts";
import { seedDemoShop } from "../../prisma/seed.ts";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-bot-api.ts";
import { createScratchPostgres, TEST_DATABASE_URL } from "../helpers/test-database.ts";

const RECIPIENTS = 300;

describe.skipIf(!TEST_DATABASE_URL)("two campaign senders on one PostgreSQL (skipped without TEST_DATABASE_URL)", () => {
  let drop: () => Promise<void>;
  let databases: Database[] = [];
  let fake: FakeTelegram;

  beforeAll(async () => {
    const scratch = await createScratchPostgres(TEST_DATABASE_URL!);
    drop = () => scratch.drop();
    databases = [await openDatabase({ kind: "postgres", url: scratch.url }), await openDatabase({ kind: "postgres", url: scratch.url })];
    fake = await startFakeTelegram();
  }, 60_000);
  afterAll(async () => {
    for (const database of databases) await database.close();
    await fake?.close();
    await drop?.();
  });

  it("never sends one customer the same campaign twice, and misses no one", async () => {
    const [first, second] = databases as [Database, Database];
    const db = first.prisma;
    await seedDemoShop(db);
    const chats = Array.from({ length: RECIPIENTS }, (_, i) => 7_000_000 + i);
    for (const chatId of chats) {
      await db.customer.create({ data: { name: `Customer ${chatId}`, marketingConsent: true, identities: { create: { channel: "telegram", externalId: String(chatId) } }, conversations: { create: { channel: "telegram" } } } });
    }
    const clock = createFixedClock("2026-11-20T10:00:00Z");
    const logger = createMemoryLogger();
    const deps = { clock, currency: "GBP", timeZone: "Europe/London" };
    const campaign = await createCampaign({ db, ...deps }, { name: "Both", audience: "opted-in", textEn: "Hello {first_name}", holdout: "0", createdBy: "test" });
    expect(await sendCampaign({ db, ...deps }, campaign.id)).toMatchObject({ kind: "started", recipients: RECIPIENTS });

    const notifications: unknown[] = [];
    const notifier: Notifier = { notify: async (n) => void notifications.push(n) };
    const senders = [first, second].map((database, i) => {
      const telegram = createTelegramAdapter({ token: fake.token, apiRoot: fake.url, mode: { kind: "polling" }, logger, customer: { handle: async () => [] }, payments: {} as never, updates: { claim: async () => true, release: async () => undefined }, clock });
      return createCampaignSender(
        {
          db: database.prisma,
          ...deps,
          messenger: telegram.messenger,
          notifier,
          logger,
          pacer: createSendPacer({ ratePerSecond: 25, clock }),
          // Both move the one clock: time runs as fast as the two let it, and each paces itself by it.
          sleep: async (ms) => {
            clock.advance(ms);
            await new Promise((resolve) => setImmediate(resolve));
          },
        },
        { worker: `replica-${i}`, rules: { maxPerWeek: 2, quietHours: null } },
      );
    });
    for (const sender of senders) sender.start();
    // Both have gone idle with nothing left to send.
    for (let i = 0; i < 600 && (await db.campaignDelivery.count({ where: { campaignId: campaign.id, status: { in: ["pending", "claimed"] } } })) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    await Promise.all(senders.map((s) => s.idle()));
    await Promise.all(senders.map((s) => s.stop()));

    const sent = fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200).map((c) => Number(c.params.chat_id));
    const perChat = new Map<number, number>();
    for (const chat of sent) perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
    expect([...perChat.values()].filter((n) => n > 1)).toEqual([]);
    expect(chats.filter((chat) => !perChat.has(chat))).toEqual([]);
    const rows = await db.campaignDelivery.findMany({ where: { campaignId: campaign.id } });
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    // Both replicas did part of the work, and the owner heard the summary once.
    expect(new Set(rows.map((r) => r.claimedBy))).toEqual(new Set(["replica-0", "replica-1"]));
    expect(notifications).toHaveLength(1);
  }, 120_000);
});
