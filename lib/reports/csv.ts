import type { PaymentChannel, PaymentMethodKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import { toIsoDay, wallClockInZone } from "@/lib/dates";
import { brandName } from "@/lib/method-label";
import { centsToDecimal } from "@/lib/money";
import { CHANNEL_FILTERS, METHOD_FILTERS, methodFilterOf, reportChannelOf } from "./filters";

/**
 * The transactions CSV (RFC 4180: comma-separated, CRLF, quoted where needed). A payment's
 * method is its kind, brand and last 4 only: the portal holds no card or bank number to write.
 * A cell a spreadsheet would run as a formula (starting =, +, -, @, tab or CR) is written with a
 * leading apostrophe: a payer's name is typed by whoever paid.
 */

export const CSV_HEADER = [
  "Date",
  "Receipt",
  "Account",
  "Payer",
  "Channel",
  "Method",
  "Brand",
  "Last 4",
  "Status",
  "Amount",
  "Refunded",
  "Currency",
  "Taken by",
  "Payment ID",
] as const;

export type TCsvSource = {
  id: string;
  createdAt: Date;
  receiptNumber: string;
  accountNumber: string;
  payerName: string | null;
  channel: PaymentChannel;
  payerUserId: string | null;
  methodKind: PaymentMethodKind;
  brand: string | null;
  last4: string | null;
  status: PaymentStatus;
  amountCents: number;
  refundedCents: number;
  currency: string;
  takenByFirstName: string | null;
  takenByLastName: string | null;
};

/** One cell, quoted when it holds a comma, a quote or a line break; formulas defused. */
export const csvCell = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** "2026-12-06 09:05" on the practice's wall clock. */
export const practiceDateTime = (at: Date, timeZone: string) => {
  const { day, hhmm } = wallClockInZone(timeZone, at);
  return `${toIsoDay(day)} ${hhmm.slice(0, 2)}:${hhmm.slice(2)}`;
};

export const STATUS_WORDS: Record<PaymentStatus, string> = {
  PENDING: "Pending",
  AUTHORIZED: "Authorized",
  CAPTURED: "Captured",
  SETTLED: "Settled",
  DECLINED: "Declined",
  FAILED: "Failed",
  VOIDED: "Voided",
  PARTIALLY_REFUNDED: "Partially refunded",
  REFUNDED: "Refunded",
  RETURNED: "Returned",
};

export const transactionCsvCells = (row: TCsvSource, timeZone: string): string[] => [
  practiceDateTime(row.createdAt, timeZone),
  row.receiptNumber,
  row.accountNumber,
  row.payerName ?? "",
  CHANNEL_FILTERS[reportChannelOf(row)].label,
  METHOD_FILTERS[methodFilterOf(row.methodKind)].label,
  row.brand ? brandName(row.brand) : "",
  row.last4 ?? "",
  STATUS_WORDS[row.status],
  centsToDecimal(row.amountCents),
  centsToDecimal(row.refundedCents),
  row.currency,
  row.takenByFirstName || row.takenByLastName
    ? `${row.takenByFirstName ?? ""} ${row.takenByLastName ?? ""}`.trim()
    : "",
  row.id,
];

/** The CSV's text, a chunk of many lines at a time (the header first). */
export async function* transactionCsv(
  rows: AsyncIterable<TCsvSource>,
  timeZone: string,
  linesPerChunk = 500,
): AsyncGenerator<string> {
  let chunk = csvLine(CSV_HEADER);
  let lines = 0;
  for await (const row of rows) {
    chunk += csvLine(transactionCsvCells(row, timeZone));
    if (++lines >= linesPerChunk) {
      yield chunk;
      chunk = "";
      lines = 0;
    }
  }
  if (chunk) yield chunk;
}
