/**
 * When a scheduled campaign starts, as the owner types it (`at=`), in the shop's time zone:
 * `2026-12-24T10:00` or `"2026-12-24 10:00"` (a date and a time), `10:00` (the next time the clock
 * says so), `tomorrow 10:00` / `明天 10:00`. Pure; null for anything else.
 */
import { DateTime } from "luxon";

export function parseCampaignTime(text: string, now: Date, timeZone?: string): Date | null {
  const zone = timeZone ? { zone: timeZone } : {};
  const value = text.trim().toLowerCase();
  const full = /^(\d{4}-\d{2}-\d{2})[t\s]+(\d{1,2}):(\d{2})$/.exec(value);
  if (full) {
    const at = DateTime.fromISO(`${full[1]}T${full[2]!.padStart(2, "0")}:${full[3]}`, zone);
    return at.isValid ? at.toJSDate() : null;
  }
  const time = /^(tomorrow\s+|明天\s*)?(\d{1,2}):(\d{2})$/.exec(value);
  if (!time) return null;
  const hour = Number(time[2]);
  const minute = Number(time[3]);
  if (hour > 23 || minute > 59) return null;
  const local = DateTime.fromMillis(now.getTime(), zone);
  let at = local.startOf("day").set({ hour, minute });
  if (time[1]) at = local.startOf("day").plus({ days: 1 }).set({ hour, minute });
  else if (at <= local) at = local.startOf("day").plus({ days: 1 }).set({ hour, minute });
  return at.toJSDate();
}
