import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interpretOwnerText } from "../../adapters/slack/interpret-owner-text.ts";
import { loadIntentClassifier } from "../../bot/intent-model.ts";
import type { IntentClassifier } from "../../core/nlu/types.ts";
import type { Database } from "../../bot/database.ts";
import { seedDemoShop } from "../../prisma/seed.ts";
import { openTestDatabase } from "../helpers/test-database.ts";
import { OWNER_MODEL_CACHE } from "./slack-harness.ts";

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
    ["库存", { command: "stock", lowOnly: false }],
    ["restock jasmine silver needle tea with 12", { command: "restock", sku: "TEA-001", quantity: 12 }],
    ["orders paid", { command: "orders", filter: "paid" }],
    ["restock TEA-002 5", { command: "restock", sku: "TEA-002", quantity: 5 }],
  ])("%s", async (text, expected) => {
    const result = await interpret(text);
    expect(result.kind).toBe("command");
    expect(result.kind === "command" && result.command).toEqual(expected);
  });

  it("asks instead of guessing when something is missing or unclear", async () => {
    expect(await interpret("mark the order as shipped")).toMatchObject({ kind: "clarify", text: expect.stringMatching(/Which order/) });
    expect(await interpret("what is the weather like in Paris")).toMatchObject({ kind: "clarify" });
    expect(await interpret("add a new product please")).toMatchObject({ kind: "clarify", text: expect.stringMatching(/product add sku=/) });
  });
});
