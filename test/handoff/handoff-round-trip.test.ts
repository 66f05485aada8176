import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackUpdate, textMessageUpdate, type FakeTelegram } from "../fakes/telegram-bot-api.ts";
import { blocksText, buttonsOf, CHANNEL, OWNER, startSlackHarness, STRANGER, type SlackHarness } from "../slack/slack-harness.ts";

const CHAT = 3001;

describe("the handoff inbox: Telegram → Slack thread → Telegram", () => {
  let h: SlackHarness;
  let tg: FakeTelegram;
  let rootTs: string;
  let conversationId: number;

  beforeAll(async () => {
    h = await startSlackHarness({ telegram: true, env: { HANDOFF_QUIET_MINUTES: "30" } });
    tg = h.telegramFake!;
  });
  afterAll(async () => {
    await h.close();
  });

  /** What the Telegram customer has been sent so far (entities parsed). */
  const seen = () => tg.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === CHAT && c.status === 200).map((c) => c.plain ?? "");

  /** The customer sends something; resolves once the adapters are idle again. */
  async function customer(update: Record<string, unknown>) {
    const before = tg.calls.length;
    tg.pushUpdate(update);
    await expect.poll(() => tg.calls.slice(before).some((c) => c.method === "answerCallbackQuery" || (c.method === "sendMessage" && Number(c.params.chat_id) === CHAT)) || h.logger.lines.some((l) => l.message.includes("already handled")), { timeout: 10_000 }).toBe(true);
    await h.telegram!.idle();
    await h.adapter.idle();
  }

  /** The customer writes while the owner has the conversation (no Telegram answer expected). */
  async function customerWhileWaiting(text: string) {
    const posts = h.slack.callsTo("chat.postMessage").length;
    tg.pushUpdate(textMessageUpdate(CHAT, text, { first_name: "Mei" }));
    await expect.poll(() => h.slack.callsTo("chat.postMessage").length, { timeout: 10_000 }).toBeGreaterThan(posts);
    await h.telegram!.idle();
  }

  const threadPosts = () => h.slack.callsTo("chat.postMessage").filter((c) => c.params.thread_ts === rootTs);

  it("posts the conversation as a thread with the customer's name, language, recent messages and open orders", async () => {
    await customer(textMessageUpdate(CHAT, "hello", { first_name: "Mei" }));
    const tea = await h.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-002" } });
    await customer(callbackUpdate(CHAT, `o:${tea.id}`));
    await customer(callbackUpdate(CHAT, `q:${tea.id}:1`));
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { channel: "telegram" } });
    conversationId = conversation.id;
    await customer(callbackUpdate(CHAT, `ok:${(conversation.state as { flow: { nonce: string } }).flow.nonce}`));
    const order = await h.app.db.order.findFirstOrThrow({ where: { customerId: conversation.customerId } });

    await customer(textMessageUpdate(CHAT, "I want to talk to a real person please", { first_name: "Mei" }));
    expect(seen().at(-1)).toMatch(/asked the owner to join/);

    const root = h.slack.callsTo("chat.postMessage").find((c) => c.params.channel === CHANNEL && /needs you/.test(String(c.params.text)))!;
    expect(root).toBeDefined();
    rootTs = String(root.response.ts);
    const text = blocksText(root.params);
    expect(JSON.stringify(root.params.blocks)).toContain("Mei needs you");
    expect(text).toContain("*Language*\nEnglish");
    expect(text).toContain("*Channel*\ntelegram");
    expect(text).toContain("*Customer:* I want to talk to a real person please");
    expect(text).toContain("*Customer:* (pressed a button: confirm)");
    expect(text).toContain("*Bot:* Thank you! Order #");
    expect(text).toContain(`#${order.id} placed £32.00`);
    expect(buttonsOf(root.params).map((b) => b.text)).toEqual(["Resume bot", "Open customer"]);
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).handoffThreadRef).toBe(`${CHANNEL}:${rootTs}`);
  });

  it("forwards what the customer writes to the thread and acknowledges on Telegram only once", async () => {
    const before = seen().length;
    await customerWhileWaiting("Is the pu-erh cake good for a gift?");
    await customerWhileWaiting("Also, <b>do you</b> gift-wrap & ship to Leeds?");
    const forwarded = threadPosts().map((c) => blocksText(c.params));
    expect(forwarded[0]).toContain("*Mei:* Is the pu-erh cake good for a gift?");
    expect(forwarded[1]).toContain("*Mei:* Also, &lt;b&gt;do you&lt;/b&gt; gift-wrap &amp; ship to Leeds?");
    expect(seen().slice(before)).toEqual(["The owner has your message and will reply here soon."]);
  });

  it("sends the owner's thread reply to the customer on Telegram, once, and keeps a note: internal", async () => {
    const before = seen().length;
    const reply = { type: "message", channel: CHANNEL, user: OWNER, ts: "1700000500.000100", thread_ts: rootTs, text: "Yes &amp; we gift-wrap for free: <https://shop.example/gifts|gift options>" };
    const first = await h.event(reply);
    await h.event(reply, first.eventId); // Slack retrying the same event
    await h.adapter.idle();
    await expect.poll(() => seen().length, { timeout: 10_000 }).toBe(before + 1);
    expect(seen().at(-1)).toBe("Yes & we gift-wrap for free: gift options (https://shop.example/gifts)");
    expect(h.slack.callsTo("reactions.add").find((c) => c.params.timestamp === "1700000500.000100")?.params.name).toBe("white_check_mark");

    await h.event({ type: "message", channel: CHANNEL, user: OWNER, ts: "1700000500.000200", thread_ts: rootTs, text: "note: she sounded unsure, offer 10% off next time" });
    await h.event({ type: "message", channel: CHANNEL, user: STRANGER, ts: "1700000500.000300", thread_ts: rootTs, text: "hi Mei, I'm not the owner" });
    await h.adapter.idle();
    expect(h.slack.callsTo("reactions.add").find((c) => c.params.timestamp === "1700000500.000200")?.params.name).toBe("memo");
    expect(h.slack.callsTo("chat.postEphemeral").find((c) => c.params.user === STRANGER)?.params.text).toMatch(/not sent to the customer/);
    // Nothing of the note or the stranger reached the customer.
    expect(seen().length).toBe(before + 1);
    expect(tg.calls.map((c) => JSON.stringify(c.params)).join("\n")).not.toMatch(/10% off|not the owner/);
    const log = await h.app.db.message.findMany({ where: { conversationId, direction: { in: ["owner", "note"] } }, orderBy: { id: "asc" } });
    expect(log.map((m) => [m.direction, m.text])).toEqual([
      ["owner", "Yes & we gift-wrap for free: gift options (https://shop.example/gifts)"],
      ["note", "she sounded unsure, offer 10% off next time"],
    ]);
  });

  it("gives the conversation back to the bot when the owner presses Resume bot", async () => {
    const { response } = await h.press("handoff_resume", String(conversationId), OWNER, rootTs);
    expect(response.status).toBe(200);
    await h.adapter.idle();
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).mode).toBe("bot");
    expect(blocksText(threadPosts().at(-1)!.params)).toContain(`<@${OWNER}> handed this conversation back to the bot.`);
    // Mei hears on Telegram that the assistant is answering again.
    await expect.poll(() => seen().at(-1), { timeout: 10_000 }).toBe("The owner has handed the chat back to me, the shop's assistant. Anything else I can help with?");
    await customer(textMessageUpdate(CHAT, "/catalog", { first_name: "Mei" }));
    expect(seen().at(-1)).toMatch(/categories/);
  });

  it("takes the conversation back by itself after the quiet period", async () => {
    await customer(callbackUpdate(CHAT, "h"));
    const again = h.slack.callsTo("chat.postMessage").at(-1)!;
    // Form-encoded on the wire, like every Web API call bolt makes.
    expect(again.params).toMatchObject({ thread_ts: rootTs, reply_broadcast: "true" });
    expect(JSON.stringify(again.params.blocks)).toContain("needs you again");
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).mode).toBe("handoff");

    h.clock.advance(29 * 60_000);
    await customerWhileWaiting("anyone there?");
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).mode).toBe("handoff");

    h.clock.advance(2 * 60_000);
    await customer(textMessageUpdate(CHAT, "hello", { first_name: "Mei" }));
    expect(seen().at(-1)).toMatch(/Welcome to Solo Home & Tea/);
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).mode).toBe("bot");
    expect(blocksText(threadPosts().at(-1)!.params)).toContain("No reply here for 30 minutes");
  });

  it("forwards a long Chinese message whole, in sections Slack accepts", async () => {
    const chat = 3002;
    tg.pushUpdate(textMessageUpdate(chat, "我想找真人客服", { first_name: "小李", language_code: "zh" }));
    const root = await h.slack.waitForCall("chat.postMessage", (c) => c.params.channel === CHANNEL && !c.params.thread_ts && /小李/.test(String(c.params.text)));
    await h.telegram!.idle();
    await h.adapter.idle();
    // 3,600 characters without a space: more than one 3,000-character section, cut hard.
    const long = Array.from({ length: 3_600 }, (_, i) => "请问这款普洱茶饼适合送礼吗我想买两个"[i % 18]).join("");
    tg.pushUpdate(textMessageUpdate(chat, long, { first_name: "小李", language_code: "zh" }));
    const post = await h.slack.waitForCall("chat.postMessage", (c) => c.params.thread_ts === root.response.ts && JSON.stringify(c.params.blocks ?? "").includes("请问这款"));
    await h.telegram!.idle();
    await h.adapter.idle();
    // The fake refuses a section over 3,000 characters as Slack does (invalid_blocks).
    expect(post.response).toMatchObject({ ok: true });
    const sections = (post.params.blocks as { type: string; text: { text: string } }[]).filter((b) => b.type === "section").map((b) => b.text.text);
    expect(sections.length).toBeGreaterThan(1);
    const prefix = ":speech_balloon: *小李:* ";
    expect(sections[0]!.startsWith(prefix)).toBe(true);
    expect(sections.join("").slice(prefix.length)).toBe(long);
  });
});
