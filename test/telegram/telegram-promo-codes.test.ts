/**
 * A customer story through the real telegraf client and the fake Bot API: an order, "do you take
 * spring10?", the confirmation with the code's line, the placed order, and the Telegram invoice whose
 * price breakdown carries the discount as a negative amount and adds up to what the order costs (the
 * provider's pre-checkout is answered yes for that total, no for the total without the discount); the
 * same in Chinese. Then a campaign offering the code: its message carries "Use SPRING10", tapping it
 * applies the code as typing it would, and the discount its recipients got is counted in its cost.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../helpers/test-app.ts";
import { callbackUpdate, telegramUser, textMessageUpdate } from "../fakes/telegram-bot-api.ts";
import { campaignMessagesTo, startCampaignHarness, telegramCustomer, type CampaignHarness } from "../campaigns/campaign-harness.ts";
import { seenBy, sendAndWait, startTelegramHarness, type TelegramHarness } from "./telegram-harness.ts";

const PROVIDER = "284685063:TEST:provider-token";

describe("a promo code on Telegram, with payments", () => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness({ paymentProviderToken: PROVIDER, env: { TELEGRAM_BOT_TOKEN: "123456789:TEST-token_abcdefghijklmnopqrstuvw", TELEGRAM_PAYMENT_PROVIDER_TOKEN: PROVIDER, DELIVERY_FEE: "3.95", FREE_DELIVERY_FROM: "100" } });
    await h.app.owner.handle("promo add SPRING10 percent=10");
  });
  afterAll(async () => {
    await h.close();
  });

  const say = (chatId: number, text: string) => sendAndWait(h, chatId, textMessageUpdate(chatId, text));
  const orderOf = (chatId: number) => h.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: String(chatId) } } } }, include: { promo: true } });
  const invoiceTo = async (chatId: number) => (await h.fake.waitForCall("sendInvoice", (c) => Number(c.params.chat_id) === chatId)).params;
  const preCheckout = async (chatId: number, id: string, total: number, orderId: number) => {
    h.fake.pushUpdate({ pre_checkout_query: { id, from: telegramUser(chatId), currency: "GBP", total_amount: total, invoice_payload: `order:${orderId}` } });
    return (await h.fake.waitForCall("answerPreCheckoutQuery", (c) => c.params.pre_checkout_query_id === id)).params;
  };

  it("takes the code typed in a sentence, shows it on the confirmation, and puts it on the invoice as a negative price", async () => {
    await say(1301, "I want 2 lavender candles");
    await say(1301, "do you take spring10?");
    const seen = seenBy(h, 1301);
    expect(seen.at(-2)).toBe("Code SPRING10 applied (10% off): £2.50 off this order.");
    expect(seen.at(-1)).toBe("Please confirm your order:\n2 × Lavender Soy Candle @ £12.50\nCode SPRING10: −£2.50\nDelivery: £3.95 (free on orders from £100.00: £75.00 to go)\nTotal: £26.45");
    await say(1301, "yes");
    const order = await orderOf(1301);
    expect(order).toMatchObject({ status: "placed", totalMinor: 2645, discountMinor: 250, deliveryMinor: 395, promo: { code: "SPRING10", used: 1 } });
    expect(seenBy(h, 1301).find((t) => /Order #\d+ is placed/.test(t))).toContain(`Order #${order.id} is placed (£26.45, code SPRING10 −£2.50)`);
    const invoice = await invoiceTo(1301);
    expect(invoice.prices).toEqual([{ label: "Lavender Soy Candle", amount: 2500 }, { label: "Code SPRING10", amount: -250 }, { label: "Delivery", amount: 395 }]);
    expect(await preCheckout(1301, "pcq-code", 2645, order.id)).toMatchObject({ ok: true });
    expect(await preCheckout(1301, "pcq-no-code", 2895, order.id)).toMatchObject({ ok: false });
  });

  it("sends no invoice when a code takes the whole order: there is nothing to pay", async () => {
    await h.app.owner.handle("promo add GIFT100 percent=100");
    // £144.00 of teapots: delivery is free from £100 (the lines before the code count), and the code takes the rest.
    await say(1303, "I want 3 celadon teapots");
    await say(1303, "GIFT100");
    expect(seenBy(h, 1303).at(-1)).toContain("Code GIFT100: −£144.00\nDelivery: free\nTotal: £0.00");
    await say(1303, "yes");
    expect(await orderOf(1303)).toMatchObject({ totalMinor: 0, discountMinor: 14_400, deliveryMinor: 0 });
    expect(seenBy(h, 1303).find((t) => /is placed/.test(t))).toMatch(/is placed \(£0\.00, code GIFT100 −£144\.00\)\.\nThere is nothing to pay\./);
    expect(h.fake.callsTo("sendInvoice").filter((call) => Number(call.params.chat_id) === 1303)).toEqual([]);
  });

  it("does the same in Chinese", async () => {
    await say(1302, "我要一个青瓷茶壶");
    await say(1302, "我有优惠码SPRING10");
    const seen = seenBy(h, 1302);
    expect(seen.at(-2)).toBe("已使用优惠码 SPRING10（优惠 10%）：本单优惠 £4.80。");
    expect(seen.at(-1)).toContain("优惠码 SPRING10：−£4.80");
    expect(seen.at(-1)).toContain("合计：£47.15");
    await say(1302, "确认");
    const order = await orderOf(1302);
    expect(order).toMatchObject({ totalMinor: 4715, discountMinor: 480 });
    expect((await invoiceTo(1302)).prices).toEqual([{ label: "青瓷茶壶", amount: 4800 }, { label: "优惠码 SPRING10", amount: -480 }, { label: "运费", amount: 395 }]);
    // "My orders" shows the code on the order.
    await sendAndWait(h, 1302, callbackUpdate(1302, "s"));
    expect(seenBy(h, 1302).at(-1)).toContain(`订单 #${order.id}：已下单，待付款 — £47.15，优惠码 SPRING10 −£4.80（2026年11月20日）`);
  });
});

describe("a campaign that offers a code", () => {
  let c: CampaignHarness;
  beforeAll(async () => {
    c = await startCampaignHarness();
    await c.owner("promo add SPRING10 percent=10");
  });
  afterAll(async () => {
    await c.close();
  });

  it("carries a Use button that applies the code as typing it would, and counts what it gave in the campaign's cost", async () => {
    const pair = [await telegramCustomer(c.app.db, { name: "Reader" }), await telegramCustomer(c.app.db, { name: "Reader" })];
    const created = textOf(await c.owner('campaign new name="Spring code" audience=opted-in text="Hi {first_name}, 10% off everything with SPRING10." code=spring10 holdout=50% budget=10'));
    expect(created).toContain('Promo code: SPRING10 (a "Use SPRING10" button under the message)');
    expect(created).toContain("[ Use SPRING10 ] [ Stop these messages ]");
    const id = Number(/Campaign #(\d+)/.exec(created)?.[1]);
    await c.owner(`campaign ${id} send`);
    await c.sendDue();
    // One of the two is held out (never sent anything); the other reads the message.
    const reader = pair.find((p) => campaignMessagesTo(c, p.chatId).length > 0)!;
    const [message] = campaignMessagesTo(c, reader.chatId);
    const markup = message!.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    // The button is tagged with its campaign (a press is a touch for attribution), and applies the code all the same.
    expect(markup.inline_keyboard).toEqual([[{ text: "Use SPRING10", callback_data: `t${id}|pc:SPRING10` }], [{ text: "Stop these messages", callback_data: "ms" }]]);
    await sendAndWait(c, reader.chatId, callbackUpdate(reader.chatId, `t${id}|pc:SPRING10`));
    expect(seenBy(c, reader.chatId).at(-1)).toBe("Code SPRING10 is yours (10% off). I'll take it off your order when you confirm it.");
    await sendAndWait(c, reader.chatId, textMessageUpdate(reader.chatId, "I want 1 celadon teapot"));
    expect(seenBy(c, reader.chatId).at(-1)).toBe("Please confirm your order:\n1 × Celadon Teapot @ £48.00\nCode SPRING10: −£4.80\nTotal: £43.20");
    await sendAndWait(c, reader.chatId, textMessageUpdate(reader.chatId, "yes"));
    // What the code gave the campaign's recipients is part of its cost, beside the budget.
    expect(textOf(await c.owner(`campaign ${id}`))).toContain("Cost: £14.80 (budget £10.00 + discounts given £4.80)");
  });
});
