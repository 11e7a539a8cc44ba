import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { getClock } from "@/lib/clock";
import { API_VERSION, emitEvent, newEventId, type TEventType } from "@/lib/events/emit";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * What a payment event, and the REST API's payment (lib/api/payments.ts), say of a payment
 * (docs/webhooks.md, "payment.*"): one spelling, so the two never drift apart.
 */
export const PAYMENT_JSON_SELECT = {
  id: true,
  status: true,
  amountCents: true,
  refundedCents: true,
  currency: true,
  channel: true,
  methodKind: true,
  brand: true,
  last4: true,
  receiptNumber: true,
  gatewayTransactionId: true,
  authorizationCode: true,
  declineCode: true,
  declineMessage: true,
  createdAt: true,
  capturedAt: true,
  settledAt: true,
  voidedAt: true,
  returnedAt: true,
  account: { select: { accountNumber: true } },
  allocations: {
    select: { amountCents: true, statement: { select: { statementNumber: true } } },
    orderBy: { createdAt: "asc" },
  },
  installments: { select: { planId: true }, take: 1 },
} satisfies Prisma.PaymentSelect;

const PAYMENT_EVENT_SELECT = {
  ...PAYMENT_JSON_SELECT,
  practiceId: true,
  accountId: true,
} satisfies Prisma.PaymentSelect;

/** The payment's JSON in events and the API (without the API's `object` and `updated_at`). */
export const paymentJson = (p: Prisma.PaymentGetPayload<{ select: typeof PAYMENT_JSON_SELECT }>) => ({
  id: p.id,
  status: p.status.toLowerCase(),
  amount_cents: p.amountCents,
  refunded_cents: p.refundedCents,
  currency: p.currency,
  channel: p.channel.toLowerCase(),
  method: { kind: p.methodKind.toLowerCase(), brand: p.brand, last4: p.last4 },
  receipt_number: p.receiptNumber,
  account_number: p.account.accountNumber,
  plan_id: p.installments[0]?.planId ?? null,
  applied_to: p.allocations.map((a) => ({
    statement_number: a.statement.statementNumber,
    amount_cents: a.amountCents,
  })),
  gateway_transaction_id: p.gatewayTransactionId,
  authorization_code: p.authorizationCode,
  decline_code: p.declineCode,
  decline_message: p.declineMessage,
  created_at: iso(p.createdAt),
  captured_at: iso(p.capturedAt),
  settled_at: iso(p.settledAt),
  voided_at: iso(p.voidedAt),
  returned_at: iso(p.returnedAt),
});

export type TPaymentEventType = Extract<TEventType, `payment.${string}`>;

/** The refund (or void) a payment.refunded / payment.voided event is about. */
export type TEventRefund = {
  id: string;
  amountCents: number;
  gatewayRefundId: string | null;
  reason?: string;
};

/**
 * Emits a payment event (emitEvent) in the caller's transaction, after the change it reports
 * is written: the body is the payment as it now is. Never carries a card or bank number (the
 * payment has none), a date of birth, the payer's name or email (docs/webhooks.md says why).
 */
export const emitPaymentEvent = async (
  tx: Prisma.TransactionClient,
  {
    paymentId,
    type,
    refund,
    returnCode,
  }: { paymentId: string; type: TPaymentEventType; refund?: TEventRefund; returnCode?: string | null },
) => {
  const p = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, select: PAYMENT_EVENT_SELECT });
  const data = {
    object: "payment",
    payment: paymentJson(p),
    ...(refund
      ? {
          refund: {
            id: refund.id,
            amount_cents: refund.amountCents,
            currency: p.currency,
            gateway_refund_id: refund.gatewayRefundId,
          },
        }
      : {}),
    ...(type === "payment.returned" ? { return_code: returnCode ?? null } : {}),
  };
  return emitEvent(tx, {
    practiceId: p.practiceId,
    type,
    data,
    paymentId: p.id,
    accountId: p.accountId,
    planId: p.installments[0]?.planId ?? null,
  });
};

const isoSql = (column: Prisma.Sql) =>
  Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The events of a payment change as SQL, for a statement that must stay one statement (the
 * approval on the payment's hot path, lib/payments/apply-gateway-outcome.ts): CTEs that read the
 * payment rows the statement's CTE `source` returned (RETURNING *, as changed), build each
 * event's body as emitPaymentEvent does (the same fields and values; the JSON is PostgreSQL's
 * spelling: a test holds the two to the same object), insert the events in `types` order and
 * make their webhook deliveries. Put it after the statement's own CTEs, before its final SELECT.
 */
export const paymentEventsSql = ({
  source,
  types,
}: {
  /** The name of a CTE of the statement returning `payment` rows. */
  source: "approved";
  types: TPaymentEventType[];
}) => {
  const now = getClock().now();
  const src = Prisma.raw(`"${source}"`);
  return Prisma.sql`
    kinds (type, id, n) AS (
      -- One row per event written out, not unnest of an array: PostgreSQL then plans the
      -- statement for its real number of events once per connection (its named prepared
      -- statement, lib/db/statement-names.ts), where an array's unknown length had it planned
      -- again for every payment.
      VALUES ${Prisma.join(types.map((type, i) => Prisma.sql`(${type}::text, ${newEventId()}::text, ${i + 1}::int)`))}
    ), bodies AS (
      SELECT k.id, k.type, k.n, p."practiceId", p.id AS "paymentId", p."accountId",
             (SELECT i."planId" FROM "installment" i WHERE i."paymentId" = p.id LIMIT 1) AS "planId",
             json_build_object(
               'id', k.id, 'type', k.type, 'created', ${now.toISOString()}::text, 'api_version', ${API_VERSION}::text,
               'data', json_build_object('object', 'payment', 'payment', json_build_object(
                 'id', p.id,
                 'status', lower(p.status::text),
                 'amount_cents', p."amountCents",
                 'refunded_cents', p."refundedCents",
                 'currency', p.currency,
                 'channel', lower(p.channel::text),
                 'method', json_build_object('kind', lower(p."methodKind"::text), 'brand', p.brand, 'last4', p.last4),
                 'receipt_number', p."receiptNumber",
                 'account_number', a."accountNumber",
                 'plan_id', (SELECT i."planId" FROM "installment" i WHERE i."paymentId" = p.id LIMIT 1),
                 'applied_to', COALESCE((
                   SELECT json_agg(json_build_object('statement_number', s."statementNumber", 'amount_cents', pa."amountCents")
                                   ORDER BY pa."createdAt")
                     FROM "payment_allocation" pa JOIN "statement" s ON s.id = pa."statementId"
                    WHERE pa."paymentId" = p.id), '[]'::json),
                 'gateway_transaction_id', p."gatewayTransactionId",
                 'authorization_code', p."authorizationCode",
                 'decline_code', p."declineCode",
                 'decline_message', p."declineMessage",
                 'created_at', ${isoSql(Prisma.sql`p."createdAt"`)},
                 'captured_at', ${isoSql(Prisma.sql`p."capturedAt"`)},
                 'settled_at', ${isoSql(Prisma.sql`p."settledAt"`)},
                 'voided_at', ${isoSql(Prisma.sql`p."voidedAt"`)},
                 'returned_at', ${isoSql(Prisma.sql`p."returnedAt"`)}
               ))
             )::text AS body
        FROM ${src} p JOIN "account" a ON a.id = p."accountId" CROSS JOIN kinds k
    ), events AS (
      INSERT INTO "integration_event"
             (id, "practiceId", type, "apiVersion", "paymentId", "planId", "accountId", body, "createdAt")
      SELECT id, "practiceId", type, ${API_VERSION}, "paymentId", "planId", "accountId", body, ${now}::timestamptz
        FROM bodies ORDER BY n
      RETURNING id, "practiceId", type
    ), deliveries AS (
      INSERT INTO "webhook_delivery" (id, "endpointId", "eventId", "eventType", "nextAttemptAt", "updatedAt")
      SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), e.id, ev.id, ev.type, now(), now()
        FROM events ev JOIN "webhook_endpoint" e
          ON e."practiceId" = ev."practiceId" AND ev.type = ANY(e."eventTypes")
      RETURNING id
    )`;
};
