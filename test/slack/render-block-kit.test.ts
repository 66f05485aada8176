import { describe, expect, it } from "vitest";
import { escapeMrkdwn, renderCustomerMessage, renderHandoff, renderNotification, renderOwnerReplies, renderStatus, slackToPlainText } from "../../adapters/slack/render-block-kit.ts";
import type { OwnerNotification } from "../../core/ports.ts";
import { blockKitProblems } from "../fakes/slack-web-api.ts";
import { writeCommandValue } from "../../core/owner/parse-owner-command.ts";

describe("Block Kit rendering", () => {
  it("escapes customer and catalog text so it cannot ping the channel or forge a link", () => {
    expect(escapeMrkdwn("<!channel> & <https://evil.example|your bank>")).toBe("&lt;!channel&gt; &amp; &lt;https://evil.example|your bank&gt;");
    const message = renderCustomerMessage({ customerName: "<!here>", text: "hi <@U123> & bye" });
    expect(JSON.stringify(message.blocks)).not.toMatch(/<!here>|<@U123>/);
  });

  it("turns the owner's Slack formatting into plain text for the customer", () => {
    expect(slackToPlainText("Yes &amp; no &lt;3 <https://shop.example/care|care guide> <https://a.example> <mailto:me@shop.example|me@shop.example> <@U123> <!here>")).toBe(
      "Yes & no <3 care guide (https://shop.example/care) https://a.example me@shop.example",
    );
  });

  it("stays within 50 blocks, 3,000 characters a section and 25 buttons an actions block, however long the answer", () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `SKU-${i}      12  A product with a long name number ${i} <&>`).join("\n");
    const buttons = Array.from({ length: 60 }, (_, i) => [{ label: `A very long button label that goes on and on and on and on ${i}`, command: { command: "order" as const, orderId: i + 1, to: "shipped" as const } }]);
    const message = renderOwnerReplies([{ text, buttons }, { text: "second reply" }]);
    expect(blockKitProblems(message.blocks)).toEqual([]);
    expect(message.blocks).toHaveLength(50);
    expect(JSON.stringify(message.blocks.at(-1))).toContain("not shown");
    expect(message.text.length).toBeLessThanOrEqual(3_000);
    // Aligned columns are shown in monospace.
    expect((message.blocks[0] as { text: { text: string } }).text.text.startsWith("```SKU-0")).toBe(true);
  });

  it("renders every notification with its buttons and a handoff with everything the owner needs", () => {
    const notifications: Exclude<OwnerNotification, { type: "handoff_requested" }>[] = [
      { type: "new_lead", customerId: 1, leadId: 2, name: "Ann <b>", contact: "ann@example.com" },
      { type: "new_order", orderId: 3, customerId: 1, customerName: null, totalMinor: 1234, currency: "GBP", lines: ["1 × Tea & cake"] },
      { type: "payment_received", orderId: 3, totalMinor: 1234, currency: "GBP" },
      { type: "payment_claimed", orderId: 3, customerId: 1, customerName: "Ann <!here>", totalMinor: 1234, currency: "GBP" },
      { type: "low_stock", productId: 4, sku: "TEA-1", name: "Tea", stock: 2, threshold: 5 },
      { type: "new_order", orderId: 5, customerId: 1, customerName: "Ann", totalMinor: 1234, currency: "GBP", lines: ["1 × Tea"], address: "Ann <!channel>\n1 High St\nLeeds LS1 4AB" },
      { type: "shipping_address", orderId: 5, customerId: 1, customerName: "Ann", address: "Ann <!channel>\n1 High St\nLeeds LS1 4AB\n" + "x".repeat(490) },
    ];
    for (const n of notifications) {
      expect(blockKitProblems(renderNotification(n).blocks)).toEqual([]);
    }
    // "Says they have paid" comes with Mark paid, and the customer's name cannot ping the channel.
    const claimed = JSON.stringify(renderNotification(notifications[3]!).blocks);
    expect(claimed).toContain(JSON.stringify(writeCommandValue({ command: "order", orderId: 3, to: "paid" })).slice(1, -1));
    expect(claimed).not.toContain("<!here>");
    // The customer's address is shown, escaped: it cannot ping the channel.
    const shipTo = JSON.stringify(renderNotification(notifications.at(-1)!).blocks);
    expect(shipTo).toContain("1 High St");
    expect(shipTo).not.toContain("<!channel>");
    const handoff = renderHandoff(
      { conversationId: 9, customerId: 1, customerName: "x".repeat(400), username: "ann", channel: "telegram", locale: "zh", reason: "complaint", recentMessages: Array.from({ length: 30 }, () => ({ from: "customer" as const, text: "long ".repeat(500), at: new Date() })), openOrders: [{ id: 3, status: "placed", total: "£12.34" }] },
      { again: false },
    );
    expect(blockKitProblems(handoff.blocks)).toEqual([]);
    expect(JSON.stringify(handoff.blocks)).toContain("Chinese (中文)");
    expect(renderStatus("<@U0OWNER01> handed this back & <!channel>").blocks[0]).toMatchObject({ elements: [{ text: "<@U0OWNER01> handed this back &amp; &lt;!channel&gt;" }] });
  });
});

/** Slack's escapes undone, the way a Slack client shows mrkdwn text. */
function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * That `pieces` (escaped) are `original` in order with only whitespace between them: nothing lost,
 * nothing repeated, no escape or surrogate pair cut in two (a cut one would not unescape back).
 */
function expectPiecesOf(original: string, pieces: string[]) {
  let at = 0;
  for (const piece of pieces) {
    expect(piece).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?$/);
    const plain = unescapeMrkdwn(piece);
    while (!original.startsWith(plain, at) && /\s/.test(original[at] ?? "")) at++;
    expect(original.slice(at, at + plain.length)).toBe(plain);
    at += plain.length;
  }
  expect(original.slice(at).trim()).toBe("");
}

/** Varied long texts: Chinese without spaces, emoji, escapes that grow fivefold, a long URL, a mix. */
function longTexts(): { name: string; text: string }[] {
  let seed = 20_261_207;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = (alphabet: string[]) => alphabet[Math.floor(random() * alphabet.length)]!;
  const mixed = [..."茶杯壶的我你好", "🍵", "🫖", "&", "<", ">", " ", "\n", "a", "b", "https://x.example/?a=1&b=2", "&amp;"];
  const texts = [
    { name: "3,600 Chinese characters", text: "我想问一下这款茶叶的产地和保存方法".repeat(212).slice(0, 3_600) },
    { name: "emoji", text: "🍵🫖".repeat(1_700) },
    { name: "ampersands", text: "&".repeat(3_700) },
    { name: "angle brackets", text: "<>".repeat(1_900) },
    { name: "a long URL", text: `https://shop.example/search?${Array.from({ length: 400 }, (_, i) => `q${i}=tea&x=<${i}>`).join("&")}` },
    { name: "Chinese then ampersands", text: `${"茶".repeat(2_990)}${"&".repeat(40)}${"茶".repeat(500)}` },
    { name: "emoji after an odd prefix", text: `a${"🍵".repeat(2_000)}` },
  ];
  for (let n = 0; n < 25; n++) {
    const length = 2_500 + Math.floor(random() * 6_000);
    let text = "";
    while (text.length < length) text += pick(mixed);
    texts.push({ name: `mixed #${n}`, text });
  }
  return texts;
}

describe("Block Kit sections for long text", () => {
  const sectionTexts = (blocks: unknown[]) => (blocks as { type: string; text?: { text: string } }[]).filter((b) => b.type === "section").map((b) => b.text!.text);

  it("forwards any long customer message in sections of at most 3,000 characters that add up to the message", () => {
    for (const name of ["Mei", "<!channel> & co", "李".repeat(40)]) {
      for (const { name: kind, text } of longTexts()) {
        const message = renderCustomerMessage({ customerName: name, text });
        expect(blockKitProblems(message.blocks), `${kind} from ${name}`).toEqual([]);
        const sections = sectionTexts(message.blocks);
        for (const section of sections) expect(section.length, `${kind} from ${name}`).toBeLessThanOrEqual(3_000);
        const prefix = `:speech_balloon: *${escapeMrkdwn(name)}:* `;
        expect(sections[0]!.startsWith(prefix)).toBe(true);
        expectPiecesOf(text, [sections[0]!.slice(prefix.length), ...sections.slice(1)]);
      }
    }
  });

  it("splits any long owner answer within the limit without cutting an escape or a surrogate pair", () => {
    for (const { name: kind, text } of longTexts()) {
      const message = renderOwnerReplies([{ text }]);
      expect(blockKitProblems(message.blocks), kind).toEqual([]);
      const sections = sectionTexts(message.blocks).map((s) => s.replace(/^```([\s\S]*)```$/, "$1"));
      expectPiecesOf(text, sections);
    }
  });

  it("keeps a handoff's recent messages within the limit whatever they hold", () => {
    for (const { name: kind, text } of longTexts()) {
      const handoff = renderHandoff(
        { conversationId: 9, customerId: 1, customerName: "Mei", username: null, channel: "telegram", locale: "zh", reason: "asked for a person", recentMessages: Array.from({ length: 20 }, () => ({ from: "customer" as const, text, at: new Date() })), openOrders: [] },
        { again: false },
      );
      expect(blockKitProblems(handoff.blocks), kind).toEqual([]);
    }
  });
});
