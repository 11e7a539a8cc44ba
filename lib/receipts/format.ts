import type { RefundKind, RefundStatus } from "@/lib/generated/prisma/enums";
import { methodLabel } from "@/lib/method-label";
import { formatCents } from "@/lib/money";
import { receiptStatusView } from "@/lib/receipts/status";
import type { TReceipt, TReceiptPractice } from "@/lib/receipts/types";
import { dateTimeFormat } from "@/lib/intl";
import { DEFAULT_LOCALE, INTL_LOCALES, type TLocale } from "@/lib/locale";
import { RECEIPT_STRINGS, type TReceiptStrings } from "@/lib/receipts/strings";

/** "Nov 24, 2026, 3:45 PM EST": the practice's zone, named, since a receipt is read anywhere. */
export const formatReceiptInstant = (date: Date, timeZone: string, locale = "en-US") =>
  dateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  })
    .format(date)
    // ICU puts a narrow no-break space before AM/PM; plain text and the PDF's font want a space.
    .replace(/[\u202f\u2009]/g, " ");

/** ["1200 Walnut Street", "Philadelphia, PA 19107"]; missing parts are left out. */
export const practiceAddressLines = (
  p: Pick<TReceiptPractice, "address1" | "address2" | "city" | "state" | "zip">,
) => {
  const cityLine = [p.city, [p.state, p.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [p.address1, p.address2, cityLine].filter((l): l is string => Boolean(l));
};

export const refundKindLabel = (kind: RefundKind, strings: TReceiptStrings = RECEIPT_STRINGS.en) =>
  kind === "VOID" ? strings.refundKind.void : strings.refundKind.refund;

export const refundStatusLabel = (status: RefundStatus, strings: TReceiptStrings = RECEIPT_STRINGS.en) =>
  status === "SUCCEEDED"
    ? strings.refundStatus.succeeded
    : status === "PENDING"
      ? strings.refundStatus.pending
      : strings.refundStatus.failed;

export type TReceiptText = {
  title: string;
  practiceLines: string[];
  status: { label: string; detail: string | null };
  facts: [label: string, value: string][];
  allocations: [statement: string, amount: string][];
  total: string;
  refunds: { label: string; amount: string; date: string; status: string; reason: string }[];
};

/** The receipt as plain strings in the reader's language, for the PDF and the email (the page lays out the same facts). */
export const receiptText = (r: TReceipt, locale: TLocale = DEFAULT_LOCALE): TReceiptText => {
  const s = RECEIPT_STRINGS[locale];
  const intlLocale = INTL_LOCALES[locale];
  const status = receiptStatusView({ ...r, locale });
  const money = (cents: number) => formatCents(cents, r.currency, intlLocale);
  const facts: [string, string][] = [
    [s.facts.receiptNumber, r.receiptNumber],
    [s.facts.dateTime, formatReceiptInstant(r.createdAt, r.practice.timeZone, intlLocale)],
    [s.facts.status, status.label],
    [s.facts.amount, money(r.amountCents)],
    [s.facts.paidWith, methodLabel(r.method, locale)],
  ];
  if (r.authorizationCode) facts.push([s.facts.authorizationCode, r.authorizationCode]);
  facts.push([s.facts.account, r.account.accountNumber], [s.facts.guarantor, r.account.guarantorName]);
  if (r.patientNames.length)
    facts.push([r.patientNames.length > 1 ? s.facts.patients : s.facts.patient, r.patientNames.join(", ")]);
  if (r.refundedCents > 0) facts.push([s.facts.refunded, money(r.refundedCents)]);
  return {
    title: s.title,
    practiceLines: [
      r.practice.name,
      ...practiceAddressLines(r.practice),
      ...(r.practice.phone ? [r.practice.phone] : []),
    ],
    status: { label: status.label, detail: status.detail },
    facts,
    allocations: r.allocations.map((a) => [s.statement(a.statementNumber), money(a.amountCents)]),
    total: money(r.amountCents),
    refunds: r.refunds.map((f) => ({
      label: refundKindLabel(f.kind, s),
      amount: formatCents(f.amountCents, f.currency, intlLocale),
      date: formatReceiptInstant(f.createdAt, r.practice.timeZone, intlLocale),
      status: refundStatusLabel(f.status, s),
      reason: f.reason,
    })),
  };
};
