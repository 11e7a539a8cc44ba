import { dateTimeFormat } from "@/lib/intl";

/** The zone dates are shown in where no practice's zone applies (the demo practice's, New York). */
export const DEFAULT_TIME_ZONE = "America/New_York";

/** Calendar days are stored as `@db.Date` (a JS Date at UTC midnight). */

/** A day of 24 hours, in ms: calendar days (UTC midnights) are always this far apart. */
export const DAY_MS = 86_400_000;

/** A calendar day plus n days (n may be negative); an instant plus n times 24 hours. */
export const addDays = (day: Date, n: number) => new Date(day.getTime() + n * DAY_MS);

/** "1980-01-01" → Date at UTC midnight, or null when it is not a real calendar date. */
export const parseIsoDay = (input: string): Date | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim());
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
};

export const toIsoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A DATE column read past Prisma as `to_char(column, 'YYYY-MM-DD')` → Date at UTC midnight, as
 * Prisma gives it (the `pg` driver would make a local-time midnight of a bare DATE).
 */
export const dayFromSql = (day: string) => new Date(`${day}T00:00:00.000Z`);

export const formatDay = (date: Date, locale = "en-US") =>
  dateTimeFormat(locale, {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
  }).format(date);

export const formatInstant = (date: Date, timeZone: string, locale = "en-US") =>
  dateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);

const ENGLISH_MONTHS = Array.from({ length: 12 }, (_, month) =>
  dateTimeFormat("en-US", { timeZone: "UTC", month: "short" }).format(new Date(Date.UTC(2000, month, 1))),
);
/** "Dec 7, 2026, 4:30 PM" (the space before PM may be a narrow no-break space). */
const ENGLISH_INSTANT = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}), (\d{1,2}):(\d{2})\s([AP]M)$/u;

/**
 * What `formatInstant` wrote in English ("Dec 7, 2026, 4:30 PM"), said again in another Intl
 * locale at the same wall-clock time, so in the same zone ("7 dic 2026, 4:30 p.m."); null for
 * text that is not such a time.
 */
export const reformatEnglishInstant = (text: string, locale: string): string | null => {
  const match = ENGLISH_INSTANT.exec(text);
  if (!match) return null;
  const [, monthName, day, year, hour, minute, meridiem] = match;
  const month = ENGLISH_MONTHS.indexOf(monthName!);
  const hour12 = Number(hour);
  if (month < 0 || hour12 < 1 || hour12 > 12 || Number(minute) > 59) return null;
  const hours = (hour12 % 12) + (meridiem === "PM" ? 12 : 0);
  const wallClock = new Date(Date.UTC(Number(year), month, Number(day), hours, Number(minute)));
  if (wallClock.getUTCDate() !== Number(day)) return null;
  return formatInstant(wallClock, "UTC", locale);
};

/** Today's calendar date in a time zone, as a UTC-midnight Date. */
export const todayInZone = (timeZone: string, now = new Date()) => {
  const parts = dateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return parseIsoDay(`${parts.year}-${parts.month}-${parts.day}`)!;
};

/** What a zone's wall clock shows at an instant: year, month, day, hour (0–23), minute, second. */
const wallClockParts = (timeZone: string, at: Date) => {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  })
    .formatToParts(at)
    .reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.type]: Number(p.value) }), {});
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
};

/** How far a zone's wall clock is ahead of UTC at an instant, in ms (EDT: -4 h). */
const zoneOffsetMs = (timeZone: string, at: Date) => {
  const p = wallClockParts(timeZone, at);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
};

/** A zone's wall clock at an instant: the day (a UTC-midnight Date) and the time as `HHMM`. */
export const wallClockInZone = (timeZone: string, at: Date) => {
  const p = wallClockParts(timeZone, at);
  const two = (n: number) => String(n).padStart(2, "0");
  return { day: new Date(Date.UTC(p.year, p.month - 1, p.day)), hhmm: `${two(p.hour)}${two(p.minute)}` };
};

/**
 * The instant a calendar day (a UTC-midnight Date) begins in a time zone: 2026-03-08 in New
 * York → 05:00Z (EST), 2026-03-09 → 04:00Z (EDT). Where midnight itself is skipped by a
 * daylight-saving change, the first instant of the day after the jump.
 */
export const startOfDayInZone = (day: Date, timeZone: string) => {
  const wall = day.getTime();
  const first = wall - zoneOffsetMs(timeZone, new Date(wall));
  const second = wall - zoneOffsetMs(timeZone, new Date(first));
  if (second === first) return new Date(first);
  // The offset changes near midnight: take the earlier guess that still falls on `day`.
  const candidates = [first, second].sort((a, b) => a - b);
  const onDay = candidates.find((t) => toIsoDay(todayInZone(timeZone, new Date(t))) === toIsoDay(day));
  return new Date(onDay ?? candidates[1]!);
};

/**
 * The instant a zone's wall clock shows `minutes` after midnight on `day` (a UTC-midnight Date),
 * resolved as Temporal's "compatible" disambiguation does: a time the clock skips (spring
 * forward: 02:30 in New York on 2026-03-08) is read with the offset before the jump, so it falls
 * one hour later on the clock (03:30 EDT); a time the clock shows twice (fall back: 01:30 on
 * 2026-11-01) is its first occurrence (EDT). `minutes` may be 1440: midnight that ends the day.
 */
export const instantAtWallTime = (day: Date, minutes: number, timeZone: string) => {
  const wall = day.getTime() + minutes * 60_000;
  const before = zoneOffsetMs(timeZone, new Date(wall - DAY_MS));
  const after = zoneOffsetMs(timeZone, new Date(wall + DAY_MS));
  const valid = [wall - before, wall - after].filter((t) => zoneOffsetMs(timeZone, new Date(t)) === wall - t);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(wall - before);
};
