/**
 * The shop's settings as the owner sees them with `settings`: what customers are told (delivery,
 * payment, shipping), when things run (digest, follow-ups, backups) and which channels are on, each
 * with the environment variable that sets it. Secrets are never shown, only whether they are set.
 */
import { formatQuietHours } from "../core/campaigns/quiet-hours.ts";
import type { OwnerSetting } from "../core/owner/handle-owner-command.ts";
import { formatMoney } from "../core/money.ts";
import type { TConfig } from "./config.ts";
import type { ShopProfile } from "../core/conversation/assistant-turn.ts";

export function shopSettingsFrom(config: TConfig, shop: ShopProfile): OwnerSetting[] {
  const money = (minor: number) => formatMoney(minor, config.SHOP_CURRENCY);
  const { feeMinor, freeFromMinor } = shop.delivery;
  const delivery = feeMinor === 0
    ? "none: included in the prices"
    : `${money(feeMinor)} per order${freeFromMinor !== null ? `, free from ${money(freeFromMinor)}` : ", never free"}`;
  const telegram = !config.TELEGRAM_BOT_TOKEN
    ? "off (set TELEGRAM_BOT_TOKEN)"
    : `on, ${config.TELEGRAM_WEBHOOK_URL ? `webhook ${config.TELEGRAM_WEBHOOK_URL}` : "long polling"}${config.TELEGRAM_PAYMENT_PROVIDER_TOKEN ? ", payments on" : ""}, ${config.TELEGRAM_MESSAGES_PER_MINUTE === 0 ? "no limit of messages per chat" : `at most ${config.TELEGRAM_MESSAGES_PER_MINUTE} messages a minute per chat`}`;
  const slack = !config.SLACK_BOT_TOKEN
    ? "off (set SLACK_BOT_TOKEN)"
    : `on, ${config.SLACK_APP_TOKEN ? "Socket Mode" : "HTTP"}, channel ${config.SLACK_CHANNEL_ID ?? "?"}`;
  return [
    { name: "Shop", variables: ["SHOP_NAME", "SHOP_COUNTRY"], value: `${config.SHOP_NAME} (${config.SHOP_COUNTRY})` },
    { name: "Currency", variables: ["SHOP_CURRENCY"], value: config.SHOP_CURRENCY },
    { name: "Delivery charge", variables: ["DELIVERY_FEE", "FREE_DELIVERY_FROM"], value: delivery },
    { name: "Payment instructions", variables: ["PAYMENT_INSTRUCTIONS"], value: shop.paymentInstructions.en },
    { name: "Shipping and returns", variables: ["SHIPPING_INFO"], value: `${shop.shippingAndReturns.en}${config.SHIPPING_INFO ? "" : " (default text)"}` },
    { name: "Your language", variables: ["OWNER_LOCALE"], value: config.OWNER_LOCALE },
    { name: "Time zone", variables: ["TZ"], value: config.TZ ?? `${Intl.DateTimeFormat().resolvedOptions().timeZone} (this machine's)` },
    { name: "Daily digest", variables: ["DIGEST_CRON", "DIGEST_ENABLED"], value: config.DIGEST_ENABLED ? `cron "${config.DIGEST_CRON}"` : "off" },
    { name: "Follow-ups", variables: ["FOLLOW_UP_CART_HOURS", "FOLLOW_UP_UNPAID_HOURS"], value: config.FOLLOW_UPS_ENABLED ? `order left at confirmation after ${config.FOLLOW_UP_CART_HOURS} h, unpaid order after ${config.FOLLOW_UP_UNPAID_HOURS} h` : "off" },
    {
      name: "Campaigns",
      variables: ["BROADCAST_RATE", "QUIET_HOURS", "MARKETING_MAX_PER_WEEK", "ATTRIBUTION_DAYS"],
      value: `${config.BROADCAST_RATE} messages a second, quiet hours ${formatQuietHours(config.QUIET_HOURS)}, at most ${config.MARKETING_MAX_PER_WEEK} per customer a week${config.CAMPAIGN_SENDER_ENABLED ? "" : " (not sent from this process: CAMPAIGN_SENDER_ENABLED=false)"}; orders credited to a campaign within ${config.ATTRIBUTION_DAYS} days`,
    },
    {
      name: "Stock planning",
      variables: ["DEFAULT_LEAD_DAYS", "SERVICE_LEVEL", "ORDER_COVER_DAYS"],
      value: `lead time ${config.DEFAULT_LEAD_DAYS} days unless a product has its own, service level ${Number((config.SERVICE_LEVEL * 100).toFixed(1))} %, each order covers ${config.ORDER_COVER_DAYS} days of sales`,
    },
    { name: "Handoff", variables: ["HANDOFF_QUIET_MINUTES"], value: config.HANDOFF_QUIET_MINUTES === 0 ? "the bot waits until you resume it" : `the bot answers again after ${config.HANDOFF_QUIET_MINUTES} min without a word from you` },
    { name: "Database", variables: ["DATABASE_URL"], value: config.DATABASE_URL ? "PostgreSQL server" : `embedded, in ${config.DATA_DIR}` },
    { name: "Backups", variables: ["BACKUP_CRON", "BACKUP_KEEP"], value: config.DATABASE_URL ? "your database server's own" : config.BACKUP_CRON === "off" ? "off" : `cron "${config.BACKUP_CRON}", keeping ${config.BACKUP_KEEP}` },
    { name: "Data retention", variables: ["RETENTION_DAYS"], value: config.RETENTION_DAYS === undefined ? "kept for ever" : `${config.RETENTION_DAYS} days, purged nightly at 03:00` },
    { name: "Telegram", variables: config.TELEGRAM_BOT_TOKEN ? ["TELEGRAM_BOT_TOKEN", "TELEGRAM_MESSAGES_PER_MINUTE"] : ["TELEGRAM_BOT_TOKEN"], value: telegram },
    { name: "Slack", variables: ["SLACK_BOT_TOKEN"], value: slack },
    { name: "Language model", variables: ["OPENAI_API_KEY", "OPENAI_MODEL"], value: config.OPENAI_API_KEY ? `${config.OPENAI_MODEL} at ${config.OPENAI_BASE_URL}` : "off (optional)" },
  ];
}
