import { z } from "zod";
import { addOneYear } from "./clock";
import type { TContext } from "./context";
import type { TSql } from "./db";
import { fail, ok, type TResult } from "./http";
import { insertStoredMethod, storedMethodOutcome } from "./payment-methods";
import {
  getLiveStoredMethod,
  getPayment,
  newAuthorizationCode,
  newId,
  onePaymentJson,
  paymentJson,
  paymentsJson,
  recordEvent,
  refundJson,
  type TPaymentRow,
  type TRefundRow,
  type TStoredMethodRow,
  type TTokenRow,
} from "./store";
import { DECLINES, type TOutcome } from "./test-numbers";
import { usableToken } from "./tokens";
import {
  notStorableReason,
  usableWalletToken,
  ZApplePaySource,
  ZGooglePaySource,
  type TWalletTokenRow,
} from "./wallets";

/** $999,999.99: the largest sale or refund the sandbox takes. */
export const MAX_AMOUNT_CENTS = 99_999_999;

const ZSource = z
  .strictObject({
    token: z.string().min(1).max(100).optional(),
    stored_method_id: z.string().min(1).max(100).optional(),
    /** Apple Pay: `{token: <ApplePayPayment.token>}` (docs/gateway-api.md, "Wallets"). */
    apple_pay: ZApplePaySource.optional(),
    /** Google Pay: `{token: <tokenizationData.token>, info: <paymentMethodData.info>}`. */
    google_pay: ZGooglePaySource.optional(),
  })
  .refine(
    (source) =>
      [source.token, source.stored_method_id, source.apple_pay, source.google_pay].filter(
        (v) => v !== undefined,
      ).length === 1,
    { message: "give exactly one of token, stored_method_id, apple_pay and google_pay" },
  );

export const ZCreatePayment = z
  .strictObject({
    amount_cents: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
    currency: z.literal("USD").default("USD"),
    source: ZSource,
    reference: z.string().max(255).nullish(),
    description: z.string().max(1000).nullish(),
    /** Keep a token's method in the vault when the payment is approved. */
    save_method: z.boolean().optional(),
  })
  .refine((input) => !(input.save_method && input.source.stored_method_id !== undefined), {
    message: "only with a token source (a stored method is already saved)",
    path: ["save_method"],
  });

export const ZVoidPayment = z.strictObject({ reason: z.string().max(500).nullish() });

export const ZCreateRefund = z.strictObject({
  /** Defaults to everything still refundable. */
  amount_cents: z.number().int().min(1).max(MAX_AMOUNT_CENTS).optional(),
  reason: z.string().max(500).nullish(),
});

export const ZSettle = z.strictObject({});

/** What is charged: a token's facts, a stored method's or a wallet token's, and the outcome of charging it now. */
type TChargeSource = {
  kind: "card" | "ach" | "apple_pay" | "google_pay";
  brand: string | null;
  last4: string;
  exp_month: number | null;
  exp_year: number | null;
  bank_account_type: string | null;
  outcome: TOutcome;
} & (
  | { token: TTokenRow; storedMethod: null; wallet: null }
  | { token: null; storedMethod: TStoredMethodRow; wallet: null }
  | { token: null; storedMethod: null; wallet: TWalletTokenRow }
);

const chargeSource = async (
  { sql, now, walletSecret }: TContext,
  source: z.infer<typeof ZSource>,
): Promise<{ ok: true; source: TChargeSource } | { ok: false; result: TResult }> => {
  if (source.apple_pay !== undefined || source.google_pay !== undefined) {
    const usable = await usableWalletToken({ sql, now }, walletSecret, source);
    if (!usable.ok) return usable;
    const wallet = usable.token;
    return {
      ok: true,
      source: {
        kind: wallet.kind,
        brand: wallet.brand,
        last4: wallet.last4,
        exp_month: wallet.exp_month,
        exp_year: wallet.exp_year,
        bank_account_type: null,
        outcome: wallet.outcome as TOutcome,
        token: null,
        storedMethod: null,
        wallet,
      },
    };
  }
  if (source.stored_method_id !== undefined) {
    const method = await getLiveStoredMethod(sql, source.stored_method_id);
    if (!method) {
      return {
        ok: false,
        result: fail(
          404,
          "payment_method_not_found",
          "source.stored_method_id: no such stored payment method (never stored, or deleted).",
        ),
      };
    }
    return {
      ok: true,
      source: {
        ...method,
        outcome: storedMethodOutcome(method, now),
        token: null,
        storedMethod: method,
        wallet: null,
      },
    };
  }
  const usable = await usableToken(sql, { id: source.token ?? "", now, field: "source.token" });
  if (!usable.ok) return usable;
  const { token } = usable;
  return {
    ok: true,
    source: { ...token, outcome: token.outcome as TOutcome, token, storedMethod: null, wallet: null },
  };
};

export const createPayment = async (
  ctx: TContext,
  input: z.infer<typeof ZCreatePayment>,
): Promise<TResult> => {
  const { sql, now } = ctx;
  const resolved = await chargeSource(ctx, input.source);
  if (!resolved.ok) return resolved.result;
  const { source } = resolved;
  const { outcome } = source;
  // Refused before anything is charged or spent: pay again without save_method.
  if (input.save_method && source.wallet) {
    const reason = notStorableReason(source.wallet);
    if (reason) return fail(400, "wallet_method_not_storable", reason);
  }
  // Nothing is charged and the token stays usable: retry with a new Idempotency-Key.
  if (outcome === "processor_error") {
    return fail(502, "processor_error", "The processor did not answer; nothing was charged.", {
      retryable: true,
    });
  }

  const decline = DECLINES[outcome];
  const id = newId("pay");
  const [inserted] = await sql.query<TPaymentRow>(
    `INSERT INTO gw_payment (
       id, idempotency_key, status, amount_cents, currency, authorization_code, decline_code, decline_message,
       method_kind, method_brand, method_last4, method_exp_month, method_exp_year, method_bank_account_type,
       outcome, reference, description, stored_method_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)
     RETURNING *`,
    [
      id,
      ctx.idempotencyKey,
      decline ? "declined" : "approved",
      input.amount_cents,
      input.currency,
      decline || source.kind === "ach" ? null : newAuthorizationCode(),
      decline?.code ?? null,
      decline?.message ?? null,
      source.kind,
      source.brand,
      source.last4,
      source.exp_month,
      source.exp_year,
      source.bank_account_type,
      outcome,
      input.reference ?? null,
      input.description ?? null,
      source.storedMethod?.id ?? null,
      now,
    ],
  );
  if (!inserted) throw new Error("insert returned no payment");
  let payment = inserted;
  // A token or a wallet token is spent by the payment, approved or declined.
  const spent = source.token
    ? { table: "gw_token", id: source.token.id }
    : source.wallet
      ? { table: "gw_wallet_token", id: source.wallet.id }
      : null;
  if (spent) {
    await sql.query(`UPDATE ${spent.table} SET used_at = $2, payment_id = $3 WHERE id = $1`, [
      spent.id,
      now,
      id,
    ]);
  }
  // What save_method keeps: a token's method, or (Google Pay PAN_ONLY only, checked above) the
  // card kept in the Google account, as a card whose number the wallet holds.
  const toSave = source.wallet
    ? {
        ...source.wallet,
        kind: "card" as const,
        bank_name: null,
        bank_account_type: null,
        billing_zip: null,
        fingerprint: null,
      }
    : source.token;
  let saved: TStoredMethodRow | null = null;
  // The approval is the verification: a declined payment saves nothing.
  if (input.save_method && !decline && toSave) {
    saved = await insertStoredMethod(sql, toSave, now);
    const [updated] = await sql.query<TPaymentRow>(
      `UPDATE gw_payment SET saved_method_id = $2 WHERE id = $1 RETURNING *`,
      [id, saved.id],
    );
    if (!updated) throw new Error("update returned no payment");
    payment = updated;
  }
  await recordEvent(sql, {
    type: decline ? "payment.declined" : "payment.approved",
    payment,
    now,
    webhookUrl: ctx.webhookUrl,
  });
  return { status: 201, body: paymentJson(payment, saved), hang: outcome === "approved_no_response" };
};

export const voidPayment = async (ctx: TContext, id: string): Promise<TResult> => {
  const { sql, now } = ctx;
  const payment = await getPayment(sql, id);
  if (!payment) return fail(404, "not_found", "No such payment.");
  if (payment.status === "voided") return ok(await onePaymentJson(sql, payment));
  if (payment.status === "declined")
    return fail(409, "payment_declined", "A declined payment cannot be voided.");
  if (payment.settled_at) return fail(409, "already_settled", "The payment has settled; refund it instead.");
  const [voided] = await sql.query<TPaymentRow>(
    `UPDATE gw_payment SET status = 'voided', voided_at = $2, updated_at = $2 WHERE id = $1 RETURNING *`,
    [id, now],
  );
  if (!voided) throw new Error("void updated no payment");
  await recordEvent(sql, { type: "payment.voided", payment: voided, now, webhookUrl: ctx.webhookUrl });
  return ok(await onePaymentJson(sql, voided));
};

export const refundPayment = async (
  ctx: TContext,
  id: string,
  input: z.infer<typeof ZCreateRefund>,
): Promise<TResult> => {
  const { sql, now } = ctx;
  const payment = await getPayment(sql, id);
  if (!payment) return fail(404, "not_found", "No such payment.");
  if (payment.status === "voided")
    return fail(409, "already_voided", "The payment was voided; nothing to refund.");
  if (payment.status === "declined")
    return fail(409, "payment_declined", "A declined payment cannot be refunded.");
  if (!payment.settled_at)
    return fail(409, "not_settled", "The payment has not settled yet; void it instead.");
  if (now.getTime() >= addOneYear(payment.created_at).getTime()) {
    return fail(422, "refund_window_expired", "Payments can be refunded for one year.");
  }
  const refundable = payment.status === "returned" ? 0 : payment.amount_cents - payment.refunded_cents;
  const amount = input.amount_cents ?? refundable;
  if (refundable === 0 || amount > refundable) {
    return fail(
      422,
      "amount_exceeds_refundable",
      `At most ${refundable} cents of this payment can still be refunded.`,
    );
  }
  const [refund] = await sql.query<TRefundRow>(
    `INSERT INTO gw_refund (id, payment_id, idempotency_key, amount_cents, reason, status, created_at)
     VALUES ($1, $2, $3, $4, $5, 'succeeded', $6) RETURNING *`,
    [newId("re"), id, ctx.idempotencyKey, amount, input.reason ?? null, now],
  );
  const refunded = payment.refunded_cents + amount;
  const [updated] = await sql.query<TPaymentRow>(
    `UPDATE gw_payment SET refunded_cents = $2, status = $3, updated_at = $4 WHERE id = $1 RETURNING *`,
    [id, refunded, refunded === payment.amount_cents ? "refunded" : "partially_refunded", now],
  );
  if (!refund || !updated) throw new Error("refund wrote nothing");
  await recordEvent(sql, {
    type: "refund.succeeded",
    payment: updated,
    refund,
    now,
    webhookUrl: ctx.webhookUrl,
  });
  return ok(refundJson(refund), 201);
};

/**
 * Settles every approved, unsettled payment: it is settled now, except ACH payments from an
 * account ending 0000, which are returned R01 (insufficient funds) at settlement.
 */
export const settlePayments = async ({
  sql,
  now,
  webhookUrl,
}: Pick<TContext, "sql" | "now" | "webhookUrl">): Promise<TPaymentRow[]> => {
  const due = await sql.query<TPaymentRow>(
    `SELECT * FROM gw_payment WHERE status = 'approved' AND settled_at IS NULL ORDER BY seq`,
  );
  const done: TPaymentRow[] = [];
  for (const p of due) {
    const isReturned = p.outcome === "ach_return_r01";
    const [settled] = await sql.query<TPaymentRow>(
      isReturned
        ? `UPDATE gw_payment SET settled_at = $2, status = 'returned', returned_at = $2, return_code = 'R01',
             updated_at = $2 WHERE id = $1 RETURNING *`
        : `UPDATE gw_payment SET settled_at = $2, updated_at = $2 WHERE id = $1 RETURNING *`,
      [p.id, now],
    );
    if (!settled) throw new Error("settlement updated no payment");
    await recordEvent(sql, { type: "payment.settled", payment: settled, now, webhookUrl });
    if (isReturned) await recordEvent(sql, { type: "payment.returned", payment: settled, now, webhookUrl });
    done.push(settled);
  }
  return done;
};

/** The answer to POST /v1/settlements: the payments settled or returned, and the batch (null: nothing to deposit). */
export const settlementResult = async (
  sql: TSql,
  now: Date,
  { settled, batch }: { settled: TPaymentRow[]; batch: { id: string } | null },
): Promise<TResult> =>
  ok({ settled_at: now.toISOString(), data: await paymentsJson(sql, settled), batch_id: batch?.id ?? null });

/** GET /v1/transactions?since=…&limit=… */
export const listTransactions = async (
  sql: TSql,
  { since, limit }: { since: Date | null; limit: number },
): Promise<TResult> => {
  const rows = await sql.query<TPaymentRow>(
    `SELECT * FROM gw_payment WHERE ($1::timestamptz IS NULL OR created_at >= $1)
     ORDER BY created_at DESC, seq DESC LIMIT $2`,
    [since, limit],
  );
  return ok({ data: await paymentsJson(sql, rows) });
};
