/**
 * Did it work? End to end on the real database and the fake Bot API: the hold-out is drawn with the
 * stored seed and never receives anything; a campaign's link, its buttons and its delivery are
 * touches, and an order is credited to the last one within ATTRIBUTION_DAYS (edges on the injected
 * clock); `campaign <id>` reports the uplift against the hold-out on a hand-checkable table, in
 * English and Chinese.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tagPayload } from "../../core/attribution/campaign-tag.ts";
import { drawHoldout } from "../../core/campaigns/draw-holdout.ts";
import { buildDigest } from "../../core/digest/build-digest.ts";
import { renderDigest } from "../../core/digest/render-digest.ts";
import { measureCampaign } from "../../core/campaigns/measure-campaign.ts";
import type { Db } from "../../core/db.ts";
import { ownerMessagesFor } from "../../core/i18n/owner.ts";
import { describeCampaignEffect } from "../../core/owner/describe-campaign-effect.ts";
import { callbackUpdate, textMessageUpdate } from "../fakes/telegram-bot-api.ts";
import { textOf } from "../helpers/test-app.ts";
import { seenBy } from "../telegram/telegram-harness.ts";
import { campaignIdIn, campaignMessagesTo, startCampaignHarness, telegramCustomer, withdrawEveryonesConsent, type CampaignHarness } from "./campaign-harness.ts";

const DAY = 86_400_000;
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

async function startedCampaign(extra: string): Promise<number> {
  const id = campaignIdIn(await h.owner(`campaign new name="Winter tea" audience=opted-in text="Hi {first_name}, the winter teas are in." ${extra}`));
  expect(textOf(await h.owner(`campaign ${id} send`))).toMatch(/is sending/);
  return id;
}

/** A sold order placed at `placedAt` for `totalMinor`. */
async function order(db: Db, customerId: number, placedAt: Date, totalMinor: number) {
  const product = await db.product.findUniqueOrThrow({ where: { sku: "TEA-003" } });
  return db.order.create({
    data: { customerId, status: "paid", channel: "telegram", totalMinor, currency: "GBP", placedAt, createdAt: placedAt, lines: { create: { productId: product.id, quantity: 1, unitPriceMinor: totalMinor } } },
  });
}

/** Pushes an update and waits for the shop's answer in that chat. */
async function push(chatId: number, update: Record<string, unknown>) {
  const before = seenBy(h, chatId).length;
  h.fake.pushUpdate(update);
  await expect.poll(() => seenBy(h, chatId).length, { timeout: 10_000 }).toBeGreaterThan(before);
  await h.adapter.idle();
}

describe("the hold-out", () => {
  it("is drawn with the stored seed, never receives the campaign, and is the same on a re-draw", async () => {
    const customers = [];
    for (let i = 0; i < 20; i++) customers.push(await telegramCustomer(h.app.db, { name: `Holdout ${i}` }));
    const id = await startedCampaign("holdout=25%");
    await h.sendDue();
    const campaign = await h.app.db.campaign.findUniqueOrThrow({ where: { id } });
    const rows = await h.app.db.campaignDelivery.findMany({ where: { campaignId: id } });
    const held = rows.filter((r) => r.status === "held_out").map((r) => r.customerId).sort((a, b) => a - b);
    expect(held).toHaveLength(5);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(15);
    // Reproducible from the seed, whatever order the audience comes in.
    expect([...drawHoldout(customers.map((c) => c.customer.id).reverse(), 0.25, campaign.holdoutSeed!)]).toEqual(held);
    for (const c of customers) expect(campaignMessagesTo(h, c.chatId)).toHaveLength(held.includes(c.customer.id) ? 0 : 1);
    expect(textOf(await h.owner(`campaign ${id}`))).toContain("Held out: 5 customers (25%), never sent.");
  });

  it("warns that holdout=0 cannot measure an uplift", async () => {
    await telegramCustomer(h.app.db, { name: "Zero" });
    const preview = textOf(await h.owner('campaign new name=None audience=opted-in text="Hi" holdout=0'));
    expect(preview).toContain("Hold-out: none (holdout=0). Warning: without one the uplift cannot be measured");
    expect(textOf(await h.owner('campaign new name=Bad audience=opted-in text="Hi" holdout=80%'))).toContain('"80%" is not a hold-out');
  });
});

describe("attribution", () => {
  it("makes a campaign's link a new customer's lead source, and credits their order to it within the window", async () => {
    await telegramCustomer(h.app.db, { name: "Someone" });
    const id = await startedCampaign("holdout=0 product=TEA-001");
    const chatId = 4_900_001;
    await push(chatId, textMessageUpdate(chatId, `/start c${id}_TEA-001`));
    expect(seenBy(h, chatId).join("\n")).toContain("Jasmine Silver Needle");
    const customer = await h.app.db.customer.findFirstOrThrow({ where: { identities: { some: { externalId: String(chatId) } } }, include: { lead: true, touches: true } });
    expect(customer.touches.map((t) => [t.kind, t.campaignId])).toEqual([["link", id]]);
    expect(customer.lead?.source).toBe(`campaign:${id}`);

    // Seven days later to the minute the order is still the campaign's; a minute more and it is direct.
    const credited = await order(h.app.db, customer.id, new Date(h.clock.now().getTime() + 7 * DAY), 950);
    const direct = await order(h.app.db, customer.id, new Date(h.clock.now().getTime() + 7 * DAY + 60_000 + 1), 950);
    expect(textOf(await h.owner(`order ${credited.id}`))).toContain(`Source: campaign #${id} "Winter tea" (link opened`);
    expect(textOf(await h.owner(`order ${direct.id}`))).toContain("Source: direct (no campaign, link or code in the 7 days before)");
    expect(textOf(await h.owner(`lead ${customer.lead!.id}`))).toContain(`#${credited.id} paid £9.50 (campaign #${id})`);
  });

  it("records a delivered message and a pressed button as touches, and a forged tag as nothing", async () => {
    const anna = await telegramCustomer(h.app.db, { name: "Anna" });
    const id = await startedCampaign("holdout=0 product=TEA-001");
    await h.sendDue();
    const message = campaignMessagesTo(h, anna.chatId)[0]!;
    const order = JSON.parse(JSON.stringify(message.params.reply_markup)).inline_keyboard.flat().find((b: { callback_data: string }) => b.callback_data.startsWith(`t${id}|o:`));
    expect(order, "the Order button carries the campaign's tag").toBeDefined();
    await push(anna.chatId, callbackUpdate(anna.chatId, order.callback_data));
    // A tag naming no campaign is ignored; the button still works.
    await push(anna.chatId, callbackUpdate(anna.chatId, tagPayload(999_999, "b")));
    const touches = await h.app.db.touch.findMany({ where: { customerId: anna.customer.id }, orderBy: { id: "asc" } });
    expect(touches.map((t) => [t.kind, t.campaignId])).toEqual([["delivered", id], ["pressed", id]]);
  });
});

describe("the report", () => {
  it("reports the uplift against the hold-out on a hand-checkable table", async () => {
    const people = [];
    for (let i = 0; i < 20; i++) people.push(await telegramCustomer(h.app.db, { name: `Table ${i}` }));
    const id = await startedCampaign("holdout=50% budget=20 goal=orders:5");
    await h.sendDue();
    const rows = await h.app.db.campaignDelivery.findMany({ where: { campaignId: id } });
    const treated = rows.filter((r) => r.status !== "held_out").map((r) => r.customerId);
    const held = rows.filter((r) => r.status === "held_out").map((r) => r.customerId);
    expect([treated.length, held.length]).toEqual([10, 10]);
    // 4 of 10 recipients order £10.00 within the week, 1 of 10 held out does; one recipient orders after the window.
    const inWeek = new Date(h.clock.now().getTime() + 2 * DAY);
    for (const customerId of treated.slice(0, 4)) await order(h.app.db, customerId, inWeek, 1000);
    await order(h.app.db, held[0]!, inWeek, 1000);
    await order(h.app.db, treated[5]!, new Date(h.clock.now().getTime() + 8 * DAY), 1000);
    h.clock.set(new Date(h.clock.now().getTime() + 10 * DAY));

    const report = textOf(await h.owner(`campaign ${id}`));
    expect(report).toContain("Effect over the 7 days after it started:");
    expect(report).toContain("Picked to receive it: 10 people, 4 ordered (40.0%), revenue £40.00, £4.00 a person");
    expect(report).toContain("Hold-out (not sent): 10 people, 1 ordered (10.0%), revenue £10.00, £1.00 a person");
    // 40 % − 10 % = 30 points; 0.3 × 10 recipients = 3 more customers ordering; £3.00 a person × 10 = £30.00.
    expect(report).toMatch(/Uplift \(what it caused\): \+30\.0 points of conversion, 95% interval -?\d+\.\d … \+\d+\.\d/);
    expect(report).toContain("Incremental: 3.0 more customers ordering");
    expect(report).toContain("£30.00 more revenue");
    expect(report).toContain("Cost: £20.00 (budget £20.00 + discounts given £0.00)");
    expect(report).toContain("Return on spend (incremental revenue ÷ cost): 1.50");
    expect(report).toContain("Goal reached: 80.0% (everything recipients did)");
    expect(report).toContain("Effectiveness index (objective achieved ÷ budget, goal 5 customers ordering): 0.20 orders per unit of budget counting everything recipients did; 0.15");
    expect(textOf(await h.owner("campaigns"))).toMatch(new RegExp(`#${id} Winter tea: sent 10 · opted out 0 · pressed 0 · ordered 4 · revenue £40\\.00 · uplift \\+30\\.0 \\(`));

    // The digest of the morning after the window closed (started 20 Nov 10:00, window ends 27 Nov 10:00) says it, once.
    const digestOf = async (asOf: string) => renderDigest(await buildDigest(h.app.db, { asOf: new Date(asOf), currency: "GBP", timeZone: "Europe/London" }), "en").sections.map((s) => s.text).join("\n");
    expect(await digestOf("2026-11-28T07:00:00Z")).toMatch(new RegExp(`#${id} Winter tea: sent 10, 4 ordered, £40\\.00; uplift \\+30\\.0 points \\(95%: `));
    expect(await digestOf("2026-11-29T07:00:00Z")).not.toContain(`#${id} Winter tea`);

    // The same report in Chinese.
    const campaign = await h.app.db.campaign.findUniqueOrThrow({ where: { id } });
    const measure = await measureCampaign({ db: h.app.db, clock: h.clock, currency: "GBP", attributionDays: 7 }, campaign);
    const zh = describeCampaignEffect(ownerMessagesFor("zh"), measure!, "GBP").join("\n");
    expect(zh).toContain("收件组：10 人，4 人下单（40.0%），收入 £40.00，人均 £4.00");
    expect(zh).toContain("提升（活动带来的）：转化率 +30.0 个百分点");
  });
});

describe("a code as a touch", () => {
  it("credits an order made with a campaign's code to that campaign, and a code of no campaign to the code", async () => {
    await h.owner("promo add WINTER10 percent=10");
    await h.owner("promo add WALKIN5 amount=1");
    const anna = await telegramCustomer(h.app.db, { name: "Anna Code" });
    const id = await startedCampaign("holdout=0 code=WINTER10");
    await h.sendDue();
    expect(campaignMessagesTo(h, anna.chatId)).toHaveLength(1);
    // Later the same day Anna orders with the code, typed.
    h.clock.set("2026-11-20T15:00:00Z");
    await push(anna.chatId, textMessageUpdate(anna.chatId, "I'd like 1 Earl Grey Blue Flower"));
    await push(anna.chatId, textMessageUpdate(anna.chatId, "do you take winter10?"));
    const confirm = JSON.parse(JSON.stringify(h.fake.calls.filter((c) => Number(c.params.chat_id) === anna.chatId).at(-1)!.params.reply_markup ?? {})).inline_keyboard?.flat().find((b: { callback_data: string }) => b.callback_data.startsWith("ok:"));
    expect(confirm, seenBy(h, anna.chatId).at(-1)).toBeDefined();
    await push(anna.chatId, callbackUpdate(anna.chatId, confirm.callback_data));
    const placed = await h.app.db.order.findFirstOrThrow({ where: { customerId: anna.customer.id }, orderBy: { id: "desc" } });
    expect(placed.discountMinor).toBeGreaterThan(0);
    const touches = await h.app.db.touch.findMany({ where: { customerId: anna.customer.id }, orderBy: { id: "asc" } });
    expect(touches.at(-1)).toMatchObject({ kind: "code", campaignId: id, code: "WINTER10" });
    expect(textOf(await h.owner(`order ${placed.id}`))).toContain(`Source: campaign #${id} "Winter tea" (code WINTER10 used`);

    // A new customer who heard of a code elsewhere: the code is their source.
    const walkIn = 4_900_077;
    await push(walkIn, textMessageUpdate(walkIn, "I'd like 1 Earl Grey Blue Flower"));
    await push(walkIn, textMessageUpdate(walkIn, "my code is WALKIN5"));
    const ok = JSON.parse(JSON.stringify(h.fake.calls.filter((c) => Number(c.params.chat_id) === walkIn).at(-1)!.params.reply_markup ?? {})).inline_keyboard?.flat().find((b: { callback_data: string }) => b.callback_data.startsWith("ok:"));
    expect(ok, seenBy(h, walkIn).at(-1)).toBeDefined();
    await push(walkIn, callbackUpdate(walkIn, ok.callback_data));
    const newcomer = await h.app.db.customer.findFirstOrThrow({ where: { identities: { some: { externalId: String(walkIn) } } }, include: { lead: true, touches: true } });
    expect(newcomer.touches.map((t) => [t.kind, t.campaignId, t.code])).toEqual([["code", null, "WALKIN5"]]);
    expect(newcomer.lead?.source).toBe("code:WALKIN5");
  });
});
