import { z } from "zod";

/** Gateway responses, parsed before anything trusts them (docs/gateway-api.md). */

export const ZGatewayPaymentStatus = z.enum([
  "approved",
  "declined",
  "voided",
  "refunded",
  "partially_refunded",
  "returned",
]);
export type TGatewayPaymentStatus = z.infer<typeof ZGatewayPaymentStatus>;

export const ZGatewayDeclineCode = z.enum([
  "generic",
  "insufficient_funds",
  "expired_card",
  "cvv_mismatch",
  "zip_mismatch",
]);
export type TGatewayDeclineCode = z.infer<typeof ZGatewayDeclineCode>;

const ZNullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const ZNullableInt = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? null);

/** A method kept in the gateway's vault (docs/gateway-api.md, "Stored methods"). */
export const ZGatewayStoredMethod = z
  .object({
    id: z.string().min(1),
    kind: z.enum(["card", "ach"]),
    brand: ZNullableString,
    last4: z.string().regex(/^\d{4}$/),
    exp_month: ZNullableInt,
    exp_year: ZNullableInt,
    bank_name: ZNullableString,
    bank_account_type: z
      .enum(["checking", "savings"])
      .nullish()
      .transform((v) => v ?? null),
    billing_zip: ZNullableString,
    /** The same card or bank account gives the same value (null: a wallet's card, or stored before). */
    fingerprint: ZNullableString,
    created_at: z.string(),
  })
  .transform((m) => ({
    id: m.id,
    kind: m.kind,
    brand: m.brand,
    last4: m.last4,
    expMonth: m.exp_month,
    expYear: m.exp_year,
    bankName: m.bank_name,
    bankAccountType: m.bank_account_type,
    billingZip: m.billing_zip,
    fingerprint: m.fingerprint,
    createdAt: new Date(m.created_at),
  }));
export type TGatewayStoredMethod = z.output<typeof ZGatewayStoredMethod>;

export const ZGatewayPayment = z
  .object({
    id: z.string().min(1),
    status: ZGatewayPaymentStatus,
    amount_cents: z.number().int().positive(),
    currency: z.string().length(3),
    refunded_cents: z.number().int().nonnegative().default(0),
    authorization_code: ZNullableString,
    decline_code: ZGatewayDeclineCode.nullish().transform((v) => v ?? null),
    decline_message: ZNullableString,
    method: z.object({
      kind: z.enum(["card", "ach", "apple_pay", "google_pay"]),
      brand: ZNullableString,
      last4: z.string().regex(/^\d{4}$/),
      exp_month: ZNullableInt,
      exp_year: ZNullableInt,
    }),
    reference: ZNullableString,
    idempotency_key: ZNullableString,
    settled_at: ZNullableString,
    voided_at: ZNullableString,
    returned_at: ZNullableString,
    return_code: ZNullableString,
    /** The method kept for later when the payment asked `save_method` and was approved. */
    stored_method: ZGatewayStoredMethod.nullish().transform((v) => v ?? null),
    created_at: z.string(),
  })
  .transform((p) => ({
    id: p.id,
    status: p.status,
    amountCents: p.amount_cents,
    currency: p.currency,
    refundedCents: p.refunded_cents,
    authorizationCode: p.authorization_code,
    declineCode: p.decline_code,
    declineMessage: p.decline_message,
    method: {
      kind: p.method.kind,
      brand: p.method.brand,
      last4: p.method.last4,
      expMonth: p.method.exp_month,
      expYear: p.method.exp_year,
    },
    reference: p.reference,
    idempotencyKey: p.idempotency_key,
    settledAt: p.settled_at ? new Date(p.settled_at) : null,
    voidedAt: p.voided_at ? new Date(p.voided_at) : null,
    returnedAt: p.returned_at ? new Date(p.returned_at) : null,
    returnCode: p.return_code,
    storedMethod: p.stored_method,
    createdAt: new Date(p.created_at),
  }));
export type TGatewayPayment = z.output<typeof ZGatewayPayment>;

export const ZGatewayPaymentList = z.object({ data: z.array(ZGatewayPayment) });

export const ZGatewayRefund = z
  .object({
    id: z.string().min(1),
    payment_id: z.string().min(1),
    amount_cents: z.number().int().positive(),
    status: z.enum(["succeeded", "failed"]),
    created_at: z.string(),
  })
  .transform((r) => ({
    id: r.id,
    paymentId: r.payment_id,
    amountCents: r.amount_cents,
    status: r.status,
    createdAt: new Date(r.created_at),
  }));
export type TGatewayRefund = z.output<typeof ZGatewayRefund>;

const ZSettlementTotals = z
  .object({ count: z.number().int().nonnegative(), amount_cents: z.number().int().nonnegative() })
  .transform((t) => ({ count: t.count, amountCents: t.amount_cents }));

/** A calendar day on the wire (YYYY-MM-DD) as the portal keeps one: a Date at UTC midnight. */
const ZWireDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((d) => new Date(`${d}T00:00:00.000Z`));

const settlementBatchShape = {
  id: z.string().min(1),
  merchant_id: z.string().min(1),
  /** The deposit's ACH trace number. */
  trace_number: z.string().regex(/^\d{15}$/),
  effective_date: ZWireDay,
  settled_at: z.string(),
  currency: z.string().length(3),
  item_count: z.number().int().nonnegative(),
  sales: ZSettlementTotals,
  refunds: ZSettlementTotals,
  returns: ZSettlementTotals,
  chargebacks: ZSettlementTotals,
  net_cents: z.number().int(),
  created_at: z.string(),
};

type TSettlementBatchWire = z.output<z.ZodObject<typeof settlementBatchShape>>;

const settlementBatchFields = (b: TSettlementBatchWire) => ({
  id: b.id,
  merchantId: b.merchant_id,
  traceNumber: b.trace_number,
  effectiveDate: b.effective_date,
  settledAt: new Date(b.settled_at),
  currency: b.currency,
  itemCount: b.item_count,
  sales: b.sales,
  refunds: b.refunds,
  returns: b.returns,
  chargebacks: b.chargebacks,
  /** Sales − refunds − returns − chargebacks: negative when more went out than came in. */
  netCents: b.net_cents,
  createdAt: new Date(b.created_at),
});

/** A settlement batch of the gateway (docs/gateway-api.md, "Settlement batches"), without its transactions. */
export const ZGatewaySettlementBatch = z.object(settlementBatchShape).transform(settlementBatchFields);
export type TGatewaySettlementBatch = z.output<typeof ZGatewaySettlementBatch>;

export const ZGatewaySettlementBatchList = z
  .object({ data: z.array(ZGatewaySettlementBatch), has_more: z.boolean() })
  .transform((l) => ({ data: l.data, hasMore: l.has_more }));

export const ZGatewaySettlementItem = z
  .object({
    id: z.string().min(1),
    kind: z.enum(["sale", "refund", "return", "chargeback"]),
    payment_id: z.string().min(1),
    refund_id: ZNullableString,
    /** Positive: the kind says which way the money went. */
    amount_cents: z.number().int().positive(),
  })
  .transform((i) => ({
    id: i.id,
    kind: i.kind,
    paymentId: i.payment_id,
    refundId: i.refund_id,
    amountCents: i.amount_cents,
  }));
export type TGatewaySettlementItem = z.output<typeof ZGatewaySettlementItem>;

export const ZGatewaySettlementItemPage = z
  .object({ data: z.array(ZGatewaySettlementItem), has_more: z.boolean() })
  .transform((l) => ({ data: l.data, hasMore: l.has_more }));

/** GET /v1/settlement-batches/:id: the batch and the first page of its transactions. */
export const ZGatewaySettlementBatchDetail = z
  .object({ ...settlementBatchShape, transactions: ZGatewaySettlementItemPage })
  .transform((b) => ({ ...settlementBatchFields(b), transactions: b.transactions }));

/** A batch with all its transactions (the client follows the pages). */
export type TGatewaySettlementBatchDetail = TGatewaySettlementBatch & {
  transactions: TGatewaySettlementItem[];
};

/**
 * Apple's merchant session object (the sandbox's mimics it). The portal hands it to
 * `session.completeMerchantValidation` as is, so unknown fields are kept.
 */
export const ZApplePayMerchantSession = z.looseObject({
  epochTimestamp: z.number().int(),
  expiresAt: z.number().int(),
  merchantSessionIdentifier: z.string().min(1),
  nonce: z.string().min(1),
  merchantIdentifier: z.string().min(1),
  domainName: z.string().min(1),
  displayName: z.string().min(1),
  signature: z.string().min(1),
});
export type TApplePayMerchantSession = z.output<typeof ZApplePayMerchantSession>;

export const ZGatewayErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    retryable: z.boolean().optional(),
    /** card_declined (a card refused when stored); a code this client does not know reads as null. */
    decline_code: ZGatewayDeclineCode.nullish().catch(null),
  }),
});

export const GATEWAY_EVENT_TYPES = [
  "payment.approved",
  "payment.declined",
  "payment.voided",
  "refund.succeeded",
  "payment.settled",
  "payment.returned",
] as const;

export const ZGatewayEvent = z.object({
  id: z.string().min(1),
  type: z.enum(GATEWAY_EVENT_TYPES),
  created_at: z.string(),
  data: z.object({ payment: ZGatewayPayment }),
});
export type TGatewayEvent = z.output<typeof ZGatewayEvent>;
