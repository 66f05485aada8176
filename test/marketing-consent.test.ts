/**
 * Marketing consent as customers live it (UK PECR / GDPR: no marketing without it): asked once, after
 * the first order or contact details, with two buttons; withdrawn at once by "退订", "unsubscribe" or
 * Stop under a marketing message, given again by "subscribe"; every statement kept with its time and
 * source. Conversations against the real database through the console channel and the real Telegram
 * adapter (a local Bot API server).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARKETING_CONSENT_WHERE, hasMarketingConsent } from "../core/crm/has-marketing-consent.ts";
import { consentAnswerPayload, encodeCustomerPayload, parseCustomerPayload, stopMarketingPayload } from "../core/conversation/payloads.ts";
import { messagesFor } from "../core/i18n.ts";
import type { Reply } from "../core/messages.ts";
import { callbackUpdate, textMessageUpdate } from "./fakes/telegram-bot-api.ts";
import { SHARED_MODEL_CACHE } from "./fakes/shared-model-cache.ts";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";
import { sendAndWait, seenBy, startTelegramHarness, type TelegramHarness } from "./telegram/telegram-harness.ts";

const en = messagesFor("en").consent;
const zh = messagesFor("zh").consent;
const MINUTE = 60_000;

describe("the consent buttons' payloads", () => {
  it("read back as the action they were built for", () => {
    expect(parseCustomerPayload(stopMarketingPayload())).toEqual({ action: "stopMarketing" });
    expect(parseCustomerPayload(consentAnswerPayload(true))).toEqual({ action: "consentAnswer", given: true });
    expect(parseCustomerPayload(consentAnswerPayload(false))).toEqual({ action: "consentAnswer", given: false });
    expect(encodeCustomerPayload({ action: "stopMarketing" })).toBe(stopMarketingPayload());
  });

  it.each([["mc:"], ["mc:yes"], ["mc:y:1"], ["ms:1"], ["mc"]])("are refused when malformed: %j", (payload) => {
    expect(parseCustomerPayload(payload)).toBeNull();
  });
});

describe("marketing consent in the chat", () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const customerOf = async (session: string) => {
    const identity = await ctx.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: session } } });
    return ctx.app.db.customer.findUniqueOrThrow({ where: { id: identity.customerId } });
  };
  const historyOf = async (customerId: number) =>
    (await ctx.app.db.consentChange.findMany({ where: { customerId }, orderBy: { id: "asc" } })).map(({ given, source, at, actor }) => ({ given, source, at: at.toISOString(), actor }));
  const buttonsOf = (replies: Reply[]) => replies.flatMap((r) => r.buttons?.flat() ?? []);
  /** Orders one jasmine tea and confirms it; the replies to the confirmation. */
  async function orderTea(customer: ReturnType<typeof createCustomer>, locale: "en" | "zh" = "en") {
    await customer.say(locale === "zh" ? "我要一个茉莉花茶" : "I'd like 1 jasmine tea");
    const placed = await customer.say(locale === "zh" ? "确认" : "yes");
    expect(textOf(placed)).toMatch(/(?:Order|订单) #\d+/);
    return placed;
  }

  it("asks after the first order, once; yes, 退订, subscribe and Stop each change it at once, and each is on record", async () => {
    const customer = createCustomer(ctx.app, "consent-story");
    const placedAt = ctx.clock.now().toISOString();
    const placed = await orderTea(customer);
    // The question, with its two buttons, after the order's own reply.
    expect(placed.at(-1)).toEqual({ text: en.question(), buttons: [[{ label: en.yesButton(), payload: consentAnswerPayload(true) }, { label: en.noButton(), payload: consentAnswerPayload(false) }]] });
    let record = await customerOf("consent-story");
    expect({ asked: record.consentAskedAt?.toISOString(), consent: record.marketingConsent, at: record.consentAt }).toEqual({ asked: placedAt, consent: false, at: null });
    expect(await historyOf(record.id)).toEqual([]);

    ctx.clock.advance(MINUTE);
    const yes = await customer.pressLabel(en.yesButton());
    expect(textOf(yes)).toBe(en.given());
    record = await customerOf("consent-story");
    expect(record.marketingConsent).toBe(true);
    expect(record.consentAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    expect(await hasMarketingConsent(ctx.app.db, record.id)).toBe(true);
    const yesAt = ctx.clock.now().toISOString();

    ctx.clock.advance(MINUTE);
    const unsubscribed = await customer.say("退订");
    expect(textOf(unsubscribed)).toBe(zh.withdrawn());
    expect(await hasMarketingConsent(ctx.app.db, record.id)).toBe(false);
    const wordsOffAt = ctx.clock.now().toISOString();

    ctx.clock.advance(MINUTE);
    const subscribed = await customer.say("subscribe");
    expect(textOf(subscribed)).toBe(en.given());
    expect(await hasMarketingConsent(ctx.app.db, record.id)).toBe(true);
    const wordsOnAt = ctx.clock.now().toISOString();

    ctx.clock.advance(MINUTE);
    const stopped = await customer.press(stopMarketingPayload());
    expect(textOf(stopped)).toBe(en.withdrawn());
    expect(await hasMarketingConsent(ctx.app.db, record.id)).toBe(false);
    const stopAt = ctx.clock.now().toISOString();

    // A later order asks nothing: the customer has been asked.
    ctx.clock.advance(MINUTE);
    const again = await orderTea(customer);
    expect(textOf(again)).not.toContain(en.question());
    expect(buttonsOf(again).map((b) => b.payload)).not.toContain(consentAnswerPayload(true));
    record = await customerOf("consent-story");
    expect(record.consentAskedAt?.toISOString()).toBe(placedAt);
    expect(record.consentAt?.toISOString()).toBe(stopAt);

    expect(await historyOf(record.id)).toEqual([
      { given: true, source: "button", at: yesAt, actor: null },
      { given: false, source: "words", at: wordsOffAt, actor: null },
      { given: true, source: "words", at: wordsOnAt, actor: null },
      { given: false, source: "button", at: stopAt, actor: null },
    ]);
    // The turns that said so are in the conversation, without an intent of the classifier's.
    const inbound = await ctx.app.db.message.findMany({ where: { direction: "inbound", conversation: { customerId: record.id }, text: { in: ["退订", "subscribe"] } } });
    expect(inbound.map((m) => m.intent)).toEqual([null, null]);
  });

  it("asks a Chinese-speaking customer in Chinese, and a No is kept as a No", async () => {
    const customer = createCustomer(ctx.app, "consent-zh");
    const placed = await orderTea(customer, "zh");
    expect(placed.at(-1)?.text).toBe(zh.question());
    const no = await customer.pressLabel(zh.noButton());
    expect(textOf(no)).toBe(zh.declined());
    const record = await customerOf("consent-zh");
    expect(record.marketingConsent).toBe(false);
    expect(await historyOf(record.id)).toEqual([{ given: false, source: "button", at: ctx.clock.now().toISOString(), actor: null }]);
    expect(textOf(await orderTea(customer, "zh"))).not.toContain(zh.question());
  });

  it("asks when contact details are left, and not again at the first order", async () => {
    const customer = createCustomer(ctx.app, "consent-contact");
    const saved = await customer.say("my email is mei@example.com");
    expect(textOf(saved)).toContain("mei@example.com");
    expect(saved.at(-1)?.text).toBe(en.question());
    expect(textOf(await orderTea(customer))).not.toContain(en.question());
  });

  it("does not ask a customer who said \"subscribe\" before anyone asked", async () => {
    const customer = createCustomer(ctx.app, "consent-first");
    expect(textOf(await customer.say("subscribe"))).toBe(en.given());
    expect(textOf(await orderTea(customer))).not.toContain(en.question());
    const record = await customerOf("consent-first");
    expect({ consent: record.marketingConsent, asked: record.consentAskedAt }).toEqual({ consent: true, asked: null });
  });

  it("keeps an order waiting for its yes through an \"unsubscribe\", and a bare \"stop\" there drops the order, not the consent", async () => {
    const customer = createCustomer(ctx.app, "consent-waiting");
    await customer.say("subscribe");
    await customer.say("I'd like 1 jasmine tea");
    const unsubscribed = await customer.say("unsubscribe");
    expect(unsubscribed[0]?.text).toBe(en.withdrawn());
    expect(unsubscribed[1]?.text).toMatch(/Please confirm|still waiting/i);
    await customer.say("subscribe");
    const stopped = await customer.say("stop");
    expect(textOf(stopped)).toBe(messagesFor("en").orderAbandoned());
    const record = await customerOf("consent-waiting");
    expect(record.marketingConsent).toBe(true);
    expect((await historyOf(record.id)).map((h) => h.given)).toEqual([true, false, true]);
    // With nothing open, "stop" is the word people answer marketing with.
    expect(textOf(await customer.say("STOP"))).toBe(en.withdrawn());
    expect((await customerOf("consent-waiting")).marketingConsent).toBe(false);
  });

  it("\"cancel my order\" and \"stop my order\" still ask to cancel the order", async () => {
    const customer = createCustomer(ctx.app, "consent-cancel");
    await orderTea(customer);
    for (const text of ["cancel my order", "stop my order"]) {
      const asked = await customer.say(text);
      expect(textOf(asked)).toMatch(/Cancel order #\d+\?/);
      await customer.say("no");
    }
    expect(await historyOf((await customerOf("consent-cancel")).id)).toEqual([]);
  });

  it("honours Stop and \"退订\" while the owner has the conversation", async () => {
    const customer = createCustomer(ctx.app, "consent-handoff");
    await customer.say("subscribe");
    await customer.say("I want to talk to a person");
    const record = await customerOf("consent-handoff");
    expect((await ctx.app.db.conversation.findFirstOrThrow({ where: { customerId: record.id } })).mode).toBe("handoff");
    expect(textOf(await customer.press(stopMarketingPayload()))).toContain(en.withdrawn());
    expect((await customerOf("consent-handoff")).marketingConsent).toBe(false);
    await customer.say("subscribe");
    expect(textOf(await customer.say("不要再发了"))).toContain(zh.withdrawn());
    expect((await historyOf(record.id)).map((h) => [h.given, h.source])).toEqual([[true, "words"], [false, "button"], [true, "words"], [false, "words"]]);
    // Anything else still waits for the owner.
    expect(textOf(await customer.say("hello?"))).not.toMatch(/offers|优惠/);
  });

  it("lets the owner set it, on record as the owner's, with the customer's history", async () => {
    const customer = createCustomer(ctx.app, "consent-owner");
    await customer.say("unsubscribe");
    const { id } = await customerOf("consent-owner");
    ctx.clock.advance(MINUTE);
    const answer = textOf(await ctx.app.owner.handle(`customer ${id} consent on`));
    expect(answer).toContain(`Customer #${id}`);
    expect(answer).toMatch(/marketing consent on\./);
    expect(answer).toMatch(/on — owner\n.* off — words in the chat$/);
    expect(await hasMarketingConsent(ctx.app.db, id)).toBe(true);
    expect((await historyOf(id)).at(-1)).toEqual({ given: true, source: "owner", at: ctx.clock.now().toISOString(), actor: "console" });
    expect(textOf(await ctx.app.owner.handle(`customer ${id} consent on`))).toMatch(/already was/);
    expect(textOf(await ctx.app.owner.handle(`customer ${id} consent off`))).toMatch(/marketing consent off\./);
    expect(await hasMarketingConsent(ctx.app.db, id)).toBe(false);
    expect(textOf(await ctx.app.owner.handle("customer 999999 consent on"))).toBe("No customer #999999.");
    expect(textOf(await ctx.app.owner.handle(`customer ${id} consent maybe`))).toMatch(/^Usage: customer <id> consent on\|off/);
    // `customer <id>` is still the customer's card, and says where consent stands.
    expect(textOf(await ctx.app.owner.handle(`customer ${id}`))).toMatch(/Marketing messages: no \(since /);
  });

  it("selects for marketing exactly the customers whose consent is on now", async () => {
    const on = await ctx.app.db.customer.findMany({ where: MARKETING_CONSENT_WHERE, select: { id: true } });
    const each = await Promise.all((await ctx.app.db.customer.findMany({ select: { id: true } })).map(async (c) => ((await hasMarketingConsent(ctx.app.db, c.id)) ? c.id : null)));
    expect(on.map((c) => c.id).sort()).toEqual(each.filter((id) => id !== null).sort());
    expect(on.length).toBeGreaterThan(0);
    expect(await hasMarketingConsent(ctx.app.db, 999_999)).toBe(false);
  });
});

describe("marketing consent on Telegram", () => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const CHAT = 4401;
  const keyboards = () => h.fake.calls.filter((c) => Number(c.params.chat_id) === CHAT && c.params.reply_markup).map((c) => (c.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat());
  const consentOf = async () => (await h.app.db.customer.findFirstOrThrow({ where: { identities: { some: { channel: "telegram", externalId: String(CHAT) } } } })).marketingConsent;

  it("asks with inline buttons after the first order; Yes, 退订 and the Stop button work through the adapter", async () => {
    const tea = await h.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-003" } });
    await sendAndWait(h, CHAT, callbackUpdate(CHAT, `o:${tea.id}`));
    await sendAndWait(h, CHAT, callbackUpdate(CHAT, `q:${tea.id}:1`));
    const confirm = keyboards().at(-1)!.find((b) => b.callback_data.startsWith("ok:"))!.callback_data;
    h.fake.pushUpdate(callbackUpdate(CHAT, confirm));
    await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === CHAT && c.plain === en.question());
    await h.adapter.idle();
    expect(keyboards().at(-1)).toEqual([{ text: en.yesButton(), callback_data: consentAnswerPayload(true) }, { text: en.noButton(), callback_data: consentAnswerPayload(false) }]);

    await sendAndWait(h, CHAT, callbackUpdate(CHAT, consentAnswerPayload(true)));
    expect(seenBy(h, CHAT).at(-1)).toBe(en.given());
    expect(await consentOf()).toBe(true);

    await sendAndWait(h, CHAT, textMessageUpdate(CHAT, "退订"));
    expect(seenBy(h, CHAT).at(-1)).toBe(zh.withdrawn());
    expect(await consentOf()).toBe(false);

    await sendAndWait(h, CHAT, textMessageUpdate(CHAT, "订阅"));
    expect(await consentOf()).toBe(true);
    await sendAndWait(h, CHAT, callbackUpdate(CHAT, stopMarketingPayload()));
    expect(seenBy(h, CHAT).at(-1)).toBe(zh.withdrawn());
    expect(await consentOf()).toBe(false);
  });
});
