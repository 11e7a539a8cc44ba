import "server-only";
import { randomBytes } from "node:crypto";
import { bulkWriterCount, openBulkConnection } from "@/lib/db";
import { copyRow, TextBuffer } from "@/lib/db/copy-text";
import { newId } from "@/lib/db/ids";
import { sql, type TSqlConnection, type TSqlFragment, type TSqlOps } from "@/lib/db/sql";
import { createAckWriter, type TAckWriter } from "@/lib/imports/ack-store";
import {
  ackFileNameFor,
  beginImport,
  failImportFile,
  finishImportFile,
  type TImportInput,
  type TImportResult,
} from "@/lib/imports/import-file";
import { formatBalanceAckLine, rejectBalanceAckLine } from "@/lib/files/balance-ack";
import { parseBalanceRow, type TBalanceRecord } from "@/lib/files/balance-file";
import type { TFileError } from "@/lib/files/fields";
import { readLines } from "@/lib/files/read-lines";
import { getClock } from "@/lib/clock";
import { applyBalanceCrossing } from "@/lib/imports/balance-crossing";
import { sendSmsNow } from "@/lib/sms/sender";
import { queueTextToPay } from "@/lib/text-to-pay/queue-texts";

/**
 * Accepted rows are written this many at a time: COPY'd into two temporary staging tables, then
 * one set-based upsert per table. While the database writes one chunk, the next is parsed.
 */
const CHUNK_ROWS = 5_000;
/** Text-to-pay texts an import sends itself once done; more wait for the sender's sweep (a minute). */
const SEND_TEXTS_AT_ONCE = 50;

/** The account a row belongs to: the guarantor's ID when given, else the patient's (ours: docs/files.md). */
export const accountNumberOf = (r: TBalanceRecord) => r.guarantorId ?? r.patientId;

/** What the importer itself refuses after parsing (the file's layout allowed it). */
export const importerErrors = (r: TBalanceRecord, clientId: string): TFileError[] => {
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

export const STAGE_ACCOUNT_COLUMNS = [
  "id",
  "number",
  "first",
  "last",
  "dob",
  "email",
  "phone",
  "street1",
  "street2",
  "city",
  "state",
  "zip",
] as const;
export const STAGE_STATEMENT_COLUMNS = [
  "id",
  "number",
  "account",
  "day",
  "due",
  "charges",
  "payer_paid",
  "adjustments",
  "first",
  "middle",
  "last",
  "dob",
  "zip",
  "provider",
] as const;

/** The account columns of a row: its account is created from the first row that names it. */
const accountCopyRow = (r: TBalanceRecord) =>
  copyRow([
    newId(),
    accountNumberOf(r),
    r.guarantorFirstName ?? r.patientFirstName,
    r.guarantorLastName ?? r.patientLastName,
    r.guarantorId ? null : r.patientDob,
    r.patientEmail,
    r.patientPhone,
    r.recipientStreet1,
    r.recipientStreet2,
    r.recipientCity,
    r.recipientState,
    r.recipientZip,
  ]);

const statementCopyRow = (r: TBalanceRecord) =>
  copyRow([
    newId(),
    r.statementNumber,
    accountNumberOf(r),
    r.invoiceDate,
    r.amountDueCents,
    r.totalChargeCents,
    r.payerPaidCents,
    r.payerAdjustmentCents,
    r.patientFirstName,
    r.patientMiddleName,
    r.patientLastName,
    r.patientDob,
    r.recipientZip,
    r.providerName,
  ]);

/**
 * The accounts of balance rows that the practice does not have yet, created (an existing
 * account keeps its details). `source`: rows with the STAGE_ACCOUNT_COLUMNS (a staging table,
 * or a VALUES list named so), in account number order so that two writers wait, never deadlock.
 * The balance import and the REST API's statement upsert (lib/api/statements.ts) both run it.
 */
export const insertNewAccounts = ({
  practiceId,
  source,
}: {
  practiceId: string;
  source: TSqlFragment;
}) => sql`
  INSERT INTO "account" (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName",
                        "guarantorDob", email, phone, address1, address2, city, state, zip, "updatedAt")
 SELECT id, ${practiceId}, number, first, last, dob, email, phone, street1, street2, city, state, zip, now()
   FROM ${source}
  -- In one order, so that two chunks written at once wait for each other, never deadlock.
  ORDER BY number
 ON CONFLICT ("practiceId", "accountNumber") DO NOTHING`;

/**
 * Creates or updates statements by number from balance rows (`source`: rows named `r` with the
 * STAGE_STATEMENT_COLUMNS): the file's amount due becomes the balance, a voided statement stays
 * voided, and a number that is another account's statement is not touched (the caller finds
 * those: fewer rows written than given). Shared by the import and the REST API.
 */
export const upsertStatements = ({
  practiceId,
  importFileId,
  source,
}: {
  practiceId: string;
  importFileId: string | null;
  source: TSqlFragment;
}) => sql`
  INSERT INTO "statement" AS s (id, "accountId", "statementNumber", "statementDate", status,
                               "totalChargesCents", "insurancePaidCents", "adjustmentsCents",
                               "amountDueCents", "balanceCents", "patientFirstName", "patientMiddleName",
                               "patientLastName", "patientDob", "recipientZip", "providerName",
                               "importFileId", "updatedAt")
 SELECT r.id, a.id, r.number, r.day, (CASE WHEN r.due <= 0 THEN 'PAID' ELSE 'OPEN' END)::"StatementStatus",
        COALESCE(r.charges, r.due), COALESCE(r.payer_paid, 0), COALESCE(r.adjustments, 0), r.due, r.due,
        r.first, r.middle, r.last, r.dob, r.zip, r.provider, ${importFileId}::text, now()
   FROM ${source}
   JOIN "account" a ON a."practiceId" = ${practiceId} AND a."accountNumber" = r.account
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
 WHERE s."accountId" = EXCLUDED."accountId"`;

/**
 * What one chunk of the file holds until it is written: its accepted rows as COPY text (each
 * account once, each statement once: a statement seen again starts a new chunk, so the later
 * line wins as it would across chunks), and its acknowledgement entries in input order.
 */
type TChunk = {
  accountRows: TextBuffer;
  accountNumbers: Set<string>;
  statementRows: TextBuffer;
  /** Accepted rows' line numbers by statement number (ACCOUNT_MISMATCH, found on writing, turns them R). */
  accepted: Map<string, number>;
  /** The acknowledgement lines, in input order. */
  ack: TextBuffer;
  rejected: { lineNumber: number; errors: TFileError[] }[];
};

const newChunk = (): TChunk => ({
  accountRows: new TextBuffer(),
  accountNumbers: new Set(),
  statementRows: new TextBuffer(),
  accepted: new Map(),
  ack: new TextBuffer(),
  rejected: [],
});

/**
 * Writes imported rows: COPY into two temporary tables of its own connection, then accounts
 * (created when new; an existing account keeps its guarantor) and statements (created or
 * updated by statement number) set-based. The file's amount due is the PMS's balance as of
 * `asOf`, less the portal's payments the PMS had not heard of then (the crossing rule,
 * balance-crossing.ts). A statement number that is another account's is not touched.
 */
const openStatementWriter = async ({
  practiceId,
  importFileId,
  asOf,
}: {
  practiceId: string;
  importFileId: string;
  asOf: Date;
}) => {
  const conn: TSqlConnection = await openBulkConnection();
  // Unique names: on PGlite the temporary tables share the app's one session.
  const suffix = randomBytes(6).toString("hex");
  const stageAccountName = `balance_stage_account_${suffix}`;
  const stageStatementName = `balance_stage_statement_${suffix}`;
  const stageAccount = sql.ident(stageAccountName);
  const stageStatement = sql.ident(stageStatementName);
  const drop = () => conn.run`DROP TABLE IF EXISTS ${stageAccount}, ${stageStatement}`;
  try {
    await conn.run`
      CREATE TEMPORARY TABLE ${stageAccount} (id text, number text, first text, last text, dob date,
        email text, phone text, street1 text, street2 text, city text, state text, zip text)
        ON COMMIT DELETE ROWS`;
    await conn.run`
      CREATE TEMPORARY TABLE ${stageStatement} (id text, number text, account text, day date, due int,
        charges int, payer_paid int, adjustments int, first text, middle text, last text, dob date,
        zip text, provider text)
        ON COMMIT DELETE ROWS`;
  } catch (error) {
    await conn.close();
    throw error;
  }

  /** The text-to-pay texts this writer's committed chunks made due (a chunk that fails adds none). */
  const smsIds: string[] = [];

  /**
   * Writes one chunk; returns the statement numbers it refused as another account's (and keeps
   * the ids of the text-to-pay texts it made due in `smsIds`, sent once the import is done).
   */
  const write = async (chunk: TChunk): Promise<string[]> => {
    if (chunk.statementRows.rowCount === 0) return [];
    // One transaction a chunk: its accounts and statements go in together, and the staging
    // tables (ON COMMIT DELETE ROWS) are empty again after it.
    const { refused, texts } = await conn.transaction(async (tx) => {
      await tx.copyIn(stageAccountName, STAGE_ACCOUNT_COLUMNS, chunk.accountRows.text());
      await tx.copyIn(stageStatementName, STAGE_STATEMENT_COLUMNS, chunk.statementRows.text());
      await tx.run(insertNewAccounts({ practiceId, source: stageAccount }));
      const written = await tx.run(
        upsertStatements({ practiceId, importFileId, source: sql`${stageStatement} r` }),
      );
      // Every row wrote its statement (the usual case): nothing was refused, nothing to look up.
      const refused =
        written === chunk.statementRows.rowCount
          ? []
          : (
              await tx.query<{ number: string }>`
        SELECT r.number FROM ${stageStatement} r
         JOIN "account" a ON a."practiceId" = ${practiceId} AND a."accountNumber" = r.account
         JOIN "statement" s ON s."statementNumber" = r.number
        WHERE s."accountId" <> a.id`
            ).map((r) => r.number);
      const refusedSet = new Set(refused);
      const writtenNumbers = [...chunk.accepted.keys()].filter((n) => !refusedSet.has(n));
      await applyBalanceCrossing(tx, { practiceId, statementNumbers: writtenNumbers, asOf });
      return {
        refused,
        texts: await queueTextToPay(tx, {
          practiceId,
          statementNumbers: writtenNumbers,
          now: getClock().now(),
        }),
      };
    });
    smsIds.push(...texts);
    return refused;
  };

  return {
    write,
    smsIds,
    close: async () => {
      try {
        await drop();
      } finally {
        await conn.close();
      }
    },
  };
};

type TStatementWriter = Awaited<ReturnType<typeof openStatementWriter>>;

const ACCOUNT_MISMATCH: TFileError = {
  field: 8,
  code: "ACCOUNT_MISMATCH",
  reason: "Invoice number (field 8) is a statement of another account.",
};

const IMPORT_ROW_COLUMNS = ["id", "fileId", "lineNumber", "accepted", "errors", "updatedAt"];
/** COPY reads this as the current time. */
const NOW = "now";

/**
 * Stores a written chunk's acknowledgement lines (its rows refused on writing as another
 * account's turned R with ACCOUNT_MISMATCH) and its rejected rows. Returns how many it rejected.
 */
const storeChunkResults = async ({
  chunk,
  refusedNumbers,
  ack,
  conn,
  fileId,
}: {
  chunk: TChunk;
  refusedNumbers: string[];
  ack: TAckWriter;
  conn: TSqlOps;
  fileId: string;
}): Promise<number> => {
  const refused = new Set<number>();
  for (const number of refusedNumbers) {
    const lineNumber = chunk.accepted.get(number);
    if (lineNumber === undefined) continue;
    refused.add(lineNumber);
    chunk.rejected.push({ lineNumber, errors: [ACCOUNT_MISMATCH] });
  }
  let ackText = chunk.ack.text();
  if (refused.size > 0) {
    ackText = ackText
      .split("\n")
      .map((line) =>
        refused.has(Number(line.split("|", 2)[1])) ? rejectBalanceAckLine(line, [ACCOUNT_MISMATCH]) : line,
      )
      .join("\n");
  }
  if (ackText.length > 0) await ack.write(ackText);
  if (chunk.rejected.length > 0) {
    const rows = new TextBuffer();
    for (const r of chunk.rejected) {
      rows.push(copyRow([newId(), fileId, r.lineNumber, "f", JSON.stringify(r.errors), NOW]));
    }
    await conn.copyIn("import_file_row", IMPORT_ROW_COLUMNS, rows.text());
  }
  return chunk.rejected.length;
};

/** Whether two chunks name a statement in common (the later must then be written after). */
const overlaps = (a: TChunk, b: TChunk) => {
  const [small, big] = a.accepted.size <= b.accepted.size ? [a, b] : [b, a];
  for (const number of small.accepted.keys()) if (big.accepted.has(number)) return true;
  return false;
};

/**
 * Imports a balance file (`IMPSCIF`, docs/files.md) for a practice: streams it line by line,
 * rejects each bad row with its reasons and keeps going, creates or updates a statement per
 * good row (in batches), writes the acknowledgement (`IMIFACK`) onto the import record, and
 * records who did it. The same content again (by SHA-256) is recognised and changes nothing.
 * `read` is called twice: once to fingerprint the file, once to import it (a file on disk or
 * an uploaded buffer can be read again; nothing holds it all in memory).
 */
export const importBalanceFile = async (input: TImportInput): Promise<TImportResult> => {
  const { practiceId, fileName, read, actor, context } = input;
  // A failed or abandoned import of the same file is done again from the start under the same
  // record: its rows are upserts, so what it wrote before is written again, not twice.
  const { practice, claim } = await beginImport({
    input,
    kind: "BALANCE",
    select: { clientId: true },
    restart: true,
  });
  if (claim.isDuplicate) return claim.result;
  const file = { id: claim.fileId };
  // The file's "as of" time: when it was written, never later than now (a clock ahead, a
  // lastModified in the future).
  const receivedAt = getClock().now();
  const asOf =
    input.writtenAt && input.writtenAt.getTime() < receivedAt.getTime() ? input.writtenAt : receivedAt;

  // What is in memory is the chunk being parsed and the chunks being written (one a writer): a
  // parsed row keeps its whole input chunk alive, so holding a million of them (or strings cut
  // from them) would hold the file. The acknowledgement and rejected rows are stored chunk by
  // chunk, in input order, through a connection of their own.
  let rowCount = 0;
  let rejectedCount = 0;
  /** Rows of the chunks written and stored so far (rowCount counts the rows parsed). */
  let rowsDone = 0;
  const writers: TStatementWriter[] = [];
  let side: TSqlConnection | undefined;
  /**
   * Chunks being written, oldest first, each on its own writer; `stored`: its results stored (and
   * the progress told) once it and every older chunk are, in input order, as soon as written.
   */
  const inFlight: { chunk: TChunk; writer: TStatementWriter; stored: Promise<void> }[] = [];
  /** The newest chunk's `stored` (a failure there fails every later chunk's). */
  let lastStored: Promise<void> = Promise.resolve();
  try {
    for (let i = await bulkWriterCount(); i > 0; i--) {
      writers.push(await openStatementWriter({ practiceId, importFileId: file.id, asOf }));
    }
    side = await openBulkConnection();
    const sideConn = side;
    const ack = await createAckWriter(file.id, sideConn);
    const storeWhenWritten = (chunk: TChunk, refused: Promise<string[]>) =>
      lastStored.then(async () => {
        const refusedNumbers = await refused;
        rejectedCount += await storeChunkResults({
          chunk,
          refusedNumbers,
          ack,
          conn: sideConn,
          fileId: file.id,
        });
        rowsDone += chunk.ack.rowCount;
        await input.onProgress?.({ rowsDone, rejected: rejectedCount });
      });
    const settleOldest = async () => {
      await inFlight.shift()!.stored;
    };
    let chunk = newChunk();
    /** Hands the chunk to a free writer and goes back to parsing while it is written. */
    const flush = async () => {
      const full = chunk;
      chunk = newChunk();
      if (full.ack.rowCount === 0) return;
      // A statement also in a chunk still being written: that one first, so the later line wins.
      while (inFlight.length === writers.length || inFlight.some((job) => overlaps(job.chunk, full))) {
        await settleOldest();
      }
      const writer = writers.find((w) => !inFlight.some((job) => job.writer === w))!;
      const refused = writer.write(full);
      refused.catch(() => undefined); // awaited through `stored`
      const stored = storeWhenWritten(full, refused);
      stored.catch(() => undefined); // awaited in settleOldest, or below when the import fails
      lastStored = stored;
      inFlight.push({ chunk: full, writer, stored });
    };
    for await (const line of readLines(read())) {
      rowCount++;
      const result = parseBalanceRow(line);
      const extraErrors = result.ok ? importerErrors(result.record, practice.clientId) : [];
      if (result.ok && extraErrors.length === 0) {
        const { record } = result;
        if (chunk.accepted.has(record.statementNumber)) await flush();
        const account = accountNumberOf(record);
        if (!chunk.accountNumbers.has(account)) {
          chunk.accountNumbers.add(account);
          chunk.accountRows.push(accountCopyRow(record));
        }
        chunk.statementRows.push(statementCopyRow(record));
        chunk.accepted.set(record.statementNumber, line.lineNumber);
        chunk.ack.push(`${formatBalanceAckLine({ lineNumber: line.lineNumber, result })}\n`);
      } else {
        chunk.ack.push(`${formatBalanceAckLine({ lineNumber: line.lineNumber, result, extraErrors })}\n`);
        chunk.rejected.push({
          lineNumber: line.lineNumber,
          errors: [...(result.ok ? [] : result.errors), ...extraErrors],
        });
      }
      if (chunk.ack.rowCount >= CHUNK_ROWS) await flush();
    }
    await flush();
    while (inFlight.length > 0) await settleOldest();
    await ack.finish();
  } catch (error) {
    // Let writes under way finish (or fail) before their connections go.
    await Promise.allSettled(inFlight.map((job) => job.stored));
    await failImportFile(file.id);
    throw error;
  } finally {
    await Promise.allSettled([...writers.map((w) => w.close()), side?.close()]);
  }

  const acceptedCount = rowCount - rejectedCount;
  await finishImportFile({
    fileId: file.id,
    kind: "BALANCE",
    fileName,
    counts: { rowCount, acceptedCount, rejectedCount },
    ackFileName: ackFileNameFor("IMIFACK", fileName),
    audit: { actor, context, action: "import.balance_file" },
  });
  // The statements' text-to-pay texts: the first few at once, the rest by the sweep (sms.send-due).
  await sendSmsNow(writers.flatMap((w) => w.smsIds).slice(0, SEND_TEXTS_AT_ONCE));
  return {
    importFileId: file.id,
    isDuplicate: false,
    rowCount,
    acceptedCount,
    rejectedCount,
  };
};
