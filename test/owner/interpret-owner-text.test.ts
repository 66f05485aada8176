import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interpretOwnerText } from "../../core/owner/interpret-owner-text.ts";
import { loadIntentClassifier } from "../../bot/intent-model.ts";
import type { IntentClassifier } from "../../core/nlu/types.ts";
import type { Database } from "../../bot/database.ts";
import { seedDemoShop } from "../../prisma/seed.ts";
import { openTestDatabase } from "../helpers/test-database.ts";
import { OWNER_MODEL_CACHE } from "../slack/slack-harness.ts";

describe("the owner's plain-language requests", () => {
  let database: Database;
  let classifier: IntentClassifier;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoShop(database.prisma);
    classifier = await loadIntentClassifier({ set: "owner", cacheDir: OWNER_MODEL_CACHE });
  });
  afterAll(async () => {
    await database.close();
  });
  const interpret = (text: string) => interpretOwnerText({ db: database.prisma, classifier }, text);

  it.each([
    ["mark order 12 as shipped", { command: "order", orderId: 12, to: "shipped" }],
    ["订单12已发货", { command: "order", orderId: 12, to: "shipped" }],
    ["cancel order 7", { command: "order", orderId: 7, to: "cancelled" }],
    ["show me the open orders", { command: "orders", filter: "open" }],
    ["which orders are paid?", { command: "orders", filter: "paid" }],
    ["any new leads?", { command: "leads", all: false }],
    ["what's running low in stock", { command: "stock", lowOnly: true }],
    ["what should I reorder?", { command: "stockPlan" }],
    ["which products need restocking?", { command: "stockPlan" }],
    ["what will run out soon?", { command: "stockPlan" }],
    ["when will the lavender soy candle run out?", { command: "stockPlan", sku: "CND-001" }],
    ["该补什么货", { command: "stockPlan" }],
    ["哪些商品需要补货？", { command: "stockPlan" }],
    ["库存", { command: "stock", lowOnly: false }],
    ["restock jasmine silver needle tea with 12", { command: "restock", sku: "TEA-001", quantity: 12 }],
    ["orders paid", { command: "orders", filter: "paid" }],
    ["restock TEA-002 5", { command: "restock", sku: "TEA-002", quantity: 5 }],
    ["backup", { command: "backup" }],
    ["top 5", { command: "topCustomers", limit: 5 }],
    ["who are my best customers?", { command: "topCustomers", limit: 10 }],
    ["show my top 3 customers by lifetime value", { command: "topCustomers", limit: 3 }],
    ["最有价值的客户是谁", { command: "topCustomers", limit: 10 }],
    ["any orders to ship?", { command: "orders", filter: "paid" }],
    ["add 10 mugs", { command: "restock", sku: "CER-002", quantity: 10 }],
    ["change the price of the mug to 18", { command: "productUpdate", sku: "CER-002", fields: { price: "18" } }],
    ["set the price of CER-002 to £17.50", { command: "productUpdate", sku: "CER-002", fields: { price: "17.50" } }],
    ["set the price of CER-002 to £1,299.50", { command: "productUpdate", sku: "CER-002", fields: { price: "1299.50" } }],
    ["change the price of the mug to 18, please", { command: "productUpdate", sku: "CER-002", fields: { price: "18" } }],
    ["把马克杯的价格改成19", { command: "productUpdate", sku: "CER-002", fields: { price: "19" } }],
    ["is anyone waiting for me?", { command: "inbox" }],
    ["有人找我吗", { command: "inbox" }],
    ["order 12 sent, tracking RM123456789GB", { command: "order", orderId: 12, to: "shipped", trackingRef: "RM123456789GB" }],
    ["哪些订单待发货", { command: "orders", filter: "paid" }],
    ["which customers haven't ordered in a while?", { command: "segments" }],
    // With a length of time, the people themselves: an audience.
    ["Who hasn't ordered in two months?", { command: "audience", audience: "no-order=60d" }],
    // Campaigns and automations, by name and number.
    ["how are my campaigns doing?", { command: "campaigns" }],
    ["send campaign 3", { command: "campaignSend", campaignId: 3 }],
    ["please cancel campaign #4", { command: "campaignCancel", campaignId: 4 }],
    ["how is campaign 3 going", { command: "campaign", campaignId: 3 }],
    ["营销活动3发送", { command: "campaignSend", campaignId: 3 }],
    ["取消营销活动5", { command: "campaignCancel", campaignId: 5 }],
    ["我的营销活动", { command: "campaigns" }],
    ["show my automations", { command: "automations" }],
    ["pause automation 2", { command: "automationChange", automationId: 2, action: "pause" }],
    ["turn automation 2 back on", { command: "automationChange", automationId: 2, action: "resume" }],
    ["delete automation 6", { command: "automationChange", automationId: 6, action: "delete" }],
    ["暂停自动化2", { command: "automationChange", automationId: 2, action: "pause" }],
    ["恢复自动化2", { command: "automationChange", automationId: 2, action: "resume" }],
    ["自动化2怎么样了", { command: "automation", automationId: 2 }],
    ["两个月没下单的客户", { command: "audience", audience: "no-order=60d" }],
    ["which customers haven't ordered in 90 days", { command: "audience", audience: "no-order=90d" }],
    ["三个月没有买东西的客户", { command: "audience", audience: "no-order=90d" }],
    ["chinese speaking customers who haven't ordered for six weeks", { command: "audience", audience: "no-order=42d and lang=zh" }],
    ["who bought the jasmine silver needle tea in the last 30 days?", { command: "audience", audience: "bought=TEA-001 within=30d" }],
    ["which customers opted in to marketing?", { command: "audience", audience: "opted-in" }],
    ["说中文的客户有哪些", { command: "audience", audience: "lang=zh" }],
    ["买过茉莉银针的客户", { command: "audience", audience: "bought=TEA-001" }],
    // As the README says them.
    ["which customers opted in?", { command: "audience", audience: "opted-in" }],
    ["who bought the jasmine tea in the last 30 days?", { command: "audience", audience: "bought=TEA-001 within=30d" }],
    ["说中文的客户", { command: "audience", audience: "lang=zh" }],
    ["有哪些流失的客户", { command: "segments" }],
    ["今天有多少新客户？", { command: "leads", all: false }],
    ["what's the forecast for next month?", { command: "forecast", days: 30 }],
    ["forecast for the next two weeks", { command: "forecast", days: 14 }],
    ["hot 5", { command: "hotLeads", limit: 5 }],
    ["leads hot 3", { command: "hotLeads", limit: 3 }],
    ["who should I follow up with?", { command: "hotLeads", limit: 10 }],
    ["show me the 5 hottest leads", { command: "hotLeads", limit: 5 }],
    ["今天该跟进谁？", { command: "hotLeads", limit: 10 }],
    ["please back up the database now", { command: "backup" }],
    ["现在备份数据库", { command: "backup" }],
    ["what sold best this week?", { command: "sales", period: 7 }],
    ["how many orders today?", { command: "sales", period: "today" }],
    ["show me yesterday's orders", { command: "orders", filter: "yesterday" }],
    ["今天的订单", { command: "orders", filter: "today" }],
    ["how much did we make yesterday", { command: "sales", period: "yesterday" }],
    ["今天卖了多少？", { command: "sales", period: "today" }],
    ["这个月的营业额", { command: "sales", period: 30 }],
    ["sales 7", { command: "sales", period: 7 }],
    // The digest's other contents, or stock, are not a sales question.
    ["yesterday's sales and leads", { command: "digest" }],
    ["what sold out today?", { command: "stock", lowOnly: true }],
  ])("%s", async (text, expected) => {
    const result = await interpret(text);
    expect(result.kind).toBe("command");
    expect(result.kind === "command" && result.command).toEqual(expected);
  });

  // Adding to the stock and setting it are easy to confuse and both change data: the words decide
  // where they are clear, and the owner is asked where they are not.
  it.each([
    ["add 10 more jasmine silver needle tea", { command: "restock", sku: "TEA-001", quantity: 10 }],
    ["20 dragon well green tea arrived today", { command: "restock", sku: "TEA-004", quantity: 20 }],
    ["we received 6 celadon teapots", { command: "restock", sku: "CER-001", quantity: 6 }],
    ["茉莉银针到货20件", { command: "restock", sku: "TEA-001", quantity: 20 }],
    ["西湖龙井补货15", { command: "restock", sku: "TEA-004", quantity: 15 }],
    ["set the celadon teapot stock to 4", { command: "setStock", sku: "CER-001", quantity: 4 }],
    ["only 3 lavender soy candles left after the count", { command: "setStock", sku: "CND-001", quantity: 3 }],
    ["blue speckled mug stock is now 12", { command: "setStock", sku: "CER-002", quantity: 12 }],
    ["蓝色斑点马克杯库存改为12", { command: "setStock", sku: "CER-002", quantity: 12 }],
    ["盘点后西湖龙井实际有8件", { command: "setStock", sku: "TEA-004", quantity: 8 }],
  ])("stock: %s", async (text, expected) => {
    const result = await interpret(text);
    expect(result.kind === "command" && result.command).toEqual(expected);
  });

  it("asks instead of guessing when something is missing or unclear", async () => {
    expect(await interpret("mark the order as shipped")).toMatchObject({ kind: "clarify", text: expect.stringMatching(/Which order/) });
    expect(await interpret("what is the weather like in Paris")).toMatchObject({ kind: "clarify" });
    expect(await interpret("add a new product please")).toMatchObject({ kind: "clarify", text: expect.stringMatching(/product add sku=/) });
    expect(await interpret("I want to create a new campaign for the spring teas")).toMatchObject({ kind: "clarify", text: expect.stringMatching(/campaign new name=/) });
    expect(await interpret("set up an automation for review requests")).toMatchObject({ kind: "clarify", text: expect.stringMatching(/automation new name=.*when=delivered\+7d/) });
    // Five teas: which one's price is not a guess.
    expect(await interpret("change the price of the tea to 5")).toMatchObject({ kind: "clarify", text: expect.stringMatching(/product update <sku>/) });
    // "1,29" is neither £1 nor £129: a malformed amount is asked for again.
    expect(await interpret("set the price of CER-002 to 1,29")).toMatchObject({ kind: "clarify", text: expect.stringMatching(/product update <sku>/) });
  });
});
