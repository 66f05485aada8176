/**
 * Two replicas on one PostgreSQL, one customer writing to both at once: the turns of one
 * conversation are serialized by the conversation's row lock, so no cart line is lost. Before the
 * turn was one locked transaction, both turns read the same state and the later save dropped the
 * other's line (3 tries out of 3). PostgreSQL only: PGlite is one process's embedded database.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../bot/app.ts";
import { loadConfig } from "../bot/config.ts";
import { openDatabase, type Database } from "../bot/database.ts";
import { createMemoryLogger } from "../bot/logger.ts";
import { orderItemsOf, readDialogueState } from "../core/conversation/dialogue-state.ts";
import { messagesFor } from "../core/i18n.ts";
import { seedDemoShop } from "../prisma/seed.ts";
import { SHARED_MODEL_CACHE } from "./fakes/shared-model-cache.ts";
import { createScratchPostgres, TEST_DATABASE_URL } from "./helpers/test-database.ts";
import type { ReplicaRequest, ReplicaResponse } from "./helpers/turn-replica.ts";

const REPLICA = path.join(path.dirname(fileURLToPath(import.meta.url)), "helpers", "turn-replica.ts");
const ROUNDS = 50;
const CUSTOMER = "two-replicas";
/** What each replica's messages add, in turn: different products, so a lost line shows as a missing quantity. */
const ADDED_BY = [
  ["lavender soy candle", "blue speckled mug", "linen hardcover notebook", "canvas tote bag"],
  ["earl grey blue flower", "washi tape set", "beeswax taper candles", "leather card wallet"],
] as const;
const SKU_OF: Record<string, string> = {
  "lavender soy candle": "CND-001",
  "blue speckled mug": "CER-002",
  "linen hardcover notebook": "STA-001",
  "canvas tote bag": "BAG-001",
  "earl grey blue flower": "TEA-003",
  "washi tape set": "STA-003",
  "beeswax taper candles": "CND-004",
  "leather card wallet": "BAG-002",
};

/** A forked replica and a way to ask it for one turn. */
function startReplica(url: string) {
  const child: ChildProcess = fork(REPLICA, [url], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = new Map<number, (response: ReplicaResponse) => void>();
  let nextId = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`replica exited with ${code} before it was ready`)));
    child.on("message", (message) => {
      if ((message as { ready?: boolean }).ready) return resolve();
      const response = message as ReplicaResponse;
      waiting.get(response.id)?.(response);
      waiting.delete(response.id);
    });
  });
  return {
    ready,
    say(text: string): Promise<ReplicaResponse> {
      const id = ++nextId;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.send({ id, externalUserId: CUSTOMER, text } satisfies ReplicaRequest);
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.disconnect();
      await exited;
    },
  };
}

describe.skipIf(!TEST_DATABASE_URL)("two replicas on one PostgreSQL (skipped without TEST_DATABASE_URL: PGlite serves one process)", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let replicas: ReturnType<typeof startReplica>[] = [];

  beforeAll(async () => {
    const scratch = await createScratchPostgres(TEST_DATABASE_URL!);
    drop = () => scratch.drop();
    database = await openDatabase({ kind: "postgres", url: scratch.url });
    await seedDemoShop(database.prisma);
    // Plenty of stock: the test is about the cart, not about selling out.
    await database.prisma.product.updateMany({ data: { stock: 1_000 } });
    // Trains (or loads) the intent model once, before two processes would both train it.
    await createApp({ config: loadConfig({ DATA_DIR: SHARED_MODEL_CACHE }), db: database.prisma, logger: createMemoryLogger() });
    replicas = [startReplica(scratch.url), startReplica(scratch.url)];
    await Promise.all(replicas.map((r) => r.ready));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await database?.close();
    await drop?.();
  });

  it(`lose no cart line when one customer writes to both at once, ${ROUNDS} rounds`, async () => {
    const expected = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const texts = ADDED_BY.map((products) => products[round % products.length]!);
      for (const name of texts) expected.set(SKU_OF[name]!, (expected.get(SKU_OF[name]!) ?? 0) + 1);
      // Both messages leave at the same moment, one to each replica.
      const responses = await Promise.all(replicas.map((replica, i) => replica.say(`add 1 ${texts[i]}`)));
      for (const response of responses) {
        expect(response.errors).toEqual([]);
        expect(response.replies).not.toContain(messagesFor("en").somethingWrong());
      }
    }

    const identity = await database.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: CUSTOMER } } });
    const conversation = await database.prisma.conversation.findFirstOrThrow({ where: { customerId: identity.customerId } });
    const products = await database.prisma.product.findMany();
    const skuOf = (id: number) => products.find((p) => p.id === id)!.sku;
    const inCart = new Map(orderItemsOf(readDialogueState(conversation.state)).map((l) => [skuOf(l.productId), l.quantity]));
    expect(inCart).toEqual(expected);
    expect(await database.prisma.message.count({ where: { conversationId: conversation.id, direction: "inbound" } })).toBe(2 * ROUNDS);

    // And the order placed from it has every line.
    const confirmed = await replicas[0]!.say("yes");
    expect(confirmed.replies.join("\n")).toMatch(/Order #\d+ is placed/);
    const order = await database.prisma.order.findFirstOrThrow({ where: { customerId: identity.customerId }, include: { lines: true } });
    expect(new Map(order.lines.map((l) => [skuOf(l.productId), l.quantity]))).toEqual(expected);
  }, 240_000);
});
