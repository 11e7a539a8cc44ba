import "server-only";
import { accountSqlFragment, accountsWhere } from "@/lib/access/rule";
import { ACCOUNT_NAME_SELECT, accountName } from "@/lib/account-name";
import { getDb, readRows } from "@/lib/db";
import { sql, type TSqlFragment } from "@/lib/db/sql";
import { notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TPaymentHistoryItem, TPaymentSummary, TReceipt, TReceiptViewer } from "@/lib/receipts/types";

/** The payments a viewer may see. A foreign payment and a missing one are the same NOT_FOUND. */
const visibleTo = (viewer: TReceiptViewer): Prisma.PaymentWhereInput => {
  switch (viewer.kind) {
    case "patient":
      return { account: accountsWhere({ userId: viewer.userId, need: "view" }) };
    case "guest":
      return { allocations: { some: { statementId: viewer.statementId } } };
    case "staff":
      return { practiceId: viewer.practiceId };
  }
};

/** The columns of a payment that every list and page of payments shows (with its method). */
export const PAYMENT_SUMMARY_SELECT = {
  id: true,
  receiptNumber: true,
  createdAt: true,
  status: true,
  amountCents: true,
  refundedCents: true,
  currency: true,
  methodKind: true,
  brand: true,
  last4: true,
} as const satisfies Prisma.PaymentSelect;

const summarySelect = {
  ...PAYMENT_SUMMARY_SELECT,
  declineCode: true,
} as const satisfies Prisma.PaymentSelect;

const toSummary = (p: Prisma.PaymentGetPayload<{ select: typeof summarySelect }>): TPaymentSummary => ({
  paymentId: p.id,
  receiptNumber: p.receiptNumber,
  createdAt: p.createdAt,
  status: p.status,
  amountCents: p.amountCents,
  refundedCents: p.refundedCents,
  currency: p.currency,
  declineCode: p.declineCode,
  method: { kind: p.methodKind, brand: p.brand, last4: p.last4 },
});

/** A refund or void of a payment as the receipt and the staff payment page list it. */
export const REFUND_SELECT = {
  id: true,
  kind: true,
  status: true,
  amountCents: true,
  currency: true,
  reason: true,
  createdAt: true,
} as const satisfies Prisma.RefundSelect;

export const receiptSelect = {
  ...summarySelect,
  authorizationCode: true,
  practice: {
    select: {
      name: true,
      address1: true,
      address2: true,
      city: true,
      state: true,
      zip: true,
      phone: true,
      timeZone: true,
    },
  },
  account: { select: ACCOUNT_NAME_SELECT },
  allocations: {
    orderBy: { createdAt: "asc" },
    select: {
      amountCents: true,
      statement: {
        select: {
          statementNumber: true,
          patientFirstName: true,
          patientMiddleName: true,
          patientLastName: true,
        },
      },
    },
  },
  refunds: { orderBy: { createdAt: "asc" }, select: REFUND_SELECT },
} satisfies Prisma.PaymentSelect;

export type TReceiptRow = Prisma.PaymentGetPayload<{ select: typeof receiptSelect }>;

export const toReceipt = (p: TReceiptRow): TReceipt => {
  const names = p.allocations.map(({ statement: s }) =>
    [s.patientFirstName, s.patientMiddleName, s.patientLastName].filter(Boolean).join(" "),
  );
  return {
    ...toSummary(p),
    authorizationCode: p.authorizationCode,
    practice: p.practice,
    account: accountName(p.account),
    patientNames: [...new Set(names)],
    allocations: p.allocations.map((a) => ({
      statementNumber: a.statement.statementNumber,
      amountCents: a.amountCents,
    })),
    refunds: p.refunds,
  };
};

/** SQL: the payment `p` is one the viewer may see (the same rule as visibleTo). */
const visibleToSql = (viewer: TReceiptViewer): TSqlFragment => {
  switch (viewer.kind) {
    case "patient":
      return accountSqlFragment({ userId: viewer.userId, need: "view", accountId: sql.raw(`p."accountId"`) });
    case "guest":
      return sql`EXISTS (SELECT 1 FROM "payment_allocation" va WHERE va."paymentId" = p.id AND va."statementId" = ${viewer.statementId})`;
    case "staff":
      return sql`p."practiceId" = ${viewer.practiceId}`;
  }
};

/** A receipt's row as one statement returns it: the practice, account, allocations and refunds as JSON. */
export type TReceiptSqlRow = Omit<TReceiptRow, "refunds"> & {
  refunds: (Omit<TReceiptRow["refunds"][number], "createdAt"> & { createdAt: string })[];
};

/**
 * The columns of receiptSelect's shape for the payment `p`, its practice `pr` and account `a`
 * (RECEIPT_FROM): one statement instead of Prisma's query per relation (docs/database.md,
 * "Hot paths"). Turn a row into TReceiptRow with fromReceiptSqlRow.
 */
export const RECEIPT_COLUMNS = sql`
  p.id, p."receiptNumber", p."createdAt", p.status::text AS status, p."amountCents",
  p."refundedCents", p.currency, p."methodKind"::text AS "methodKind", p.brand, p.last4,
  p."declineCode", p."authorizationCode",
  json_build_object('name', pr.name, 'address1', pr.address1, 'address2', pr.address2,
                    'city', pr.city, 'state', pr.state, 'zip', pr.zip, 'phone', pr.phone,
                    'timeZone', pr."timeZone") AS practice,
  json_build_object('id', a.id, 'accountNumber', a."accountNumber",
                    'guarantorFirstName', a."guarantorFirstName",
                    'guarantorLastName', a."guarantorLastName") AS account,
  COALESCE((SELECT json_agg(json_build_object(
                     'amountCents', al."amountCents",
                     'statement', json_build_object('statementNumber', st."statementNumber",
                                                    'patientFirstName', st."patientFirstName",
                                                    'patientMiddleName', st."patientMiddleName",
                                                    'patientLastName', st."patientLastName"))
                   ORDER BY al."createdAt", al.id)
              FROM "payment_allocation" al JOIN "statement" st ON st.id = al."statementId"
             WHERE al."paymentId" = p.id), '[]'::json) AS allocations,
  COALESCE((SELECT json_agg(json_build_object(
                     'id', r.id, 'kind', r.kind::text, 'status', r.status::text,
                     'amountCents', r."amountCents", 'currency', r.currency,
                     'reason', r.reason, 'createdAt', r."createdAt")
                   ORDER BY r."createdAt", r.id)
              FROM "refund" r WHERE r."paymentId" = p.id), '[]'::json) AS refunds`;

/** The tables RECEIPT_COLUMNS reads. */
export const RECEIPT_FROM = sql`
  FROM "payment" p
  JOIN "practice" pr ON pr.id = p."practiceId"
  JOIN "account" a ON a.id = p."accountId"`;

/** A row of RECEIPT_COLUMNS as receiptSelect's shape (the refunds' instants as Dates). */
export const fromReceiptSqlRow = <T extends TReceiptSqlRow>(row: T) => ({
  ...row,
  refunds: row.refunds.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
});

/** The receipt row of the payment `paymentId` if `visible`, in one statement on the hot path's reader. */
const readReceiptRow = async (paymentId: string, visible: TSqlFragment): Promise<TReceiptRow | null> => {
  const [row] = await readRows<TReceiptSqlRow>(
    sql`SELECT ${RECEIPT_COLUMNS} ${RECEIPT_FROM} WHERE p.id = ${paymentId} AND ${visible}`,
  );
  return row ? fromReceiptSqlRow(row) : null;
};

/**
 * One payment's receipt, if the viewer may see it: a patient the payments on their linked
 * accounts, a guest the payments applied to their statement, staff any payment of their practice.
 */
export const getReceiptOrThrow = async ({
  paymentId,
  viewer,
}: {
  paymentId: string;
  viewer: TReceiptViewer;
}): Promise<TReceipt> => {
  const payment = await readReceiptRow(paymentId, visibleToSql(viewer));
  if (!payment) throw notFoundError("payment");
  return toReceipt(payment);
};

/**
 * A payment's status, for the receipt page while it waits for the outcome: the same rule of who
 * may see it as the receipt, and nothing else of it.
 */
export const getPaymentStatusOrThrow = async ({
  paymentId,
  viewer,
}: {
  paymentId: string;
  viewer: TReceiptViewer;
}): Promise<{ status: TReceipt["status"]; createdAt: Date }> => {
  const db = await getDb();
  const payment = await db.payment.findFirst({
    where: { AND: [{ id: paymentId }, visibleTo(viewer)] },
    select: { status: true, createdAt: true },
  });
  if (!payment) throw notFoundError("payment");
  return payment;
};

export const PAYMENT_HISTORY_LIMIT = 100;

/**
 * A patient's payment history: every payment on their linked accounts, newest first, whoever
 * made it (the patient, a guest with the statement, staff), including declined and failed
 * attempts and payments still processing.
 */
export const listPaymentHistoryForPatient = async ({
  userId,
}: {
  userId: string;
}): Promise<TPaymentHistoryItem[]> => {
  const db = await getDb();
  const rows = await db.payment.findMany({
    where: visibleTo({ kind: "patient", userId }),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAYMENT_HISTORY_LIMIT,
    select: {
      ...summarySelect,
      account: { select: { accountNumber: true } },
      practice: { select: { timeZone: true } },
    },
  });
  return rows.map((p) => ({
    ...toSummary(p),
    accountNumber: p.account.accountNumber,
    timeZone: p.practice.timeZone,
  }));
};
