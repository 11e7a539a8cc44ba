import "server-only";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import { staffPaymentOptions } from "@/lib/payments/refundable";

/**
 * Reads for the staff payment pages. Staff see every payment of the practice (the page guard
 * checks `accounts.view`); a missing id is NOT_FOUND.
 */

export const getPaymentForStaffOrThrow = async ({ paymentId }: { paymentId: string }) => {
  const db = await getDb();
  const payment = await db.payment.findUnique({
    where: { id: paymentId },
    select: {
      id: true,
      receiptNumber: true,
      createdAt: true,
      capturedAt: true,
      settledAt: true,
      voidedAt: true,
      status: true,
      channel: true,
      amountCents: true,
      refundedCents: true,
      currency: true,
      methodKind: true,
      brand: true,
      last4: true,
      authorizationCode: true,
      declineMessage: true,
      payerName: true,
      payerEmail: true,
      practice: { select: { timeZone: true } },
      account: {
        select: { id: true, accountNumber: true, guarantorFirstName: true, guarantorLastName: true },
      },
      allocations: {
        orderBy: { createdAt: "asc" },
        select: {
          amountCents: true,
          statement: { select: { id: true, statementNumber: true } },
        },
      },
      refunds: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          kind: true,
          status: true,
          amountCents: true,
          currency: true,
          reason: true,
          createdAt: true,
          createdBy: { select: { firstName: true, lastName: true, email: true } },
        },
      },
      events: {
        orderBy: { createdAt: "asc" },
        select: { id: true, type: true, createdAt: true },
      },
    },
  });
  if (!payment) throw notFoundError("payment");
  const { practice, account, allocations, refunds, ...rest } = payment;
  return {
    ...rest,
    timeZone: practice.timeZone,
    account: {
      id: account.id,
      accountNumber: account.accountNumber,
      guarantorName: `${account.guarantorFirstName} ${account.guarantorLastName}`,
    },
    allocations: allocations.map((a) => ({
      statementId: a.statement.id,
      statementNumber: a.statement.statementNumber,
      amountCents: a.amountCents,
    })),
    refunds: refunds.map(({ createdBy, ...r }) => ({
      ...r,
      createdByName: `${createdBy.firstName} ${createdBy.lastName}`,
      createdByEmail: createdBy.email,
    })),
    ...staffPaymentOptions({ status: payment.status, amountCents: payment.amountCents, refunds }),
  };
};
export type TStaffPayment = Awaited<ReturnType<typeof getPaymentForStaffOrThrow>>;

/** An account's payments, newest first (the staff account page). */
export const listPaymentsForAccount = async ({
  accountId,
  take = 100,
}: {
  accountId: string;
  take?: number;
}) => {
  const db = await getDb();
  return db.payment.findMany({
    where: { accountId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
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
      practice: { select: { timeZone: true } },
    },
  });
};
export type TStaffAccountPayment = Awaited<ReturnType<typeof listPaymentsForAccount>>[number];

/** For revalidating the account page after a change to one of its payments. */
export const findPaymentAccountId = async ({ paymentId }: { paymentId: string }) => {
  const db = await getDb();
  const payment = await db.payment.findUnique({ where: { id: paymentId }, select: { accountId: true } });
  return payment?.accountId ?? null;
};
