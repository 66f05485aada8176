/**
 * `npm run measure:round-trips [-- --json] [-- --verbose]`
 *
 * Plays a scripted 12-turn customer conversation (hello, browse, a product question, an order of
 * two, confirm, the address, where is my order, …) against a fresh embedded database with the demo
 * shop, and prints the database round trips of each turn and in total: queries, transactions opened
 * and their COMMIT/ROLLBACK statements, counted at the driver adapter (what the database answers,
 * including what Prisma adds for nested writes). Migrations and the demo seed are not counted.
 *
 * With `--json` the last stdout line is one JSON object `{ turns: [...], total, queries,
 * transactions }`; `--verbose` also prints each turn's replies and SQL (to stderr). The figure is
 * deterministic: a fixed clock and a fresh database each run.
 */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { createApp } from "../bot/app.ts";
import { loadConfig } from "../bot/config.ts";
import { MIGRATIONS_DIR } from "../bot/database.ts";
import { createMemoryLogger } from "../bot/logger.ts";
import { applyMigrations, readMigrations } from "../bot/migrate.ts";
import { createFixedClock } from "../core/ports.ts";
import { PrismaClient } from "../prisma/generated/client.ts";
import { seedDemoShop } from "../prisma/seed.ts";
import { countRoundTrips, type RoundTripCount } from "./lib/count-round-trips.ts";

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

type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"];

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, verbose: { type: "boolean", default: false }, help: { type: "boolean", default: false } } });
  if (values.help) {
    console.error("usage: npm run measure:round-trips [-- --json] [-- --verbose]");
    return 0;
  }
  const log = (line: string) => (values.json ? console.error(line) : console.log(line));
  const detail = (line: string) => values.verbose && console.error(line);

  const pglite = new PGlite();
  await applyMigrations(
    { exec: async (sql) => void (await pglite.exec(sql)), query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows },
    await readMigrations(MIGRATIONS_DIR),
  );
  const { factory, counter } = countRoundTrips(new PrismaPGlite(pglite));
  const prisma = new PrismaClient({ adapter: factory as unknown as AdapterFactory });
  try {
    await seedDemoShop(prisma);
    // The intent model is cached by a hash of its training files: later runs skip the training.
    const dataDir = path.join(tmpdir(), "solo-sales-round-trips");
    mkdirSync(dataDir, { recursive: true });
    const logger = createMemoryLogger();
    const app = await createApp({ config: loadConfig({ DATA_DIR: dataDir }), db: prisma, logger, clock: createFixedClock("2026-11-20T10:00:00Z") });

    const turns: (RoundTripCount & { text: string })[] = [];
    for (const text of SCRIPTED_CONVERSATION) {
      counter.reset();
      const replies = await app.customer.handle({ channel: "console", externalUserId: "round-trips", text });
      const count = counter.read();
      turns.push({ text, ...count });
      detail(`\n> ${text}\n${replies.map((r) => `< ${r.text}`).join("\n")}\n${counter.statements().map((s) => `  ${s.replace(/\s+/g, " ").slice(0, 160)}`).join("\n")}`);
    }
    const failures = logger.lines.filter((l) => l.level === "error");
    if (failures.length > 0) {
      console.error(`a turn failed, so the figure is not the conversation's: ${JSON.stringify(failures)}`);
      return 1;
    }

    const sum = (key: keyof RoundTripCount) => turns.reduce((s, t) => s + t[key], 0);
    const width = Math.max(...turns.map((t) => t.text.length));
    log(`${"turn".padEnd(width + 4)} total  queries  transactions`);
    turns.forEach((t, i) => log(`${String(i + 1).padStart(2)}. ${t.text.padEnd(width)} ${String(t.total).padStart(5)}  ${String(t.queries).padStart(7)}  ${String(t.transactions).padStart(12)}`));
    log(`${"all turns".padEnd(width + 4)} ${String(sum("total")).padStart(5)}  ${String(sum("queries")).padStart(7)}  ${String(sum("transactions")).padStart(12)}`);
    if (values.json) {
      console.log(JSON.stringify({ turns, total: sum("total"), queries: sum("queries"), transactions: sum("transactions") }));
    }
    return 0;
  } finally {
    await prisma.$disconnect();
    await pglite.close();
  }
}

process.exitCode = await main();
