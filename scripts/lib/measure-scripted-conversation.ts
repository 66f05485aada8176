/**
 * Plays the scripted 12-turn customer conversation of `npm run measure:round-trips` against a fresh
 * embedded database with the demo shop, counting each turn's database round trips at the driver
 * adapter. Used by the script and by the test that keeps a turn to one transaction.
 */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { createApp } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { MIGRATIONS_DIR } from "../../bot/database.ts";
import { createMemoryLogger } from "../../bot/logger.ts";
import { applyMigrations, readMigrations } from "../../bot/migrate.ts";
import type { Reply } from "../../core/messages.ts";
import { createFixedClock } from "../../core/ports.ts";
import { PrismaClient } from "../../prisma/generated/client.ts";
import { seedDemoShop } from "../../prisma/seed.ts";
import { countRoundTrips, type RoundTripCount } from "./count-round-trips.ts";

/** The conversation: what one customer says, in order. */
export const SCRIPTED_CONVERSATION = [
  "hi",
  "what do you sell?",
  "show me your candles",
  "how long does the lavender candle burn?",
  "I'd like 2 lavender soy candles",
  "yes",
  "12 Baker Street, London NW1 6XE",
  "where is my order?",
  "do you ship abroad?",
  "anything you'd recommend with it?",
  "my email is anna@example.com",
  "thanks, bye",
] as const;

/** One turn as measured: what was said, the replies, the SQL in order, and the counts. */
export interface MeasuredTurn extends RoundTripCount {
  text: string;
  replies: Reply[];
  statements: string[];
}

export interface ConversationMeasurement {
  turns: MeasuredTurn[];
  /** Errors the app logged (a failed turn makes the figure meaningless). */
  errors: string[];
}

type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"];

/**
 * Runs the conversation and returns each turn's round trips. `modelCacheDir`: where the intent model
 * is cached (keyed by a hash of its training files, so later runs skip the training).
 */
export async function measureScriptedConversation(options: { modelCacheDir?: string } = {}): Promise<ConversationMeasurement> {
  const pglite = new PGlite();
  await applyMigrations(
    { exec: async (sql) => void (await pglite.exec(sql)), query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows },
    await readMigrations(MIGRATIONS_DIR),
  );
  const { factory, counter } = countRoundTrips(new PrismaPGlite(pglite));
  const prisma = new PrismaClient({ adapter: factory as unknown as AdapterFactory });
  try {
    await seedDemoShop(prisma);
    const dataDir = options.modelCacheDir ?? path.join(tmpdir(), "solo-sales-round-trips");
    mkdirSync(dataDir, { recursive: true });
    const logger = createMemoryLogger();
    const app = await createApp({ config: loadConfig({ DATA_DIR: dataDir }), db: prisma, logger, clock: createFixedClock("2026-11-20T10:00:00Z") });
    const turns: MeasuredTurn[] = [];
    for (const text of SCRIPTED_CONVERSATION) {
      counter.reset();
      const replies = await app.customer.handle({ channel: "console", externalUserId: "round-trips", text });
      turns.push({ text, replies, statements: counter.statements(), ...counter.read() });
    }
    const errors = logger.lines.filter((l) => l.level === "error").map((l) => `${l.message}: ${JSON.stringify(l.context)}`);
    return { turns, errors };
  } finally {
    await prisma.$disconnect();
    await pglite.close();
  }
}
