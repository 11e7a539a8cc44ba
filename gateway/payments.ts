import { z } from "zod";
import { addOneYear } from "./clock";
import type { TSql } from "./db";
import { fail, ok, type TResult } from "./http";
import {
  getPayment,
  newAuthorizationCode,
  newId,
  paymentJson,
  recordEvent,
  refundJson,
  type TPaymentRow,
  type TRefundRow,
  type TTokenRow,
} from "./store";
import { DECLINES, type TOutcome } from "./test-numbers";

/** What every handler gets besides its input: the transaction, the time, where events go. */
export type TContext = { sql: TSql; now: Date; webhookUrl: string | null; idempotencyKey: string };

/** $999,999.99: the largest sale or refund the sandbox takes. */
export const MAX_AMOUNT_CENTS = 99_999_999;

export const ZCreatePayment = z.strictObject({
  amount_cents: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
  currency: z.literal("USD").default("USD"),
  source: z.strictObject({ token: z.string().min(1).max(100) }),
  reference: z.string().max(255).nullish(),
  description: z.string().max(1000).nullish(),
});

export const ZVoidPayment = z.strictObject({ reason: z.string().max(500).nullish() });

export const ZCreateRefund = z.strictObject({
  /** Defaults to everything still refundable. */
  amount_cents: z.number().int().min(1).max(MAX_AMOUNT_CENTS).optional(),
  reason: z.string().max(500).nullish(),
});

export const ZSettle = z.strictObject({});

export const createPayment = async (
  ctx: TContext,
  input: z.infer<typeof ZCreatePayment>,
): Promise<TResult> => {
  const { sql, now } = ctx;
  const token = (await sql.query<TTokenRow>(`SELECT * FROM gw_token WHERE id = $1`, [input.source.token]))[0];
  if (!token) return fail(400, "invalid_request", "source.token: no such token");
  if (token.used_at) return fail(410, "token_used", "This token has already been used; tokenize again.");
  if (token.expires_at.getTime() <= now.getTime()) {
    return fail(
      410,
      "token_expired",
      "This token has expired (tokens are valid 15 minutes); tokenize again.",
    );
  }
  const outcome = token.outcome as TOutcome;
  // Nothing is charged and the token stays usable: retry with a new Idempotency-Key.
  if (outcome === "processor_error") {
    return fail(502, "processor_error", "The processor did not answer; nothing was charged.", {
      retryable: true,
    });
  }

  const decline = DECLINES[outcome];
  const id = newId("pay");
  const [payment] = await sql.query<TPaymentRow>(
    `INSERT INTO gw_payment (
       id, idempotency_key, status, amount_cents, currency, authorization_code, decline_code, decline_message,
       method_kind, method_brand, method_last4, method_exp_month, method_exp_year, method_bank_account_type,
       outcome, reference, description, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
     RETURNING *`,
    [
      id,
      ctx.idempotencyKey,
      decline ? "declined" : "approved",
      input.amount_cents,
      input.currency,
      decline || token.kind === "ach" ? null : newAuthorizationCode(),
      decline?.code ?? null,
      decline?.message ?? null,
      token.kind,
      token.brand,
      token.last4,
      token.exp_month,
      token.exp_year,
      token.bank_account_type,
      outcome,
      input.reference ?? null,
      input.description ?? null,
      now,
    ],
  );
  if (!payment) throw new Error("insert returned no payment");
  await sql.query(`UPDATE gw_token SET used_at = $2, payment_id = $3 WHERE id = $1`, [token.id, now, id]);
  await recordEvent(sql, {
    type: decline ? "payment.declined" : "payment.approved",
    payment,
    now,
    webhookUrl: ctx.webhookUrl,
  });
  return { status: 201, body: paymentJson(payment), hang: outcome === "approved_no_response" };
};

export const voidPayment = async (ctx: TContext, id: string): Promise<TResult> => {
  const { sql, now } = ctx;
  const payment = await getPayment(sql, id);
  if (!payment) return fail(404, "not_found", "No such payment.");
  if (payment.status === "voided") return ok(paymentJson(payment));
  if (payment.status === "declined")
    return fail(409, "payment_declined", "A declined payment cannot be voided.");
  if (payment.settled_at) return fail(409, "already_settled", "The payment has settled; refund it instead.");
  const [voided] = await sql.query<TPaymentRow>(
    `UPDATE gw_payment SET status = 'voided', voided_at = $2, updated_at = $2 WHERE id = $1 RETURNING *`,
    [id, now],
  );
  if (!voided) throw new Error("void updated no payment");
  await recordEvent(sql, { type: "payment.voided", payment: voided, now, webhookUrl: ctx.webhookUrl });
  return ok(paymentJson(voided));
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
}: Omit<TContext, "idempotencyKey">): Promise<TPaymentRow[]> => {
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

export const settlementResult = (now: Date, settled: TPaymentRow[]): TResult =>
  ok({ settled_at: now.toISOString(), data: settled.map(paymentJson) });

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
  return ok({ data: rows.map(paymentJson) });
};
