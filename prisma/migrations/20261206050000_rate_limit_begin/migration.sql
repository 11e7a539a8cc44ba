-- beginAttempt (lib/rate-limit/lockout.ts) in one round trip: counts an attempt under the row
-- locks of its keys, before the attempt is checked. Each statement of a function takes a fresh
-- snapshot (READ COMMITTED), so once the locks are held the count sees every attempt committed
-- before. Returns (true, NULL) when the attempt may go on (its rows are written, ids p_ids);
-- (false, the lock's end) while a lock is in force; (false, NULL) when a key's limit is taken.
-- A refusal is counted on the keys that caused it.
CREATE FUNCTION "rate_limit_begin"(
  p_buckets TEXT[],
  p_keys TEXT[],
  p_limits INTEGER[],
  p_ids TEXT[],
  p_now TIMESTAMPTZ,
  p_window_ms INTEGER
) RETURNS TABLE ("ok" BOOLEAN, "lockedUntil" TIMESTAMPTZ) LANGUAGE plpgsql AS $$
DECLARE
  v_until TIMESTAMPTZ;
BEGIN
  INSERT INTO "rate_limit_lock" (id, bucket, key, "lockedUntil", "updatedAt")
  SELECT p_ids[i] || '_lock', p_buckets[i], p_keys[i], 'epoch'::timestamptz, now()
    FROM generate_subscripts(p_buckets, 1) AS i
  ON CONFLICT (bucket, key) DO NOTHING;

  PERFORM 1 FROM "rate_limit_lock" l
    JOIN unnest(p_buckets, p_keys) AS k (bucket, key) ON l.bucket = k.bucket AND l.key = k.key
   ORDER BY l.bucket, l.key
     FOR UPDATE OF l;

  SELECT max(l."lockedUntil") INTO v_until
    FROM "rate_limit_lock" l
    JOIN unnest(p_buckets, p_keys) AS k (bucket, key) ON l.bucket = k.bucket AND l.key = k.key
   WHERE l."lockedUntil" > p_now;
  IF v_until IS NOT NULL THEN
    UPDATE "rate_limit_lock" l
       SET "refusedCount" = l."refusedCount" + 1, "refusedSince" = COALESCE(l."refusedSince", p_now), "updatedAt" = now()
      FROM unnest(p_buckets, p_keys) AS k (bucket, key)
     WHERE l.bucket = k.bucket AND l.key = k.key AND l."lockedUntil" > p_now;
    RETURN QUERY SELECT false, v_until;
    RETURN;
  END IF;

  UPDATE "rate_limit_lock" l
     SET "refusedCount" = l."refusedCount" + 1, "refusedSince" = COALESCE(l."refusedSince", p_now), "updatedAt" = now()
    FROM unnest(p_buckets, p_keys, p_limits) AS k (bucket, key, lim)
   WHERE l.bucket = k.bucket AND l.key = k.key
     AND (SELECT count(*) FROM "rate_limit_event" e
           WHERE e.bucket = k.bucket AND e.key = k.key
             AND e."createdAt" > p_now - make_interval(secs => p_window_ms / 1000.0)
             AND e."createdAt" >= l."lockedUntil") >= k.lim;
  IF FOUND THEN
    RETURN QUERY SELECT false, NULL::timestamptz;
    RETURN;
  END IF;

  INSERT INTO "rate_limit_event" (id, bucket, key, "createdAt")
  SELECT p_ids[i], p_buckets[i], p_keys[i], p_now FROM generate_subscripts(p_buckets, 1) AS i;
  RETURN QUERY SELECT true, NULL::timestamptz;
END
$$;
