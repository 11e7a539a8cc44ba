import { createHash, createHmac } from "node:crypto";
import type { z } from "zod";
import { DAY_MS } from "./clock";
import type { TGatewaySetup } from "./context";
import type { TSql } from "./db";
import { canonicalJson, fail, zodMessage, type TResult } from "./http";

/**
 * Every /v1 write runs under its Idempotency-Key (docs/gateway-api.md, "Idempotency"): the first
 * answer is recorded with the request's fingerprint in the write's own transaction and replayed
 * byte for byte for 24 hours; the same key with another request is refused.
 */

export const IDEMPOTENCY_TTL_MS = DAY_MS;

/** What a write answers: the text to send, whether it is a replay, and whether to withhold it (test card 0259). */
export type TWriteOutcome = { status: number; text: string; replayed: boolean; hang: boolean };

type TStored = { fingerprint: string; status_code: number; body: string };

/** One request per idempotency key at a time; the second waits and then replays the first. */
const createKeyLocks = () => {
  const keyLocks = new Map<string, Promise<unknown>>();
  return async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const previous = keyLocks.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(fn);
    keyLocks.set(key, current);
    try {
      return await current;
    } finally {
      if (keyLocks.get(key) === current) keyLocks.delete(key);
    }
  };
};

const answer = (r: TResult): TWriteOutcome => ({
  status: r.status,
  text: JSON.stringify(r.body),
  replayed: false,
  hang: false,
});

export const createIdempotentWrites = ({
  db,
  clock,
  fingerprintKey,
}: Pick<TGatewaySetup, "db" | "clock" | "fingerprintKey">) => {
  const withKeyLock = createKeyLocks();

  /**
   * Runs a POST or DELETE under its idempotency key: replays a stored response or records the
   * new one. `body` is checked with `schema` first; `run` gets the transaction, the time and the
   * parsed body.
   */
  return async <S extends z.ZodType>({
    method,
    pathname,
    key,
    body,
    schema,
    run,
  }: {
    method: string;
    pathname: string;
    key: string;
    body: unknown;
    schema: S;
    run: (sql: TSql, now: Date, input: z.output<S>) => Promise<TResult>;
  }): Promise<TWriteOutcome> => {
    const request = `${method} ${pathname}\n${canonicalJson(body)}`;
    // Keyed: a body may carry a bank account number (POST /v1/payment_methods with bank_account),
    // and a plain hash of it could be matched by trying numbers.
    const fingerprint = `h1:${createHmac("sha256", fingerprintKey).update(request).digest("hex")}`;
    /** How a gateway before keyed fingerprints recorded the same request (records live 24 hours). */
    const isSameRequest = (stored: string) =>
      stored === fingerprint ||
      (!stored.startsWith("h1:") && stored === createHash("sha256").update(request).digest("hex"));
    return withKeyLock(key, async () => {
      const now = clock.now();
      const [stored] = await db.query<TStored>(
        `SELECT fingerprint, status_code, body FROM gw_idempotency WHERE key = $1 AND expires_at > $2`,
        [key, now],
      );
      if (stored) {
        if (!isSameRequest(stored.fingerprint)) {
          return answer(
            fail(422, "idempotency_key_reused", "This Idempotency-Key was used with another request."),
          );
        }
        return { status: stored.status_code, text: stored.body, replayed: true, hang: false };
      }
      const parsed = schema.safeParse(body);
      // Refused before any work: not recorded, so the key can be used again with a valid body.
      if (!parsed.success) return answer(fail(400, "invalid_request", zodMessage(parsed.error)));
      return db.transaction(async (sql) => {
        const result = await run(sql, now, parsed.data);
        const text = JSON.stringify(result.body);
        await sql.query(
          `INSERT INTO gw_idempotency (key, fingerprint, method, path, status_code, body, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, method = EXCLUDED.method,
             path = EXCLUDED.path, status_code = EXCLUDED.status_code, body = EXCLUDED.body,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
          [
            key,
            fingerprint,
            method,
            pathname,
            result.status,
            text,
            now,
            new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
          ],
        );
        return { status: result.status, text, replayed: false, hang: result.hang === true };
      });
    });
  };
};
