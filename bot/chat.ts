/**
 * `npm run chat`: the shop in the terminal, on the same database as `npm start` (stop that first
 * when using the embedded database: one process at a time can open it).
 */
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { startShop } from "./start.ts";
import { runTerminalChat } from "../adapters/console/terminal-chat.ts";

try {
  const config = { ...loadConfig(process.env), CONSOLE_ENABLED: false };
  // The terminal is a second way in, not a second bot: Telegram and Slack stay with `npm start`.
  const shop = await startShop({ config: { ...config, DIGEST_ENABLED: false }, logger: createLogger("warn"), chatChannels: false });
  const { customer, owner } = shop.app;
  await runTerminalChat({ customer, owner, ...(process.env.LANG ? { locale: process.env.LANG } : {}) }, { input: process.stdin, output: process.stdout }, "terminal");
  await shop.stop();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 1 : 2);
}
