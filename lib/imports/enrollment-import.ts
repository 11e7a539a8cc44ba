import "server-only";
import { applyFileEnrollment, applyFileUnenrollment } from "@/lib/autopay/file-enrollment";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import {
  createEnrollmentFileCheck,
  ENROLLMENT_ACK_ID,
  formatEnrollmentAckLine,
  parseEnrollmentDetail,
  rejectedWithFile,
  type TEnrollmentDetail,
  type TEnrollmentRowResult,
} from "@/lib/files/enrollment-file";
import type { TFileError } from "@/lib/files/fields";
import { readLines } from "@/lib/files/read-lines";
import { getGateway, type TGateway, isGatewayError } from "@/lib/gateway";
import type { TGatewayStoredMethod } from "@/lib/gateway/types";
import { createAckWriter } from "@/lib/imports/ack-store";
import {
  findPracticeAccounts,
  isSameLastName,
  unknownClient,
  type TPracticeAccount,
} from "@/lib/imports/accounts";
import {
  ackFileNameFor,
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

/** Rows are checked, vaulted and written this many at a time. */
const BATCH = 25;
/** Vault calls in flight at once (each is one HTTPS round trip to the gateway). */
const VAULT_CONCURRENCY = 4;

/**
 * Which account a row is for (docs/files.md, "Importing autopay files"): the Account ID (field
 * 3) when given, else the Guarantor ID (field 6), else the Member ID (field 9); each is an
 * account number of the practice, as the balance file made them (its guarantor ID, else its
 * patient ID). The field is named in the error when no account has it.
 */
const accountKeyOf = (d: TEnrollmentDetail) =>
  d.accountId !== null
    ? { number: d.accountId, field: 3, label: "Account ID" }
    : d.guarantorId !== null
      ? { number: d.guarantorId, field: 6, label: "Guarantor ID" }
      : { number: d.memberId, field: 9, label: "Member ID" };

const NO_LIMIT: TFileError = {
  field: 35,
  code: "MISSING_FIELD",
  reason: "Autopay limit (field 35) is required to turn autopay on for an account that is not on autopay.",
};

const VAULT_REFUSED: TFileError = {
  field: 27,
  code: "BAD_ACCOUNT_NUMBER",
  reason: "Bank account number (field 27) was refused by the payment gateway's vault.",
};

/** The holder as the ACH debit and the method name them: first and last (field 23, 24). */
const holderNameOf = (d: TEnrollmentDetail) =>
  [d.holderFirstName, d.holderLastName].filter((part): part is string => part !== null).join(" ");

/** `fn` over `items`, at most `limit` at a time, results in order. */
const mapLimit = async <T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>) => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

/** Thrown inside a row's transaction to undo it: the row is rejected with these errors. */
class RowRejected extends Error {
  constructor(readonly errors: TFileError[]) {
    super("row rejected");
  }
}

type TRow = { lineNumber: number; result: TEnrollmentRowResult };
type TPlan =
  | { kind: "enroll"; detail: TEnrollmentDetail; account: TPracticeAccount }
  | { kind: "unenroll"; detail: TEnrollmentDetail; account: TPracticeAccount };

export type TEnrollmentImportResult = TImportResult & {
  /** What this run did to autopay (rows done by an earlier, failed run of the same file are not counted). */
  outcomes: Record<"enrolled" | "changed" | "unchanged" | "unenrolled" | "alreadyOff", number>;
};

/**
 * Imports an autopay batch enrolment file (`APCH`/`APCD`, docs/files.md) for a practice and
 * acknowledges it (`APCACK`). The file is read three times, a line at a time: to fingerprint it
 * and check it as a whole (a damaged file enrols nothing), then row by row. Each good `Y` row's
 * bank account goes to the gateway's vault (key `apcd:<sha256>:<line>`) and the account goes on
 * autopay with the stored method; an `N` row takes the account off autopay. Bank numbers are
 * never stored, logged or echoed: only the vault call sees them.
 *
 * The same file again changes nothing. A failure midway (the gateway unreachable, the process
 * killed) leaves the import FAILED with every row before it done; the same file again takes it
 * up: rows done are skipped (a row's changes and its record commit together), and the row that
 * was in flight is vaulted again under the same key, which the gateway answers with the same
 * stored method.
 */
export const importEnrollmentFile = async ({
  gateway = getGateway(),
  ...input
}: TImportInput & { gateway?: TGateway }): Promise<TEnrollmentImportResult> => {
  const { practiceId, fileName, read, actor, context } = input;
  const db = await getDb();
  // Pass 1: the fingerprint and the file-level checks, holding no row.
  const fileCheck = createEnrollmentFileCheck();
  const { practice, sha256, claim } = await beginImport({
    input,
    kind: "AUTOPAY_ENROLL",
    select: { clientId: true, name: true, timeZone: true, autopayDaysAfterStatement: true },
    check: fileCheck,
  });
  const { header, fileErrors } = fileCheck.finish();
  const isRejected = fileErrors.length > 0;

  const outcomes = { enrolled: 0, changed: 0, unchanged: 0, unenrolled: 0, alreadyOff: 0 };
  if (claim.isDuplicate) return { ...claim.result, outcomes };
  const { fileId, isRetry } = claim;
  const ref = { importFileId: fileId, fileName };

  let rowCount = 0;
  let rejectedCount = 0;

  /** Checks, vaults and writes one batch in input order; returns its ack lines. */
  const settleBatch = async (rows: TRow[]): Promise<string> => {
    const recorded = await recordedOutcomes(claim, rows);
    const errorsOf = new Map<number, TFileError[]>();
    const reject = (lineNumber: number, errors: TFileError[]) => errorsOf.set(lineNumber, errors);

    // What the importer refuses after parsing, against the accounts as they are (and as the
    // batch's earlier rows leave them, for a Y row without a limit).
    const details = rows.flatMap((r) =>
      r.result.ok && !recorded.has(r.lineNumber) ? [r.result.detail] : [],
    );
    const accounts = await findPracticeAccounts(
      practiceId,
      details.map((d) => accountKeyOf(d).number),
    );
    const limitNow = new Map([...accounts.values()].map((a) => [a.id, a.activeLimitCents]));
    const plans = new Map<number, TPlan>();
    for (const { lineNumber, result } of rows) {
      const done = recorded.get(lineNumber);
      if (done) {
        if (!done.accepted) reject(lineNumber, [...(done.errors ?? [])]);
        continue;
      }
      if (!result.ok) {
        reject(lineNumber, result.errors);
        continue;
      }
      const { detail } = result;
      const errors: TFileError[] = [];
      if (detail.groupId !== null && detail.groupId !== practice.clientId) errors.push(unknownClient(4));
      const key = accountKeyOf(detail);
      const account = accounts.get(key.number);
      if (!account) {
        errors.push({
          field: key.field,
          code: "UNKNOWN_ACCOUNT",
          reason: `${key.label} (field ${key.field}) is not an account of this practice.`,
        });
      } else if (
        detail.guarantorLastName !== null &&
        !isSameLastName(detail.guarantorLastName, account.guarantorLastName)
      ) {
        errors.push({
          field: 8,
          code: "NAME_MISMATCH",
          reason: "Guarantor last name (field 8) is not the last name of the account's guarantor.",
        });
      }
      if (account && errors.length === 0 && detail.isAutopayEnabled) {
        const limit = detail.autopayLimitCents ?? limitNow.get(account.id) ?? null;
        if (limit === null) errors.push(NO_LIMIT);
        else limitNow.set(account.id, limit);
      } else if (account && errors.length === 0) {
        limitNow.set(account.id, null);
      }
      if (errors.length > 0 || !account) {
        reject(
          lineNumber,
          errors.sort((a, b) => a.field - b.field),
        );
        continue;
      }
      plans.set(lineNumber, { kind: detail.isAutopayEnabled ? "enroll" : "unenroll", detail, account });
    }

    // The vault, a few calls at a time. A refusal rejects the row; anything else (the gateway
    // unreachable, an answer we cannot read) stops the import, to be taken up again.
    const toVault = [...plans].filter(([, plan]) => plan.kind === "enroll");
    const vaultKey = (lineNumber: number) => `apcd:${sha256}:${lineNumber}`;
    const vaulted = new Map<number, TGatewayStoredMethod>();
    await mapLimit(toVault, VAULT_CONCURRENCY, async ([lineNumber, { detail }]) => {
      try {
        const stored = await gateway.storeBankAccount({
          routingNumber: detail.routingNumber,
          accountNumber: detail.bankAccount.revealForVault(),
          accountType: detail.accountType === "Savings" ? "savings" : "checking",
          holderName: holderNameOf(detail),
          holderType: detail.accountType === "Business" ? "company" : "individual",
          idempotencyKey: vaultKey(lineNumber),
        });
        if (stored.kind !== "ach") throw new Error("the vault answered a method that is not a bank account");
        vaulted.set(lineNumber, stored);
      } catch (error) {
        if (!isGatewayError(error) || error.code !== "INVALID_REQUEST") throw error;
        plans.delete(lineNumber);
        reject(lineNumber, [VAULT_REFUSED]);
      }
    });

    // The database, one row at a time in input order (a later row for the same account wins).
    const unusedVaultEntries: number[] = [];
    for (const [lineNumber, plan] of plans) {
      const row = { ...ref, lineNumber };
      try {
        await db.$transaction(async (tx) => {
          // Each row's own time: the sign-up file's deltas sort changes by it (docs/files.md).
          const now = getClock().now();
          if (!(await claimRow(tx, fileId, lineNumber))) return; // done by another run meanwhile
          if (plan.kind === "unenroll") {
            const { outcome } = await applyFileUnenrollment(tx, {
              accountId: plan.account.id,
              row,
              actor,
              context,
              now,
            });
            outcomes[outcome === "already_off" ? "alreadyOff" : outcome]++;
            return;
          }
          const { detail } = plan;
          const { outcome, isVaultEntryUnused } = await applyFileEnrollment(tx, {
            account: plan.account,
            practice,
            stored: vaulted.get(lineNumber)!,
            bankAccountType:
              detail.accountType === "Savings"
                ? "SAVINGS"
                : detail.accountType === "Business"
                  ? "BUSINESS"
                  : "CHECKING",
            holderName: holderNameOf(detail),
            nickname: detail.accountNickname,
            limitCents: detail.autopayLimitCents,
            row,
            recordNumber: detail.recordNumber,
            fileDate: header!.fileDate,
            actor,
            context,
            now,
          });
          if (outcome === "no_limit") throw new RowRejected([NO_LIMIT]); // turned off meanwhile
          outcomes[outcome]++;
          if (isVaultEntryUnused) unusedVaultEntries.push(lineNumber);
        });
      } catch (error) {
        if (!(error instanceof RowRejected)) throw error;
        reject(lineNumber, error.errors);
        unusedVaultEntries.push(lineNumber);
      }
    }
    // The accounts vaulted for rejected rows, and copies of bank accounts the account already
    // had, are not used: take them out of the vault again (best effort; a failure leaves an
    // entry nothing charges).
    await mapLimit(unusedVaultEntries, VAULT_CONCURRENCY, async (lineNumber) => {
      const entry = vaulted.get(lineNumber);
      if (!entry) return;
      await gateway
        .deletePaymentMethod({ methodId: entry.id, idempotencyKey: `${vaultKey(lineNumber)}:delete` })
        .catch(() => undefined);
    });

    const rejected: TRowOutcome[] = [];
    const ack = rows.map(({ lineNumber, result }) => {
      const errors = errorsOf.get(lineNumber);
      if (errors) {
        rejected.push({ lineNumber, accepted: false, errors });
        return formatEnrollmentAckLine({ ok: false, recordNumber: result.recordNumber, errors });
      }
      return formatEnrollmentAckLine({ ok: true, recordNumber: result.recordNumber });
    });
    await recordRowOutcomes(fileId, rejected);
    rowCount += rows.length;
    rejectedCount += rejected.length;
    await input.onProgress?.({ rowsDone: rowCount, rejected: rejectedCount });
    return `${ack.join("\n")}\n`;
  };

  // Pass 2: row by row, classified by the same rules as pass 1.
  async function* details(): AsyncGenerator<TRow> {
    const lineCheck = createEnrollmentFileCheck();
    for await (const line of readLines(read())) {
      if (lineCheck.next(line) !== "detail") continue;
      const parsed = parseEnrollmentDetail(line);
      yield { lineNumber: line.lineNumber, result: isRejected ? rejectedWithFile(parsed) : parsed };
    }
  }
  await importInBatches({
    fileId,
    rows: details(),
    batchSize: BATCH,
    settle: settleBatch,
    start: async () => {
      const ack = await createAckWriter(fileId);
      if (isRejected) {
        await recordRowOutcomes(fileId, [{ lineNumber: 0, accepted: false, errors: fileErrors }]);
        await ack.write(`${formatEnrollmentAckLine({ ok: false, recordNumber: 0, errors: fileErrors })}\n`);
      }
      return ack;
    },
  });

  const counts = { rowCount, acceptedCount: rowCount - rejectedCount, rejectedCount };
  await finishImportFile({
    fileId,
    kind: "AUTOPAY_ENROLL",
    fileName,
    counts,
    ackFileName: ackFileNameFor(ENROLLMENT_ACK_ID, fileName),
    audit: {
      actor,
      context,
      action: "import.autopay_enrollment_file",
      metadata: { isFileRejected: isRejected, ...outcomes, isRetry },
    },
  });
  return { ...counts, importFileId: fileId, isDuplicate: false, outcomes };
};
