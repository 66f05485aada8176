/**
 * Stock plans on a shop with made-up history (issue 23): a product with a steady pace, one that sells
 * only at weekends, an intermittent one and a new one with no history, each with a cover, a reorder
 * point and a quantity worked out by hand below; the reorder alert raised once per product and
 * episode, once when two sales or two refreshes race, in the owner's language; `stock plan` in both
 * languages and plain words; `product update … lead_days=… min_order=…`.
 *
 * Today is Friday 2026-11-20 (London, UTC+0). Service level 95 %: z = 1.6449. Lead time 7 days, so
 * the demand over the lead time is one week's whatever the weekday pattern; each order covers 28 days.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOwnerNotification } from "../../core/owner/describe-notification.ts";
import { createOwnerConsole } from "../../core/owner/handle-owner-command.ts";
import { placeOrder } from "../../core/orders/place-order.ts";
import { planStock, type ProductStockPlan } from "../../core/inventory/plan-stock.ts";
import { refreshStockPlans } from "../../core/inventory/refresh-stock-plans.ts";
import { DEFAULT_INVENTORY_POLICY } from "../../core/inventory/inventory-policy.ts";
import type { OwnerNotification } from "../../core/ports.ts";
import { createTestApp, textOf } from "../helpers/test-app.ts";

const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 10, 20); // Friday, local midnight in London in November
const POLICY = DEFAULT_INVENTORY_POLICY;

let ctx: Awaited<ReturnType<typeof createTestApp>>;
const notices: OwnerNotification[] = [];
const ids: Record<string, number> = {};

/** Sales at noon of the given days (days before today), one order each. */
async function sell(sku: string, sales: { daysAgo: number; units: number }[]) {
  const db = ctx.app.db;
  const orders = await db.order.createManyAndReturn({
    data: sales.map((s, i) => ({ status: "delivered" as const, channel: "console" as const, currency: "GBP", totalMinor: 100 * s.units, placedAt: new Date(TODAY - s.daysAgo * DAY + 12 * 3_600_000), externalRef: `test:${sku}:${i}` })),
    select: { id: true, externalRef: true },
  });
  await db.orderLine.createMany({ data: orders.map((o, i) => ({ orderId: o.id, productId: ids[sku]!, quantity: sales[i]!.units, unitPriceMinor: 100 })) });
}

const everyDay = (days: number, units: number) => Array.from({ length: days }, (_, d) => ({ daysAgo: d + 1, units }));
/** Saturdays and Sundays of the last `weeks` weeks (today is a Friday: Saturday is 6 days ago). */
const weekends = (weeks: number, units: number) => Array.from({ length: weeks }, (_, w) => [{ daysAgo: 6 + 7 * w, units }, { daysAgo: 5 + 7 * w, units }]).flat();

async function addProduct(sku: string, name: string, category: string, stock: number, createdDaysAgo: number, extra: { nameZh?: string } = {}) {
  const product = await ctx.app.db.product.create({ data: { sku, name, category, priceMinor: 1000, stock, createdAt: new Date(TODAY - createdDaysAgo * DAY), ...extra } });
  ids[sku] = product.id;
}

const planOf = (plans: ProductStockPlan[], sku: string) => plans.find((p) => p.product.sku === sku)!;
const owner = (command: string) => ctx.app.owner.handle(command).then(textOf);

beforeAll(async () => {
  ctx = await createTestApp({ env: { TZ: "Europe/London" } });
  ctx.clock.set("2026-11-20T10:00:00Z");
  ctx.app.registerNotifier({ notify: async (n) => void notices.push(n) });
  // Steady: 2 a day for 10 weeks; its category's other product 1 a day (an even week).
  await addProduct("PLN-STEADY", "Steady Tea", "Plan Tea", 20, 140);
  await addProduct("PLN-STEADY-B", "Other Tea", "Plan Tea", 100, 140);
  await sell("PLN-STEADY", everyDay(70, 2));
  await sell("PLN-STEADY-B", everyDay(70, 1));
  // Weekends only: 6 each Saturday and Sunday for 10 weeks; its sibling sells at weekends too.
  await addProduct("PLN-WEEKEND", "Weekend Candle", "Plan Candles", 10, 140);
  await addProduct("PLN-WEEKEND-B", "Other Candle", "Plan Candles", 100, 140);
  await sell("PLN-WEEKEND", weekends(10, 6));
  await sell("PLN-WEEKEND-B", weekends(10, 1));
  // Intermittent: 3 every fourth Wednesday (9, 37, 65 … days ago) for 26 weeks; its category's other product 1 a day.
  await addProduct("PLN-RARE", "Rare Teapot", "Plan Ceramics", 2, 210);
  await addProduct("PLN-RARE-B", "Everyday Cup", "Plan Ceramics", 500, 210);
  await sell("PLN-RARE", [9, 37, 65, 93, 121, 149, 177].map((daysAgo) => ({ daysAgo, units: 3 })));
  await sell("PLN-RARE-B", everyDay(182, 1));
  // New: created today, no sale; its category's two other products sell 1 a day each.
  await addProduct("PLN-NEW", "New Lamp", "Plan Lights", 4, 0);
  await addProduct("PLN-LIGHT-A", "Lamp A", "Plan Lights", 100, 140);
  await addProduct("PLN-LIGHT-B", "Lamp B", "Plan Lights", 100, 140);
  await sell("PLN-LIGHT-A", everyDay(70, 1));
  await sell("PLN-LIGHT-B", everyDay(70, 1));
  // The lavender candle of the demo shop: 1 a day for 10 weeks.
  ids["CND-001"] = (await ctx.app.db.product.findUniqueOrThrow({ where: { sku: "CND-001" } })).id;
  await sell("CND-001", everyDay(70, 1));
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

describe("a product's forecast and plan", () => {
  it("works out cover, reorder point and quantity by hand for the steady, weekend, intermittent and new products", async () => {
    const plans = await planStock(ctx.app.db, { asOf: ctx.clock.now(), timeZone: "Europe/London", policy: POLICY });

    // Steady: 14 a week, spread 0 → Poisson √14 = 3.742; reorder point ⌈14 + 1.6449 × 3.742⌉ = ⌈20.15⌉ = 21;
    // order up to 21 + 56 (28 days at 2) = 77; 20 in stock → order 57; 20 ÷ 2 a day = 10 days.
    const steady = planOf(plans, "PLN-STEADY");
    expect(steady.forecast.basis).toBe("own");
    expect(steady.forecast.weeks[0]!.mean).toBe(14);
    expect(steady.forecast.weeks[0]!.sd).toBeCloseTo(Math.sqrt(14), 10);
    expect(steady.days.map((d) => d.mean)).toEqual([2, 2, 2, 2, 2, 2, 2].map((x) => expect.closeTo(x, 10)));
    expect(steady.plan).toMatchObject({ status: "orderNow", reorderPoint: 21, orderUpTo: 77, orderQuantity: 57 });
    expect(steady.plan.daysOfCover).toBeCloseTo(10, 10);
    expect(steady.forecasted).toBe(true);

    // Weekends: 12 a week, all of it Saturday and Sunday ((48 + 7 × ½) ÷ (96 + 7) = ½ each); reorder point
    // ⌈12 + 1.6449 × √12⌉ = ⌈17.70⌉ = 18; up to 18 + 48 = 66; 10 in stock → 56. From a Friday, Saturday takes
    // 6 and Sunday the other 4 of 6: 2 + 4/6 = 2.67 days (at the mean pace, 10 ÷ 12/7, it would be 5.8).
    const weekend = planOf(plans, "PLN-WEEKEND");
    expect(weekend.days.map((d) => d.mean)).toEqual([0, 6, 6, 0, 0, 0, 0].map((x) => expect.closeTo(x, 10)));
    expect(weekend.days[1]!.date).toBe("2026-11-21");
    expect(weekend.plan).toMatchObject({ status: "orderNow", reorderPoint: 18, orderUpTo: 66, orderQuantity: 56 });
    expect(weekend.plan.daysOfCover).toBeCloseTo(2 + 4 / 6, 10);

    // Intermittent (sold in 2 of the last 8 weeks): rate from 26 weeks, 7 × 3 ÷ 26 = 0.808 a week, its
    // category as busy now as then; spread of those 26 weeks 1.357 (above √0.808); reorder point
    // ⌈0.808 + 1.6449 × 1.357⌉ = ⌈3.04⌉ = 4; up to 4 + ⌈4 × 0.808⌉ = 8; 2 in stock → 6.
    const rare = planOf(plans, "PLN-RARE");
    expect(rare.forecast.basis).toBe("intermittent");
    expect(rare.forecast.weeks[0]!.mean).toBeCloseTo(21 / 26, 10);
    expect(rare.forecast.weeks[0]!.sd).toBeCloseTo(1.35704, 4);
    expect(rare.forecast.weeks[0]!.median).toBe(0); // the point forecast: most weeks sell nothing
    expect(rare.plan).toMatchObject({ status: "orderNow", reorderPoint: 4, orderUpTo: 8, orderQuantity: 6 });
    // Wednesdays take (6 + 1) ÷ 13 of the week, other days 1 ÷ 13: 2 units last until the third Wednesday.
    const weekly = 21 / 26;
    const usedBefore = weekly * 2 + (weekly / 13) * 5;
    expect(rare.plan.daysOfCover).toBeCloseTo(19 + (2 - usedBefore) / ((weekly * 7) / 13), 6);

    // New: no week of its own; its category's other two sell 14 a week between them, so a typical one 7:
    // Poisson √7 = 2.646; reorder point ⌈7 + 1.6449 × 2.646⌉ = ⌈11.35⌉ = 12; up to 12 + 28 = 40; 4 in stock → 36;
    // 1 a day (its category's even week) → 4 days. Too new to replace its threshold for alerts.
    const fresh = planOf(plans, "PLN-NEW");
    expect(fresh.forecast.basis).toBe("new");
    expect(fresh.pool).toBe("category");
    expect(fresh.plan).toMatchObject({ status: "orderNow", reorderPoint: 12, orderUpTo: 40, orderQuantity: 36 });
    expect(fresh.plan.daysOfCover).toBeCloseTo(4, 10);
    expect(fresh.forecasted).toBe(false);
    expect(fresh.belowThreshold).toBe(true);
  });

  it("lists what to order now, with the reason, and what is low by its threshold", async () => {
    const text = await owner("stock plan");
    expect(text).toMatch(/^Stock plan \(service level 95 %; lead time 7 days unless a product has its own; each order covers 28 days of sales\):/);
    expect(text).toContain("Order now (");
    expect(text).toContain("• PLN-WEEKEND Weekend Candle: 10 in stock; it runs out in about 3 days (lead time 7 days) — order 56. About 1.7 a day (12 a week, 80 %: 7.6–16), from its own last 8 weeks.");
    expect(text).toContain("• PLN-STEADY Steady Tea: 20 in stock; it runs out in about 10 days (lead time 7 days) — order 57.");
    expect(text).toMatch(/• PLN-RARE Rare Teapot: 2 in stock; it runs out in about 19 days \(lead time 7 days\) — order 6\. About 0\.1 a day \(0\.8 a week, 80 %: 0\.0–2\.5\), it sells in fewer than half the weeks: its last 26 weeks, at the Plan Ceramics category's pace now\./);
    // Most urgent first.
    expect(text.indexOf("PLN-WEEKEND")).toBeLessThan(text.indexOf("PLN-STEADY Steady"));
    expect(text).toContain("Low stock, not enough sales yet for a forecast (");
    expect(text).toContain("• PLN-NEW New Lamp: 4 (≤ 5), it runs out in about 4 days");
    expect(text).toContain("• STA-004 Recycled Kraft Envelopes (20): 0 (≤ 5), out of stock");
  });

  it("shows one product's forecast, weekly and daily with intervals, and how its numbers come about", async () => {
    const text = await owner("stock plan PLN-WEEKEND");
    expect(text).toContain("PLN-WEEKEND Weekend Candle: 10 in stock; lead time 7 days (the default).");
    expect(text).toContain("  week from 2026-11-20: 12 (80 %: 7.6–16)");
    // A weekend day's variance is half the week's (12 × ½ = 6): 6 ± 1.2816 × √6 = 2.9–9.1.
    expect(text).toContain("Next days: 11-20 0.0 (0.0–0.0), 11-21 6.0 (2.9–9.1), 11-22 6.0 (2.9–9.1), 11-23 0.0 (0.0–0.0)");
    expect(text).toContain("It runs out in about 3 days.");
    expect(text).toContain("Reorder point 18: 12 expected over the lead time + 5.7 safety stock for 95 %. Order up to 66 (28 more days of sales). Order 56 now.");
  });

  it("takes a product's own lead time and minimum order, and plans it again at once", async () => {
    const reply = await owner("product update PLN-RARE lead_days=14 min_order=10");
    expect(reply).toContain("lead time 14 days, minimum order 10.");
    const [rare] = await planStock(ctx.app.db, { asOf: ctx.clock.now(), timeZone: "Europe/London", policy: POLICY, productIds: [ids["PLN-RARE"]!] });
    // Two weeks: ⌈1.615 + 1.6449 × 1.357 × √2⌉ = ⌈4.77⌉ = 5; up to 5 + 4 = 9; the plan says 7, the supplier sells 10.
    expect(rare!.plan).toMatchObject({ reorderPoint: 5, orderUpTo: 9, orderQuantity: 10 });
    expect(await owner("stock plan")).toMatch(/PLN-RARE Rare Teapot: 2 in stock; it runs out in about 19 days \(lead time 14 days\) — order 10 \(the supplier's minimum\)\./);
    const row = await ctx.app.db.product.findUniqueOrThrow({ where: { id: ids["PLN-RARE"]! } });
    expect(row).toMatchObject({ leadDays: 14, minOrder: 10, planReorderPoint: 5, planOrderUpTo: 9 });
    expect(await owner("product update PLN-RARE lead_days=eleventy")).toContain('lead_days "eleventy" is not a whole number of days from 1 to 365');
    expect(await owner("product update PLN-RARE lead_days=default min_order=none")).toContain("lead time 7 days (the default), no minimum order.");
  });

  it("reads 'what should I reorder?' and '该补什么货' as the stock plan", async () => {
    expect(await ctx.app.owner.handleText("what should I reorder?").then(textOf)).toMatch(/^Stock plan/);
    expect(await ctx.app.owner.handleText("该补什么货").then(textOf)).toMatch(/^Stock plan/);
  });
});

describe("the reorder alert", () => {
  const sellNow = (sku: string, quantity: number) => placeOrder({ db: ctx.app.db, notifier: ctx.app.notifier, inventory: POLICY }, { customerId: customerId!, channel: "console", lines: [{ productId: ids[sku]!, quantity }] }, ctx.clock.now());
  let customerId: number | undefined;
  const reorders = (sku: string) => notices.filter((n) => (n.type === "reorder" || n.type === "low_stock") && n.sku === sku);
  const summaries = () => notices.filter((n) => n.type === "reorder_summary");

  beforeAll(async () => {
    customerId = (await ctx.app.db.customer.create({ data: { name: "Alert buyer" } })).id;
    await ctx.app.db.product.update({ where: { id: ids["CND-001"]! }, data: { stock: 14 } });
    // The plans as the nightly refresh leaves them (and any alert they raise now).
    await refreshStockPlans({ db: ctx.app.db, notifier: ctx.app.notifier }, { at: ctx.clock.now(), policy: POLICY, timeZone: "Europe/London" });
  });

  it("says when it runs out, the lead time and how many to order, once per episode", async () => {
    // 1 a day: reorder point ⌈7 + 1.6449 × √7⌉ = 12, up to 40. Selling 10 of 14 leaves 4: 4 days, order 36.
    expect(await ctx.app.db.product.findUniqueOrThrow({ where: { id: ids["CND-001"]! } })).toMatchObject({ planReorderPoint: 12, planOrderUpTo: 40, planPace: 1, reorderAlertedAt: null });
    await sellNow("CND-001", 1);
    expect(reorders("CND-001")).toHaveLength(0); // 13 left: above the point
    await sellNow("CND-001", 9);
    expect(reorders("CND-001")).toEqual([expect.objectContaining({ type: "reorder", stock: 4, daysOfCover: 4, leadDays: 7, orderQuantity: 36, reorderPoint: 12 })]);
    expect(describeOwnerNotification(reorders("CND-001")[0]!, "en").line).toBe(
      "Reorder CND-001 Lavender Soy Candle: the Lavender Soy Candle runs out in about 4 days at the current pace; lead time 7 days; order 36 (4 left, reorder point 12).",
    );
    // The same episode: no second alert for the next sale, a stocktake below the point, or the nightly refresh.
    await sellNow("CND-001", 1);
    expect(await owner("stock CND-001 2")).toContain("(at or below its reorder point of 12)");
    await refreshStockPlans({ db: ctx.app.db, notifier: ctx.app.notifier }, { at: ctx.clock.now(), policy: POLICY, timeZone: "Europe/London" });
    expect(reorders("CND-001")).toHaveLength(1);
    // Restocked above the point, the episode is over; the next fall to the point is a new one.
    expect(await owner("restock CND-001 38")).toBe("CND-001 Lavender Soy Candle: stock 2 → 40.");
    expect((await ctx.app.db.product.findUniqueOrThrow({ where: { id: ids["CND-001"]! } })).reorderAlertedAt).toBeNull();
    await sellNow("CND-001", 28);
    expect(reorders("CND-001")).toHaveLength(2);
    expect(reorders("CND-001")[1]).toMatchObject({ stock: 12, orderQuantity: 28 });
  });

  it("flags as LOW in `stock low` what is at its reorder point, not only what is at its threshold", async () => {
    const text = await owner("stock low");
    expect(text).toMatch(/PLN-STEADY +20 LOW {2}Steady Tea/); // threshold 5, reorder point 21
    expect(text).toMatch(/PLN-NEW +4 LOW {2}New Lamp/); // no forecast of its own: its threshold
    expect(text).not.toContain("PLN-LIGHT-A"); // 100 in stock, reorder point 12
  });

  it("is raised once when two sales take a product to its point at the same time", async () => {
    await ctx.app.db.product.update({ where: { id: ids["PLN-LIGHT-A"]! }, data: { stock: 14 } });
    await refreshStockPlans({ db: ctx.app.db, notifier: ctx.app.notifier }, { at: ctx.clock.now(), policy: POLICY, timeZone: "Europe/London", productIds: [ids["PLN-LIGHT-A"]!] });
    await Promise.all([sellNow("PLN-LIGHT-A", 5), sellNow("PLN-LIGHT-A", 5)]);
    expect((await ctx.app.db.product.findUniqueOrThrow({ where: { id: ids["PLN-LIGHT-A"]! } })).stock).toBe(4);
    expect(reorders("PLN-LIGHT-A")).toHaveLength(1);
  });

  it("is raised once when two refreshes find a product at its point at the same time", async () => {
    // Lamp B at 11, under its point of 12, with no alert yet (as a stocktake on another replica could leave it).
    await ctx.app.db.product.update({ where: { id: ids["PLN-LIGHT-B"]! }, data: { stock: 11, reorderAlertedAt: null } });
    const refresh = () => refreshStockPlans({ db: ctx.app.db, notifier: ctx.app.notifier }, { at: ctx.clock.now(), policy: POLICY, timeZone: "Europe/London" });
    const [a, b] = await Promise.all([refresh(), refresh()]);
    expect(reorders("PLN-LIGHT-B")).toHaveLength(1);
    expect(a.alerted + b.alerted).toBeGreaterThanOrEqual(1);
  });

  it("keeps the low-stock threshold for a product without enough history, and sums up many at once", async () => {
    // The first refresh found several products at their point at once: one notice names them all.
    const [summary] = summaries();
    expect(summary).toBeDefined();
    if (summary?.type !== "reorder_summary") throw new Error("no summary");
    expect(summary.products).toContainEqual({ sku: "PLN-NEW", name: "New Lamp", nameZh: null, stock: 4, orderQuantity: null });
    expect(summary.products).toContainEqual({ sku: "PLN-STEADY", name: "Steady Tea", nameZh: null, stock: 20, orderQuantity: 57 });
    expect(describeOwnerNotification(summary, "en").line).toContain("PLN-NEW New Lamp: 4 left (at its low-stock threshold)");
    expect(reorders("PLN-NEW")).toHaveLength(0);
    // A product without enough history alone: the threshold's own notice, as before.
    await ctx.app.db.product.update({ where: { id: ids["PLN-NEW"]! }, data: { stock: 20 } });
    await sellNow("PLN-NEW", 16);
    expect(reorders("PLN-NEW")).toEqual([expect.objectContaining({ type: "low_stock", stock: 4, threshold: 5 })]);
  });

  it("speaks the owner's language", async () => {
    const alert = reorders("CND-001")[0]!;
    expect(describeOwnerNotification(alert, "zh").line).toBe("需要补货：CND-001 薰衣草大豆蜡烛：薰衣草大豆蜡烛按目前的销售速度约 4 天后卖完；供货周期 7 天；建议订购 36 件（剩 4，再订货点 12）。");
    const zhOwner = createOwnerConsole({ db: ctx.app.db, clock: ctx.clock, notifier: ctx.app.notifier, messenger: ctx.app.messenger, logger: ctx.logger, currency: "GBP", locale: "zh", timeZone: "Europe/London", inventory: POLICY, ownerClassifier: ctx.app.ownerClassifier });
    const plan = textOf(await zhOwner.handle("stock plan"));
    expect(plan).toMatch(/^补货计划（服务水平 95 %；未单独设置的商品供货周期按 7 天计；每次订货够卖 28 天）：/);
    expect(plan).toContain("• PLN-WEEKEND Weekend Candle：库存 10，约 3 天后卖完（供货周期 7 天）— 建议订购 56 件。每天约 1.7 件（每周 12 件，80%：7.6–16），依据它自己最近 8 周的销量。");
    expect(textOf(await zhOwner.handleText("该补什么货"))).toMatch(/^补货计划/);
  });
});

describe("the digest", () => {
  it("shows the same lines under Stock to reorder", async () => {
    const text = await owner("digest");
    expect(text).toContain("Stock to reorder\nOrder now (");
    expect(text).toContain("• PLN-STEADY Steady Tea: 20 in stock; it runs out in about 10 days (lead time 7 days) — order 57.");
  });
});

describe("settings", () => {
  it("shows how stock is planned and the variables that set it", async () => {
    expect(await owner("settings")).toContain("Stock planning (DEFAULT_LEAD_DAYS, SERVICE_LEVEL, ORDER_COVER_DAYS): lead time 7 days unless a product has its own, service level 95 %, each order covers 28 days of sales");
  });
});
