import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { processStartToken } from "../bot/data-dir-lock.ts";
import { openDatabase } from "../bot/database.ts";
import { placeOrder } from "../core/orders/place-order.ts";
import type { Notifier, OwnerNotification } from "../core/ports.ts";
import { createScratchPostgres, openTestDatabase, TEST_DATABASE_URL } from "./helpers/test-database.ts";
import { useTempDirs } from "./helpers/temp-dirs.ts";

/** Every migration in prisma/migrations, oldest first: what a new database must get, each once. */
const MIGRATIONS = readdirSync(path.join(import.meta.dirname, "..", "prisma", "migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const tempDir = useTempDirs("solo-sales-db-");

const recordingNotifier = () => {
  const sent: OwnerNotification[] = [];
  const notifier: Notifier = { notify: async (n) => void sent.push(n) };
  return { sent, notifier };
};

describe("the embedded database", () => {
  it("is created under the data directory, migrated once, and keeps data across restarts", async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(first.appliedMigrations).toEqual(MIGRATIONS);
    await first.prisma.product.create({ data: { sku: "KEEP-1", name: "Kept", category: "Test", priceMinor: 100 } });
    await first.close();
    const second = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(second.appliedMigrations).toEqual([]);
    expect(await second.prisma.product.count({ where: { sku: "KEEP-1" } })).toBe(1);
    await second.close();
  });

  it("applies only the new migrations to a database an older version created, keeping its data", async () => {
    const dir = tempDir();
    const old = await openDatabase({ kind: "pglite", dataDir: dir });
    await old.prisma.product.create({ data: { sku: "OLD-1", name: "From before", category: "Test", priceMinor: 100 } });
    // Turn it back into what the version before this migration left: without its column and record.
    const latest = "20261123080000_category_zh";
    expect(MIGRATIONS).toContain(latest);
    await old.prisma.$executeRawUnsafe(`ALTER TABLE "Product" DROP COLUMN "categoryZh"`);
    await old.prisma.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, latest);
    await old.close();
    const upgraded = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(upgraded.appliedMigrations).toEqual([latest]);
    expect(await upgraded.prisma.product.findUniqueOrThrow({ where: { sku: "OLD-1" } })).toMatchObject({ name: "From before", categoryZh: null });
    await upgraded.close();
  });

  it("refuses a second process on the same data directory", async () => {
    const dir = tempDir();
    // pid 1 is always alive; with its own start recorded, the file reads as another solo-sales holding the directory.
    writeFileSync(path.join(dir, "solo-sales.pid"), JSON.stringify({ pid: 1, started: processStartToken(1) }));
    await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toThrow(/in use by another solo-sales process \(pid 1\)/);
  });

  it.skipIf(processStartToken(process.pid) === undefined)("takes over a stale pid file whose pid now names an unrelated live process", async () => {
    // After a crash and a reboot the recorded pid may belong to anything: pid 1 is alive, but it is
    // not the process that wrote the file (another start), nor a Node.js process (an older version's bare pid).
    for (const stale of [JSON.stringify({ pid: 1, started: "another-boot:42" }), "1"]) {
      const dir = tempDir();
      writeFileSync(path.join(dir, "solo-sales.pid"), stale);
      const database = await openDatabase({ kind: "pglite", dataDir: dir });
      expect(JSON.parse(readFileSync(path.join(dir, "solo-sales.pid"), "utf8"))).toMatchObject({ pid: process.pid });
      await database.close();
    }
  }, 90_000); // opens the embedded database twice: ~10 s each beside another test file on 2 cores

  it("keeps the embedded database private to the service user (0700 directories, 0600 files)", async () => {
    const dir = path.join(tempDir(), "shop-data");
    mkdirSync(dir, { mode: 0o755 });
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    await first.prisma.customer.create({ data: { name: "Anna Private" } });
    await first.close();
    const second = await openDatabase({ kind: "pglite", dataDir: dir });
    // While it runs, no other user can enter the directories that lead to the data.
    expect([dir, path.join(dir, "pglite")].map((d) => statSync(d).mode & 0o777)).toEqual([0o700, 0o700]);
    await second.close();
    const modes = (root: string): { file: string; mode: number; dir: boolean }[] =>
      readdirSync(root, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(root, e.name);
        const entry = { file, mode: statSync(file).mode & 0o777, dir: e.isDirectory() };
        return e.isDirectory() ? [entry, ...modes(file)] : [entry];
      });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const entries = modes(path.join(dir, "pglite"));
    expect(entries.filter((e) => !e.dir).length).toBeGreaterThan(10);
    // Nothing that holds the data can be read (or entered) by the group or other users.
    expect(entries.filter((e) => (e.mode & 0o077) !== 0)).toEqual([]);
  });
});

describe.skipIf(!TEST_DATABASE_URL)("PostgreSQL (TEST_DATABASE_URL)", () => {
  it("applies migrations once when two processes start at the same moment", async () => {
    const scratch = await createScratchPostgres(TEST_DATABASE_URL!);
    try {
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: "postgres", url: scratch.url })));
      const applied = [a!, b!, c!].map((d) => d.appliedMigrations.length).sort();
      expect(applied).toEqual([0, 0, MIGRATIONS.length]);
      const rows = await a!.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "_prisma_migrations"`);
      expect(Number(rows[0]!.n)).toBe(MIGRATIONS.length);
      await Promise.all([a!, b!, c!].map((d) => d.close()));
    } finally {
      await scratch.drop();
    }
  });
});

describe("selling the last items", () => {
  it("never sells more than the stock, however many customers race for it", async () => {
    const database = await openTestDatabase();
    try {
      const db = database.prisma;
      const product = await db.product.create({ data: { sku: "LAST-1", name: "Last One", category: "Test", priceMinor: 1000, stock: 5, lowStockThreshold: 1 } });
      const customers = await Promise.all(Array.from({ length: 12 }, (_, i) => db.customer.create({ data: { name: `Racer ${i}` } })));
      const { sent, notifier } = recordingNotifier();
      const results = await Promise.allSettled(
        customers.map((c) => placeOrder({ db, notifier }, { customerId: c.id, channel: "console", lines: [{ productId: product.id, quantity: 1 }] }, new Date("2026-11-20T10:00:00Z"))),
      );
      const sold = results.filter((r) => r.status === "fulfilled").length;
      expect(sold).toBe(5);
      expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.code === "OUT_OF_STOCK")).toBe(true);
      expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(0);
      expect(await db.order.count()).toBe(5);
      expect(await db.orderLine.count()).toBe(5);
      expect(sent.filter((n) => n.type === "new_order")).toHaveLength(5);
    } finally {
      await database.close();
    }
  });

  it("writes nothing of an order whose second line is out of stock", async () => {
    const database = await openTestDatabase();
    try {
      const db = database.prisma;
      const a = await db.product.create({ data: { sku: "A-1", name: "A", category: "Test", priceMinor: 100, stock: 10 } });
      const b = await db.product.create({ data: { sku: "B-1", name: "B", category: "Test", priceMinor: 100, stock: 1 } });
      const customer = await db.customer.create({ data: { name: "Half" } });
      const { notifier } = recordingNotifier();
      await expect(placeOrder({ db, notifier }, { customerId: customer.id, channel: "console", lines: [{ productId: a.id, quantity: 2 }, { productId: b.id, quantity: 2 }] }, new Date())).rejects.toMatchObject({ code: "OUT_OF_STOCK" });
      expect((await db.product.findUniqueOrThrow({ where: { id: a.id } })).stock).toBe(10);
      expect(await db.order.count()).toBe(0);
      expect(await db.event.count()).toBe(0);
    } finally {
      await database.close();
    }
  });
});
