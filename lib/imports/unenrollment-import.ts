import "server-only";
import { applyFileUnenrollment } from "@/lib/autopay/file-enrollment";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { fieldError, type TFileError } from "@/lib/files/fields";
import { readLines } from "@/lib/files/read-lines";
import {
  createUnenrollmentFileCheck,
  parseUnenrollmentDetail,
  type TUnenrollmentRowResult,
} from "@/lib/files/unenrollment-file";
import { findPracticeAccounts, isSameLastName, unknownClient } from "@/lib/imports/accounts";
import {
  beginImport,
  claimRow,
  finishImportFile,
  importInBatches,
  recordedOutcomes,
  recordRowOutcomes,
  type TImportInput,
  type TImportResult,
  type TRowOutcome,
} from "@/lib/imports/import-file";

/** Rows are checked and written this many at a time (one account query per batch). */
const BATCH = 200;

const FILE_REJECTED = fieldError(
  { pos: 0, label: "The file" },
  "FILE_REJECTED",
  "was rejected as a whole (see the file's errors).",
);

export type TUnenrollmentImportResult = TImportResult & {
  /** What this run did (rows done by an earlier, failed run of the same file are not counted). */
  outcomes: Record<"unenrolled" | "alreadyOff", number>;
};

type TRow = { lineNumber: number; result: TUnenrollmentRowResult };

/**
 * Imports an autopay batch unenrolment file (`APCTERMHDR`/`APCTERMDTL`/`APCTERMTRL`,
 * docs/files.md) for a practice: each good row turns autopay off for the practice's account
 * with that account ID (field 3) whose guarantor has that last name (field 4). Rows that do not
 * match are rejected with their reasons and listed on the import's page; the layout has no
 * acknowledgement, so none is written (ours). A damaged file (header, trailer or counts)
 * changes nothing. The same file again changes nothing; a failed import is taken up by sending
 * the same file again (rows done are skipped).
 */
export const importUnenrollmentFile = async (input: TImportInput): Promise<TUnenrollmentImportResult> => {
  const { practiceId, fileName, read, actor, context } = input;
  const db = await getDb();
  const fileCheck = createUnenrollmentFileCheck();
  const { practice, claim } = await beginImport({
    input,
    kind: "AUTOPAY_UNENROLL",
    select: { clientId: true },
    check: fileCheck,
  });
  const { fileErrors } = fileCheck.finish();
  const isRejected = fileErrors.length > 0;

  const outcomes = { unenrolled: 0, alreadyOff: 0 };
  if (claim.isDuplicate) return { ...claim.result, outcomes };
  const { fileId, isRetry } = claim;

  let rowCount = 0;
  let rejectedCount = 0;

  const settleBatch = async (rows: TRow[]) => {
    const recorded = await recordedOutcomes(claim, rows);
    const details = rows.flatMap((r) =>
      r.result.ok && !recorded.has(r.lineNumber) ? [r.result.detail] : [],
    );
    const accounts = await findPracticeAccounts(
      practiceId,
      details.map((d) => d.accountId),
    );
    const rejected: TRowOutcome[] = [];
    for (const { lineNumber, result } of rows) {
      const done = recorded.get(lineNumber);
      if (done) {
        if (!done.accepted) rejected.push(done);
        continue;
      }
      if (!result.ok || isRejected) {
        const errors = [...(result.ok ? [] : result.errors), ...(isRejected ? [FILE_REJECTED] : [])];
        rejected.push({ lineNumber, accepted: false, errors });
        continue;
      }
      const { detail } = result;
      const errors: TFileError[] = [];
      if (detail.groupId !== null && detail.groupId !== practice.clientId) errors.push(unknownClient(2));
      const account = accounts.get(detail.accountId);
      if (!account) {
        errors.push({
          field: 3,
          code: "UNKNOWN_ACCOUNT",
          reason: "Account ID (field 3) is not an account of this practice.",
        });
      } else if (!isSameLastName(detail.lastName, account.guarantorLastName)) {
        errors.push({
          field: 4,
          code: "NAME_MISMATCH",
          reason: "Last name (field 4) is not the last name of the account's guarantor.",
        });
      }
      if (errors.length > 0 || !account) {
        rejected.push({ lineNumber, accepted: false, errors });
        continue;
      }
      await db.$transaction(async (tx) => {
        if (!(await claimRow(tx, fileId, lineNumber))) return;
        // Each row's own time: the sign-up file's deltas sort changes by it (docs/files.md).
        const now = getClock().now();
        const { outcome } = await applyFileUnenrollment(tx, {
          accountId: account.id,
          row: { importFileId: fileId, fileName, lineNumber },
          actor,
          context,
          now,
        });
        outcomes[outcome === "already_off" ? "alreadyOff" : outcome]++;
      });
    }
    // Recorded with their line, never the line's text.
    await recordRowOutcomes(
      fileId,
      rejected.filter((r) => !recorded.has(r.lineNumber)),
    );
    rowCount += rows.length;
    rejectedCount += rejected.length;
    await input.onProgress?.({ rowsDone: rowCount, rejected: rejectedCount });
  };

  async function* details(): AsyncGenerator<TRow> {
    const lineCheck = createUnenrollmentFileCheck();
    for await (const line of readLines(read())) {
      const kind = lineCheck.next(line);
      if (kind === "ignored") return;
      if (kind !== "detail") continue;
      yield { lineNumber: line.lineNumber, result: parseUnenrollmentDetail(line) };
    }
  }
  await importInBatches({
    fileId,
    rows: details(),
    batchSize: BATCH,
    settle: settleBatch,
    start: async () => {
      if (isRejected)
        await recordRowOutcomes(fileId, [{ lineNumber: 0, accepted: false, errors: fileErrors }]);
    },
  });

  const counts = { rowCount, acceptedCount: rowCount - rejectedCount, rejectedCount };
  await finishImportFile({
    fileId,
    kind: "AUTOPAY_UNENROLL",
    fileName,
    counts,
    ackFileName: null,
    audit: {
      actor,
      context,
      action: "import.autopay_unenrollment_file",
      metadata: { isFileRejected: isRejected, ...outcomes, isRetry },
    },
  });
  return { ...counts, importFileId: fileId, isDuplicate: false, outcomes };
};
