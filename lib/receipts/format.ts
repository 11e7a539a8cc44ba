import type { RefundKind, RefundStatus } from "@/lib/generated/prisma/enums";
import { methodLabel } from "@/lib/method-label";
import { formatCents } from "@/lib/money";
import { receiptStatusView } from "@/lib/receipts/status";
import type { TReceipt, TReceiptPractice } from "@/lib/receipts/types";
import { dateTimeFormat } from "@/lib/intl";

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

export const refundKindLabel = (kind: RefundKind) => (kind === "VOID" ? "Void" : "Refund");

export const refundStatusLabel = (status: RefundStatus) =>
  status === "SUCCEEDED" ? "Completed" : status === "PENDING" ? "Processing" : "Failed";

export type TReceiptText = {
  title: string;
  practiceLines: string[];
  status: { label: string; detail: string | null };
  facts: [label: string, value: string][];
  allocations: [statement: string, amount: string][];
  total: string;
  refunds: { label: string; amount: string; date: string; status: string; reason: string }[];
};

/** The receipt as plain strings, for the PDF and the email (the page lays out the same facts). */
export const receiptText = (r: TReceipt): TReceiptText => {
  const status = receiptStatusView(r);
  const money = (cents: number) => formatCents(cents, r.currency);
  const facts: [string, string][] = [
    ["Receipt number", r.receiptNumber],
    ["Date and time", formatReceiptInstant(r.createdAt, r.practice.timeZone)],
    ["Status", status.label],
    ["Amount", money(r.amountCents)],
    ["Paid with", methodLabel(r.method)],
  ];
  if (r.authorizationCode) facts.push(["Authorization code", r.authorizationCode]);
  facts.push(["Account", r.account.accountNumber], ["Guarantor", r.account.guarantorName]);
  if (r.patientNames.length)
    facts.push([r.patientNames.length > 1 ? "Patients" : "Patient", r.patientNames.join(", ")]);
  if (r.refundedCents > 0) facts.push(["Refunded", money(r.refundedCents)]);
  return {
    title: "Payment receipt",
    practiceLines: [
      r.practice.name,
      ...practiceAddressLines(r.practice),
      ...(r.practice.phone ? [r.practice.phone] : []),
    ],
    status: { label: status.label, detail: status.detail },
    facts,
    allocations: r.allocations.map((a) => [`Statement ${a.statementNumber}`, money(a.amountCents)]),
    total: money(r.amountCents),
    refunds: r.refunds.map((f) => ({
      label: refundKindLabel(f.kind),
      amount: formatCents(f.amountCents, f.currency),
      date: formatReceiptInstant(f.createdAt, r.practice.timeZone),
      status: refundStatusLabel(f.status),
      reason: f.reason,
    })),
  };
};
