/**
 * RETENTION_DAYS: what is older than the retention goes every night (message texts, inactive
 * customers' personal data, backups), the cutoff taken from the shop's clock, once across replicas.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../bot/app.ts";
import { createFileBackups } from "../bot/backups.ts";
import { ConfigError, loadConfig } from "../bot/config.ts";
import { createMemoryLogger } from "../bot/logger.ts";
import { createRetentionJob } from "../bot/retention-job.ts";
import { createCustomer, createTestApp } from "./helpers/test-app.ts";
import { useTempDirs } from "./helpers/temp-dirs.ts";

const tempDir = useTempDirs("solo-sales-retention-");
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

const DAY = 86_400_000;

async function messagesOf(app: App, externalId: string) {
  const identity = await app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId } } });
  return app.db.message.findMany({ where: { conversation: { customerId: identity.customerId } }, orderBy: { id: "asc" } });
}

describe("RETENTION_DAYS in the configuration", () => {
  it("is unset by default (kept for ever) and must be a whole number of days", () => {
    expect(loadConfig({}).RETENTION_DAYS).toBeUndefined();
    expect(loadConfig({ RETENTION_DAYS: "365" }).RETENTION_DAYS).toBe(365);
    expect(() => loadConfig({ RETENTION_DAYS: "0" })).toThrow(/RETENTION_DAYS: must be at least 1 day/);
    expect(() => loadConfig({ RETENTION_DAYS: "1.5" })).toThrow(/RETENTION_DAYS: must be a whole number of days/);
    expect(() => loadConfig({ RETENTION_DAYS: "a year" })).toThrow(ConfigError);
  });
});

describe("the nightly retention job", () => {
  it("blanks message texts older than the retention, keeps newer ones, and anonymises customers not heard from since", async () => {
    const { app, clock } = ctx;
    clock.set("2026-09-01T10:00:00Z");
    await createCustomer(app, "retention-old-talk").say("do you have the lavender candle?");
    const [oldInbound] = await messagesOf(app, "retention-old-talk");
    await app.db.message.update({ where: { id: oldInbound!.id }, data: { attachment: { kind: "photo", fileRef: "AgAD-old" }, payload: "lang:en" } });
    // Someone who wrote once, in September, and asked to be forgotten; never heard from again.
    await createCustomer(app, "retention-gone").say("hello, is the teapot dishwasher safe?");
    await createCustomer(app, "retention-gone").say("please delete my data");
    clock.set("2026-11-20T10:00:00Z");
    await createCustomer(app, "retention-old-talk").say("and the jasmine tea?");
    for (const session of ["retention-old-talk", "retention-gone"]) {
      const { customerId } = await app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: session } } });
      await app.db.customer.update({ where: { id: customerId }, data: { name: `Name of ${session}`, email: `${session}@example.org`, phone: "+447911123456", address: "1 Old Street, London" } });
    }
    const gone = await app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: "retention-gone" } } });

    const before = await messagesOf(app, "retention-old-talk");
    const job = createRetentionJob(app, { TZ: "UTC", RETENTION_DAYS: 30 });
    expect(await job.runFor(job.lastScheduledAt(clock.now())!)).toBe("succeeded");
    const after = await messagesOf(app, "retention-old-talk");

    const cutoff = clock.now().getTime() - 30 * DAY;
    const old = after.filter((m) => m.createdAt.getTime() < cutoff);
    const recent = after.filter((m) => m.createdAt.getTime() >= cutoff);
    expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
    expect(old.length).toBeGreaterThan(1);
    expect(old.every((m) => m.text === "" && m.attachment === null && m.payload === null)).toBe(true);
    // The metadata stays: what was asked, and when.
    expect(old[0]!.intent).toBe(before[0]!.intent);
    expect(recent.length).toBeGreaterThan(1);
    expect(recent.map((m) => m.text)).toEqual(before.filter((m) => m.createdAt.getTime() >= cutoff).map((m) => m.text));
    expect(recent[0]!.text).toBe("and the jasmine tea?");

    // The customer heard from within the retention keeps their details.
    expect(await app.db.customer.findFirstOrThrow({ where: { identities: { some: { externalId: "retention-old-talk" } } } })).toMatchObject({ name: "Name of retention-old-talk", email: "retention-old-talk@example.org", erasedAt: null });
    // The one not heard from since is anonymised as an erasure does it, their open request answered.
    expect(await app.db.customer.findUniqueOrThrow({ where: { id: gone.customerId } })).toMatchObject({ name: null, email: null, phone: null, address: null, erasedAt: clock.now() });
    expect(await app.db.channelIdentity.count({ where: { customerId: gone.customerId } })).toBe(0);
    expect(await app.db.dataRequest.findMany({ where: { customerId: gone.customerId } })).toMatchObject([{ kind: "erasure", answer: "erased", answeredBy: "system", answeredAt: clock.now() }]);
    expect(await app.db.auditEntry.findMany({ where: { subject: `customer:${gone.customerId}` } })).toMatchObject([{ actor: "system", action: "retention", after: { erasedAt: clock.now().toISOString() } }]);
    // Writing again from that chat starts a new customer.
    await createCustomer(app, "retention-gone").say("hi");
    expect((await app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: "retention-gone" } } })).customerId).not.toBe(gone.customerId);
    await job.stop();
  });

  it("purges once when two replicas on one database fire for the same night", async () => {
    const { app, clock, config } = ctx;
    clock.set("2026-11-22T03:00:00Z");
    // A second process on the same database, with its own logger.
    const otherLogger = createMemoryLogger();
    const other = await createApp({ config, db: app.db, logger: otherLogger, clock, classifier: app.classifier });
    const a = createRetentionJob(app, { TZ: "UTC", RETENTION_DAYS: 30 }, { owner: "replica-a" });
    const b = createRetentionJob(other, { TZ: "UTC", RETENTION_DAYS: 30 }, { owner: "replica-b" });
    const night = a.lastScheduledAt(clock.now())!;
    expect(night.toISOString()).toBe("2026-11-22T03:00:00.000Z");

    const outcomes = await Promise.all([a.runFor(night), b.runFor(night)]);
    expect([...outcomes].sort()).toEqual(["skipped", "succeeded"]);
    const purges = [...ctx.logger.lines, ...otherLogger.lines].filter((line) => line.message === "expired personal data purged" && (line.context?.cutoff as string).startsWith("2026-10-23"));
    expect(purges).toHaveLength(1);
    expect(await app.db.jobRun.findMany({ where: { job: "data-retention", periodKey: "2026-11-22" }, select: { status: true } })).toEqual([{ status: "succeeded" }]);
    // The next night is another slot.
    clock.set("2026-11-23T03:00:00Z");
    expect(await b.runFor(b.lastScheduledAt(clock.now())!)).toBe("succeeded");
    await a.stop();
    await b.stop();
  });

  it("removes backups older than the retention and keeps the newer ones", async () => {
    const { app, clock } = ctx;
    const dir = path.join(tempDir(), "backups");
    const backups = createFileBackups({ dumpDataDir: async () => new Uint8Array([0x1f, 0x8b, 1]), dir, keep: 100 });
    for (const at of ["2026-10-20T03:30:00Z", "2026-10-27T03:29:59Z", "2026-10-27T03:30:00Z", "2026-11-24T03:30:00Z"]) await backups.backUp(new Date(at));
    clock.set("2026-11-26T03:30:00Z");
    const job = createRetentionJob(app, { TZ: "UTC", RETENTION_DAYS: 30 }, { backups });
    expect(await job.runFor(job.lastScheduledAt(clock.now())!)).toBe("succeeded");
    // Cutoff 2026-10-27T03:30:00Z: the one taken at that very second is kept.
    expect(readdirSync(dir).sort()).toEqual(["solo-sales-20261027T033000Z.tar.gz", "solo-sales-20261124T033000Z.tar.gz"]);
    await job.stop();
  });
});
