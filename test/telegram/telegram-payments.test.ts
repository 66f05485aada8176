import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackUpdate, messageUpdate, textMessageUpdate, telegramUser } from "../fakes/telegram-bot-api.ts";
import { sendAndWait, startTelegramHarness, type TelegramHarness } from "./telegram-harness.ts";

const PROVIDER = "284685063:TEST:provider-token";

describe("Telegram Payments", () => {
  let h: TelegramHarness;
  let orderId: number;
  let invoice: Record<string, unknown>;
  beforeAll(async () => {
    h = await startTelegramHarness({ paymentProviderToken: PROVIDER, env: { TELEGRAM_BOT_TOKEN: "123456789:TEST-token_abcdefghijklmnopqrstuvw", TELEGRAM_PAYMENT_PROVIDER_TOKEN: PROVIDER } });
  });
  afterAll(async () => {
    await h.close();
  });

  const press = (chatId: number, data: string) => sendAndWait(h, chatId, callbackUpdate(chatId, data));

  it("sends an invoice at checkout instead of the payment instructions", async () => {
    const tea = await h.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-003" } });
    await press(1101, `o:${tea.id}`);
    await press(1101, `q:${tea.id}:2`);
    const state = (await h.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "1101" } } } } })).state as { flow: { nonce: string } };
    await press(1101, `ok:${state.flow.nonce}`);
    const placed = await h.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "1101" } } } } });
    orderId = placed.id;
    const sent = await h.fake.waitForCall("sendInvoice");
    invoice = sent.params;
    expect(invoice).toMatchObject({ chat_id: 1101, provider_token: PROVIDER, payload: `order:${orderId}`, currency: "GBP", title: `Order #${orderId}` });
    expect((invoice.prices as { amount: number }[]).reduce((s, p) => s + p.amount, 0)).toBe(2 * tea.priceMinor);
    const confirmation = h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1101).find((c) => /Order #\d+ is placed/.test(c.plain ?? ""))!;
    expect(confirmation.plain).toMatch(/Tap the Pay button/);
    expect(confirmation.plain).not.toMatch(/sort code/);
  });

  it("answers \"how do I pay?\" with the unpaid order's invoice, or how paying in Telegram works when nothing is unpaid", async () => {
    const invoicesBefore = h.fake.callsTo("sendInvoice").length;
    await sendAndWait(h, 1101, textMessageUpdate(1101, "how do I pay?"));
    const again = await h.fake.waitForCall("sendInvoice", (c) => h.fake.callsTo("sendInvoice").indexOf(c) >= invoicesBefore);
    expect(again.params).toMatchObject({ chat_id: 1101, payload: `order:${orderId}` });
    const answer = h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1101).at(-1)!;
    expect(answer.plain).toMatch(new RegExp(`Order #${orderId} .* is waiting for payment`));

    await sendAndWait(h, 1103, textMessageUpdate(1103, "how do I pay?"));
    const info = h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1103).at(-1)!;
    expect(info.plain).toMatch(/pay by card right here in Telegram/);
    expect(info.plain).toMatch(/sort code/);
    expect(h.fake.callsTo("sendInvoice").filter((c) => Number(c.params.chat_id) === 1103)).toHaveLength(0);
  });

  it("answers the pre-checkout query after re-checking the order, and refuses a changed amount or someone else's order", async () => {
    const query = (id: string, from: number, total: number) => ({ pre_checkout_query: { id, from: telegramUser(from), currency: "GBP", total_amount: total, invoice_payload: `order:${orderId}` } });
    const total = (invoice.prices as { amount: number }[]).reduce((s, p) => s + p.amount, 0);
    h.fake.pushUpdate(query("pcq-ok", 1101, total));
    h.fake.pushUpdate(query("pcq-cheap", 1101, total - 1));
    h.fake.pushUpdate(query("pcq-thief", 1102, total));
    const answer = async (id: string) => (await h.fake.waitForCall("answerPreCheckoutQuery", (c) => c.params.pre_checkout_query_id === id)).params;
    expect(await answer("pcq-ok")).toMatchObject({ ok: true });
    expect(await answer("pcq-cheap")).toMatchObject({ ok: false, error_message: expect.stringMatching(/can no longer be paid/) });
    expect(await answer("pcq-thief")).toMatchObject({ ok: false });
  });

  it("marks the order paid when the payment succeeds, once, and tells the customer and the owner", async () => {
    const total = (invoice.prices as { amount: number }[]).reduce((s, p) => s + p.amount, 0);
    const payment = { successful_payment: { currency: "GBP", total_amount: total, invoice_payload: `order:${orderId}`, telegram_payment_charge_id: "tg-charge-1", provider_payment_charge_id: "prov-1" } };
    h.fake.pushUpdate(messageUpdate(1101, payment));
    await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 1101 && /Payment received for order/.test(c.plain ?? ""));
    const order = await h.app.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { statusHistory: true } });
    expect(order.status).toBe("paid");
    expect(order.paymentRef).toBe("tg-charge-1");
    expect(order.statusHistory.map((s) => `${s.toStatus}:${s.actor}`)).toEqual(["placed:customer", "paid:payment"]);
    expect(h.app.feed.after(0).filter((i) => i.notification?.type === "payment_received")).toHaveLength(1);
    // The same payment reported again (a new update) books nothing twice.
    h.fake.pushUpdate(messageUpdate(1101, payment));
    await expect.poll(() => h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1101 && /Payment received for order/.test(c.plain ?? "")).length, { timeout: 10_000 }).toBe(2);
    expect(h.app.feed.after(0).filter((i) => i.notification?.type === "payment_received")).toHaveLength(1);
    expect(await h.app.db.orderStatusChange.count({ where: { orderId, toStatus: "paid" } })).toBe(1);
  });
});

describe("Telegram Payments with a delivery charge", () => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness({
      paymentProviderToken: PROVIDER,
      env: { TELEGRAM_BOT_TOKEN: "123456789:TEST-token_abcdefghijklmnopqrstuvw", TELEGRAM_PAYMENT_PROVIDER_TOKEN: PROVIDER, DELIVERY_FEE: "3.95", FREE_DELIVERY_FROM: "50" },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it("puts the delivery charge on the invoice as its own price, and takes the total with it", async () => {
    const tea = await h.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-003" } });
    await sendAndWait(h, 1201, callbackUpdate(1201, `o:${tea.id}`));
    await sendAndWait(h, 1201, callbackUpdate(1201, `q:${tea.id}:2`));
    const state = (await h.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "1201" } } } } })).state as { flow: { nonce: string } };
    await sendAndWait(h, 1201, callbackUpdate(1201, `ok:${state.flow.nonce}`));
    const order = await h.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "1201" } } } } });
    expect(order).toMatchObject({ totalMinor: 2 * tea.priceMinor + 395, deliveryMinor: 395 });
    const invoice = (await h.fake.waitForCall("sendInvoice")).params;
    expect(invoice.prices).toEqual([{ label: tea.name, amount: 2 * tea.priceMinor }, { label: "Delivery", amount: 395 }]);
    h.fake.pushUpdate({ pre_checkout_query: { id: "pcq-delivery", from: telegramUser(1201), currency: "GBP", total_amount: order.totalMinor, invoice_payload: `order:${order.id}` } });
    h.fake.pushUpdate({ pre_checkout_query: { id: "pcq-no-delivery", from: telegramUser(1201), currency: "GBP", total_amount: 2 * tea.priceMinor, invoice_payload: `order:${order.id}` } });
    const answer = async (id: string) => (await h.fake.waitForCall("answerPreCheckoutQuery", (c) => c.params.pre_checkout_query_id === id)).params;
    expect(await answer("pcq-delivery")).toMatchObject({ ok: true });
    expect(await answer("pcq-no-delivery")).toMatchObject({ ok: false });
  });
});
