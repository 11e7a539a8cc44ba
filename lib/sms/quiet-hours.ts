import { addDays, instantAtWallTime, wallClockInZone } from "@/lib/dates";

/**
 * Quiet hours (TCPA practice): no text before 08:00 or from 21:00 on, on the patient's own
 * clock. The hours are wall-clock times, so on the days clocks change they are still 08:00 and
 * 21:00 local (a night is an hour shorter or longer in UTC).
 */
export const QUIET_HOURS = { endsAtMinutes: 8 * 60, startsAtMinutes: 21 * 60 } as const;

/** Whether `at` falls in quiet hours in `timeZone`. */
export const isQuietHours = (at: Date, timeZone: string) => {
  const { hhmm } = wallClockInZone(timeZone, at);
  const minutes = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(2));
  return minutes < QUIET_HOURS.endsAtMinutes || minutes >= QUIET_HOURS.startsAtMinutes;
};

/**
 * The first instant at or after `at` when a text may go: `at` itself outside quiet hours, else
 * 08:00 on the patient's clock that morning (before 08:00) or the next morning (from 21:00).
 */
export const nextSendableAt = (at: Date, timeZone: string): Date => {
  if (!isQuietHours(at, timeZone)) return at;
  const { day, hhmm } = wallClockInZone(timeZone, at);
  const morning = Number(hhmm.slice(0, 2)) < 12 ? day : addDays(day, 1);
  return instantAtWallTime(morning, QUIET_HOURS.endsAtMinutes, timeZone);
};
