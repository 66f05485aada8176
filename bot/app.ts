/**
 * The composition root's core: given a configuration and an open database, wire the domain's
 * use-cases to their ports. `main.ts` adds the transports (web console, Telegram, Slack); tests call
 * this directly with a fresh database and a fixed clock.
 */
import path from "node:path";
import type { CountryCode } from "libphonenumber-js";
import { createCustomerAssistant, type CustomerAssistant, type ShopProfile } from "../core/conversation/handle-customer-message.ts";
import type { Db } from "../core/db.ts";
import type { TChannel, TLocale } from "../core/messages.ts";
import { messagesFor } from "../core/i18n.ts";
import { formatMoney, parseMoney } from "../core/money.ts";
import type { DeliveryPolicy } from "../core/orders/delivery-charge.ts";
import type { IntentClassifier } from "../core/nlu/types.ts";
import { createHandoffDesk, type HandoffDesk } from "../core/handoff/create-handoff-desk.ts";
import { createOwnerConsole, type OwnerAnalytics, type OwnerConsole } from "../core/owner/handle-owner-command.ts";
import { systemClock, type BackupStore, type Clock, type CustomerMessenger, type Logger, type Notifier } from "../core/ports.ts";
import { createConsoleFeed } from "../adapters/console/console-feed.ts";
import { createVegaChartRenderer } from "../adapters/charts/vega-chart-renderer.ts";
import { createOwnerAnalytics } from "../core/digest/create-owner-analytics.ts";
import type { DigestPublisher } from "../core/digest/publish-digest.ts";
import { createRecommender } from "../core/recommendations/create-recommender.ts";
import { inventoryPolicyFrom, type TConfig } from "./config.ts";
import { loadIntentClassifier, loadTrainingExamples, PROMPTS_DIR } from "./intent-model.ts";
import { createCustomerIntentModel, loadOwnerExamples, trainingWithOwnerExamples } from "./customer-intent-model.ts";
import { buildKnownWords } from "../core/nlu/known-words.ts";
import { shopSettingsFrom } from "./shop-settings.ts";
import { createLlmAssistant } from "../core/llm/create-llm-assistant.ts";
import { createOpenAiLlmClient } from "../adapters/llm/openai-llm-client.ts";
import { loadIntentDescriptions } from "../adapters/llm/load-intent-descriptions.ts";
import { createSendPacer, type SendPacer } from "../core/campaigns/send-pacer.ts";
import type { DeliveryRules } from "../core/campaigns/claim-next-delivery.ts";

export interface App {
  db: Db;
  clock: Clock;
  logger: Logger;
  customer: CustomerAssistant;
  owner: OwnerConsole;
  classifier: IntentClassifier;
  /** The customer intent model in place, its retraining with the owner's examples, and where that stands. */
  customerIntents: ReturnType<typeof createCustomerIntentModel>;
  /** The owner intent model (plain words from the owner), trained or loaded on first use. */
  ownerClassifier(): Promise<IntentClassifier>;
  feed: ReturnType<typeof createConsoleFeed>;
  /** Every registered notifier at once (what core notifies through). */
  notifier: Notifier;
  /** Reaches a customer on whichever channel they use (what core sends through). */
  messenger: CustomerMessenger;
  /** The owner's handoff inbox: Slack registers its threads here (`handoff.registerInbox`). */
  handoff: HandoffDesk;
  /** Adds a channel's way of reaching customers (Telegram registers itself here at start). */
  registerMessenger(channel: TChannel, messenger: CustomerMessenger): void;
  /** Where the daily digest goes: the console feed, and Slack when it registers itself. */
  digestPublishers(): DigestPublisher[];
  registerDigestPublisher(publisher: DigestPublisher): void;
  /** The owner's analytics (forecast, funnel, segments, customer, digest). */
  analytics: OwnerAnalytics;
  /** Backups of the embedded database (the `backup` command and BACKUP_CRON); absent on PostgreSQL. */
  backups?: BackupStore;
  /** Adds an owner notifier (Slack registers itself here at start). */
  registerNotifier(notifier: Notifier): void;
  /**
   * The bot's per-second budget of messages: the campaign sender waits on it, the Telegram adapter
   * records its replies in it (so a campaign yields to customers who are chatting).
   */
  pacer: SendPacer;
  /** Customers' turns being handled now (the campaign sender waits a moment while there are any). */
  turnsInFlight(): number;
  /** The shop's currency (SHOP_CURRENCY). */
  currency: string;
  /** The shop's time zone (TZ), the process's when unset. */
  timeZone?: string;
  /** ATTRIBUTION_DAYS. */
  attributionDays: number;
  /** LOW_CONFIDENCE: below it the assistant asks which of two things was meant. */
  lowConfidence: number;
  /** The campaign rules from the configuration: weekly cap, quiet hours, time zone. */
  deliveryRules: DeliveryRules;
  /** Set by the campaign sender when it starts: a confirmed campaign then starts at once. */
  onCampaignConfirmed(listener: () => void): void;
}

export function shopProfileFrom(config: TConfig): ShopProfile {
  // Validated in the config schema: both parse in the shop's currency.
  const delivery: DeliveryPolicy = {
    feeMinor: parseMoney(config.DELIVERY_FEE, config.SHOP_CURRENCY) ?? 0,
    freeFromMinor: config.FREE_DELIVERY_FROM !== undefined ? parseMoney(config.FREE_DELIVERY_FROM, config.SHOP_CURRENCY) : null,
  };
  const deliveryText = (locale: TLocale): string =>
    delivery.feeMinor === 0
      ? messagesFor(locale).deliveryIncluded()
      : messagesFor(locale).deliveryCharge(formatMoney(delivery.feeMinor, config.SHOP_CURRENCY), delivery.freeFromMinor !== null ? formatMoney(delivery.freeFromMinor, config.SHOP_CURRENCY) : null);
  return {
    name: config.SHOP_NAME,
    paymentInstructions: { en: config.PAYMENT_INSTRUCTIONS, zh: config.PAYMENT_INSTRUCTIONS_ZH },
    shippingAndReturns: {
      en: config.SHIPPING_INFO ?? messagesFor("en").defaultShippingInfo(deliveryText("en")),
      zh: config.SHIPPING_INFO_ZH ?? messagesFor("zh").defaultShippingInfo(deliveryText("zh")),
    },
    delivery,
    defaultCountry: config.SHOP_COUNTRY as CountryCode,
    currency: config.SHOP_CURRENCY,
    ...(config.MAX_UNPAID_ORDERS > 0 ? { maxUnpaidOrders: config.MAX_UNPAID_ORDERS } : {}),
    inventory: inventoryPolicyFrom(config),
    ...(config.TZ ? { timeZone: config.TZ } : {}),
  };
}

/** Channels where customers pay online (Telegram with a payments provider token). */
export function onlinePaymentChannelsFrom(config: TConfig): TChannel[] {
  return config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_PAYMENT_PROVIDER_TOKEN ? ["telegram"] : [];
}

export async function createApp(options: {
  config: TConfig;
  db: Db;
  logger: Logger;
  clock?: Clock;
  classifier?: IntentClassifier;
  analytics?: OwnerAnalytics;
  backups?: BackupStore;
}): Promise<App> {
  const { config, db, logger } = options;
  const clock = options.clock ?? systemClock;
  // Read once: the classifier trains on (or is cached by) them, and the known words come from them.
  const training = await loadTrainingExamples("customer");
  // The examples the owner taught in the dashboard are the shop's own training data, trained with the files.
  const customerTraining = trainingWithOwnerExamples(training, await loadOwnerExamples(db));
  const initialClassifier = options.classifier ?? (await loadIntentClassifier({ set: "customer", cacheDir: path.join(config.DATA_DIR, "models"), logger, training: customerTraining }));
  const customerIntents = createCustomerIntentModel({ initial: initialClassifier, files: training, db, clock, logger, cacheDir: path.join(config.DATA_DIR, "models") });
  const classifier = customerIntents.classifier;
  const shop = shopProfileFrom(config);
  const feed = createConsoleFeed({ now: () => clock.now(), locale: config.OWNER_LOCALE });

  const notifiers: Notifier[] = [feed.notifier];
  const notifier: Notifier = {
    async notify(notification) {
      // One failing notifier (Slack down) must not stop the others or the sale that caused it.
      await Promise.all(notifiers.map((n) => n.notify(notification).catch((error) => logger.error("notification failed", { type: notification.type, error: String(error) }))));
    },
  };
  const messengers = new Map<TChannel, CustomerMessenger>([["console", feed.messenger]]);
  const messenger: CustomerMessenger = {
    async send(target, replies) {
      const channelMessenger = messengers.get(target.channel);
      return channelMessenger ? channelMessenger.send(target, replies) : false;
    },
    async sendMarketing(target, reply) {
      const channelMessenger = messengers.get(target.channel);
      if (!channelMessenger) return { kind: "failed", retry: false, reason: "channel_off" };
      if (channelMessenger.sendMarketing) return channelMessenger.sendMarketing(target, reply);
      return (await channelMessenger.send(target, [reply])) ? { kind: "sent" } : { kind: "failed", retry: false, reason: "not_delivered" };
    },
    async fetchFile(target, fileRef) {
      const fetchFile = messengers.get(target.channel)?.fetchFile;
      if (!fetchFile) throw new Error(`the ${target.channel} channel cannot pass files on`);
      return fetchFile(target, fileRef);
    },
  };

  const recommender = createRecommender({ db, clock });
  const digestPublishers: DigestPublisher[] = [feed.digestPublisher];
  const handoff = createHandoffDesk({ db, clock, logger, messenger, quietMs: config.HANDOFF_QUIET_MINUTES * 60_000 });
  notifiers.push(handoff.notifier);

  // Optional LLM: only with a key; the assistant works the same without it, just less cleverly.
  const llm = config.OPENAI_API_KEY
    ? createLlmAssistant({
      llm: createOpenAiLlmClient({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, timeoutMs: config.OPENAI_TIMEOUT_MS }),
      db,
      logger,
      timeoutMs: config.OPENAI_TIMEOUT_MS,
      intentDescriptions: await loadIntentDescriptions(path.join(PROMPTS_DIR, "intents", "customer")),
    })
    : undefined;
  const assistant = createCustomerAssistant({
    db,
    clock,
    notifier,
    logger,
    classifier,
    knownWords: buildKnownWords(customerTraining.examples.map((e) => e.text)),
    shop,
    lowConfidence: config.LOW_CONFIDENCE,
    recommend: (o) => recommender.forCustomer(o),
    recommendSimilar: (o) => recommender.forProduct(o),
    handoff: handoff.customerHooks,
    ...(llm ? { llm } : {}),
    onlinePaymentChannels: onlinePaymentChannelsFrom(config),
  });
  let turns = 0;
  const customer: CustomerAssistant = {
    async handle(message) {
      turns++;
      try {
        return await assistant.handle(message);
      } finally {
        turns--;
      }
    },
  };
  const pacer = createSendPacer({ ratePerSecond: config.BROADCAST_RATE, clock });
  const deliveryRules: DeliveryRules = { maxPerWeek: config.MARKETING_MAX_PER_WEEK, quietHours: config.QUIET_HOURS, ...(config.TZ ? { timeZone: config.TZ } : {}) };
  const campaignListeners: (() => void)[] = [];
  const analytics = options.analytics ?? createOwnerAnalytics({ db, clock, currency: config.SHOP_CURRENCY, locale: config.OWNER_LOCALE, charts: createVegaChartRenderer(), attributionDays: config.ATTRIBUTION_DAYS, inventory: inventoryPolicyFrom(config), ...(config.TZ ? { timeZone: config.TZ } : {}) });
  let ownerModel: Promise<IntentClassifier> | undefined;
  const ownerClassifier = () => {
    ownerModel ??= loadIntentClassifier({ set: "owner", cacheDir: path.join(config.DATA_DIR, "models"), logger }).catch((error: unknown) => {
      ownerModel = undefined;
      throw error;
    });
    return ownerModel;
  };
  const owner = createOwnerConsole({ db, clock, notifier, messenger, logger, currency: config.SHOP_CURRENCY, locale: config.OWNER_LOCALE, analytics, ownerClassifier, settings: shopSettingsFrom(config, shop), campaigns: { ratePerSecond: config.BROADCAST_RATE, quietHours: config.QUIET_HOURS, maxPerWeek: config.MARKETING_MAX_PER_WEEK, attributionDays: config.ATTRIBUTION_DAYS }, wakeCampaignSender: () => campaignListeners.forEach((l) => l()), customerIntents, inventory: inventoryPolicyFrom(config), ...(config.TZ ? { timeZone: config.TZ } : {}), ...(options.backups ? { backups: options.backups } : {}) });
  return {
    db,
    clock,
    logger,
    customer,
    owner,
    classifier,
    customerIntents,
    ownerClassifier,
    feed,
    notifier,
    messenger,
    handoff,
    analytics,
    ...(options.backups ? { backups: options.backups } : {}),
    digestPublishers: () => [...digestPublishers],
    registerDigestPublisher: (p) => void digestPublishers.push(p),
    registerMessenger: (channel, m) => void messengers.set(channel, m),
    registerNotifier: (n) => void notifiers.push(n),
    pacer,
    currency: config.SHOP_CURRENCY,
    ...(config.TZ ? { timeZone: config.TZ } : {}),
    attributionDays: config.ATTRIBUTION_DAYS,
    lowConfidence: config.LOW_CONFIDENCE,
    turnsInFlight: () => turns,
    deliveryRules,
    onCampaignConfirmed: (listener) => void campaignListeners.push(listener),
  };
}

