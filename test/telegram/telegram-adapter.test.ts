import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramAdapter, type TelegramAdapter } from "../../adapters/telegram/create-telegram-adapter.ts";
import { telegramServicesFor } from "../../bot/channel-services.ts";
import { callbackUpdate, messageUpdate, textMessageUpdate } from "../fakes/telegram-bot-api.ts";
import { seenBy, sendAndWait, startTelegramHarness, WEBHOOK_SECRET, type TelegramHarness } from "./telegram-harness.ts";

const lastKeyboardData = (harness: TelegramHarness, chatId: number): string[] => {
  const withKeyboard = harness.fake.calls.filter((c) => Number(c.params.chat_id) === chatId && c.params.reply_markup);
  const markup = withKeyboard.at(-1)?.params.reply_markup as { inline_keyboard: { callback_data: string }[][] } | undefined;
  return markup ? markup.inline_keyboard.flat().map((b) => b.callback_data) : [];
};

// One app and one fake Bot API for the whole file (a database and a trained model cost seconds).
let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness();
});
afterAll(async () => {
  await h.close();
});

describe("Telegram over long polling", () => {

  it("registers the command menu in English and Chinese and removes any webhook before polling", () => {
    const menus = h.fake.callsTo("setMyCommands");
    expect(menus.map((c) => (c.params.commands as { command: string }[]).map((x) => x.command))).toEqual([
      ["start", "help", "catalog", "cart", "orders", "language"],
      ["start", "help", "catalog", "cart", "orders", "language"],
    ]);
    expect(menus[1]!.params.language_code).toBe("zh");
    expect(h.fake.callsTo("deleteWebhook")).toHaveLength(1);
    expect(h.started).toMatchObject({ mode: "polling", username: "solo_shop_bot" });
  });

  it("greets a customer on /start with the main menu as an inline keyboard", async () => {
    h.fake.pushUpdate(textMessageUpdate(101, "/start"));
    const reply = await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 101);
    expect(reply.plain).toMatch(/Welcome to Solo Home & Tea/);
    expect(reply.params.parse_mode).toBe("HTML");
    expect(lastKeyboardData(h, 101)).toEqual(["b", "r", "s", "h"]);
  });

  it("pages the catalog with buttons and answers every button press", async () => {
    h.fake.pushUpdate(textMessageUpdate(102, "/catalog"));
    await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 102);
    const category = lastKeyboardData(h, 102)[0]!;
    expect(category).toMatch(/^c:0:/);
    const press = h.fake.pushUpdate(callbackUpdate(102, category));
    await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 102 && /page 1 of/.test(c.plain ?? ""));
    const queryId = (press.callback_query as { id: string }).id;
    expect(h.fake.callsTo("answerCallbackQuery").map((c) => c.params.callback_query_id)).toContain(queryId);
    for (const data of lastKeyboardData(h, 102)) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
  });

  it("processes two quick messages from one chat in order while other chats go ahead", async () => {
    const held = h.fake.hold("sendMessage");
    h.fake.pushUpdate(textMessageUpdate(201, "hello"));
    h.fake.pushUpdate(textMessageUpdate(201, "show me your teapots"));
    await held.held();
    // The first message's reply is stuck in flight: the second message must not have started.
    const inbound = async (chatId: number) =>
      (await h.app.db.message.findMany({ where: { direction: "inbound", conversation: { customer: { identities: { some: { channel: "telegram", externalId: String(chatId) } } } } }, orderBy: { id: "asc" } })).map((m) => m.text);
    expect(await inbound(201)).toEqual(["hello"]);
    // Another chat is not held up by chat 201: its message is handled up to its own reply.
    h.fake.pushUpdate(textMessageUpdate(202, "hi there"));
    await expect.poll(() => inbound(202), { timeout: 10_000 }).toEqual(["hi there"]);
    expect(await inbound(201)).toEqual(["hello"]);
    held.release();
    await h.adapter.idle();
    expect(await inbound(201)).toEqual(["hello", "show me your teapots"]);
    const replies201 = seenBy(h, 201);
    expect(replies201[0]).toMatch(/Welcome/);
    expect(replies201.length).toBeGreaterThanOrEqual(2);
  });

  it("waits out a 429 for retry_after seconds and then sends the reply", async () => {
    h.fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    h.fake.pushUpdate(textMessageUpdate(301, "hello"));
    const sent = await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 301 && c.status === 200);
    const attempts = h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 301);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(h.sleeps).toContain(7_000);
    expect(sent.plain).toMatch(/Welcome/);
    expect(h.logger.lines.some((l) => l.message.includes("rate limit") && l.context?.retryAfterSeconds === 7)).toBe(true);
  });

  it("logs other API errors with context and keeps going", async () => {
    h.fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    h.fake.pushUpdate(textMessageUpdate(302, "hello"));
    await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 302);
    await h.adapter.idle();
    expect(h.logger.lines.find((l) => l.level === "error" && l.context?.chatId === 302)?.context).toMatchObject({ method: "sendMessage", code: 400, description: "Bad Request: chat not found" });
    h.fake.pushUpdate(textMessageUpdate(302, "hello again"));
    await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 302 && c.status === 200);
  });

  it("answers stickers, photos, voice, locations, polls and edits politely", async () => {
    const chatId = 401;
    h.fake.pushUpdate(messageUpdate(chatId, { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } }));
    h.fake.pushUpdate(messageUpdate(chatId, { photo: [{ file_id: "p", file_unique_id: "p", width: 90, height: 90 }], caption: "is this in stock?" }));
    h.fake.pushUpdate(messageUpdate(chatId, { voice: { file_id: "v", file_unique_id: "v", duration: 3 } }));
    h.fake.pushUpdate(messageUpdate(chatId, { location: { latitude: 51.5, longitude: -0.12 } }));
    h.fake.pushUpdate(messageUpdate(chatId, { poll: { id: "q", question: "Tea or coffee?", options: [{ text: "Tea", voter_count: 0 }, { text: "Coffee", voter_count: 0 }], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } }));
    h.fake.pushUpdate({ edited_message: { message_id: 9, date: 1_800_000_000, edit_date: 1_800_000_100, chat: { id: chatId, type: "private" }, from: { id: chatId, is_bot: false, first_name: "E" }, text: "edited" } });
    await expect.poll(() => seenBy(h, chatId).length, { timeout: 10_000 }).toBe(6);
    const seen = seenBy(h, chatId);
    // A sticker is a nod; a caption is what the customer said, answered as text.
    expect(seen[0]).toBe("😊 Anything else I can help with?");
    expect(seen[1]).not.toMatch(/photo|only read text/);
    expect(seen[2]).toMatch(/^Thanks for the voice message\. I can't listen to voice messages myself: please tell me in words what you need, or tap "Talk to a person"/);
    expect(seen[3]).toMatch(/^Thanks for the location\. I can't read map pins myself/);
    expect(seen[4]).toMatch(/I can only read text messages/);
    expect(seen[5]).toMatch(/I only read new messages/);
    const stored = await h.app.db.message.findMany({ where: { direction: "inbound", conversation: { customer: { identities: { some: { externalId: String(chatId) } } } } }, orderBy: { id: "asc" } });
    expect(stored.map((m) => [m.text, (m.attachment as { kind?: string } | null)?.kind ?? null])).toEqual([
      ["", "sticker"],
      ["is this in stock?", "photo"],
      ["", "voice"],
      ["", "location"],
    ]);
    expect(h.logger.lines.filter((l) => l.level === "error" && l.message.includes("handler failed"))).toEqual([]);
  });

  it("renders a 4,000-character description and a name full of Markdown and HTML characters within Telegram's limits", async () => {
    const name = "*Bold* _it_ [link](http://x) <b>&amp; `code` ~s~ #tag |p| {b}.!>";
    const paragraph = "Hand-thrown stoneware, glazed in small batches. ".repeat(8).trim();
    const description = Array.from({ length: 11 }, (_, i) => `${i + 1}. ${paragraph}`).join("\n\n").slice(0, 4_000);
    expect(description.length).toBe(4_000);
    const product = await h.app.db.product.create({ data: { sku: "MD-1", name, description, category: "Teaware", priceMinor: 2500, stock: 4, imageUrl: "https://img.example.test/md-1.jpg" } });
    h.fake.pushUpdate(callbackUpdate(501, `p:${product.id}`));
    await expect.poll(() => seenBy(h, 501).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await h.adapter.idle();
    const calls = h.fake.calls.filter((c) => Number(c.params.chat_id) === 501 && (c.method === "sendPhoto" || c.method === "sendMessage"));
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(calls[0]!.method).toBe("sendPhoto");
    expect(calls[0]!.plain!.length).toBeLessThanOrEqual(1_024);
    for (const c of calls.slice(1)) expect(c.plain!.length).toBeLessThanOrEqual(4_096);
    const shown = calls.map((c) => c.plain).join("\n\n");
    expect(shown.startsWith(`${name} — £25.00`)).toBe(true);
    expect(shown.replace(/\s+/g, " ")).toContain(description.replace(/\s+/g, " "));
    // The buttons hang under the end of the text.
    expect(calls.at(-1)!.params.reply_markup).toBeDefined();
    expect(calls.slice(0, -1).every((c) => c.params.reply_markup === undefined)).toBe(true);
  });

  it("sends the text alone when Telegram cannot fetch a product photo", async () => {
    const product = await h.app.db.product.create({ data: { sku: "PH-1", name: "Broken photo mug", category: "Teaware", priceMinor: 900, stock: 2, imageUrl: `https://img.example.test/${h.fake.brokenPhotoMarker}.jpg` } });
    h.fake.pushUpdate(callbackUpdate(502, `p:${product.id}`));
    const text = await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 502 && c.status === 200);
    expect(text.plain).toMatch(/Broken photo mug/);
    expect(text.params.reply_markup).toBeDefined();
  });

  it("treats a tampered button payload as a stale button and touches nothing", async () => {
    // Someone else's order, made by a console customer.
    const jasmine = await h.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-001" } });
    const other = await h.app.customer.handle({ channel: "console", externalUserId: "victim", payload: `o:${jasmine.id}` });
    expect(other[0]!.text).toMatch(/How many/);
    await h.app.customer.handle({ channel: "console", externalUserId: "victim", payload: `q:${jasmine.id}:1` });
    const victim = await h.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: "victim" } } });
    const flowState = (await h.app.db.conversation.findFirstOrThrow({ where: { customerId: victim.customerId } })).state as { flow?: { nonce: string } };
    await h.app.customer.handle({ channel: "console", externalUserId: "victim", payload: `ok:${flowState.flow!.nonce}` });
    const order = await h.app.db.order.findFirstOrThrow({ where: { customerId: victim.customerId } });

    const chatId = 601;
    for (const data of [`xy:${order.id}`, "q:1:100000", `c:0:${"x".repeat(80)}`, "DROP TABLE", ""]) h.fake.pushUpdate(callbackUpdate(chatId, data));
    await expect.poll(() => seenBy(h, chatId).length, { timeout: 10_000 }).toBe(5);
    expect(h.fake.callsTo("answerCallbackQuery").filter((c) => String(c.params.callback_query_id).startsWith("cbq-")).length).toBeGreaterThanOrEqual(5);
    expect((await h.app.db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("placed");
    const seen = seenBy(h, chatId);
    expect(seen[0]).toMatch(/couldn't find that order|no orders/i);
    for (const text of seen.slice(1)) expect(text).toMatch(/expired|went wrong/);
    expect(h.logger.lines.some((l) => l.message.includes("malformed button payload"))).toBe(true);
  });

  it("gives the configured payment instructions at checkout when no payment provider is set", async () => {
    const tea = await h.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-003" } });
    await sendAndWait(h, 1201, callbackUpdate(1201, `o:${tea.id}`));
    await sendAndWait(h, 1201, callbackUpdate(1201, `q:${tea.id}:1`));
    const nonce = lastKeyboardData(h, 1201).find((d) => d.startsWith("ok:"))!;
    h.fake.pushUpdate(callbackUpdate(1201, nonce));
    const placed = await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 1201 && /Order #\d+ is placed/.test(c.plain ?? ""));
    expect(placed.plain).toMatch(/bank transfer/);
    expect(h.fake.callsTo("sendInvoice")).toEqual([]);
  });

  it("shows the cart on /cart: empty, then the order awaiting confirmation, then the placed order awaiting payment", async () => {
    const lastText = () => h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1301).at(-1)!.plain ?? "";
    await sendAndWait(h, 1301, textMessageUpdate(1301, "/cart"));
    expect(lastText()).toMatch(/Your cart is empty/);
    expect(lastKeyboardData(h, 1301)).toContain("b");

    const tea = await h.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-003" } });
    await sendAndWait(h, 1301, callbackUpdate(1301, `o:${tea.id}`));
    await sendAndWait(h, 1301, callbackUpdate(1301, `q:${tea.id}:2`));
    const confirm = lastKeyboardData(h, 1301).find((d) => d.startsWith("ok:"))!;
    const cartAdds = () => h.app.db.event.count({ where: { type: "added_to_cart", customer: { identities: { some: { externalId: "1301" } } } } });
    expect(await cartAdds()).toBe(1);
    await sendAndWait(h, 1301, textMessageUpdate(1301, "/cart"));
    expect(lastText()).toMatch(new RegExp(`Please confirm your order:\\n2 × ${tea.name}`));
    // The same confirmation, still confirmable with its button; looking at the cart is not another cart add.
    expect(lastKeyboardData(h, 1301)).toEqual([confirm, "no", confirm.replace(/^ok:/, "m:")]);
    expect(await cartAdds()).toBe(1);

    await sendAndWait(h, 1301, callbackUpdate(1301, confirm));
    const order = await h.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "1301" } } } } });
    await sendAndWait(h, 1301, textMessageUpdate(1301, "/cart"));
    expect(lastText()).toMatch(new RegExp(`Placed and waiting for payment:\\nOrder #${order.id}: placed, awaiting payment`));
    expect(lastKeyboardData(h, 1301)).toEqual([`x:${order.id}`]);
  });

  it("offers a one-tap 'share my phone number' button and saves the customer's own number, never someone else's", async () => {
    await sendAndWait(h, 1401, textMessageUpdate(1401, "I'd like to leave my contact details"));
    const ask = h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1401).at(-1)!;
    expect(ask.plain).toMatch(/email address or phone number/);
    expect(ask.params.reply_markup).toEqual({ keyboard: [[{ text: "Share my phone number", request_contact: true }]], one_time_keyboard: true, resize_keyboard: true });

    // Someone else's contact card: refused, nothing saved.
    await sendAndWait(h, 1401, messageUpdate(1401, { contact: { phone_number: "447700900999", first_name: "Other", user_id: 999 } }));
    expect(h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1401).at(-1)!.plain).toMatch(/only save your own phone number/);
    // Their own, as Telegram sends it (digits, no +): saved as E.164, and the owner hears of the lead.
    await sendAndWait(h, 1401, messageUpdate(1401, { contact: { phone_number: "447911123456", first_name: "Ann", user_id: 1401 } }));
    // Saved, then (contact details being the first moment) the one question about offers.
    expect(h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1401).slice(-2).map((c) => c.plain)).toEqual([expect.stringMatching(/I've saved \+447911123456/), expect.stringMatching(/^One more thing: may we message you/)]);
    const saved = await h.app.db.customer.findFirstOrThrow({ where: { identities: { some: { externalId: "1401" } } } });
    expect(saved.phone).toBe("+447911123456");
  });

  it("opens a product's card from a deep link (/start TEA-001), and greets on a bare /start", async () => {
    await sendAndWait(h, 1501, textMessageUpdate(1501, "/start TEA-001"));
    const card = h.fake.calls.filter((c) => Number(c.params.chat_id) === 1501 && (c.method === "sendMessage" || c.method === "sendPhoto")).at(-1)!;
    expect(card.plain ?? String(card.params.caption ?? "")).toContain("Jasmine Silver Needle Tea — £14.50");
    // A link to a product that is gone (or never was): the catalog instead, nothing else happens.
    await sendAndWait(h, 1503, textMessageUpdate(1503, "/start NOPE-404"));
    expect(h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1503).at(-1)!.plain).toMatch(/couldn't find that product/i);
    await sendAndWait(h, 1502, textMessageUpdate(1502, "/start"));
    expect(h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1502).at(-1)!.plain).toMatch(/Welcome to/);
  });

  it("passes /start with its deep link and /help to core as commands, stored as typed and never classified", async () => {
    await sendAndWait(h, 1601, textMessageUpdate(1601, "/start TEA-001"));
    await sendAndWait(h, 1601, textMessageUpdate(1601, "/help"));
    expect(h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1601).at(-1)!.plain).toMatch(/Welcome to Solo Home & Tea/);
    const inbound = await h.app.db.message.findMany({ where: { direction: "inbound", conversation: { customer: { identities: { some: { externalId: "1601" } } } } }, orderBy: { id: "asc" } });
    // A classified message keeps its intent; a command has none, and no "hello" was made up for it.
    expect(inbound.map((m) => ({ text: m.text, intent: m.intent, payload: m.payload }))).toEqual([
      { text: "/start TEA-001", intent: null, payload: null },
      { text: "/help", intent: null, payload: null },
    ]);
    // A command for another bot in the chat is text like any other.
    await sendAndWait(h, 1601, textMessageUpdate(1601, "/help@someone_elses_bot"));
    const last = await h.app.db.message.findFirstOrThrow({ where: { direction: "inbound", text: "/help@someone_elses_bot" } });
    expect(last.intent).not.toBeNull();
  });

  it("greets a Chinese Telegram user's /start in Chinese", async () => {
    await sendAndWait(h, 1602, textMessageUpdate(1602, "/start", { language_code: "zh-hans" }));
    expect(h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) === 1602).at(-1)!.plain).toMatch(/^您好！欢迎光临/);
  });

  it("switches to Chinese from /language", async () => {
    h.fake.pushUpdate(textMessageUpdate(701, "/language"));
    await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 701);
    expect(lastKeyboardData(h, 701)).toEqual(["lang:en", "lang:zh"]);
    h.fake.pushUpdate(callbackUpdate(701, "lang:zh"));
    const greeting = await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 701 && /欢迎/.test(c.plain ?? ""));
    expect(greeting.plain).toMatch(/您好/);
  });
});

describe("Telegram over a webhook", () => {
  // A second process in webhook mode on the same database and bot.
  let webhook: TelegramAdapter;
  let webhookUrl: string;
  const postWebhook = (update: unknown, secret: string | null = WEBHOOK_SECRET) =>
    fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json", ...(secret !== null ? { "x-telegram-bot-api-secret-token": secret } : {}) }, body: JSON.stringify(update) });
  beforeAll(async () => {
    webhook = createTelegramAdapter({
      token: h.fake.token,
      apiRoot: h.fake.url,
      mode: { kind: "webhook", url: "https://shop.example.test/telegram/webhook", secret: WEBHOOK_SECRET, host: "127.0.0.1", port: 0 },
      ...telegramServicesFor(h.app),
      logger: h.logger,
      sleep: async () => undefined,
    });
    const started = await webhook.start();
    if (started.mode !== "webhook") throw new Error("expected webhook mode");
    webhookUrl = `http://127.0.0.1:${started.port}/telegram/webhook`;
  });
  afterAll(async () => {
    await webhook.stop();
  });

  it("sets the webhook with its secret token and the updates it handles", () => {
    const [setWebhook] = h.fake.callsTo("setWebhook");
    expect(setWebhook?.params).toMatchObject({ url: "https://shop.example.test/telegram/webhook", secret_token: WEBHOOK_SECRET, allowed_updates: ["message", "edited_message", "callback_query", "pre_checkout_query"] });
  });

  it("refuses a request with a wrong or missing secret token with 403, logs it, and handles nothing", async () => {
    const wrong = await postWebhook({ update_id: 1, ...textMessageUpdate(1001, "hello") }, "not-the-secret");
    const missing = await postWebhook({ update_id: 2, ...textMessageUpdate(1001, "hello") }, null);
    expect([wrong.status, missing.status]).toEqual([403, 403]);
    const refusals = h.logger.lines.filter((l) => l.level === "warn" && l.message.includes("refused a request without the right secret token"));
    expect(refusals).toHaveLength(2);
    expect(JSON.stringify(refusals)).not.toContain("not-the-secret");
    expect(await h.app.db.processedUpdate.count({ where: { updateId: { in: ["1", "2"] } } })).toBe(0);
    expect(seenBy(h, 1001)).toEqual([]);
  });

  it("answers 200 once the update has been handled and its reply sent", async () => {
    const response = await postWebhook({ update_id: 10, ...textMessageUpdate(1002, "hello") });
    expect(response.status).toBe(200);
    // No waiting needed: the answer came after the work.
    expect(seenBy(h, 1002)).toHaveLength(1);
    expect(seenBy(h, 1002)[0]).toMatch(/Welcome/);
  });

  it("does nothing the second time Telegram redelivers an update", async () => {
    const update = { update_id: 11, ...textMessageUpdate(1003, "hello") };
    const [first, second] = await Promise.all([postWebhook(update), postWebhook(update)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await postWebhook(update);
    expect(third.status).toBe(200);
    expect(seenBy(h, 1003)).toHaveLength(1);
    expect(await h.app.db.message.count({ where: { direction: "inbound", conversation: { customer: { identities: { some: { channel: "telegram", externalId: "1003" } } } } } })).toBe(1);
  });

  it("answers other paths with 404 and a body that is not an update with 400", async () => {
    const base = webhookUrl.replace("/telegram/webhook", "");
    expect((await fetch(`${base}/elsewhere`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(webhookUrl)).status).toBe(404);
    const bad = await fetch(webhookUrl, { method: "POST", headers: { "x-telegram-bot-api-secret-token": WEBHOOK_SECRET }, body: "{not json" });
    expect(bad.status).toBe(400);
    const notUpdate = await fetch(webhookUrl, { method: "POST", headers: { "x-telegram-bot-api-secret-token": WEBHOOK_SECRET }, body: JSON.stringify({ hello: 1 }) });
    expect(notUpdate.status).toBe(400);
  });
});

describe("Telegram across a restart", () => {

  /** Another process on the same database and the same bot, as after a restart. */
  const nextProcess = () => createTelegramAdapter({ token: h.fake.token, apiRoot: h.fake.url, mode: { kind: "polling", timeoutSeconds: 1 }, ...telegramServicesFor(h.app), logger: h.logger, sleep: async () => undefined });

  it("stops taking updates but finishes the ones in flight before stop() resolves", async () => {
    const held = h.fake.hold("sendMessage");
    const update = h.fake.pushUpdate(textMessageUpdate(901, "hello"));
    await held.held();
    let stopped = false;
    const stopping = h.adapter.stop().then(() => {
      stopped = true;
    });
    // A round trip to the database proves the event loop moved on; stop() still waits for the update in flight.
    await h.app.db.product.count();
    expect(stopped).toBe(false);
    const late = h.fake.pushUpdate(textMessageUpdate(902, "hello"));
    held.release();
    await stopping;
    expect(stopped).toBe(true);
    expect(seenBy(h, 901)).toHaveLength(1);
    // The update that arrived after stop() was not taken, and Telegram was told only about the ones handled.
    expect(seenBy(h, 902)).toHaveLength(0);
    expect(await h.app.db.processedUpdate.count({ where: { updateId: { in: [String(update.update_id), String(late.update_id)] } } })).toBe(1);
    const confirmation = h.fake.callsTo("getUpdates").at(-1)!;
    expect(confirmation.params).toMatchObject({ timeout: 0, limit: 1, offset: update.update_id + 1 });
    expect(late.update_id).toBeGreaterThanOrEqual(update.update_id + 1);

    // The next process picks up the update that came late.
    const next = nextProcess();
    await next.start();
    await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 902);
    await next.stop();
  });

  it("handles an update Telegram delivers again (after a crash before the confirmation) only once", async () => {
    const first = nextProcess();
    await first.start();
    const update = h.fake.pushUpdate(textMessageUpdate(801, "hello"));
    await h.fake.waitForCall("sendMessage", (c) => Number(c.params.chat_id) === 801);
    await first.stop();
    // Telegram never heard the confirmation: it delivers the update again to the next process.
    h.fake.redeliver(update);
    const second = nextProcess();
    await second.start();
    await expect.poll(() => h.logger.lines.some((l) => l.message.includes("already handled") && l.context?.updateId === String(update.update_id)), { timeout: 10_000 }).toBe(true);
    await second.stop();
    expect(seenBy(h, 801)).toHaveLength(1);
    expect(await h.app.db.message.count({ where: { direction: "inbound", text: "hello", conversation: { customer: { identities: { some: { externalId: "801" } } } } } })).toBe(1);
    expect(await h.app.db.processedUpdate.count({ where: { source: "telegram", updateId: String(update.update_id) } })).toBe(1);
  });
});
