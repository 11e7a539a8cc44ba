import { Prisma } from "@/lib/generated/prisma/client";
import { getDb, queryRows } from "@/lib/db";
import { newId } from "@/lib/db/ids";

export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_DURATION_MS = 15 * 60_000;

/** A key's lock row that has never locked it (it only counts refusals). */
const NEVER = new Date(0);

/** A key attempts are counted under; `maxFailures` overrides the policy's for this key. */
export type TLockKey = { bucket: string; key: string; maxFailures?: number };

/** The limits of one kind of attempt (sign-in, statement lookup, card payments…). */
export type TLockPolicy = { maxFailures: number; windowMs: number; durationMs: number };

export const DEFAULT_LOCK_POLICY: TLockPolicy = {
  maxFailures: LOCKOUT_MAX_FAILURES,
  windowMs: LOCKOUT_WINDOW_MS,
  durationMs: LOCKOUT_DURATION_MS,
};

const keyList = (keys: TLockKey[]) => Prisma.join(keys.map((k) => Prisma.sql`(${k.bucket}, ${k.key})`));

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

type TDb = Prisma.TransactionClient;

const limitOf = (keys: TLockKey[], counted: { bucket: string; key: string }, policy: TLockPolicy) =>
  keys.find((k) => k.bucket === counted.bucket && k.key === counted.key)?.maxFailures ?? policy.maxFailures;

/**
 * Attempts counted under each key inside the window: since `windowMs` ago, and since the key's
 * last lock ended (the attempts that led to a lock do not count again once it is over).
 */
const attemptsInWindow = async (db: TDb, keys: TLockKey[], now: Date, windowMs: number) => {
  const since = new Date(now.getTime() - windowMs);
  return db.$queryRaw<{ bucket: string; key: string; n: number }[]>`
    SELECT e.bucket, e.key, count(*)::int AS n
      FROM "rate_limit_event" e
      LEFT JOIN "rate_limit_lock" l ON l.bucket = e.bucket AND l.key = e.key
     WHERE (e.bucket, e.key) IN (${keyList(keys)})
       AND e."createdAt" > ${since}::timestamptz
       AND e."createdAt" >= COALESCE(l."lockedUntil", '-infinity'::timestamptz)
     GROUP BY e.bucket, e.key`;
};

/**
 * Takes each key's row lock, in one order (no deadlock between two requests with shared keys),
 * making the row first if the key has none: attempts on one key are counted one at a time.
 */
const lockKeys = async (tx: TDb, keys: TLockKey[]) => {
  await tx.$executeRaw`
    INSERT INTO "rate_limit_lock" (id, bucket, key, "lockedUntil", "updatedAt")
    SELECT ${newId()} || '_' || row_number() OVER (), k.bucket, k.key, ${NEVER}::timestamptz, now()
      FROM (VALUES ${keyList(keys)}) AS k (bucket, key)
    ON CONFLICT (bucket, key) DO NOTHING`;
  return tx.$queryRaw<{ bucket: string; key: string; lockedUntil: Date }[]>`
    SELECT bucket, key, "lockedUntil" FROM "rate_limit_lock"
     WHERE (bucket, key) IN (${keyList(keys)})
     ORDER BY bucket, key
       FOR UPDATE`;
};

export type TAttempt = {
  keys: TLockKey[];
  /** The attempt's own rows (one per key). */
  ids: string[];
  at: Date;
  policy: TLockPolicy;
};

export type TBeginAttempt =
  | { ok: true; attempt: TAttempt }
  /** `lockedUntil`: the lock in force; null: the limit is taken by attempts still under way. */
  | { ok: false; lockedUntil: Date | null };

/**
 * Counts an attempt before it is checked (a password verified, a statement proof compared, a
 * card charged), so that a burst of simultaneous attempts gets no more checks than the limit:
 * under each key's row lock, an attempt is refused while a lock is in force or when the key
 * already has `maxFailures` failures and attempts under way in the window, and is otherwise
 * written down as under way. The caller ends it with `endAttempt` (an attempt that never ends,
 * a crash, stays counted as a failure). Refusals are counted on the key's lock row and reported
 * once per window (reportRefusals), not audited one by one.
 */
export const beginAttempt = async (
  keys: TLockKey[],
  { now = new Date(), policy = DEFAULT_LOCK_POLICY }: { now?: Date; policy?: TLockPolicy } = {},
): Promise<TBeginAttempt> => {
  const ids = keys.map(() => newId());
  // One round trip (the function is in prisma/migrations/*_rate_limit_begin), past Prisma Client
  // (lib/db queryRows): it sits on every sign-in and every card payment.
  const [answer] = await queryRows<{ ok: boolean; lockedUntil: Date | null }>(Prisma.sql`
    SELECT ok, "lockedUntil" FROM "rate_limit_begin"(
      ${keys.map((k) => k.bucket)}::text[], ${keys.map((k) => k.key)}::text[],
      ${keys.map((k) => k.maxFailures ?? policy.maxFailures)}::int[], ${ids}::text[],
      ${now}::timestamptz, ${policy.windowMs}::int)`);
  if (!answer?.ok) return { ok: false, lockedUntil: answer?.lockedUntil ?? null };
  return { ok: true, attempt: { keys, ids, at: now, policy } };
};

/**
 * Ends an attempt. A success takes its own rows out (it was no failure) and, for `clearKeys`,
 * the failures before it; a failure stays counted, and a key with `maxFailures` failures in the
 * window is locked for `durationMs` from now. Returns whether a key is now locked.
 */
export const endAttempt = async (
  attempt: TAttempt,
  {
    outcome,
    clearKeys = [],
    now = new Date(),
  }: { outcome: "success" | "failure"; clearKeys?: TLockKey[]; now?: Date },
): Promise<boolean> => {
  if (outcome === "success") {
    await queryRows(Prisma.sql`
      DELETE FROM "rate_limit_event"
       WHERE id = ANY(${attempt.ids}::text[])
          ${clearKeys.length > 0 ? Prisma.sql`OR ((bucket, key) IN (${keyList(clearKeys)}) AND "createdAt" <= ${attempt.at}::timestamptz)` : Prisma.empty}`);
    return false;
  }
  const db = await getDb();
  const { durationMs, windowMs } = attempt.policy;
  const toLock = (await attemptsInWindow(db, attempt.keys, now, windowMs)).filter(
    (c) => c.n >= limitOf(attempt.keys, c, attempt.policy),
  );
  for (const k of toLock) await lock(k, new Date(now.getTime() + durationMs), now);
  return toLock.length > 0;
};

/**
 * Locks a key until `until`. Refusals counted during an earlier lock that is over but not yet
 * reported are reported first, so each window's count stays its own; refusals of attempts that
 * came all at once just before this lock (no lock before: 1970) belong to this one.
 */
const lock = async (k: TLockKey, until: Date, now: Date) => {
  const db = await getDb();
  await reportRefusals({ now, only: k });
  await db.rateLimitLock.upsert({
    where: { bucket_key: { bucket: k.bucket, key: k.key } },
    create: { bucket: k.bucket, key: k.key, lockedUntil: until },
    update: { lockedUntil: until },
  });
};

/** Refused attempts are reported in the audit log under this action, one row per key and window. */
export const REFUSALS_AUDIT_ACTION = "rate_limit.refused";

/**
 * Writes one audit row per key whose lock window is over (or that was never locked) with the
 * attempts refused in it, and starts its count again: a locked-out address that keeps trying
 * leaves one row per window saying how many times, not one row per try. In one statement, so
 * two workers never report the same refusals. Run every minute (lib/jobs/worker.ts).
 */
export const reportRefusals = async ({
  now = new Date(),
  only,
}: { now?: Date; only?: TLockKey } = {}): Promise<number> => {
  const db = await getDb();
  const scope = only ? Prisma.sql`AND bucket = ${only.bucket} AND key = ${only.key}` : Prisma.empty;
  return db.$executeRaw`
    WITH ended AS (
      SELECT id, bucket, key, "lockedUntil", "refusedCount", "refusedSince"
        FROM "rate_limit_lock"
       WHERE "refusedCount" > 0 AND "lockedUntil" <= ${now}::timestamptz
             ${only ? Prisma.sql`AND "lockedUntil" > ${NEVER}::timestamptz` : Prisma.empty} ${scope}
         FOR UPDATE SKIP LOCKED
    ),
    reset AS (
      UPDATE "rate_limit_lock" l SET "refusedCount" = 0, "refusedSince" = NULL, "updatedAt" = now()
        FROM ended WHERE l.id = ended.id
    )
    INSERT INTO "audit_log" (id, "actorRole", "actorLabel", action, outcome, metadata)
    SELECT ${newId()} || '_' || ended.id, 'ANONYMOUS', ended.key, ${REFUSALS_AUDIT_ACTION}, 'DENIED',
           jsonb_build_object(
             'bucket', ended.bucket, 'key', ended.key, 'attempts', ended."refusedCount",
             'from', ended."refusedSince",
             'lockedUntil', CASE WHEN ended."lockedUntil" > ${NEVER}::timestamptz THEN ended."lockedUntil" END)
      FROM ended`;
};

/**
 * Spends one use of a budget (e.g. emails to one address per hour). Returns false, and records
 * nothing, when `max` uses inside the window were already made. Counted under the key's row lock,
 * so simultaneous requests never spend more than `max` between them.
 */
export const takeFromBudget = async ({
  bucket,
  key,
  max,
  windowMs,
  now = new Date(),
}: TLockKey & { max: number; windowMs: number; now?: Date }): Promise<boolean> => {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await lockKeys(tx, [{ bucket, key }]);
    const used = await tx.rateLimitEvent.count({
      where: { bucket, key, createdAt: { gt: new Date(now.getTime() - windowMs) } },
    });
    if (used >= max) return false;
    await tx.rateLimitEvent.create({ data: { bucket, key, createdAt: now } });
    return true;
  });
};
