/**
 * `npm start`: validate the environment, start the shop, stop cleanly on SIGINT/SIGTERM.
 */
import { ConfigError, loadConfig, type TConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { startShop } from "./start.ts";

let config: TConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.LOG_LEVEL);
try {
  const shop = await startShop({ config, logger });
  const channels = [...(config.CONSOLE_ENABLED ? ["console"] : []), ...shop.channels];
  process.stdout.write(`solo-sales is running (${shop.database.kind} database${config.DATABASE_URL ? "" : ` in ${config.DATA_DIR}`}).\n`);
  if (shop.consoleUrl) process.stdout.write(`Open the console: ${shop.consoleUrl}${config.CONSOLE_TOKEN ? " (it asks for CONSOLE_TOKEN)" : ""}\n`);
  process.stdout.write(`Channels: ${channels.join(", ")}. Stop with Ctrl+C.\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    const timer = setTimeout(() => {
      logger.error("shutdown took longer than 20 s; exiting anyway");
      process.exit(1);
    }, 20_000);
    timer.unref();
    await shop.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
} catch (error) {
  process.stderr.write(`solo-sales could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
