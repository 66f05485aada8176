/** Calendar arithmetic in the shop's time zone (TZ), without a date library. */

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and the
 * digest asks for thousands of local dates (a profile of the digest over the Online Retail import
 * showed half a second in their construction alone).
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let formatter = FORMATTERS.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    FORMATTERS.set(key, formatter);
  }
  return formatter;
}

/** Minutes the zone is ahead of UTC at that instant (e.g. 60 for London in summer, 480 for Shanghai). */
export function utcOffsetMinutes(at: Date, timeZone?: string): number {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant the local day containing `at` began. */
export function startOfLocalDay(at: Date, timeZone?: string): Date {
  const offset = utcOffsetMinutes(at, timeZone) * 60_000;
  const local = at.getTime() + offset;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000 - offset;
  return new Date(dayStart);
}

/** `YYYY-MM-DD` of the local day containing `at`. */
export function localDate(at: Date, timeZone?: string): string {
  return new Date(at.getTime() + utcOffsetMinutes(at, timeZone) * 60_000).toISOString().slice(0, 10);
}

export const DAY_MS = 86_400_000;
