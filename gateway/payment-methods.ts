import { z } from "zod";
import type { TContext } from "./context";
import type { TSql } from "./db";
import { isExpired, MAX_YEARS_AHEAD } from "./hosted/rules.js";
import { fail, ok, type TResult } from "./http";
import { bankAccountFacts } from "./method-facts";
import {
  getLiveStoredMethod,
  newId,
  storedMethodJson,
  type TMethodFacts,
  type TStoredMethodRow,
} from "./store";
import { DECLINES, type TOutcome } from "./test-numbers";
import { usableToken } from "./tokens";

/**
 * The vault (docs/gateway-api.md, "Stored methods"): a single-use token becomes a reusable
 * stored method `pm_…` that keeps the token's display facts and its test-number outcome, so a
 * charge of it behaves exactly as a charge of a fresh token of the same number would.
 */

/**
 * A bank account sent server to server, for a portal that received the numbers itself (a
 * practice's autopay enrolment file). The numbers are checked by the hosted form's rules in the
 * handler (a refusal names the field, never the value); only their shape is checked here.
 */
export const ZBankAccount = z.strictObject({
  routing_number: z.string().max(64),
  account_number: z.string().max(64),
  account_type: z.string().max(16),
  account_holder_name: z.string().trim().min(1).max(200),
  /** `company` for a business account (its debits are CCD entries rather than PPD). */
  account_holder_type: z.enum(["individual", "company"]).default("individual"),
});

/** `{token}` (a single-use token from the hosted fields) or `{bank_account}` (raw numbers, API key only). */
export const ZStorePaymentMethod = z.union([
  z.strictObject({ token: z.string().min(1).max(100) }),
  z.strictObject({ bank_account: ZBankAccount }),
]);

export const ZUpdatePaymentMethod = z.strictObject({
  exp_month: z.number().int().min(1).max(12),
  /** Four digits: a two-digit year is ambiguous. */
  exp_year: z.number().int().min(2000).max(2999),
});

export const ZDeletePaymentMethod = z.strictObject({});

/**
 * Puts a token's facts in the vault (a card or bank token's, or a Google Pay PAN_ONLY wallet
 * token's as a card), or those of a bank account sent server to server (`id` null, with its
 * holder). The caller spends the token in the same transaction.
 */
export const insertStoredMethod = async (
  sql: TSql,
  token: TMethodFacts & { id: string | null },
  now: Date,
  holder: Pick<TStoredMethodRow, "holder_name" | "holder_type"> = { holder_name: null, holder_type: null },
): Promise<TStoredMethodRow> => {
  const [method] = await sql.query<TStoredMethodRow>(
    `INSERT INTO gw_stored_method (id, kind, brand, last4, exp_month, exp_year, bank_name, bank_account_type,
       billing_zip, outcome, token_id, holder_name, holder_type, fingerprint, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
     RETURNING *`,
    [
      newId("pm"),
      token.kind,
      token.brand,
      token.last4,
      token.exp_month,
      token.exp_year,
      token.bank_name,
      token.bank_account_type,
      // Only the card form asks for a ZIP.
      token.kind === "card" ? token.billing_zip : null,
      token.outcome,
      token.id,
      holder.holder_name,
      holder.holder_type,
      token.fingerprint,
      now,
    ],
  );
  if (!method) throw new Error("insert returned no stored method");
  return method;
};

/**
 * The outcome of charging a stored method now: its test number's, except that a card whose
 * stored expiry has passed is declined `expired_card` (a token's expiry is checked when it is
 * made, a stored card's when it is charged; updating the expiry cures it).
 */
export const storedMethodOutcome = (method: TStoredMethodRow, now: Date): TOutcome =>
  method.kind === "card" &&
  method.exp_month !== null &&
  method.exp_year !== null &&
  isExpired({ month: method.exp_month, year: method.exp_year }, now)
    ? "declined_expired_card"
    : (method.outcome as TOutcome);

/**
 * POST /v1/payment_methods with `{bank_account}`: the numbers go through the hosted bank form's
 * rules (routing number with the ABA checksum, 4-17 digit account number, checking or savings)
 * and the same test numbers (an account ending 0000 is returned R01 at a charge's settlement);
 * like a bank token, the account is not verified. The vault keeps the last 4, the bank's name,
 * the type and the holder, never the numbers; the answer is the stored method. A refusal is
 * `400 invalid_request` with `error.fields` (the hosted form's messages, which quote no value),
 * recorded under the key like an unknown token.
 */
const storeBankAccount = async (
  { sql, now, methodKey }: TContext,
  input: z.output<typeof ZBankAccount>,
): Promise<TResult> => {
  const checked = bankAccountFacts(input, { methodKey });
  if (!checked.ok) {
    return fail(400, "invalid_request", "Some fields are not valid.", { fields: checked.fields });
  }
  const method = await insertStoredMethod(sql, { id: null, ...checked.facts }, now, {
    holder_name: input.account_holder_name,
    holder_type: input.account_holder_type,
  });
  return ok(storedMethodJson(method), 201);
};

/**
 * POST /v1/payment_methods: `{token}` spends the token. A card is verified for $0 first: a
 * number that a charge would decline is refused (402 card_declined with the decline code) and
 * the token is spent all the same, as a declined payment spends it. A bank account is not
 * verified (the sandbox has no micro-deposits); its R01 return still comes at a charge's
 * settlement. `{bank_account}`: see storeBankAccount.
 */
export const storePaymentMethod = async (
  ctx: TContext,
  body: z.output<typeof ZStorePaymentMethod>,
): Promise<TResult> => {
  if ("bank_account" in body) return storeBankAccount(ctx, body.bank_account);
  const input = body;
  const { sql, now } = ctx;
  const usable = await usableToken(sql, { id: input.token, now, field: "token" });
  if (!usable.ok) return usable.result;
  const { token } = usable;
  await sql.query(`UPDATE gw_token SET used_at = $2 WHERE id = $1`, [token.id, now]);
  const decline = DECLINES[token.outcome as TOutcome];
  if (decline) {
    return fail(402, "card_declined", decline.message, { decline });
  }
  return ok(storedMethodJson(await insertStoredMethod(sql, token, now)), 201);
};

/** GET /v1/payment_methods/:id: a deleted method is not found, as an unknown one. */
export const readPaymentMethod = async (sql: TSql, id: string): Promise<TResult> => {
  const method = await getLiveStoredMethod(sql, id);
  return method ? ok(storedMethodJson(method)) : fail(404, "not_found", "No such payment method.");
};

/** POST /v1/payment_methods/:id: a card's new expiry (the reissued card keeps its number). */
export const updatePaymentMethod = async (
  ctx: TContext,
  id: string,
  input: z.infer<typeof ZUpdatePaymentMethod>,
): Promise<TResult> => {
  const { sql, now } = ctx;
  const method = await getLiveStoredMethod(sql, id);
  if (!method) return fail(404, "not_found", "No such payment method.");
  if (method.kind !== "card") {
    return fail(400, "invalid_request", "A bank account has no expiry; only a card's can be updated.");
  }
  const expiry = { month: input.exp_month, year: input.exp_year };
  if (isExpired(expiry, now)) {
    return fail(400, "invalid_request", "exp_month, exp_year: this expiry has passed.");
  }
  if (expiry.year > now.getUTCFullYear() + MAX_YEARS_AHEAD) {
    return fail(400, "invalid_request", `exp_year: at most ${MAX_YEARS_AHEAD} years ahead.`);
  }
  const [updated] = await sql.query<TStoredMethodRow>(
    `UPDATE gw_stored_method SET exp_month = $2, exp_year = $3, updated_at = $4 WHERE id = $1 RETURNING *`,
    [id, expiry.month, expiry.year, now],
  );
  if (!updated) throw new Error("update returned no stored method");
  return ok(storedMethodJson(updated));
};

/**
 * DELETE /v1/payment_methods/:id → `{}`. Deleting a deleted method answers the same (the
 * caller's goal, "not in the vault", holds); an id the gateway never issued is 404.
 */
export const deletePaymentMethod = async (ctx: TContext, id: string): Promise<TResult> => {
  const { sql, now } = ctx;
  const [method] = await sql.query<TStoredMethodRow>(`SELECT * FROM gw_stored_method WHERE id = $1`, [id]);
  if (!method) return fail(404, "not_found", "No such payment method.");
  if (!method.deleted_at) {
    await sql.query(`UPDATE gw_stored_method SET deleted_at = $2, updated_at = $2 WHERE id = $1`, [id, now]);
  }
  return ok({});
};
