/**
 * The digest's "yesterday" is the owner's calendar day, 23 hours long on the day the clocks go
 * forward: an order at 23:30 on the evening before belongs to that evening, not to yesterday.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDigest } from "../../core/digest/build-digest.ts";
import { createTestApp, placeOrderInChat } from "../helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

describe("the digest on the days the clocks change", () => {
  it("counts as yesterday only the orders of 29 March in London, the 23-hour day", async () => {
    // 23:30 GMT on Saturday 28 March, then 00:30 GMT and 23:30 BST (22:30 UTC) on Sunday the 29th.
    for (const [at, session] of [["2026-03-28T23:30:00Z", "late-saturday"], ["2026-03-29T00:30:00Z", "early-sunday"], ["2026-03-29T22:30:00Z", "late-sunday"]] as const) {
      ctx.clock.set(at);
      await placeOrderInChat(ctx.app, session, "I want to buy 1 blue speckled mug");
    }
    const digest = await buildDigest(ctx.app.db, { asOf: new Date("2026-03-30T08:00:00Z"), currency: "GBP", timeZone: "Europe/London" });
    expect(digest.date).toBe("2026-03-30");
    expect(digest.yesterday).toMatchObject({ date: "2026-03-29", orders: 2 });
    const byDay = Object.fromEntries(digest.recentRevenue.map((d) => [d.date, d.revenueMinor]));
    expect(digest.recentRevenue).toHaveLength(28);
    expect(digest.recentRevenue.at(-1)!.date).toBe("2026-03-29");
    expect(byDay["2026-03-28"]).toBe(digest.yesterday.revenueMinor / 2);
  });

  it("counts as yesterday both ends of 25 October in London, the 25-hour day", async () => {
    // 00:30 BST on Sunday 25 October (23:30 UTC on the 24th) and 23:30 GMT that evening.
    for (const [at, session] of [["2026-10-24T23:30:00Z", "just-after-midnight"], ["2026-10-25T23:30:00Z", "last-hour"]] as const) {
      ctx.clock.set(at);
      await placeOrderInChat(ctx.app, session, "I want to buy 1 blue speckled mug");
    }
    const digest = await buildDigest(ctx.app.db, { asOf: new Date("2026-10-26T09:00:00Z"), currency: "GBP", timeZone: "Europe/London" });
    expect(digest.yesterday).toMatchObject({ date: "2026-10-25", orders: 2 });
  });
});
