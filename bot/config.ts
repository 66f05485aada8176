/**
 * Every setting comes from the environment and is validated here, at start, with zod. A missing or
 * invalid value stops the program with a message naming the variable and what is wrong. Nothing
 * else in the code base reads `process.env`.
 */
import { z } from "zod";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const bool = z.preprocess(emptyToUndefined, z.enum(["true", "false", "1", "0", "yes", "no"]).optional()).transform((v) => v === undefined ? undefined : ["true", "1", "yes"].includes(v));

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
    SHOP_NAME: z.preprocess(emptyToUndefined, z.string().max(100).default("Solo Home & Tea")),
    SHOP_CURRENCY: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter currency code like GBP").default("GBP")),
    SHOP_COUNTRY: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Z]{2}$/, "must be a 2-letter country code like GB").default("GB")),
    PAYMENT_INSTRUCTIONS: z.preprocess(emptyToUndefined, z.string().max(1_000).default("Pay by bank transfer to Solo Home & Tea, sort code 00-00-00, account 00000000, with your order number as the reference. The owner confirms payment and ships within 2 working days.")),
    PAYMENT_INSTRUCTIONS_ZH: z.preprocess(emptyToUndefined, z.string().max(1_000).default("请通过银行转账付款至 Solo Home & Tea（分行代码 00-00-00，账号 00000000），备注填写订单号。店主确认收款后 2 个工作日内发货。")),
    SHIPPING_INFO: z.preprocess(emptyToUndefined, z.string().max(2_000).default("We ship within the UK in 2–4 working days (£3.95, free over £50) and to most countries in 5–10 days. Unused items can be returned within 30 days for a full refund: message us your order number.")),
    SHIPPING_INFO_ZH: z.preprocess(emptyToUndefined, z.string().max(2_000).default("英国境内 2–4 个工作日送达（运费 £3.95，满 £50 包邮），其他大部分国家 5–10 天。未使用的商品 30 天内可退货并全额退款：请把订单号发给我们。")),
    OWNER_LOCALE: z.preprocess(emptyToUndefined, z.enum(["en", "zh"]).default("en")),
    LOW_CONFIDENCE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1).default(0.45)),
    SEED_DEMO: bool.default(true),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
    TZ: optionalString,
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
  });

export type TConfig = z.infer<typeof ZConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every setting.`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws {@link ConfigError} listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): TConfig {
  const result = ZConfig.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`));
  }
  return result.data;
}
