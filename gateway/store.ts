import { createHmac, randomBytes, randomInt } from "node:crypto";
import type { TSql } from "./db";

/**
 * A method's fingerprint: the same card number, or the same routing and account number, gives
 * the same value, so a merchant can tell that two stored methods are one account without
 * holding its number. Keyed with the gateway's own secret (method_fingerprint_key): a short
 * number cannot be found from its fingerprint by trying every value.
 */
export const methodFingerprint = (
  key: Buffer,
  method: { kind: "card"; number: string } | { kind: "ach"; routingNumber: string; accountNumber: string },
) =>
  `fp_${createHmac("sha256", key)
    .update(
      method.kind === "card"
        ? `card:${method.number}`
        : `ach:${method.routingNumber}:${method.accountNumber}`,
    )
    .digest("base64url")
    .slice(0, 24)}`;

export const newId = (prefix: "tok" | "pay" | "pm" | "re" | "evt" | "whd" | "sb" | "sbi") =>
  `${prefix}_${randomBytes(12).toString("hex")}`;

const AUTH_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
export const newAuthorizationCode = () =>
  Array.from({ length: 6 }, () => AUTH_CODE_ALPHABET[randomInt(AUTH_CODE_ALPHABET.length)]).join("");

/** What a card or bank token and the stored method made from it both keep: facts and an outcome, no number. */
export type TMethodFacts = {
  kind: "card" | "ach";
  brand: string | null;
  last4: string;
  exp_month: number | null;
  exp_year: number | null;
  bank_account_type: string | null;
  bank_name: string | null;
  billing_zip: string | null;
  outcome: string;
  /**
   * The same card or bank account gives the same fingerprint (methodFingerprint); null before
   * fingerprints, and for a wallet's card or a bank account stored without one.
   */
  fingerprint: string | null;
};

/** The life of a single-use token (a card or bank token, a sandbox wallet token): made for a page, spent by one payment. */
export type TSingleUse = {
  /** The parent origin of the page that made it. */
  origin: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  payment_id: string | null;
};

export type TTokenRow = { id: string } & TMethodFacts & TSingleUse;

export type TPaymentStatus =
  "approved" | "declined" | "voided" | "refunded" | "partially_refunded" | "returned";

export type TPaymentRow = {
  id: string;
  idempotency_key: string;
  status: TPaymentStatus;
  amount_cents: number;
  currency: string;
  refunded_cents: number;
  authorization_code: string | null;
  decline_code: string | null;
  decline_message: string | null;
  method_kind: "card" | "ach" | "apple_pay" | "google_pay";
  method_brand: string | null;
  method_last4: string;
  method_exp_month: number | null;
  method_exp_year: number | null;
  method_bank_account_type: string | null;
  outcome: string;
  reference: string | null;
  description: string | null;
  settled_at: Date | null;
  voided_at: Date | null;
  returned_at: Date | null;
  return_code: string | null;
  stored_method_id: string | null;
  saved_method_id: string | null;
  created_at: Date;
  updated_at: Date;
};

/** A method in the vault (gw_stored_method): the token's facts and outcome, no number. */
export type TStoredMethodRow = { id: string } & TMethodFacts & {
    /** The token it was made from; null for a bank account sent server to server. */
    token_id: string | null;
    /** A bank account's holder (sent server to server), for the ACH entry; never in an answer. */
    holder_name: string | null;
    holder_type: "individual" | "company" | null;
    created_at: Date;
    updated_at: Date;
    deleted_at: Date | null;
  };

export type TRefundRow = {
  id: string;
  payment_id: string;
  idempotency_key: string;
  amount_cents: number;
  reason: string | null;
  status: "succeeded";
  created_at: Date;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A stored method as the API shows it (docs/gateway-api.md, "Stored methods"). */
export const storedMethodJson = (m: TStoredMethodRow) => ({
  id: m.id,
  kind: m.kind,
  brand: m.brand,
  last4: m.last4,
  exp_month: m.exp_month,
  exp_year: m.exp_year,
  bank_name: m.bank_name,
  bank_account_type: m.bank_account_type,
  billing_zip: m.billing_zip,
  fingerprint: m.fingerprint,
  created_at: m.created_at.toISOString(),
});

export type TStoredMethodJson = ReturnType<typeof storedMethodJson>;

/** A stored method that is still in the vault (not deleted), or undefined. */
export const getLiveStoredMethod = async (sql: TSql, id: string): Promise<TStoredMethodRow | undefined> =>
  (
    await sql.query<TStoredMethodRow>(`SELECT * FROM gw_stored_method WHERE id = $1 AND deleted_at IS NULL`, [
      id,
    ])
  )[0];

/**
 * A payment as the API shows it (docs/gateway-api.md, "Payments"). `saved` is the stored method
 * the payment created (save_method), as it is now: null when there is none or it was deleted.
 * Use `paymentsJson` to look it up.
 */
export const paymentJson = (p: TPaymentRow, saved: TStoredMethodRow | null) => ({
  id: p.id,
  status: p.status,
  amount_cents: p.amount_cents,
  currency: p.currency,
  refunded_cents: p.refunded_cents,
  authorization_code: p.authorization_code,
  decline_code: p.decline_code,
  decline_message: p.decline_message,
  method: {
    kind: p.method_kind,
    brand: p.method_brand,
    last4: p.method_last4,
    exp_month: p.method_exp_month,
    exp_year: p.method_exp_year,
    bank_account_type: p.method_bank_account_type,
  },
  reference: p.reference,
  description: p.description,
  idempotency_key: p.idempotency_key,
  settled_at: iso(p.settled_at),
  voided_at: iso(p.voided_at),
  returned_at: iso(p.returned_at),
  return_code: p.return_code,
  stored_method: saved && !saved.deleted_at ? storedMethodJson(saved) : null,
  created_at: p.created_at.toISOString(),
});

export type TPaymentJson = ReturnType<typeof paymentJson>;

/** Payments as the API shows them, with the stored methods they saved (one query for all). */
export const paymentsJson = async (sql: TSql, rows: TPaymentRow[]): Promise<TPaymentJson[]> => {
  const ids = [...new Set(rows.flatMap((p) => (p.saved_method_id ? [p.saved_method_id] : [])))];
  const saved = ids.length
    ? await sql.query<TStoredMethodRow>(
        `SELECT * FROM gw_stored_method WHERE id = ANY($1::text[]) AND deleted_at IS NULL`,
        [ids],
      )
    : [];
  const byId = new Map(saved.map((m) => [m.id, m]));
  return rows.map((p) => paymentJson(p, (p.saved_method_id && byId.get(p.saved_method_id)) || null));
};

export const onePaymentJson = async (sql: TSql, row: TPaymentRow): Promise<TPaymentJson> => {
  const [json] = await paymentsJson(sql, [row]);
  if (!json) throw new Error("no payment to show");
  return json;
};

export const refundJson = (r: TRefundRow) => ({
  id: r.id,
  payment_id: r.payment_id,
  amount_cents: r.amount_cents,
  status: r.status,
  reason: r.reason,
  created_at: r.created_at.toISOString(),
});

export const getPayment = async (sql: TSql, id: string): Promise<TPaymentRow | undefined> =>
  (await sql.query<TPaymentRow>(`SELECT * FROM gw_payment WHERE id = $1`, [id]))[0];

export type TEventType =
  | "payment.approved"
  | "payment.declined"
  | "payment.voided"
  | "refund.succeeded"
  | "payment.settled"
  | "payment.returned";

/** Events that are not about one payment: `data` says what they carry. */
export type TOtherEventType = "settlement_batch.created";

/**
 * Records a webhook event in the same transaction as the change it reports, with a pending
 * delivery when a webhook URL is configured (a transactional outbox: no change without its
 * event, and a delivery survives a restart). The body is fixed here; every attempt sends it as is.
 */
export const recordEvent = async (
  sql: TSql,
  {
    type,
    payment,
    refund,
    now,
    webhookUrl,
  }: { type: TEventType; payment: TPaymentRow; refund?: TRefundRow; now: Date; webhookUrl: string | null },
): Promise<string> =>
  insertEvent(sql, {
    type,
    paymentId: payment.id,
    data: { payment: await onePaymentJson(sql, payment), ...(refund ? { refund: refundJson(refund) } : {}) },
    now,
    webhookUrl,
  });

/** `recordEvent` for an event that is not about one payment (settlement_batch.created). */
export const recordOtherEvent = (
  sql: TSql,
  {
    type,
    data,
    now,
    webhookUrl,
  }: { type: TOtherEventType; data: unknown; now: Date; webhookUrl: string | null },
): Promise<string> => insertEvent(sql, { type, paymentId: null, data, now, webhookUrl });

const insertEvent = async (
  sql: TSql,
  {
    type,
    paymentId,
    data,
    now,
    webhookUrl,
  }: {
    type: TEventType | TOtherEventType;
    paymentId: string | null;
    data: unknown;
    now: Date;
    webhookUrl: string | null;
  },
): Promise<string> => {
  const id = newId("evt");
  const body = JSON.stringify({ id, type, created_at: now.toISOString(), data });
  await sql.query(
    `INSERT INTO gw_event (id, type, payment_id, body, created_at) VALUES ($1, $2, $3, $4, $5)`,
    [id, type, paymentId, body, now],
  );
  if (webhookUrl) {
    await sql.query(
      `INSERT INTO gw_delivery (id, event_id, url, status, next_attempt_at, created_at)
       VALUES ($1, $2, $3, 'pending', $4, $4)`,
      [newId("whd"), id, webhookUrl, now],
    );
  }
  return id;
};
