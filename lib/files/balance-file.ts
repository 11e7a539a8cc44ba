import type { Cents } from "@/lib/money";
import {
  echoField,
  FieldReader,
  fieldError,
  hasBadCharacters,
  type TFileError,
  UNSTATED_MAX,
} from "./fields";
import { parsePmsFileName } from "./file-names";
import type { TLine } from "./read-lines";

/**
 * The balance file (in), record `IMPSCIF` (docs/files.md, "Balance file"): one row → one
 * statement to create or update. Pure: whether the client ID is known is the importer's check
 * (UNKNOWN_CLIENT); this module only exposes it.
 */

export const BALANCE_RECORD_ID = "IMPSCIF";
/** Fields 1–23 (up to Status, the last required one) must be present; 24–48 may be left off (ours). */
export const BALANCE_MIN_FIELDS = 23;
export const BALANCE_MAX_FIELDS = 48;

export type TBalanceRecord = {
  patientId: string;
  patientFirstName: string | null;
  patientMiddleName: string | null;
  patientLastName: string | null;
  patientDob: Date | null;
  patientPhone: string | null;
  /** Field 8, the invoice number: our statement number (required, ours). */
  statementNumber: string;
  amountDueCents: Cents;
  invoiceDate: Date;
  clientId: string;
  providerId: string | null;
  providerName: string | null;
  providerStreet1: string | null;
  providerStreet2: string | null;
  providerCity: string | null;
  providerState: string | null;
  providerZip: string | null;
  dynamicField1: string | null;
  dynamicField2: string | null;
  dynamicField3: string | null;
  dynamicField4: string | null;
  status: string;
  /** Status `S`: the statement has a summary only, no line items. */
  isSummaryOnly: boolean;
  statusDescription: string | null;
  patientEmail: string | null;
  recipientFirstName: string | null;
  recipientMiddleName: string | null;
  recipientLastName: string | null;
  recipientStreet1: string | null;
  recipientStreet2: string | null;
  recipientCity: string | null;
  recipientState: string | null;
  recipientZip: string | null;
  recipientZip4: string | null;
  guarantorId: string | null;
  guarantorFirstName: string | null;
  guarantorLastName: string | null;
  masterPatientAccountId: string | null;
  totalChargeCents: Cents | null;
  payerPaidCents: Cents | null;
  payerAdjustmentCents: Cents | null;
  patientPaidCents: Cents | null;
  previousBalanceCents: Cents | null;
  statementReference: string | null;
};

/** What the acknowledgement echoes back for a row, accepted or not (sanitised, clipped). */
export type TBalanceAckEcho = { requestType: string; memberId: string; groupId: string };

export type TBalanceRowResult =
  | { ok: true; record: TBalanceRecord; echo: TBalanceAckEcho }
  | { ok: false; errors: TFileError[]; echo: TBalanceAckEcho };

/** Lengths not stated by the layout (ours). */
const { ID, NAME_FIRST, NAME_LAST, STREET, CITY } = UNSTATED_MAX;
const DYNAMIC = 100;
const STATUS = 10;
const STATUS_DESCRIPTION = 100;

const F = {
  recordId: { pos: 1, label: "Record ID" },
  patientId: { pos: 2, label: "Patient ID", max: 80, min: 2 },
  patientFirst: { pos: 3, label: "Patient first name", max: NAME_FIRST },
  patientMiddle: { pos: 4, label: "Patient middle name", max: NAME_FIRST },
  patientLast: { pos: 5, label: "Patient last name", max: NAME_LAST },
  patientDob: { pos: 6, label: "Patient date of birth" },
  patientPhone: { pos: 7, label: "Patient phone" },
  invoiceNumber: { pos: 8, label: "Invoice number", max: 80, min: 2 },
  amountDue: { pos: 9, label: "Amount due" },
  invoiceDate: { pos: 10, label: "Invoice date" },
  clientId: { pos: 11, label: "Client ID", max: ID },
  providerId: { pos: 12, label: "Provider ID", max: ID },
  providerName: { pos: 13, label: "Provider name", max: NAME_LAST },
  providerStreet1: { pos: 14, label: "Provider street 1", max: STREET },
  providerStreet2: { pos: 15, label: "Provider street 2", max: STREET },
  providerCity: { pos: 16, label: "Provider city", max: CITY },
  providerState: { pos: 17, label: "Provider state" },
  providerZip: { pos: 18, label: "Provider ZIP" },
  dynamic1: { pos: 19, label: "Dynamic field 1", max: DYNAMIC },
  dynamic2: { pos: 20, label: "Dynamic field 2", max: DYNAMIC },
  dynamic3: { pos: 21, label: "Dynamic field 3", max: DYNAMIC },
  dynamic4: { pos: 22, label: "Dynamic field 4", max: DYNAMIC },
  status: { pos: 23, label: "Status", max: STATUS },
  statusDescription: { pos: 24, label: "Status description", max: STATUS_DESCRIPTION },
  // 25–27: PDF start page, end page, file name: unused and not read (ours).
  patientEmail: { pos: 28, label: "Patient email" },
  recipientFirst: { pos: 29, label: "Recipient first name", max: NAME_FIRST },
  recipientMiddle: { pos: 30, label: "Recipient middle name", max: NAME_FIRST },
  recipientLast: { pos: 31, label: "Recipient last name", max: NAME_LAST },
  recipientStreet1: { pos: 32, label: "Recipient street 1", max: STREET },
  recipientStreet2: { pos: 33, label: "Recipient street 2", max: STREET },
  recipientCity: { pos: 34, label: "Recipient city", max: CITY },
  recipientState: { pos: 35, label: "Recipient state" },
  recipientZip: { pos: 36, label: "Recipient ZIP" },
  recipientZip4: { pos: 37, label: "Recipient ZIP+4" },
  guarantorId: { pos: 38, label: "Guarantor ID", max: ID },
  guarantorFirst: { pos: 39, label: "Guarantor first name", max: NAME_FIRST },
  guarantorLast: { pos: 40, label: "Guarantor last name", max: NAME_LAST },
  masterPatientAccountId: { pos: 41, label: "Master patient account ID", max: ID },
  totalCharge: { pos: 42, label: "Total charge" },
  // 43: reserved (ours: empty); ignored on input.
  payerPaid: { pos: 44, label: "Payer paid" },
  payerAdjustment: { pos: 45, label: "Payer adjustment" },
  patientPaid: { pos: 46, label: "Patient paid" },
  previousBalance: { pos: 47, label: "Previous balance" },
  statementReference: { pos: 48, label: "Statement reference number", max: 36 },
} as const;

const RECORD = { pos: 0, label: "The record" } as const;

const echoOf = (fields: readonly string[]): TBalanceAckEcho => {
  const clientId = echoField(fields[F.clientId.pos - 1], ID);
  return {
    requestType: echoField(fields[0], 20),
    memberId: echoField(fields[F.patientId.pos - 1], ID),
    // Group ID: the client ID, or the provider ID when the row has no client ID (ours).
    groupId: clientId || echoField(fields[F.providerId.pos - 1], ID),
  };
};

/**
 * One line of a balance file → a typed record or the reasons it was rejected. A wrong record
 * ID, field count or over-long line is reported alone (the other fields cannot be trusted);
 * otherwise every bad field is reported.
 */
export const parseBalanceRow = (line: string | Pick<TLine, "text" | "isTruncated">): TBalanceRowResult => {
  const text = typeof line === "string" ? line : line.text;
  const fields = text.split("|");
  // The echo of a rejected row is built from its raw fields, sanitised; an accepted row's from its values.
  const echo = () => echoOf(fields);
  if (typeof line !== "string" && line.isTruncated) {
    return {
      ok: false,
      echo: echo(),
      errors: [fieldError(RECORD, "LINE_TOO_LONG", "is longer than a balance row can be.")],
    };
  }
  if ((fields[0] ?? "").trim() !== BALANCE_RECORD_ID) {
    return {
      ok: false,
      echo: echo(),
      errors: [fieldError(F.recordId, "BAD_RECORD_ID", `must be ${BALANCE_RECORD_ID}.`)],
    };
  }
  if (fields.length < BALANCE_MIN_FIELDS || fields.length > BALANCE_MAX_FIELDS) {
    return {
      ok: false,
      echo: echo(),
      errors: [
        fieldError(
          RECORD,
          "FIELD_COUNT",
          `has ${fields.length} fields; a balance row has ${BALANCE_MIN_FIELDS} to ${BALANCE_MAX_FIELDS}.`,
        ),
      ],
    };
  }

  const read = readBalanceFields(fields, { checkCharacters: hasBadCharacters(text) });
  return read.ok
    ? { ok: true, echo: read.echo, record: read.record }
    : { ok: false, echo: echo(), errors: read.errors };
};

/**
 * The field rules of a balance row, on fields already split (field n at index n − 1; the record
 * ID is not checked here): the typed record, or every bad field's error. parseBalanceRow runs it
 * on each line of a file; the REST API's statement upsert (lib/api/statements.ts) on the fields
 * of a JSON body, so both refuse the same values with the same reasons.
 */
export const readBalanceFields = (
  fields: readonly string[],
  { checkCharacters }: { checkCharacters: boolean },
): { ok: true; record: TBalanceRecord; echo: TBalanceAckEcho } | { ok: false; errors: TFileError[] } => {
  const r = new FieldReader(fields, { checkCharacters });
  const patientId = r.text(F.patientId, true);
  const statementNumber = r.text(F.invoiceNumber, true);
  const amountDueCents = r.amount(F.amountDue, true);
  const invoiceDate = r.date(F.invoiceDate, true);
  const clientId = r.text(F.clientId, true);
  const status = r.text(F.status, true);
  const record = {
    patientId,
    patientFirstName: r.text(F.patientFirst),
    patientMiddleName: r.text(F.patientMiddle),
    patientLastName: r.text(F.patientLast),
    patientDob: r.date(F.patientDob),
    patientPhone: r.phone(F.patientPhone),
    statementNumber,
    amountDueCents,
    invoiceDate,
    clientId,
    providerId: r.text(F.providerId),
    providerName: r.text(F.providerName),
    providerStreet1: r.text(F.providerStreet1),
    providerStreet2: r.text(F.providerStreet2),
    providerCity: r.text(F.providerCity),
    providerState: r.state(F.providerState),
    providerZip: r.digits(F.providerZip, 5, "BAD_ZIP"),
    dynamicField1: r.text(F.dynamic1),
    dynamicField2: r.text(F.dynamic2),
    dynamicField3: r.text(F.dynamic3),
    dynamicField4: r.text(F.dynamic4),
    status,
    isSummaryOnly: status === "S",
    statusDescription: r.text(F.statusDescription),
    patientEmail: r.email(F.patientEmail),
    recipientFirstName: r.text(F.recipientFirst),
    recipientMiddleName: r.text(F.recipientMiddle),
    recipientLastName: r.text(F.recipientLast),
    recipientStreet1: r.text(F.recipientStreet1),
    recipientStreet2: r.text(F.recipientStreet2),
    recipientCity: r.text(F.recipientCity),
    recipientState: r.state(F.recipientState),
    recipientZip: r.digits(F.recipientZip, 5, "BAD_ZIP"),
    recipientZip4: r.digits(F.recipientZip4, 4, "BAD_ZIP"),
    guarantorId: r.text(F.guarantorId),
    guarantorFirstName: r.text(F.guarantorFirst),
    guarantorLastName: r.text(F.guarantorLast),
    masterPatientAccountId: r.text(F.masterPatientAccountId),
    totalChargeCents: r.amount(F.totalCharge),
    payerPaidCents: r.amount(F.payerPaid),
    payerAdjustmentCents: r.amount(F.payerAdjustment),
    patientPaidCents: r.amount(F.patientPaid),
    previousBalanceCents: r.amount(F.previousBalance),
    statementReference: r.text(F.statementReference),
  };
  if (r.errors) return { ok: false, errors: r.sortedErrors() };
  // No errors means every required reader returned a value.
  return {
    ok: true,
    echo: { requestType: BALANCE_RECORD_ID, memberId: patientId!, groupId: clientId! },
    record: record as TBalanceRecord,
  };
};

/** Each non-blank line of a balance file with its result, in order, one at a time. */
export async function* parseBalanceLines(
  lines: AsyncIterable<TLine> | Iterable<TLine>,
): AsyncGenerator<{ lineNumber: number; result: TBalanceRowResult }> {
  for await (const line of lines) yield { lineNumber: line.lineNumber, result: parseBalanceRow(line) };
}

export type TBalanceFileName = { clientId: string; fileDate: Date; uniqueId: string };

export type TBalanceFileNameResult =
  ({ ok: true } & TBalanceFileName) | { ok: false; code: "BAD_FILE_NAME"; reason: string };

/**
 * `PS_<ClientID>_<YYYYMMDD>_<UniqueID>.txt` → its parts (`parsePmsFileName`'s rules). What a
 * non-matching name means is the caller's (docs/files.md): the inbox rejects it, a staff upload
 * is imported anyway.
 */
export const parseBalanceFileName = (name: string): TBalanceFileNameResult => {
  const parsed = parsePmsFileName(name, "BALANCE");
  if (!parsed.ok) return parsed;
  const { clientId, fileDate, uniqueId } = parsed;
  return { ok: true, clientId, fileDate, uniqueId };
};

/** The layout's fields by name, with their positions (the REST API names its errors by them). */
export { F as BALANCE_FIELDS };
