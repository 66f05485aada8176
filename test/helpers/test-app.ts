/**
 * Builds the whole application the way `npm start` does, on a fresh database with the demo shop,
 * a fixed clock and a memory logger, plus a little conversation driver for scripts.
 */
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { createApp, type App } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { createMemoryLogger } from "../../bot/logger.ts";
import { seedDemoShop } from "../../prisma/seed.ts";
import { createFixedClock } from "../../core/ports.ts";
import type { Reply } from "../../core/messages.ts";
import { openTestDatabase } from "./test-database.ts";

const modelCache = mkdtempSync(path.join(tmpdir(), "solo-sales-models-"));

/**
 * `modelCacheDir`: where the trained intent model is cached (a fresh directory per test file by
 * default). The cache is keyed by a hash of the training files and the engine and written
 * atomically, so suites may share one directory and train once instead of once per file.
 */
export async function createTestApp(options: { env?: Record<string, string>; seed?: boolean; modelCacheDir?: string } = {}) {
  const database = await openTestDatabase();
  if (options.seed !== false) await seedDemoShop(database.prisma);
  const dataDir = options.modelCacheDir ?? modelCache;
  const config = loadConfig({ DATA_DIR: dataDir, ...options.env });
  const clock = createFixedClock("2026-11-20T10:00:00Z");
  const logger = createMemoryLogger();
  const app = await createApp({ config: { ...config, DATA_DIR: dataDir }, db: database.prisma, logger, clock });
  return { app, database, clock, logger, config, close: () => database.close() };
}

/** A customer talking to the shop on the console channel. */
export function createCustomer(app: App, externalUserId = "session-a", locale?: string) {
  let last: Reply[] = [];
  const send = async (message: { text?: string; payload?: string }) => {
    last = await app.customer.handle({ channel: "console", externalUserId, text: message.text ?? "", ...(message.payload !== undefined ? { payload: message.payload } : {}), ...(locale ? { locale } : {}) });
    return last;
  };
  return {
    say: (text: string) => send({ text }),
    press: (payload: string) => send({ payload }),
    /** Presses the button of the last replies whose label contains `label`. */
    async pressLabel(label: string | RegExp) {
      const button = last.flatMap((r) => r.buttons?.flat() ?? []).find((b) => (typeof label === "string" ? b.label.includes(label) : label.test(b.label)));
      if (!button) throw new Error(`no button ${label} in: ${JSON.stringify(last)}`);
      return send({ payload: button.payload });
    },
    get last() {
      return last;
    },
  };
}

export const textOf = (replies: Reply[]) => replies.map((r) => r.text).join("\n");

/** The orders of the customer talking as `externalId` on the console, oldest first, with their lines and products. */
export async function ordersOfSession(app: App, externalId: string) {
  const identity = await app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId } } });
  return app.db.order.findMany({ where: { customerId: identity.customerId }, include: { lines: { include: { product: true } } }, orderBy: { id: "asc" } });
}

/** The last thing the shop sent a console customer (a reply, or a message from the owner's side). */
export async function lastMessageToSession(app: App, externalId: string): Promise<string> {
  const identity = await app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId } } });
  return (await app.db.message.findFirstOrThrow({ where: { direction: "outbound", conversation: { customerId: identity.customerId } }, orderBy: { id: "desc" } })).text;
}

/**
 * A console customer orders with `text` and confirms (in English or Chinese); with `address`, also
 * answers the delivery address question. Returns the customer and the order's id.
 */
export async function placeOrderInChat(app: App, session: string, text: string, options: { locale?: string; address?: string } = {}) {
  const customer = createCustomer(app, session, options.locale);
  await customer.say(text);
  const id = Number(/(?:Order|订单) #(\d+)/.exec(textOf(await customer.say(options.locale === "zh" ? "确认" : "yes")))?.[1]);
  if (!(id > 0)) throw new Error(`no order was placed for "${text}"`);
  if (options.address) await customer.say(options.address);
  return { customer, id };
}
