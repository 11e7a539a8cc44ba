import {
  FieldReader,
  fieldError,
  hasBadCharacters,
  firstField,
  type TControlRecordResult,
  type TFieldRef,
  type TFileError,
} from "./fields";
import type { TLine } from "./read-lines";

/**
 * Autopay batch unenrolment (in): `APCTERMHDR` header, `APCTERMDTL` details, `APCTERMTRL`
 * trailer (docs/files.md, "Autopay batch unenrolment"). The layout has no acknowledgement.
 */

export const UNENROLLMENT_HEADER_ID = "APCTERMHDR";
export const UNENROLLMENT_DETAIL_ID = "APCTERMDTL";
export const UNENROLLMENT_TRAILER_ID = "APCTERMTRL";

export type TUnenrollmentHeader = { fileDate: Date; recordCount: number };
export type TUnenrollmentTrailer = { recordCount: number };
export type TUnenrollmentDetail = {
  /** Empty → null: the importing practice's own group (ours). */
  groupId: string | null;
  accountId: string;
  /** Last name, or the business name. */
  lastName: string;
  firstName: string | null;
};

export type TUnenrollmentRowResult =
  { ok: true; detail: TUnenrollmentDetail } | { ok: false; errors: TFileError[] };

const HEADER: TFieldRef = { pos: 0, label: "The header" };
const TRAILER: TFieldRef = { pos: 0, label: "The trailer" };
const RECORD: TFieldRef = { pos: 0, label: "The record" };
const FILE: TFieldRef = { pos: 0, label: "The file" };

const D = {
  recordId: { pos: 1, label: "Record ID" },
  groupId: { pos: 2, label: "Group ID", max: 80 },
  accountId: { pos: 3, label: "Account ID", max: 80 },
  lastName: { pos: 4, label: "Last name", max: 80 },
  firstName: { pos: 5, label: "First name", max: 25 },
} as const;

const wrongId = (pos: number, label: string, id: string) =>
  fieldError({ pos, label }, "BAD_RECORD_ID", `must be ${id}.`);

/** `APCTERMHDR|<CCYYMMDD>|<detail count>`. */
export const parseUnenrollmentHeader = (text: string): TControlRecordResult<TUnenrollmentHeader> => {
  const fields = text.split("|");
  if (firstField(text) !== UNENROLLMENT_HEADER_ID) {
    return { ok: false, errors: [wrongId(1, "Header record ID", UNENROLLMENT_HEADER_ID)] };
  }
  if (fields.length !== 3) {
    return {
      ok: false,
      errors: [fieldError(HEADER, "FIELD_COUNT", `has ${fields.length} fields; it needs 3.`)],
    };
  }
  const r = new FieldReader(fields, { checkCharacters: hasBadCharacters(text) });
  const fileDate = r.date({ pos: 2, label: "Header file date" }, true);
  const recordCount = r.count({ pos: 3, label: "Header record count" }, { isRequired: true, min: 0 });
  if (r.errors || !fileDate || recordCount === null) return { ok: false, errors: r.sortedErrors() };
  return { ok: true, value: { fileDate, recordCount } };
};

/** `APCTERMTRL|<detail count>`. */
export const parseUnenrollmentTrailer = (text: string): TControlRecordResult<TUnenrollmentTrailer> => {
  const fields = text.split("|");
  if (firstField(text) !== UNENROLLMENT_TRAILER_ID) {
    return { ok: false, errors: [wrongId(1, "Trailer record ID", UNENROLLMENT_TRAILER_ID)] };
  }
  if (fields.length !== 2) {
    return {
      ok: false,
      errors: [fieldError(TRAILER, "FIELD_COUNT", `has ${fields.length} fields; it needs 2.`)],
    };
  }
  const r = new FieldReader(fields, { checkCharacters: hasBadCharacters(text) });
  const recordCount = r.count({ pos: 2, label: "Trailer record count" }, { isRequired: true, min: 0 });
  if (r.errors || recordCount === null) return { ok: false, errors: r.sortedErrors() };
  return { ok: true, value: { recordCount } };
};

/** `APCTERMDTL|<group ID>|<account ID>|<last or business name>[|<first name>]` (ours: the first name may be left off). */
export const parseUnenrollmentDetail = (
  line: string | Pick<TLine, "text" | "isTruncated">,
): TUnenrollmentRowResult => {
  const text = typeof line === "string" ? line : line.text;
  if (typeof line !== "string" && line.isTruncated) {
    return { ok: false, errors: [fieldError(RECORD, "LINE_TOO_LONG", "is longer than a detail can be.")] };
  }
  const fields = text.split("|");
  if (firstField(text) !== UNENROLLMENT_DETAIL_ID) {
    return { ok: false, errors: [wrongId(1, "Record ID", UNENROLLMENT_DETAIL_ID)] };
  }
  if (fields.length < 4 || fields.length > 5) {
    return {
      ok: false,
      errors: [fieldError(RECORD, "FIELD_COUNT", `has ${fields.length} fields; a detail has 4 or 5.`)],
    };
  }
  const r = new FieldReader(fields, { checkCharacters: hasBadCharacters(text) });
  const detail = {
    groupId: r.text(D.groupId),
    accountId: r.text(D.accountId, true),
    lastName: r.text(D.lastName, true),
    firstName: r.text(D.firstName),
  };
  if (r.errors) return { ok: false, errors: r.sortedErrors() };
  return { ok: true, detail: detail as TUnenrollmentDetail };
};

export type TUnenrollmentFile = {
  header: TUnenrollmentHeader | null;
  trailer: TUnenrollmentTrailer | null;
  rows: { lineNumber: number; result: TUnenrollmentRowResult }[];
  fileErrors: TFileError[];
  /** True when any file error exists: then no row is acted on. */
  isRejected: boolean;
};

/**
 * Reads a whole unenrolment file: header first, trailer last, details between. A missing or
 * bad header or trailer, anything after the trailer, or a header or trailer count that differs
 * from the number of details rejects the whole file (ours, as for enrolment).
 */
export const parseUnenrollmentFile = async (
  lines: AsyncIterable<TLine> | Iterable<TLine>,
): Promise<TUnenrollmentFile> => {
  let header: TUnenrollmentHeader | null = null;
  let trailer: TUnenrollmentTrailer | null = null;
  let isFirst = true;
  let hasTrailer = false;
  const fileErrors: TFileError[] = [];
  const rows: TUnenrollmentFile["rows"] = [];
  for await (const line of lines) {
    const recordId = firstField(line.text);
    if (hasTrailer) {
      fileErrors.push(
        fieldError(FILE, "UNEXPECTED_RECORD", `has a record after its trailer, on line ${line.lineNumber}.`),
      );
      break;
    }
    if (isFirst) {
      isFirst = false;
      if (recordId === UNENROLLMENT_HEADER_ID) {
        const parsed = parseUnenrollmentHeader(line.text);
        if (parsed.ok) header = parsed.value;
        else fileErrors.push(...parsed.errors);
        continue;
      }
      fileErrors.push(
        fieldError(FILE, "MISSING_HEADER", `must start with an ${UNENROLLMENT_HEADER_ID} header.`),
      );
    } else if (recordId === UNENROLLMENT_HEADER_ID) {
      fileErrors.push(
        fieldError(
          FILE,
          "DUPLICATE_HEADER",
          `has a second ${UNENROLLMENT_HEADER_ID} header on line ${line.lineNumber}.`,
        ),
      );
      continue;
    }
    if (recordId === UNENROLLMENT_TRAILER_ID) {
      hasTrailer = true;
      const parsed = parseUnenrollmentTrailer(line.text);
      if (parsed.ok) trailer = parsed.value;
      else fileErrors.push(...parsed.errors);
      continue;
    }
    rows.push({ lineNumber: line.lineNumber, result: parseUnenrollmentDetail(line) });
  }
  if (isFirst) {
    fileErrors.push(
      fieldError(FILE, "MISSING_HEADER", `is empty; it needs an ${UNENROLLMENT_HEADER_ID} header.`),
    );
  } else if (!hasTrailer) {
    fileErrors.push(
      fieldError(FILE, "MISSING_TRAILER", `must end with an ${UNENROLLMENT_TRAILER_ID} trailer.`),
    );
  }
  if (header && header.recordCount !== rows.length) {
    fileErrors.push(
      fieldError(
        FILE,
        "COUNT_MISMATCH",
        `has ${rows.length} detail records but its header says ${header.recordCount}.`,
      ),
    );
  }
  if (trailer && trailer.recordCount !== rows.length) {
    fileErrors.push(
      fieldError(
        FILE,
        "COUNT_MISMATCH",
        `has ${rows.length} detail records but its trailer says ${trailer.recordCount}.`,
      ),
    );
  }
  return { header, trailer, rows, fileErrors, isRejected: fileErrors.length > 0 };
};
