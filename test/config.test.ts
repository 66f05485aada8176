import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ConfigError, loadConfig, ZConfig } from "../bot/config.ts";
import { shopProfileFrom } from "../bot/app.ts";
import { shopSettingsFrom } from "../bot/shop-settings.ts";

const run = promisify(execFile);

describe("configuration", () => {
  it("has working defaults with no variables at all", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, CONSOLE_HOST: "127.0.0.1", DATA_DIR: "./data", SHOP_CURRENCY: "GBP", TELEGRAM_MESSAGES_PER_MINUTE: 20 });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("documents every variable in .env.example and the README's table", () => {
    const variables = Object.keys(ZConfig.shape);
    expect(variables.length).toBeGreaterThan(30);
    const example = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(variables.filter((name) => !new RegExp(`^#? ?${name}=`, "m").test(example))).toEqual([]);
    expect(variables.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it("loads .env.example as the docs say to use it (set -a; . ./.env; set +a)", async () => {
    // set -e: a line the shell runs as a command (an unquoted value with spaces or &) fails the test.
    const { stdout } = await run("bash", ["-c", "set -e; set -a; . ./.env.example; set +a; env -0"], { cwd: new URL("..", import.meta.url).pathname, env: { PATH: process.env.PATH ?? "" } });
    const env = Object.fromEntries(stdout.split("\0").filter(Boolean).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
    const assigned = [...readFileSync(new URL("../.env.example", import.meta.url), "utf8").matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!);
    expect(assigned.length).toBeGreaterThan(5);
    expect(assigned.filter((name) => env[name] === undefined)).toEqual([]);
    const config = loadConfig(env);
    expect(config).toMatchObject({ SHOP_NAME: "Solo Home & Tea", DIGEST_CRON: "0 8 * * *", BACKUP_CRON: "30 3 * * *", BACKUP_KEEP: 14 });
  });

  it("reads the campaign settings: rate, quiet hours (or off) and the weekly cap, and refuses a rate above Telegram's", () => {
    expect(loadConfig({})).toMatchObject({ BROADCAST_RATE: 25, QUIET_HOURS: { from: 20 * 60, to: 9 * 60 }, MARKETING_MAX_PER_WEEK: 2, CAMPAIGN_SENDER_ENABLED: true });
    expect(loadConfig({ QUIET_HOURS: "off", BROADCAST_RATE: "10" })).toMatchObject({ QUIET_HOURS: null, BROADCAST_RATE: 10 });
    expect(() => loadConfig({ BROADCAST_RATE: "50" })).toThrow(/BROADCAST_RATE: must be at most 30/);
    expect(() => loadConfig({ QUIET_HOURS: "night" })).toThrow(/QUIET_HOURS: must be a span of the day such as 20:00-09:00/);
  });

  it("reads the stock planning settings: lead time, service level as 95, 95% or 0.95, and the days an order covers", () => {
    expect(loadConfig({})).toMatchObject({ DEFAULT_LEAD_DAYS: 7, SERVICE_LEVEL: 0.95, ORDER_COVER_DAYS: 28 });
    expect(loadConfig({ SERVICE_LEVEL: "97.5%", DEFAULT_LEAD_DAYS: "14", ORDER_COVER_DAYS: "42" })).toMatchObject({ SERVICE_LEVEL: 0.975, DEFAULT_LEAD_DAYS: 14, ORDER_COVER_DAYS: 42 });
    expect(loadConfig({ SERVICE_LEVEL: "0.9" }).SERVICE_LEVEL).toBe(0.9);
    expect(() => loadConfig({ SERVICE_LEVEL: "100" })).toThrow(/SERVICE_LEVEL: must be at most 99.9 %/);
    expect(() => loadConfig({ SERVICE_LEVEL: "high" })).toThrow(/SERVICE_LEVEL: must be a percentage such as 95/);
    expect(() => loadConfig({ DEFAULT_LEAD_DAYS: "0" })).toThrow(/DEFAULT_LEAD_DAYS: must be at least 1 day/);
    expect(() => loadConfig({ ORDER_COVER_DAYS: "2.5" })).toThrow(/ORDER_COVER_DAYS: must be a whole number of days/);
  });

  it("names every invalid variable and what is wrong with it", () => {
    try {
      loadConfig({ PORT: "http", DATABASE_URL: "mysql://x", SHOP_CURRENCY: "pounds", TELEGRAM_MESSAGES_PER_MINUTE: "lots" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toMatch(/PORT: /);
      expect(message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
      expect(message).toMatch(/SHOP_CURRENCY: must be a 3-letter currency code/);
      expect(message).toMatch(/TELEGRAM_MESSAGES_PER_MINUTE: /);
    }
    expect(() => loadConfig({ TELEGRAM_MESSAGES_PER_MINUTE: "-1" })).toThrow(/TELEGRAM_MESSAGES_PER_MINUTE/);
    expect(() => loadConfig({ TELEGRAM_MESSAGES_PER_MINUTE: "2.5" })).toThrow(/TELEGRAM_MESSAGES_PER_MINUTE/);
    expect(loadConfig({ TELEGRAM_MESSAGES_PER_MINUTE: "0" }).TELEGRAM_MESSAGES_PER_MINUTE).toBe(0);
  });

  it("refuses to open the owner console to the network without a token", () => {
    expect(() => loadConfig({ CONSOLE_HOST: "0.0.0.0" })).toThrow(/CONSOLE_TOKEN: is required when CONSOLE_HOST is 0\.0\.0\.0/);
    expect(() => loadConfig({ CONSOLE_HOST: "0.0.0.0", CONSOLE_TOKEN: "short" })).toThrow(/at least 16 characters/);
    expect(loadConfig({ CONSOLE_HOST: "0.0.0.0", CONSOLE_TOKEN: "a-long-enough-secret-token" }).CONSOLE_TOKEN).toBe("a-long-enough-secret-token");
  });

  it("takes the console's public host as the address bar shows it, and refuses a URL", () => {
    expect(loadConfig({}).CONSOLE_PUBLIC_HOST).toBeUndefined();
    expect(loadConfig({ CONSOLE_PUBLIC_HOST: " Shop.Example.com " }).CONSOLE_PUBLIC_HOST).toBe("shop.example.com");
    expect(loadConfig({ CONSOLE_PUBLIC_HOST: "192.168.1.5:3000" }).CONSOLE_PUBLIC_HOST).toBe("192.168.1.5:3000");
    expect(loadConfig({ CONSOLE_PUBLIC_HOST: "[fd00::5]:3000" }).CONSOLE_PUBLIC_HOST).toBe("[fd00::5]:3000");
    for (const bad of ["https://shop.example.com", "shop.example.com/console", "shop..example.com", "user@shop.example.com"]) {
      expect(() => loadConfig({ CONSOLE_PUBLIC_HOST: bad }), bad).toThrow(/CONSOLE_PUBLIC_HOST: must be the host \(and port\)/);
    }
    expect(() => loadConfig({ CONSOLE_PUBLIC_HOST: "shop.example.com:70000" })).toThrow(/CONSOLE_PUBLIC_HOST: has a port above 65535/);
  });

  it("stops npm start with a message and a non-zero exit on a bad variable", async () => {
    const result = await run("npx", ["tsx", "bot/main.ts"], { env: { ...process.env, PORT: "not-a-port" } }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("PORT:");
    expect(result.stderr).toContain(".env.example");
  });
});

describe("the owner's view of the settings", () => {
  it("says which channels are on and how, and never shows a token or key", () => {
    const secrets = {
      TELEGRAM_BOT_TOKEN: "123456789:AAHsecretsecretsecretsecret",
      TELEGRAM_PAYMENT_PROVIDER_TOKEN: "provider-secret-123",
      SLACK_BOT_TOKEN: "xoxb-slack-secret",
      SLACK_SIGNING_SECRET: "abcdef0123456789abcdef",
      SLACK_OWNER_IDS: "U123",
      SLACK_CHANNEL_ID: "C0123ABC",
      OPENAI_API_KEY: "sk-openai-secret",
      DATABASE_URL: "postgresql://shop:dbpassword@db.example/shop",
      DELIVERY_FEE: "500",
      SHOP_CURRENCY: "JPY",
    };
    const config = loadConfig(secrets);
    const text = shopSettingsFrom(config, shopProfileFrom(config)).map((s) => `${s.name}: ${s.value}`).join("\n");
    expect(text).toContain("Delivery charge: ¥500 per order, never free");
    expect(text).toContain("Telegram: on, long polling, payments on, at most 20 messages a minute per chat");
    expect(text).toContain("Slack: on, HTTP, channel C0123ABC");
    expect(text).toContain("Database: PostgreSQL server");
    for (const secret of ["AAHsecret", "provider-secret", "slack-secret", "abcdef0123", "sk-openai", "dbpassword"]) expect(text).not.toContain(secret);
  });
});
