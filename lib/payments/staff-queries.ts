import "server-only";
import { ACCOUNT_NAME_SELECT, accountName } from "@/lib/account-name";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import { staffPaymentOptions } from "@/lib/payments/refundable";
import { PAYMENT_SUMMARY_SELECT, REFUND_SELECT } from "@/lib/receipts/queries";

/**
 * Reads for the staff payment pages. Staff see every payment of their practice (the page guard
 * checks `accounts.view`); another practice's id, like a missing one, is NOT_FOUND.
 */

export const getPaymentForStaffOrThrow = async ({
  practiceId,
  paymentId,
}: {
  practiceId: string;
  paymentId: string;
}) => {
  const db = await getDb();
  const payment = await db.payment.findFirst({
    where: { id: paymentId, practiceId },
    select: {
      ...PAYMENT_SUMMARY_SELECT,
      capturedAt: true,
      settledAt: true,
      voidedAt: true,
      channel: true,
      authorizationCode: true,
      declineMessage: true,
      payerName: true,
      payerEmail: true,
      importLineNumber: true,
      importFile: { select: { id: true, fileName: true } },
      practice: { select: { timeZone: true } },
      account: { select: ACCOUNT_NAME_SELECT },
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
          ...REFUND_SELECT,
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
    account: accountName(account),
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
    // Taken outside the portal (the practice's payment file): the processor never saw it.
    ...(payment.channel === "IMPORT" ? { canVoid: false, canRefund: false } : {}),
  };
};
export type TStaffPayment = Awaited<ReturnType<typeof getPaymentForStaffOrThrow>>;

/** An account's payments, newest first (the staff account page; an account of their practice). */
export const listPaymentsForAccount = async ({
  practiceId,
  accountId,
  take = 100,
}: {
  practiceId: string;
  accountId: string;
  take?: number;
}) => {
  const db = await getDb();
  return db.payment.findMany({
    where: { accountId, practiceId },
    orderBy: { createdAt: "desc" },
    take,
    select: { ...PAYMENT_SUMMARY_SELECT, practice: { select: { timeZone: true } } },
  });
};
export type TStaffAccountPayment = Awaited<ReturnType<typeof listPaymentsForAccount>>[number];

/** For revalidating the account page after a change to one of its payments (of the practice). */
export const findPaymentAccountId = async ({
  practiceId,
  paymentId,
}: {
  practiceId: string;
  paymentId: string;
}) => {
  const db = await getDb();
  const payment = await db.payment.findFirst({
    where: { id: paymentId, practiceId },
    select: { accountId: true },
  });
  return payment?.accountId ?? null;
};
