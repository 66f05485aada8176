/**
 * The story of an erasure asked for in the chat, end to end through the real adapters: a customer on
 * Telegram asks to have their data deleted, is told what happens next, the owner gets the request in
 * Slack with Export / Erase buttons, presses Erase, confirms, and the customer's data is gone, the
 * request answered, and the same chat starts a new customer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessageUpdate, type FakeTelegram } from "./fakes/telegram-bot-api.ts";
import { blocksText, buttonsOf, CHANNEL, commandValue, OWNER, startSlackHarness, type SlackHarness } from "./slack/slack-harness.ts";

const CHAT = 4242;

describe("a customer on Telegram asks to have their data deleted, and the owner erases it from Slack", () => {
  let h: SlackHarness;
  let tg: FakeTelegram;
  let customerId: number;

  beforeAll(async () => {
    h = await startSlackHarness({ telegram: true });
    tg = h.telegramFake!;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  /** What the Telegram customer has been sent so far. */
  const seen = () => tg.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === CHAT && c.status === 200).map((c) => c.plain ?? "");
  const requestPosts = () => h.slack.callsTo("chat.postMessage").filter((c) => c.params.channel === CHANNEL && /asks you to delete their data/.test(String(c.params.text)));

  /** The customer writes; resolves once the shop has answered and the adapters are idle. */
  async function say(text: string) {
    const before = seen().length;
    tg.pushUpdate(textMessageUpdate(CHAT, text, { first_name: "Mei" }));
    await expect.poll(() => seen().length, { timeout: 10_000 }).toBeGreaterThan(before);
    await h.telegram!.idle();
    await h.adapter.idle();
    return seen().at(-1)!;
  }

  it("tells the customer what happens next and brings the owner the request with Export and Erase", async () => {
    expect(await say("hi, I'm Mei, mei.lin@example.org")).not.toMatch(/delete/);
    expect(await say("please delete my data")).toMatch(/passed your request to delete your personal data to the owner/);
    ({ customerId } = await h.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "telegram", externalId: String(CHAT) } } }));
    expect(await h.app.db.dataRequest.findMany({ where: { customerId } })).toMatchObject([{ kind: "erasure", answeredAt: null }]);

    await expect.poll(() => requestPosts().length, { timeout: 10_000 }).toBe(1);
    const post = requestPosts()[0]!;
    expect(blocksText(post.params)).toContain(`Customer ${customerId}, on telegram`);
    expect(buttonsOf(post.params).map((b) => [b.text, b.value])).toEqual([
      ["Export", commandValue(`customer ${customerId} export`)],
      ["Erase", commandValue(`customer ${customerId} erase`)],
      ["Open customer", commandValue(`customer ${customerId}`)],
    ]);
  });

  it("does not bring the owner the same request twice while it is open", async () => {
    expect(await say("delete my account")).toMatch(/already with the owner/);
    await h.adapter.idle();
    expect(requestPosts()).toHaveLength(1);
    expect(await h.app.db.dataRequest.count({ where: { customerId } })).toBe(1);
  });

  it("erases once the owner presses Erase and confirms; the request is answered and the customer told", async () => {
    const erase = buttonsOf(requestPosts()[0]!.params).find((b) => b.text === "Erase")!;
    const asked = await h.press(erase.action_id, erase.value);
    const preview = (await h.slack.waitForResponse(asked.responseUrl)).body;
    // Pressing Erase asks first: nothing is gone yet.
    expect((await h.app.db.customer.findUniqueOrThrow({ where: { id: customerId } })).erasedAt).toBeNull();
    expect(await h.app.db.dataRequest.count({ where: { customerId, answeredAt: null } })).toBe(1);
    const confirm = buttonsOf(preview).find((b) => b.value === commandValue(`customer ${customerId} erase confirm`))!;
    expect(confirm.text).toBe(`Erase customer #${customerId}`);

    const pressed = await h.press(confirm.action_id, confirm.value);
    expect(blocksText((await h.slack.waitForResponse(pressed.responseUrl)).body)).toContain(`Customer #${customerId} erased`);
    expect(await h.app.db.customer.findUniqueOrThrow({ where: { id: customerId } })).toMatchObject({ name: null, email: null, erasedAt: h.clock.now() });
    expect(await h.app.db.channelIdentity.count({ where: { customerId } })).toBe(0);
    expect(await h.app.db.dataRequest.findMany({ where: { customerId } })).toMatchObject([{ kind: "erasure", answer: "erased", answeredBy: `slack:${OWNER}`, answeredAt: h.clock.now() }]);
    // The customer hears it is done, once, in their chat.
    await expect.poll(() => seen().at(-1), { timeout: 10_000 }).toMatch(/the owner has deleted your personal data/);
    // Nothing of what they said is left in the database.
    expect(await h.app.db.message.count({ where: { conversation: { customerId }, text: { contains: "mei.lin" } } })).toBe(0);
  });

  it("starts a new customer when the same chat writes again", async () => {
    expect(await say("hello")).toMatch(/Welcome to/);
    const identity = await h.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "telegram", externalId: String(CHAT) } } });
    expect(identity.customerId).not.toBe(customerId);
    expect(await h.app.db.customer.findUniqueOrThrow({ where: { id: identity.customerId } })).toMatchObject({ email: null, erasedAt: null });
    expect(await h.app.db.dataRequest.count({ where: { customerId: identity.customerId } })).toBe(0);
  });
});
