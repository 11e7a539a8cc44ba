import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { getClock } from "@/lib/clock";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { isAppError, notFoundError } from "@/lib/errors";
import { chunkedText } from "@/lib/files/chunked-text";
import { fileProgressView } from "@/lib/progress/progress";
import { getJobQueue } from "@/lib/queue/job-queue";
import { transactionCsv } from "./csv";
import { ZTransactionFilters, filtersToSearchParams, type TTransactionFilters } from "./filters";
import { getReportScope, streamTransactions, type TTransactionRow } from "./transactions";
import { log } from "@/lib/log";

/**
 * A transactions CSV too large to stream while the browser waits (docs/reports.md, "Large
 * CSVs"): more rows than TRANSACTIONS_CSV_JOB_ROWS. Asking for it makes a record, waiting, and
 * puts the job `reports.transactions-csv` on the queue; the job writes the CSV (the same rows and
 * cells as the streamed one) into transaction_export_chunk, recording its rows written as it
 * goes, and the staff member's page shows the progress, then the download link. Asking again
 * with the same filters while it is being prepared gives the same export. A run that wrote no
 * progress for EXPORT_ABANDONED_AFTER_MS died with its process: the job, handed out again when
 * it expires, takes it over and writes it afresh.
 */

export const TRANSACTIONS_CSV_JOB = "reports.transactions-csv";

/** A run that recorded no progress for this long died with its process. */
export const EXPORT_ABANDONED_AFTER_MS = 2 * 60_000;
/** At most one progress write a second, however fast the rows go (also the run's sign of life). */
const PROGRESS_EVERY_MS = 1_000;

export const TRANSACTIONS_CSV_QUEUE: Omit<PgBoss.Queue, "name"> = {
  retryLimit: 2,
  retryDelay: 5,
  retryBackoff: false,
  // A worker that dies leaves its job active this long before pg-boss hands it out again.
  expireInSeconds: 15 * 60,
};

/** Whether a list of `rowCount` rows is prepared by a job rather than streamed at once. */
export const isLargeCsv = (rowCount: number) => rowCount > env().TRANSACTIONS_CSV_JOB_ROWS;

const jobDataSchema = z.object({ exportId: z.string().min(1).max(64) });

/** The export's own page, and its download. */
export const transactionsExportHref = (exportId: string) =>
  `/staff/transactions/exports/${encodeURIComponent(exportId)}`;
export const transactionsExportDownloadHref = (exportId: string) =>
  `${transactionsExportHref(exportId)}/download`;

/**
 * A staff member asks for the CSV of `filters` (the cursor is dropped: every row): the export
 * they asked for with the same filters that is still being prepared, else a new one, waiting,
 * with its job sent. `totalRows`: the rows the filters select now (the progress bar's total).
 */
export const requestTransactionsExport = async ({
  actor,
  filters,
  totalRows,
  boss,
}: {
  actor: { userId: string; email: string; practiceId: string };
  filters: TTransactionFilters;
  totalRows: number;
  boss?: PgBoss;
}) => {
  const db = await getDb();
  const query = filtersToSearchParams({ ...filters, after: null }).toString();
  const scope = await getReportScope({ practiceId: actor.practiceId });
  const running = await db.transactionExport.findFirst({
    where: {
      practiceId: actor.practiceId,
      requestedByUserId: actor.userId,
      filters: query,
      status: "GENERATING",
    },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const exportId =
    running?.id ??
    (
      await db.transactionExport.create({
        data: {
          practiceId: actor.practiceId,
          requestedByUserId: actor.userId,
          requestedBy: actor.email,
          filters: query,
          fileName: `transactions-${toIsoDay(todayInZone(scope.timeZone, getClock().now()))}.csv`,
          totalRows,
        },
        select: { id: true },
      })
    ).id;
  // Sent again for one still waiting, in case it was lost (a second run is a no-op).
  const queue = boss ?? (await getJobQueue());
  await queue.createQueue(TRANSACTIONS_CSV_JOB, { name: TRANSACTIONS_CSV_JOB, ...TRANSACTIONS_CSV_QUEUE });
  await queue.send(TRANSACTIONS_CSV_JOB, { exportId }, { singletonKey: exportId });
  return { exportId, isNew: !running };
};

/** What staff read about a failed run: an AppError's own words, else a reference to quote. */
const failureReasonOf = (error: unknown, reference: string) =>
  isAppError(error)
    ? error.userMessage
    : `The export stopped on an unexpected error (reference ${reference}).`;

/** Counts the rows as they go by, for the progress. */
async function* counted(
  rows: AsyncIterable<TTransactionRow>,
  onRow: (rowsDone: number) => Promise<void>,
): AsyncGenerator<TTransactionRow> {
  let rowsDone = 0;
  for await (const row of rows) {
    yield row;
    rowsDone += 1;
    await onRow(rowsDone);
  }
}

/**
 * The job: writes the export's CSV. Nothing to do when it is written, or while another run is
 * under way (its record shows a sign of life). A failure is recorded with its reason and thrown
 * for pg-boss to try again; before the last try the export waits again, after it, it is FAILED.
 */
export const runTransactionsExportJob = async (
  data: unknown,
  job?: { retryCount: number; retryLimit: number },
  {
    onProgress,
    everyMs = PROGRESS_EVERY_MS,
  }: {
    /** Told after each progress write (tests watch the record there). */
    onProgress?: (rowsDone: number) => Promise<void>;
    everyMs?: number;
  } = {},
) => {
  const { exportId } = jobDataSchema.parse(data);
  const db = await getDb();
  const token = randomUUID();
  const abandonedBefore = new Date(Date.now() - EXPORT_ABANDONED_AFTER_MS);
  const taken = await db.transactionExport.updateMany({
    where: {
      id: exportId,
      OR: [
        { status: "GENERATING", startedAt: null },
        { status: "GENERATING", updatedAt: { lt: abandonedBefore } },
        { status: "FAILED" },
      ],
    },
    data: {
      status: "GENERATING",
      claimToken: token,
      startedAt: getClock().now(),
      rowsDone: 0,
      failureReason: null,
      completedAt: null,
    },
  });
  if (taken.count === 0) return { skipped: "done-or-running" as const };
  const record = await db.transactionExport.findUniqueOrThrow({
    where: { id: exportId },
    select: { practiceId: true, filters: true },
  });
  const holds = { id: exportId, claimToken: token };
  try {
    const filters = ZTransactionFilters.parse(Object.fromEntries(new URLSearchParams(record.filters)));
    const scope = await getReportScope({ practiceId: record.practiceId });
    // Whatever a run that died stored goes first.
    const isRetaken = (await db.transactionExportChunk.count({ where: { fileId: exportId } })) > 0;
    if (isRetaken) await db.transactionExportChunk.deleteMany({ where: { fileId: exportId } });
    let rowCount = 0;
    const recordProgress = async () => {
      await db.transactionExport.updateMany({ where: holds, data: { rowsDone: rowCount } });
      await onProgress?.(rowCount);
    };
    const text = chunkedText(async (seq, content) => {
      // The rows read so far, whatever the pace; then the chunk, only while this run still holds it.
      await recordProgress();
      const stored = await db.$executeRaw`
        INSERT INTO "transaction_export_chunk" ("fileId", seq, content)
        SELECT f.id, ${seq}, ${content} FROM "transaction_export" f
        WHERE f.id = ${exportId} AND f."claimToken" = ${token}`;
      if (stored !== 1) throw new Error(`transactions export ${exportId}: another run took it over`);
    });
    let lastWrittenAt = Number.NEGATIVE_INFINITY;
    const rows = counted(
      streamTransactions({ scope, filters: { ...filters, after: null } }),
      async (rowsDone) => {
        rowCount = rowsDone;
        const at = Date.now();
        if (at - lastWrittenAt < everyMs) return;
        lastWrittenAt = at;
        await recordProgress();
      },
    );
    for await (const chunk of transactionCsv(rows, scope.timeZone)) await text.write(chunk);
    const { byteCount, sha256 } = await text.finish();
    const done = await db.transactionExport.updateMany({
      where: { ...holds, status: "GENERATING" },
      data: {
        status: "READY",
        rowCount,
        rowsDone: rowCount,
        // What the file holds (the count when it was asked for may differ by what came in since).
        totalRows: rowCount,
        byteCount,
        sha256,
        completedAt: getClock().now(),
        claimToken: null,
      },
    });
    if (done.count !== 1) throw new Error(`transactions export ${exportId}: another run took it over`);
    return { skipped: null, rowCount };
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    // Never the rows in the log: they carry payers' names.
    log.error(
      { err: error },
      `[reports] job for transactions export ${exportId} failed (reference ${reference})`,
    );
    const isLastTry = !job || job.retryCount >= job.retryLimit;
    await db.transactionExport.updateMany({
      where: holds,
      data: isLastTry
        ? {
            status: "FAILED",
            claimToken: null,
            failureReason: `${failureReasonOf(error, reference)} Ask for the CSV again to try once more.`,
          }
        : {
            claimToken: null,
            startedAt: null,
            failureReason: `${failureReasonOf(error, reference)} It is being tried again.`,
          },
    });
    throw error;
  }
};

/** An export of the practice, as its page shows it; another practice's is "not found". */
export const getTransactionsExportOrThrow = async ({
  practiceId,
  exportId,
  now,
}: {
  practiceId: string;
  exportId: string;
  now: Date;
}) => {
  const db = await getDb();
  const file = await db.transactionExport.findFirst({
    where: { id: exportId, practiceId },
    select: {
      id: true,
      status: true,
      fileName: true,
      filters: true,
      requestedBy: true,
      createdAt: true,
      rowsDone: true,
      totalRows: true,
      startedAt: true,
      failureReason: true,
    },
  });
  if (!file) throw notFoundError("transactions export");
  return {
    ...file,
    progress: fileProgressView({ file, downloadHref: transactionsExportDownloadHref(file.id), now }),
  };
};

/** A READY export of the practice, for download; another practice's, or one not ready, is "not found". */
export const getReadyTransactionsExportOrThrow = async ({
  practiceId,
  exportId,
}: {
  practiceId: string;
  exportId: string;
}) => {
  const db = await getDb();
  const file = await db.transactionExport.findFirst({
    where: { id: exportId, practiceId, status: "READY" },
    select: { id: true, fileName: true, byteCount: true, rowCount: true, filters: true },
  });
  if (!file) throw notFoundError("transactions export");
  return file;
};

/** A READY export's text, chunk by chunk, in order (one chunk in memory at a time). */
export async function* readTransactionsExport(exportId: string): AsyncGenerator<string> {
  const db = await getDb();
  for (let seq = 0; ; seq++) {
    const chunk = await db.transactionExportChunk.findUnique({
      where: { fileId_seq: { fileId: exportId, seq } },
      select: { content: true },
    });
    if (!chunk) return;
    yield chunk.content;
  }
}
