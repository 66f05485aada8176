/**
 * What the owner's console is built from (the composition root supplies it): the database and the
 * ports, the analytics engines when wired, the shop's settings and the owner's language.
 */
import type { Db } from "../db.ts";
import type { TLocale } from "../messages.ts";
import type { IntentClassifier } from "../nlu/types.ts";
import type { BackupStore, Clock, CustomerMessenger, Logger, Notifier } from "../ports.ts";
import type { QuietHours } from "../campaigns/quiet-hours.ts";
import type { InventoryPolicy } from "../inventory/inventory-policy.ts";
import type { OwnerReply } from "./commands/define-command.ts";

/** "today" and "yesterday" are calendar days in the shop's time zone; 7, 30 and 90 are the last days up to now. */
export type TSalesPeriod = "today" | "yesterday" | 7 | 30 | 90;

/** Analytics answers, provided once the analytics engines are wired; absent → "not available yet". */
export interface OwnerAnalytics {
  forecast(days?: number): Promise<OwnerReply[]>;
  /** Revenue, orders and best sellers of a period so far, against the period before. */
  sales(period: TSalesPeriod): Promise<OwnerReply[]>;
  funnel(): Promise<OwnerReply[]>;
  digest(): Promise<OwnerReply[]>;
  segments(): Promise<OwnerReply[]>;
  customer(customerId: number): Promise<OwnerReply[]>;
  /** The customers worth most, by lifetime value (spent so far + expected). */
  topCustomers(limit: number): Promise<OwnerReply[]>;
  /** Whom to follow up: the customers most likely to order soon, by the digest's lead scorer, with reasons. */
  hotLeads(limit: number): Promise<OwnerReply[]>;
}

/** How campaigns go out (BROADCAST_RATE, QUIET_HOURS, MARKETING_MAX_PER_WEEK): for the previews' estimates. */
export interface CampaignSettings {
  ratePerSecond: number;
  quietHours: QuietHours | null;
  maxPerWeek: number;
  /** ATTRIBUTION_DAYS: orders are credited to the last touch this many days before them, and campaigns measured over it. */
  attributionDays: number;
}

/** The defaults, when the composition root gives none. */
export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettings = { ratePerSecond: 25, quietHours: { from: 20 * 60, to: 9 * 60 }, maxPerWeek: 2, attributionDays: 7 };

/** One line of `settings`: what it is, the environment variables that set it, and its value now. */
export interface OwnerSetting {
  name: string;
  variables: readonly string[];
  value: string;
}

export interface OwnerConsoleDeps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  messenger: CustomerMessenger;
  logger: Logger;
  analytics?: OwnerAnalytics;
  /** Backups of the embedded database; absent when a database server keeps the data. */
  backups?: BackupStore;
  currency: string;
  /** The owner's time zone (IANA, e.g. Europe/London) for "orders today"; the process's when absent. */
  timeZone?: string;
  /** The owner's language (OWNER_LOCALE) for answers, help and notifications; English when absent. */
  locale?: TLocale;
  /**
   * The owner intent model for plain words ("what's running low?"), loaded on first use: most
   * owners type commands or press buttons, and training it costs seconds at a first start.
   * Absent: plain words get the unknown-command answer.
   */
  ownerClassifier?: () => Promise<IntentClassifier>;
  /** The shop's settings for `settings` (the composition root reads them from the environment). */
  settings?: readonly OwnerSetting[];
  /** How campaigns go out; the defaults when absent. */
  campaigns?: CampaignSettings;
  /** Tells the campaign sender a campaign was just confirmed, so it starts now rather than at its next look. */
  wakeCampaignSender?: () => void;
  /** How stock is planned (DEFAULT_LEAD_DAYS, SERVICE_LEVEL, ORDER_COVER_DAYS); the defaults when absent. */
  inventory?: InventoryPolicy;
  /** The customer intent model: its intents, and retraining it in the background with the owner's examples (`retrain`). */
  customerIntents?: CustomerIntentModel;
}

/** What the owner's commands may ask of the customer intent model. */
export interface CustomerIntentModel {
  /** The intents an example may be taught as ("oos" included). */
  intents(): readonly string[];
  /** Starts retraining in the background, unless one is running; the new model answers customers as soon as it is ready. */
  retrain(): "started" | "running";
}
