import {
  documentDay,
  documentInstantDay,
  documentMoney,
  minus,
  practiceHeaderLines,
} from "@/lib/documents/format";
import { languageOf, type TDocumentLocale } from "@/lib/documents/locale";
import { ITEMIZED_STATEMENT_STRINGS } from "@/lib/documents/strings";
import type { TItemizedCredit, TItemizedStatement } from "@/lib/documents/types";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { methodLabel } from "@/lib/method-label";
import { refundParts } from "@/lib/payments/refundable";

/**
 * The payments an itemized statement lists: every one that holds part of the statement's
 * balance (still processing, approved, settled, partly or wholly refunded, as the ledger counts
 * them) and those a bank returned (their return is listed as a credit). Declined, failed and
 * voided attempts took nothing and are left out.
 */
export const ITEMIZED_PAYMENT_STATUSES: PaymentStatus[] = [
  "PENDING",
  "AUTHORIZED",
  "CAPTURED",
  "SETTLED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "RETURNED",
];

const PROCESSING: PaymentStatus[] = ["PENDING", "AUTHORIZED"];

/**
 * What a payment's refunds and return gave back to one statement, as the ledger gave it back
 * (lib/payments/ledger.ts): each refund across the payment's allocations last first, after what
 * earlier refunds gave back; a return gives back what is left. Integer cents.
 */
export const creditsToStatement = ({
  statementId,
  receiptNumber,
  status,
  amountCents,
  returnedAt,
  allocations,
  refunds,
}: {
  statementId: string;
  receiptNumber: string;
  status: PaymentStatus;
  amountCents: number;
  returnedAt: Date | null;
  /** In the ledger's order (oldest first). */
  allocations: { statementId: string; amountCents: number }[];
  /** The payment's completed refunds, oldest first. */
  refunds: { amountCents: number; createdAt: Date }[];
}): TItemizedCredit[] => {
  const credits: TItemizedCredit[] = [];
  let alreadyRefundedCents = 0;
  const partFor = (cents: number) =>
    refundParts({ allocations, alreadyRefundedCents, amountCents: cents })
      .filter((p) => p.statementId === statementId)
      .reduce((sum, p) => sum + p.amountCents, 0);
  for (const refund of refunds) {
    const part = partFor(refund.amountCents);
    if (part > 0) credits.push({ receiptNumber, at: refund.createdAt, kind: "REFUND", amountCents: part });
    alreadyRefundedCents += refund.amountCents;
  }
  if (status === "RETURNED" && returnedAt) {
    const part = partFor(amountCents - alreadyRefundedCents);
    if (part > 0) credits.push({ receiptNumber, at: returnedAt, kind: "RETURN", amountCents: part });
  }
  return credits;
};

export const isProcessing = (status: PaymentStatus) => PROCESSING.includes(status);

export type TItemizedStatementText = {
  documentTitle: string;
  subject: string;
  title: string;
  practiceLines: string[];
  facts: [label: string, value: string][];
  servicesHeading: string;
  lineColumns: string[];
  lines: string[][];
  noLines: string | null;
  summaryHeading: string;
  summary: [label: string, value: string][];
  paymentsHeading: string;
  paymentColumns: string[];
  payments: string[][];
  noPayments: string | null;
  footer: string;
};

/**
 * The summary's figures, in cents: the statement's totals as issued, the payments (less) and the
 * refunds and returns (more) listed, and whatever else changed the balance (the practice's
 * balance file after an adjustment of its own), so the column adds up to the balance now.
 */
export const itemizedSummaryCents = (s: TItemizedStatement) => {
  const paymentsCents = s.payments.reduce((sum, p) => sum + p.amountCents, 0);
  const creditsCents = s.credits.reduce((sum, c) => sum + c.amountCents, 0);
  return {
    paymentsCents,
    creditsCents,
    otherChangesCents: s.balanceCents - (s.amountDueCents - paymentsCents + creditsCents),
  };
};

/** The itemized statement as strings in `locale`, for the PDF. */
export const itemizedStatementText = (
  s: TItemizedStatement,
  locale: TDocumentLocale,
): TItemizedStatementText => {
  const t = ITEMIZED_STATEMENT_STRINGS[locale];
  const money = (cents: number) => documentMoney(cents, s.currency, locale);
  const day = (d: Date) => documentDay(d, locale);
  const facts: [string, string][] = [
    [t.statementNumber, s.statementNumber],
    [t.statementDate, day(s.statementDate)],
    [t.dueDate, s.dueDate ? day(s.dueDate) : t.onReceipt],
    [t.account, s.account.accountNumber],
    [t.guarantor, s.account.guarantorName],
    [t.patient, s.patientName],
  ];
  if (s.providerName) facts.push([t.provider, s.providerName]);
  if (s.practice.npi) facts.push([t.npi, s.practice.npi]);

  const { paymentsCents, creditsCents, otherChangesCents } = itemizedSummaryCents(s);
  const summary: [string, string][] = [
    [t.totalCharges, money(s.totalChargesCents)],
    [t.insurancePaid, money(minus(s.insurancePaidCents))],
    [t.adjustments, money(minus(s.adjustmentsCents))],
    [t.patientResponsibility, money(s.amountDueCents)],
    [t.paymentsReceived, money(minus(paymentsCents))],
  ];
  if (creditsCents) summary.push([t.creditsGiven, money(creditsCents)]);
  if (otherChangesCents) summary.push([t.otherChanges, money(otherChangesCents)]);
  summary.push([t.balance, money(s.balanceCents)]);

  const tz = s.practice.timeZone;
  const rows = [
    ...s.payments.map((p, i) => ({
      at: p.paidAt,
      order: i,
      cells: [
        documentInstantDay(p.paidAt, tz, locale),
        p.receiptNumber,
        (p.isProcessing ? t.processing : t.payment)(methodLabel(p.method, languageOf(locale))),
        money(minus(p.amountCents)),
      ],
    })),
    ...s.credits.map((c, i) => ({
      at: c.at,
      order: s.payments.length + i,
      cells: [
        documentInstantDay(c.at, tz, locale),
        c.receiptNumber,
        c.kind === "REFUND" ? t.refund : t.returned,
        money(c.amountCents),
      ],
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);

  return {
    documentTitle: t.documentTitle(s.statementNumber),
    subject: t.subject,
    title: t.title,
    practiceLines: practiceHeaderLines(s.practice),
    facts,
    servicesHeading: t.services,
    lineColumns: t.columns,
    lines: s.lines.map((l) => [
      day(l.serviceDate),
      l.description,
      l.procedureCode ?? "",
      money(l.chargeCents),
      money(minus(l.insurancePaidCents)),
      money(minus(l.adjustmentCents)),
      money(l.patientRespCents),
    ]),
    noLines: s.lines.length ? null : t.noLines,
    summaryHeading: t.summary,
    summary,
    paymentsHeading: t.payments,
    paymentColumns: t.paymentColumns,
    payments: rows.map((r) => r.cells),
    noPayments: rows.length ? null : t.noPayments,
    footer: t.footer(s.practice.name, s.practice.phone),
  };
};
