import { addDays, instantAtWallTime, parseIsoDay, todayInZone } from "@/lib/dates";
import { depositWriter, type TDepositItem } from "@/lib/files/deposit-file";
import { imdpaWriter, type TImdpaVersion } from "@/lib/files/imdpa-file";
import { lockboxWriter } from "@/lib/files/lockbox-file";
import {
  postingCardTypeForBrand,
  type TPostingAction,
  type TPostingMerchant,
  type TPostingStatus,
  type TPostingTransaction,
  type TPostingTransactionType,
  type TPostingWriter,
  type TRemittance,
} from "@/lib/files/posting-record";
import { x12835Writer } from "@/lib/files/x12-835-file";

/**
 * The pure half of the end-of-day posting files (docs/files.md, "Producing the posting files"):
 * the formats and their names, the business day's window, and each line's record from the row
 * the database gives. lib/exports/posting-file.ts reads the rows and stores the file.
 */

/** The formats a practice may choose, as the settings, the CLI and the job name them. */
export const POSTING_FORMATS = {
  "imdpa-1.0": "IMDPA10",
  "imdpa-1.1": "IMDPA11",
  "imdpa-1.2": "IMDPA12",
  "imdpa-1.3": "IMDPA13",
  "imdpa-1.4": "IMDPA14",
  "x12-835": "X12_835",
  "lockbox-a": "LOCKBOX_A",
  deposit: "DEPOSIT_10",
} as const;
export type TPostingFormatName = keyof typeof POSTING_FORMATS;
export type TPostingFormat = (typeof POSTING_FORMATS)[TPostingFormatName];
export const POSTING_FORMAT_NAMES = Object.keys(POSTING_FORMATS) as TPostingFormatName[];

export const postingFormatName = (format: TPostingFormat): TPostingFormatName =>
  POSTING_FORMAT_NAMES.find((name) => POSTING_FORMATS[name] === format)!;

const IMDPA_VERSION: Partial<Record<TPostingFormat, TImdpaVersion>> = {
  IMDPA10: "1.0",
  IMDPA11: "1.1",
  IMDPA12: "1.2",
  IMDPA13: "1.3",
  IMDPA14: "1.4",
};

/** A practice's posting settings, as the files need them. */
export type TPostingSettings = TPostingMerchant & {
  cutoffMinutes: number;
  lockboxNumber: string | null;
  x12SenderId: string | null;
  x12ReceiverId: string | null;
  x12Account: string | null;
};

/** `HH:MM` on the practice's clock for a cut-off in minutes (0 is midnight, `00:00`). */
export const formatCutoff = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** `HH:MM` (00:00–23:59) → minutes after midnight, or null. */
export const parseCutoff = (text: string): number | null => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

/**
 * The instants a business day covers: from the cut-off on the day before to the cut-off on the
 * day, in the practice's zone (a cut-off of 0 is midnight: the calendar day). On the days the
 * clocks change the day is 23 or 25 hours long; a cut-off the clock skips or shows twice is
 * resolved as instantAtWallTime says.
 */
export const businessDayWindow = ({
  businessDay,
  cutoffMinutes,
  timeZone,
}: {
  businessDay: Date;
  cutoffMinutes: number;
  timeZone: string;
}) => {
  const cutoff = cutoffMinutes === 0 ? 24 * 60 : cutoffMinutes;
  return {
    start: instantAtWallTime(addDays(businessDay, -1), cutoff, timeZone),
    end: instantAtWallTime(businessDay, cutoff, timeZone),
  };
};

/** The business day an instant belongs to: its calendar day, or the next one from the cut-off on. */
export const businessDayOf = ({
  at,
  cutoffMinutes,
  timeZone,
}: {
  at: Date;
  cutoffMinutes: number;
  timeZone: string;
}) => {
  const day = todayInZone(timeZone, at);
  if (cutoffMinutes === 0) return day;
  return at >= instantAtWallTime(day, cutoffMinutes, timeZone) ? addDays(day, 1) : day;
};

/** What the files need to know about the file being written, beside the settings. */
export type TPostingFileContext = {
  format: TPostingFormat;
  settings: TPostingSettings;
  businessDay: Date;
  practiceName: string;
  npi: string | null;
  controlNumber: number | null;
  /** When the file is made, on the practice's wall clock. */
  createdDay: Date;
  createdTime: string;
};

/** A record writer fed with the database's rows: `map` makes each row the writer's record. */
const over = <T>(
  writer: TPostingWriter<T>,
  map: (source: TDepositSource) => T,
): TPostingWriter<TDepositSource> => ({
  header: writer.header,
  record: (source) => writer.record(map(source)),
  trailer: writer.trailer,
});

/**
 * The writer of a format, fed with the database's rows (for the deposit file, with their
 * deposit), or a sentence saying which setting it lacks.
 */
export const postingWriterFor = (context: TPostingFileContext): TPostingWriter<TDepositSource> | string => {
  const { format, settings } = context;
  const version = IMDPA_VERSION[format];
  if (version) return over(imdpaWriter(version, settings), toPostingTransaction);
  if (format === "DEPOSIT_10") return over(depositWriter(settings), toDepositItem);
  if (format === "LOCKBOX_A") {
    if (!settings.lockboxNumber) return "Lockbox A needs the practice's lockbox number.";
    return over(
      lockboxWriter({ captureDate: context.businessDay, lockboxNumber: settings.lockboxNumber }),
      toPostingTransaction,
    );
  }
  if (!settings.x12SenderId || !settings.x12ReceiverId) {
    return "The 835 needs the practice's X12 sender and receiver ids.";
  }
  return over(
    x12835Writer({
      senderId: settings.x12SenderId,
      receiverId: settings.x12ReceiverId,
      controlNumber: context.controlNumber ?? 1,
      createdDay: context.createdDay,
      createdTime: context.createdTime,
      businessDay: context.businessDay,
      payee: { name: context.practiceName, npi: context.npi },
      usage: "P",
    }),
    toPostingTransaction,
  );
};

/** One line of the day as the database gives it (lib/exports/posting-file.ts, POSTING_LINES). */
export type TPostingSource = {
  paymentId: string;
  kind: "payment" | "refund";
  txId: string;
  gatewayId: string | null;
  methodKind: "CARD" | "ACH" | "APPLE_PAY" | "GOOGLE_PAY" | "CASH" | "CHECK";
  brand: string | null;
  amountCents: number;
  authorizationCode: string | null;
  status: TPostingStatus;
  remittance: "in" | "back" | null;
  /** `YYYY-MM-DD`, the practice's day of the transaction. */
  txDate: string;
  receiptNumber: string;
  channel: string;
  takenBy: string | null;
  declineCode: string | null;
  declineMessage: string | null;
  patientLastName: string | null;
  patientFirstName: string | null;
  patientMiddleName: string | null;
  accountNumber: string;
  guarantorFirstName: string;
  guarantorLastName: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  statementNumbers: string[];
  statementCents: number[];
};

/**
 * The layouts' transaction types: cards and wallets are CreditCard (the gateway does not tell
 * debit from credit), a bank account eCheck. Cash and checks come only from the practice's own
 * payment file, which is never sent back (ours); they are mapped for completeness.
 */
const TRANSACTION_TYPE: Record<TPostingSource["methodKind"], TPostingTransactionType> = {
  CARD: "CreditCard",
  APPLE_PAY: "CreditCard",
  GOOGLE_PAY: "CreditCard",
  ACH: "eCheck",
  CASH: "Cash",
  CHECK: "eCheck",
};

const actionOf = (source: TPostingSource): TPostingAction => {
  if (source.kind === "refund") return "Credit";
  return source.status === "RI" || source.status === "CB" ? "Return" : "AuthCapt";
};

/** A line's record: the payment (or refund), its account and the statements it paid. */
export const toPostingTransaction = (source: TPostingSource): TPostingTransaction => {
  const isDeclined = source.status === "D";
  const transactionType = TRANSACTION_TYPE[source.methodKind];
  return {
    paymentId: source.paymentId,
    transactionType,
    action: actionOf(source),
    amountCents: source.amountCents,
    cardType: transactionType === "CreditCard" ? postingCardTypeForBrand(source.brand) : null,
    transactionId: source.txId,
    authorizationNumber: source.authorizationCode,
    transactionDate: parseIsoDay(source.txDate)!,
    status: source.status,
    remittance: source.remittance satisfies TRemittance,
    patientLastName: source.patientLastName ?? source.guarantorLastName,
    patientFirstName: source.patientFirstName ?? source.guarantorFirstName,
    patientMiddleName: source.patientLastName === null ? null : source.patientMiddleName,
    accountNumber: source.accountNumber,
    address1: source.address1,
    address2: source.address2,
    city: source.city,
    state: source.state,
    zip: source.zip,
    additionalInfo: [source.receiptNumber, source.gatewayId, source.statementNumbers.join(" ")],
    user: source.takenBy,
    transactionCode: source.channel,
    guarantorId: source.accountNumber,
    guarantorFirstName: source.guarantorFirstName,
    guarantorLastName: source.guarantorLastName,
    responseCode: isDeclined ? (source.declineCode ?? "DECLINED") : "00",
    responseMessage: isDeclined ? (source.declineMessage ?? "Declined") : "Approved",
    claims: source.statementNumbers.map((statementNumber, i) => ({
      statementNumber,
      amountCents: source.statementCents[i] ?? 0,
    })),
  };
};

/** A settlement batch item's kind → the deposit file's action and status (SE for an error, ours). */
export const depositActionAndStatus = (
  kind: "SALE" | "REFUND" | "RETURN" | "CHARGEBACK" | "ERROR",
): Pick<TDepositItem, "action" | "status"> => {
  switch (kind) {
    case "SALE":
      return { action: "AuthCapt", status: "S" };
    case "REFUND":
      return { action: "Credit", status: "S" };
    case "RETURN":
      return { action: "Return", status: "RI" };
    case "CHARGEBACK":
      return { action: "Return", status: "CB" };
    case "ERROR":
      return { action: "AuthCapt", status: "SE" };
  }
};

/** A deposit's line as the database gives it: the transaction, and the deposit it was in. */
export type TDepositSource = TPostingSource & {
  traceNumber?: string;
  /** `YYYY-MM-DD`. */
  effectiveDate?: string;
  itemKind?: "SALE" | "REFUND" | "RETURN" | "CHARGEBACK" | "ERROR";
};

/** A deposit line's record: the transaction with the item's action and status, and its deposit. */
export const toDepositItem = (source: TDepositSource): TDepositItem => ({
  ...toPostingTransaction(source),
  ...depositActionAndStatus(source.itemKind ?? "SALE"),
  traceNumber: source.traceNumber ?? "",
  effectiveDate: parseIsoDay(source.effectiveDate ?? "") ?? new Date(NaN),
});
