/**
 * The scheduler's previous and next run times in the job's zone, across the changes of clocks, and
 * a run missed while the process was down over such a change still being found and run once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduledJob } from "../bot/scheduler.ts";
import { createMemoryLogger } from "../bot/logger.ts";
import { createFixedClock } from "../core/ports.ts";
import type { Database } from "../bot/database.ts";
import { openTestDatabase } from "./helpers/test-database.ts";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

function dailyAt8(job: string, now: string, runs: { key: string; scheduledAt: string }[] = [], options: { timezone?: string; catchUpOnFirstStart?: boolean } = {}) {
  const clock = createFixedClock(now);
  return {
    clock,
    job: createScheduledJob({
      db: database.prisma,
      clock,
      logger: createMemoryLogger(),
      job,
      cronExpression: "0 8 * * *",
      timezone: options.timezone ?? "Europe/London",
      catchUpOnFirstStart: options.catchUpOnFirstStart ?? true,
      run: async ({ key, scheduledAt }) => void runs.push({ key, scheduledAt: scheduledAt.toISOString() }),
    }),
  };
}

const at = (iso: string) => new Date(iso);
const iso = (d: Date | undefined) => d?.toISOString();

describe("the previous and next scheduled run", () => {
  it("follows 08:00 London time across the spring change (08:00 GMT, then 08:00 BST)", async () => {
    const { job } = dailyAt8("spring-times", "2026-03-29T12:00:00Z");
    // 07:30 BST on the 29th: the last run was 08:00 GMT on the 28th, the next is 08:00 BST today.
    expect(iso(job.lastScheduledAt(at("2026-03-29T06:30:00Z")))).toBe("2026-03-28T08:00:00.000Z");
    expect(iso(job.nextScheduledAt(at("2026-03-29T06:30:00Z")))).toBe("2026-03-29T07:00:00.000Z");
    // 08:30 BST: today's run is the last one, tomorrow's the next.
    expect(iso(job.lastScheduledAt(at("2026-03-29T07:30:00Z")))).toBe("2026-03-29T07:00:00.000Z");
    expect(iso(job.nextScheduledAt(at("2026-03-29T07:30:00Z")))).toBe("2026-03-30T07:00:00.000Z");
    await job.stop();
  });

  it("follows 08:00 London time across the autumn change (08:00 BST, then 08:00 GMT)", async () => {
    const { job } = dailyAt8("autumn-times", "2026-10-25T12:00:00Z");
    // 07:30 GMT on the 25th, an hour after 07:00 UTC, which was yesterday's 08:00 BST: not yet due today.
    expect(iso(job.lastScheduledAt(at("2026-10-25T07:30:00Z")))).toBe("2026-10-24T07:00:00.000Z");
    expect(iso(job.nextScheduledAt(at("2026-10-25T07:30:00Z")))).toBe("2026-10-25T08:00:00.000Z");
    expect(iso(job.lastScheduledAt(at("2026-10-25T08:00:00Z")))).toBe("2026-10-25T08:00:00.000Z");
    expect(iso(job.nextScheduledAt(at("2026-10-25T08:00:00Z")))).toBe("2026-10-26T08:00:00.000Z");
    await job.stop();
  });

  it("follows New York time across its own changes", async () => {
    const { job } = dailyAt8("new-york-times", "2026-03-08T12:00:00Z", [], { timezone: "America/New_York" });
    expect(iso(job.lastScheduledAt(at("2026-03-08T12:30:00Z")))).toBe("2026-03-08T12:00:00.000Z");
    expect(iso(job.lastScheduledAt(at("2026-03-08T11:30:00Z")))).toBe("2026-03-07T13:00:00.000Z");
    expect(iso(job.nextScheduledAt(at("2026-10-31T13:30:00Z")))).toBe("2026-11-01T13:00:00.000Z");
    await job.stop();
  });

  it("counts a run due this very instant as the last one, and none older than eight days", async () => {
    const { job } = dailyAt8("edges", "2026-11-20T08:00:00Z");
    expect(iso(job.lastScheduledAt(at("2026-11-20T08:00:00.000Z")))).toBe("2026-11-20T08:00:00.000Z");
    const monthly = createScheduledJob({ db: database.prisma, clock: createFixedClock("2026-11-20T08:00:00Z"), logger: createMemoryLogger(), job: "monthly", cronExpression: "0 8 1 * *", timezone: "Europe/London", run: async () => undefined });
    expect(monthly.lastScheduledAt(at("2026-11-20T08:00:00Z"))).toBeUndefined();
    expect(iso(monthly.lastScheduledAt(at("2026-11-05T08:00:00Z")))).toBe("2026-11-01T08:00:00.000Z");
    await monthly.stop();
    await job.stop();
  });
});

describe("a run missed while the process was down", () => {
  it("is found and run once when the process comes back after the night the clocks went forward", async () => {
    const runs: { key: string; scheduledAt: string }[] = [];
    // It ran on the 28th, then the machine was off from the evening until 10:15 BST on the 29th.
    const before = dailyAt8("missed-over-change", "2026-03-28T08:00:05Z", runs);
    expect(await before.job.catchUp()).toBe("succeeded");
    await before.job.stop();
    const after = dailyAt8("missed-over-change", "2026-03-29T09:15:00Z", runs);
    expect(await after.job.catchUp()).toBe("succeeded");
    expect(await after.job.catchUp()).toBe("skipped");
    expect(runs).toEqual([
      { key: "2026-03-28", scheduledAt: "2026-03-28T08:00:00.000Z" },
      { key: "2026-03-29", scheduledAt: "2026-03-29T07:00:00.000Z" },
    ]);
    await after.job.stop();
  });

  it("is not run again by a process that starts before the next scheduled time", async () => {
    const runs: { key: string; scheduledAt: string }[] = [];
    const first = dailyAt8("not-twice", "2026-10-25T08:00:01Z", runs);
    expect(await first.job.catchUp()).toBe("succeeded");
    await first.job.stop();
    // The next morning at 07:59 GMT: today's 08:00 has not come; yesterday's already ran.
    const next = dailyAt8("not-twice", "2026-10-26T07:59:00Z", runs);
    expect(await next.job.catchUp()).toBe("skipped");
    expect(runs).toEqual([{ key: "2026-10-25", scheduledAt: "2026-10-25T08:00:00.000Z" }]);
    await next.job.stop();
  });
});

describe("jobs that run more than once a day", () => {
  it("run in every slot of an hourly schedule (keyed by the slot, not the day), while a daily job keeps its date", async () => {
    const clock = createFixedClock("2026-12-07T10:00:00Z");
    const runs: string[] = [];
    const hourly = createScheduledJob({
      db: database.prisma,
      clock,
      logger: createMemoryLogger(),
      job: "hourly-backup",
      cronExpression: "0 * * * *",
      timezone: "Europe/London",
      catchUpOnFirstStart: true,
      run: async ({ key }) => void runs.push(key),
    });
    expect(await hourly.runFor(at("2026-12-07T10:00:00Z"))).toBe("succeeded");
    expect(await hourly.runFor(at("2026-12-07T11:00:00Z"))).toBe("succeeded");
    // The same slot again (another replica firing too): skipped.
    expect(await hourly.runFor(at("2026-12-07T11:00:00Z"))).toBe("skipped");
    // The day's first slot keeps the plain date.
    expect(await hourly.runFor(at("2026-12-08T00:00:00Z"))).toBe("succeeded");
    expect(runs).toEqual(["2026-12-07T10:00", "2026-12-07T11:00", "2026-12-08"]);
    await hourly.stop();

    const { job: daily } = dailyAt8("daily-key", "2026-12-07T12:00:00Z");
    expect(daily.periodKeyFor(at("2026-12-07T08:00:00Z"))).toBe("2026-12-07");
    await daily.stop();
  });
});
