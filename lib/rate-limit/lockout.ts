import { getDb } from "@/lib/db";

export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_DURATION_MS = 15 * 60_000;

export type TLockKey = { bucket: string; key: string };

/** The latest lock end among the keys, or null when none is locked. */
export const lockedUntil = async (keys: TLockKey[], now = new Date()): Promise<Date | null> => {
  const db = await getDb();
  const locks = await db.rateLimitLock.findMany({
    where: { OR: keys.map((k) => ({ bucket: k.bucket, key: k.key })), lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  if (locks.length === 0) return null;
  return new Date(Math.max(...locks.map((l) => l.lockedUntil.getTime())));
};

/**
 * Records one failure under each key; a key with LOCKOUT_MAX_FAILURES failures inside the
 * window is locked for LOCKOUT_DURATION_MS from now. Returns whether any key is now locked.
 */
export const recordFailure = async (keys: TLockKey[], now = new Date()): Promise<boolean> => {
  const db = await getDb();
  let isLocked = false;
  for (const k of keys) {
    await db.rateLimitEvent.create({ data: { bucket: k.bucket, key: k.key, createdAt: now } });
    const failures = await db.rateLimitEvent.count({
      where: { bucket: k.bucket, key: k.key, createdAt: { gt: new Date(now.getTime() - LOCKOUT_WINDOW_MS) } },
    });
    if (failures >= LOCKOUT_MAX_FAILURES) {
      const until = new Date(now.getTime() + LOCKOUT_DURATION_MS);
      await db.rateLimitLock.upsert({
        where: { bucket_key: { bucket: k.bucket, key: k.key } },
        create: { bucket: k.bucket, key: k.key, lockedUntil: until },
        update: { lockedUntil: until },
      });
      // Failures that led to this lock do not count again once it ends.
      await db.rateLimitEvent.deleteMany({ where: { bucket: k.bucket, key: k.key } });
      isLocked = true;
    }
  }
  return isLocked;
};

/** A success clears the failures of these keys (never a lock that is in force). */
export const clearFailures = async (keys: TLockKey[]) => {
  const db = await getDb();
  await db.rateLimitEvent.deleteMany({ where: { OR: keys.map((k) => ({ bucket: k.bucket, key: k.key })) } });
};

/**
 * Spends one use of a budget (e.g. emails to one address per hour). Returns false, and
 * records nothing, when `max` uses inside the window were already made.
 */
export const takeFromBudget = async ({
  bucket,
  key,
  max,
  windowMs,
  now = new Date(),
}: TLockKey & { max: number; windowMs: number; now?: Date }): Promise<boolean> => {
  const db = await getDb();
  const used = await db.rateLimitEvent.count({
    where: { bucket, key, createdAt: { gt: new Date(now.getTime() - windowMs) } },
  });
  if (used >= max) return false;
  await db.rateLimitEvent.create({ data: { bucket, key, createdAt: now } });
  return true;
};
