import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentMethodKind } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { startOfDayInZone, toIsoDay, todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { newId } from "@/lib/db/ids";
import type { TFileError } from "@/lib/files/fields";
import {
  formatPaymentImportAckLine,
  PAYMENT_IMPORT_ACK_ID,
  parsePaymentImportLines,
  type TPaymentImportCardType,
  type TPaymentImportRecord,
  type TPaymentImportRowResult,
  type TPaymentImportType,
} from "@/lib/files/payment-import-file";
import { readLines } from "@/lib/files/read-lines";
import { createAckWriter } from "@/lib/imports/ack-store";
import { emitPaymentEvent } from "@/lib/events/payment-events";
import { findPracticeAccounts, isSameLastName, type TPracticeAccount } from "@/lib/imports/accounts";
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
import { allocatePayment, type TOpenStatement } from "@/lib/payments/allocate";
import { statusAfter } from "@/lib/payments/ledger";
import { newReceiptNumber } from "@/lib/payments/receipt-number";

/** Rows are checked and written this many at a time (one account query per batch). */
const BATCH = 100;
/** A receipt number already taken is drawn again this many times (6 random characters). */
const RECEIPT_ATTEMPTS = 5;

const METHOD_KIND: Record<TPaymentImportType, PaymentMethodKind> = {
  CreditCard: "CARD",
  eCheck: "ACH",
  Cash: "CASH",
  Check: "CHECK",
};

/** The card brand as the portal's payments spell it (lib/method-label.ts); OTHER is none. */
const BRAND: Record<TPaymentImportCardType, string | null> = {
  VISA: "visa",
  MC: "mastercard",
  AMEX: "amex",
  DISCOVER: "discover",
  OTHER: null,
};

const UNKNOWN_ACCOUNT: TFileError = {
  field: 30,
  code: "UNKNOWN_ACCOUNT",
  reason: "Patient account number (field 30) is not an account of this practice.",
};
const FUTURE_DATE: TFileError = {
  field: 7,
  code: "BAD_DATE",
  reason: "Transaction date (field 7) is later than today in the practice's time zone.",
};
const NAME_MISMATCH: TFileError = {
  field: 27,
  code: "NAME_MISMATCH",
  reason:
    "Patient last name (field 27) is neither the account's guarantor's nor a patient's on its statements.",
};
const UNKNOWN_STATEMENT: TFileError = {
  field: 38,
  code: "UNKNOWN_STATEMENT",
  reason: "Statement number (field 38) is not a statement of this account that can be paid.",
};
const exceedsBalance = (isNamed: boolean): TFileError => ({
  field: 8,
  code: "AMOUNT_EXCEEDS_BALANCE",
  reason: isNamed
    ? "Amount (field 8) is more than the balance of the statement in field 38. Nothing was recorded: record the payment in the practice's system, or name no statement to spread it oldest first."
    : "Amount (field 8) is more than the account's statements owe. Nothing was recorded: the portal keeps no credit, so record the overpayment in the practice's system.",
});
const duplicate = (receiptNumber: string): TFileError => ({
  field: 0,
  code: "DUPLICATE_TRANSACTION",
  reason: `The record is a transaction already recorded from an earlier file (receipt ${receiptNumber}); it was not recorded again.`,
});

/** Thrown inside a row's transaction to undo it: the row is rejected with these errors. */
class RowRejected extends Error {
  constructor(readonly errors: TFileError[]) {
    super("row rejected");
  }
}

/**
 * What makes a transaction the same one in another file (ours, docs/files.md): the practice,
 * the account, type, action, date, amount, last 4, authorisation number, merchant, store and
 * terminal; not the statement it is applied to, nor names and addresses. Hashed, so the key
 * carries no patient data.
 */
const transactionHash = (practiceId: string, r: TPaymentImportRecord) =>
  createHash("sha256")
    .update(
      [
        practiceId,
        r.accountNumber,
        r.type,
        r.action,
        toIsoDay(r.transactionDate),
        String(r.amountCents),
        r.last4 ?? "",
        r.authorizationNumber ?? "",
        r.merchantId ?? "",
        r.storeId ?? "",
        r.terminalId ?? "",
      ].join("\u001f"),
    )
    .digest("hex");

type TRow = { lineNumber: number; result: TPaymentImportRowResult };
type TPlan = { record: TPaymentImportRecord; account: TPracticeAccount; idempotencyKey: string };

export type TPaymentImportResult = TImportResult & {
  /** What this run did (rows done by an earlier, failed run of the same file are not counted). */
  outcomes: Record<"recorded" | "duplicates", number>;
};

/**
 * Imports a payment transaction file (`IMPTI10`, docs/files.md) for a practice and acknowledges
 * it (`IMIA10`): each good row becomes a CAPTURED payment of channel IMPORT on the account its
 * field 30 names, applied to the account's statements oldest first (or all to the statement in
 * field 38), their balances reduced in the same transaction, with a receipt number, an event and
 * an audit row. A row that asks for more than is owed is rejected (no credit is kept). The same
 * file again changes nothing; a transaction already recorded from another file (the same
 * identity, `transactionHash`, the n-th time in its file) is rejected DUPLICATE_TRANSACTION. A
 * failure midway leaves the import FAILED; the same file again takes it up, skipping rows done.
 */
export const importPaymentFile = async (input: TImportInput): Promise<TPaymentImportResult> => {
  const { practiceId, fileName, read, actor, context } = input;
  const db = await getDb();
  const { practice, claim } = await beginImport({
    input,
    kind: "PAYMENT_IMPORT",
    select: { id: true, timeZone: true },
  });
  const outcomes = { recorded: 0, duplicates: 0 };
  if (claim.isDuplicate) return { ...claim.result, outcomes };
  const { fileId, isRetry } = claim;
  const today = todayInZone(practice.timeZone, getClock().now());

  let rowCount = 0;
  let rejectedCount = 0;
  /** How many times each transaction has been seen in this file so far: the n-th is `…:n`. */
  const seen = new Map<string, number>();

  /** One row's payment, in one transaction; false when another run of this import did it. */
  const recordPayment = async ({ record, account, idempotencyKey }: TPlan, lineNumber: number) => {
    for (let attempt = 1; ; attempt++) {
      const receiptNumber = newReceiptNumber(toIsoDay(record.transactionDate));
      try {
        return await db.$transaction(async (tx) => {
          if (!(await claimRow(tx, fileId, lineNumber))) return false;
          const [earlier] = await tx.$queryRaw<{ receiptNumber: string }[]>`
            SELECT "receiptNumber" FROM "payment" WHERE "idempotencyKey" = ${idempotencyKey}`;
          if (earlier) throw new RowRejected([duplicate(earlier.receiptNumber)]);
          // The account's statements, locked oldest first (one order for every writer: no deadlock).
          const statements = await tx.$queryRaw<
            (TOpenStatement & { currency: string; patientLastName: string })[]
          >`
            SELECT s.id, s."statementNumber", s."balanceCents", s.currency, s."patientLastName"
              FROM "statement" s
             WHERE s."accountId" = ${account.id} AND s.status <> 'VOIDED'
             ORDER BY s."statementDate", s."createdAt", s.id
               FOR UPDATE`;
          const lastName = record.patientLastName;
          if (
            lastName !== null &&
            !isSameLastName(lastName, account.guarantorLastName) &&
            !statements.some((s) => isSameLastName(lastName, s.patientLastName))
          ) {
            throw new RowRejected([NAME_MISMATCH]);
          }
          const allocation = allocatePayment({
            amountCents: record.amountCents,
            statements,
            statementNumber: record.statementNumber,
          });
          if (!allocation.ok) {
            throw new RowRejected([
              allocation.reason === "UNKNOWN_STATEMENT"
                ? UNKNOWN_STATEMENT
                : exceedsBalance(record.statementNumber !== null),
            ]);
          }
          const { allocations } = allocation;
          const paymentId = newId();
          const isCard = record.type === "CreditCard";
          const inserted = await tx.$queryRaw<{ id: string }[]>`
            INSERT INTO "payment" (id, "practiceId", "accountId", channel, status, "amountCents", currency,
                                   "idempotencyKey", "receiptNumber", "methodKind", brand, last4,
                                   "authorizationCode", "payerName", "capturedAt", "importFileId",
                                   "importLineNumber", "updatedAt")
            VALUES (${paymentId}, ${practice.id}, ${account.id}, 'IMPORT', 'CAPTURED', ${record.amountCents}::int,
                    ${statements[0]?.currency ?? "USD"}, ${idempotencyKey}, ${receiptNumber},
                    ${METHOD_KIND[record.type]}::"PaymentMethodKind",
                    ${isCard && record.cardType ? BRAND[record.cardType] : null},
                    ${record.type === "Cash" ? null : record.last4}, ${record.authorizationNumber},
                    ${record.holderName}, ${startOfDayInZone(record.transactionDate, practice.timeZone)},
                    ${fileId}, ${lineNumber}::int, now())
            ON CONFLICT ("idempotencyKey") DO NOTHING
            RETURNING id`;
          if (inserted.length === 0) {
            // Another file recorded the same transaction a moment ago.
            const [other] = await tx.$queryRaw<{ receiptNumber: string }[]>`
              SELECT "receiptNumber" FROM "payment" WHERE "idempotencyKey" = ${idempotencyKey}`;
            throw new RowRejected([duplicate(other?.receiptNumber ?? "unknown")]);
          }
          // Allocations keep their order (a refund gives back the last one first).
          const at = Date.now();
          await tx.$executeRaw`
            INSERT INTO "payment_allocation" (id, "paymentId", "statementId", "amountCents", "createdAt", "updatedAt")
            VALUES ${Prisma.join(
              allocations.map(
                (a, i) =>
                  Prisma.sql`(${newId()}, ${paymentId}, ${a.statementId}, ${a.amountCents}::int, ${new Date(at + i)}::timestamptz, now())`,
              ),
            )}`;
          await tx.$executeRaw`
            UPDATE "statement" AS s
               SET "balanceCents" = s."balanceCents" - w.amount,
                   status = ${statusAfter(Prisma.sql`-w.amount`)},
                   "updatedAt" = now()
              FROM (VALUES ${Prisma.join(
                allocations.map((a) => Prisma.sql`(${a.statementId}, ${a.amountCents}::int)`),
              )}) AS w (id, amount)
             WHERE s.id = w.id`;
          await tx.paymentEvent.create({
            data: {
              paymentId,
              type: "import.recorded",
              data: { importFileId: fileId, lineNumber, type: record.type },
            },
          });
          await recordAudit(
            {
              actor,
              action: "payment.imported",
              target: { type: "Payment", id: paymentId },
              context,
              metadata: {
                importFileId: fileId,
                lineNumber,
                amountCents: record.amountCents,
                methodKind: METHOD_KIND[record.type],
                statements: allocations.map((a) => a.statementId),
              },
            },
            tx,
          );
          // The PMS sent it, but other readers of the events (and a PMS that keeps its own
          // channels apart) hear of every payment: its channel says "import".
          await emitPaymentEvent(tx, { paymentId, type: "payment.approved" });
          return true;
        });
      } catch (error) {
        // A receipt number drawn twice: nothing was written; the row goes in again under another.
        if (!isUniqueViolation(error) || attempt === RECEIPT_ATTEMPTS) throw error;
      }
    }
  };

  /** Checks and writes one batch in input order; returns its ack lines. */
  const settleBatch = async (rows: TRow[]): Promise<string> => {
    const recorded = await recordedOutcomes(claim, rows);
    const accounts = await findPracticeAccounts(
      practiceId,
      rows.flatMap((r) =>
        r.result.ok && !recorded.has(r.lineNumber) ? [r.result.record.accountNumber] : [],
      ),
    );
    const rejected: TRowOutcome[] = [];
    const ack: string[] = [];
    for (const { lineNumber, result } of rows) {
      const reject = (errors: readonly TFileError[]) => {
        rejected.push({ lineNumber, accepted: false, errors });
        ack.push(formatPaymentImportAckLine({ lineNumber, result: { ...result, ok: false, errors } }));
      };
      const done = recorded.get(lineNumber);
      if (!result.ok) {
        reject(result.errors);
        continue;
      }
      // The n-th time this transaction appears in the file, counted on every run alike.
      const hash = transactionHash(practice.id, result.record);
      const occurrence = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, occurrence);
      if (done) {
        if (done.accepted) ack.push(formatPaymentImportAckLine({ lineNumber, result }));
        else reject(done.errors ?? []);
        continue;
      }
      const { record } = result;
      const account = accounts.get(record.accountNumber);
      const errors = [
        ...(record.transactionDate > today ? [FUTURE_DATE] : []),
        ...(account ? [] : [UNKNOWN_ACCOUNT]),
      ];
      if (errors.length > 0 || !account) {
        reject(errors);
        continue;
      }
      try {
        const isNew = await recordPayment(
          { record, account, idempotencyKey: `import:${hash}:${occurrence}` },
          lineNumber,
        );
        if (isNew) outcomes.recorded++;
        ack.push(formatPaymentImportAckLine({ lineNumber, result }));
      } catch (error) {
        if (!(error instanceof RowRejected)) throw error;
        if (error.errors.some((e) => e.code === "DUPLICATE_TRANSACTION")) outcomes.duplicates++;
        reject(error.errors);
      }
    }
    // Recorded with their line, never the line's text (it may hold a card number).
    await recordRowOutcomes(
      fileId,
      rejected.filter((r) => !recorded.has(r.lineNumber)),
    );
    rowCount += rows.length;
    rejectedCount += rejected.length;
    await input.onProgress?.({ rowsDone: rowCount, rejected: rejectedCount });
    return ack.length > 0 ? `${ack.join("\n")}\n` : "";
  };

  await importInBatches({
    fileId,
    rows: parsePaymentImportLines(readLines(read())),
    batchSize: BATCH,
    settle: settleBatch,
    start: () => createAckWriter(fileId),
  });

  const counts = { rowCount, acceptedCount: rowCount - rejectedCount, rejectedCount };
  await finishImportFile({
    fileId,
    kind: "PAYMENT_IMPORT",
    fileName,
    counts,
    ackFileName: ackFileNameFor(PAYMENT_IMPORT_ACK_ID, fileName),
    audit: { actor, context, action: "import.payment_file", metadata: { ...outcomes, isRetry } },
  });
  return { ...counts, importFileId: fileId, isDuplicate: false, outcomes };
};
