import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchFaq } from "../core/faq/match-faq.ts";
import { parseOwnerCommand } from "../core/owner/parse-owner-command.ts";
import { DEMO_FAQ } from "../prisma/demo-shop.ts";
import { seedDemoShop } from "../prisma/seed.ts";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

const entries = [
  { id: 1, question: "Do you gift wrap?", answer: "wrap" },
  { id: 2, question: "What are your opening hours?", answer: "hours" },
  { id: 3, question: "提供礼品包装吗", answer: "包装" },
  { id: 4, question: "Are your ceramics dishwasher safe?", answer: "dishwasher" },
  { id: 5, question: "几点营业？营业时间？", answer: "营业时间" },
];

describe("matching a message to the owner's answers", () => {
  it.each([
    ["do you have gift wrapping?", 1],
    ["Do you offer gift-wrapping", 1],
    ["when are you open? what hours?", 2],
    ["可以包装礼物吗", 3],
    ["is the ceramic stuff dishwasher safe", 4],
    // An entry asked two ways is matched by either; "几点" (what time) is the asking, not the subject.
    ["你们周日营业吗", 5],
    ["营业时间是几点", 5],
  ])("%s → answer %i", (text, id) => {
    expect(matchFaq(text, entries)?.entry.id).toBe(id);
  });

  it.each(["where is my order?", "do you ship to France?", "what's your return policy", "几点发货", "什么时候发货", "hello"])("%s → no answer", (text) => {
    expect(matchFaq(text, entries)).toBeUndefined();
  });
});

describe("the owner's faq command", () => {
  it("parses add with a bar between question and answer, without needing quotes", () => {
    expect(parseOwnerCommand("faq add Do you gift wrap? | Yes, £2 per item.")).toEqual({ ok: true, value: { command: "faqAdd", question: "Do you gift wrap?", answer: "Yes, £2 per item." } });
    expect(parseOwnerCommand('/shop faq add “Do you gift wrap?” | "Yes | £2"')).toEqual({ ok: true, value: { command: "faqAdd", question: "Do you gift wrap?", answer: "Yes | £2" } });
    expect(parseOwnerCommand("faq add Do you gift wrap?")).toEqual({ ok: false, error: "Usage: faq add <question> | <answer>" });
    expect(parseOwnerCommand("faq remove 3")).toEqual({ ok: true, value: { command: "faqRemove", entryId: 3 } });
    expect(parseOwnerCommand("faq")).toEqual({ ok: true, value: { command: "faqList" } });
  });
});

describe("customers get the owner's answers", () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp();
    // The demo shop comes with answers of its own (tested below); this shop starts with none.
    await ctx.app.db.faqEntry.deleteMany();
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const owner = (command: string) => ctx.app.owner.handle(command).then(textOf);

  it("answers a question the owner taught, in the customer's words, and forgets it when removed", async () => {
    expect(await owner("faq")).toContain("No answers yet");
    const added = await owner("faq add Do you offer gift wrapping? | Yes: £2 per item, chosen when you order.");
    const id = Number(/#(\d+)/.exec(added)?.[1]);
    expect(added).toContain("Added answer #");
    await owner("faq add 提供礼品包装吗 | 提供，每件 £2。");
    expect(await owner("faq")).toMatch(/#\d+ Do you offer gift wrapping\?\n {4}→ Yes: £2 per item/);

    const customer = createCustomer(ctx.app, "faq-en");
    expect(textOf(await customer.say("can you gift wrap it?"))).toBe("Yes: £2 per item, chosen when you order.");
    const chinese = createCustomer(ctx.app, "faq-zh");
    expect(textOf(await chinese.say("可以包装礼物吗"))).toBe("提供，每件 £2。");

    // Questions only the shop's data answers still get it.
    expect(textOf(await customer.say("where is my order?"))).not.toContain("£2 per item");
    expect(textOf(await customer.say("I want to buy a gift"))).not.toContain("£2 per item");

    expect(await owner(`faq remove ${id}`)).toBe(`Removed answer #${id}.`);
    expect(textOf(await customer.say("can you gift wrap it?"))).not.toContain("£2 per item");
    expect(await owner(`faq remove ${id}`)).toContain(`There is no answer #${id}`);
  });

  it("refuses an empty or oversized answer and stores nothing", async () => {
    const before = await ctx.app.db.faqEntry.count();
    expect(await owner("faq add Do you ship abroad? |  ")).toContain("The answer is empty.");
    expect(await owner(`faq add Do you ship abroad? | ${"x".repeat(2_001)}`)).toContain("under 2,000 characters");
    expect(await ctx.app.db.faqEntry.count()).toBe(before);
  });
});

describe("the demo shop's own answers", () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("are seeded with the catalog, both languages, and listed to the owner", async () => {
    const listed = textOf(await ctx.app.owner.handle("faq"));
    expect(listed).toContain("Do you gift wrap?");
    expect(listed).toContain("可以包装礼物吗？");
    expect(await ctx.app.db.faqEntry.count()).toBe(DEMO_FAQ.length);
  });

  it.each([
    ["do you have gift wrapping?", "en", "gift wrapping is £2 per order"],
    ["what are your opening hours?", "en", "no shop to visit"],
    ["can I visit your store?", "en", "no shop to visit"],
    // Read as greetings by the classifier, but questions: the owner's answer, not "Welcome to…".
    ["are you open on sunday?", "en", "no shop to visit"],
    ["are you open today?", "en", "no shop to visit"],
    ["do you do wholesale?", "en", "trade price"],
    ["could you send it to someone else?", "en", "give their name and address instead of yours"],
    ["can I add a message for her?", "en", "hand-writes it on a card"],
    ["可以直接寄给朋友吗", "zh", "填写对方的姓名和地址"],
    ["可以包装礼物吗", "zh", "礼品包装每个订单 £2"],
    ["你们几点营业", "zh", "没有实体店"],
    ["你们周日营业吗？", "zh", "没有实体店"],
    ["有实体店吗", "zh", "没有实体店"],
  ])("answer %j", async (text, locale, expected) => {
    const customer = createCustomer(ctx.app, `demo-faq-${text}`, locale);
    expect(textOf(await customer.say(text))).toContain(expected);
  });

  it("leave greetings, orders and shipping questions to the assistant", async () => {
    const customer = createCustomer(ctx.app, "demo-faq-other");
    expect(textOf(await customer.say("hi"))).toContain("Welcome to");
    expect(textOf(await customer.say("hi, how are you?"))).toContain("Welcome to");
    expect(textOf(await customer.say("good morning!"))).toContain("Welcome to");
    expect(textOf(await customer.say("I want to buy a gift"))).not.toContain("gift wrapping is £2");
    expect(textOf(await customer.say("do you ship to France?"))).toContain("5–10 days to most other countries");
  });

  it("are not added again to a shop that already has products or answers", async () => {
    expect(await seedDemoShop(ctx.app.db)).toBe(0);
    expect(await ctx.app.db.faqEntry.count()).toBe(DEMO_FAQ.length);
  });
});
