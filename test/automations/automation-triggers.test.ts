/**
 * Each automation trigger on hand-made histories, end to end: the owner creates the automation by
 * command, customers' orders, deliveries and lead stages are written with the injected clock, the
 * campaign sender runs (its housekeeping evaluates the automations), and what each customer received
 * is read from the fake Bot API. Every trigger fires once per occasion, only for what happens after
 * the automation was created, only with consent, and never twice however often it is evaluated.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseAutomationTrigger, writeAutomationTrigger, type TAutomationTrigger } from "../../core/automations/automation-trigger.ts";
import { runAutomations } from "../../core/automations/run-automations.ts";
import { encodeCustomerPayload } from "../../core/conversation/payloads.ts";
import type { Db } from "../../core/db.ts";
import { textOf } from "../helpers/test-app.ts";
import { campaignMessagesTo, startCampaignHarness, telegramCustomer, withdrawEveryonesConsent, type CampaignHarness } from "../campaigns/campaign-harness.ts";

const DAY = 86_400_000;
let h: CampaignHarness;
let soapId: number;

beforeAll(async () => {
  h = await startCampaignHarness();
  // A consumable only this file's customers buy: no one else's rhythm mixes in.
  soapId = (await h.app.db.product.create({ data: { sku: "SOAP-T1", name: "Oat Soap", category: "Bath", priceMinor: 650, currency: "GBP", stock: 30, consumable: true, description: "Oat milk soap." } })).id;
}, 120_000);
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await withdrawEveryonesConsent(h.app.db);
  h.clock.set("2026-11-02T10:00:00Z");
});
afterEach(async () => {
  // Each test's automations end with it.
  await h.app.db.campaign.updateMany({ where: { status: { in: ["sending", "paused"] } }, data: { status: "cancelled" } });
});

const at = (iso: string) => new Date(iso);

/** A sold order of `sku` for the customer, placed at `placedAt`, with its status history; delivered at `deliveredAt` when given. */
async function order(db: Db, customerId: number, options: { placedAt: Date; sku?: string; deliveredAt?: Date; status?: "placed" | "paid" | "cancelled" }) {
  const product = await db.product.findUniqueOrThrow({ where: { sku: options.sku ?? "SOAP-T1" } });
  const status = options.deliveredAt ? "delivered" : (options.status ?? "paid");
  const history = [{ fromStatus: null, toStatus: "placed" as const, actor: "customer", at: options.placedAt }];
  if (options.deliveredAt) history.push({ fromStatus: "placed" as never, toStatus: "delivered" as never, actor: "owner", at: options.deliveredAt });
  return db.order.create({
    data: {
      customerId, status, channel: "telegram", totalMinor: product.priceMinor, currency: "GBP", placedAt: options.placedAt, createdAt: options.placedAt,
      lines: { create: { productId: product.id, quantity: 1, unitPriceMinor: product.priceMinor } },
      statusHistory: { create: history },
    },
  });
}

/** The automation's id from the owner's answer to `automation new`. */
async function automation(line: string): Promise<number> {
  const answer = textOf(await h.owner(line));
  const id = Number(/Automation #(\d+) is active/.exec(answer)?.[1]);
  expect(id, answer).toBeGreaterThan(0);
  return id;
}

/** Moves the clock to `iso` and lets the sender evaluate the automations and send what is due. */
async function runAt(iso: string) {
  h.clock.set(iso);
  await h.sendDue();
}

const textsTo = (chatId: number) => campaignMessagesTo(h, chatId).map((c) => String(c.params.text ?? c.params.caption ?? ""));

describe("when= reads the triggers, in English and Chinese", () => {
  it.each<[string, TAutomationTrigger]>([
    ["delivered+7d", { kind: "afterDelivered", days: 7 }],
    ["7 days after delivery", { kind: "afterDelivered", days: 7 }],
    ["送达后7天", { kind: "afterDelivered", days: 7 }],
    ["reorder", { kind: "reorder" }],
    ["复购提醒", { kind: "reorder" }],
    ["no-order=60d", { kind: "noOrder", days: 60 }],
    ["winback=8w", { kind: "noOrder", days: 56 }],
    ["60天未下单", { kind: "noOrder", days: 60 }],
    ["first-order", { kind: "firstOrder" }],
    ["首单", { kind: "firstOrder" }],
    ["stage=cart", { kind: "stage", stage: "cart" }],
    ["stage>=ordered", { kind: "stage", stage: "ordered" }],
    ["hot>0.6", { kind: "hot", probability: 0.6, inclusive: false }],
    ["hot>=60%", { kind: "hot", probability: 0.6, inclusive: true }],
  ])("%s", (text, trigger) => {
    expect(parseAutomationTrigger(text)).toEqual(trigger);
    expect(parseAutomationTrigger(writeAutomationTrigger(trigger))).toEqual(trigger);
  });
  it.each(["soon", "delivered+0d", "no-order=9999d", "stage=famous", "hot>150%", "hot>0", ""])("refuses %j", (text) => {
    expect(parseAutomationTrigger(text)).toBeNull();
  });
});

describe("N days after an order is delivered", () => {
  it("asks once, on the Nth calendar day in the shop's zone, and not for deliveries before the automation existed", async () => {
    const anna = await telegramCustomer(h.app.db, { name: "Anna Smith" });
    const old = await telegramCustomer(h.app.db, { name: "Olde Customer" });
    const quiet = await telegramCustomer(h.app.db, { name: "No Consent", consent: false });
    await order(h.app.db, old.customer.id, { placedAt: at("2026-10-20T10:00:00Z"), deliveredAt: at("2026-10-26T15:00:00Z") });
    const id = await automation('automation new holdout=0 name="How is it?" when=delivered+7d text="Hi {first_name}, how are you finding it?"');
    await order(h.app.db, anna.customer.id, { placedAt: at("2026-11-01T10:00:00Z"), deliveredAt: at("2026-11-03T15:00:00Z") });
    await order(h.app.db, quiet.customer.id, { placedAt: at("2026-11-01T10:00:00Z"), deliveredAt: at("2026-11-03T15:00:00Z") });

    await runAt("2026-11-09T18:00:00Z");
    expect(textsTo(anna.chatId)).toEqual([]);
    await runAt("2026-11-10T09:30:00Z");
    expect(textsTo(anna.chatId)).toEqual(["Hi Anna, how are you finding it?"]);
    await runAt("2026-11-10T15:00:00Z");
    await runAt("2026-11-11T10:00:00Z");
    expect(textsTo(anna.chatId)).toHaveLength(1);
    expect(textsTo(old.chatId)).toEqual([]);
    expect(textsTo(quiet.chatId)).toEqual([]);
    const rows = await h.app.db.campaignDelivery.findMany({ where: { campaignId: id } });
    expect(rows.map((r) => [r.customerId, r.status])).toEqual([[anna.customer.id, "sent"]]);
    expect(rows[0]!.occasion).toMatch(/^order:\d+$/);
  });
});

describe("a consumable's re-order time, from the customer's own rhythm", () => {
  it("reminds a customer who buys every 20 days on the 20th day, about that product, and not a one-time buyer", async () => {
    const regular = await telegramCustomer(h.app.db, { name: "Rita Regular" });
    const once = await telegramCustomer(h.app.db, { name: "Otto Once" });
    await order(h.app.db, regular.customer.id, { placedAt: at("2026-09-24T10:00:00Z") });
    await order(h.app.db, regular.customer.id, { placedAt: at("2026-10-14T10:00:00Z") });
    await order(h.app.db, once.customer.id, { placedAt: at("2026-10-14T10:00:00Z") });
    await automation('automation new holdout=0 name="Time for more" when=reorder text="Hi {first_name}, running low on {product}? Still {price}."');

    // 14 October + 20 days = 3 November.
    await runAt("2026-11-02T19:00:00Z");
    expect(textsTo(regular.chatId)).toEqual([]);
    await runAt("2026-11-03T11:00:00Z");
    const texts = textsTo(regular.chatId);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain("Hi Rita, running low on Oat Soap? Still £6.50.");
    // The product's card and its Order button come with it.
    const markup = JSON.stringify(campaignMessagesTo(h, regular.chatId)[0]!.params.reply_markup);
    // (tagged with the automation, so that pressing it is a touch: `t<id>|o:<product>`).
    expect(markup).toMatch(new RegExp(`"callback_data":"t\\d+\\|${encodeCustomerPayload({ action: "order", productId: soapId })}"`));
    expect(textsTo(once.chatId)).toEqual([]);
    await runAt("2026-11-04T11:00:00Z");
    expect(textsTo(regular.chatId)).toHaveLength(1);
  });
});

describe("no order in N days (win-back)", () => {
  it("writes on the day the customer's last order is N days old, once, and not to one who ordered since", async () => {
    const lapsed = await telegramCustomer(h.app.db, { name: "Lara Lapsed" });
    const back = await telegramCustomer(h.app.db, { name: "Ben Back" });
    await order(h.app.db, lapsed.customer.id, { placedAt: at("2026-09-04T12:00:00Z") });
    await order(h.app.db, back.customer.id, { placedAt: at("2026-09-04T12:00:00Z") });
    await order(h.app.db, back.customer.id, { placedAt: at("2026-10-20T12:00:00Z") });
    await automation('automation new holdout=0 name="We miss you" when=no-order=60d text="Hi {first_name}, it has been a while!"');
    // 4 September + 60 days = 3 November.
    await runAt("2026-11-02T19:00:00Z");
    expect(textsTo(lapsed.chatId)).toEqual([]);
    await runAt("2026-11-03T10:00:00Z");
    expect(textsTo(lapsed.chatId)).toEqual(["Hi Lara, it has been a while!"]);
    await runAt("2026-11-05T10:00:00Z");
    expect(textsTo(lapsed.chatId)).toHaveLength(1);
    expect(textsTo(back.chatId)).toEqual([]);
  });
});

describe("first order (welcome)", () => {
  it("welcomes a customer after their first order, not one who had ordered before", async () => {
    const fresh = await telegramCustomer(h.app.db, { name: "Fay First", locale: "zh" });
    const known = await telegramCustomer(h.app.db, { name: "Ken Known" });
    await order(h.app.db, known.customer.id, { placedAt: at("2026-08-01T10:00:00Z") });
    await automation('automation new holdout=0 name=Welcome when=first-order text="Welcome, {first_name}!" text_zh="欢迎，{first_name}！"');
    h.clock.set("2026-11-02T12:00:00Z");
    await order(h.app.db, fresh.customer.id, { placedAt: at("2026-11-02T11:00:00Z") });
    await order(h.app.db, known.customer.id, { placedAt: at("2026-11-02T11:00:00Z") });
    await runAt("2026-11-02T12:05:00Z");
    expect(textsTo(fresh.chatId)).toEqual(["欢迎，Fay！"]);
    expect(textsTo(known.chatId)).toEqual([]);
    // A second order is no first order.
    await order(h.app.db, fresh.customer.id, { placedAt: at("2026-11-03T11:00:00Z") });
    await runAt("2026-11-10T12:00:00Z");
    expect(textsTo(fresh.chatId)).toHaveLength(1);
  });
});

describe("a lead reaching a stage", () => {
  it("fires when the lead reaches the stage or skips past it, once, and not for a lead that was there before", async () => {
    const [carting, skipping, before] = await Promise.all([telegramCustomer(h.app.db, { name: "Cara" }), telegramCustomer(h.app.db, { name: "Sam" }), telegramCustomer(h.app.db, { name: "Bea" })]);
    const lead = (customerId: number) => h.app.db.lead.create({ data: { customerId, stage: "engaged", source: "telegram" } });
    const [l1, l2, l3] = await Promise.all([lead(carting.customer.id), lead(skipping.customer.id), lead(before.customer.id)]);
    await h.app.db.leadStageChange.create({ data: { leadId: l3.id, fromStage: "engaged", toStage: "cart", source: "chat", at: at("2026-11-01T10:00:00Z") } });
    await automation('automation new holdout=0 name="Still thinking?" when=stage=cart text="{first_name}, your basket is waiting."');
    await h.app.db.leadStageChange.createMany({
      data: [
        { leadId: l1.id, fromStage: "engaged", toStage: "cart", source: "chat", at: at("2026-11-02T10:30:00Z") },
        { leadId: l2.id, fromStage: "engaged", toStage: "ordered", source: "chat", at: at("2026-11-02T10:40:00Z") },
        { leadId: l1.id, fromStage: "cart", toStage: "ordered", source: "chat", at: at("2026-11-02T10:50:00Z") },
      ],
    });
    await runAt("2026-11-02T11:00:00Z");
    await runAt("2026-11-02T12:00:00Z");
    expect(textsTo(carting.chatId)).toEqual(["Cara, your basket is waiting."]);
    expect(textsTo(skipping.chatId)).toEqual(["Sam, your basket is waiting."]);
    expect(textsTo(before.chatId)).toEqual([]);
  });
});

describe("a chance to order above a threshold", () => {
  it("fires for customers the lead scorer puts above it, at most once in 30 days", async () => {
    const keen = await telegramCustomer(h.app.db, { name: "Keen" });
    const idle = await telegramCustomer(h.app.db, { name: "Idle" });
    // A repeat buyer who was browsing and adding to the cart this week: the scorer's list has them.
    for (const days of [70, 45, 20]) await order(h.app.db, keen.customer.id, { placedAt: new Date(at("2026-11-02T10:00:00Z").getTime() - days * DAY), sku: "TEA-001" });
    for (const [type, days] of [["product_viewed", 3], ["added_to_cart", 2], ["product_viewed", 1]] as const) {
      await h.app.db.event.create({ data: { customerId: keen.customer.id, type, at: new Date(at("2026-11-02T09:00:00Z").getTime() - days * DAY) } });
    }
    await automation('automation new holdout=0 name="Nudge" when=hot>=1% text="{first_name}, something for you."');
    await runAt("2026-11-02T11:00:00Z");
    expect(textsTo(keen.chatId)).toEqual(["Keen, something for you."]);
    expect(textsTo(idle.chatId)).toEqual([]);
    await runAt("2026-11-20T11:00:00Z");
    expect(textsTo(keen.chatId)).toHaveLength(1);
  });
});

describe("what every automation shares", () => {
  it("keeps to its audience, stops while paused, and resumed does not catch up on the pause", async () => {
    const en = await telegramCustomer(h.app.db, { name: "Eve" });
    const zh = await telegramCustomer(h.app.db, { name: "Zhou", locale: "zh" });
    const id = await automation('automation new holdout=0 name=Welcome when=first-order audience=lang=zh text="Welcome!" text_zh="欢迎！"');
    await order(h.app.db, en.customer.id, { placedAt: at("2026-11-02T10:10:00Z") });
    await order(h.app.db, zh.customer.id, { placedAt: at("2026-11-02T10:10:00Z") });
    await runAt("2026-11-02T10:20:00Z");
    expect(textsTo(zh.chatId)).toEqual(["欢迎！"]);
    expect(textsTo(en.chatId)).toEqual([]);

    expect(textOf(await h.owner(`automation ${id} pause`))).toContain(`Automation #${id} paused.`);
    const later = await telegramCustomer(h.app.db, { name: "Li", locale: "zh" });
    await order(h.app.db, later.customer.id, { placedAt: at("2026-11-02T11:00:00Z") });
    await runAt("2026-11-02T11:30:00Z");
    expect(textsTo(later.chatId)).toEqual([]);
    expect(textOf(await h.owner(`automation ${id} resume`))).toContain("resumed");
    await runAt("2026-11-02T12:00:00Z");
    expect(textsTo(later.chatId)).toEqual([]);
    const next = await telegramCustomer(h.app.db, { name: "Wu", locale: "zh" });
    await order(h.app.db, next.customer.id, { placedAt: at("2026-11-02T12:10:00Z") });
    await runAt("2026-11-02T12:30:00Z");
    expect(textsTo(next.chatId)).toEqual(["欢迎！"]);
  });

  it("waits for the end of the quiet hours and counts towards the weekly limit shared with campaigns", async () => {
    const busy = await telegramCustomer(h.app.db, { name: "Busy" });
    await automation('automation new holdout=0 name=Welcome when=first-order text="Welcome!"');
    // Two campaign messages this week already.
    for (const day of [1, 2]) {
      const campaign = await h.app.db.campaign.create({ data: { name: `Earlier ${day}`, audience: "opted-in", textEn: "x", status: "sent", createdBy: "owner" } });
      await h.app.db.campaignDelivery.create({ data: { campaignId: campaign.id, customerId: busy.customer.id, channel: "telegram", externalId: String(busy.chatId), status: "sent", sentAt: at(`2026-11-0${day}T10:00:00Z`), occasion: "" } });
    }
    const night = await telegramCustomer(h.app.db, { name: "Night Owl" });
    h.clock.set("2026-11-02T21:00:00Z");
    await order(h.app.db, night.customer.id, { placedAt: at("2026-11-02T20:30:00Z") });
    await order(h.app.db, busy.customer.id, { placedAt: at("2026-11-02T20:30:00Z") });
    await h.sendDue();
    expect(textsTo(night.chatId)).toEqual([]);
    // Written at once, sent when the quiet hours end.
    expect(await h.app.db.campaignDelivery.count({ where: { customerId: night.customer.id, status: "pending" } })).toBe(1);
    await runAt("2026-11-03T09:01:00Z");
    expect(textsTo(night.chatId)).toEqual(["Welcome!"]);
    expect(textsTo(busy.chatId)).toEqual([]);
    const skipped = await h.app.db.campaignDelivery.findFirst({ where: { customerId: busy.customer.id, occasion: "first" } });
    expect(skipped).toMatchObject({ status: "skipped", reason: "weekly_cap" });
  });

  it("writes each occasion once when two evaluations run at the same moment", async () => {
    const twice = await telegramCustomer(h.app.db, { name: "Twice" });
    const id = await automation('automation new holdout=0 name=Welcome when=first-order text="Welcome!"');
    await order(h.app.db, twice.customer.id, { placedAt: at("2026-11-02T10:10:00Z") });
    h.clock.set("2026-11-02T10:20:00Z");
    const deps = { db: h.app.db, clock: h.clock, currency: h.app.currency, logger: h.logger, timeZone: "Europe/London" };
    const runs = await Promise.all([runAutomations(deps), runAutomations(deps), runAutomations(deps)]);
    expect(runs.flat().filter((r) => r.automationId === id).reduce((sum, r) => sum + r.written, 0)).toBe(1);
    expect(await h.app.db.campaignDelivery.count({ where: { campaignId: id } })).toBe(1);
  });
});
