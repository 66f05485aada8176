import { describe, expect, it } from "vitest";
import { channelCommandOf, localeForCommand, readChannelCommand } from "../core/conversation/answer-channel-command.ts";
import { browsePayload, cartPayload, languagePayload, ordersPayload, parseCustomerPayload, parseLanguagePayload, productSkuPayload } from "../core/conversation/payloads.ts";
import { messagesFor } from "../core/i18n.ts";
import { ZInboundMessage } from "../core/messages.ts";

describe("reading a typed channel command", () => {
  it.each([
    ["/start", { command: { name: "start" }, alone: true }],
    ["/start TEA-001", { command: { name: "start", arg: "TEA-001" }, alone: true }],
    ["  /START   tea_box-2  ", { command: { name: "start", arg: "tea_box-2" }, alone: true }],
    ["/help@solo_shop_bot", { command: { name: "help" }, addressedTo: "solo_shop_bot", alone: true }],
    ["/catalog please", { command: { name: "catalog" }, alone: false }],
    ["/orders 12", { command: { name: "orders" }, alone: false }],
    ["/language zh", { command: { name: "language", arg: "zh" }, alone: true }],
    // Not one word a deep link could carry: the command without it.
    ["/start two words", { command: { name: "start" }, alone: false }],
    ["/start " + "x".repeat(65), { command: { name: "start" }, alone: false }],
  ])("%s", (text, expected) => {
    expect(readChannelCommand(text)).toEqual(expected);
  });

  it.each(["hello", "/startnow", "/refund", "start", "", "please /start", "/start-x"])("%s is not a command", (text) => {
    expect(readChannelCommand(text)).toBeNull();
  });

  it("is what the channel-neutral inbound message accepts", () => {
    const read = readChannelCommand("/start TEA-001")!;
    const parsed = ZInboundMessage.parse({ channel: "telegram", externalUserId: "1", text: "/start TEA-001", command: read.command });
    expect(parsed.command).toEqual({ name: "start", arg: "TEA-001" });
    expect(ZInboundMessage.safeParse({ channel: "telegram", externalUserId: "1", command: { name: "refund" } }).success).toBe(false);
    expect(ZInboundMessage.safeParse({ channel: "telegram", externalUserId: "1", command: { name: "start", arg: "a b" } }).success).toBe(false);
  });
});

describe("a command's language", () => {
  it("greets in the channel's language on /start and /help, English when it says nothing", () => {
    expect(localeForCommand({ name: "start" }, "zh", "en")).toBe("zh");
    expect(localeForCommand({ name: "help" }, undefined, "zh")).toBe("en");
  });
  it("switches to a chosen language, and keeps the conversation's for anything else", () => {
    expect(localeForCommand({ name: "language", arg: "zh" }, "en", "en")).toBe("zh");
    expect(localeForCommand({ name: "language", arg: "fr" }, "en", "zh")).toBe("zh");
    expect(localeForCommand({ name: "language" }, "en", "zh")).toBe("zh");
    expect(localeForCommand({ name: "catalog" }, "en", "zh")).toBe("zh");
  });
});

describe("button payloads built outside the conversation", () => {
  it("are read back by core as the actions they name", () => {
    expect(parseCustomerPayload(browsePayload())).toEqual({ action: "browse" });
    expect(parseCustomerPayload(cartPayload())).toEqual({ action: "cart" });
    expect(parseCustomerPayload(ordersPayload())).toEqual({ action: "orders" });
    expect(parseCustomerPayload(productSkuPayload("TEA-001"))).toEqual({ action: "productSku", sku: "TEA-001" });
  });

  it("make a pressed language button the /language command, old pickers included", () => {
    expect(languagePayload("zh")).toBe("lang:zh");
    expect(parseLanguagePayload("lang:en")).toBe("en");
    expect(parseLanguagePayload("lang:fr")).toBeNull();
    expect(channelCommandOf({ payload: "lang:zh" })).toEqual({ name: "language", arg: "zh" });
    expect(channelCommandOf({ payload: browsePayload() })).toBeUndefined();
    expect(channelCommandOf({ command: { name: "cart" }, payload: "lang:zh" })).toEqual({ name: "cart" });
  });
});

describe("the customer catalog", () => {
  it("picks the English plural by the count, and Chinese's one form", () => {
    expect(messagesFor("en").addedWhatElse(1)).toMatch(/^Added: 1 item in this order/);
    expect(messagesFor("en").addedWhatElse(3)).toMatch(/^Added: 3 items in this order/);
    expect(messagesFor("zh").addedWhatElse(1)).toContain("共 1 种商品");
  });

  it("names every channel command in both languages", () => {
    for (const locale of ["en", "zh"] as const) {
      for (const name of ["start", "help", "catalog", "cart", "orders", "language"] as const) expect(messagesFor(locale).commandMenu(name)).not.toBe("");
    }
    expect(messagesFor("zh").intentLabel("place_order")).toBe("下单");
    expect(messagesFor("en").intentLabel("not_an_intent")).toBe("not_an_intent");
  });
});
