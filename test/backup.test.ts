/**
 * Backups of the embedded database: the owner's `backup` command and the daily schedule write a
 * complete copy while the shop runs, the oldest beyond BACKUP_KEEP go, and `npm run restore` puts a
 * copy back without deleting the database it replaces.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BACKUP_FILE, createFileBackups } from "../bot/backups.ts";
import { processStartToken } from "../bot/data-dir-lock.ts";
import { loadConfig } from "../bot/config.ts";
import { openDatabase } from "../bot/database.ts";
import { createMemoryLogger } from "../bot/logger.ts";
import { restoreBackup } from "../bot/restore-backup.ts";
import { startShop } from "../bot/start.ts";
import { createFixedClock } from "../core/ports.ts";
import { textOf } from "./helpers/test-app.ts";
import { createTestApp } from "./helpers/test-app.ts";
import { useTempDirs } from "./helpers/temp-dirs.ts";

const tempDir = useTempDirs("solo-sales-backup-");

describe("backups of the embedded database", () => {
  it("are taken by the owner's command while the shop runs, and restore loses nothing", async () => {
    const dataDir = tempDir();
    const clock = createFixedClock("2026-11-23T09:15:00Z");
    const shop = await startShop({ config: loadConfig({ DATA_DIR: dataDir, CONSOLE_ENABLED: "false", DIGEST_ENABLED: "false", BACKUP_CRON: "off" }), logger: createMemoryLogger(), clock, chatChannels: false });
    let stopped = false;
    try {
      await shop.app.db.product.create({ data: { sku: "BEFORE-1", name: "In the backup", category: "Test", priceMinor: 100 } });
      const reply = textOf(await shop.app.owner.handle("backup"));
      const file = path.join(dataDir, "backups", "solo-sales-20261123T091500Z.tar.gz");
      expect(reply).toContain(`Backed up to ${file}`);
      expect(reply).toContain(`npm run restore -- ${file}`);
      expect(existsSync(file)).toBe(true);
      // After the backup: in the database being replaced, not in the restored one.
      await shop.app.db.product.create({ data: { sku: "AFTER-1", name: "Not in the backup", category: "Test", priceMinor: 100 } });
      await shop.stop();
      stopped = true;

      const report = await restoreBackup({ file, dataDir, now: new Date("2026-11-23T10:00:00Z") });
      expect(report.products).toBe(25); // 24 demo products and BEFORE-1
      expect(report.replacedMovedTo).toBe(path.join(dataDir, "pglite.replaced-20261123T100000Z"));
      expect(readdirSync(report.replacedMovedTo!).length).toBeGreaterThan(0);

      const restored = await openDatabase({ kind: "pglite", dataDir });
      try {
        expect(await restored.prisma.product.count({ where: { sku: "BEFORE-1" } })).toBe(1);
        expect(await restored.prisma.product.count({ where: { sku: "AFTER-1" } })).toBe(0);
        expect(restored.appliedMigrations).toEqual([]);
      } finally {
        await restored.close();
      }
    } finally {
      if (!stopped) await shop.stop();
    }
  }, 90_000); // starts a shop, imports, backs up and restores: 21 s alone, over 30 s beside other files on 2 cores

  it("keeps the newest BACKUP_KEEP copies and never leaves a partial file", async () => {
    const dir = path.join(tempDir(), "backups");
    let calls = 0;
    const backups = createFileBackups({ dumpDataDir: async () => new Uint8Array([0x1f, 0x8b, ++calls]), dir, keep: 2 });
    for (const at of ["2026-11-20T03:30:00Z", "2026-11-21T03:30:00Z", "2026-11-22T03:30:00Z"]) await backups.backUp(new Date(at));
    const last = await backups.backUp(new Date("2026-11-23T03:30:00Z"));
    expect(last.kept).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(["solo-sales-20261122T033000Z.tar.gz", "solo-sales-20261123T033000Z.tar.gz"]);
    expect(readdirSync(dir).every((name) => BACKUP_FILE.test(name))).toBe(true);
  });

  it("are readable by the service user alone, and a failed write leaves nothing behind", async () => {
    const dir = path.join(tempDir(), "backups");
    mkdirSync(dir, { mode: 0o755 });
    const backups = createFileBackups({ dumpDataDir: async () => new Uint8Array([0x1f, 0x8b, 1]), dir, keep: 3 });
    const { location } = await backups.backUp(new Date("2026-11-20T03:30:00Z"));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(location).mode & 0o777).toBe(0o600);
    // The rename cannot replace a directory: the write fails after the bytes are down.
    const blocked = new Date("2026-11-21T03:30:00Z");
    mkdirSync(path.join(dir, `solo-sales-20261121T033000Z.tar.gz`));
    await expect(backups.backUp(blocked)).rejects.toThrow();
    expect(readdirSync(dir).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  it("are taken on BACKUP_CRON, and a backup missed while the shop was down is taken at start", async () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, CONSOLE_ENABLED: "false", DIGEST_ENABLED: "false", BACKUP_CRON: "30 3 * * *", TZ: "UTC" });
    // First start at noon: that morning's 03:30 backup is taken at once, and only once.
    const first = await startShop({ config, logger: createMemoryLogger(), clock: createFixedClock("2026-11-22T12:00:00Z"), chatChannels: false });
    // The same nightly job gave the planner the demo shop's real size (no autovacuum here to do it).
    const [productStats] = await first.app.db.$queryRaw<{ rows: number }[]>`SELECT reltuples::float8 AS rows FROM pg_class WHERE relname = 'Product'`;
    expect(productStats?.rows).toBe(await first.app.db.product.count());
    await first.stop();
    const again = await startShop({ config, logger: createMemoryLogger(), clock: createFixedClock("2026-11-22T13:00:00Z"), chatChannels: false });
    await again.stop();
    expect(readdirSync(path.join(dataDir, "backups"))).toEqual(["solo-sales-20261122T033000Z.tar.gz"]);
    // Down over the next 03:30, started at 09:00: the missed backup is taken.
    const next = await startShop({ config, logger: createMemoryLogger(), clock: createFixedClock("2026-11-23T09:00:00Z"), chatChannels: false });
    await next.stop();
    expect(readdirSync(path.join(dataDir, "backups")).sort()).toEqual(["solo-sales-20261122T033000Z.tar.gz", "solo-sales-20261123T033000Z.tar.gz"]);
  }, 90_000); // three shop starts on the embedded database: 23 s in a full run, over 30 s under extra load

  it("refuses to restore over a running shop, or from a file that is not a backup", async () => {
    const dataDir = tempDir();
    const notBackup = path.join(dataDir, "notes.txt");
    writeFileSync(notBackup, "hello");
    await expect(restoreBackup({ file: notBackup, dataDir })).rejects.toThrow(/is not a solo-sales backup/);
    await expect(restoreBackup({ file: path.join(dataDir, "missing.tar.gz"), dataDir })).rejects.toThrow(/Cannot read/);
    const running = path.join(tempDir(), "running");
    mkdirSync(running, { recursive: true });
    // pid 1 is always alive; with its own start recorded, it reads as the running shop.
    writeFileSync(path.join(running, "solo-sales.pid"), JSON.stringify({ pid: 1, started: processStartToken(1) }));
    const archive = path.join(dataDir, "fake.tar.gz");
    writeFileSync(archive, Buffer.from([0x1f, 0x8b, 0, 0]));
    await expect(restoreBackup({ file: archive, dataDir: running })).rejects.toThrow(/in use by another solo-sales process/);
  });

  it("points the owner at the server's own tools when the data is on PostgreSQL", async () => {
    // createTestApp wires no backups (as on DATABASE_URL): the command says what to use instead.
    const ctx = await createTestApp();
    try {
      expect(textOf(await ctx.app.owner.handle("backup"))).toContain("pg_dump");
    } finally {
      await ctx.close();
    }
  });
});
