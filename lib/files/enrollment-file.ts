import type { Cents } from "@/lib/money";
import { BankAccountNumber } from "./bank-account-number";
import {
  FieldReader,
  fieldError,
  hasBadCharacters,
  formatErrorFields,
  joinLines,
  parseUsDate,
  type TControlRecordResult,
  type TFieldRef,
  type TFileError,
  UNSTATED_MAX,
} from "./fields";
import { createHeaderRule, FILE } from "./header-rule";
import type { TLine } from "./read-lines";

/**
 * Autopay batch enrolment (in): an `APCH` header, then `APCD` details; acknowledged by `APCACK`
 * (docs/files.md, "Autopay batch enrolment"). Bank account numbers are secrets: a parsed detail
 * holds one only inside a `BankAccountNumber`, and no error reason or ack line ever carries a
 * field's value.
 */

export const ENROLLMENT_HEADER_ID = "APCH";
export const ENROLLMENT_DETAIL_ID = "APCD";
export const ENROLLMENT_ACK_ID = "APCACK";
/** Fields 1–34 (up to Enable autopay, the last required one) must be present; 35–36 may be left off (ours). */
export const ENROLLMENT_MIN_FIELDS = 34;
export const ENROLLMENT_MAX_FIELDS = 36;

export type TBankAccountType = "Checking" | "Savings" | "Business";

export type TEnrollmentHeader = { recordCount: number; fileDate: Date };

export type TEnrollmentDetail = {
  recordNumber: number;
  accountId: string | null;
  groupId: string | null;
  merchantStoreTerminal: string | null;
  guarantorId: string | null;
  guarantorFirstName: string | null;
  guarantorLastName: string | null;
  memberId: string;
  memberFirstName: string;
  memberLastName: string;
  memberMiddleName: string | null;
  birthDate: Date | null;
  gender: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  /** 5 or 9 digits. */
  zip: string | null;
  phone: string | null;
  email: string | null;
  accountNickname: string | null;
  holderFirstName: string | null;
  holderLastName: string;
  holderEmail: string | null;
  routingNumber: string;
  /** The secret: `bankAccount.revealForVault()` for the vault call, `bankAccount.last4` for the rest. */
  bankAccount: BankAccountNumber;
  /** Empty in the file → Checking (ours). */
  accountType: TBankAccountType;
  holderAddress1: string | null;
  holderAddress2: string | null;
  holderCity: string | null;
  holderState: string | null;
  holderZip: string | null;
  isAutopayEnabled: boolean;
  /** Empty → null: the practice's default limit applies (ours). */
  autopayLimitCents: Cents | null;
  /** Empty → INSERTUPDATE (ours). */
  status: "INSERTUPDATE";
};

/**
 * `recordNumber` is what the ack echoes: the detail's own record number (field 2) when it is
 * valid, otherwise the input line number (ours).
 */
export type TEnrollmentRowResult =
  | { ok: true; recordNumber: number; detail: TEnrollmentDetail }
  | { ok: false; recordNumber: number; errors: TFileError[] };

/** Lengths the layout does not state (ours). */
const { ID, NAME_FIRST, NAME_LAST, STREET, CITY } = UNSTATED_MAX;

const F = {
  recordId: { pos: 1, label: "Record ID" },
  recordNumber: { pos: 2, label: "Record number" },
  accountId: { pos: 3, label: "Account ID", max: ID },
  groupId: { pos: 4, label: "Group ID", max: ID },
  merchantStoreTerminal: { pos: 5, label: "Merchant-store-terminal", max: ID },
  guarantorId: { pos: 6, label: "Guarantor ID", max: ID },
  guarantorFirst: { pos: 7, label: "Guarantor first name", max: NAME_FIRST },
  guarantorLast: { pos: 8, label: "Guarantor last name", max: NAME_LAST },
  memberId: { pos: 9, label: "Member ID", max: ID },
  memberFirst: { pos: 10, label: "Member first name", max: NAME_FIRST },
  memberLast: { pos: 11, label: "Member last name", max: NAME_LAST },
  memberMiddle: { pos: 12, label: "Member middle name", max: NAME_FIRST },
  birthDate: { pos: 13, label: "Birth date" },
  gender: { pos: 14, label: "Gender", max: 10 },
  address1: { pos: 15, label: "Address 1", max: STREET },
  address2: { pos: 16, label: "Address 2", max: STREET },
  city: { pos: 17, label: "City", max: CITY },
  state: { pos: 18, label: "State" },
  zip: { pos: 19, label: "ZIP" },
  phone: { pos: 20, label: "Phone" },
  email: { pos: 21, label: "Email" },
  nickname: { pos: 22, label: "Account nickname", max: 50 },
  holderFirst: { pos: 23, label: "Account holder first name", max: NAME_FIRST },
  holderLast: { pos: 24, label: "Account holder last name", max: NAME_LAST },
  holderEmail: { pos: 25, label: "Account holder email" },
  routingNumber: { pos: 26, label: "Bank routing number" },
  accountNumber: { pos: 27, label: "Bank account number" },
  accountType: { pos: 28, label: "Account type" },
  holderAddress1: { pos: 29, label: "Account holder address 1", max: STREET },
  holderAddress2: { pos: 30, label: "Account holder address 2", max: STREET },
  holderCity: { pos: 31, label: "Account holder city", max: CITY },
  holderState: { pos: 32, label: "Account holder state" },
  holderZip: { pos: 33, label: "Account holder ZIP" },
  enableAutopay: { pos: 34, label: "Enable autopay" },
  autopayLimit: { pos: 35, label: "Autopay limit" },
  status: { pos: 36, label: "Status" },
} as const;

const H = {
  recordId: { pos: 1, label: "Header record ID" },
  recordCount: { pos: 2, label: "Header record count" },
  fileDate: { pos: 3, label: "Header file create date" },
} as const;

const RECORD: TFieldRef = { pos: 0, label: "The record" };
const HEADER: TFieldRef = { pos: 0, label: "The header" };

/**
 * The ABA routing number rule: 9 digits, a Federal Reserve prefix (00–12, 21–32, 61–72, 80),
 * and 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).
 */
export const isValidRoutingNumber = (text: string): boolean => {
  if (text.length !== 9) return false;
  const d: number[] = [];
  for (let i = 0; i < 9; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    d.push(c);
  }
  const [d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0, d8 = 0, d9 = 0] = d;
  const prefix = d1 * 10 + d2;
  const isPrefixOk =
    prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  return isPrefixOk && (3 * (d1 + d4 + d7) + 7 * (d2 + d5 + d8) + (d3 + d6 + d9)) % 10 === 0;
};

const ACCOUNT_TYPES: Record<string, TBankAccountType> = {
  checking: "Checking",
  savings: "Savings",
  business: "Business",
};

/** `APCH|<record count>|<MMDDCCYY or MM/DD/CCYY>`, exactly three fields. */
export const parseEnrollmentHeader = (text: string): TControlRecordResult<TEnrollmentHeader> => {
  const fields = text.split("|");
  if ((fields[0] ?? "").trim() !== ENROLLMENT_HEADER_ID) {
    return {
      ok: false,
      errors: [fieldError(H.recordId, "BAD_RECORD_ID", `must be ${ENROLLMENT_HEADER_ID}.`)],
    };
  }
  if (fields.length !== 3) {
    return {
      ok: false,
      errors: [fieldError(HEADER, "FIELD_COUNT", `has ${fields.length} fields; it needs 3.`)],
    };
  }
  const r = new FieldReader(fields, { checkCharacters: hasBadCharacters(text) });
  const recordCount = r.count(H.recordCount, { isRequired: true, min: 0 });
  const dateText = r.raw(H.fileDate, true);
  const fileDate = dateText === null ? null : parseUsDate(dateText);
  if (dateText !== null && !fileDate)
    r.fail(H.fileDate, "BAD_DATE", "is not a real date as MMDDCCYY or MM/DD/CCYY.");
  if (r.errors || recordCount === null || !fileDate) return { ok: false, errors: r.sortedErrors() };
  return { ok: true, value: { recordCount, fileDate } };
};

/** One `APCD` line → a detail or the reasons it was rejected. */
export const parseEnrollmentDetail = (line: TLine): TEnrollmentRowResult => {
  const { text } = line;
  const fields = text.split("|");
  const reject = (error: TFileError): TEnrollmentRowResult => ({
    ok: false,
    recordNumber: line.lineNumber,
    errors: [error],
  });
  if (line.isTruncated) return reject(fieldError(RECORD, "LINE_TOO_LONG", "is longer than a detail can be."));
  if ((fields[0] ?? "").trim() !== ENROLLMENT_DETAIL_ID) {
    return reject(fieldError(F.recordId, "BAD_RECORD_ID", `must be ${ENROLLMENT_DETAIL_ID}.`));
  }
  if (fields.length < ENROLLMENT_MIN_FIELDS || fields.length > ENROLLMENT_MAX_FIELDS) {
    return reject(
      fieldError(
        RECORD,
        "FIELD_COUNT",
        `has ${fields.length} fields; a detail has ${ENROLLMENT_MIN_FIELDS} to ${ENROLLMENT_MAX_FIELDS}.`,
      ),
    );
  }

  const r = new FieldReader(fields, { checkCharacters: hasBadCharacters(text) });
  const recordNumber = r.count(F.recordNumber, { isRequired: true, min: 1 });

  const routingText = r.raw(F.routingNumber, true);
  const routingNumber =
    routingText === null || isValidRoutingNumber(routingText)
      ? routingText
      : r.fail(F.routingNumber, "BAD_ROUTING_NUMBER", "is not a valid 9-digit ABA routing number.");

  const accountText = r.raw(F.accountNumber, true);
  const isAccountOk = accountText !== null && BankAccountNumber.parse(accountText) !== null;
  if (accountText !== null && !isAccountOk) {
    r.fail(F.accountNumber, "BAD_ACCOUNT_NUMBER", "must be 4 to 17 digits.");
  }

  const typeText = r.raw(F.accountType, false);
  const accountType =
    typeText === null
      ? "Checking"
      : (ACCOUNT_TYPES[typeText.toLowerCase()] ??
        r.fail(F.accountType, "BAD_ACCOUNT_TYPE", "must be Checking, Savings or Business."));

  const statusText = r.raw(F.status, false);
  if (statusText !== null && statusText.toUpperCase() !== "INSERTUPDATE") {
    r.fail(F.status, "BAD_STATUS", "must be INSERTUPDATE or empty.");
  }

  const detail = {
    recordNumber,
    accountId: r.text(F.accountId),
    groupId: r.text(F.groupId),
    merchantStoreTerminal: r.text(F.merchantStoreTerminal),
    guarantorId: r.text(F.guarantorId),
    guarantorFirstName: r.text(F.guarantorFirst),
    guarantorLastName: r.text(F.guarantorLast),
    memberId: r.text(F.memberId, true),
    memberFirstName: r.text(F.memberFirst, true),
    memberLastName: r.text(F.memberLast, true),
    memberMiddleName: r.text(F.memberMiddle),
    birthDate: r.date(F.birthDate),
    gender: r.text(F.gender),
    address1: r.text(F.address1),
    address2: r.text(F.address2),
    city: r.text(F.city),
    state: r.state(F.state),
    zip: r.zip5or9(F.zip),
    phone: r.phone(F.phone),
    email: r.email(F.email),
    accountNickname: r.text(F.nickname),
    holderFirstName: r.text(F.holderFirst),
    holderLastName: r.text(F.holderLast, true),
    holderEmail: r.email(F.holderEmail),
    routingNumber,
    accountType,
    holderAddress1: r.text(F.holderAddress1),
    holderAddress2: r.text(F.holderAddress2),
    holderCity: r.text(F.holderCity),
    holderState: r.state(F.holderState),
    holderZip: r.zip5or9(F.holderZip),
    isAutopayEnabled: r.flag(F.enableAutopay, true),
    autopayLimitCents: r.amount(F.autopayLimit),
    status: "INSERTUPDATE" as const,
  };
  const ackNumber = recordNumber ?? line.lineNumber;
  if (detail.autopayLimitCents === 0)
    r.fail(F.autopayLimit, "BAD_AMOUNT", "must be more than 0.00 when given.");
  if (r.errors || !accountText) return { ok: false, recordNumber: ackNumber, errors: r.sortedErrors() };
  // The secret is wrapped only for a row that is accepted.
  const bankAccount = BankAccountNumber.parse(accountText)!;
  return { ok: true, recordNumber: ackNumber, detail: { ...detail, bankAccount } as TEnrollmentDetail };
};

export type TEnrollmentFile = {
  header: TEnrollmentHeader | null;
  /** One per non-blank line after the header, in order. */
  rows: { lineNumber: number; result: TEnrollmentRowResult }[];
  /** Errors about the file as a whole; any of them rejects every row. */
  fileErrors: TFileError[];
  isRejected: boolean;
};

const fileRejected = (): TFileError =>
  fieldError(FILE, "FILE_REJECTED", "was rejected as a whole (see the header line of this acknowledgement).");

/**
 * A detail of a rejected file: rejected with its own errors (if any) and FILE_REJECTED. An
 * accepted detail's values (and the secret in them) are dropped.
 */
export const rejectedWithFile = (result: TEnrollmentRowResult): TEnrollmentRowResult => ({
  ok: false,
  recordNumber: result.recordNumber,
  errors: [...(result.ok ? [] : result.errors), fileRejected()],
});

export type TEnrollmentFileCheck = {
  /** The next non-blank line: the header (a second header is a file error), or a detail. */
  next: (line: TLine) => "header" | "detail";
  /** After the last line: the header and the file errors (any of them rejects the file). */
  finish: () => { header: TEnrollmentHeader | null; detailCount: number; fileErrors: TFileError[] };
};

/**
 * The file-level rules of an enrolment file, one line at a time, holding no rows: the first
 * non-blank line must be the header; every later non-blank line counts as a detail. A missing,
 * bad or second header, or a header count that differs from the number of details, rejects the
 * file (ours: a short or padded file is a damaged transfer). An importer runs it over the whole
 * file before enrolling anything, then reads the file again row by row.
 */
export const createEnrollmentFileCheck = (): TEnrollmentFileCheck => {
  const fileErrors: TFileError[] = [];
  const rule = createHeaderRule({
    headerId: ENROLLMENT_HEADER_ID,
    parseHeader: parseEnrollmentHeader,
    fileErrors,
  });
  let detailCount = 0;
  return {
    next: (line) => {
      if (rule.isHeader(line)) return "header";
      detailCount++;
      return "detail";
    },
    finish: () => ({
      header: rule.header(),
      detailCount,
      fileErrors: [
        ...fileErrors,
        ...(rule.isEmpty() ? [rule.emptyError()] : []),
        ...rule.countErrors(detailCount),
      ],
    }),
  };
};

/**
 * Reads a whole enrolment file (`createEnrollmentFileCheck`'s rules). In a rejected file, no
 * detail is enrolled, and every row is acknowledged R with FILE_REJECTED. Holds the rows in
 * memory: for tests and small files (the importer streams with the check instead).
 */
export const parseEnrollmentFile = async (
  lines: AsyncIterable<TLine> | Iterable<TLine>,
): Promise<TEnrollmentFile> => {
  const check = createEnrollmentFileCheck();
  const rows: TEnrollmentFile["rows"] = [];
  for await (const line of lines) {
    if (check.next(line) === "detail") {
      rows.push({ lineNumber: line.lineNumber, result: parseEnrollmentDetail(line) });
    }
  }
  const { header, fileErrors } = check.finish();
  const isRejected = fileErrors.length > 0;
  if (isRejected) for (const row of rows) row.result = rejectedWithFile(row.result);
  return { header, rows, fileErrors, isRejected };
};

/** `APCACK|<record number>|A or R[|<field>|<code>|<reason>]…`, without its line end. */
export const formatEnrollmentAckLine = (
  result: { ok: boolean; recordNumber: number; errors?: readonly TFileError[] },
  extraErrors: readonly TFileError[] = [],
): string => {
  const errors = [...(result.ok ? [] : (result.errors ?? [])), ...extraErrors];
  const isAccepted = result.ok && errors.length === 0;
  return `${ENROLLMENT_ACK_ID}|${result.recordNumber}|${isAccepted ? "A" : "R"}${formatErrorFields(errors)}`;
};

/**
 * The ack file: a line with record number 0 carrying the file errors when there are any
 * (ours), then one line per detail in input order; LF after every line. `extraErrors` are the
 * importer's own rejections (e.g. the gateway refused to vault the account), by line number.
 */
export const writeEnrollmentAck = (
  file: Pick<TEnrollmentFile, "rows" | "fileErrors">,
  extraErrors: ReadonlyMap<number, readonly TFileError[]> = new Map(),
): string => {
  const lines: string[] = [];
  if (file.fileErrors.length > 0) {
    lines.push(formatEnrollmentAckLine({ ok: false, recordNumber: 0, errors: file.fileErrors }));
  }
  for (const row of file.rows) {
    lines.push(formatEnrollmentAckLine(row.result, extraErrors.get(row.lineNumber)));
  }
  return joinLines(lines);
};
