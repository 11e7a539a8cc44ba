import { dateTimeFormat } from "@/lib/intl";

/** Calendar days are stored as `@db.Date` (a JS Date at UTC midnight). */

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

export const formatDay = (date: Date, locale = "en-US") =>
  dateTimeFormat(locale, {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
  }).format(date);

export const formatInstant = (date: Date, timeZone: string, locale = "en-US") =>
  dateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);

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
