/**
 * Campaigns end to end on the real database and the real Telegram adapter against the fake Bot API:
 * the owner writes and confirms a campaign, the sender empties the outbox, and what each customer
 * received is read from the fake server. Consent is read at the moment of sending; 429 and 403 are
 * honoured; quiet hours, the weekly cap and handoffs hold; a crash never sends anyone the same
 * campaign twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimNextDelivery } from "../../core/campaigns/claim-next-delivery.ts";
import { messageFor, sendClaimedDelivery } from "../../core/campaigns/deliver-campaign-message.ts";
import { textOf } from "../helpers/test-app.ts";
import { callbackUpdate } from "../fakes/telegram-bot-api.ts";
import { sendAndWait } from "../telegram/telegram-harness.ts";
import { campaignIdIn, campaignMessagesTo, deliveredTo, startCampaignHarness, telegramCustomer, withdrawEveryonesConsent, type CampaignHarness } from "./campaign-harness.ts";

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

/** A campaign written and confirmed by the owner; returns its id. */
async function confirmedCampaign(text = "Hi {first_name}, the spring teas are in!", extra = "") {
  const id = campaignIdIn(await h.owner(`campaign new name="Spring tea" audience=opted-in text="${text}" ${extra}`));
  const sent = textOf(await h.owner(`campaign ${id} send`));
  expect(sent).toMatch(new RegExp(`Campaign #${id} (is sending|will start)`));
  return id;
}

const rowsOf = (campaignId: number) => h.app.db.campaignDelivery.findMany({ where: { campaignId }, orderBy: { id: "asc" } });

describe("who receives a campaign", () => {
  it("sends only to customers whose consent is on, once each, by name", async () => {
    const anna = await telegramCustomer(h.app.db, { name: "Anna Smith" });
    const bo = await telegramCustomer(h.app.db, { name: "Bo" });
    const never = await telegramCustomer(h.app.db, { consent: false, name: "Never Asked" });
    const id = await confirmedCampaign();
    await h.sendDue();

    expect(deliveredTo(h, anna.chatId).map((c) => c.plain)).toEqual(["Hi Anna, the spring teas are in!"]);
    expect(deliveredTo(h, bo.chatId)).toHaveLength(1);
    expect(deliveredTo(h, never.chatId)).toHaveLength(0);
    expect((await rowsOf(id)).map((r) => r.customerId).sort()).toEqual([anna.customer.id, bo.customer.id].sort());
    expect(await h.app.db.campaign.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent" });
    // The owner hears the summary; the message is in the customer's conversation too.
    expect(h.app.feed.after(0).map((i) => i.text).join("\n")).toContain(`Campaign #${id} "Spring tea" sent: 2 sent, 0 failed, 0 skipped`);
    const logged = await h.app.db.message.findFirst({ where: { conversation: { customerId: anna.customer.id }, direction: "outbound" } });
    expect(logged?.text).toContain("Hi Anna");
  });

  it("skips a customer who withdrew consent after the campaign started and before their message", async () => {
    const stays = await telegramCustomer(h.app.db, { name: "Stays" });
    const leaves = await telegramCustomer(h.app.db, { name: "Leaves" });
    const id = await confirmedCampaign();
    // The outbox row exists: consent is withdrawn between expansion and sending.
    expect(await rowsOf(id)).toHaveLength(2);
    await h.app.db.customer.update({ where: { id: leaves.customer.id }, data: { marketingConsent: false } });
    await h.sendDue();

    expect(deliveredTo(h, stays.chatId)).toHaveLength(1);
    expect(deliveredTo(h, leaves.chatId)).toHaveLength(0);
    expect((await rowsOf(id)).find((r) => r.customerId === leaves.customer.id)).toMatchObject({ status: "skipped", reason: "no_consent" });
    expect(textOf(await h.owner(`campaign ${id}`))).toMatch(/Sent 1 of 2 · failed 0 · skipped 1\nSkipped: consent withdrawn 1/);
  });

  it("carries a Stop button that withdraws consent when pressed", async () => {
    const pressed = await telegramCustomer(h.app.db, { name: "Presser" });
    await confirmedCampaign();
    await h.sendDue();
    const [message] = deliveredTo(h, pressed.chatId);
    const markup = message!.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const stop = markup.inline_keyboard.flat().find((b) => b.text === "Stop these messages")!;
    await sendAndWait(h, pressed.chatId, callbackUpdate(pressed.chatId, stop.callback_data));
    expect(await h.app.db.customer.findUniqueOrThrow({ where: { id: pressed.customer.id } })).toMatchObject({ marketingConsent: false });
    // The next campaign does not reach them.
    expect(deliveredTo(h, pressed.chatId).at(-1)?.plain).toContain("you won't get any more offers");
    const other = await telegramCustomer(h.app.db, { name: "Other" });
    await confirmedCampaign("Second one");
    await h.sendDue();
    expect(campaignMessagesTo(h, pressed.chatId)).toHaveLength(1);
    expect(campaignMessagesTo(h, other.chatId)).toHaveLength(1);
  });
});

describe("Telegram's answers", () => {
  it("waits retry_after on a 429 without losing the row, then sends it once", async () => {
    const limited = await telegramCustomer(h.app.db, { name: "Limited" });
    const id = await confirmedCampaign();
    h.fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    const before = h.clock.now().getTime();
    await h.sendDue();

    const calls = h.fake.calls.filter((c) => Number(c.params.chat_id) === limited.chatId);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    const [row] = await rowsOf(id);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    // Sent no sooner than the seven seconds Telegram asked for.
    expect(row!.sentAt!.getTime() - before).toBeGreaterThanOrEqual(7_000);
  });

  it("marks a customer who blocked the bot (403) unreachable on Telegram, never retried, and skips them next time", async () => {
    const blocked = await telegramCustomer(h.app.db, { name: "Blocker" });
    const id = await confirmedCampaign();
    h.fake.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await h.sendDue();
    expect((await rowsOf(id))[0]).toMatchObject({ status: "failed", reason: "blocked", attempts: 1 });
    expect((await h.app.db.channelIdentity.findFirstOrThrow({ where: { customerId: blocked.customer.id } })).unreachableAt).not.toBeNull();

    // The next campaign has nobody left to send to, and the owner is told so before anything goes.
    const next = campaignIdIn(await h.owner('campaign new name="Again" audience=opted-in text="Again"'));
    expect(textOf(await h.owner(`campaign ${next} send`))).toContain("has nobody to send to");
    expect(h.fake.calls.filter((c) => Number(c.params.chat_id) === blocked.chatId)).toHaveLength(1);
  });

  it("tries a Telegram 5xx again, after a pause, and sends it once", async () => {
    const flaky = await telegramCustomer(h.app.db, { name: "Flaky" });
    const id = await confirmedCampaign();
    h.fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    await h.sendDue();
    expect((await rowsOf(id))[0]).toMatchObject({ status: "pending", reason: "telegram_502" });
    h.clock.advance(30_000);
    await h.sendDue();
    expect(h.fake.calls.filter((c) => Number(c.params.chat_id) === flaky.chatId).map((c) => c.status)).toEqual([502, 200]);
    expect((await rowsOf(id))[0]).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("when and how often", () => {
  it("sends nothing in the quiet hours and starts when they end (09:00 in TZ)", async () => {
    const night = await telegramCustomer(h.app.db, { name: "Night Owl" });
    h.clock.set("2026-11-20T21:30:00Z");
    const id = await confirmedCampaign();
    const quiet = h.sender();
    quiet.start();
    await quiet.idle();
    expect(deliveredTo(h, night.chatId)).toHaveLength(0);
    expect(textOf(await h.owner(`campaign ${id}`))).toContain("Quiet hours now: sending resumes at 2026-11-21 09:00.");
    // The sender waits out the night by itself (its waits move the clock here).
    quiet.wake();
    for (let i = 0; i < 500 && (await rowsOf(id))[0]?.status !== "sent"; i++) await new Promise((r) => setTimeout(r, 20));
    await quiet.stop();
    const [row] = await rowsOf(id);
    expect(row).toMatchObject({ status: "sent" });
    expect(row!.sentAt!.toISOString() >= "2026-11-21T09:00:00.000Z").toBe(true);
  });

  it("sends no customer more than MARKETING_MAX_PER_WEEK (2) campaign messages in 7 days", async () => {
    const keen = await telegramCustomer(h.app.db, { name: "Keen" });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await confirmedCampaign(`Offer ${i + 1}`));
      await h.sendDue();
      h.clock.advance(24 * 3_600_000);
    }
    expect(deliveredTo(h, keen.chatId).map((c) => c.plain)).toEqual(["Offer 1", "Offer 2"]);
    expect((await rowsOf(ids[2]!))[0]).toMatchObject({ status: "skipped", reason: "weekly_cap" });
    // A week after the first, there is room again.
    h.clock.set("2026-11-27T10:00:01Z");
    await confirmedCampaign("Offer 4");
    await h.sendDue();
    expect(deliveredTo(h, keen.chatId).map((c) => c.plain)).toEqual(["Offer 1", "Offer 2", "Offer 4"]);
  });

  it("keeps a customer whose conversation is with the owner waiting until it is handed back", async () => {
    const talking = await telegramCustomer(h.app.db, { name: "Talking" });
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { customerId: talking.customer.id } });
    await h.app.db.conversation.update({ where: { id: conversation.id }, data: { mode: "handoff", handoffRequestedAt: h.clock.now() } });
    const id = await confirmedCampaign();
    await h.sendDue();
    expect(campaignMessagesTo(h, talking.chatId)).toHaveLength(0);
    expect((await rowsOf(id))[0]).toMatchObject({ status: "pending", reason: "handoff" });
    expect(textOf(await h.owner(`campaign ${id}`))).toContain("Waiting: in a conversation with you 1");

    await h.owner(`resume ${conversation.id}`);
    h.clock.advance(10 * 60_000);
    await h.sendDue();
    expect(campaignMessagesTo(h, talking.chatId)).toHaveLength(1);
    expect(await h.app.db.campaign.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent" });
  });
});

describe("a crash never sends a campaign twice (the outbox errs toward at most once)", () => {
  it("between claim and send: the row is settled as interrupted after the lease, not sent again", async () => {
    const customer = await telegramCustomer(h.app.db, { name: "Claimed" });
    const id = await confirmedCampaign();
    // A sender claims the row and dies before sending.
    const claim = await claimNextDelivery({ db: h.app.db, clock: h.clock }, { worker: "dead-sender", rules: h.app.deliveryRules, chatDelay: () => 0 });
    expect(claim.kind).toBe("claimed");
    // Restarted: a new sender sends nothing while the claim may still be live…
    await h.sendDue();
    expect((await rowsOf(id))[0]).toMatchObject({ status: "claimed", claimedBy: "dead-sender" });
    // …and settles it once the lease has passed.
    h.clock.advance(61_000);
    await h.sendDue();
    expect((await rowsOf(id))[0]).toMatchObject({ status: "failed", reason: "interrupted" });
    expect(deliveredTo(h, customer.chatId)).toHaveLength(0);
    expect(textOf(await h.owner(`campaign ${id}`))).toContain("Failed: interrupted by a restart (not sent again) 1");
  });

  it("between send and mark: the customer has the message once, and it is never sent again", async () => {
    const customer = await telegramCustomer(h.app.db, { name: "Sent Unmarked" });
    const id = await confirmedCampaign();
    const claim = await claimNextDelivery({ db: h.app.db, clock: h.clock }, { worker: "dying-sender", rules: h.app.deliveryRules, chatDelay: () => 0 });
    if (claim.kind !== "claimed") throw new Error(`expected a claim, got ${claim.kind}`);
    const campaign = await h.app.db.campaign.findUniqueOrThrow({ where: { id }, include: { product: true } });
    // The message goes out, then the process dies before writing that it did.
    expect(await sendClaimedDelivery({ messenger: h.app.messenger, logger: h.logger }, claim.delivery, messageFor(campaign, claim.delivery))).toEqual({ kind: "sent" });
    h.clock.advance(61_000);
    await h.sendDue();
    expect(deliveredTo(h, customer.chatId)).toHaveLength(1);
    expect((await rowsOf(id))[0]).toMatchObject({ status: "failed", reason: "interrupted" });
    expect(await h.app.db.campaign.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent" });
  });
});
