import "server-only";
import { ACCOUNT_NAME_SELECT, accountName } from "@/lib/account-name";
import { getDb } from "@/lib/db";
import { prismaSql } from "@/lib/db/sql";
import { notFoundError } from "@/lib/errors";
import { filesCarryingPaymentQuery } from "@/lib/exports/file-postings";
import { staffPaymentOptions } from "@/lib/payments/refundable";
import { PAYMENT_SUMMARY_SELECT, REFUND_SELECT } from "@/lib/receipts/queries";
import { getClock } from "@/lib/clock";
import { todayInZone } from "@/lib/dates";
import { SAVED_METHOD_LABEL_SELECT, walletMethodLabel } from "@/lib/method-label";
import { expiryState } from "@/lib/saved-methods/expiry";
import { staffChargeableWhere } from "@/lib/saved-methods/staff-chargeable";
import { OPEN_STATUSES } from "@/lib/statements/queries";

/**
 * Reads for the staff payment pages. Staff see every payment of their practice (the page guard
 * checks `accounts.view`); another practice's id, like a missing one, is NOT_FOUND.
 */

type TPostingRow = {
  id: string;
  channel: "WEBHOOK" | "API" | "FILE";
  reference: string;
  detail: string | null;
  businessDate: Date | null;
  postedAt: Date;
};

/** The posting files that carried the payment, as postings (lib/exports/file-postings.ts). */
const filePostings = async ({ practiceId, paymentId }: { practiceId: string; paymentId: string }) => {
  const db = await getDb();
  const files = await db.$queryRaw<
    { id: string; fileName: string; businessDay: Date; completedAt: Date | null }[]
  >(prismaSql(filesCarryingPaymentQuery({ practiceId, paymentId })));
  return files.map((f): TPostingRow => ({
    id: f.id,
    channel: "FILE",
    reference: f.id,
    detail: f.fileName,
    businessDate: new Date(f.businessDay),
    postedAt: new Date(f.completedAt ?? f.businessDay),
  }));
};

/**
 * How the payment reached the practice's books, each way named as staff know it: the webhook
 * endpoint's URL (or "a deleted endpoint") and the API key's name and prefix (payment_posting),
 * the file's name and business day (the files that carried it).
 */
const postingsWithNames = async (postings: TPostingRow[], practiceId: string) => {
  const db = await getDb();
  const idsOf = (channel: TPostingRow["channel"]) =>
    postings.filter((p) => p.channel === channel).map((p) => p.reference);
  const [endpointIds, keyIds] = [idsOf("WEBHOOK"), idsOf("API")];
  const [endpoints, keys] = await Promise.all([
    endpointIds.length === 0
      ? []
      : db.webhookEndpoint.findMany({
          where: { id: { in: endpointIds }, practiceId },
          select: { id: true, url: true },
        }),
    keyIds.length === 0
      ? []
      : db.apiKey.findMany({
          where: { id: { in: keyIds }, practiceId },
          select: { id: true, name: true, prefix: true },
        }),
  ]);
  const keyName = (id: string) => {
    const key = keys.find((k) => k.id === id);
    return key ? `“${key.name}” (${key.prefix}…)` : "a deleted key";
  };
  return postings.map((p) => ({
    ...p,
    target:
      p.channel === "WEBHOOK"
        ? (endpoints.find((e) => e.id === p.reference)?.url ?? "a deleted endpoint")
        : p.channel === "FILE"
          ? (p.detail ?? p.reference)
          : keyName(p.reference),
  }));
};

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
      // The patient login that paid (the guarantor, or a family member with access: lib/access).
      payer: { select: { firstName: true, lastName: true, email: true } },
      takenBy: { select: { firstName: true, lastName: true, email: true } },
      importLineNumber: true,
      importFile: { select: { id: true, fileName: true } },
      practice: { select: { timeZone: true, largeRefundThresholdCents: true } },
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
      postings: {
        orderBy: { postedAt: "asc" },
        select: {
          id: true,
          channel: true,
          reference: true,
          detail: true,
          postedAt: true,
        },
      },
    },
  });
  if (!payment) throw notFoundError("payment");
  const { practice, account, allocations, refunds, postings, ...rest } = payment;
  return {
    ...rest,
    postings: await postingsWithNames(
      [
        ...postings.map((p) => ({ ...p, businessDate: null })),
        ...(await filePostings({ practiceId, paymentId })),
      ].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime()),
      practiceId,
    ),
    timeZone: practice.timeZone,
    largeRefundThresholdCents: practice.largeRefundThresholdCents,
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

/**
 * What the virtual terminal offers for an account of the staff member's practice: its open
 * statements with a balance (oldest due first), the saved methods the patient allows staff to
 * charge (lib/saved-methods/staff-chargeable.ts), and the account's email for the receipt.
 * Another practice's account, like a missing one, is NOT_FOUND.
 */
export const getTerminalOptionsOrThrow = async ({
  practiceId,
  accountId,
}: {
  practiceId: string;
  accountId: string;
}) => {
  const db = await getDb();
  const [account, methods] = await Promise.all([
    db.account.findFirst({
      where: { id: accountId, practiceId },
      select: {
        ...ACCOUNT_NAME_SELECT,
        email: true,
        practice: { select: { timeZone: true } },
        statements: {
          where: { status: { in: OPEN_STATUSES }, balanceCents: { gt: 0 } },
          orderBy: [{ dueDate: "asc" }, { statementNumber: "asc" }],
          select: {
            id: true,
            statementNumber: true,
            statementDate: true,
            dueDate: true,
            balanceCents: true,
            currency: true,
            patientFirstName: true,
            patientLastName: true,
          },
        },
      },
    }),
    db.paymentMethod.findMany({
      where: staffChargeableWhere({ accountId, practiceId }),
      orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }],
      select: {
        id: true,
        ...SAVED_METHOD_LABEL_SELECT,
        isDefault: true,
        expMonth: true,
        expYear: true,
        user: { select: { email: true } },
      },
    }),
  ]);
  if (!account) throw notFoundError("account");
  const today = todayInZone(account.practice.timeZone, getClock().now());
  return {
    account: { ...accountName(account), email: account.email },
    statements: account.statements,
    methods: methods.map((m) => ({
      id: m.id,
      label: `${walletMethodLabel(m, { withNickname: true })}${m.user ? ` (${m.user.email})` : ""}`,
      isDefault: m.isDefault,
      isExpired: expiryState(m, today) === "expired",
    })),
  };
};
