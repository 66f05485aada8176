/**
 * Every setting comes from the environment and is validated here, at start, with zod. A missing or
 * invalid value stops the program with a message naming the variable and what is wrong. Nothing
 * else in the code base reads `process.env`.
 */
import cron from "node-cron";
import { z } from "zod";
import { minorUnitDigits, parseMoney } from "../core/money.ts";
import { ZQuietHours } from "../core/campaigns/quiet-hours.ts";
import type { InventoryPolicy } from "../core/inventory/inventory-policy.ts";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const bool = z.preprocess(emptyToUndefined, z.enum(["true", "false", "1", "0", "yes", "no"]).optional()).transform((v) => v === undefined ? undefined : ["true", "1", "yes"].includes(v));

const ZHttpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" });
const port = (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65_535).default(fallback));
const commaList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.string()).default([]).refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,20}$/.test(id)), "must be Slack user ids like U012ABCDEF, separated by commas"),
);

const ZPostgresUrl = z.preprocess(
  emptyToUndefined,
  z.string().regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgresql:// URL, e.g. postgresql://user:pass@host:5432/db").optional(),
);

export const ZConfig = z
  .object({
    DATABASE_URL: ZPostgresUrl,
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65_535).default(3000)),
    CONSOLE_HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
    CONSOLE_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, "must be at least 16 characters").optional()),
    CONSOLE_ENABLED: bool.default(true),
    /** Another name the console is opened at (a reverse proxy's, a LAN address), as the address bar shows it. */
    CONSOLE_PUBLIC_HOST: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/, "must be the host (and port) you open the console at, as the address bar shows it: shop.example.com or 192.168.1.5:3000 (no http://, no path)")
        .refine((host) => Number(/:(\d+)$/.exec(host)?.[1] ?? 1) <= 65_535, "has a port above 65535")
        .optional(),
    ),
    SHOP_NAME: z.preprocess(emptyToUndefined, z.string().max(100).default("Solo Home & Tea")),
    SHOP_CURRENCY: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter currency code like GBP").default("GBP")),
    SHOP_COUNTRY: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Z]{2}$/, "must be a 2-letter country code like GB").default("GB")),
    PAYMENT_INSTRUCTIONS: z.preprocess(emptyToUndefined, z.string().max(1_000).default("Pay by bank transfer to Solo Home & Tea, sort code 00-00-00, account 00000000, with your order number as the reference. The owner confirms payment and ships within 2 working days.")),
    PAYMENT_INSTRUCTIONS_ZH: z.preprocess(emptyToUndefined, z.string().max(1_000).default("请通过银行转账付款至 Solo Home & Tea（分行代码 00-00-00，账号 00000000），备注填写订单号。店主确认收款后 2 个工作日内发货。")),
    /** Unset: a default text that states the delivery charge below (see `defaultShippingInfo`). */
    SHIPPING_INFO: z.preprocess(emptyToUndefined, z.string().max(2_000).optional()),
    SHIPPING_INFO_ZH: z.preprocess(emptyToUndefined, z.string().max(2_000).optional()),
    /** Flat delivery charge per order in the shop's currency ("3.95"); 0 = delivery is in the prices. */
    DELIVERY_FEE: z.preprocess(emptyToUndefined, z.string().default("0")),
    /** Orders whose items come to at least this are delivered free ("50"); unset = never free. */
    FREE_DELIVERY_FROM: z.preprocess(emptyToUndefined, z.string().optional()),
    OWNER_LOCALE: z.preprocess(emptyToUndefined, z.enum(["en", "zh"]).default("en")),
    LOW_CONFIDENCE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1).default(0.5)),
    SEED_DEMO: bool.default(true),
    SEED_DEMO_HISTORY: bool.default(true),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
    TZ: z.preprocess(emptyToUndefined, z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/London").optional()),
    DIGEST_CRON: z.preprocess(emptyToUndefined, z.string().refine((expr) => cron.validate(expr), "must be a cron expression such as \"0 8 * * *\" (08:00 every day)").default("0 8 * * *")),
    DIGEST_ENABLED: bool.default(true),

    // Follow-ups: one reminder per order left at confirmation / placed but unpaid, in the daytime.
    FOLLOW_UPS_ENABLED: bool.default(true),
    FOLLOW_UP_CART_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(72).default(4)),
    FOLLOW_UP_UNPAID_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(144).default(24)),
    // An unpaid order holds its stock this long, then is cancelled (0 = for ever); at most this many unpaid orders per customer.
    UNPAID_HOLD_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(24 * 60).default(48)),
    MAX_UNPAID_ORDERS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(100).default(2)),

    // Stock planning: the supplier lead time of products without their own, the chance of not running
    // out before an order arrives, and how many days of sales each order buys.
    DEFAULT_LEAD_DAYS: z.preprocess(emptyToUndefined, z.coerce.number({ error: "must be a number of days such as 7" }).int("must be a whole number of days").min(1, "must be at least 1 day").max(365, "must be at most 365 days").default(7)),
    /** "95", "95%" or "0.95": read as a share (0.95). */
    SERVICE_LEVEL: z.preprocess(
      (v) => {
        const text = emptyToUndefined(v);
        if (typeof text !== "string") return text;
        const n = Number(text.trim().replace(/\s*%$/, ""));
        return Number.isFinite(n) && text.trim() !== "" ? (n > 1 ? n / 100 : n) : Number.NaN;
      },
      z.number({ error: "must be a percentage such as 95 (or 95%, 0.95)" }).min(0.5, "must be at least 50 %").max(0.999, "must be at most 99.9 %: 100 % would mean unlimited stock").default(0.95),
    ),
    ORDER_COVER_DAYS: z.preprocess(emptyToUndefined, z.coerce.number({ error: "must be a number of days such as 28" }).int("must be a whole number of days").min(1, "must be at least 1 day").max(365, "must be at most 365 days").default(28)),

    // Campaigns: how fast, when and how often marketing messages go out.
    /** Campaign messages a second, overall (Telegram's ceiling for a bot is about 30; replies to chatting customers come out of the same budget first). */
    BROADCAST_RATE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(30, "must be at most 30: Telegram answers 429 above about 30 messages a second").default(25)),
    /** When no marketing goes out, in TZ: "20:00-09:00" (campaigns go out 09:00–20:00), or off. */
    QUIET_HOURS: z.preprocess(emptyToUndefined, z.string().default("20:00-09:00").pipe(ZQuietHours)),
    /** At most this many campaign messages per customer in any 7 days. */
    MARKETING_MAX_PER_WEEK: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(50).default(2)),
    /** Run the campaign sender in this process (with several replicas, one is enough: each paces itself). */
    CAMPAIGN_SENDER_ENABLED: bool.default(true),
    /** An order is credited to the last campaign message, button, link or code in this many days before it; campaigns are measured over this window. */
    ATTRIBUTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(90).default(7)),

    // Backups of the embedded database (not used with DATABASE_URL: back a server up with its own tools).
    BACKUP_CRON: z.preprocess(emptyToUndefined, z.string().refine((expr) => expr === "off" || cron.validate(expr), "must be a cron expression such as \"30 3 * * *\" (03:30 every day), or off").default("30 3 * * *")),
    BACKUP_KEEP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000).default(14)),
    BACKUP_DIR: z.preprocess(emptyToUndefined, z.string().optional()),

    /**
     * Days customers' personal data is kept: older message texts are blanked, customers with nothing
     * newer are anonymised and older backups removed, every night. Unset: kept for ever.
     */
    RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number({ error: "must be a number of days such as 365" }).int("must be a whole number of days").min(1, "must be at least 1 day (unset keeps everything)").max(36_500).optional()),

    // Telegram: the customer channel. Set the token to turn it on.
    TELEGRAM_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^\d{3,15}:[A-Za-z0-9_-]{20,}$/, "must be the token @BotFather gave you, like 123456789:AAH…").optional()),
    TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, ZHttpUrl.default("https://api.telegram.org")),
    TELEGRAM_WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/, error: "must be the public https:// URL Telegram posts updates to" }).optional()),
    TELEGRAM_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A–Z, a–z, 0–9, _ and -").optional()),
    TELEGRAM_WEBHOOK_HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
    TELEGRAM_WEBHOOK_PORT: port(8443),
    TELEGRAM_PAYMENT_PROVIDER_TOKEN: optionalString,
    /** Messages one chat may send a minute; beyond, it is asked once to slow down and the rest are dropped unread. 0 = no limit. */
    TELEGRAM_MESSAGES_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(1_000).default(20)),

    // Slack: the owner's back office. Set the bot token to turn it on.
    SLACK_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, "must be the bot token (xoxb-…) from OAuth & Permissions").optional()),
    SLACK_SIGNING_SECRET: z.preprocess(emptyToUndefined, z.string().regex(/^[a-f0-9]{16,64}$/i, "must be the signing secret from Basic Information (hex)").optional()),
    SLACK_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^xapp-[A-Za-z0-9-]+$/, "must be an app-level token (xapp-…) with connections:write").optional()),
    SLACK_API_URL: z.preprocess(emptyToUndefined, ZHttpUrl.default("https://slack.com/api/")),
    SLACK_OWNER_IDS: commaList,
    SLACK_CHANNEL_ID: z.preprocess(emptyToUndefined, z.string().regex(/^[CG][A-Z0-9]{2,20}$/, "must be a channel id like C012ABCDEF (channel details → About)").optional()),
    SLACK_HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
    SLACK_PORT: port(3001),

    /** Minutes without a word from the owner after which the bot answers a handed-off customer again; 0 never. */
    HANDOFF_QUIET_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(7 * 24 * 60).default(30)),

    // Optional LLM (any OpenAI-compatible server). Set the key to turn it on; everything works without it.
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: z.preprocess(emptyToUndefined, ZHttpUrl.default("https://api.openai.com/v1")),
    OPENAI_MODEL: z.preprocess(emptyToUndefined, z.string().max(200).default("gpt-4o-mini")),
    /** Per model call; the local answer is used when it runs out. At most 8 s: a customer is waiting. */
    OPENAI_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).max(8_000, "must be at most 8000 (8 s): a customer is waiting").default(8_000)),
  })
  .superRefine((config, ctx) => {
    const loopback = ["127.0.0.1", "localhost", "::1"].includes(config.CONSOLE_HOST);
    if (config.CONSOLE_ENABLED && !loopback && !config.CONSOLE_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["CONSOLE_TOKEN"],
        message: `is required when CONSOLE_HOST is ${config.CONSOLE_HOST}: the owner console is the shop's back office and must not be open to the network without a token`,
      });
    }
    for (const name of ["DELIVERY_FEE", "FREE_DELIVERY_FROM"] as const) {
      const value = config[name];
      if (value !== undefined && parseMoney(value, config.SHOP_CURRENCY) === null) {
        ctx.addIssue({ code: "custom", path: [name], message: `must be an amount in ${config.SHOP_CURRENCY} such as ${minorUnitDigits(config.SHOP_CURRENCY) === 0 ? "500" : "3.95"}` });
      }
    }
    if (config.FREE_DELIVERY_FROM !== undefined && parseMoney(config.DELIVERY_FEE, config.SHOP_CURRENCY) === 0) {
      ctx.addIssue({ code: "custom", path: ["FREE_DELIVERY_FROM"], message: "needs DELIVERY_FEE: with no delivery fee every order is delivered free already" });
    }
    const need = (when: boolean, path: string, message: string) => {
      if (when) ctx.addIssue({ code: "custom", path: [path], message });
    };
    const telegramSettings = ["TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_PAYMENT_PROVIDER_TOKEN"] as const;
    for (const name of telegramSettings) need(!config.TELEGRAM_BOT_TOKEN && config[name] !== undefined, "TELEGRAM_BOT_TOKEN", `is required when ${name} is set`);
    const slackSettings = ["SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CHANNEL_ID"] as const;
    for (const name of slackSettings) need(!config.SLACK_BOT_TOKEN && config[name] !== undefined, "SLACK_BOT_TOKEN", `is required when ${name} is set`);
    need(!config.SLACK_BOT_TOKEN && config.SLACK_OWNER_IDS.length > 0, "SLACK_BOT_TOKEN", "is required when SLACK_OWNER_IDS is set");
    if (config.SLACK_BOT_TOKEN) {
      need(!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET, "SLACK_SIGNING_SECRET", "is required in HTTP mode (no SLACK_APP_TOKEN): Slack signs every request with it; or set SLACK_APP_TOKEN for Socket Mode");
      need(config.SLACK_OWNER_IDS.length === 0, "SLACK_OWNER_IDS", "is required when Slack is on: the Slack user ids allowed to run the shop (profile → ⋮ → Copy member ID)");
      need(!config.SLACK_CHANNEL_ID, "SLACK_CHANNEL_ID", "is required when Slack is on: the channel for notifications and handoff threads");
    }
  });

export type TConfig = z.infer<typeof ZConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every setting.`);
    this.name = "ConfigError";
  }
}

/** DEFAULT_LEAD_DAYS, SERVICE_LEVEL and ORDER_COVER_DAYS as the stock plans read them. */
export function inventoryPolicyFrom(config: TConfig): InventoryPolicy {
  return { defaultLeadDays: config.DEFAULT_LEAD_DAYS, serviceLevel: config.SERVICE_LEVEL, coverDays: config.ORDER_COVER_DAYS };
}

/** Parses the environment; throws {@link ConfigError} listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): TConfig {
  const result = ZConfig.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`));
  }
  return result.data;
}
