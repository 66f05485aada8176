/**
 * The daily digest posts exactly once per day: two schedulers on one database, a missed digest at
 * start, a failed post retried and never duplicated. Time is a fixed clock moved by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduledJob } from "../bot/scheduler.ts";
import { publishDigestOnce, type DigestPublisher } from "../core/digest/publish-digest.ts";
import type { RenderedDigest } from "../core/digest/render-digest.ts";
import { createFixedClock } from "../core/ports.ts";
import { createVegaChartRenderer } from "../adapters/charts/vega-chart-renderer.ts";
import { createCustomer, createTestApp } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
  // A little trade to report on: two orders yesterday.
  ctx.clock.set("2026-11-19T15:00:00Z");
  for (const session of ["digest-a", "digest-b"]) {
    const c = createCustomer(ctx.app, session);
    await c.say("I want to buy 2 blue speckled mugs");
    await c.say("yes");
  }
});
afterAll(async () => {
  await ctx?.close();
});

function recordingPublisher(name: string, options: { failTimes?: number } = {}) {
  const posts: { digest: RenderedDigest; chart: Uint8Array | null }[] = [];
  let failures = options.failTimes ?? 0;
  const publisher: DigestPublisher = {
    name,
    async publishDigest(digest, chart) {
      if (failures > 0) {
        failures--;
        throw new Error("slack is down");
      }
      posts.push({ digest, chart });
    },
  };
  return { publisher, posts };
}

function scheduler(owner: string, publishers: DigestPublisher[], clock = createFixedClock("2026-11-20T08:00:30Z")) {
  return {
    clock,
    job: createScheduledJob({
      db: ctx.app.db,
      clock,
      logger: ctx.logger,
      job: "test-digest",
      cronExpression: "0 8 * * *",
      timezone: "Europe/London",
      owner,
      run: ({ key, scheduledAt }) => publishDigestOnce({ db: ctx.app.db, clock, logger: ctx.logger, charts: createVegaChartRenderer(), publishers: () => publishers, currency: "GBP", locale: "en", timeZone: "Europe/London" }, { asOf: scheduledAt, periodKey: key, owner }),
    }),
  };
}

describe("the daily digest", () => {
  it("is posted once when two processes fire at the same moment", async () => {
    const slack = recordingPublisher("slack-a");
    const a = scheduler("process-a", [slack.publisher]);
    const b = scheduler("process-b", [slack.publisher]);
    const at = new Date("2026-11-20T08:00:00Z");
    const outcomes = await Promise.all([a.job.runFor(at), b.job.runFor(at)]);
    expect(outcomes.sort()).toEqual(["skipped", "succeeded"]);
    expect(slack.posts).toHaveLength(1);
    const text = slack.posts[0]!.digest.sections.map((s) => s.text).join("\n");
    expect(slack.posts[0]!.digest.title).toBe("Daily digest — 2026-11-20");
    expect(text).toContain("Revenue £64.00 from 2 orders");
    expect(text).toMatch(/Blue Speckled Mug: 4 ×/);
    expect(slack.posts[0]!.chart?.subarray(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    await Promise.all([a.job.stop(), b.job.stop()]);
  });

  it("posts a digest missed while the process was down when it starts again, once", async () => {
    const slack = recordingPublisher("slack-missed");
    // It ran on the 20th (the test above), was down at 08:00 on the 21st, and starts at 13:45.
    const later = createFixedClock("2026-11-21T13:45:00Z");
    const first = scheduler("restarted", [slack.publisher], later);
    expect(await first.job.catchUp()).toBe("succeeded");
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]!.digest.title).toBe("Daily digest — 2026-11-21");
    expect(await first.job.catchUp()).toBe("skipped");
    expect(slack.posts).toHaveLength(1);
    await first.job.stop();
  });

  it("retries a failed post without posting twice anywhere", async () => {
    const console = recordingPublisher("console-retry");
    const slack = recordingPublisher("slack-retry", { failTimes: 1 });
    const clock = createFixedClock("2026-11-22T08:00:05Z");
    const s = scheduler("retrier", [console.publisher, slack.publisher], clock);
    expect(await s.job.catchUp()).toBe("failed");
    expect(console.posts).toHaveLength(1);
    expect(slack.posts).toHaveLength(0);
    const run = await ctx.app.db.jobRun.findUniqueOrThrow({ where: { job_periodKey: { job: "test-digest", periodKey: "2026-11-22" } } });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("slack-retry");
    clock.advance(5 * 60_000);
    expect(await s.job.catchUp()).toBe("succeeded");
    expect(slack.posts).toHaveLength(1);
    expect(console.posts).toHaveLength(1);
    expect(await s.job.catchUp()).toBe("skipped");
    expect(slack.posts).toHaveLength(1);
    await s.job.stop();
  });

  it("waits for the first scheduled time on a fresh install instead of catching up", async () => {
    const slack = recordingPublisher("slack-fresh");
    const clock = createFixedClock("2026-11-20T12:00:00Z");
    const fresh = createScheduledJob({ db: ctx.app.db, clock, logger: ctx.logger, job: "never-ran-before", cronExpression: "0 8 * * *", timezone: "Europe/London", run: async () => slack.publisher.publishDigest({ title: "x", sections: [], chart: {} as never }, null) });
    expect(await fresh.catchUp()).toBe("nothing-due");
    expect(slack.posts).toHaveLength(0);
    await fresh.stop();
  });

  it("names the days its best sellers cover: the last 7, or the last 28 when the last 7 sold nothing", async () => {
    const bestSellersOn = async (at: string) => {
      const slack = recordingPublisher(`slack-best-${at}`);
      const clock = createFixedClock(at);
      await publishDigestOnce({ db: ctx.app.db, clock, logger: ctx.logger, publishers: () => [slack.publisher], currency: "GBP", locale: "en", timeZone: "Europe/London" }, { asOf: clock.now(), periodKey: `best-${at}`, owner: "t" });
      return slack.posts[0]!.digest.sections.map((section) => section.text).find((text) => text.startsWith("Best sellers"));
    };
    expect(await bestSellersOn("2026-11-20T09:00:00Z")).toBe("Best sellers (the 7 days to yesterday)\n• Blue Speckled Mug: 4 × — £64.00");
    expect(await bestSellersOn("2026-11-29T09:00:00Z")).toBe("Best sellers (the 28 days to yesterday)\n• Blue Speckled Mug: 4 × — £64.00");
  });

  it("scores leads as of midnight: a customer first seen this morning is not among the hottest leads", async () => {
    ctx.clock.set("2026-11-21T07:30:00Z");
    await createCustomer(ctx.app, "digest-early-bird").say("do you have the lavender candle?");
    const early = await ctx.app.db.customer.findFirstOrThrow({ where: { identities: { some: { externalId: "digest-early-bird" } } } });
    const slack = recordingPublisher("slack-hot");
    const clock = createFixedClock("2026-11-21T09:00:00Z");
    await publishDigestOnce({ db: ctx.app.db, clock, logger: ctx.logger, publishers: () => [slack.publisher], currency: "GBP", locale: "en", timeZone: "Europe/London" }, { asOf: clock.now(), periodKey: "hot-test", owner: "t" });
    const leads = slack.posts[0]!.digest.sections.map((section) => section.text).find((text) => text.startsWith("Leads"))!;
    expect(leads).toMatch(/Hottest leads/);
    expect(leads).not.toContain(`#${early.id} `);
    // Yesterday's buyers are there, with reasons.
    expect(leads).toMatch(/• #\d+ — \d+%: /);
  });

  it("reads in Chinese when the owner's language is Chinese", async () => {
    const slack = recordingPublisher("slack-zh");
    const clock = createFixedClock("2026-11-20T09:00:00Z");
    await publishDigestOnce({ db: ctx.app.db, clock, logger: ctx.logger, publishers: () => [slack.publisher], currency: "GBP", locale: "zh", timeZone: "Europe/London" }, { asOf: clock.now(), periodKey: "zh-test", owner: "t" });
    const text = slack.posts[0]!.digest.sections.map((section) => section.text).join("\n");
    expect(slack.posts[0]!.digest.title).toBe("每日简报 — 2026-11-20");
    expect(text).toContain("营业额 £64.00，共 2 笔订单");
    expect(text).toContain("未来 7 天");
  });
});
