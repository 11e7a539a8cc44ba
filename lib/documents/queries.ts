import "server-only";
import { accountsWhere } from "@/lib/access/rule";
import { guarantorName } from "@/lib/account-name";
import { todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import {
  creditsToStatement,
  isProcessing,
  ITEMIZED_PAYMENT_STATUSES,
} from "@/lib/documents/itemized-statement";
import type { TItemizedStatement, TSummaryCredit, TYearlySummary } from "@/lib/documents/types";
import { SUMMARY_PAYMENT_STATUSES, yearBounds } from "@/lib/documents/yearly-summary";
import { notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Who asks for a statement's itemized PDF: a signed-in patient (statements of the accounts
 * linked to their login) or a guest session (its one statement). Anyone else, and any other
 * statement, is NOT_FOUND, the same as a missing one.
 */
export type TStatementDocumentViewer =
  { kind: "patient"; userId: string } | { kind: "guest"; statementId: string };

const PRACTICE_SELECT = {
  name: true,
  address1: true,
  address2: true,
  city: true,
  state: true,
  zip: true,
  phone: true,
  npi: true,
  timeZone: true,
} as const satisfies Prisma.PracticeSelect;

const itemizedSelect = {
  id: true,
  statementNumber: true,
  statementDate: true,
  dueDate: true,
  currency: true,
  providerName: true,
  patientFirstName: true,
  patientMiddleName: true,
  patientLastName: true,
  totalChargesCents: true,
  insurancePaidCents: true,
  adjustmentsCents: true,
  amountDueCents: true,
  balanceCents: true,
  account: {
    select: {
      accountNumber: true,
      guarantorFirstName: true,
      guarantorLastName: true,
      practice: { select: PRACTICE_SELECT },
    },
  },
  lines: {
    orderBy: { lineNumber: "asc" },
    select: {
      lineNumber: true,
      serviceDate: true,
      description: true,
      procedureCode: true,
      chargeCents: true,
      insurancePaidCents: true,
      adjustmentCents: true,
      patientRespCents: true,
    },
  },
  allocations: {
    where: { payment: { status: { in: ITEMIZED_PAYMENT_STATUSES } } },
    orderBy: [{ payment: { createdAt: "asc" } }, { paymentId: "asc" }],
    select: {
      amountCents: true,
      payment: {
        select: {
          receiptNumber: true,
          createdAt: true,
          status: true,
          amountCents: true,
          returnedAt: true,
          methodKind: true,
          brand: true,
          last4: true,
          // The ledger's order (lib/payments/apply-gateway-outcome.ts), so refunds are split as it split them.
          allocations: { orderBy: { createdAt: "asc" }, select: { statementId: true, amountCents: true } },
          refunds: {
            where: { kind: "REFUND", status: "SUCCEEDED" },
            orderBy: { createdAt: "asc" },
            select: { amountCents: true, createdAt: true },
          },
        },
      },
    },
  },
} satisfies Prisma.StatementSelect;

const statementWhere = (viewer: TStatementDocumentViewer, statementId: string): Prisma.StatementWhereInput =>
  viewer.kind === "patient"
    ? {
        id: statementId,
        account: accountsWhere({ userId: viewer.userId, need: "view" }),
        status: { not: "VOIDED" },
      }
    : { AND: [{ id: statementId }, { id: viewer.statementId }], status: { not: "VOIDED" } };

/**
 * A statement's itemized statement (its lines, totals, and the payments, refunds and returns
 * applied to it), if the viewer may see the statement (the same rule as its page); NOT_FOUND
 * otherwise.
 */
export const getItemizedStatementOrThrow = async ({
  viewer,
  statementId,
}: {
  viewer: TStatementDocumentViewer;
  statementId: string;
}): Promise<TItemizedStatement> => {
  const db = await getDb();
  const s = await db.statement.findFirst({
    where: statementWhere(viewer, statementId),
    select: itemizedSelect,
  });
  if (!s) throw notFoundError("statement");
  return {
    practice: s.account.practice,
    statementNumber: s.statementNumber,
    statementDate: s.statementDate,
    dueDate: s.dueDate,
    currency: s.currency,
    providerName: s.providerName,
    account: { accountNumber: s.account.accountNumber, guarantorName: guarantorName(s.account) },
    patientName: [s.patientFirstName, s.patientMiddleName, s.patientLastName].filter(Boolean).join(" "),
    lines: s.lines,
    totalChargesCents: s.totalChargesCents,
    insurancePaidCents: s.insurancePaidCents,
    adjustmentsCents: s.adjustmentsCents,
    amountDueCents: s.amountDueCents,
    balanceCents: s.balanceCents,
    payments: s.allocations.map(({ amountCents, payment: p }) => ({
      receiptNumber: p.receiptNumber,
      paidAt: p.createdAt,
      method: { kind: p.methodKind, brand: p.brand, last4: p.last4 },
      amountCents,
      isProcessing: isProcessing(p.status),
    })),
    credits: s.allocations
      .flatMap(({ payment: p }) =>
        creditsToStatement({
          statementId: s.id,
          receiptNumber: p.receiptNumber,
          status: p.status,
          amountCents: p.amountCents,
          returnedAt: p.returnedAt,
          allocations: p.allocations,
          refunds: p.refunds,
        }),
      )
      .sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
};

/** An account the patient may see (lib/access/rule.ts), with its practice; NOT_FOUND for any other. */
const linkedAccountOrThrow = async ({ userId, accountId }: { userId: string; accountId: string }) => {
  const db = await getDb();
  const account = await db.account.findFirst({
    where: { id: accountId, ...accountsWhere({ userId, need: "view" }) },
    select: {
      id: true,
      accountNumber: true,
      guarantorFirstName: true,
      guarantorLastName: true,
      practice: { select: PRACTICE_SELECT },
    },
  });
  if (!account) throw notFoundError("account");
  return account;
};

/**
 * One calendar year (in the practice's zone) of an account's payments, refunds and returns, for
 * a patient whose login the account is linked to; NOT_FOUND for any other account. Payments by
 * the day they were made (SUMMARY_PAYMENT_STATUSES), refunds by the day they succeeded, returns
 * by the day the bank returned the payment (what was not refunded before). Whoever paid (the
 * patient, a guest with a statement, staff, the practice's own payment file), it is the
 * account's.
 */
export const getYearlySummaryOrThrow = async ({
  userId,
  accountId,
  year,
}: {
  userId: string;
  accountId: string;
  year: number;
}): Promise<TYearlySummary> => {
  const account = await linkedAccountOrThrow({ userId, accountId });
  const { from, to } = yearBounds(year, account.practice.timeZone);
  const db = await getDb();
  const [payments, refunds, returns] = await Promise.all([
    db.payment.findMany({
      where: { accountId, status: { in: SUMMARY_PAYMENT_STATUSES }, createdAt: { gte: from, lt: to } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        receiptNumber: true,
        createdAt: true,
        amountCents: true,
        currency: true,
        methodKind: true,
        brand: true,
        last4: true,
        allocations: {
          orderBy: { createdAt: "asc" },
          select: { statement: { select: { statementNumber: true } } },
        },
      },
    }),
    db.refund.findMany({
      where: {
        kind: "REFUND",
        status: "SUCCEEDED",
        createdAt: { gte: from, lt: to },
        payment: { accountId },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { amountCents: true, createdAt: true, payment: { select: { receiptNumber: true } } },
    }),
    db.payment.findMany({
      where: { accountId, status: "RETURNED", returnedAt: { gte: from, lt: to } },
      orderBy: [{ returnedAt: "asc" }, { id: "asc" }],
      select: { receiptNumber: true, returnedAt: true, amountCents: true, refundedCents: true },
    }),
  ]);
  const credits: TSummaryCredit[] = [
    ...refunds.map((r) => ({
      receiptNumber: r.payment.receiptNumber,
      at: r.createdAt,
      kind: "REFUND" as const,
      amountCents: r.amountCents,
    })),
    ...returns
      .filter((p) => p.amountCents > p.refundedCents)
      .map((p) => ({
        receiptNumber: p.receiptNumber,
        at: p.returnedAt!,
        kind: "RETURN" as const,
        amountCents: p.amountCents - p.refundedCents,
      })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    practice: account.practice,
    account: { accountNumber: account.accountNumber, guarantorName: guarantorName(account) },
    year,
    currency: payments[0]?.currency ?? "USD",
    payments: payments.map((p) => ({
      receiptNumber: p.receiptNumber,
      paidAt: p.createdAt,
      method: { kind: p.methodKind, brand: p.brand, last4: p.last4 },
      amountCents: p.amountCents,
      statementNumbers: p.allocations.map((a) => a.statement.statementNumber),
    })),
    credits,
  };
};

export type TSummaryYears = {
  accountId: string;
  accountNumber: string;
  guarantorName: string;
  /** Newest first; empty when the account has no payment, refund or return yet. */
  years: number[];
};

/**
 * For each account linked to the patient's login, the years its summary can be asked for: from
 * the year of its first counted payment to the year of its latest payment, refund or return (in
 * the practice's zone), newest first.
 */
export const listSummaryYearsForPatient = async ({
  userId,
}: {
  userId: string;
}): Promise<TSummaryYears[]> => {
  const db = await getDb();
  const accounts = await db.account.findMany({
    where: accountsWhere({ userId, need: "view" }),
    orderBy: { accountNumber: "asc" },
    select: {
      id: true,
      accountNumber: true,
      guarantorFirstName: true,
      guarantorLastName: true,
      practice: { select: { timeZone: true } },
    },
  });
  return Promise.all(
    accounts.map(async (a) => {
      const [paid, refunded] = await Promise.all([
        db.payment.aggregate({
          where: { accountId: a.id, status: { in: SUMMARY_PAYMENT_STATUSES } },
          _min: { createdAt: true },
          _max: { createdAt: true, returnedAt: true },
        }),
        db.refund.aggregate({
          where: { kind: "REFUND", status: "SUCCEEDED", payment: { accountId: a.id } },
          _max: { createdAt: true },
        }),
      ]);
      const yearOf = (at: Date) => todayInZone(a.practice.timeZone, at).getUTCFullYear();
      const first = paid._min.createdAt;
      const lasts = [paid._max.createdAt, paid._max.returnedAt, refunded._max.createdAt].filter(
        (d): d is Date => d !== null,
      );
      const years: number[] = [];
      if (first && lasts.length) {
        const last = yearOf(new Date(Math.max(...lasts.map((d) => d.getTime()))));
        for (let y = last; y >= yearOf(first); y -= 1) years.push(y);
      }
      return { accountId: a.id, accountNumber: a.accountNumber, guarantorName: guarantorName(a), years };
    }),
  );
};
