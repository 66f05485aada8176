/**
 * The owner's campaign commands: a draft answered with its preview exactly as customers get it (both
 * languages, the product's card and photo, the buttons written out, who it reaches and how long it
 * takes), sent only when confirmed, scheduled with at=, cancelled, listed; refusals in the owner's words.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../core/messages.ts";
import { textOf } from "../helpers/test-app.ts";
import { campaignIdIn, campaignMessagesTo, startCampaignHarness, telegramCustomer, withdrawEveryonesConsent, type CampaignHarness } from "./campaign-harness.ts";

let h: CampaignHarness;

beforeAll(async () => {
  h = await startCampaignHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await withdrawEveryonesConsent(h.app.db);
  h.clock.set("2026-11-20T10:00:00Z");
});

const buttonsOf = (replies: Reply[]) => replies.flatMap((r) => r.buttons?.flat() ?? []);

describe("campaign new and campaign <id>", () => {
  it("answers with the preview in both languages, the product card and photo, the buttons, the audience and the time it takes; nothing is sent", async () => {
    await telegramCustomer(h.app.db, { name: "Anna Smith" });
    await telegramCustomer(h.app.db, { name: "王小明", locale: "zh" });
    await telegramCustomer(h.app.db, { consent: false, name: "Not Asked" });
    await h.app.db.product.update({ where: { sku: "TEA-001" }, data: { imageUrl: "https://example.com/jasmine.jpg" } });
    const replies = await h.owner('campaign new name="Spring tea" audience=opted-in text="Hi {first_name}, {product} is in: {price}." text_zh="{first_name}，{product}到货了：{price}。" product=TEA-001');
    const text = textOf(replies);
    const id = campaignIdIn(replies);
    expect(text).toContain(`Campaign #${id} "Spring tea" — draft`);
    expect(text).toMatch(/Audience: opted-in — \d+ customers?, 2 opted in, 2 reachable on a chat now/);
    expect(text).toContain("Product: TEA-001");
    expect(text).toContain("Sending takes about 1 s at 25 messages a second, never in the quiet hours (20:00–09:00); at most 2 campaign messages per customer a week.");
    expect(text).toContain("As customers see it — English (shown for Anna Smith");
    expect(text).toMatch(/Hi Anna, Jasmine Silver Needle Tea is in: £\d+\.\d\d\./);
    expect(text).toContain("As customers see it — Chinese (shown for 王小明");
    expect(text).toContain("王小明，茉莉银针到货了");
    expect(text).toContain("[ Order ] [ Browse the catalog");
    expect(text).toContain("[ Stop these messages ]");
    expect(replies.filter((r) => r.imageUrl === "https://example.com/jasmine.jpg")).toHaveLength(2);
    expect(text).toContain("Nothing has been sent. Send it to 2 customers?");
    expect(buttonsOf(replies).map((b) => b.payload)).toEqual([`campaign ${id} send`, `campaign ${id} cancel`]);
    expect(h.fake.callsTo("sendMessage").length + h.fake.callsTo("sendPhoto").length).toBe(0);
    expect(textOf(await h.owner(`campaign ${id}`))).toBe(text);
  });

  it("sends when confirmed, shows progress and the summary, and lists it", async () => {
    const { chatId } = await telegramCustomer(h.app.db, { name: "Cleo" });
    const id = campaignIdIn(await h.owner('campaign new name="Candles" audience=opted-in text="New candles, {first_name}!"'));
    expect(textOf(await h.owner(`campaign ${id} send`))).toContain(`Campaign #${id} is sending to 1 customer (about 1 s).`);
    expect(textOf(await h.owner(`campaign ${id} send`))).toBe(`Campaign #${id} is sending: only a draft can be sent.`);
    await h.sendDue();
    expect(campaignMessagesTo(h, chatId).map((c) => c.plain)).toEqual(["New candles, Cleo!"]);
    const shown = textOf(await h.owner(`campaign ${id}`));
    expect(shown).toContain(`Campaign #${id} "Candles" — sent`);
    expect(shown).toContain("Sent 1 of 1 · failed 0 · skipped 0");
    expect(textOf(await h.owner("campaigns"))).toMatch(new RegExp(`#${id} Candles — sent, 1/1 sent`));
  });

  it("schedules a campaign with at= once confirmed, and starts it when the time comes", async () => {
    const { chatId } = await telegramCustomer(h.app.db, { name: "Dee" });
    const id = campaignIdIn(await h.owner('campaign new name="Tomorrow" audience=opted-in text="Good morning!" at="tomorrow 10:00"'));
    expect(textOf(await h.owner(`campaign ${id}`))).toContain("Starts at 2026-11-21 10:00 once you confirm.");
    expect(textOf(await h.owner(`campaign ${id} send`))).toBe(`Campaign #${id} will start at 2026-11-21 10:00. \`campaign ${id} cancel\` stops it before then.`);
    await h.sendDue();
    expect(campaignMessagesTo(h, chatId)).toHaveLength(0);
    h.clock.set("2026-11-21T10:00:00Z");
    await h.sendDue();
    expect(campaignMessagesTo(h, chatId).map((c) => c.plain)).toEqual(["Good morning!"]);
  });

  it("cancels: a sending campaign stops, what was not sent is skipped as cancelled", async () => {
    const a = await telegramCustomer(h.app.db, { name: "Eve" });
    const id = campaignIdIn(await h.owner('campaign new name="Oops" audience=opted-in text="Wrong price!"'));
    await h.owner(`campaign ${id} send`);
    expect(textOf(await h.owner(`campaign ${id} cancel`))).toBe(`Campaign #${id} cancelled. 1 message not sent.`);
    await h.sendDue();
    expect(campaignMessagesTo(h, a.chatId)).toHaveLength(0);
    expect(textOf(await h.owner(`campaign ${id}`))).toContain("Skipped: cancelled 1");
    expect(textOf(await h.owner(`campaign ${id} cancel`))).toBe(`Campaign #${id} is cancelled: it can no longer be cancelled.`);
  });

  it.each([
    ['campaign new name="X" audience=opted-in', 'A campaign needs a text: text="…" (English) and/or text_zh="…" (Chinese).'],
    ['campaign new name="X" audience=opted-in text="Hi {firstname} at {price}"', "Unknown placeholders {firstname}, {price}: use {first_name}, and {product} and {price} with product=SKU."],
    ['campaign new name="X" audience=lapsed text="Hi"', 'No saved audience "lapsed". Type audiences for the list, or give a definition such as no-order=60d.'],
    ['campaign new name="X" audience=opted-in text="Hi" product=NOPE-1', "No product with SKU NOPE-1."],
    ['campaign new name="X" audience=opted-in text="Hi" at=2020-01-01T10:00', "That time has passed: give a time in the future, or leave at= out to send when you confirm."],
    ['campaign new name="X" audience=opted-in text="Hi" at=soon', '"soon" is not a time: at=2026-12-24T10:00, at=10:00 or at="tomorrow 10:00" (shop time).'],
    ["campaign 999", "No campaign #999. Type campaigns to see them."],
    ['campaign new name="X" audience=opted-in text="Hi" code=NOPE99', "No promo code NOPE99. Type promos to see them."],
    ['campaign new text="Hi"', 'Usage: campaign new name="Spring tea" audience=opted-in text="Hi {first_name}, …" [text_zh="…"] [product=SKU] [at=2026-12-24T10:00] [holdout=10%] [budget=50] [goal=orders:20|revenue:500] [code=SPRING10]'],
  ])("refuses %s", async (line, answer) => {
    expect(textOf(await h.owner(line))).toBe(answer);
  });

  it("takes an audience definition and stores it as written back", async () => {
    await telegramCustomer(h.app.db, { name: "Fay", locale: "zh" });
    const replies = await h.owner('campaign new name="Chinese only" audience="opted-in and lang=zh" text_zh="您好"');
    expect(textOf(replies)).toMatch(/Audience: opted-in and lang=zh — 1 customer, 1 opted in, 1 reachable on a chat now/);
    expect(textOf(replies)).toContain("Send it to 1 customer?");
  });

  it("reads curly quotes as Slack sends them", async () => {
    await telegramCustomer(h.app.db, { name: "Gus" });
    expect(textOf(await h.owner("campaign new name=“Curly” audience=opted-in text=“Hello there”"))).toContain('"Curly" — draft');
  });
});
