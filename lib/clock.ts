/**
 * The time as the domain sees it: plans, autopay and reminders ask this clock, never `new
 * Date()` directly, so tests can move time (setClockForTests) and see what happens on the day.
 */
export type TClock = { now: () => Date };

export const systemClock: TClock = { now: () => new Date() };

const state = globalThis as unknown as { __portalClock?: TClock };

export const getClock = (): TClock => state.__portalClock ?? systemClock;

export const setClockForTests = (clock: TClock | undefined) => {
  state.__portalClock = clock;
};

/** A clock that stands still until moved (tests). */
export const fixedClock = (start: Date) => {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (to: Date) => {
      current = to.getTime();
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
};
