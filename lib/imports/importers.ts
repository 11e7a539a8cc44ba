import "server-only";
import { BALANCE_RECORD_ID } from "@/lib/files/balance-file";
import { ENROLLMENT_DETAIL_ID, ENROLLMENT_HEADER_ID } from "@/lib/files/enrollment-file";
import { firstField } from "@/lib/files/fields";
import { PAYMENT_IMPORT_RECORD_ID } from "@/lib/files/payment-import-file";
import { readLines, type TLineSource } from "@/lib/files/read-lines";
import {
  UNENROLLMENT_DETAIL_ID,
  UNENROLLMENT_HEADER_ID,
  UNENROLLMENT_TRAILER_ID,
} from "@/lib/files/unenrollment-file";
import { importBalanceFile } from "@/lib/imports/balance-import";
import { importEnrollmentFile } from "@/lib/imports/enrollment-import";
import type { TImportInput, TImportResult } from "@/lib/imports/import-file";
import type { TImportKind } from "@/lib/imports/kinds";
import { timeImport } from "@/lib/imports/import-metrics";
import { importPaymentFile } from "@/lib/imports/payment-import";
import { importUnenrollmentFile } from "@/lib/imports/unenrollment-import";

export { isImportKind, type TImportKind } from "@/lib/imports/kinds";

/** A file to import: its kind, and what every importer is given (each reads it more than once). */
export type TImportFileInput = TImportInput & { kind: TImportKind };

/** Imports a file of the given kind with its importer, timed for /api/metrics (timeImport). */
export const importFile = ({ kind, ...input }: TImportFileInput): Promise<TImportResult> =>
  timeImport(kind, () => importOfKind(kind, input));

const importOfKind = (kind: TImportKind, input: TImportInput): Promise<TImportResult> => {
  switch (kind) {
    case "BALANCE":
      return importBalanceFile(input);
    case "AUTOPAY_ENROLL":
      return importEnrollmentFile(input);
    case "AUTOPAY_UNENROLL":
      return importUnenrollmentFile(input);
    case "PAYMENT_IMPORT":
      return importPaymentFile(input);
  }
};

const KIND_OF_RECORD: Record<string, TImportKind> = {
  [BALANCE_RECORD_ID]: "BALANCE",
  [ENROLLMENT_HEADER_ID]: "AUTOPAY_ENROLL",
  [ENROLLMENT_DETAIL_ID]: "AUTOPAY_ENROLL",
  [UNENROLLMENT_HEADER_ID]: "AUTOPAY_UNENROLL",
  [UNENROLLMENT_DETAIL_ID]: "AUTOPAY_UNENROLL",
  [UNENROLLMENT_TRAILER_ID]: "AUTOPAY_UNENROLL",
  [PAYMENT_IMPORT_RECORD_ID]: "PAYMENT_IMPORT",
};

/**
 * The kind of file its first record says it is (IMPSCIF, APCH/APCD, APCTERM…, IMPTI10), or null when the
 * first non-blank line is none of these (or there is none). Reads only that far. For telling a
 * staff member who chose the wrong kind, before anything is imported.
 */
export const kindOfFirstRecord = async (source: TLineSource): Promise<TImportKind | null> => {
  for await (const line of readLines(source, { maxLineLength: 100 })) {
    return KIND_OF_RECORD[firstField(line.text)] ?? null;
  }
  return null;
};
