/**
 * A customer turn is one transaction: a failure injected after a write of the turn (through a Prisma
 * client extension, the real client underneath) leaves nothing of it saved, the customer gets the
 * apology, and the next message works. Also the pieces the frame is built from: a nested
 * `$transaction` that joins the turn's, effects held until the commit, the conversation row locked
 * and read as Prisma reads it, and the language model asked with no transaction open.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../bot/app.ts";
import { loadConfig } from "../bot/config.ts";
import { createMemoryLogger } from "../bot/logger.ts";
import { findOrCreateCustomer } from "../core/crm/find-or-create-customer.ts";
import { runInTransaction, type Db } from "../core/db.ts";
import { messagesFor } from "../core/i18n.ts";
import { createFixedClock, type OwnerNotification } from "../core/ports.ts";
import type { PrismaClient } from "../prisma/generated/client.ts";
import { seedDemoShop } from "../prisma/seed.ts";
import { SHARED_MODEL_CACHE } from "./fakes/shared-model-cache.ts";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";
import { openTestDatabase } from "./helpers/test-database.ts";
import { startFakeOpenAi, type FakeOpenAiServer } from "./llm/fake-openai-server.ts";

const en = messagesFor("en");

const WRITES = new Set(["create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany"]);

/**
 * The database client with a fault switch: once armed, the write that `fails` picks throws (once).
 * Every write seen while armed is recorded as "Model.operation", the failed one last.
 */
function withWriteFaults(prisma: PrismaClient) {
  let fails: ((write: string, index: number) => boolean) | undefined;
  const seen: string[] = [];
  /** A raw statement that writes, named by the table it writes (the turn's own save writes "Message"). */
  const rawWrite = (args: unknown): string | undefined => {
    const sql = (args as { strings?: readonly string[] }).strings?.join("?") ?? "";
    const table = /\b(?:INSERT INTO|UPDATE)\s+"(\w+)"(?![\s\S]*\bINSERT INTO\b)/.exec(sql)?.[1];
    return table ? `${table}.$queryRaw` : undefined;
  };
  const client = prisma.$extends({
    query: {
      async $queryRaw({ args, query }) {
        const write = fails ? rawWrite(args) : undefined;
        if (fails && write) {
          seen.push(write);
          if (fails(write, seen.length)) {
            fails = undefined;
            throw new Error(`injected failure at ${write}`);
          }
        }
        return query(args);
      },
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (fails && WRITES.has(operation)) {
            const write = `${model}.${operation}`;
            seen.push(write);
            if (fails(write, seen.length)) {
              fails = undefined;
              throw new Error(`injected failure at ${write}`);
            }
          }
          return query(args);
        },
      },
    },
  });
  return {
    client: client as unknown as Db,
    /** Fails the write for which `fails(write, n)` (n counts the writes since arming, from 1) is true. */
    arm(predicate: (write: string, index: number) => boolean) {
      seen.length = 0;
      fails = predicate;
    },
    seen,
    get armed() {
      return fails !== undefined;
    },
  };
}

describe("a customer turn that fails half-way", () => {
  let app: App;
  let faults: ReturnType<typeof withWriteFaults>;
  let close: () => Promise<void>;
  const notified: OwnerNotification[] = [];
  const logger = createMemoryLogger();

  beforeAll(async () => {
    const database = await openTestDatabase();
    await seedDemoShop(database.prisma);
    faults = withWriteFaults(database.prisma);
    const config = loadConfig({ DATA_DIR: SHARED_MODEL_CACHE });
    app = await createApp({ config, db: faults.client, logger, clock: createFixedClock("2026-11-20T10:00:00Z") });
    app.registerNotifier({ notify: async (n) => void notified.push(n) });
    close = () => database.close();
  });
  afterAll(async () => {
    await close?.();
  });

  /** Everything a turn of `session` could have changed, read straight from the database. */
  async function snapshot(session: string) {
    const db = app.db;
    const identity = await db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: session } } });
    const conversation = await db.conversation.findFirstOrThrow({ where: { customerId: identity.customerId } });
    return {
      conversation,
      customer: await db.customer.findUniqueOrThrow({ where: { id: identity.customerId } }),
      messages: await db.message.findMany({ where: { conversationId: conversation.id }, orderBy: { id: "asc" } }),
      orders: await db.order.findMany({ where: { customerId: identity.customerId }, include: { lines: true } }),
      events: await db.event.count({ where: { customerId: identity.customerId } }),
      lead: await db.lead.findUnique({ where: { customerId: identity.customerId }, include: { history: true } }),
      stock: (await db.product.findUniqueOrThrow({ where: { sku: "CND-001" } })).stock,
    };
  }

  it("logs a failed console turn without the chat's session id (the session cookie)", async () => {
    const session = "0123456789abcdef0123456789abcdef";
    faults.arm((_write, n) => n === 1);
    expect(await createCustomer(app, session).say("hi")).toEqual([{ text: en.somethingWrong() }]);
    const failure = logger.lines.filter((l) => l.message === "customer message failed").at(-1);
    expect(failure?.context?.user).toMatch(/^session#[0-9a-f]{12}$/);
    expect(JSON.stringify(logger.lines)).not.toContain(session);
  });

  it("saves nothing of the turn when a write after its first one fails, and the customer gets the apology", async () => {
    const customer = createCustomer(app, "fault-second-write");
    expect(textOf(await customer.say("add 2 lavender soy candles"))).toContain("2 × Lavender Soy Candle");
    const before = await snapshot("fault-second-write");
    const notifiedBefore = notified.length;

    faults.arm((_write, n) => n === 2);
    const replies = await customer.say("yes");

    expect(replies).toEqual([{ text: en.somethingWrong() }]);
    // The first write went through (stock taken for the order), the second one failed.
    expect(faults.seen).toHaveLength(2);
    expect(faults.seen[0]).toBe("Product.updateMany");
    // …and none of it is there: no inbound "yes", no order, no stock taken, the state still waits for the yes.
    expect(await snapshot("fault-second-write")).toEqual(before);
    expect(notified.length).toBe(notifiedBefore);
  });

  it("leaves the conversation usable: the same yes then places the order, once", async () => {
    const customer = createCustomer(app, "fault-second-write");
    const replies = await customer.say("yes");
    expect(textOf(replies)).toMatch(/Order #\d+ is placed \(£25\.00\)/);
    const after = await snapshot("fault-second-write");
    expect(after.orders).toHaveLength(1);
    expect(after.orders[0]!.lines).toMatchObject([{ quantity: 2 }]);
    expect(after.messages.filter((m) => m.direction === "inbound").map((m) => m.text)).toEqual(["add 2 lavender soy candles", "yes"]);
    expect(notified.filter((n) => n.type === "new_order" && n.orderId === after.orders[0]!.id)).toHaveLength(1);
  });

  it("undoes the order a turn placed when the turn's last write fails, and tells the owner nothing", async () => {
    const customer = createCustomer(app, "fault-last-write");
    await customer.say("add 1 lavender soy candle");
    const before = await snapshot("fault-last-write");
    const notifiedBefore = notified.length;

    faults.arm((write) => write === "Message.$queryRaw");
    const replies = await customer.say("yes");

    expect(replies).toEqual([{ text: en.somethingWrong() }]);
    expect(faults.seen).toContain("Order.create");
    expect(faults.seen.at(-1)).toBe("Message.$queryRaw");
    expect(await snapshot("fault-last-write")).toEqual(before);
    // The order was placed inside the turn and notified through the deferred notifier: never sent.
    expect(notified.length).toBe(notifiedBefore);
  });

  it("undoes the stock an order took for its first line when its second is sold out, and confirms afresh", async () => {
    const customer = createCustomer(app, "sold-out-second-line");
    await customer.say("add 1 lavender soy candle");
    expect(textOf(await customer.say("add 1 celadon teapot"))).toContain("1 × Celadon Teapot");
    await app.db.product.update({ where: { sku: "CER-001" }, data: { stock: 0 } });
    const before = await snapshot("sold-out-second-line");

    const replies = await customer.say("yes");

    expect(textOf(replies)).toContain(en.cartChanged());
    const after = await snapshot("sold-out-second-line");
    expect(after.orders).toEqual([]);
    expect(after.stock).toBe(before.stock);
    expect(after.messages.filter((m) => m.direction === "inbound").at(-1)).toMatchObject({ text: "yes" });
  });

  it("keeps a browsing turn's state change out when its messages cannot be saved", async () => {
    const customer = createCustomer(app, "fault-browse");
    await customer.say("hello");
    const before = await snapshot("fault-browse");
    faults.arm((write) => write === "Message.$queryRaw");
    expect(await customer.say("show me your candles")).toEqual([{ text: en.somethingWrong() }]);
    expect(await snapshot("fault-browse")).toEqual(before);
    expect(textOf(await customer.say("show me your candles"))).toContain("Lavender Soy Candle");
    expect((await snapshot("fault-browse")).conversation.state).toMatchObject({ listedProductIds: expect.arrayContaining([expect.any(Number)]) });
  });
});

describe("a transaction that nested use-cases join", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  const faq = (question: string) => ({ data: { question, answer: "a" } });
  const questions = async () => (await database.prisma.faqEntry.findMany({ orderBy: { id: "asc" } })).map((f) => f.question);

  it("undoes only the nested block that threw, keeps the rest, and runs effects after the commit", async () => {
    const effects: string[] = [];
    await runInTransaction(database.prisma, async ({ db, afterCommit }) => {
      await db.faqEntry.create(faq("kept before"));
      afterCommit(() => void effects.push("sent"));
      await expect(db.$transaction(async (tx) => {
        await tx.faqEntry.create(faq("undone"));
        throw new Error("refused after a write");
      })).rejects.toThrow("refused after a write");
      // A failed statement inside a nested block leaves the outer transaction usable (PostgreSQL).
      await expect(db.$transaction(async (tx) => tx.$executeRawUnsafe("SELECT * FROM no_such_table"))).rejects.toThrow();
      await db.$transaction(async (tx) => tx.faqEntry.create(faq("kept nested")));
      await db.$transaction([db.faqEntry.create(faq("kept array"))]);
      expect(effects).toEqual([]);
    }, { onEffectError: (error) => { throw error; } });
    expect(effects).toEqual(["sent"]);
    expect(await questions()).toEqual(["kept before", "kept nested", "kept array"]);
  });

  it("runs the work once, or twice with savepoints when a joined block threw", async () => {
    let runs = 0;
    await runInTransaction(database.prisma, async ({ db }) => {
      runs++;
      await db.$transaction(async (tx) => tx.faqEntry.create(faq("one run")));
    }, { onEffectError: () => undefined });
    expect(runs).toBe(1);

    runs = 0;
    await runInTransaction(database.prisma, async ({ db }) => {
      runs++;
      await db.$transaction(async (tx) => {
        await tx.faqEntry.create(faq("written, then refused"));
        throw new Error("refused");
      }).catch(() => undefined);
      await db.faqEntry.create(faq("two runs"));
    }, { onEffectError: () => undefined });
    expect(runs).toBe(2);
    const all = await questions();
    expect(all.filter((q) => q === "two runs")).toHaveLength(1);
    expect(all).not.toContain("written, then refused");
  });

  it("rolls everything back, effects included, when the work throws", async () => {
    const effects: string[] = [];
    await expect(runInTransaction(database.prisma, async ({ db, afterCommit }) => {
      await db.$transaction(async (tx) => tx.faqEntry.create(faq("never")));
      afterCommit(() => void effects.push("never sent"));
      throw new Error("turn failed");
    }, { onEffectError: () => undefined })).rejects.toThrow("turn failed");
    expect(effects).toEqual([]);
    expect(await questions()).not.toContain("never");
  });

  it("reports an effect that fails after the commit and still runs the next", async () => {
    const errors: unknown[] = [];
    const effects: string[] = [];
    await runInTransaction(database.prisma, async ({ afterCommit }) => {
      afterCommit(() => {
        throw new Error("slack is down");
      });
      afterCommit(() => void effects.push("feed"));
    }, { onEffectError: (error) => void errors.push(error) });
    expect(errors).toHaveLength(1);
    expect(effects).toEqual(["feed"]);
  });

  it("locks the conversation and reads it exactly as Prisma reads it", async () => {
    const at = new Date("2026-11-20T10:00:00Z");
    const first = await runInTransaction(database.prisma, ({ db }) => findOrCreateCustomer(db, { channel: "console", externalUserId: "locked", locale: "en", at, lockConversation: true }), { onEffectError: () => undefined });
    expect(first.created).toBe(true);
    await database.prisma.conversation.update({ where: { id: first.conversation.id }, data: { state: { cart: [{ productId: 1, quantity: 2 }] }, lastInboundAt: at, mode: "handoff", handoffReason: "test" } });
    const again = await runInTransaction(database.prisma, ({ db }) => findOrCreateCustomer(db, { channel: "console", externalUserId: "locked", locale: "en", at, lockConversation: true }), { onEffectError: () => undefined });
    expect(again.created).toBe(false);
    expect(again.conversation).toEqual(await database.prisma.conversation.findUniqueOrThrow({ where: { id: first.conversation.id } }));
    expect(again.customer).toEqual(await database.prisma.customer.findUniqueOrThrow({ where: { id: first.customer.id } }));
  });
});

describe("the language model in a turn", () => {
  let fake: FakeOpenAiServer;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    t = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE, env: { OPENAI_API_KEY: "sk-test-key", OPENAI_BASE_URL: fake.url, OPENAI_MODEL: "tiny-model", OPENAI_TIMEOUT_MS: "3000" } });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it("is asked with no transaction open, and its answer still decides the turn", async () => {
    const customer = createCustomer(t.app, "model-outside");
    await customer.say("hello");
    const identity = await t.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: "model-outside" } } });
    const conversation = await t.app.db.conversation.findFirstOrThrow({ where: { customerId: identity.customerId } });
    fake.answer({ content: JSON.stringify({ intent: "order_status", productSku: null, quantity: null, confidence: 0.9 }), delayMs: 400 });

    const turn = customer.say("wibble wobble flarn");
    while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // While the model thinks: another transaction starts at once (PGlite runs one at a time) and
    // takes the conversation's row lock without waiting (PostgreSQL).
    const probe = await t.app.db.$transaction(
      (tx) => tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Conversation" WHERE id = ${conversation.id} FOR UPDATE NOWAIT`,
      { maxWait: 200, timeout: 2_000 },
    );
    expect(probe).toEqual([{ id: conversation.id }]);

    expect(textOf(await turn)).toBe(en.noOrders());
    expect(fake.requests).toHaveLength(1);
    const inbound = await t.app.db.message.findMany({ where: { conversationId: conversation.id, direction: "inbound" }, orderBy: { id: "asc" } });
    expect(inbound.map((m) => m.text)).toEqual(["hello", "wibble wobble flarn"]);
  });
});
