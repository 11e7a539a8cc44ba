import "server-only";
import { getDb } from "@/lib/db";

/** How long a write's Idempotency-Key is remembered (docs/api.md, "PUT /statements/{number}"). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60_000;

/** Forgets the answers of writes older than a day (an hourly job): their keys may be used again. */
export const cleanupApiIdempotency = async ({ now = new Date() }: { now?: Date } = {}) => {
  const db = await getDb();
  const { count } = await db.apiIdempotency.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS) } },
  });
  return { deleted: count };
};
