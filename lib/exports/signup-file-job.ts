import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { deliverExportFile } from "@/lib/exports/outbox";
import { produceSignupFile, type TSignupProducer, type TSignupProgressHook } from "@/lib/exports/signup-file";
import { getJobQueue } from "@/lib/queue/job-queue";
import { log } from "@/lib/log";

/**
 * A sign-up file staff asked for is written by a job (docs/files.md, "Exports run as jobs"): the
 * action makes the day's record, waiting (queueSignupFile), puts `exports.signup-file` on the
 * queue and answers at once; the job writes it with produceSignupFile, whose claim makes it
 * exactly once: a second run, or a second worker, finds it written or being written. A run whose
 * process died leaves a claim that runs out (SIGNUP_FILE_LEASE_MS, renewed every page); pg-boss
 * hands the job out again once it expires, and that run takes the file over.
 */

export const SIGNUP_FILE_JOB = "exports.signup-file";

export const SIGNUP_FILE_QUEUE: Omit<PgBoss.Queue, "name"> = {
  retryLimit: 2,
  retryDelay: 5,
  retryBackoff: false,
  // Longer than the writer's claim (10 minutes): a run handed out again finds the claim run out.
  expireInSeconds: 15 * 60,
};

const jobDataSchema = z.object({ signupFileId: z.string().min(1).max(64) });
export type TSignupFileJobData = z.infer<typeof jobDataSchema>;

/** Puts a waiting file's job on the queue (once per file: a file already queued is not sent twice). */
export const enqueueSignupFile = async (data: TSignupFileJobData, boss?: PgBoss) => {
  const queue = boss ?? (await getJobQueue());
  await queue.createQueue(SIGNUP_FILE_JOB, { name: SIGNUP_FILE_JOB, ...SIGNUP_FILE_QUEUE });
  await queue.send(SIGNUP_FILE_JOB, data, { singletonKey: data.signupFileId });
};

/** What staff read about a failed run: an AppError's own words, else a reference to quote. */
const failureReasonOf = (error: unknown, reference: string) =>
  isAppError(error) ? error.userMessage : `The file stopped on an unexpected error (reference ${reference}).`;

/**
 * The job: writes the waiting file (nothing to do when it is written, or while another run
 * holds it). A failure is recorded on the file with its reason and thrown for pg-boss to try
 * again; the hourly `exports.signup-files` finishes a file whose tries all failed.
 */
export const runSignupFileJob = async (
  data: unknown,
  job?: { retryCount: number; retryLimit: number },
  { onProgress }: { onProgress?: TSignupProgressHook } = {},
) => {
  const { signupFileId } = jobDataSchema.parse(data);
  const db = await getDb();
  const file = await db.signupFile.findUnique({
    where: { id: signupFileId },
    select: {
      practiceId: true,
      mode: true,
      businessDay: true,
      status: true,
      producedByUserId: true,
      producedBy: true,
    },
  });
  if (!file || file.status === "READY") return { skipped: "missing-or-done" as const };
  const producer: TSignupProducer = file.producedByUserId
    ? { kind: "staff", userId: file.producedByUserId, email: file.producedBy }
    : { kind: "job" };
  try {
    const result = await produceSignupFile({
      practiceId: file.practiceId,
      mode: file.mode,
      businessDay: file.businessDay,
      producer,
      onProgress,
    });
    if (result.outcome === "produced") {
      // Into EXPORT_OUTBOX_DIR too, when set; a failure here is retried by the hourly job.
      await deliverExportFile({ kind: "signup", fileId: result.file.id }).catch((error: unknown) =>
        log.error({ err: error }, `[exports] sign-up file ${result.file.id}: delivery to the outbox failed`),
      );
    }
    return { skipped: null, outcome: result.outcome };
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    log.error(
      { err: error },
      `[exports] job for sign-up file ${signupFileId} failed (reference ${reference})`,
    );
    const isLastTry = !job || job.retryCount >= job.retryLimit;
    await db.signupFile.updateMany({
      where: { id: signupFileId, status: "FAILED" },
      data: {
        failureReason: isLastTry
          ? `${failureReasonOf(error, reference)} It is tried again within the hour.`
          : `${failureReasonOf(error, reference)} It is being tried again.`,
      },
    });
    throw error;
  }
};
