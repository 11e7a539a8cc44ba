import "server-only";
import type PgBoss from "pg-boss";
import { getClock } from "@/lib/clock";
import { scheduleTimeZone } from "@/lib/practice";
import { reconcilePendingPayments } from "@/lib/payments/reconcile-payment";
import { processImportInbox } from "@/lib/imports/inbox";
import { chargeDueAutopay, sendAutopayReminders } from "@/lib/autopay/run-autopay";
import { chargeDueInstallments, sendPlanReminders } from "@/lib/plans/run-plans";
import { runPostingFiles } from "@/lib/exports/run-posting-files";
import { runSignupFiles } from "@/lib/exports/run-signup-files";
import { cleanupRateLimits } from "@/lib/rate-limit/cleanup";
import { cleanupApiIdempotency } from "@/lib/api/cleanup";
import { reportRefusals } from "@/lib/rate-limit/lockout";
import { cleanupSessions } from "@/lib/auth/user-session";
import { drainReceiptEmails } from "@/lib/receipts/receipt-email-queue";
import { drainAgreementEmails } from "@/lib/plans/agreement-email-queue";
import { drainSms } from "@/lib/sms/sender";
import { syncSettlements } from "@/lib/settlements/sync-settlements";
import { deleteOldEvents } from "@/lib/events/cleanup";
import { drainWebhooks } from "@/lib/webhooks/deliver";
import { IMPORT_JOB, IMPORT_QUEUE, requeueLostUploads, runImportJob } from "@/lib/imports/import-job";
import { runSignupFileJob, SIGNUP_FILE_JOB, SIGNUP_FILE_QUEUE } from "@/lib/exports/signup-file-job";
import { POSTING_FILE_JOB, POSTING_FILE_QUEUE, runPostingFileJob } from "@/lib/exports/posting-file-job";
import {
  runTransactionsExportJob,
  TRANSACTIONS_CSV_JOB,
  TRANSACTIONS_CSV_QUEUE,
} from "@/lib/reports/transactions-export";

/**
 * A kind of background work: its queue, its retry policy and, for recurring work, its
 * schedule (cron, in the practice's time zone). Handlers must be idempotent: a job whose
 * worker died is run again after it expires; every charge they make carries an idempotency key.
 */
export type TJobDefinition = {
  name: string;
  cron?: string;
  /** pg-boss queue options (retries with exponential backoff by default). */
  queue?: Omit<PgBoss.Queue, "name">;
  /**
   * `job`: which try this is (retryCount from 0) of how many retries (retryLimit); `worker.boss`:
   * the queue this worker works, for a handler that sends jobs.
   */
  handler: (
    data: unknown,
    job: { retryCount: number; retryLimit: number },
    worker: { boss: PgBoss },
  ) => Promise<unknown>;
};

/** Recurring sweeps run one at a time: a run that is still going is not joined by the next. */
const SWEEP: Omit<PgBoss.Queue, "name"> = {
  policy: "stately",
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
};

export const JOBS: TJobDefinition[] = [
  {
    // A staff upload, stored and waiting (lib/imports/import-job.ts); sent by the upload itself.
    name: IMPORT_JOB,
    queue: IMPORT_QUEUE,
    handler: (data, job) => runImportJob(data, job),
  },
  {
    // Uploads whose job was lost (the process died before sending it, or pg-boss dropped it):
    // sent again once they have waited a minute with no job (lib/imports/import-job.ts).
    name: "imports.requeue-lost",
    cron: "* * * * *",
    queue: SWEEP,
    handler: (_data, _job, { boss }) => requeueLostUploads({ boss, now: getClock().now() }),
  },
  {
    // A sign-up file staff asked for, waiting (lib/exports/signup-file-job.ts); sent by the action.
    name: SIGNUP_FILE_JOB,
    queue: SIGNUP_FILE_QUEUE,
    handler: (data, job) => runSignupFileJob(data, job),
  },
  {
    // A day's posting file staff asked for, waiting (lib/exports/posting-file-job.ts); sent by the action.
    name: POSTING_FILE_JOB,
    queue: POSTING_FILE_QUEUE,
    handler: (data) => runPostingFileJob(data),
  },
  {
    // A transactions CSV too large to stream, waiting (lib/reports/transactions-export.ts); sent by its request.
    name: TRANSACTIONS_CSV_JOB,
    queue: TRANSACTIONS_CSV_QUEUE,
    handler: (data, job) => runTransactionsExportJob(data, job),
  },
  {
    // Receipts a crash or an SMTP failure left due (the approving process sends them at once).
    name: "receipts.send-due",
    cron: "* * * * *",
    queue: SWEEP,
    handler: () => drainReceiptEmails(),
  },
  {
    // Agreements of plans staff set up that a crash or an SMTP failure left due (the creating
    // request sends them at once; lib/plans/agreement-email-queue.ts).
    name: "plans.send-agreements",
    cron: "* * * * *",
    queue: SWEEP,
    handler: () => drainAgreementEmails(),
  },
  {
    // Texts a crash, a provider failure or quiet hours left due (the request that made one due
    // sends it at once; lib/sms/sender.ts, docs/sms.md).
    name: "sms.send-due",
    cron: "* * * * *",
    queue: SWEEP,
    handler: () => drainSms(),
  },
  {
    // Outbound webhook deliveries that are due (docs/webhooks.md); a worker's poller
    // (lib/webhooks/poller.ts) sends them within a second, this sweep in any case.
    name: "webhooks.deliver",
    cron: "* * * * *",
    queue: SWEEP,
    handler: () => drainWebhooks(),
  },
  {
    name: "payments.reconcile-pending",
    cron: "* * * * *",
    queue: SWEEP,
    handler: () => reconcilePendingPayments({ now: getClock().now() }),
  },
  {
    // Balance files the PMS dropped into IMPORT_INBOX_DIR (none configured: nothing to do).
    name: "imports.inbox",
    cron: "* * * * *",
    queue: SWEEP,
    handler: () => processImportInbox(),
  },
  {
    // Plan installments due today (practice's zone) or due for a retry. Hourly, so a run missed
    // while no worker was up is made up the same day; claims and idempotency keys make a second
    // run, or a second worker, charge nothing twice.
    name: "plans.charge-due",
    cron: "5 * * * *",
    queue: { ...SWEEP, expireInSeconds: 60 * 60 },
    handler: () => chargeDueInstallments({ now: getClock().now() }),
  },
  {
    // Reminders `planReminderDays` before each installment, once each (marked when picked).
    name: "plans.send-reminders",
    cron: "0 9 * * *",
    queue: SWEEP,
    handler: () => sendPlanReminders({ now: getClock().now() }),
  },
  {
    // New statements of accounts on autopay: planned when first seen (over the limit: emailed),
    // charged on their day (practice's zone). Hourly like plans; claims, the one-row-per-statement-
    // version rule and idempotency keys make a second run or worker charge nothing twice.
    name: "autopay.charge-due",
    cron: "10 * * * *",
    queue: { ...SWEEP, expireInSeconds: 60 * 60 },
    handler: () => chargeDueAutopay({ now: getClock().now() }),
  },
  {
    // Reminders `autopayReminderDays` before each autopay charge, once each (marked when picked).
    name: "autopay.send-reminders",
    cron: "5 9 * * *",
    queue: SWEEP,
    handler: () => sendAutopayReminders({ now: getClock().now() }),
  },
  {
    // The autopay sign-up file (IMPSPO) of the day that just ended, per practice (full or delta).
    // Hourly: the 00:25 run writes it, later runs make up a missed run, finish a failed file and
    // put undelivered files into EXPORT_OUTBOX_DIR; one file per practice, mode and day.
    name: "exports.signup-files",
    cron: "25 * * * *",
    queue: { ...SWEEP, expireInSeconds: 60 * 60 },
    handler: () => runSignupFiles({ now: getClock().now() }),
  },
  {
    // The gateway's settlement batches (deposits, with their trace numbers and transactions),
    // for the deposit file. Hourly: the gateway settles once a day; a batch is stored once.
    name: "gateway.sync-settlements",
    cron: "40 * * * *",
    queue: SWEEP,
    handler: () => syncSettlements(),
  },
  {
    // The end-of-day posting files (IMDPA, X12 835, Lockbox A, deposit) of each business day that
    // closed (the practice's cut-off), per practice and chosen format; after the settlement sync
    // at :40. Hourly: a run makes up missed days, finishes a failed file and puts undelivered
    // files into EXPORT_OUTBOX_DIR; one file per practice, format and day.
    name: "exports.posting-files",
    cron: "45 * * * *",
    queue: { ...SWEEP, expireInSeconds: 60 * 60 },
    handler: () => runPostingFiles({ now: getClock().now() }),
  },
  {
    // One audit row per lock window that is over, with the attempts it refused (not one per try).
    name: "rate-limits.report-refusals",
    cron: "* * * * *",
    queue: SWEEP,
    handler: () => reportRefusals({ now: getClock().now() }),
  },
  {
    // Sessions that ended (or went idle) 90 days ago; the audit log keeps every sign-in.
    name: "sessions.cleanup",
    cron: "23 3 * * *",
    queue: SWEEP,
    handler: () => cleanupSessions({ now: getClock().now() }),
  },
  {
    // Integration events (and their webhook deliveries) older than 30 days: the feed's window.
    name: "events.cleanup",
    cron: "41 3 * * *",
    queue: SWEEP,
    handler: () => deleteOldEvents({ now: getClock().now() }),
  },
  {
    name: "rate-limits.cleanup",
    cron: "17 3 * * *",
    queue: SWEEP,
    handler: () => cleanupRateLimits({ now: getClock().now() }),
  },
  {
    // The REST API's Idempotency-Key answers, kept a day (docs/api.md).
    name: "api.cleanup-idempotency",
    cron: "41 * * * *",
    queue: SWEEP,
    handler: () => cleanupApiIdempotency({ now: getClock().now() }),
  },
];

/**
 * Makes this process work the queues: creates each queue, (re)writes each schedule in the
 * practice's zone, and registers each handler. Several processes may do this on one
 * PostgreSQL: pg-boss hands each job to one of them.
 */
export const startWorker = async ({
  boss,
  definitions = JOBS,
  timeZone,
  pollingIntervalSeconds = 2,
  batchSize = 1,
}: {
  boss: PgBoss;
  definitions?: TJobDefinition[];
  timeZone?: string;
  pollingIntervalSeconds?: number;
  /** Jobs fetched at once per queue (each still runs on its own). */
  batchSize?: number;
}) => {
  const tz = timeZone ?? (await scheduleTimeZone());
  for (const definition of definitions) {
    await boss.createQueue(definition.name, {
      name: definition.name,
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
      ...definition.queue,
    });
    if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz });
    await boss.work(
      definition.name,
      { pollingIntervalSeconds, batchSize, includeMetadata: true },
      async (jobs) => {
        for (const job of jobs) await definition.handler(job.data, job, { boss });
      },
    );
  }
};
