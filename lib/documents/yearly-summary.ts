import { documentInstantDay, documentMoney, minus, practiceHeaderLines } from "@/lib/documents/format";
import { languageOf, type TDocumentLocale } from "@/lib/documents/locale";
import { YEARLY_SUMMARY_STRINGS } from "@/lib/documents/strings";
import type { TYearlySummary } from "@/lib/documents/types";
import { startOfDayInZone } from "@/lib/dates";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { methodLabel } from "@/lib/method-label";

/**
 * The payments a yearly summary counts: money the practice received. Declined, failed and
 * voided attempts took nothing; a payment still processing is counted in the year it completes
 * in (its date is its own, so it joins that year's summary once approved). A refunded or
 * returned payment is counted, and its refund or return is listed as money back.
 */
export const SUMMARY_PAYMENT_STATUSES: PaymentStatus[] = [
  "CAPTURED",
  "SETTLED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "RETURNED",
];

/** The first and last years a summary may be asked for (the route refuses others as not found). */
export const FIRST_SUMMARY_YEAR = 2000;
export const LAST_SUMMARY_YEAR = 2999;

/** "2026" → 2026; null for anything that is not a four-digit year in range. */
export const parseSummaryYear = (input: string): number | null => {
  if (!/^\d{4}$/.test(input)) return null;
  const year = Number(input);
  return year >= FIRST_SUMMARY_YEAR && year <= LAST_SUMMARY_YEAR ? year : null;
};

/** A calendar year in a time zone: from its first instant, up to (not including) the next year's. */
export const yearBounds = (year: number, timeZone: string) => ({
  from: startOfDayInZone(new Date(Date.UTC(year, 0, 1)), timeZone),
  to: startOfDayInZone(new Date(Date.UTC(year + 1, 0, 1)), timeZone),
});

/** The summary's totals in cents: what was paid, what went back, and the difference. */
export const summaryTotals = (s: Pick<TYearlySummary, "payments" | "credits">) => {
  const paymentsCents = s.payments.reduce((sum, p) => sum + p.amountCents, 0);
  const creditsCents = s.credits.reduce((sum, c) => sum + c.amountCents, 0);
  return { paymentsCents, creditsCents, netCents: paymentsCents - creditsCents };
};

export type TYearlySummaryText = {
  documentTitle: string;
  subject: string;
  title: string;
  intro: string;
  practiceLines: string[];
  facts: [label: string, value: string][];
  paymentsHeading: string;
  paymentColumns: string[];
  payments: string[][];
  noPayments: string | null;
  creditsHeading: string;
  creditColumns: string[];
  credits: string[][];
  noCredits: string | null;
  totalsHeading: string;
  totals: [label: string, value: string][];
  note: string;
  footer: string;
};

/** The yearly summary as strings in `locale`, for the PDF. */
export const yearlySummaryText = (s: TYearlySummary, locale: TDocumentLocale): TYearlySummaryText => {
  const t = YEARLY_SUMMARY_STRINGS[locale];
  const money = (cents: number) => documentMoney(cents, s.currency, locale);
  const tz = s.practice.timeZone;
  const day = (at: Date) => documentInstantDay(at, tz, locale);
  const { from, to } = yearBounds(s.year, tz);
  const { paymentsCents, creditsCents, netCents } = summaryTotals(s);
  const facts: [string, string][] = [
    [t.account, s.account.accountNumber],
    [t.guarantor, s.account.guarantorName],
    [t.year, String(s.year)],
  ];
  if (s.practice.npi) facts.push([t.npi, s.practice.npi]);
  return {
    documentTitle: t.documentTitle(s.year, s.account.accountNumber),
    subject: t.subject,
    title: t.title(s.year),
    intro: t.intro(day(from), day(new Date(to.getTime() - 1))),
    practiceLines: practiceHeaderLines(s.practice),
    facts,
    paymentsHeading: t.payments,
    paymentColumns: t.paymentColumns,
    payments: s.payments.map((p) => [
      day(p.paidAt),
      p.receiptNumber,
      methodLabel(p.method, languageOf(locale)),
      p.statementNumbers.join(", "),
      money(p.amountCents),
    ]),
    noPayments: s.payments.length ? null : t.noPayments(s.year),
    creditsHeading: t.credits,
    creditColumns: t.creditColumns,
    credits: s.credits.map((c) => [
      day(c.at),
      c.receiptNumber,
      c.kind === "REFUND" ? t.refund : t.returned,
      money(c.amountCents),
    ]),
    noCredits: s.credits.length ? null : t.noCredits(s.year),
    totalsHeading: t.totals,
    totals: [
      [t.totalPayments, money(paymentsCents)],
      [t.totalCredits, money(minus(creditsCents))],
      [t.net, money(netCents)],
    ],
    note: t.note,
    footer: t.footer(s.practice.name, s.practice.phone),
  };
};
