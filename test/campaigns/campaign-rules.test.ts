/**
 * The pure rules of campaigns: quiet hours in the shop's zone (right across midnight and the change
 * of clocks), when `at=` starts a campaign, and the message each customer gets.
 */
import { describe, expect, it } from "vitest";
import { composeCampaignMessage, firstNameOf, unknownPlaceholders } from "../../core/campaigns/compose-campaign-message.ts";
import { parseCampaignTime } from "../../core/campaigns/parse-campaign-time.ts";
import { endOfQuietTime, isQuietTime, ZQuietHours } from "../../core/campaigns/quiet-hours.ts";
import { parseCustomerPayload } from "../../core/conversation/payloads.ts";
import type { Product } from "../../prisma/generated/client.ts";

const night = ZQuietHours.parse("20:00-09:00");

describe("quiet hours", () => {
  it.each([
    ["2026-11-20T08:59:00Z", true],
    ["2026-11-20T09:00:00Z", false],
    ["2026-11-20T19:59:00Z", false],
    ["2026-11-20T20:00:00Z", true],
    ["2026-11-20T23:30:00Z", true],
  ])("in London in winter, %s is quiet: %s", (at, quiet) => {
    expect(isQuietTime(new Date(at), night, "Europe/London")).toBe(quiet);
  });

  it("follows the zone's clock in summer (08:30 UTC is 09:30 in London) and in Shanghai", () => {
    expect(isQuietTime(new Date("2026-07-01T08:30:00Z"), night, "Europe/London")).toBe(false);
    expect(isQuietTime(new Date("2026-07-01T08:30:00Z"), night, "Asia/Shanghai")).toBe(false);
    expect(isQuietTime(new Date("2026-07-01T13:30:00Z"), night, "Asia/Shanghai")).toBe(true);
  });

  it("ends at the next 09:00 local, also on the night the clocks go forward", () => {
    expect(endOfQuietTime(new Date("2026-11-20T21:30:00Z"), night, "Europe/London").toISOString()).toBe("2026-11-21T09:00:00.000Z");
    expect(endOfQuietTime(new Date("2026-11-21T07:00:00Z"), night, "Europe/London").toISOString()).toBe("2026-11-21T09:00:00.000Z");
    // 29 March 2026: London moves to BST at 01:00; 09:00 that morning is 08:00 UTC.
    expect(endOfQuietTime(new Date("2026-03-28T22:00:00Z"), night, "Europe/London").toISOString()).toBe("2026-03-29T08:00:00.000Z");
  });

  it("reads a daytime span, and off", () => {
    expect(ZQuietHours.parse("12:00–13:30")).toEqual({ from: 720, to: 810 });
    expect(ZQuietHours.parse("off")).toBeNull();
    expect(isQuietTime(new Date("2026-11-20T03:00:00Z"), null, "Europe/London")).toBe(false);
    expect(ZQuietHours.safeParse("9-20").success).toBe(false);
    expect(ZQuietHours.safeParse("20:00-20:00").success).toBe(false);
  });
});

describe("when a campaign starts (at=, shop time)", () => {
  const now = new Date("2026-11-20T10:00:00Z");
  it.each([
    ["2026-12-24T10:00", "2026-12-24T10:00:00.000Z"],
    ["2026-12-24 10:00", "2026-12-24T10:00:00.000Z"],
    ["15:30", "2026-11-20T15:30:00.000Z"],
    ["09:00", "2026-11-21T09:00:00.000Z"],
    ["tomorrow 10:00", "2026-11-21T10:00:00.000Z"],
    ["明天 10:00", "2026-11-21T10:00:00.000Z"],
    ["2026-07-01T10:00", "2026-07-01T09:00:00.000Z"],
  ])("%s → %s", (text, expected) => {
    expect(parseCampaignTime(text, now, "Europe/London")?.toISOString()).toBe(expected);
  });
  it.each(["soon", "25:00", "2026-13-01T10:00", ""])("%s is not a time", (text) => {
    expect(parseCampaignTime(text, now, "Europe/London")).toBeNull();
  });
});

const tea = {
  id: 7, sku: "TEA-001", name: "Jasmine Silver Needle", nameZh: "茉莉银针", description: "Delicate white tea scented with jasmine.", descriptionZh: "茉莉花熏制的白茶。", category: "Tea", categoryZh: "茶",
  tags: [], priceMinor: 1250, currency: "GBP", stock: 12, lowStockThreshold: 5, consumable: true, imageUrl: "https://example.com/tea.jpg", active: true, createdAt: new Date(), updatedAt: new Date(),
  leadDays: null, minOrder: null, planForecast: null, planPace: null, planReorderPoint: null, planOrderUpTo: null, plannedAt: null, reorderAlertedAt: null,
} satisfies Product;

describe("a campaign's message", () => {
  it("is personal, in the customer's language, with the product's card, Order and Stop", () => {
    const campaign = { textEn: "Hi {first_name}! {product} is back at {price}.", textZh: "{first_name}，{product}回来了，{price}。" };
    const en = composeCampaignMessage(campaign, tea, { name: "Anna Smith", locale: "en" });
    expect(en.text.split("\n")[0]).toBe("Hi Anna! Jasmine Silver Needle is back at £12.50.");
    expect(en.text).toContain("Jasmine Silver Needle — £12.50");
    expect(en.imageUrl).toBe(tea.imageUrl);
    const actions = (en.buttons ?? []).flat().map((b) => parseCustomerPayload(b.payload)?.action);
    expect(actions).toEqual(["order", "category", "stopMarketing"]);
    const zh = composeCampaignMessage(campaign, tea, { name: "王小明", locale: "zh" });
    expect(zh.text.split("\n")[0]).toBe("王小明，茉莉银针回来了，£12.50。");
    expect((zh.buttons ?? []).flat().at(-1)?.label).toBe("不再接收此类消息");
  });

  it("falls back to the other language's text, and to a greeting word without a name", () => {
    const onlyEnglish = { textEn: "Hello {first_name}, new candles are in.", textZh: null };
    expect(composeCampaignMessage(onlyEnglish, null, { name: null, locale: "zh" }).text).toBe("Hello 朋友, new candles are in.");
    expect(composeCampaignMessage(onlyEnglish, null, { name: "(demo) Bo Chen", locale: "en" }).text).toBe("Hello Bo, new candles are in.");
    expect(composeCampaignMessage({ textEn: null, textZh: "新品到了" }, null, { name: null, locale: "en" }).text).toBe("新品到了");
  });

  it("fits one photo caption with the product's card, leaving the description out when it would not", () => {
    const long = { textEn: "x".repeat(700), textZh: null };
    const message = composeCampaignMessage(long, { ...tea, description: "y".repeat(600) }, { name: null, locale: "en" });
    expect(message.text.length).toBeLessThanOrEqual(1_024);
    expect(message.text).not.toContain("yyy");
  });

  it("names the placeholders nothing fills", () => {
    expect(unknownPlaceholders("Hi {firstname}, {price}", false)).toEqual(["firstname", "price"]);
    expect(unknownPlaceholders("Hi {first_name}, {price}", true)).toEqual([]);
    expect(firstNameOf("  ")).toBeNull();
  });
});
