/**
 * The owner's audience commands as the owner reads them, in English and in Chinese: saving,
 * listing, showing who is in one (by name or by definition), the refusals, and the plain-words
 * question "Who hasn't ordered in two months?" / "两个月没下单的客户", which lists people.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.ts";
import { createTestApp, textOf } from "../helpers/test-app.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";

/** The test app's clock: Friday 20 November 2026, 10:00 in London. "No order in 60 days" means none since 22 September. */
const ENV = { TZ: "Europe/London" };

/** Three customers whose membership is plain to see, with their orders; returns their ids. */
async function seedCustomers(app: App) {
  const product = (sku: string) => app.db.product.findUniqueOrThrow({ where: { sku } });
  const person = async (name: string, data: { locale: string; consent: boolean; telegram?: string; console?: string; email?: string; phone?: string }, orders: [string, string][]) => {
    const customer = await app.db.customer.create({
      data: {
        name,
        locale: data.locale,
        marketingConsent: data.consent,
        ...(data.email ? { email: data.email } : {}),
        ...(data.phone ? { phone: data.phone } : {}),
        identities: { create: [...(data.telegram ? [{ channel: "telegram" as const, externalId: data.telegram }] : []), ...(data.console ? [{ channel: "console" as const, externalId: data.console }] : [])] },
      },
    });
    for (const [sku, placedAt] of orders) {
      const p = await product(sku);
      await app.db.order.create({ data: { customerId: customer.id, status: "delivered", channel: "telegram", totalMinor: p.priceMinor, currency: "GBP", placedAt: new Date(placedAt), lines: { create: [{ productId: p.id, quantity: 1, unitPriceMinor: p.priceMinor }] } } });
    }
    return customer.id;
  };
  // Li: Chinese, opted in, on Telegram; jasmine tea on 1 September (80 days before).
  const li = await person("Li Wei", { locale: "zh", consent: true, telegram: "2001", email: "li@example.com" }, [["TEA-001", "2026-09-01T12:00:00Z"]]);
  // Sam: opted in, on Telegram; a teapot on 15 August and a candle on 10 July.
  const sam = await person("Sam", { locale: "en", consent: true, telegram: "2003", phone: "+447700900123" }, [["CER-001", "2026-08-15T12:00:00Z"], ["CND-001", "2026-07-10T12:00:00Z"]]);
  // Tom: not opted in, only a console session; a candle five days ago.
  const tom = await person("Tom", { locale: "en", consent: false, console: "tom-session" }, [["CND-001", "2026-11-15T12:00:00Z"]]);
  return { li, sam, tom };
}

/** "CLV £123.45": the lifetime value is the engine's; what the listing must show is that it is there and above what they spent. */
const CLV = "CLV £[\\d,]+\\.\\d{2}";
const 终身价值 = "终身价值 £[\\d,]+\\.\\d{2}";

describe("audiences in English", () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let ids: Awaited<ReturnType<typeof seedCustomers>>;
  beforeAll(async () => {
    ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE, env: ENV });
    ids = await seedCustomers(ctx.app);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const owner = (line: string) => ctx.app.owner.handle(line);

  it("has none saved at first", async () => {
    expect(textOf(await owner("audiences"))).toBe("No saved audiences yet. Save one, e.g.: audience save lapsed no-order=60d");
  });

  it("shows who fits a definition: how many, opted in, reachable, then each with contact details, lifetime value and last order", async () => {
    const replies = await owner("audience no-order=60d");
    expect(textOf(replies)).toMatch(new RegExp([
      "^Audience: no-order=60d",
      "2 customers: 2 opted in to marketing, 2 reachable on Telegram, 2 both \\(whom a campaign would reach\\)\\.",
      "Highest lifetime value first:",
      // Sam has spent more (two orders), so comes first.
      `1\\. #${ids.sam} Sam — \\+447700900123 — ${CLV} — last order 2026-08-15 \\(£48\\.00\\) · opted in · Telegram`,
      `2\\. #${ids.li} Li Wei — li@example\\.com — ${CLV} — last order 2026-09-01 \\(£14\\.50\\) · opted in · Telegram$`,
    ].join("\n")));
    expect(replies[0]?.buttons?.flat().map((b) => [b.label, b.payload])).toEqual([[`Customer #${ids.sam}`, `customer ${ids.sam}`], [`Customer #${ids.li}`, `customer ${ids.li}`]]);
  });

  it("shows the example definitions of the issue, and says when nobody fits", async () => {
    expect(textOf(await owner("audience no-order=60d and lang=zh"))).toMatch(new RegExp(`^Audience: no-order=60d and lang=zh\n1 customer: 1 opted in to marketing, 1 reachable on Telegram, 1 both .*\n.*\n1\\. #${ids.li} Li Wei — `));
    expect(textOf(await owner("audience bought=CND-001 and not bought=CND-001 within=30d"))).toMatch(new RegExp(`^Audience: bought=CND-001 and not bought=CND-001 within=30d\n1 customer: 1 opted in .*\n.*\n1\\. #${ids.sam} Sam — `));
    // Tom is not opted in and has only a console session: counted, but neither opted in nor reachable.
    // The SKU is shown as the catalog spells it.
    expect(textOf(await owner("audience bought=cnd-001 within=30d"))).toMatch(new RegExp(`^Audience: bought=CND-001 within=30d\n1 customer: 0 opted in to marketing, 0 reachable on Telegram, 0 both .*\n.*\n1\\. #${ids.tom} Tom — no contact — ${CLV} — last order 2026-11-15 \\(£12\\.50\\)$`));
    expect(textOf(await owner("audience stage=paid"))).toBe("Audience: stage=paid\n0 customers: 0 opted in to marketing, 0 reachable on Telegram, 0 both (whom a campaign would reach).\nNobody fits it right now.");
  });

  it("lists only the first 20, highest lifetime value first", async () => {
    await ctx.app.db.customer.createMany({ data: Array.from({ length: 21 }, (_, i) => ({ name: `Visitor ${i + 1}`, locale: "en" })) });
    const text = textOf(await owner("audience everyone"));
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual(["Audience: everyone", "24 customers: 2 opted in to marketing, 2 reachable on Telegram, 2 both (whom a campaign would reach).", "The first 20, highest lifetime value first:"]);
    expect(lines).toHaveLength(23);
    // Those who bought first; then people without an order, newest first, with no lifetime value.
    expect(lines.slice(3, 6).map((l) => /#(\d+)/.exec(l)?.[1])).toEqual(expect.arrayContaining([String(ids.li), String(ids.sam), String(ids.tom)]));
    expect(lines[6]).toMatch(/^4\. #\d+ Visitor 21 — no contact — CLV — — last order none$/);
    await ctx.app.db.customer.deleteMany({ where: { name: { startsWith: "Visitor " } } });
  });

  it("saves, lists with sizes now, shows by name in any case, replaces, and deletes", async () => {
    const saved = await owner("audience save lapsed no-order=60d");
    expect(textOf(saved)).toBe('Saved audience "lapsed": no-order=60d (2 customers now). See them with: audience lapsed');
    expect(saved[0]?.buttons?.flat().map((b) => b.payload)).toEqual(["audience lapsed"]);
    expect(textOf(await owner('audience save "Tea lovers" bought-category=tea'))).toBe('Saved audience "Tea lovers": bought-category=Tea (1 customer now). See them with: audience Tea lovers');
    const list = await owner("audiences");
    expect(textOf(list)).toBe([
      "Saved audiences (2), as they stand now:",
      "• lapsed: no-order=60d — 2 customers, 2 opted in, 2 opted in and reachable",
      "• Tea lovers: bought-category=Tea — 1 customer, 1 opted in, 1 opted in and reachable",
    ].join("\n"));
    expect(list[0]?.buttons?.flat().map((b) => b.payload)).toEqual(["audience lapsed", "audience Tea lovers"]);
    expect(textOf(await owner("audience LAPSED"))).toMatch(/^Audience "lapsed": no-order=60d\n2 customers: /);
    expect(textOf(await owner("audience tea lovers"))).toMatch(new RegExp(`^Audience "Tea lovers": bought-category=Tea\n1 customer: .*\n.*\n1\\. #${ids.li} Li Wei`));
    expect(textOf(await owner("audience save Lapsed no-order=90d"))).toBe('Replaced audience "Lapsed": no-order=90d (1 customer now). See them with: audience Lapsed');
    expect(textOf(await owner("audience delete lapsed"))).toBe('Deleted audience "Lapsed".');
    expect(textOf(await owner("audience delete Tea lovers"))).toBe('Deleted audience "Tea lovers".');
    expect(textOf(await owner("audiences"))).toMatch(/^No saved audiences yet/);
  });

  it("refuses, saying why and where, what does not read or is not there", async () => {
    expect(textOf(await owner("audience no-order=60d and lang=fr"))).toBe('Can\'t read that audience at character 23 ("fr"): lang= takes en or zh.');
    expect(textOf(await owner("audience vips"))).toBe('No saved audience "vips". Type audiences for the list, or give a definition such as no-order=60d.');
    expect(textOf(await owner("audience bought=Candles"))).toBe('No product with SKU Candles; "Candles" is a category: use bought-category=Candles.');
    expect(textOf(await owner("audience save everyone opted-in"))).toBe('"everyone" can\'t be an audience\'s name: up to 60 characters, without = < > ( ) or quotes, and not a word such as and, or, not, everyone.');
    expect(textOf(await owner("audience save lapsed"))).toBe("Usage: audience save <name> <definition>");
    expect(textOf(await owner("audience delete nobody"))).toBe('No saved audience "nobody". Type audiences for the list, or give a definition such as no-order=60d.');
    expect(textOf(await owner("audience"))).toBe("Usage: audience <name|definition>");
  });

  it("answers \"Who hasn't ordered in two months?\" with the people", async () => {
    const text = textOf(await ctx.app.owner.handleText("Who hasn't ordered in two months?"));
    expect(text).toMatch(new RegExp(`^Audience: no-order=60d\n2 customers: .*\n.*\n1\\. #${ids.sam} Sam — \\+447700900123 — ${CLV} — last order 2026-08-15 .*\n2\\. #${ids.li} Li Wei — li@example\\.com — `));
  });
});

describe("audiences in Chinese (OWNER_LOCALE=zh)", () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let ids: Awaited<ReturnType<typeof seedCustomers>>;
  beforeAll(async () => {
    ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE, env: { ...ENV, OWNER_LOCALE: "zh" } });
    ids = await seedCustomers(ctx.app);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const owner = (line: string) => ctx.app.owner.handle(line).then(textOf);

  it("shows, saves, lists and refuses in Chinese", async () => {
    expect(await owner("audiences")).toBe("还没有保存的受众。保存一个，例如：audience save lapsed no-order=60d");
    expect(await owner("audience no-order=60d and lang=zh")).toMatch(new RegExp([
      "^受众：no-order=60d and lang=zh",
      "1 位客户：1 位同意接收营销消息，1 位可通过 Telegram 联系，两者兼有 1 位（活动可送达的人数）。",
      "按终身价值从高到低：",
      `1\\. #${ids.li} Li Wei — li@example\\.com — ${终身价值} — 最近订单 2026-09-01（£14\\.50） · 已同意营销 · Telegram$`,
    ].join("\n")));
    expect(await owner("audience save 沉睡 no-order=60d")).toBe("已保存受众「沉睡」：no-order=60d（当前 2 位客户）。查看：audience 沉睡");
    expect(await owner("audiences")).toBe("已保存的受众（1 个），按当前数据：\n• 沉睡：no-order=60d — 2 位客户，2 位同意营销，2 位同意且可联系");
    expect(await owner("audience stage=paid")).toBe("受众：stage=paid\n0 位客户：0 位同意接收营销消息，0 位可通过 Telegram 联系，两者兼有 0 位（活动可送达的人数）。\n目前没有符合条件的客户。");
    expect(await owner("audience no-order=60d and lang=fr")).toBe("无法读取这个受众定义，第 23 个字符处（“fr”）：lang= 的值应为 en 或 zh。");
    expect(await owner("audience 不存在")).toBe("没有名为「不存在」的受众。输入 audiences 查看列表，或直接给出定义，例如 no-order=60d。");
    expect(await owner("audience delete 沉睡")).toBe("已删除受众「沉睡」。");
  });

  it("answers \"两个月没下单的客户\" with the people", async () => {
    const text = textOf(await ctx.app.owner.handleText("两个月没下单的客户"));
    expect(text).toMatch(new RegExp(`^受众：no-order=60d\n2 位客户：.*\n.*\n1\\. #${ids.sam} Sam — \\+447700900123 — ${终身价值} — 最近订单 2026-08-15（£48\\.00）.*\n2\\. #${ids.li} Li Wei — `));
  });
});
