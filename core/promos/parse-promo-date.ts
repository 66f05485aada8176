/**
 * A promo code's `from=` and `until=` as the owner types them, in the shop's time zone: a calendar
 * day (`2026-12-01`, `today`, `tomorrow`, `今天`, `明天`) or a day and a time (`2026-12-01T09:00`,
 * `"2026-12-01 09:00"`, read as `campaign new … at=` reads them). A day is whole in the shop's zone:
 * `from=2026-12-01` starts at that day's first moment, `until=2026-12-31` ends at the last moment of
 * the 31st (stored as the start of the next day, on whichever day the clocks change). Pure; null for
 * anything else.
 */
import { DateTime } from "luxon";
import { parseCampaignTime } from "../campaigns/parse-campaign-time.ts";
import { addLocalDays } from "../digest/time-zone.ts";

/** Which end of the validity the text gives: a day starts it (`from`) or ends it, inclusive (`until`). */
export type TPromoDateEnd = "from" | "until";

export function parsePromoDate(text: string, end: TPromoDateEnd, now: Date, timeZone?: string): Date | null {
  const value = text.trim().toLowerCase();
  const zone = timeZone ? { zone: timeZone } : {};
  let day: Date | null = null;
  if (value === "today" || value === "今天") day = addLocalDays(now, 0, timeZone);
  else if (value === "tomorrow" || value === "明天") day = addLocalDays(now, 1, timeZone);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const local = DateTime.fromISO(value, zone);
    day = local.isValid ? local.startOf("day").toJSDate() : null;
    if (!day) return null;
  }
  if (day) return end === "from" ? day : addLocalDays(day, 1, timeZone);
  // A day and a time: that moment (only the full form; "10:00" alone means nothing for a code).
  return /^\d{4}-\d{2}-\d{2}[t\s]+\d{1,2}:\d{2}$/.test(value) ? parseCampaignTime(value, now, timeZone) : null;
}
