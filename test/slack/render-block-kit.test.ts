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
