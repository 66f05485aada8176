/**
 * What each customer channel is given: the use-cases it calls, bound here to the app's database,
 * clock and notifier. Adapters never see the database nor the app; they get these services.
 */
import type { DashboardServices } from "../adapters/console/dashboard-routes.ts";
import type { ConsoleServerServices } from "../adapters/console/web-server.ts";
import { createDashboard, type DashboardEvent } from "../core/dashboard/create-dashboard.ts";
import type { SlackAdapterOptions } from "../adapters/slack/create-slack-adapter.ts";
import type { TelegramAdapterOptions } from "../adapters/telegram/create-telegram-adapter.ts";
import { listConversationMessages } from "../core/conversation/list-conversation-messages.ts";
import { claimUpdate, releaseUpdate } from "../core/events/claim-update.ts";
import { createOnlinePayments } from "../core/payments/online-payments.ts";
import type { App } from "./app.ts";

/** The Telegram adapter's services: the customer assistant, online payments, update claims, the clock, and the send budget its replies share with campaigns. */
export function telegramServicesFor(app: App): Pick<TelegramAdapterOptions, "customer" | "payments" | "updates" | "clock" | "replyPacer"> {
  const source = "telegram";
  return {
    customer: app.customer,
    clock: app.clock,
    replyPacer: app.pacer,
    payments: createOnlinePayments({ db: app.db, notifier: app.notifier, clock: app.clock }),
    updates: {
      claim: (updateId) => claimUpdate(app.db, { source, updateId, at: app.clock.now() }),
      release: (updateId) => releaseUpdate(app.db, { source, updateId }),
    },
  };
}

/** The web console's services: the customer chat, its history, the owner's commands and the feed. */
export function consoleServicesFor(app: App): ConsoleServerServices {
  return {
    customer: app.customer,
    owner: app.owner,
    feed: app.feed,
    logger: app.logger,
    listMessages: (externalUserId, afterId) => listConversationMessages(app.db, { channel: "console", externalUserId, afterId }),
    isHealthy: () => isDatabaseAnswering(app.db),
    dashboard: dashboardServicesFor(app),
  };
}

/** The dashboard's services: its read models and commands, and the feed's notifications and retraining as live events. */
export function dashboardServicesFor(app: App): DashboardServices {
  const dashboard = createDashboard({
    db: app.db,
    clock: app.clock,
    currency: app.currency,
    locale: app.owner.locale,
    timeZone: app.timeZone,
    attributionDays: app.attributionDays,
    owner: app.owner,
    lowConfidence: app.lowConfidence,
    intents: () => app.customerIntents.intents(),
    retraining: () => app.customerIntents.status(),
  });
  const listeners = new Set<(event: DashboardEvent) => void>();
  const emit = (event: DashboardEvent) => listeners.forEach((l) => l(event));
  app.feed.subscribe((item) => emit({ type: item.notification?.type ?? "digest", text: item.text }));
  app.customerIntents.onChange((status) => emit({ type: "retraining", text: status.state }));
  return {
    ...dashboard,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The Slack adapter's services: the owner's console, the handoff desk and Slack event claims. */
export function slackServicesFor(app: App): Pick<SlackAdapterOptions, "owner" | "handoff" | "claimEvent"> {
  return {
    owner: app.owner,
    handoff: app.handoff,
    claimEvent: (eventId) => claimUpdate(app.db, { source: "slack", updateId: eventId, at: app.clock.now() }),
  };
}

/** Whether the database answers a trivial query within 3 s (the console's `/healthz`). */
export async function isDatabaseAnswering(db: App["db"], timeoutMs = 3_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
