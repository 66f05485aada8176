/**
 * A customer's name and words reach the owner's Slack only escaped: in the blocks and in every
 * message's plain `text` (which Slack reads as mrkdwn for the notification it shows, and pings from).
 * Real bolt client, real Telegram adapter, the fake Slack recording what it was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackUpdate, mediaMessageUpdate, textMessageUpdate, type FakeTelegram } from "../fakes/telegram-bot-api.ts";
import { blocksText, startSlackHarness, type SlackHarness } from "./slack-harness.ts";

const CHAT = 4242;
const NAME = { first_name: "<!channel>", last_name: "<@U0OWNER01>" };
/** A special mention or a user mention as Slack would act on it: `<!channel>`, `<!everyone|x>`, `<@U…>`. */
const RAW_MENTION = /<!(?:channel|everyone|here)(?:\|[^>]*)?>|<@[UW][A-Z0-9]+>/;

/** Every mrkdwn text in a message's blocks, however deep (plain_text is shown as typed, never a mention). */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (typeof value !== "object" || value === null) return [];
  const node = value as Record<string, unknown>;
  const own = node.type === "mrkdwn" && typeof node.text === "string" ? [node.text] : [];
  return [...own, ...Object.values(node).flatMap(mrkdwnTexts)];
}

let h: SlackHarness;
let tg: FakeTelegram;
beforeAll(async () => {
  h = await startSlackHarness({ telegram: true });
  tg = h.telegramFake!;
});
afterAll(async () => {
  await h.close();
});

/** The customer sends something; resolves once both adapters are idle again. */
async function customer(update: Record<string, unknown>) {
  const before = tg.calls.length;
  tg.pushUpdate(update);
  await expect.poll(() => tg.calls.slice(before).some((c) => c.method === "sendMessage" && Number(c.params.chat_id) === CHAT), { timeout: 10_000 }).toBe(true);
  await h.telegram!.idle();
  await h.adapter.idle();
}

describe("a customer's words and name in the owner's Slack", () => {
  it("never reach Slack as a mention, in the text or the mrkdwn of any message", async () => {
    await customer(textMessageUpdate(CHAT, "hello <!everyone>", NAME));
    const tea = await h.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-002" } });
    await customer(callbackUpdate(CHAT, `o:${tea.id}`));
    await customer(callbackUpdate(CHAT, `q:${tea.id}:1`));
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { channel: "telegram" }, include: { customer: true } });
    // The name as Telegram gave it is the customer's name in the shop: it reaches the notifications.
    expect(conversation.customer.name).toBe("<!channel> <@U0OWNER01>");
    await customer(callbackUpdate(CHAT, `ok:${(conversation.state as { flow: { nonce: string } }).flow.nonce}`));
    await customer(textMessageUpdate(CHAT, "<!channel> Ann, 1 High St <!here>, Leeds LS1 4AB", NAME));
    await customer(textMessageUpdate(CHAT, "I want to talk to a real person <!everyone> <@U0OWNER01>", NAME));
    const root = await h.slack.waitForCall("chat.postMessage", (c) => /needs you/.test(String(c.params.text)));
    tg.pushUpdate(textMessageUpdate(CHAT, "are you there <!channel|channel> <@U0OWNER01> & <https://evil.example|your bank>", NAME));
    await h.slack.waitForCall("chat.postMessage", (c) => c.params.thread_ts === root.response.ts && /evil/.test(String(c.params.text)));
    // A file with a caption is uploaded to the thread with a comment.
    tg.addFile("receipt", { path: "documents/file_1.pdf", bytes: new Uint8Array([37, 80, 68, 70, 45, 49]), contentType: "application/pdf" });
    tg.pushUpdate(mediaMessageUpdate(CHAT, { document: { file_id: "receipt", file_unique_id: "r1", file_name: "<!channel>.pdf", mime_type: "application/pdf", file_size: 6 }, caption: "<!here> my receipt <@U0OWNER01>" }, NAME));
    const upload = await h.slack.waitForCall("files.completeUploadExternal", (c) => c.params.thread_ts === root.response.ts);
    await h.telegram!.idle();
    await h.adapter.idle();
    expect(String(upload.params.initial_comment)).toContain("my receipt");
    expect(String(upload.params.initial_comment)).not.toMatch(RAW_MENTION);
    // The owner looks the customer up.
    const answers = await Promise.all(["customers channel", "inbox", "orders", "leads all"].map(async (line) => h.slack.waitForResponse((await h.shop(line)).responseUrl)));

    const posted = h.slack.calls.filter((c) => c.method === "chat.postMessage" && c.response.ok === true);
    // Notifications for the order and the address, the handoff thread, the forwarded messages.
    expect(posted.map((c) => String(c.params.text)).join("\n")).toMatch(/New order[\s\S]*needs you[\s\S]*are you there/);
    expect(answers.map((a) => blocksText(a.body)).join("\n")).toContain("&lt;!channel&gt;");
    const seen = [...posted.map((c) => c.params), ...answers.map((a) => a.body)];
    for (const message of seen) {
      expect(String(message.text ?? ""), "the message's text").not.toMatch(RAW_MENTION);
      for (const text of mrkdwnTexts(message.blocks)) expect(text, "a mrkdwn text in the blocks").not.toMatch(RAW_MENTION);
    }
    // Nothing was refused, and the customer's words are there, escaped as Slack shows them.
    expect(h.slack.calls.filter((c) => c.response.ok === false)).toEqual([]);
    expect(posted.map((c) => String(c.params.text)).join("\n")).toContain("are you there &lt;!channel|channel&gt; &lt;@U0OWNER01&gt; &amp; &lt;https://evil.example|your bank&gt;");
  });
});
