import { describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { deriveWebhookSecret } from "../../bot/start.ts";

const SLACK = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_OWNER_IDS: "U012ABCDEF, W0ENTERPRISE", SLACK_CHANNEL_ID: "C012ABCDEF" };

describe("Telegram and Slack configuration", () => {
  it("needs nothing for either: both are off by default", () => {
    const config = loadConfig({});
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config).toMatchObject({ TELEGRAM_API_ROOT: "https://api.telegram.org", SLACK_API_URL: "https://slack.com/api/", HANDOFF_QUIET_MINUTES: 30 });
  });

  it("Slack in HTTP mode needs the signing secret; Socket Mode needs the app token instead", () => {
    expect(() => loadConfig(SLACK)).toThrow(/SLACK_SIGNING_SECRET: is required in HTTP mode/);
    expect(loadConfig({ ...SLACK, SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5".replace(/[yz]/g, "a") }).SLACK_OWNER_IDS).toEqual(["U012ABCDEF", "W0ENTERPRISE"]);
    expect(loadConfig({ ...SLACK, SLACK_APP_TOKEN: "xapp-1-A0-123-abc" }).SLACK_APP_TOKEN).toBe("xapp-1-A0-123-abc");
  });

  it("names the missing or malformed variable", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).toThrow(/SLACK_OWNER_IDS: is required[\s\S]*SLACK_CHANNEL_ID: is required/);
    expect(() => loadConfig({ SLACK_APP_TOKEN: "xapp-1" })).toThrow(/SLACK_BOT_TOKEN: is required when SLACK_APP_TOKEN is set/);
    expect(() => loadConfig({ ...SLACK, SLACK_APP_TOKEN: "xapp-1", SLACK_OWNER_IDS: "alice" })).toThrow(/SLACK_OWNER_IDS: must be Slack user ids/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "not-a-token" })).toThrow(/TELEGRAM_BOT_TOKEN: must be the token @BotFather gave you/);
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: "https://shop.example/tg" })).toThrow(/TELEGRAM_BOT_TOKEN: is required when TELEGRAM_WEBHOOK_URL is set/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "123456789:AAHabcdefghijklmnopqrstuvwxyz12345", TELEGRAM_WEBHOOK_URL: "http://shop.example/tg" })).toThrow(/TELEGRAM_WEBHOOK_URL: must be the public https:\/\/ URL/);
    expect(() => loadConfig({ SLACK_API_URL: "ftp://x" })).toThrow(/SLACK_API_URL: must be an http\(s\):\/\/ URL/);
  });

  it("derives a stable webhook secret from the bot token when none is set", () => {
    const secret = deriveWebhookSecret("123456789:AAHabcdefghijklmnopqrstuvwxyz12345");
    expect(secret).toMatch(/^[a-f0-9]{64}$/);
    expect(deriveWebhookSecret("123456789:AAHabcdefghijklmnopqrstuvwxyz12345")).toBe(secret);
    expect(deriveWebhookSecret("987654321:AAHabcdefghijklmnopqrstuvwxyz12345")).not.toBe(secret);
  });
});
