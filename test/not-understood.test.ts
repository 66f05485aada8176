import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messagesFor } from "../core/i18n.ts";
import { buildKnownWords, hasKnownWord } from "../core/nlu/known-words.ts";
import { createCustomer, createTestApp, textOf } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

const en = messagesFor("en");
const menu = ["b", "r", "s", "h"];
const payloadsOf = (replies: Awaited<ReturnType<ReturnType<typeof createCustomer>["say"]>>) => replies.flatMap((r) => r.buttons?.flat() ?? []).map((b) => b.payload);

describe("known words", () => {
  const known = buildKnownWords(["show me your candles", "where is my order"]);

  it("knows the examples' words, their stems, stopwords, chat shorthand and one-typo spellings", () => {
    expect(hasKnownWord("candle", known)).toBe(true);
    expect(hasKnownWord("ordering", known)).toBe(true);
    expect(hasKnownWord("whereas", known)).toBe(false);
    expect(hasKnownWord("through", known)).toBe(true);
    expect(hasKnownWord("thx", known)).toBe(true);
    expect(hasKnownWord("hmmm", known)).toBe(true);
    expect(hasKnownWord("candels", known)).toBe(true);
    expect(hasKnownWord("asdkjh qwe", known)).toBe(false);
    expect(hasKnownWord("bonjour tasse", known)).toBe(false);
  });

  it("leaves Chinese, numbers, e-mail addresses and wordless text to other rules", () => {
    expect(hasKnownWord("这个多少钱", known)).toBe(true);
    expect(hasKnownWord("zzq 12", known)).toBe(true);
    expect(hasKnownWord("zzq@zzq.zz", known)).toBe(true);
    expect(hasKnownWord("?!", known)).toBe(true);
  });
});

describe("a message of no word the shop knows", () => {
  it("is told plainly it was not understood, with the menu, instead of two guesses", async () => {
    const replies = await createCustomer(ctx.app, "keyboard").say("asdkjh qwe");
    expect(textOf(replies)).toBe(en.notUnderstood());
    expect(payloadsOf(replies)).toEqual(menu);
  });

  it("is not a complaint however sure the classifier is (\"qwerty\" once fetched the owner)", async () => {
    const customer = createCustomer(ctx.app, "qwerty");
    expect(textOf(await customer.say("qwerty"))).toBe(en.notUnderstood());
    const conversation = await ctx.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: "qwerty" } } } } });
    expect(conversation.mode).toBe("bot");
  });

  it("keeps an order waiting for its confirmation", async () => {
    const customer = createCustomer(ctx.app, "typo-at-confirm");
    await customer.say("I'd like 2 blue speckled mugs");
    const replies = await customer.say("zxcv bnm");
    expect(textOf(replies)).toContain(en.notUnderstood());
    expect(textOf(replies)).toContain("2 × Blue Speckled Mug");
    expect(payloadsOf(replies).some((p) => p.startsWith("ok:"))).toBe(true);
  });

  it("twice in a row brings in the owner, as any two misunderstandings do", async () => {
    const customer = createCustomer(ctx.app, "twice");
    await customer.say("asdkjh qwe");
    expect(textOf(await customer.say("bonjour je voudrais une tasse"))).toBe(en.handoff());
  });

  it("is answered in the customer's words when they are the catalog's or the FAQ's", async () => {
    await ctx.app.db.faqEntry.create({ data: { question: "Do you do engraving?", answer: "Yes, up to 20 letters, £5." } });
    expect(textOf(await createCustomer(ctx.app, "engrave").say("engraving?"))).toContain("up to 20 letters");
    expect(textOf(await createCustomer(ctx.app, "sandalwood").say("sandalwood"))).toContain("Sandalwood Pillar Candle");
  });
});

describe("a nod the classifier cannot place", () => {
  it.each(["cool", "thx", "got it"])("%s gets a friendly word and the menu", async (text) => {
    const replies = await createCustomer(ctx.app, `nod-${text}`).say(text);
    expect(textOf(replies)).toBe(en.acknowledged());
    expect(payloadsOf(replies)).toEqual(menu);
  });
});

describe("a search naming a kind and a colour", () => {
  it("lists the products that are both, not everything blue and every mug", async () => {
    const replies = await createCustomer(ctx.app, "blue-mug").say("show me the blue mug");
    expect(textOf(replies)).toContain("Blue Speckled Mug");
    expect(textOf(replies)).not.toMatch(/Pouch|Earl Grey|Candle/);
  });

  it("still lists two kinds named together", async () => {
    const text = textOf(await createCustomer(ctx.app, "two-kinds").say("do you have teapots or mugs?"));
    expect(text).toContain("Celadon Teapot");
    expect(text).toContain("Blue Speckled Mug");
  });
});
