import type { TBankAccountType } from "./enrollment-file";
import { formatCompactDate, formatFileAmount, joinLines, outputField } from "./fields";

/**
 * The autopay sign-up file (out, daily, full or delta), record `IMPSPO` v1.1 (docs/files.md):
 * 21 fields, 19–21 reserved and empty. Choosing which rows go in (full or delta) is the job's
 * work; this module only writes them.
 */

export const SIGNUP_RECORD_ID = "IMPSPO";

export type TSignupCardType = "Visa" | "MC" | "Discover" | "AmEx";

export type TSignupRow = {
  memberId: string;
  clientId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  dob: Date | null;
  email: string | null;
  payerId: string | null;
  isEnrolled: boolean;
  /** The autopay method's kind; null when no method is on file (a row that is Not Enrolled). */
  paymentType: "eCheck" | "CC" | null;
  /** For `CC` only. */
  cardType: TSignupCardType | null;
  /** For `eCheck` only. */
  bankAccountType: TBankAccountType | null;
  cardLast4: string | null;
  bankLast4: string | null;
  /** The day the enrolment status last changed. */
  statusDate: Date;
  /** The next day autopay will draft, if any. */
  draftDate: Date | null;
  autopayLimitCents: number | null;
};

/** Our gateway's card brands → the file's card types; null for a brand the layout has no code for. */
export const signupCardTypeForBrand = (brand: string | null | undefined): TSignupCardType | null => {
  switch ((brand ?? "").toLowerCase()) {
    case "visa":
      return "Visa";
    case "mastercard":
    case "mc":
      return "MC";
    case "discover":
      return "Discover";
    case "amex":
    case "american express":
      return "AmEx";
    default:
      return null;
  }
};

/** Prisma's `BankAccountType` (CHECKING…) → the file's spelling. */
export const signupBankAccountType = (type: "CHECKING" | "SAVINGS" | "BUSINESS"): TBankAccountType =>
  type === "CHECKING" ? "Checking" : type === "SAVINGS" ? "Savings" : "Business";

const isLast4 = (value: string) => /^\d{4}$/.test(value);

/**
 * One `IMPSPO` line, without its line end. Throws a TypeError for a row our own code should
 * never build (a card type on an eCheck, a last 4 that is not 4 digits): the file must not
 * carry it, and the job should fail loudly rather than send it.
 */
export const formatSignupLine = (row: TSignupRow): string => {
  if (row.cardLast4 !== null && !isLast4(row.cardLast4)) throw new TypeError("cardLast4 must be 4 digits");
  if (row.bankLast4 !== null && !isLast4(row.bankLast4)) throw new TypeError("bankLast4 must be 4 digits");
  if (row.paymentType !== "CC" && (row.cardType !== null || row.cardLast4 !== null)) {
    throw new TypeError("Card fields are for paymentType CC only");
  }
  if (row.paymentType !== "eCheck" && (row.bankAccountType !== null || row.bankLast4 !== null)) {
    throw new TypeError("Bank fields are for paymentType eCheck only");
  }
  const fields = [
    SIGNUP_RECORD_ID,
    outputField(row.memberId),
    outputField(row.clientId),
    outputField(row.lastName),
    outputField(row.firstName),
    outputField(row.middleName),
    row.dob ? formatCompactDate(row.dob) : "",
    outputField(row.email),
    outputField(row.payerId),
    row.isEnrolled ? "Enrolled" : "Not Enrolled",
    row.paymentType ?? "",
    row.cardType ?? "",
    row.bankAccountType ?? "",
    row.cardLast4 ?? "",
    row.bankLast4 ?? "",
    formatCompactDate(row.statusDate),
    row.draftDate ? formatCompactDate(row.draftDate) : "",
    row.autopayLimitCents === null ? "" : formatFileAmount(row.autopayLimitCents),
    "", // 19 reserved
    "", // 20 reserved
    "", // 21 reserved
  ];
  return fields.join("|");
};

/** The whole file: LF after every line; no header or trailer (the layout has none). */
export const writeSignupFile = (rows: Iterable<TSignupRow>): string => {
  const lines: string[] = [];
  for (const row of rows) lines.push(formatSignupLine(row));
  return joinLines(lines);
};
