/**
 * The daily settlement cut-off: a wall-clock time in a time zone (default 21:00 America/New_York),
 * turned into instants across daylight-saving changes.
 */
export type TCutoff = { hour: number; minute: number; timeZone: string };

export const DEFAULT_CUTOFF: TCutoff = { hour: 21, minute: 0, timeZone: "America/New_York" };

/** "21:00", "21:00 America/Chicago", or "off" (no daily batch) → a cut-off or null. */
export const parseCutoff = (value: string | undefined): TCutoff | null => {
  if (value === undefined || value.trim() === "") return DEFAULT_CUTOFF;
  if (/^(off|none|false)$/i.test(value.trim())) return null;
  const match = /^\s*([01]?\d|2[0-3]):([0-5]\d)(?:\s+(\S+))?\s*$/.exec(value);
  if (!match) throw new Error(`GATEWAY_SETTLEMENT_CUTOFF must look like 21:00 or "21:00 America/New_York"`);
  const timeZone = match[3] ?? DEFAULT_CUTOFF.timeZone;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new Error(`GATEWAY_SETTLEMENT_CUTOFF: unknown time zone ${timeZone}`);
  }
  return { hour: Number(match[1]), minute: Number(match[2]), timeZone };
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** The wall-clock fields of `ms` in `timeZone`. */
const wallClock = (ms: number, timeZone: string) => {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
};

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (New York in winter: −5 h). */
const offsetAt = (ms: number, timeZone: string) => {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
};

/** The instant at which the wall clock in `timeZone` reads this date and time. */
export const zonedTimeToUtc = (
  {
    year,
    month,
    day,
    hour,
    minute,
  }: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date => {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let ms = asUtc - offsetAt(asUtc, timeZone);
  ms = asUtc - offsetAt(ms, timeZone);
  return new Date(ms);
};

/** The latest cut-off at or before `now`. */
export const previousCutoff = (now: Date, cutoff: TCutoff): Date => {
  const today = wallClock(now.getTime(), cutoff.timeZone);
  for (let daysBack = 0; daysBack < 3; daysBack++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day - daysBack));
    const instant = zonedTimeToUtc(
      {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour: cutoff.hour,
        minute: cutoff.minute,
      },
      cutoff.timeZone,
    );
    if (instant.getTime() <= now.getTime()) return instant;
  }
  throw new Error("unreachable: a cut-off within three days");
};
