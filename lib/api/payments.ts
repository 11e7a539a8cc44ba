import "server-only";
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentChannel, PaymentStatus } from "@/lib/generated/prisma/enums";
import { decodeCursor, encodeCursor } from "./cursor";
import { settledHorizon } from "./settled";
import type { ZApiPayment, ZApiPaymentList, ZPaymentListQuery } from "./schemas";

type TApiPayment = z.infer<typeof ZApiPayment>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The columns the API's payment is made of (the webhooks' payment.* events carry the same). */
const API_PAYMENT_SELECT = {
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
  updatedAt: true,
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

type TPaymentRow = Prisma.PaymentGetPayload<{ select: typeof API_PAYMENT_SELECT }>;

export const toApiPayment = (p: TPaymentRow): TApiPayment => ({
  object: "payment",
  id: p.id,
  status: p.status.toLowerCase() as TApiPayment["status"],
  amount_cents: p.amountCents,
  refunded_cents: p.refundedCents,
  currency: p.currency,
  channel: p.channel.toLowerCase() as TApiPayment["channel"],
  method: {
    kind: p.methodKind.toLowerCase() as TApiPayment["method"]["kind"],
    brand: p.brand,
    last4: p.last4,
  },
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
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
  captured_at: iso(p.capturedAt),
  settled_at: iso(p.settledAt),
  voided_at: iso(p.voidedAt),
  returned_at: iso(p.returnedAt),
});

/**
 * Records that the practice's system read these payments through the API with this key
 * (payment_posting, channel API, reference the key's id; `detail` the event id when read as an
 * event): the first read of each only, in one statement whatever the number of payments.
 */
export const recordApiPostings = async ({
  apiKeyId,
  reads,
  now,
}: {
  apiKeyId: string;
  reads: { paymentId: string; eventId?: string | null }[];
  now: Date;
}) => {
  if (reads.length === 0) return;
  const db = await getDb();
  const base = newId();
  await db.$executeRaw`
    INSERT INTO "payment_posting" (id, "paymentId", channel, reference, detail, "postedAt")
    SELECT ${base} || '_' || r.n, r."paymentId", 'API'::"PostingChannel", ${apiKeyId}, r.detail, ${now}::timestamptz
      FROM unnest(${reads.map((r) => r.paymentId)}::text[], ${reads.map((r) => r.eventId ?? null)}::text[])
           WITH ORDINALITY AS r ("paymentId", detail, n)
    ON CONFLICT ("paymentId", channel, reference) DO NOTHING`;
};

/** One of the practice's payments, or null (a missing one and another practice's alike). */
export const getApiPayment = async ({ practiceId, paymentId }: { practiceId: string; paymentId: string }) => {
  const db = await getDb();
  const payment = await db.payment.findFirst({
    where: { id: paymentId, practiceId },
    select: API_PAYMENT_SELECT,
  });
  return payment ? toApiPayment(payment) : null;
};

/**
 * A page of the practice's payments in the order of their last change (updatedAt, then id),
 * with the filters asked for; changes not yet settled (settledHorizon) are left for the next call.
 */
export const listApiPayments = async ({
  practiceId,
  query,
}: {
  practiceId: string;
  query: z.infer<typeof ZPaymentListQuery>;
}): Promise<z.infer<typeof ZApiPaymentList>> => {
  const db = await getDb();
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.payment.findMany({
    where: {
      practiceId,
      AND: [
        { updatedAt: { lte: await settledHorizon() } },
        ...(query.updated_since ? [{ updatedAt: { gte: new Date(query.updated_since) } }] : []),
        ...(after
          ? [{ OR: [{ updatedAt: { gt: after.at } }, { updatedAt: after.at, id: { gt: after.id } }] }]
          : []),
      ],
      ...(query.status ? { status: query.status.toUpperCase() as PaymentStatus } : {}),
      ...(query.channel ? { channel: query.channel.toUpperCase() as PaymentChannel } : {}),
      ...(query.account ? { account: { accountNumber: query.account } } : {}),
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: API_PAYMENT_SELECT,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    object: "list",
    data: page.map(toApiPayment),
    has_more: rows.length > query.limit,
    next_cursor: last ? encodeCursor({ at: last.updatedAt, id: last.id }) : (query.cursor ?? null),
  };
};
