import "server-only";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import { formatBalanceAckLine, type TBalanceAckEntry } from "@/lib/files/balance-ack";
import { parseBalanceFileName, parseBalanceRow, type TBalanceRecord } from "@/lib/files/balance-file";
import type { TFileError } from "@/lib/files/fields";
import { readLines, type TLineSource } from "@/lib/files/read-lines";
import type { TRequestContext } from "@/lib/request-context";

/** Accepted rows are written this many at a time (one statement per table per batch). */
const BATCH = 1000;

export type TBalanceImportResult = {
  importFileId: string;
  /** True when this very file had been imported before: nothing changed. */
  isDuplicate: boolean;
  rowCount: number;
  acceptedCount: number;
  rejectedCount: number;
};

type TRow = { lineNumber: number; record: TBalanceRecord };

/** The account a row belongs to: the guarantor's ID when given, else the patient's (ours: docs/files.md). */
const accountNumberOf = (r: TBalanceRecord) => r.guarantorId ?? r.patientId;

/** What the importer itself refuses after parsing (the file's layout allowed it). */
const importerErrors = (r: TBalanceRecord, clientId: string): TFileError[] => {
  const errors: TFileError[] = [];
  if (r.clientId !== clientId) {
    errors.push({ field: 11, code: "UNKNOWN_CLIENT", reason: "Client ID is not this practice's." });
  }
  // The guest lookup and the staff search need these on every statement (ours).
  if (!r.patientFirstName)
    errors.push({ field: 3, code: "MISSING_FIELD", reason: "Patient first name is required." });
  if (!r.patientLastName)
    errors.push({ field: 5, code: "MISSING_FIELD", reason: "Patient last name is required." });
  if (!r.patientDob)
    errors.push({ field: 6, code: "MISSING_FIELD", reason: "Patient date of birth is required." });
  return errors;
};

/**
 * Writes a batch of accepted rows: accounts first (created when new; an existing account keeps
 * its guarantor), then statements, created or updated by statement number. The file's amount
 * due is the PMS's balance and becomes ours (a statement with payments the PMS has not seen yet
 * is left to the posting cycle: docs/files.md). Two statements per batch, whatever its size.
 */
const writeBatch = async (
  rows: TRow[],
  { practiceId, importFileId }: { practiceId: string; importFileId: string },
): Promise<Set<string>> => {
  if (rows.length === 0) return new Set();
  const db = await getDb();
  const col = <T>(pick: (r: TBalanceRecord) => T) => rows.map((row) => pick(row.record));
  await db.$executeRaw`
    INSERT INTO "account" (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName",
                           "guarantorDob", email, phone, address1, address2, city, state, zip, "updatedAt")
    SELECT DISTINCT ON (a.number) a.id, ${practiceId}, a.number, a.first, a.last, a.dob, a.email, a.phone,
           a.street1, a.street2, a.city, a.state, a.zip, now()
      FROM unnest(${rows.map(() => newId())}::text[], ${col(accountNumberOf)}::text[],
                  ${col((r) => r.guarantorFirstName ?? r.patientFirstName)}::text[],
                  ${col((r) => r.guarantorLastName ?? r.patientLastName)}::text[],
                  ${col((r) => (r.guarantorId ? null : r.patientDob))}::date[],
                  ${col((r) => r.patientEmail)}::text[], ${col((r) => r.patientPhone)}::text[],
                  ${col((r) => r.recipientStreet1)}::text[], ${col((r) => r.recipientStreet2)}::text[],
                  ${col((r) => r.recipientCity)}::text[], ${col((r) => r.recipientState)}::text[],
                  ${col((r) => r.recipientZip)}::text[])
           WITH ORDINALITY AS a(id, number, first, last, dob, email, phone, street1, street2, city, state, zip, ord)
     ORDER BY a.number, a.ord DESC
    ON CONFLICT ("practiceId", "accountNumber") DO NOTHING`;
  const written = await db.$queryRaw<{ statementNumber: string }[]>`
    INSERT INTO "statement" AS s (id, "accountId", "statementNumber", "statementDate", status, "totalChargesCents",
                             "insurancePaidCents", "adjustmentsCents", "amountDueCents", "balanceCents",
                             "patientFirstName", "patientMiddleName", "patientLastName", "patientDob",
                             "recipientZip", "providerName", "importFileId", "updatedAt")
    SELECT DISTINCT ON (r.number) r.id, a.id, r.number, r.day,
           (CASE WHEN r.due <= 0 THEN 'PAID' ELSE 'OPEN' END)::"StatementStatus",
           COALESCE(r.charges, r.due), COALESCE(r.payer_paid, 0), COALESCE(r.adjustments, 0), r.due, r.due,
           r.first, r.middle, r.last, r.dob, r.zip, r.provider, ${importFileId}, now()
      FROM unnest(${rows.map(() => newId())}::text[], ${col((r) => r.statementNumber)}::text[],
                  ${col(accountNumberOf)}::text[], ${col((r) => r.invoiceDate)}::date[],
                  ${col((r) => r.amountDueCents)}::int[], ${col((r) => r.totalChargeCents)}::int[],
                  ${col((r) => r.payerPaidCents)}::int[], ${col((r) => r.payerAdjustmentCents)}::int[],
                  ${col((r) => r.patientFirstName)}::text[], ${col((r) => r.patientMiddleName)}::text[],
                  ${col((r) => r.patientLastName)}::text[], ${col((r) => r.patientDob)}::date[],
                  ${col((r) => r.recipientZip)}::text[], ${col((r) => r.providerName)}::text[])
           WITH ORDINALITY
           AS r(id, number, account, day, due, charges, payer_paid, adjustments, first, middle, last, dob, zip, provider, ord)
      JOIN "account" a ON a."practiceId" = ${practiceId} AND a."accountNumber" = r.account
     -- The same statement twice in one batch: the later line wins, as it would across batches.
     ORDER BY r.number, r.ord DESC
    ON CONFLICT ("statementNumber") DO UPDATE SET
      "statementDate" = EXCLUDED."statementDate",
      "amountDueCents" = EXCLUDED."amountDueCents",
      "balanceCents" = EXCLUDED."balanceCents",
      "totalChargesCents" = EXCLUDED."totalChargesCents",
      "insurancePaidCents" = EXCLUDED."insurancePaidCents",
      "adjustmentsCents" = EXCLUDED."adjustmentsCents",
      status = CASE WHEN s.status = 'VOIDED' THEN s.status ELSE EXCLUDED.status END,
      "importFileId" = EXCLUDED."importFileId",
      "updatedAt" = now()
    WHERE s."accountId" = EXCLUDED."accountId"
    RETURNING s."statementNumber"`;
  return new Set(written.map((w) => w.statementNumber));
};

const ACCOUNT_MISMATCH: TFileError = {
  field: 8,
  code: "ACCOUNT_MISMATCH",
  reason: "Invoice number (field 8) is a statement of another account.",
};

/**
 * Imports a balance file (`IMPSCIF`, docs/files.md) for a practice: streams it line by line,
 * rejects each bad row with its reasons and keeps going, creates or updates a statement per
 * good row (in batches), writes the acknowledgement (`IMIFACK`) onto the import record, and
 * records who did it. The same content again (by SHA-256) is recognised and changes nothing.
 * `read` is called twice: once to fingerprint the file, once to import it (a file on disk or
 * an uploaded buffer can be read again; nothing holds it all in memory).
 */
export const importBalanceFile = async ({
  practiceId,
  fileName,
  read,
  actor,
  context,
}: {
  practiceId: string;
  fileName: string;
  read: () => TLineSource;
  actor: TAuditActor;
  context?: TRequestContext;
}): Promise<TBalanceImportResult> => {
  const db = await getDb();
  const practice = await db.practice.findUniqueOrThrow({
    where: { id: practiceId },
    select: { clientId: true },
  });

  const hash = createHash("sha256");
  for await (const chunk of read() as AsyncIterable<Uint8Array | string>) hash.update(chunk);
  const sha256 = hash.digest("hex");

  const existing = await db.importFile.findUnique({
    where: { practiceId_kind_sha256: { practiceId, kind: "BALANCE", sha256 } },
  });
  // An import that failed, or died (still PROCESSING an hour on), is done again from the start
  // under the same record: its rows are upserts, so what it wrote before is written again, not twice.
  const isAbandoned =
    existing?.status === "FAILED" ||
    (existing?.status === "PROCESSING" && existing.updatedAt.getTime() < Date.now() - 60 * 60_000);
  if (existing && !isAbandoned) return { ...counts(existing), importFileId: existing.id, isDuplicate: true };

  let file: { id: string };
  if (existing) {
    await db.$transaction([
      db.importFileRow.deleteMany({ where: { fileId: existing.id } }),
      db.importFile.update({ where: { id: existing.id }, data: { status: "PROCESSING" } }),
    ]);
    file = { id: existing.id };
  } else {
    try {
      file = await db.importFile.create({
        data: {
          practiceId,
          kind: "BALANCE",
          fileName: fileName.slice(0, 255),
          sha256,
          status: "PROCESSING",
          uploadedByUserId: actor.kind === "user" ? actor.userId : null,
        },
        select: { id: true },
      });
    } catch (error) {
      // The same file from two places at once (an upload and the inbox): the other one imports it.
      if (!isUniqueViolation(error)) throw error;
      const other = await db.importFile.findUniqueOrThrow({
        where: { practiceId_kind_sha256: { practiceId, kind: "BALANCE", sha256 } },
      });
      return { ...counts(other), importFileId: other.id, isDuplicate: true };
    }
  }

  // The acknowledgement goes to a temporary file as rows are settled, in input order: what is
  // in memory is one batch (a parsed row keeps its whole input chunk alive, so holding a million
  // of them, or strings cut from them, would hold the file).
  const tmp = await mkdtemp(path.join(os.tmpdir(), "portal-ack-"));
  const ackPath = path.join(tmp, "ack.txt");
  const ackOut = createWriteStream(ackPath);
  let pending: (string | TBalanceAckEntry)[] = [];
  const rejected: { lineNumber: number; errors: TFileError[] }[] = [];
  let batch: (TRow & { ack: TBalanceAckEntry })[] = [];
  let rowCount = 0;
  const flush = async () => {
    const written = await writeBatch(batch, { practiceId, importFileId: file.id });
    for (const row of batch) {
      if (written.has(row.record.statementNumber)) continue;
      row.ack.extraErrors = [ACCOUNT_MISMATCH];
      rejected.push({ lineNumber: row.lineNumber, errors: [ACCOUNT_MISMATCH] });
    }
    batch = [];
    if (pending.length === 0) return;
    const text = `${pending.map((p) => (typeof p === "string" ? p : formatBalanceAckLine(p))).join("\n")}\n`;
    pending = [];
    if (!ackOut.write(text)) await once(ackOut, "drain");
  };
  let ackContent: string;
  try {
    for await (const line of readLines(read())) {
      rowCount++;
      const result = parseBalanceRow(line);
      const extraErrors = result.ok ? importerErrors(result.record, practice.clientId) : [];
      const entry: TBalanceAckEntry = { lineNumber: line.lineNumber, result, extraErrors };
      if (result.ok && extraErrors.length === 0) {
        batch.push({ lineNumber: line.lineNumber, record: result.record, ack: entry });
        pending.push(entry);
        if (batch.length >= BATCH) await flush();
      } else {
        pending.push(formatBalanceAckLine(entry));
        rejected.push({
          lineNumber: line.lineNumber,
          errors: [...(result.ok ? [] : result.errors), ...extraErrors],
        });
      }
    }
    await flush();
    ackOut.end();
    await once(ackOut, "finish");
    ackContent = await readFile(ackPath, "utf8");
  } catch (error) {
    ackOut.destroy();
    await db.importFile.update({ where: { id: file.id }, data: { status: "FAILED" } });
    throw error;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  rejected.sort((a, b) => a.lineNumber - b.lineNumber);

  const acceptedCount = rowCount - rejected.length;
  const ackFileName = `IMIFACK_${fileName.replace(/^.*[\\/]/, "").replace(/\.txt$/i, "")}.txt`.slice(0, 255);
  await db.$transaction([
    db.importFileRow.createMany({
      data: rejected.map((r) => ({
        fileId: file.id,
        lineNumber: r.lineNumber,
        accepted: false,
        errors: r.errors as unknown as Prisma.InputJsonValue,
      })),
    }),
    db.importFile.update({
      where: { id: file.id },
      data: {
        status: "PROCESSED",
        rowCount,
        acceptedCount,
        rejectedCount: rejected.length,
        ackFileName,
        ackContent,
      },
    }),
  ]);
  await recordAudit({
    actor,
    action: "import.balance_file",
    target: { type: "ImportFile", id: file.id },
    context,
    metadata: {
      fileName,
      nameMatchesLayout: parseBalanceFileName(fileName).ok,
      rowCount,
      acceptedCount,
      rejectedCount: rejected.length,
    },
  });
  return {
    importFileId: file.id,
    isDuplicate: false,
    rowCount,
    acceptedCount,
    rejectedCount: rejected.length,
  };
};

const counts = (f: { rowCount: number; acceptedCount: number; rejectedCount: number }) => ({
  rowCount: f.rowCount,
  acceptedCount: f.acceptedCount,
  rejectedCount: f.rejectedCount,
});
