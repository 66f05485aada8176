/**
 * Starts the whole product from a configuration: database (migrated, seeded when empty), the
 * domain, the web console, and (when their tokens are set) the Telegram and Slack adapters.
 * Returns a handle whose `stop()` drains and closes everything, for signals and tests alike.
 */
import { createConsoleServer } from "../adapters/console/web-server.ts";
import type { Clock, Logger } from "../core/ports.ts";
import { seedDemoShop } from "../prisma/seed.ts";
import { createApp, type App } from "./app.ts";
import type { TConfig } from "./config.ts";
import { openDatabase, type Database } from "./database.ts";

export interface RunningShop {
  app: App;
  database: Database;
  consoleUrl?: string;
  stop(): Promise<void>;
}

export async function startShop(options: { config: TConfig; logger: Logger; clock?: Clock }): Promise<RunningShop> {
  const { config, logger } = options;
  const database = await openDatabase(config.DATABASE_URL ? { kind: "postgres", url: config.DATABASE_URL } : { kind: "pglite", dataDir: config.DATA_DIR });
  const stoppers: (() => Promise<void>)[] = [];
  try {
    if (database.appliedMigrations.length > 0) logger.info("applied migrations", { migrations: database.appliedMigrations });
    if (config.SEED_DEMO) {
      const seeded = await seedDemoShop(database.prisma);
      if (seeded > 0) logger.info("seeded the demo shop", { products: seeded });
    }
    const app = await createApp({ config, db: database.prisma, logger, ...(options.clock ? { clock: options.clock } : {}) });

    let consoleUrl: string | undefined;
    if (config.CONSOLE_ENABLED) {
      const consoleServer = createConsoleServer({ app, host: config.CONSOLE_HOST, port: config.PORT, ...(config.CONSOLE_TOKEN ? { ownerToken: config.CONSOLE_TOKEN } : {}) });
      consoleUrl = (await consoleServer.listen()).url;
      stoppers.push(() => consoleServer.close());
    }

    let stopped = false;
    return {
      app,
      database,
      ...(consoleUrl ? { consoleUrl } : {}),
      async stop() {
        if (stopped) return;
        stopped = true;
        for (const stop of stoppers.reverse()) await stop().catch((error) => logger.error("stop failed", { error: String(error) }));
        await database.close();
      },
    };
  } catch (error) {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}
