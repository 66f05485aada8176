/**
 * Starts the whole product from a configuration: database (migrated, seeded when empty), the
 * domain, the web console, and (when their tokens are set) the Telegram and Slack adapters.
 * Returns a handle whose `stop()` drains and closes everything, for signals and tests alike.
 */
import { createHmac, randomBytes } from "node:crypto";
import path from "node:path";
import { createConsoleServer } from "../adapters/console/web-server.ts";
import { createSlackAdapter } from "../adapters/slack/create-slack-adapter.ts";
import { createTelegramAdapter } from "../adapters/telegram/create-telegram-adapter.ts";
import { systemClock, type Clock, type Logger } from "../core/ports.ts";
import { seedDemoHistory } from "../prisma/demo-history.ts";
import { seedDemoShop } from "../prisma/seed.ts";
import { createApp, type App } from "./app.ts";
import { consoleServicesFor, slackServicesFor, telegramServicesFor } from "./channel-services.ts";
import type { TConfig } from "./config.ts";
import { openDatabase, SHOP_QUERY_TIMEOUT_MS, type Database } from "./database.ts";
import { createDigestJob } from "./digest-job.ts";
import { createFileBackups } from "./backups.ts";
import { createFollowUpJob } from "./follow-up-job.ts";
import { createStockPlanJob } from "./stock-plan-job.ts";
import { createCampaignSenderJob } from "./campaign-sender-job.ts";
import { createRetentionJob } from "./retention-job.ts";
import { createScheduledJob } from "./scheduler.ts";

export interface RunningShop {
  app: App;
  database: Database;
  /**
   * The link to open the console at. Without CONSOLE_TOKEN it carries the token made for this run
   * in its fragment (`#token=…`: the page keeps it, the server never sees it in a URL or a log);
   * with CONSOLE_TOKEN it does not (a lasting secret stays out of the logs), and the page asks for it.
   */
  consoleUrl?: string;
  /** The chat channels running besides the console, e.g. "telegram (long polling)". */
  channels: string[];
  stop(): Promise<void>;
}

/**
 * The webhook secret Telegram sends back on every request, when TELEGRAM_WEBHOOK_SECRET is not
 * set: derived from the bot token (which only Telegram and we know), stable across restarts.
 */
export function deriveWebhookSecret(botToken: string): string {
  return createHmac("sha256", botToken).update("solo-sales telegram webhook secret").digest("hex");
}

export async function startShop(options: {
  config: TConfig;
  logger: Logger;
  clock?: Clock;
  /** Start Telegram and Slack when their tokens are set (default true; the terminal chat wants false). */
  chatChannels?: boolean;
}): Promise<RunningShop> {
  const { config, logger } = options;
  const database = await openDatabase(config.DATABASE_URL ? { kind: "postgres", url: config.DATABASE_URL, queryTimeoutMs: SHOP_QUERY_TIMEOUT_MS } : { kind: "pglite", dataDir: config.DATA_DIR });
  const stoppers: (() => Promise<void>)[] = [];
  try {
    if (database.appliedMigrations.length > 0) logger.info("applied migrations", { migrations: database.appliedMigrations });
    if (config.SEED_DEMO) {
      const seeded = await seedDemoShop(database.prisma);
      if (seeded > 0) logger.info("seeded the demo shop", { products: seeded });
      // Only into a catalog seeded just now: an existing shop never gets made-up history.
      if (seeded > 0 && config.SEED_DEMO_HISTORY) {
        const history = await seedDemoHistory(database.prisma, { now: (options.clock ?? systemClock).now() });
        logger.info("seeded the demo shop's history", { ...history });
      }
    }
    const backups = database.dumpDataDir
      ? createFileBackups({ dumpDataDir: database.dumpDataDir, dir: config.BACKUP_DIR ?? path.join(config.DATA_DIR, "backups"), keep: config.BACKUP_KEEP })
      : undefined;
    const app = await createApp({ config, db: database.prisma, logger, ...(options.clock ? { clock: options.clock } : {}), ...(backups ? { backups } : {}) });

    let consoleUrl: string | undefined;
    if (config.CONSOLE_ENABLED) {
      // The owner console always needs a token, on loopback too: any page the owner visits can
      // reach 127.0.0.1. Without CONSOLE_TOKEN, one made for this run and handed over in the link.
      const ownerToken = config.CONSOLE_TOKEN ?? randomBytes(32).toString("base64url");
      const consoleServer = createConsoleServer({
        ...consoleServicesFor(app),
        host: config.CONSOLE_HOST,
        port: config.PORT,
        ownerToken,
        ...(config.CONSOLE_PUBLIC_HOST ? { publicHost: config.CONSOLE_PUBLIC_HOST } : {}),
      });
      const { url } = await consoleServer.listen();
      consoleUrl = config.CONSOLE_TOKEN ? `${url}/` : `${url}/#token=${ownerToken}`;
      stoppers.push(() => consoleServer.close());
    }

    // Stoppers run in reverse: Telegram stops first (its updates in flight may post to Slack),
    // then Slack (its work in flight may message customers on Telegram, whose client still works).
    const channels: string[] = [];
    const chatChannels = options.chatChannels ?? true;
    if (chatChannels && config.SLACK_BOT_TOKEN && config.SLACK_CHANNEL_ID) {
      // Loaded now rather than at the owner's first plain-words mention (training takes seconds).
      await app.ownerClassifier();
      const slack = createSlackAdapter({
        botToken: config.SLACK_BOT_TOKEN,
        mode: config.SLACK_APP_TOKEN
          ? { kind: "socket", appToken: config.SLACK_APP_TOKEN }
          : { kind: "http", signingSecret: config.SLACK_SIGNING_SECRET ?? "", host: config.SLACK_HOST, port: config.SLACK_PORT },
        apiUrl: config.SLACK_API_URL,
        ownerIds: config.SLACK_OWNER_IDS,
        channelId: config.SLACK_CHANNEL_ID,
        logger,
        ...slackServicesFor(app),
      });
      app.registerNotifier(slack.notifier);
      app.handoff.registerInbox(slack.inbox);
      app.registerDigestPublisher(slack.digestPublisher);
      const started = await slack.start();
      stoppers.push(() => slack.stop());
      channels.push(started.mode === "socket" ? "slack (Socket Mode)" : `slack (HTTP on ${started.host}:${started.port}/slack/events)`);
    }
    if (chatChannels && config.TELEGRAM_BOT_TOKEN) {
      const telegram = createTelegramAdapter({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        mode: config.TELEGRAM_WEBHOOK_URL
          ? { kind: "webhook", url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET ?? deriveWebhookSecret(config.TELEGRAM_BOT_TOKEN), host: config.TELEGRAM_WEBHOOK_HOST, port: config.TELEGRAM_WEBHOOK_PORT }
          : { kind: "polling" },
        ...telegramServicesFor(app),
        logger,
        ...(config.TELEGRAM_PAYMENT_PROVIDER_TOKEN ? { paymentProviderToken: config.TELEGRAM_PAYMENT_PROVIDER_TOKEN } : {}),
        messagesPerMinute: config.TELEGRAM_MESSAGES_PER_MINUTE,
      });
      app.registerMessenger("telegram", telegram.messenger);
      const started = await telegram.start();
      stoppers.push(() => telegram.stop());
      const who = started.username ? ` @${started.username}` : "";
      channels.push(started.mode === "webhook" ? `telegram${who} (webhook ${started.url}, listening on ${started.host}:${started.port})` : `telegram${who} (long polling)`);
    }

    // Once the owner's notifiers (console, Slack) are registered: the reorder points are worked out now
    // and every night, and products that have come to need reordering are told.
    const stockPlans = createStockPlanJob(app, config);
    stoppers.push(() => stockPlans.stop());
    await stockPlans.start();

    // Last, once every publisher (console, Slack) is registered: a digest missed while the process
    // was down is posted now, to all of them.
    if (config.DIGEST_ENABLED) {
      const digestJob = createDigestJob(app, config);
      stoppers.push(() => digestJob.stop());
      await digestJob.start();
    }

    if (config.FOLLOW_UPS_ENABLED) {
      const followUps = createFollowUpJob(app, config);
      stoppers.push(() => followUps.stop());
      await followUps.start();
    }

    // Campaigns go out once every channel is registered; the sender stops before them (stoppers run
    // in reverse), so a message on its way is recorded while its channel still works.
    if (config.CAMPAIGN_SENDER_ENABLED) {
      const campaigns = createCampaignSenderJob(app);
      campaigns.start();
      stoppers.push(() => campaigns.stop());
    }

    // RETENTION_DAYS: every night, what is older than that goes (texts, inactive customers, backups);
    // before the backup job, so a backup caught up at start does not hold what is purged now.
    if (config.RETENTION_DAYS !== undefined) {
      const retentionJob = createRetentionJob(app, { ...config, RETENTION_DAYS: config.RETENTION_DAYS });
      stoppers.push(() => retentionJob.stop());
      await retentionJob.start();
    }

    // The embedded database backs itself up on BACKUP_CRON (once a day by default); a backup missed
    // while the shop was down is taken at start. It has no autovacuum either, so the same nightly job
    // refreshes the planner's statistics, which would otherwise describe the shop as it was on the day
    // its tables were created.
    if (backups && config.BACKUP_CRON !== "off") {
      const backupJob = createScheduledJob({
        db: app.db,
        clock: app.clock,
        logger,
        job: "database-backup",
        catchUpOnFirstStart: true,
        cronExpression: config.BACKUP_CRON,
        ...(config.TZ ? { timezone: config.TZ } : {}),
        run: async ({ scheduledAt }) => {
          const backup = await backups.backUp(scheduledAt);
          logger.info("database backed up", { location: backup.location, bytes: backup.bytes, kept: backup.kept });
          // After the backup and outside it: a failure here must not mark the backup failed and take it again.
          await app.db.$executeRawUnsafe("ANALYZE").catch((error: unknown) => logger.warn("planner statistics not refreshed", { error: String(error) }));
        },
      });
      stoppers.push(() => backupJob.stop());
      await backupJob.start();
    }

    let stopped = false;
    return {
      app,
      database,
      ...(consoleUrl ? { consoleUrl } : {}),
      channels,
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
