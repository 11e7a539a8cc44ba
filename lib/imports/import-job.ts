import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import { AppError, isAppError } from "@/lib/errors";
import type { TAuditActor } from "@/lib/audit/record";
import type { TLineSource } from "@/lib/files/read-lines";
import { importFile } from "@/lib/imports/importers";
import { isImportKind, type TImportKind } from "@/lib/imports/kinds";
import { createProgressRecorder } from "@/lib/imports/progress";
import { log } from "@/lib/log";

/**
 * A staff upload is imported by a job (docs/files.md, "Uploads run as jobs"): the upload stores
 * the file in import_file_chunk and returns at once; the job `imports.run` imports it with the
 * kind's importer, recording its progress, and drops the stored content when it is done. A job
 * that fails is tried again; one whose process died is taken over once its record shows no sign
 * of life for JOB_ABANDONED_AFTER_MS. The importers are idempotent per file (a balance import
 * starts over, the others skip the rows done), so a second run applies nothing twice.
 */

export const IMPORT_JOB = "imports.run";

/** A run of an import job that wrote no progress for this long died with its process. */
export const JOB_ABANDONED_AFTER_MS = 2 * 60_000;

/** Bytes of an upload stored per chunk. */
const CHUNK_BYTES = 1024 * 1024;

export const IMPORT_QUEUE: Omit<PgBoss.Queue, "name"> = {
  retryLimit: 2,
  retryDelay: 5,
  retryBackoff: false,
  // A worker that dies leaves its job active this long before pg-boss hands it out again.
  expireInSeconds: 15 * 60,
};

const jobDataSchema = z.object({
  importFileId: z.string().min(1).max(64),
  context: z.object({ ip: z.string().nullable(), userAgent: z.string().nullable() }).optional(),
});
export type TImportJobData = z.infer<typeof jobDataSchema>;

/**
 * Puts an import's run on the queue (the queue is created if no worker has yet). The caller
 * hands in the queue (`getJobQueue()`): lib/jobs runs this folder's jobs, so this folder does
 * not import it.
 */
export const enqueueImport = async (boss: PgBoss, data: TImportJobData) => {
  await boss.createQueue(IMPORT_JOB, { name: IMPORT_JOB, ...IMPORT_QUEUE });
  await boss.send(IMPORT_JOB, data, { singletonKey: data.importFileId });
};

/** An upload stored this long ago and still waiting with no job for it has lost its job. */
export const LOST_UPLOAD_AFTER_MS = 60_000;

/** How many lost uploads one sweep sends again (the next sweep, a minute later, takes the rest). */
const LOST_UPLOAD_BATCH = 100;

/**
 * The sweep `imports.requeue-lost` (lib/jobs/worker.ts, every minute): an upload is stored and
 * then its job sent, so a process that dies between the two (or a job deleted or expired by
 * pg-boss) leaves it RECEIVED for ever. This finds the uploads stored (wholly: one still
 * streaming in has no fingerprint yet) at least LOST_UPLOAD_AFTER_MS ago, still RECEIVED, with
 * no job of theirs waiting, retrying or running, and sends each its job again. A job sent twice
 * all the same (the upload's own, late) is harmless: runImportJob's claim lets one run import the
 * file and the other finds it done or running. The run is the system's (the uploader's request
 * is long gone), and its audit row is the uploader's as for any upload.
 */
export const requeueLostUploads = async ({ boss, now }: { boss: PgBoss; now: Date }) => {
  const db = await getDb();
  const waiting = await db.importFile.findMany({
    where: {
      status: "RECEIVED",
      updatedAt: { lt: new Date(now.getTime() - LOST_UPLOAD_AFTER_MS) },
      NOT: { sha256: { startsWith: "upload:" } },
    },
    select: { id: true },
    orderBy: { updatedAt: "asc" },
    take: LOST_UPLOAD_BATCH,
  });
  const requeued: string[] = [];
  for (const { id } of waiting) {
    // pg-boss's own table (its default schema, as lib/jobs/queue.ts creates it): a job of the
    // upload's that is created, retry or active (the states before completed) is still to come.
    const { rows } = await boss
      .getDb()
      .executeSql(
        `SELECT 1 FROM pgboss.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
        [IMPORT_JOB, id],
      );
    if (rows.length > 0) continue;
    await enqueueImport(boss, { importFileId: id });
    requeued.push(id);
  }
  return { requeued };
};

/** Counts the non-blank lines of a file as its bytes go by (an estimate of its rows, for the progress bar). */
const lineCounter = () => {
  let lines = 0;
  let isLineOpen = false;
  return {
    add(bytes: Uint8Array) {
      for (const byte of bytes) {
        if (byte === 0x0a) {
          if (isLineOpen) lines++;
          isLineOpen = false;
        } else if (byte !== 0x0d && byte !== 0x20 && byte !== 0x09) isLineOpen = true;
      }
    },
    total: () => lines + (isLineOpen ? 1 : 0),
  };
};

export type TStoredUpload = { importFileId: string; isDuplicate: boolean; shouldRun: boolean };

/**
 * Stores an upload's content, chunk by chunk as it streams in (at most one chunk in memory), on
 * an import record of status RECEIVED, fingerprinting it and counting its lines on the way. The
 * same file again: a file imported (or being imported) is a duplicate and what was just stored
 * is dropped; a failed import of it is taken up again with this content.
 */
export const storeUpload = async ({
  practiceId,
  kind,
  fileName,
  stream,
  writtenAt,
  userId,
}: {
  practiceId: string;
  kind: TImportKind;
  fileName: string;
  stream: ReadableStream<Uint8Array>;
  writtenAt?: Date;
  userId: string;
}): Promise<TStoredUpload> => {
  const db = await getDb();
  const uploadId = newId();
  await db.importFile.create({
    data: {
      id: uploadId,
      practiceId,
      kind,
      fileName: fileName.slice(0, 255),
      // Until the whole file is in: a fingerprint no file has.
      sha256: `upload:${uploadId}`,
      status: "RECEIVED",
      uploadedByUserId: userId,
      writtenAt: writtenAt ?? null,
    },
  });
  try {
    const hash = createHash("sha256");
    const lines = lineCounter();
    let seq = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const store = async () => {
      if (pendingBytes === 0) return;
      const content = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      // As base64 text, decoded by the database: the drivers differ in how they take bytes.
      await db.$executeRaw`
        INSERT INTO "import_file_chunk" ("fileId", seq, content)
        VALUES (${uploadId}, ${seq++}, decode(${content.toString("base64")}, 'base64'))`;
    };
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      lines.add(value);
      pending.push(value);
      pendingBytes += value.byteLength;
      if (pendingBytes >= CHUNK_BYTES) await store();
    }
    await store();
    const sha256 = hash.digest("hex");
    const totalRows = lines.total();
    return await db.$transaction(async (tx) => {
      const existing = await tx.importFile.findUnique({
        where: { practiceId_kind_sha256: { practiceId, kind, sha256 } },
        select: { id: true, status: true, updatedAt: true },
      });
      if (!existing) {
        await tx.importFile.update({ where: { id: uploadId }, data: { sha256, totalRows } });
        return { importFileId: uploadId, isDuplicate: false, shouldRun: true };
      }
      const isAbandoned =
        existing.status === "PROCESSING" &&
        existing.updatedAt.getTime() < Date.now() - JOB_ABANDONED_AFTER_MS;
      if (existing.status !== "FAILED" && !isAbandoned) {
        await tx.importFile.delete({ where: { id: uploadId } });
        // RECEIVED: waiting for its job, sent again in case it was lost (a second run is a no-op).
        return { importFileId: existing.id, isDuplicate: true, shouldRun: existing.status === "RECEIVED" };
      }
      // Its import failed (or died): this content takes the place of what it had, and it runs again.
      await tx.importFileChunk.deleteMany({ where: { fileId: existing.id } });
      await tx.importFileChunk.updateMany({ where: { fileId: uploadId }, data: { fileId: existing.id } });
      await tx.importFile.delete({ where: { id: uploadId } });
      await tx.importFile.update({
        where: { id: existing.id },
        data: {
          status: "RECEIVED",
          totalRows,
          writtenAt: writtenAt ?? null,
          failureReason: null,
          uploadedByUserId: userId,
        },
      });
      return { importFileId: existing.id, isDuplicate: false, shouldRun: true };
    });
  } catch (error) {
    await db.importFile.deleteMany({ where: { id: uploadId } }).catch(() => undefined);
    throw error;
  }
};

/** An upload's stored content, chunk by chunk, in order (one chunk in memory at a time). */
export async function* readStoredUpload(fileId: string): AsyncGenerator<Uint8Array> {
  const db = await getDb();
  for (let seq = 0; ; seq++) {
    const [chunk] = await db.$queryRaw<{ content: string }[]>`
      SELECT encode(content, 'base64') AS content FROM "import_file_chunk"
       WHERE "fileId" = ${fileId} AND seq = ${seq}`;
    if (!chunk) {
      if (seq === 0) {
        throw new AppError("NOT_FOUND", {
          message: `import ${fileId} has no stored content`,
          userMessage: "The uploaded file is no longer stored. Upload it again.",
        });
      }
      return;
    }
    yield Buffer.from(chunk.content, "base64");
  }
}

/** What a staff member reads about a failed run: an AppError's own words, else a reference to quote. */
const failureReasonOf = (error: unknown, reference: string) =>
  isAppError(error)
    ? error.userMessage
    : `The import stopped on an unexpected error (reference ${reference}). What was done is kept and nothing is done twice.`;

/**
 * The job: imports a stored upload with its kind's importer. Nothing to do when it is done
 * already, or while another run is under way (its record shows a sign of life). A failure is
 * recorded with its reason and thrown for pg-boss to try again; before the last try the record
 * goes back to RECEIVED (the page keeps waiting), after it, FAILED.
 */
export const runImportJob = async (
  data: unknown,
  job?: { retryCount: number; retryLimit: number },
  { read = readStoredUpload }: { read?: (fileId: string) => TLineSource } = {},
) => {
  const { importFileId, context } = jobDataSchema.parse(data);
  const db = await getDb();
  const file = await db.importFile.findUnique({
    where: { id: importFileId },
    select: {
      kind: true,
      practiceId: true,
      fileName: true,
      writtenAt: true,
      uploadedByUserId: true,
    },
  });
  if (!file || !isImportKind(file.kind)) return { skipped: "missing" as const };
  const abandonedBefore = new Date(Date.now() - JOB_ABANDONED_AFTER_MS);
  const taken = await db.importFile.updateMany({
    where: {
      id: importFileId,
      OR: [
        { status: { in: ["RECEIVED", "FAILED"] } },
        { status: "PROCESSING", updatedAt: { lt: abandonedBefore } },
      ],
    },
    // RECEIVED again (a dead run's PROCESSING too), for the importer's claim to take.
    data: {
      status: "RECEIVED",
      startedAt: getClock().now(),
      finishedAt: null,
      rowsDone: 0,
      rejectedCount: 0,
      failureReason: null,
    },
  });
  if (taken.count === 0) return { skipped: "done-or-running" as const };
  const user = file.uploadedByUserId
    ? await db.user.findUnique({
        where: { id: file.uploadedByUserId },
        select: { id: true, role: true, email: true },
      })
    : null;
  const actor: TAuditActor = user
    ? { kind: "user", userId: user.id, role: user.role, label: user.email }
    : { kind: "system", label: IMPORT_JOB };
  try {
    const result = await importFile({
      kind: file.kind,
      practiceId: file.practiceId,
      fileName: file.fileName,
      read: () => read(importFileId),
      writtenAt: file.writtenAt ?? undefined,
      actor,
      context,
      onProgress: createProgressRecorder(importFileId),
      abandonedAfterMs: JOB_ABANDONED_AFTER_MS,
    });
    if (result.isDuplicate) return { skipped: "done-or-running" as const };
    await db.$transaction([
      db.importFile.update({
        where: { id: importFileId },
        data: { rowsDone: result.rowCount, finishedAt: getClock().now() },
      }),
      // Its content is not kept once imported (an enrolment file carries bank account numbers).
      db.importFileChunk.deleteMany({ where: { fileId: importFileId } }),
    ]);
    return { skipped: null, result };
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    // Never the file's content in the log: an enrolment file carries bank account numbers.
    log.error({ err: error }, `[imports] job for import ${importFileId} failed (reference ${reference})`);
    const isLastTry = !job || job.retryCount >= job.retryLimit;
    await db.importFile.updateMany({
      where: { id: importFileId, status: { in: ["FAILED", "PROCESSING"] } },
      data: isLastTry
        ? { status: "FAILED", failureReason: failureReasonOf(error, reference), finishedAt: getClock().now() }
        : {
            status: "RECEIVED",
            failureReason: `${failureReasonOf(error, reference)} It is being tried again.`,
          },
    });
    throw error;
  }
};
