import "server-only";
import { getDb } from "@/lib/db";
import { hashApiKey, isApiKeyShaped } from "./keys";

/** A key's requests are counted in windows of a minute (docs/api.md, "Rate limits"). */
export const RATE_WINDOW_MS = 60_000;
/** `lastUsedAt` is written at most this often, so that a busy key's row is not written on every request. */
export const LAST_USED_EVERY_MS = 60_000;

export type TApiCaller = {
  apiKeyId: string;
  practiceId: string;
  scope: "READ" | "WRITE";
  prefix: string;
};

export type TAuthentication =
  | { ok: true; caller: TApiCaller; limit: number; remaining: number; resetAt: Date }
  | { ok: false; reason: "MISSING" | "INVALID" }
  | { ok: false; reason: "RATE_LIMITED"; caller: TApiCaller; limit: number; resetAt: Date };

/**
 * Finds the key of an `Authorization: Bearer …` header and counts the request against its rate
 * limit, in one SQL statement: the key by the SHA-256 of what was sent (not revoked), an upsert
 * of its window's count (one row per key, shared by every instance), and its `lastUsedAt` when
 * that is more than a minute old. A revoked or unknown key is INVALID; the same answer for both.
 */
export const authenticateApiKey = async ({
  authorization,
  now,
}: {
  authorization: string | null;
  now: Date;
}): Promise<TAuthentication> => {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  if (!authorization?.trim()) return { ok: false, reason: "MISSING" };
  const key = match?.[1];
  if (!key || !isApiKeyShaped(key)) return { ok: false, reason: "INVALID" };
  const windowStart = new Date(Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS);
  const lastUsedBefore = new Date(now.getTime() - LAST_USED_EVERY_MS);
  const db = await getDb();
  const [row] = await db.$queryRaw<
    {
      id: string;
      practiceId: string;
      scope: "READ" | "WRITE";
      prefix: string;
      limit: number;
      count: number;
    }[]
  >`
    WITH k AS (
      SELECT id, "practiceId", scope, prefix, "rateLimitPerMinute" FROM "api_key"
       WHERE "keyHash" = ${hashApiKey(key)} AND "revokedAt" IS NULL
    ),
    counted AS (
      INSERT INTO "api_rate_window" ("apiKeyId", "windowStart", count, "updatedAt")
      SELECT id, ${windowStart}::timestamptz, 1, now() FROM k
      ON CONFLICT ("apiKeyId") DO UPDATE SET
        count = CASE WHEN "api_rate_window"."windowStart" >= EXCLUDED."windowStart"
                     THEN "api_rate_window".count + 1 ELSE 1 END,
        "windowStart" = GREATEST("api_rate_window"."windowStart", EXCLUDED."windowStart"),
        "updatedAt" = now()
      RETURNING count
    ),
    used AS (
      UPDATE "api_key" SET "lastUsedAt" = ${now}::timestamptz
       WHERE id IN (SELECT id FROM k)
         AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${lastUsedBefore}::timestamptz)
      RETURNING id
    )
    SELECT k.id, k."practiceId", k.scope, k.prefix, k."rateLimitPerMinute" AS "limit", counted.count
      FROM k CROSS JOIN counted`;
  if (!row) return { ok: false, reason: "INVALID" };
  const caller: TApiCaller = {
    apiKeyId: row.id,
    practiceId: row.practiceId,
    scope: row.scope,
    prefix: row.prefix,
  };
  const resetAt = new Date(windowStart.getTime() + RATE_WINDOW_MS);
  if (row.count > row.limit) return { ok: false, reason: "RATE_LIMITED", caller, limit: row.limit, resetAt };
  return { ok: true, caller, limit: row.limit, remaining: row.limit - row.count, resetAt };
};
