import "server-only";
import { createHash, type Hash } from "node:crypto";
import type { ImportFileKind, Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { newId } from "@/lib/db/ids";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import type { TFileError } from "@/lib/files/fields";
import { parsePmsFileName, type TPmsFileKind } from "@/lib/files/file-names";
import { readLines, type TLine, type TLineSource } from "@/lib/files/read-lines";
import type { TAckWriter } from "@/lib/imports/ack-store";
import type { TRequestContext } from "@/lib/request-context";

/**
 * The import record (ImportFile) every importer shares: one per practice, kind and content
 * (SHA-256), so the same file again is recognised and changes nothing; an import that failed,
 * or died while processing, is taken up again by sending the same file.
 */

/** An import still PROCESSING this long after its last sign of life died with its process. */
export const ABANDONED_AFTER_MS = 60 * 60_000;

export type TImportCounts = { rowCount: number; acceptedCount: number; rejectedCount: number };

export type TImportResult = TImportCounts & {
  importFileId: string;
  /** True when this very file had been imported before (or is being imported): nothing changed. */
  isDuplicate: boolean;
};

/** The chunks of a file, passed on unchanged, each added to `hash` on the way. */
export async function* hashing(source: TLineSource, hash: Hash): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    hash.update(chunk);
    yield chunk;
  }
}

const countsOf = (f: TImportCounts): TImportCounts => ({
  rowCount: f.rowCount,
  acceptedCount: f.acceptedCount,
  rejectedCount: f.rejectedCount,
});

export type TClaimedImport =
  | { isDuplicate: true; result: TImportResult }
  | {
      isDuplicate: false;
      fileId: string;
      /** Taken up again after a failure: rows it recorded then are still there (unless `restart`). */
      isRetry: boolean;
    };

/**
 * Finds or creates the import record for a file and claims it for this run (status
 * PROCESSING). The same content again is a duplicate (nothing to do), unless its import failed
 * or was abandoned: then this run takes it up again, by a conditional UPDATE, so of two runs
 * that try at once only one does. `restart`: the rows the failed run recorded are dropped first
 * (an importer whose rows are upserts starts over); otherwise they stay, and the importer
 * resumes by skipping the rows already done.
 */
export const claimImportFile = async ({
  practiceId,
  kind,
  fileName,
  sha256,
  actor,
  restart = false,
  abandonedAfterMs = ABANDONED_AFTER_MS,
}: {
  practiceId: string;
  kind: ImportFileKind;
  fileName: string;
  sha256: string;
  actor: TAuditActor;
  restart?: boolean;
  /** A run PROCESSING with no sign of life this long is taken over (a job's: shorter, see import-job.ts). */
  abandonedAfterMs?: number;
}): Promise<TClaimedImport> => {
  const db = await getDb();
  const where = { practiceId_kind_sha256: { practiceId, kind, sha256 } };
  const duplicate = (f: TImportCounts & { id: string }): TClaimedImport => ({
    isDuplicate: true,
    result: { ...countsOf(f), importFileId: f.id, isDuplicate: true },
  });
  const existing = await db.importFile.findUnique({ where });
  if (existing) {
    const abandonedBefore = new Date(Date.now() - abandonedAfterMs);
    const claimed = await db.$transaction(async (tx) => {
      const taken = await tx.importFile.updateMany({
        where: {
          id: existing.id,
          // RECEIVED: an upload stored and waiting for its job (lib/imports/import-job.ts).
          OR: [
            { status: { in: ["RECEIVED", "FAILED"] } },
            { status: "PROCESSING", updatedAt: { lt: abandonedBefore } },
          ],
        },
        data: { status: "PROCESSING" },
      });
      if (taken.count === 0) return false;
      if (restart) await tx.importFileRow.deleteMany({ where: { fileId: existing.id } });
      return true;
    });
    return claimed ? { isDuplicate: false, fileId: existing.id, isRetry: true } : duplicate(existing);
  }
  try {
    const file = await db.importFile.create({
      data: {
        practiceId,
        kind,
        fileName: fileName.slice(0, 255),
        sha256,
        status: "PROCESSING",
        uploadedByUserId: actor.kind === "user" ? actor.userId : null,
      },
      select: { id: true },
    });
    return { isDuplicate: false, fileId: file.id, isRetry: false };
  } catch (error) {
    // The same file from two places at once (an upload and the inbox): the other one imports it.
    if (!isUniqueViolation(error)) throw error;
    return duplicate(await db.importFile.findUniqueOrThrow({ where }));
  }
};

/** What every importer is given: the practice, the file and who imports it. */
export type TImportInput = {
  practiceId: string;
  fileName: string;
  /** Called once per pass over the file: a file on disk or an uploaded buffer can be read again. */
  read: () => TLineSource;
  actor: TAuditActor;
  context?: TRequestContext;
  /**
   * When the PMS wrote the file, as best known: the inbox file's modification time, the
   * browser's `File.lastModified` of an upload (absent: the time it is received). A balance
   * file's payments are weighed against it (docs/files.md, "A balance file and the payments it
   * crossed").
   */
  writtenAt?: Date;
  /**
   * Told the rows settled so far and how many of them were rejected, after each batch (the job
   * that runs an upload records it, throttled: lib/imports/progress.ts).
   */
  onProgress?: (progress: TImportProgress) => Promise<void>;
  /** See claimImportFile. */
  abandonedAfterMs?: number;
};

export type TImportProgress = { rowsDone: number; rejected: number };

/**
 * The start every importer shares: the practice (what `select` asks of it; a missing one throws
 * before the file is read), a first pass over the file that fingerprints it (SHA-256) and gives
 * each line to `check` (the layout's whole-file check) on the way, holding no line, then the
 * import record claimed (claimImportFile; a duplicate is the importer's to return).
 */
export const beginImport = async <TSelect extends Prisma.PracticeSelect>({
  input: { practiceId, fileName, read, actor, abandonedAfterMs },
  kind,
  select,
  check,
  restart,
}: {
  input: TImportInput;
  kind: ImportFileKind;
  select: TSelect;
  check?: { next: (line: TLine) => unknown };
  restart?: boolean;
}) => {
  const db = await getDb();
  const practice: Prisma.PracticeGetPayload<{ select: TSelect }> = await db.practice.findUniqueOrThrow({
    where: { id: practiceId },
    select,
  });
  const hash = createHash("sha256");
  if (check) {
    for await (const line of readLines(hashing(read(), hash))) check.next(line);
  } else {
    // Nothing to check line by line: the chunks are hashed as they come, never split into lines.
    for await (const _chunk of hashing(read(), hash));
  }
  const sha256 = hash.digest("hex");
  const claim = await claimImportFile({
    practiceId,
    kind,
    fileName,
    sha256,
    actor,
    restart,
    abandonedAfterMs,
  });
  return { practice, sha256, claim };
};

/** A sign of life from a long import, so that it is not taken for abandoned. */
export const touchImportFile = async (fileId: string) => {
  const db = await getDb();
  await db.importFile.update({ where: { id: fileId }, data: { updatedAt: new Date() } });
};

/** The import did not finish: sending the same file again takes it up (claimImportFile). */
export const failImportFile = async (fileId: string) => {
  const db = await getDb();
  // Only a run under way fails: a run taken for dead that wakes up later cannot undo the
  // finished import of the run that took over.
  await db.importFile.updateMany({ where: { id: fileId, status: "PROCESSING" }, data: { status: "FAILED" } });
};

/**
 * The row loop every streaming importer shares: the file's rows in order, `batchSize` at a time,
 * each batch settled by `settle` and the acknowledgement lines it returns written as they come,
 * with a sign of life after every full batch. `start` runs first (it opens the acknowledgement,
 * when the kind has one, and records a whole-file rejection). Any failure, `start`'s included,
 * marks the import FAILED, to be taken up by sending the same file again, and is thrown.
 */
export const importInBatches = async <TRow>({
  fileId,
  rows,
  batchSize,
  settle,
  start,
}: {
  fileId: string;
  /** Read lazily, so that reading the file fails the import too. */
  rows: AsyncIterable<TRow>;
  batchSize: number;
  settle: (batch: TRow[]) => Promise<string | void>;
  start?: () => Promise<TAckWriter | void>;
}) => {
  try {
    const ack = (await start?.()) ?? null;
    const flush = async (batch: TRow[]) => {
      const text = await settle(batch);
      if (ack && text) await ack.write(text);
    };
    let batch: TRow[] = [];
    for await (const row of rows) {
      batch.push(row);
      if (batch.length >= batchSize) {
        await flush(batch);
        batch = [];
        await touchImportFile(fileId);
      }
    }
    if (batch.length > 0) await flush(batch);
    await ack?.finish();
  } catch (error) {
    await failImportFile(fileId);
    throw error;
  }
};

/**
 * The import finished: its counts and the name of its acknowledgement (null: none), with the
 * audit row that says who imported what, in one transaction. The audit metadata always has the
 * file's name, whether the name follows its layout, and the counts; `metadata` adds the kind's own.
 */
export const finishImportFile = async ({
  fileId,
  kind,
  fileName,
  counts,
  ackFileName,
  audit,
}: {
  fileId: string;
  kind: TPmsFileKind;
  fileName: string;
  counts: TImportCounts;
  ackFileName: string | null;
  audit: {
    actor: TAuditActor;
    context?: TRequestContext;
    action: string;
    metadata?: Record<string, unknown>;
  };
}) => {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.importFile.update({
      where: { id: fileId },
      data: { status: "PROCESSED", ...countsOf(counts), ackFileName },
    });
    await recordAudit(
      {
        actor: audit.actor,
        action: audit.action,
        target: { type: "ImportFile", id: fileId },
        context: audit.context,
        metadata: {
          fileName,
          nameMatchesLayout: parsePmsFileName(fileName, kind).ok,
          ...countsOf(counts),
          ...audit.metadata,
        },
      },
      tx,
    );
  });
};

/** `<ACK ID>_<the input's name without folder or .txt>.txt`, e.g. `APCACK_APC_RFM001_20261124_1.txt`. */
export const ackFileNameFor = (ackId: string, fileName: string) =>
  `${ackId}_${fileName.replace(/^.*[\\/]/, "").replace(/\.txt$/i, "")}.txt`.slice(0, 255);

/** An outcome recorded for a row (line 0: the file as a whole). Never the line itself. */
export type TRowOutcome = { lineNumber: number; accepted: boolean; errors?: readonly TFileError[] };

const rowData = (fileId: string, row: TRowOutcome) => ({
  fileId,
  lineNumber: row.lineNumber,
  accepted: row.accepted,
  ...(row.errors && row.errors.length > 0 ? { errors: row.errors as unknown as Prisma.InputJsonValue } : {}),
});

/** Records row outcomes; one already recorded (by an earlier run of the same import) is kept. */
export const recordRowOutcomes = async (fileId: string, rows: readonly TRowOutcome[]) => {
  if (rows.length === 0) return;
  const db = await getDb();
  await db.importFileRow.createMany({ data: rows.map((r) => rowData(fileId, r)), skipDuplicates: true });
};

/**
 * Records a row as accepted inside the transaction that makes its changes, so that a row's
 * changes and "this row is done" commit together. Call it first: false means the row was already
 * recorded (another run of the same import did it, or was doing it and has now committed), and
 * nothing more is to be done for it.
 */
export const claimRow = async (tx: Prisma.TransactionClient, fileId: string, lineNumber: number) => {
  const inserted = await tx.$executeRaw`
    INSERT INTO "import_file_row" (id, "fileId", "lineNumber", accepted, "updatedAt")
    VALUES (${newId()}, ${fileId}, ${lineNumber}, true, now())
    ON CONFLICT ("fileId", "lineNumber") DO NOTHING`;
  return inserted === 1;
};

/**
 * The outcomes an earlier run of this import recorded for these rows' lines; none on a first run
 * (only a retry finds rows done).
 */
export const recordedOutcomes = async (
  { fileId, isRetry }: { fileId: string; isRetry: boolean },
  rows: readonly { lineNumber: number }[],
): Promise<Map<number, TRowOutcome>> => {
  if (!isRetry || rows.length === 0) return new Map();
  const db = await getDb();
  const recorded = await db.importFileRow.findMany({
    where: { fileId, lineNumber: { in: rows.map((r) => r.lineNumber) } },
    select: { lineNumber: true, accepted: true, errors: true },
  });
  return new Map(
    recorded.map((r) => [
      r.lineNumber,
      { lineNumber: r.lineNumber, accepted: r.accepted, errors: (r.errors ?? []) as unknown as TFileError[] },
    ]),
  );
};
