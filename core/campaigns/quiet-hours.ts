/**
 * Quiet hours: the part of the shop's day (in `TZ`) when no marketing goes out, 20:00–09:00 by
 * default (campaigns are sent 09:00–20:00). Pure, from the instant and the zone, with luxon: right
 * on the days the clocks change.
 */
import { DateTime } from "luxon";
import { z } from "zod";

/** A span of the day in minutes after local midnight; `from` > `to` wraps past midnight (20:00–09:00). */
export interface QuietHours {
  from: number;
  to: number;
}

/** The default: quiet from 20:00 to 09:00, so campaigns go out 09:00–20:00. */
export const DEFAULT_QUIET_HOURS: QuietHours = { from: 20 * 60, to: 9 * 60 };

const clockTime = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `"20:00-09:00"` (or with an en dash) as a span, `"off"` as none; zod-checked. */
export const ZQuietHours = z
  .string()
  .trim()
  .transform((value, ctx): QuietHours | null => {
    if (value.toLowerCase() === "off") return null;
    const [from, to, ...rest] = value.split(/\s*[-–]\s*/);
    const a = clockTime.exec(from ?? "");
    const b = clockTime.exec(to ?? "");
    if (!a || !b || rest.length > 0 || from === to) {
      ctx.addIssue({ code: "custom", message: "must be a span of the day such as 20:00-09:00 (quiet from 20:00 until 09:00), or off" });
      return z.NEVER;
    }
    return { from: Number(a[1]) * 60 + Number(a[2]), to: Number(b[1]) * 60 + Number(b[2]) };
  });

function minuteOfDay(local: DateTime): number {
  return local.hour * 60 + local.minute;
}

function inSpan(minute: number, span: QuietHours): boolean {
  return span.from < span.to ? minute >= span.from && minute < span.to : minute >= span.from || minute < span.to;
}

function local(at: Date, timeZone: string | undefined): DateTime {
  return DateTime.fromMillis(at.getTime(), timeZone ? { zone: timeZone } : {});
}

/** Whether `at` falls in the quiet hours in `timeZone` (the machine's when undefined). Never with no quiet hours. */
export function isQuietTime(at: Date, quiet: QuietHours | null, timeZone?: string): boolean {
  return quiet !== null && inSpan(minuteOfDay(local(at, timeZone)), quiet);
}

/** When the quiet hours around `at` end (the next local `to`), or `at` itself when it is not quiet. */
export function endOfQuietTime(at: Date, quiet: QuietHours | null, timeZone?: string): Date {
  if (!isQuietTime(at, quiet, timeZone)) return at;
  const now = local(at, timeZone);
  let end = now.startOf("day").set({ hour: Math.floor(quiet!.to / 60), minute: quiet!.to % 60 });
  if (end <= now) end = now.startOf("day").plus({ days: 1 }).set({ hour: Math.floor(quiet!.to / 60), minute: quiet!.to % 60 });
  return end.toJSDate();
}

/** "20:00–09:00" as the owner reads it. */
export function formatQuietHours(quiet: QuietHours | null): string {
  if (!quiet) return "off";
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return `${hhmm(quiet.from)}–${hhmm(quiet.to)}`;
}
