/**
 * The last use of a promo code goes to exactly one of the customers placing orders with it at the
 * same moment: the use is taken with a conditional update (`used < maxUses`) in the order's
 * transaction, and an order whose code was refused writes nothing (no order, no stock taken). On
 * PGlite transactions run one at a time; on PostgreSQL (TEST_DATABASE_URL) they overlap, from one
 * pool and from two (as two replicas would).
 */
import { describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../bot/database.ts";
import type { Db } from "../../core/db.ts";
import { changeOrderStatus } from "../../core/orders/change-order-status.ts";
import { placeOrder } from "../../core/orders/place-order.ts";
import type { Notifier } from "../../core/ports.ts";
import { isPromoRefused } from "../../core/promos/promo-refused.ts";
import { createScratchPostgres, openTestDatabase, TEST_DATABASE_URL } from "../helpers/test-database.ts";

const AT = new Date("2026-11-20T10:00:00Z");
const notifier: Notifier = { notify: async () => undefined };

/**
 * Customers, each buying a product of their own: two orders of one product would queue behind each
 * other's stock update (a row lock) and never race for the code at all.
 */
async function shopWith(db: Db, racers: number) {
  const customers = [];
  for (let i = 0; i < racers; i++) {
    const product = await db.product.create({ data: { sku: `RACE-${i}`, name: `Racing Tea ${i}`, category: "Tea", priceMinor: 1000, stock: 1_000, lowStockThreshold: 0 } });
    const customer = await db.customer.create({ data: { name: `Racer ${i}` } });
    customers.push({ id: customer.id, productId: product.id });
  }
  return { customers, product: { id: customers[0]!.productId } };
}

const codeWith = (db: Db, code: string, maxUses: number) =>
  db.promo.create({ data: { code, kind: "percent", value: 10, currency: "GBP", maxUses, createdAt: AT, createdBy: "test" } });

/** Each customer places one order for their product with the code, all at once, through the clients in turn. */
function race(clients: readonly Db[], customers: readonly { id: number; productId: number }[], code: string) {
  return Promise.allSettled(customers.map((c, i) => placeOrder({ db: clients[i % clients.length]!, notifier }, { customerId: c.id, channel: "console", lines: [{ productId: c.productId, quantity: 1 }], promoCode: code }, AT)));
}

function expectOneWinnerPerUse(results: PromiseSettledResult<unknown>[], uses: number) {
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(uses);
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  for (const r of refused) expect(isPromoRefused(r.reason) && r.reason.problem.kind, String(r.reason)).toBe("usedUp");
}

describe("the last use of a promo code", () => {
  it("goes to exactly one of two customers placing at once, and the other's order is not written", async () => {
    const database = await openTestDatabase();
    try {
      const db = database.prisma;
      const { customers } = await shopWith(db, 2);
      for (let round = 0; round < 10; round++) {
        const code = `LAST${round}`;
        const promo = await codeWith(db, code, 1);
        const results = await race([db], customers, code);
        expectOneWinnerPerUse(results, 1);
        expect((await db.promo.findUniqueOrThrow({ where: { id: promo.id } })).used).toBe(1);
        expect(await db.order.count({ where: { promoId: promo.id } })).toBe(1);
      }
      // Ten orders in all, each with its 10 % off £10.00; the refused ones took no stock.
      expect(await db.order.count()).toBe(10);
      expect(await db.order.findMany({ select: { totalMinor: true, discountMinor: true } })).toEqual(Array.from({ length: 10 }, () => ({ totalMinor: 900, discountMinor: 100 })));
      const stock = await db.product.findMany({ select: { stock: true } });
      expect(stock.reduce((sum, p) => sum + (1_000 - p.stock), 0)).toBe(10);
    } finally {
      await database.close();
    }
  });

  it("gives the use back when the order is cancelled, by the customer, the owner or the unpaid hold, once", async () => {
    const database = await openTestDatabase();
    try {
      const db = database.prisma;
      const { product, customers } = await shopWith(db, 2);
      const promo = await codeWith(db, "BACK1", 1);
      const order = await placeOrder({ db, notifier }, { customerId: customers[0]!.id, channel: "console", lines: [{ productId: product.id, quantity: 1 }], promoCode: "back1" }, AT);
      expect(order).toMatchObject({ promoId: promo.id, discountMinor: 100, totalMinor: 900 });
      // Cancelled twice at once: one cancellation, one use given back.
      await Promise.allSettled([1, 2].map(() => changeOrderStatus({ db, notifier }, { orderId: order.id, to: "cancelled", actor: "owner", at: AT })));
      expect((await db.promo.findUniqueOrThrow({ where: { id: promo.id } })).used).toBe(0);
      const again = await placeOrder({ db, notifier }, { customerId: customers[1]!.id, channel: "console", lines: [{ productId: product.id, quantity: 1 }], promoCode: "BACK1" }, AT);
      expect(again.discountMinor).toBe(100);
      expect((await db.promo.findUniqueOrThrow({ where: { id: promo.id } })).used).toBe(1);
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)("on PostgreSQL, from two connection pools at once (skipped without TEST_DATABASE_URL)", () => {
  it("hands out exactly the uses there are, whoever races for them", async () => {
    const scratch = await createScratchPostgres(TEST_DATABASE_URL!);
    const databases: Database[] = [];
    try {
      databases.push(await openDatabase({ kind: "postgres", url: scratch.url }), await openDatabase({ kind: "postgres", url: scratch.url }));
      const clients = databases.map((d) => d.prisma);
      const db = clients[0]!;
      const { customers } = await shopWith(db, 12);
      for (let round = 0; round < 20; round++) {
        const code = `PAIR${round}`;
        await codeWith(db, code, 1);
        expectOneWinnerPerUse(await race(clients, customers.slice(0, 2), code), 1);
      }
      await codeWith(db, "FIVE5", 5);
      expectOneWinnerPerUse(await race(clients, customers, "FIVE5"), 5);
      expect((await db.promo.findUniqueOrThrow({ where: { code: "FIVE5" } })).used).toBe(5);
      expect(await db.order.count({ where: { promo: { code: "FIVE5" } } })).toBe(5);
    } finally {
      for (const database of databases) await database.close();
      await scratch.drop();
    }
  });
});
