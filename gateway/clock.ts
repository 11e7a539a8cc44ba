/** The gateway's sense of time. Tests pass a manual clock to move through token expiry, refund windows and cut-offs. */
export type TClock = { now: () => Date };

export const systemClock: TClock = { now: () => new Date() };

export type TManualClock = TClock & {
  /** Moves the clock forward by `ms` milliseconds. */
  advance: (ms: number) => void;
  set: (date: Date) => void;
};

export const createManualClock = (start: Date = new Date()): TManualClock => {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
};

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The same instant one calendar year later (29 February → 1 March). */
export const addOneYear = (date: Date): Date => {
  const next = new Date(date.getTime());
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next;
};
