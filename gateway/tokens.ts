import { z } from "zod";
import { MINUTE_MS } from "./clock";
import type { TSql } from "./db";
import { fail, ok, type TResult } from "./http";
import { bankAccountFacts, cardFacts } from "./method-facts";
import { newId, type TSingleUse, type TTokenRow } from "./store";

/**
 * Card and bank tokens: the hosted fields page posts the numbers to its own origin
 * (POST /hosted/tokens) and gets a single-use token `tok_…` for its parent, valid 15 minutes; a
 * payment or the vault spends it. The token keeps the number's facts and outcome, never the number.
 */

export const TOKEN_TTL_MS = 15 * MINUTE_MS;

/** What the hosted fields page posts: its key and parent origin, and the fields as typed. */
export const ZTokenRequest = z.strictObject({
  key: z.string().max(200),
  origin: z.string().max(500),
  kind: z.enum(["card", "ach"]),
  number: z.string().max(64).optional(),
  expiry: z.string().max(16).optional(),
  cvv: z.string().max(16).optional(),
  zip: z.string().max(16).optional(),
  routing_number: z.string().max(64).optional(),
  account_number: z.string().max(64).optional(),
  account_type: z.string().max(16).optional(),
});

/** POST /hosted/tokens, once the page's request has passed its checks: a new token for `parentOrigin`. */
export const createToken = async (
  sql: TSql,
  {
    input,
    parentOrigin,
    now,
    methodKey,
  }: { input: z.output<typeof ZTokenRequest>; parentOrigin: string; now: Date; methodKey: Buffer },
): Promise<TResult> => {
  const checked =
    input.kind === "card" ? cardFacts(input, { now, methodKey }) : bankAccountFacts(input, { methodKey });
  if (!checked.ok)
    return fail(400, "invalid_request", "Some fields are not valid.", { fields: checked.fields });
  const row = checked.facts;
  const token = newId("tok");
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
  await sql.query(
    `INSERT INTO gw_token (id, kind, brand, last4, exp_month, exp_year, bank_account_type, bank_name,
       billing_zip, outcome, fingerprint, origin, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      token,
      row.kind,
      row.brand,
      row.last4,
      row.exp_month,
      row.exp_year,
      row.bank_account_type,
      row.bank_name,
      row.billing_zip,
      row.outcome,
      row.fingerprint,
      parentOrigin,
      now,
      expiresAt,
    ],
  );
  return ok(
    {
      token,
      kind: row.kind,
      brand: row.brand,
      last4: row.last4,
      exp_month: row.exp_month,
      exp_year: row.exp_year,
      bank_account_type: row.bank_account_type,
      expires_at: expiresAt.toISOString(),
    },
    201,
  );
};

/**
 * The refusal for a single-use token (a card or bank token, a sandbox wallet token) that has
 * been spent or has expired, in the words given; null while it can be used.
 */
export const spentOrExpired = (
  token: Pick<TSingleUse, "used_at" | "expires_at">,
  now: Date,
  words: { used: string; expired: string },
): TResult | null => {
  if (token.used_at) return fail(410, "token_used", words.used);
  if (token.expires_at.getTime() <= now.getTime()) return fail(410, "token_expired", words.expired);
  return null;
};

/** A token that can still be used, or the refusal a payment or a store answers for it. */
export const usableToken = async (
  sql: TSql,
  { id, now, field }: { id: string; now: Date; field: string },
): Promise<{ ok: true; token: TTokenRow } | { ok: false; result: TResult }> => {
  const token = (await sql.query<TTokenRow>(`SELECT * FROM gw_token WHERE id = $1`, [id]))[0];
  if (!token) return { ok: false, result: fail(400, "invalid_request", `${field}: no such token`) };
  const refusal = spentOrExpired(token, now, {
    used: "This token has already been used; tokenize again.",
    expired: "This token has expired (tokens are valid 15 minutes); tokenize again.",
  });
  return refusal ? { ok: false, result: refusal } : { ok: true, token };
};
