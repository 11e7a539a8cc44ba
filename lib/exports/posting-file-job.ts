import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { deliverExportFile } from "@/lib/exports/outbox";
import { producePostingFile, type TPostingWriteHooks } from "@/lib/exports/posting-file";
import type { TExportProducer } from "@/lib/exports/file-store";
import { getJobQueue } from "@/lib/queue/job-queue";

/**
 * A day's posting file staff asked for is written by a job (docs/files.md, "Exports run as
 * jobs"): the action makes the day's record, waiting (reservePostingFile), puts
 * `exports.posting-file` on the queue and answers at once; the job writes it with
 * producePostingFile, whose claim makes it exactly once (a second run finds it written or being
 * written). A run that fails leaves the file FAILED; pg-boss tries again, and the hourly
 * `exports.posting-files` finishes it after that.
 */

export const POSTING_FILE_JOB = "exports.posting-file";

export const POSTING_FILE_QUEUE: Omit<PgBoss.Queue, "name"> = {
  retryLimit: 2,
  retryDelay: 5,
  retryBackoff: false,
  // Longer than the writer's claim (10 minutes): a run handed out again finds the claim run out.
  expireInSeconds: 15 * 60,
};

const jobDataSchema = z.object({ postingFileId: z.string().min(1).max(64) });
export type TPostingFileJobData = z.infer<typeof jobDataSchema>;

/** Puts a waiting file's job on the queue (once per file while one is queued). */
export const enqueuePostingFile = async (data: TPostingFileJobData, boss?: PgBoss) => {
  const queue = boss ?? (await getJobQueue());
  await queue.createQueue(POSTING_FILE_JOB, { name: POSTING_FILE_JOB, ...POSTING_FILE_QUEUE });
  await queue.send(POSTING_FILE_JOB, data, { singletonKey: data.postingFileId });
};

/** The job: writes the waiting file (nothing to do when it is written, or while another run holds it). */
export const runPostingFileJob = async (data: unknown, { hooks }: { hooks?: TPostingWriteHooks } = {}) => {
  const { postingFileId } = jobDataSchema.parse(data);
  const db = await getDb();
  const file = await db.postingFile.findUnique({
    where: { id: postingFileId },
    select: {
      practiceId: true,
      format: true,
      businessDay: true,
      status: true,
      producedByUserId: true,
      producedBy: true,
    },
  });
  if (!file || file.status === "READY") return { skipped: "missing-or-done" as const };
  const producer: TExportProducer = file.producedByUserId
    ? { kind: "staff", userId: file.producedByUserId, email: file.producedBy }
    : { kind: "job" };
  const result = await producePostingFile({
    practiceId: file.practiceId,
    format: file.format,
    businessDay: file.businessDay,
    producer,
    hooks,
  });
  if (result.outcome === "produced") {
    // Into EXPORT_OUTBOX_DIR too, when set; a failure here is retried by the hourly job.
    await deliverExportFile({ kind: "posting", fileId: result.file.id }).catch((error: unknown) =>
      log.error({ err: error }, `[exports] posting file ${result.file.id}: delivery to the outbox failed`),
    );
  }
  return { skipped: null, outcome: result.outcome };
};
