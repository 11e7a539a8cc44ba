import { formatCompactDate, formatFileAmount, outputField } from "./fields";

/**
 * What every end-of-day posting file is written from (docs/files.md, "End-of-day posting
 * files"): one `TPostingTransaction` per line of the day, built by lib/exports/posting-rows.ts
 * from the database. The writers (IMDPA, X12 835, Lockbox A, IMPDF10) only format it.
 */

/** A approved, C captured, S settled, D declined, V voided, RI returned item, CB chargeback, SE settlement error. */
export type TPostingStatus = "A" | "C" | "S" | "D" | "V" | "RI" | "CB" | "SE";
/** Credit is a refund (its amount is still positive); Return exists from IMDPA 1.2 on. */
export type TPostingAction = "AuthCapt" | "Credit" | "Return";
export type TPostingTransactionType = "CreditCard" | "eCheck" | "DebitCard" | "Cash";
export type TPostingCardType = "VISA" | "MC" | "AMEX" | "DISCOVER" | "OTHER";

/** How a line moves money, for the files that only carry money (Lockbox A, X12 835). */
export type TRemittance =
  /** Money taken this day: the payment was captured within the business day. */
  | "in"
  /** Money given back this day: a refund, or a void, return or chargeback of an earlier capture. */
  | "back"
  /** Nothing moved (declined, only authorised, or taken and given back within the day). */
  | null;

export type TPostingTransaction = {
  /** The portal's payment (not written; the job records the posting by it). */
  paymentId: string;
  transactionType: TPostingTransactionType;
  action: TPostingAction;
  /** Whole cents, always positive: Credit and Return say which way it goes. */
  amountCents: number;
  /** Null for eCheck and cash. */
  cardType: TPostingCardType | null;
  /** 32 hexadecimal digits. */
  transactionId: string;
  authorizationNumber: string | null;
  /** The day of the transaction, in the practice's zone. */
  transactionDate: Date;
  status: TPostingStatus;
  remittance: TRemittance;
  patientLastName: string;
  patientFirstName: string;
  patientMiddleName: string | null;
  accountNumber: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  /** Additional info 1–6 (at most 100 characters each; missing ones are empty). */
  additionalInfo: readonly (string | null)[];
  /** 1.1+: who took it (a staff member's email), empty for the patient's own payment. */
  user: string | null;
  /** 1.1+: the transaction code (ours: the payment's channel, WEB, AUTOPAY, …). */
  transactionCode: string | null;
  /** 1.3+: the guarantor (ours: the account number and the account's guarantor). */
  guarantorId: string;
  guarantorFirstName: string;
  guarantorLastName: string;
  /** 1.4+: the gateway's answer. */
  responseCode: string | null;
  responseMessage: string | null;
  /** The statements the money went to (the 835's claims), amounts positive. */
  claims: readonly { statementNumber: string; amountCents: number }[];
};

/** The practice's identifiers, as its posting settings give them (empty when not set). */
export type TPostingMerchant = {
  merchantId: string;
  storeId: string;
  terminalId: string;
};

/** Additional info fields hold at most this many characters (FILES.md). */
export const ADDITIONAL_INFO_MAX = 100;

/** Our gateway's card brands → the posting files' card types. */
export const postingCardTypeForBrand = (brand: string | null | undefined): TPostingCardType => {
  switch ((brand ?? "").toLowerCase()) {
    case "visa":
      return "VISA";
    case "mastercard":
    case "mc":
      return "MC";
    case "amex":
    case "american express":
      return "AMEX";
    case "discover":
      return "DISCOVER";
    default:
      return "OTHER";
  }
};

const isTransactionId = (value: string) => /^[0-9a-f]{32}$/.test(value);

/** Throws for a record our own code should never build: the file must not carry it. */
export const checkPostingTransaction = (tx: TPostingTransaction) => {
  if (!Number.isSafeInteger(tx.amountCents) || tx.amountCents < 0) {
    throw new RangeError("amountCents must be whole, non-negative cents");
  }
  if (!isTransactionId(tx.transactionId)) throw new TypeError("transactionId must be 32 hexadecimal digits");
  if (tx.additionalInfo.length > 6) throw new TypeError("There are 6 additional info fields");
};

/** The six additional info fields, sanitised and cut to 100 characters each. */
export const additionalInfoFields = (values: readonly (string | null)[]) =>
  Array.from({ length: 6 }, (_, i) => outputField(values[i]?.slice(0, ADDITIONAL_INFO_MAX)));

/** The fields every pipe-delimited posting record shares: amount, card type, ID, auth, date. */
export const transactionCoreFields = (tx: TPostingTransaction) => [
  formatFileAmount(tx.amountCents),
  tx.cardType ?? "",
  tx.transactionId,
  outputField(tx.authorizationNumber),
  formatCompactDate(tx.transactionDate),
];

/** The patient's address as five fields: address 1, 2, city, state, ZIP. */
export const addressFields = (tx: TPostingTransaction) => [
  outputField(tx.address1),
  outputField(tx.address2),
  outputField(tx.city),
  outputField(tx.state),
  outputField(tx.zip),
];

/**
 * A posting file's writer: the text before the first record, each record's text (its lines,
 * each ending with LF), and the text after the last. Records go through one at a time, so a
 * file of any size is written without holding it.
 */
export type TPostingWriter<T = TPostingTransaction> = {
  header: () => string;
  record: (record: T) => string;
  trailer: () => string;
};

/** The whole file from a writer and its records (tests and small files). */
export function* writeAll<T>(writer: TPostingWriter<T>, records: Iterable<T>): Generator<string> {
  const header = writer.header();
  if (header) yield header;
  for (const record of records) {
    const text = writer.record(record);
    if (text) yield text;
  }
  const trailer = writer.trailer();
  if (trailer) yield trailer;
}
