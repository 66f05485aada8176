import { describe, expect, it } from "vitest";
import { addLocalDays, localDate, startOfLocalDay, utcOffsetMinutes } from "../../core/digest/time-zone.ts";

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();

/**
 * The four days of 2026 on which the clocks change in London and New York, each asked at midday UTC
 * (after the change): the day began under the other offset, so the offset at midday does not give
 * its start.
 */
const CHANGE_DAYS = [
  { zone: "Europe/London", day: "2026-03-29", at: "2026-03-29T12:00:00Z", start: "2026-03-29T00:00:00.000Z", hours: 23, before: "2026-03-28T00:00:00.000Z", after: "2026-03-29T23:00:00.000Z" },
  { zone: "Europe/London", day: "2026-10-25", at: "2026-10-25T12:00:00Z", start: "2026-10-24T23:00:00.000Z", hours: 25, before: "2026-10-23T23:00:00.000Z", after: "2026-10-26T00:00:00.000Z" },
  { zone: "America/New_York", day: "2026-03-08", at: "2026-03-08T18:00:00Z", start: "2026-03-08T05:00:00.000Z", hours: 23, before: "2026-03-07T05:00:00.000Z", after: "2026-03-09T04:00:00.000Z" },
  { zone: "America/New_York", day: "2026-11-01", at: "2026-11-01T18:00:00Z", start: "2026-11-01T04:00:00.000Z", hours: 25, before: "2026-10-31T04:00:00.000Z", after: "2026-11-02T05:00:00.000Z" },
] as const;

describe("local days on the days the clocks change", () => {
  for (const c of CHANGE_DAYS) {
    it(`starts ${c.day} in ${c.zone} at local midnight (${c.start}), ${c.hours} hours before the next day`, () => {
      const at = new Date(c.at);
      expect(iso(startOfLocalDay(at, c.zone))).toBe(c.start);
      expect(localDate(startOfLocalDay(at, c.zone), c.zone)).toBe(c.day);
      expect(iso(addLocalDays(at, 1, c.zone))).toBe(c.after);
      expect(iso(addLocalDays(at, -1, c.zone))).toBe(c.before);
      expect((addLocalDays(at, 1, c.zone).getTime() - startOfLocalDay(at, c.zone).getTime()) / HOUR).toBe(c.hours);
      // The last instant of the day still belongs to it; the next one does not.
      expect(localDate(new Date(addLocalDays(at, 1, c.zone).getTime() - 1), c.zone)).toBe(c.day);
      expect(localDate(addLocalDays(at, 1, c.zone), c.zone)).not.toBe(c.day);
    });
  }

  it("starts the day at midnight in the hour before a change, too", () => {
    // 00:30 BST on 2026-10-25, half an hour before the clocks go back.
    expect(iso(startOfLocalDay(new Date("2026-10-24T23:30:00Z"), "Europe/London"))).toBe("2026-10-24T23:00:00.000Z");
    expect(localDate(new Date("2026-10-24T23:30:00Z"), "Europe/London")).toBe("2026-10-25");
    // 01:30 EST on 2026-03-08 in New York, half an hour before the clocks go forward.
    expect(iso(startOfLocalDay(new Date("2026-03-08T06:30:00Z"), "America/New_York"))).toBe("2026-03-08T05:00:00.000Z");
  });

  it("steps a week of day boundaries across a change without drifting off midnight", () => {
    const days: string[] = [];
    for (let i = 0; i < 7; i++) days.push(iso(addLocalDays(new Date("2026-03-26T12:00:00Z"), i, "Europe/London")));
    expect(days).toEqual([
      "2026-03-26T00:00:00.000Z", "2026-03-27T00:00:00.000Z", "2026-03-28T00:00:00.000Z", "2026-03-29T00:00:00.000Z",
      "2026-03-29T23:00:00.000Z", "2026-03-30T23:00:00.000Z", "2026-03-31T23:00:00.000Z",
    ]);
  });

  it("gives the zone's offset at the instant asked", () => {
    expect(utcOffsetMinutes(new Date("2026-03-29T00:59:00Z"), "Europe/London")).toBe(0);
    expect(utcOffsetMinutes(new Date("2026-03-29T01:00:00Z"), "Europe/London")).toBe(60);
    expect(utcOffsetMinutes(new Date("2026-11-01T05:59:00Z"), "America/New_York")).toBe(-240);
    expect(utcOffsetMinutes(new Date("2026-11-01T06:00:00Z"), "America/New_York")).toBe(-300);
    expect(utcOffsetMinutes(new Date("2026-06-01T00:00:00Z"), "Asia/Shanghai")).toBe(480);
  });
});
