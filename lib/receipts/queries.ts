import "server-only";
import { accountsWhere } from "@/lib/access/rule";
import { ACCOUNT_NAME_SELECT, accountName } from "@/lib/account-name";
import { getDb } from "@/lib/db";
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
  const db = await getDb();
  const payment = await db.payment.findFirst({
    where: { AND: [{ id: paymentId }, visibleTo(viewer)] },
    select: receiptSelect,
  });
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
