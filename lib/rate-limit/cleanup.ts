import { getDb } from "@/lib/db";

/** Longer than any window that counts events (lockouts 15 minutes, email budgets an hour). */
export const RATE_LIMIT_RETENTION_MS = 24 * 60 * 60_000;

/**
 * Forgets failures and budget uses older than a day, and the rows of keys whose lock ended a day
 * ago or that were never locked (a daily job); a row with refusals not yet reported stays.
 */
export const cleanupRateLimits = async ({ now = new Date() }: { now?: Date } = {}) => {
  const db = await getDb();
  const before = new Date(now.getTime() - RATE_LIMIT_RETENTION_MS);
  const [events, locks] = await db.$transaction([
    db.rateLimitEvent.deleteMany({ where: { createdAt: { lt: before } } }),
    db.rateLimitLock.deleteMany({ where: { lockedUntil: { lt: before }, refusedCount: 0 } }),
  ]);
  return { events: events.count, locks: locks.count };
};
