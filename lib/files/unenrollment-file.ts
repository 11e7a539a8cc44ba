import {
  FieldReader,
  fieldError,
  hasBadCharacters,
  firstField,
  type TControlRecordResult,
  type TFieldRef,
  type TFileError,
} from "./fields";
import { createHeaderRule, FILE } from "./header-rule";
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

export type TUnenrollmentFileCheck = {
  /** The next non-blank line: the header, the trailer, a detail, or a line after the trailer (ignored). */
  next: (line: TLine) => "header" | "trailer" | "detail" | "ignored";
  /** After the last line: the header, the trailer and the file errors (any of them rejects the file). */
  finish: () => {
    header: TUnenrollmentHeader | null;
    trailer: TUnenrollmentTrailer | null;
    detailCount: number;
    fileErrors: TFileError[];
  };
};

/**
 * The file-level rules of an unenrolment file, one line at a time, holding no rows: header
 * first, trailer last, details between. A missing or bad header or trailer, anything after the
 * trailer, or a header or trailer count that differs from the number of details rejects the
 * whole file (ours, as for enrolment).
 */
export const createUnenrollmentFileCheck = (): TUnenrollmentFileCheck => {
  const fileErrors: TFileError[] = [];
  const rule = createHeaderRule({
    headerId: UNENROLLMENT_HEADER_ID,
    parseHeader: parseUnenrollmentHeader,
    fileErrors,
  });
  let trailer: TUnenrollmentTrailer | null = null;
  let hasTrailer = false;
  let isAfterTrailer = false;
  let detailCount = 0;
  return {
    next: (line) => {
      if (isAfterTrailer) return "ignored";
      if (hasTrailer) {
        isAfterTrailer = true;
        fileErrors.push(
          fieldError(
            FILE,
            "UNEXPECTED_RECORD",
            `has a record after its trailer, on line ${line.lineNumber}.`,
          ),
        );
        return "ignored";
      }
      if (rule.isHeader(line)) return "header";
      if (firstField(line.text) === UNENROLLMENT_TRAILER_ID) {
        hasTrailer = true;
        const parsed = parseUnenrollmentTrailer(line.text);
        if (parsed.ok) trailer = parsed.value;
        else fileErrors.push(...parsed.errors);
        return "trailer";
      }
      detailCount++;
      return "detail";
    },
    finish: () => {
      const errors = [...fileErrors];
      if (rule.isEmpty()) errors.push(rule.emptyError());
      else if (!hasTrailer) {
        errors.push(
          fieldError(FILE, "MISSING_TRAILER", `must end with an ${UNENROLLMENT_TRAILER_ID} trailer.`),
        );
      }
      errors.push(...rule.countErrors(detailCount));
      if (trailer && trailer.recordCount !== detailCount) {
        errors.push(
          fieldError(
            FILE,
            "COUNT_MISMATCH",
            `has ${detailCount} detail records but its trailer says ${trailer.recordCount}.`,
          ),
        );
      }
      return { header: rule.header(), trailer, detailCount, fileErrors: errors };
    },
  };
};

/**
 * Reads a whole unenrolment file (`createUnenrollmentFileCheck`'s rules). Holds the rows in
 * memory: for tests and small files (the importer streams with the check instead).
 */
export const parseUnenrollmentFile = async (
  lines: AsyncIterable<TLine> | Iterable<TLine>,
): Promise<TUnenrollmentFile> => {
  const check = createUnenrollmentFileCheck();
  const rows: TUnenrollmentFile["rows"] = [];
  for await (const line of lines) {
    const kind = check.next(line);
    if (kind === "detail") rows.push({ lineNumber: line.lineNumber, result: parseUnenrollmentDetail(line) });
    if (kind === "ignored") break;
  }
  const { header, trailer, fileErrors } = check.finish();
  return { header, trailer, rows, fileErrors, isRejected: fileErrors.length > 0 };
};
