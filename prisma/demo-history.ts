/**
 * Four months of made-up trading for the demo shop, so the owner console's forecast, funnel, lead
 * scores, segments, top customers and daily digest have something to show on a first `npm start`.
 * Clearly demo data: customers are "(demo)", emails are @example.com, and it is generated from a
 * fixed seed (the same history for the same day). Orders follow a weekly pattern (busier Fridays
 * and weekends) and a gentle upward trend; a third of orders come from returning customers; recent
 * prospects have browsed, asked and added to carts without ordering yet, so hot leads exist.
 *
 * Only what happened is written (orders with lines, lead stage history, events); the current stock
 * is the catalog's, not reduced by this history.
 */
import type { Db, Prisma } from "../core/db.ts";
import { createSeededRandom, type RandomSource } from "../core/lib/seeded-random.ts";

const DAY_MS = 86_400_000;
/** Relative demand per SKU: teas and candles sell most, the blanket least. */
const POPULARITY: Record<string, number> = {
  "TEA-001": 9, "TEA-002": 3, "TEA-003": 10, "TEA-004": 6, "TEA-005": 7, "CND-001": 9, "CND-002": 6, "CND-003": 4, "CND-004": 5,
  "CER-001": 2, "CER-002": 6, "CER-003": 3, "CER-004": 2, "CER-005": 3, "STA-001": 4, "STA-002": 2, "STA-003": 6, "STA-004": 4,
  "BAG-001": 4, "BAG-002": 2, "BAG-003": 4, "HOM-001": 1, "HOM-002": 2, "HOM-003": 2,
};
/** Sunday … Saturday. */
const WEEKDAY_FACTOR = [1.1, 0.85, 0.9, 1.0, 1.0, 1.25, 1.4];
const FIRST_NAMES_EN = ["Amelia", "Oliver", "Isla", "George", "Ava", "Harry", "Mia", "Jack", "Grace", "Noah", "Freya", "Leo", "Ella", "Oscar", "Lily", "Arthur", "Ivy", "Theo", "Rosie", "Alfie"];
const NAMES_ZH = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷"];

export interface DemoHistoryProduct {
  id: number;
  sku: string;
  priceMinor: number;
  currency: string;
}

export interface DemoHistorySummary {
  /** Customers who placed an order (a few of them only one they cancelled). */
  customers: number;
  orders: number;
  /** Visitors who have not ordered (yet). */
  prospects: number;
}

/** Poisson draw (Knuth); fine for the small means used here. */
function poisson(mean: number, random: RandomSource): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function pickWeighted<T>(items: readonly T[], weight: (item: T) => number, random: RandomSource): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let r = random() * total;
  for (const item of items) {
    r -= weight(item);
    if (r <= 0) return item;
  }
  return items[items.length - 1]!;
}

/**
 * Writes the history ending at `now` into a database holding the demo catalog and nothing else
 * (no customers yet). Returns what it wrote; writes nothing (zeros) when customers already exist.
 */
export async function seedDemoHistory(db: Db, options: { now: Date; days?: number; seed?: number }): Promise<DemoHistorySummary> {
  if ((await db.customer.count()) > 0) return { customers: 0, orders: 0, prospects: 0 };
  const products: DemoHistoryProduct[] = await db.product.findMany({ where: { active: true }, select: { id: true, sku: true, priceMinor: true, currency: true }, orderBy: { id: "asc" } });
  if (products.length === 0) return { customers: 0, orders: 0, prospects: 0 };
  const random = createSeededRandom(options.seed ?? 20_261_123);
  const days = options.days ?? 120;
  const today = new Date(Math.floor(options.now.getTime() / DAY_MS) * DAY_MS);
  const weightOf = (p: DemoHistoryProduct) => POPULARITY[p.sku] ?? 2;

  interface DemoCustomer { key: number; name: string; locale: "en" | "zh"; email: string | null; firstSeen: Date; orders: Date[]; loyalty: number }
  const customers: DemoCustomer[] = [];
  const newCustomer = (firstSeen: Date): DemoCustomer => {
    const key = customers.length + 1;
    const zh = random() < 0.25;
    const name = zh ? `${NAMES_ZH[key % NAMES_ZH.length]}${key} (demo)` : `${FIRST_NAMES_EN[key % FIRST_NAMES_EN.length]} ${String.fromCharCode(65 + (key % 26))}. (demo)`;
    const customer: DemoCustomer = { key, name, locale: zh ? "zh" : "en", email: random() < 0.6 ? `demo${key}@example.com` : null, firstSeen, orders: [], loyalty: 0.2 + random() * random() * 3 };
    customers.push(customer);
    return customer;
  };

  /** A made-up address on an "Example Road" (derived from the key, so the random history is unchanged). */
  const demoAddress = (c: DemoCustomer): string =>
    c.locale === "zh" ? `${c.name}，上海市示例路${c.key}号 200${String(c.key % 1000).padStart(3, "0")}` : `${c.name}, ${c.key} Example Road, Bath BA${1 + (c.key % 2)} ${1 + (c.key % 9)}AA`;

  interface DemoOrder { customer: DemoCustomer; at: Date; lines: { product: DemoHistoryProduct; quantity: number }[]; status: "placed" | "paid" | "shipped" | "delivered" | "cancelled" }
  const orders: DemoOrder[] = [];
  for (let d = days; d >= 0; d--) {
    const day = new Date(today.getTime() - d * DAY_MS);
    const trend = 0.7 + 0.45 * ((days - d) / days);
    // Today only up to now.
    const dayShare = d === 0 ? Math.min(1, Math.max(0, (options.now.getTime() - today.getTime()) / DAY_MS)) : 1;
    const count = poisson(4.2 * WEEKDAY_FACTOR[day.getUTCDay()]! * trend * dayShare, random);
    for (let i = 0; i < count; i++) {
      const at = new Date(day.getTime() + (8 + random() * 13) * 3_600_000);
      if (at > options.now) continue;
      const returning = customers.filter((c) => c.orders.length > 0 && c.firstSeen < at);
      const customer = returning.length > 0 && random() < 0.34 ? pickWeighted(returning, (c) => c.loyalty, random) : newCustomer(new Date(at.getTime() - random() * 3 * DAY_MS));
      const lineCount = random() < 0.55 ? 1 : random() < 0.7 ? 2 : 3;
      const lines: DemoOrder["lines"] = [];
      for (let l = 0; l < lineCount; l++) {
        const product = pickWeighted(products, weightOf, random);
        if (lines.some((x) => x.product.id === product.id)) continue;
        lines.push({ product, quantity: random() < 0.75 ? 1 : 2 });
      }
      const age = (options.now.getTime() - at.getTime()) / DAY_MS;
      const status = random() < 0.04 ? "cancelled" : age > 10 ? "delivered" : age > 3 ? "shipped" : age > 1 ? "paid" : random() < 0.5 ? "paid" : "placed";
      orders.push({ customer, at, lines, status });
      if (status !== "cancelled") customer.orders.push(at);
    }
  }

  // Visitors who never ordered: most only look, some chat, a few leave an email or fill a cart.
  type Stage = "visitor" | "engaged" | "lead" | "cart" | "ordered" | "paid" | "repeat";
  interface Browser { customer: DemoCustomer; steps: { stage: Stage; at: Date }[]; events: { type: string; productIndex: number; at: Date }[] }
  const browsers: Browser[] = [];
  for (let d = days; d >= 0; d--) {
    const day = new Date(today.getTime() - d * DAY_MS);
    const trend = 0.7 + 0.45 * ((days - d) / days);
    const count = poisson(6 * WEEKDAY_FACTOR[day.getUTCDay()]! * trend, random);
    for (let i = 0; i < count; i++) {
      const firstSeen = new Date(day.getTime() + random() * DAY_MS);
      if (firstSeen > options.now) continue;
      const customer = newCustomer(firstSeen);
      if (customer.email && random() < 0.5) customer.email = null;
      const steps: Browser["steps"] = [{ stage: "visitor", at: firstSeen }];
      const events: Browser["events"] = [];
      let at = firstSeen.getTime();
      if (random() < 0.7) {
        steps.push({ stage: "engaged", at: new Date(at + 60_000) });
        const views = 1 + Math.floor(random() * 5);
        for (let v = 0; v < views; v++) {
          at = Math.min(options.now.getTime(), at + random() * (d < 21 ? 2 : 0.2) * DAY_MS);
          events.push({ type: random() < 0.25 ? "product_asked" : "product_viewed", productIndex: products.indexOf(pickWeighted(products, weightOf, random)), at: new Date(at) });
        }
        if (customer.email) steps.push({ stage: "lead", at: new Date(at) });
        if (random() < 0.2) {
          events.push({ type: "added_to_cart", productIndex: products.indexOf(pickWeighted(products, weightOf, random)), at: new Date(at) });
          steps.push({ stage: "cart", at: new Date(at) });
        }
      } else customer.email = null;
      browsers.push({ customer, steps, events });
    }
  }

  // Everything in a few bulk inserts: the demo must not slow down a first start.
  await db.$transaction(async (tx) => {
    const createdCustomers = await tx.customer.createManyAndReturn({
      data: customers.map((c) => ({ name: c.name, locale: c.locale, email: c.email, address: orders.some((o) => o.customer === c) ? demoAddress(c) : null, createdAt: c.firstSeen, externalRef: `demo:${c.key}` })),
      select: { id: true, externalRef: true },
    });
    const ids = new Map(createdCustomers.map((c) => [Number(c.externalRef!.slice("demo:".length)), c.id]));
    const createdOrders = await tx.order.createManyAndReturn({
      data: orders.map((o, n) => ({
        customerId: ids.get(o.customer.key)!, status: o.status, channel: "telegram" as const, currency: o.lines[0]!.product.currency, placedAt: o.at, createdAt: o.at, shippingAddress: demoAddress(o.customer),
        totalMinor: o.lines.reduce((sum, l) => sum + l.product.priceMinor * l.quantity, 0), externalRef: `demo-order:${n}`,
      })),
      select: { id: true, externalRef: true },
    });
    const orderIds = new Map(createdOrders.map((o) => [Number(o.externalRef!.slice("demo-order:".length)), o.id]));
    await tx.orderLine.createMany({
      data: orders.flatMap((o, n) => o.lines.map((l) => ({ orderId: orderIds.get(n)!, productId: l.product.id, quantity: l.quantity, unitPriceMinor: l.product.priceMinor }))),
    });
    const events: Prisma.EventCreateManyInput[] = [
      ...orders.flatMap((o) => {
        const customerId = ids.get(o.customer.key)!;
        return [
          ...o.lines.flatMap((l) => [
            { type: "product_viewed", customerId, productId: l.product.id, at: new Date(o.at.getTime() - 40 * 60_000) },
            { type: "added_to_cart", customerId, productId: l.product.id, at: new Date(o.at.getTime() - 5 * 60_000) },
          ]),
          { type: "order_placed", customerId, at: o.at },
        ];
      }),
      ...browsers.flatMap((b) => b.events.map((e) => ({ type: e.type, customerId: ids.get(b.customer.key)!, productId: products[e.productIndex]!.id, at: e.at }))),
    ];
    await tx.event.createMany({ data: events });

    // The funnel: each customer's way from first visit to repeat customer.
    const leadSteps = new Map<number, { stage: Stage; at: Date }[]>();
    for (const b of browsers) leadSteps.set(ids.get(b.customer.key)!, b.steps);
    for (const c of customers) {
      const customerId = ids.get(c.key)!;
      if (leadSteps.has(customerId)) continue;
      const first = c.orders[0];
      const steps: { stage: Stage; at: Date }[] = [{ stage: "visitor", at: c.firstSeen }, { stage: "engaged", at: new Date(c.firstSeen.getTime() + 60_000) }];
      if (c.email) steps.push({ stage: "lead", at: new Date(c.firstSeen.getTime() + 120_000) });
      if (first) {
        steps.push({ stage: "cart", at: new Date(first.getTime() - 5 * 60_000) }, { stage: "ordered", at: first }, { stage: "paid", at: new Date(first.getTime() + 3_600_000) });
        if (c.orders[1]) steps.push({ stage: "repeat", at: c.orders[1] });
      }
      leadSteps.set(customerId, steps);
    }
    const leads = await tx.lead.createManyAndReturn({
      data: [...leadSteps].map(([customerId, steps]) => ({ customerId, stage: steps[steps.length - 1]!.stage, source: "telegram", lastActivityAt: steps[steps.length - 1]!.at, createdAt: steps[0]!.at })),
      select: { id: true, customerId: true },
    });
    await tx.leadStageChange.createMany({
      data: leads.flatMap((lead) => {
        const steps = leadSteps.get(lead.customerId)!;
        return steps.map((step, i) => ({ leadId: lead.id, fromStage: i === 0 ? null : steps[i - 1]!.stage, toStage: step.stage, source: "telegram", at: step.at }));
      }),
    });
  }, { timeout: 120_000 });
  return { customers: customers.length - browsers.length, orders: orders.length, prospects: browsers.length };
}
