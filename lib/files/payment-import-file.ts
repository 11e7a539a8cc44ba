import type { Cents } from "@/lib/money";
import { digitCount, FULL_NUMBER_MIN_DIGITS, hasLongDigitRun, lastDigitsOf } from "./card-number";
import { isValidRoutingNumber, type TBankAccountType } from "./enrollment-file";
import {
  echoField,
  FieldReader,
  fieldError,
  formatErrorFields,
  hasBadCharacters,
  joinLines,
  outputField,
  type TFieldRef,
  type TFileError,
  type TTextField,
  UNSTATED_MAX,
} from "./fields";
import type { TLine } from "./read-lines";

/**
 * The payment transaction import (in), record `IMPTI10`, acknowledged by `IMIA10`
 * (docs/files.md, "Payment transaction import"): payments taken elsewhere (cash at the desk, a
 * check, a card on another terminal) for the portal's ledger. Pure. A card or check may be named
 * only by its last 4 digits: a full number is rejected, and neither the rejection's reason nor
 * the acknowledgement nor the parsed record ever carries it.
 */

export const PAYMENT_IMPORT_RECORD_ID = "IMPTI10";
export const PAYMENT_IMPORT_ACK_ID = "IMIA10";
/** Fields 1–30 (up to the patient account number, the last required one); 31–38 may be left off (ours). */
export const PAYMENT_IMPORT_MIN_FIELDS = 30;
/** The published 37 fields, and field 38 (ours): the statement to apply the payment to. */
export const PAYMENT_IMPORT_MAX_FIELDS = 38;

export type TPaymentImportType = "CreditCard" | "eCheck" | "Cash" | "Check";
export type TPaymentImportCardType = "VISA" | "MC" | "AMEX" | "DISCOVER" | "OTHER";

export type TPaymentImportRecord = {
  merchantId: string | null;
  storeId: string | null;
  terminalId: string | null;
  type: TPaymentImportType;
  /** Only AuthCapt is recorded; a Credit row is rejected (ours). */
  action: "AuthCapt";
  transactionDate: Date;
  amountCents: Cents;
  cardType: TPaymentImportCardType | null;
  checkAccountType: TBankAccountType | null;
  /** The last 4 digits of the card or bank account, or the check number's (1–4 digits for a Check). */
  last4: string | null;
  cardExpiry: { month: number; year: number } | null;
  routingNumber: string | null;
  authorizationNumber: string | null;
  isSwiped: boolean | null;
  holderName: string | null;
  holderAddress1: string | null;
  holderAddress2: string | null;
  holderCity: string | null;
  holderState: string | null;
  holderZip: string | null;
  holderCountry: string | null;
  holderPhone: string | null;
  holderEmail: string | null;
  patientLastName: string | null;
  patientFirstName: string | null;
  patientMiddleName: string | null;
  /** Field 30: the account number within the practice, as the balance file made it. */
  accountNumber: string;
  patientAddress1: string | null;
  patientAddress2: string | null;
  patientCity: string | null;
  patientState: string | null;
  patientZip: string | null;
  patientCountry: string | null;
  patientPhone: string | null;
  /** Field 38 (ours): apply the whole payment to this statement instead of oldest first. */
  statementNumber: string | null;
};

/** `requestType` is what the ack echoes as the request type: the row's record ID, made safe. */
export type TPaymentImportRowResult =
  | { ok: true; record: TPaymentImportRecord; requestType: string }
  | { ok: false; errors: TFileError[]; requestType: string };

const { ID, NAME_FIRST, NAME_LAST, STREET, CITY } = UNSTATED_MAX;
/** Lengths the layout does not state (ours). */
const AUTHORIZATION = 20;
const HOLDER_NAME = 80;
const COUNTRY = 3;

const F = {
  recordId: { pos: 1, label: "Record ID" },
  merchantId: { pos: 2, label: "Merchant ID", max: ID },
  storeId: { pos: 3, label: "Store ID", max: ID },
  terminalId: { pos: 4, label: "Terminal ID", max: ID },
  type: { pos: 5, label: "Transaction type" },
  action: { pos: 6, label: "Action" },
  transactionDate: { pos: 7, label: "Transaction date" },
  amount: { pos: 8, label: "Amount" },
  cardType: { pos: 9, label: "Card type" },
  checkAccountType: { pos: 10, label: "Check account type" },
  number: { pos: 11, label: "Card or check number" },
  cardExpiry: { pos: 12, label: "Card expiry" },
  routingNumber: { pos: 13, label: "Check routing number" },
  authorization: { pos: 14, label: "Authorization number", max: AUTHORIZATION },
  swiped: { pos: 15, label: "Swiped" },
  holderName: { pos: 16, label: "Holder name", max: HOLDER_NAME },
  // 17–18: reserved, ignored whatever they hold (ours).
  holderAddress1: { pos: 19, label: "Holder address 1", max: STREET },
  holderAddress2: { pos: 20, label: "Holder address 2", max: STREET },
  holderCity: { pos: 21, label: "Holder city", max: CITY },
  holderState: { pos: 22, label: "Holder state" },
  holderZip: { pos: 23, label: "Holder ZIP" },
  holderCountry: { pos: 24, label: "Holder country", max: COUNTRY },
  holderPhone: { pos: 25, label: "Holder phone" },
  holderEmail: { pos: 26, label: "Holder email" },
  patientLast: { pos: 27, label: "Patient last name", max: NAME_LAST },
  patientFirst: { pos: 28, label: "Patient first name", max: NAME_FIRST },
  patientMiddle: { pos: 29, label: "Patient middle name", max: NAME_FIRST },
  accountNumber: { pos: 30, label: "Patient account number", max: ID },
  patientAddress1: { pos: 31, label: "Patient address 1", max: STREET },
  patientAddress2: { pos: 32, label: "Patient address 2", max: STREET },
  patientCity: { pos: 33, label: "Patient city", max: CITY },
  patientState: { pos: 34, label: "Patient state" },
  patientZip: { pos: 35, label: "Patient ZIP" },
  patientCountry: { pos: 36, label: "Patient country", max: COUNTRY },
  patientPhone: { pos: 37, label: "Patient phone" },
  statementNumber: { pos: 38, label: "Statement number", max: 80, min: 2 },
} as const;

const RECORD: TFieldRef = { pos: 0, label: "The record" };

/** The published spellings, matched in any case (ours). */
const TYPES: Record<string, TPaymentImportType> = {
  creditcard: "CreditCard",
  echeck: "eCheck",
  cash: "Cash",
  check: "Check",
};

const CARD_TYPES: Record<string, TPaymentImportCardType> = {
  visa: "VISA",
  mc: "MC",
  amex: "AMEX",
  discover: "DISCOVER",
  other: "OTHER",
};

const ACCOUNT_TYPES: Record<string, TBankAccountType> = {
  checking: "Checking",
  savings: "Savings",
  business: "Business",
};

/** Why a full number is refused; like every reason, it never quotes the value. */
const FULL_NUMBER_RULE =
  "holds a full card or account number. Send only the last 4 digits: the portal never records a full number, and this row was not recorded.";

/**
 * The request type the ack echoes (ours): the row's record ID cut to 20 characters and made
 * safe, or nothing when that field holds a long run of digits (a card number where the record
 * ID should be must not come back in the acknowledgement).
 */
const requestTypeOf = (first: string | undefined) =>
  hasLongDigitRun(first ?? "") ? "" : echoField(first, 20);

/** A free-text field the portal keeps: refused when it holds a long run of digits. */
const keptText = (r: FieldReader, f: TTextField): string | null => {
  const text = r.text(f);
  return text !== null && hasLongDigitRun(text) ? r.fail(f, "FULL_CARD_NUMBER", FULL_NUMBER_RULE) : text;
};

/**
 * Field 11: the last 4 only; 12 digits or more anywhere in it is a full number, refused whatever
 * the type. A Cash row's field 11 is otherwise ignored (ours). Nothing else it holds is kept or
 * quoted.
 */
const last4Of = (r: FieldReader, type: TPaymentImportType | null): string | null => {
  const text = r.raw(F.number, false);
  if (text === null) return null;
  if (digitCount(text) >= FULL_NUMBER_MIN_DIGITS)
    return r.fail(F.number, "FULL_CARD_NUMBER", FULL_NUMBER_RULE);
  if (type === "Cash") return null;
  const digits = lastDigitsOf(text, type === "Check" ? 1 : 4);
  if (digits !== null) return digits;
  return r.fail(
    F.number,
    "BAD_LAST4",
    type === "Check"
      ? "must be the check number's last 1 to 4 digits."
      : "must be the last 4 digits, alone or after a mask such as ************.",
  );
};

/** `MMCCYY`: a month 01–12 and a four-digit year from 2000. */
const expiryOf = (r: FieldReader): { month: number; year: number } | null => {
  const text = r.raw(F.cardExpiry, false);
  if (text === null) return null;
  const month = Number(text.slice(0, 2));
  const year = Number(text.slice(2));
  const isOk =
    text.length === 6 && /^\d{6}$/.test(text) && month >= 1 && month <= 12 && year >= 2000 && year <= 2099;
  return isOk ? { month, year } : r.fail(F.cardExpiry, "BAD_EXPIRY", "must be MMCCYY, e.g. 092027.");
};

/** One line of a payment import → a record or the reasons it was rejected. */
export const parsePaymentImportRow = (
  line: string | Pick<TLine, "text" | "isTruncated">,
): TPaymentImportRowResult => {
  const text = typeof line === "string" ? line : line.text;
  const fields = text.split("|");
  const requestType = requestTypeOf(fields[0]);
  const reject = (error: TFileError): TPaymentImportRowResult => ({
    ok: false,
    requestType,
    errors: [error],
  });
  if (typeof line !== "string" && line.isTruncated) {
    return reject(fieldError(RECORD, "LINE_TOO_LONG", "is longer than a payment row can be."));
  }
  if ((fields[0] ?? "").trim() !== PAYMENT_IMPORT_RECORD_ID) {
    return reject(fieldError(F.recordId, "BAD_RECORD_ID", `must be ${PAYMENT_IMPORT_RECORD_ID}.`));
  }
  if (fields.length < PAYMENT_IMPORT_MIN_FIELDS || fields.length > PAYMENT_IMPORT_MAX_FIELDS) {
    return reject(
      fieldError(
        RECORD,
        "FIELD_COUNT",
        `has ${fields.length} fields; a payment row has ${PAYMENT_IMPORT_MIN_FIELDS} to ${PAYMENT_IMPORT_MAX_FIELDS}.`,
      ),
    );
  }

  const r = new FieldReader(fields, { checkCharacters: hasBadCharacters(text) });
  const typeText = r.raw(F.type, true);
  const type =
    typeText === null
      ? null
      : (TYPES[typeText.toLowerCase()] ??
        r.fail(F.type, "BAD_TYPE", "must be CreditCard, eCheck, Cash or Check."));

  const actionText = r.raw(F.action, true);
  const actionKey = actionText?.toLowerCase();
  if (actionKey === "credit") {
    r.fail(
      F.action,
      "UNSUPPORTED_ACTION",
      "is Credit: the portal does not record refunds given outside it. Record the refund in the practice's system; its next balance file brings the new balance.",
    );
  } else if (actionText !== null && actionKey !== "authcapt") {
    r.fail(F.action, "BAD_ACTION", "must be AuthCapt or Credit.");
  }

  const amountCents = r.amount(F.amount, true);
  if (amountCents === 0) r.fail(F.amount, "BAD_AMOUNT", "must be more than 0.00.");

  const cardTypeText = r.raw(F.cardType, false);
  const cardType =
    cardTypeText === null
      ? null
      : (CARD_TYPES[cardTypeText.toLowerCase()] ??
        r.fail(F.cardType, "BAD_CARD_TYPE", "must be VISA, MC, AMEX, DISCOVER or OTHER."));

  const accountTypeText = r.raw(F.checkAccountType, false);
  const checkAccountType =
    accountTypeText === null
      ? null
      : (ACCOUNT_TYPES[accountTypeText.toLowerCase()] ??
        r.fail(F.checkAccountType, "BAD_ACCOUNT_TYPE", "must be Checking, Savings or Business."));

  const routingText = r.raw(F.routingNumber, false);
  const routingNumber =
    routingText === null || isValidRoutingNumber(routingText)
      ? routingText
      : r.fail(F.routingNumber, "BAD_ROUTING_NUMBER", "is not a valid 9-digit ABA routing number.");

  const record = {
    merchantId: r.text(F.merchantId),
    storeId: r.text(F.storeId),
    terminalId: r.text(F.terminalId),
    type,
    action: "AuthCapt" as const,
    transactionDate: r.date(F.transactionDate, true),
    amountCents,
    cardType,
    checkAccountType,
    last4: last4Of(r, type),
    cardExpiry: expiryOf(r),
    routingNumber,
    authorizationNumber: keptText(r, F.authorization),
    isSwiped: r.flag(F.swiped, false),
    holderName: keptText(r, F.holderName),
    holderAddress1: r.text(F.holderAddress1),
    holderAddress2: r.text(F.holderAddress2),
    holderCity: r.text(F.holderCity),
    holderState: r.state(F.holderState),
    holderZip: r.zip5or9(F.holderZip),
    holderCountry: r.text(F.holderCountry),
    holderPhone: r.phone(F.holderPhone),
    holderEmail: r.email(F.holderEmail),
    patientLastName: r.text(F.patientLast),
    patientFirstName: r.text(F.patientFirst),
    patientMiddleName: r.text(F.patientMiddle),
    accountNumber: r.text(F.accountNumber, true),
    patientAddress1: r.text(F.patientAddress1),
    patientAddress2: r.text(F.patientAddress2),
    patientCity: r.text(F.patientCity),
    patientState: r.state(F.patientState),
    patientZip: r.zip5or9(F.patientZip),
    patientCountry: r.text(F.patientCountry),
    patientPhone: r.phone(F.patientPhone),
    statementNumber: r.text(F.statementNumber),
  };
  if (r.errors) return { ok: false, requestType, errors: r.sortedErrors() };
  // No errors means every required reader returned a value.
  return { ok: true, requestType: PAYMENT_IMPORT_RECORD_ID, record: record as TPaymentImportRecord };
};

/** Each non-blank line of a payment import with its result, in order, one at a time. */
export async function* parsePaymentImportLines(
  lines: AsyncIterable<TLine> | Iterable<TLine>,
): AsyncGenerator<{ lineNumber: number; result: TPaymentImportRowResult }> {
  for await (const line of lines) {
    yield { lineNumber: line.lineNumber, result: parsePaymentImportRow(line) };
  }
}

/**
 * `IMIA10|<record number>|<request type>|A or R[|<field>|<code>|<reason>]…`, without its line
 * end. The record number is the input's line number (ours). `extraErrors` are the importer's
 * (an unknown account, more than is owed, …); they make the row R.
 */
export const formatPaymentImportAckLine = ({
  lineNumber,
  result,
  extraErrors = [],
}: {
  lineNumber: number;
  result: { ok: boolean; requestType: string; errors?: readonly TFileError[] };
  extraErrors?: readonly TFileError[];
}): string => {
  const errors = [...(result.ok ? [] : (result.errors ?? [])), ...extraErrors];
  const isAccepted = result.ok && errors.length === 0;
  return (
    `${PAYMENT_IMPORT_ACK_ID}|${lineNumber}|${outputField(result.requestType)}|${isAccepted ? "A" : "R"}` +
    formatErrorFields(errors)
  );
};

/** The whole ack file, one line per non-blank input line; LF after every line. */
export const writePaymentImportAck = (
  entries: Iterable<Parameters<typeof formatPaymentImportAckLine>[0]>,
): string => {
  const lines: string[] = [];
  for (const entry of entries) lines.push(formatPaymentImportAckLine(entry));
  return joinLines(lines);
};
