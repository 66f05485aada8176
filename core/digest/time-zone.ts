/**
 * Calendar arithmetic in the shop's time zone (TZ), with luxon: a local day is not always 24 hours
 * (23 on the spring change, 25 on the autumn one), so "the start of today" and "n days before it"
 * must come from the zone's rules, not from the offset at some other instant plus multiples of
 * 24 hours. `timeZone` undefined means the machine's own zone, as everywhere in the shop.
 */
import { DateTime } from "luxon";

function inZone(at: Date, timeZone: string | undefined): DateTime {
  const zoned = DateTime.fromMillis(at.getTime(), timeZone ? { zone: timeZone } : {});
  if (!zoned.isValid) throw new RangeError(`no local time for ${String(at)} in ${timeZone ?? "the local zone"}: ${zoned.invalidExplanation ?? zoned.invalidReason}`);
  return zoned;
}

/** Minutes the zone is ahead of UTC at that instant (e.g. 60 for London in summer, 480 for Shanghai). */
export function utcOffsetMinutes(at: Date, timeZone?: string): number {
  return inZone(at, timeZone).offset;
}

/**
 * The instant the local day containing `at` began: local midnight, or the first instant of the day
 * where a change of clocks skips midnight. On 2026-03-29 in London that is 00:00 GMT, and the
 * day is 23 hours long.
 */
export function startOfLocalDay(at: Date, timeZone?: string): Date {
  return inZone(at, timeZone).startOf("day").toJSDate();
}

/**
 * The start of the local day `days` calendar days after (negative: before) the day containing
 * `at`. Use it, not `n * DAY_MS`, to step between day boundaries: across a change of clocks the
 * days between are 23 or 25 hours long.
 */
export function addLocalDays(at: Date, days: number, timeZone?: string): Date {
  return inZone(at, timeZone).startOf("day").plus({ days }).startOf("day").toJSDate();
}

/** `YYYY-MM-DD` of the local day containing `at`. */
export function localDate(at: Date, timeZone?: string): string {
  return inZone(at, timeZone).toISODate()!;
}

/**
 * 24 hours, for durations that are fixed lengths of time (a lead's recency in days, a trend over
 * weeks). To move from one local day boundary to another use {@link addLocalDays}.
 */
export const DAY_MS = 86_400_000;
