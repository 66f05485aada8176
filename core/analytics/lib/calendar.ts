/**
 * Calendar days for analytics. A "day" is counted in the shop's own time zone, given as a fixed offset
 * from UTC in minutes (e.g. 480 for Shanghai), so that a sale at 23:30 local time lands on its local day.
 */
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (local to the offset) of the instant `at`. */
export function toDayNumber(at: Date | number, utcOffsetMinutes = 0): number {
  const ms = typeof at === "number" ? at : at.getTime();
  return Math.floor((ms + utcOffsetMinutes * 60_000) / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a local day number. */
export function formatDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}
