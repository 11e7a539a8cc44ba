import "server-only";
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentChannel, PaymentStatus } from "@/lib/generated/prisma/enums";
import { decodeCursor, encodeCursor } from "./cursor";
import { PAYMENT_JSON_SELECT, paymentJson } from "@/lib/events/payment-events";
import { settledHorizon } from "./settled";
import type { ZApiPayment, ZApiPaymentList, ZPaymentListQuery } from "./schemas";

type TApiPayment = z.infer<typeof ZApiPayment>;

/** The columns the API's payment is made of: the payment events' (paymentJson), and when it last changed. */
const API_PAYMENT_SELECT = { ...PAYMENT_JSON_SELECT, updatedAt: true } satisfies Prisma.PaymentSelect;

type TPaymentRow = Prisma.PaymentGetPayload<{ select: typeof API_PAYMENT_SELECT }>;

export const toApiPayment = (p: TPaymentRow): TApiPayment => {
  const { created_at, ...json } = paymentJson(p);
  return {
    object: "payment",
    ...json,
    status: json.status as TApiPayment["status"],
    channel: json.channel as TApiPayment["channel"],
    method: { ...json.method, kind: json.method.kind as TApiPayment["method"]["kind"] },
    created_at: created_at!,
    updated_at: p.updatedAt.toISOString(),
  };
};

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
