import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../slack/${file}`, import.meta.url), "utf8")) as {
  features: { slash_commands: { command: string; url?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[]; request_url?: string }; interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
};

describe("the Slack app manifests", () => {
  it.each([["manifest.json", true], ["manifest.http.json", false]] as const)("%s asks for what the adapter uses", (file, socketMode) => {
    const manifest = read(file);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/shop"]);
    // chat:write (messages, ephemeral refusals), reactions:write (✅ on delivered replies),
    // history of the owner channel (thread replies), files:write (the digest's chart, customers'
    // photos), files:read (the owner's files for the customer).
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(["app_mentions:read", "channels:history", "chat:write", "commands", "files:read", "files:write", "groups:history", "reactions:write"]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_mention", "message.channels", "message.groups"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(socketMode);
    const urls = [manifest.features.slash_commands[0]!.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
    // HTTP mode: bolt's receiver answers everything on /slack/events.
    expect(urls).toEqual(socketMode ? [undefined, undefined, undefined] : Array(3).fill("https://shop.example.com/slack/events"));
  });
});
