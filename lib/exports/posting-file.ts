import "server-only";
import { randomUUID } from "node:crypto";
import { getClock } from "@/lib/clock";
import { addDays, toIsoDay, wallClockInZone } from "@/lib/dates";
import { getDatabase, getDb, openBulkConnection } from "@/lib/db";
import { sql, type TSqlFragment, type TSqlOps } from "@/lib/db/sql";
import { AppError, notFoundError } from "@/lib/errors";
import { producedByOf, releaseFailedFile, type TExportProducer } from "@/lib/exports/file-store";
import { chunkedText } from "@/lib/files/chunked-text";
import {
  businessDayOf,
  businessDayWindow,
  postingFormatName,
  postingWriterFor,
  type TDepositSource,
  type TPostingFormat,
  type TPostingSettings,
} from "@/lib/exports/posting-rows";
import { depositFileName } from "@/lib/files/deposit-file";
import { formatCompactDate } from "@/lib/files/fields";
import { x12FileName } from "@/lib/files/x12-835-file";
import { timeExport } from "@/lib/exports/export-metrics";

/**
 * Produces one end-of-day posting file (IMDPA 1.0–1.4, X12 835, Lockbox A) of one practice for
 * one business day (docs/files.md, "Producing the posting files"). At most one file per
 * (practice, format, day): the first caller claims the day's record; the writer then holds the
 * record's row lock while it streams the day's lines from the database through a cursor and
 * stores the text in chunks of about 1 MB, and marks it READY in the same transaction, so a file
 * is either whole or not there at all. Which payments it carried is read from its window
 * (lib/exports/file-postings.ts), not written down per payment.
 */

export const POSTING_JOB_NAME = "exports.posting-files";

/** A claimed file the writer has not locked yet is left to it this long. */
const CLAIM_MS = 10 * 60_000;
/** Rows fetched from the cursor at a time. */
const FETCH_ROWS = 2000;
/** How often the writer records its rows written so far (posting_file_progress), on PostgreSQL. */
export const POSTING_PROGRESS_EVERY_MS = 1_000;
/**
 * A day's file is written this long after its cut-off at the earliest: a payment's time is taken
 * before its transaction commits, and one committing just after the cut-off must be in the file.
 */
export const POSTING_SETTLE_MS = 5 * 60_000;

/** A posting file's record, as the use cases and the staff list read it. */
export const POSTING_FILE_SELECT = {
  id: true,
  practiceId: true,
  format: true,
  businessDay: true,
  windowStart: true,
  windowEnd: true,
  fileName: true,
  status: true,
  rowCount: true,
  byteCount: true,
  createdAt: true,
  completedAt: true,
  producedBy: true,
  producedByUserId: true,
  deliveredAt: true,
} as const;

type TPostingFileRecord = {
  id: string;
  practiceId: string;
  format: TPostingFormat;
  businessDay: Date;
  windowStart: Date;
  windowEnd: Date;
  fileName: string;
  status: "GENERATING" | "READY" | "FAILED";
  rowCount: number;
  byteCount: number;
  createdAt: Date;
  completedAt: Date | null;
  producedBy: string;
  producedByUserId: string | null;
  deliveredAt: Date | null;
};

export type TProducePostingFileResult = {
  /** Written now, found already written, or being written by another worker right now. */
  outcome: "produced" | "existing" | "in-progress";
  file: TPostingFileRecord;
};

/** Thrown when another worker took over a file this one was about to write. */
class LostClaimError extends Error {
  constructor(fileId: string) {
    super(`posting file ${fileId}: another worker took it over`);
    this.name = "LostClaimError";
  }
}

const settingError = (userMessage: string) => new AppError("VALIDATION", { userMessage });

type TPracticeForPosting = {
  clientId: string;
  name: string;
  timeZone: string;
  npi: string | null;
  settings: TPostingSettings;
};

/** The practice and its posting settings; a practice without settings has no posting files. */
const readPractice = async (practiceId: string): Promise<TPracticeForPosting> => {
  const db = await getDb();
  const practice = await db.practice.findUnique({
    where: { id: practiceId },
    select: { clientId: true, name: true, timeZone: true, npi: true, postingSettings: true },
  });
  if (!practice) throw notFoundError("practice");
  const { postingSettings: settings, ...rest } = practice;
  if (!settings) throw settingError("This practice has no posting settings yet.");
  return { ...rest, settings };
};

/** The file's name (docs/files.md): the 835's and the deposit file's are the layouts'; the others are ours. */
const postingFileName = (format: TPostingFormat, practice: TPracticeForPosting, businessDay: Date) => {
  const clientId = practice.clientId.replace(/[^A-Za-z0-9-]/g, "-");
  const day = formatCompactDate(businessDay);
  switch (format) {
    case "X12_835":
      return x12FileName({
        account: practice.settings.x12Account ?? practice.clientId,
        businessDay,
        sequence: 1,
      });
    case "DEPOSIT_10":
      return depositFileName({ businessDay, merchantId: practice.settings.merchantId || practice.clientId });
    case "LOCKBOX_A":
      return `LOCKBOXA_${clientId}_${day}.txt`;
    default:
      return `${format}_${clientId}_${day}.txt`;
  }
};

type TClaim =
  | { kind: "ready" | "busy" | "reserved"; file: TPostingFileRecord }
  | { kind: "claimed"; file: TPostingFileRecord; token: string; controlNumber: number | null };

/**
 * Claims the day's file in one transaction that holds the practice row, so claims of one
 * practice take turns (and the 835's control numbers follow one another). A file whose row a
 * writer holds (FOR UPDATE, below) is being written: SKIP LOCKED tells it apart without waiting.
 */
const claimPostingFile = async ({
  practiceId,
  format,
  businessDay,
  producer,
  practice,
  now,
  reserve = false,
}: {
  practiceId: string;
  format: TPostingFormat;
  businessDay: Date;
  producer: TExportProducer;
  practice: TPracticeForPosting;
  now: Date;
  /**
   * Only make the day's record, waiting for its job (staff asking for it now): GENERATING with
   * no claim, which the job's own claim (or the hourly job's) then takes.
   */
  reserve?: boolean;
}): Promise<TClaim> => {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "practice" WHERE id = ${practiceId} FOR NO KEY UPDATE`;
    const token = randomUUID();
    const claim = reserve
      ? { claimToken: null, claimedUntil: null }
      : { claimToken: token, claimedUntil: new Date(now.getTime() + CLAIM_MS) };
    const existing = await tx.postingFile.findUnique({
      where: { practiceId_format_businessDay: { practiceId, format, businessDay } },
      select: { ...POSTING_FILE_SELECT, claimedUntil: true, controlNumber: true },
    });
    if (existing) {
      const { claimedUntil, controlNumber, ...file } = existing;
      if (file.status === "READY") return { kind: "ready", file };
      const [free] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "posting_file" WHERE id = ${file.id} FOR UPDATE SKIP LOCKED`;
      if (!free || (file.status === "GENERATING" && claimedUntil && claimedUntil > now))
        return { kind: "busy", file };
      // Already waiting for its job: nothing to reserve again.
      if (reserve && file.status === "GENERATING" && !claimedUntil) return { kind: "busy", file };
      const retaken = await tx.postingFile.update({
        where: { id: file.id },
        data: { status: "GENERATING", ...claim },
        select: POSTING_FILE_SELECT,
      });
      if (reserve) return { kind: "reserved", file: retaken };
      return { kind: "claimed", file: retaken, token, controlNumber };
    }
    let controlNumber: number | null = null;
    if (format === "X12_835") {
      const last = await tx.postingFile.aggregate({
        where: { practiceId, format: "X12_835" },
        _max: { controlNumber: true },
      });
      controlNumber = (last._max.controlNumber ?? 0) + 1;
    }
    const days = businessDayWindow({
      businessDay,
      cutoffMinutes: practice.settings.cutoffMinutes,
      timeZone: practice.timeZone,
    });
    // The day starts where the day before's file ended: a cut-off moved since then neither
    // leaves a gap (moved later) nor posts the same payment in two files (moved earlier).
    const dayBefore = await tx.postingFile.findUnique({
      where: { practiceId_format_businessDay: { practiceId, format, businessDay: addDays(businessDay, -1) } },
      select: { windowEnd: true },
    });
    const window =
      dayBefore && dayBefore.windowEnd < days.end ? { start: dayBefore.windowEnd, end: days.end } : days;
    const created = await tx.postingFile.create({
      data: {
        practiceId,
        format,
        businessDay,
        windowStart: window.start,
        windowEnd: window.end,
        fileName: postingFileName(format, practice, businessDay),
        controlNumber,
        ...producedByOf(producer, POSTING_JOB_NAME),
        ...claim,
      },
      select: POSTING_FILE_SELECT,
    });
    if (reserve) return { kind: "reserved", file: created };
    return { kind: "claimed", file: created, token, controlNumber };
  });
};

/** A window's bounds as bound values. */
type TWindow = { start: Date; end: Date };
const inWindow = (column: TSqlFragment, w: TWindow) =>
  sql`(${column} >= ${w.start}::timestamptz AND ${column} < ${w.end}::timestamptz)`;

/**
 * Every line of a practice's business day, in time order (docs/files.md, "Which lines"):
 *  - a payment (not PENDING) made, captured, settled, voided or returned within the window,
 *    with its status when the window ended;
 *  - a refund that succeeded, made within the window (Credit).
 * `remittance` says whether it moved money this day ("in", "back"), for Lockbox A and the 835.
 */
export const postingLinesQuery = ({
  practiceId,
  window,
  timeZone,
}: {
  practiceId: string;
  window: TWindow;
  timeZone: string;
}) => {
  const end = sql`${window.end}::timestamptz`;
  const start = sql`${window.start}::timestamptz`;
  // Payments the practice recorded from its own file (channel IMPORT, IMPTI10) came from the PMS:
  // sending them back would post them twice.
  return decoratedLines(sql`
      SELECT 'payment' AS kind, p.id AS "paymentId", p."createdAt" AS "sortAt",
        md5(coalesce(p."gatewayTransactionId", p.id)) AS "txId", p."gatewayTransactionId" AS "gatewayId",
        p."methodKind"::text AS "methodKind", p.brand, p."amountCents", p."authorizationCode",
        CASE WHEN p."returnedAt" < ${end} THEN (CASE WHEN p."methodKind" = 'ACH' THEN 'RI' ELSE 'CB' END)
             WHEN p."voidedAt" < ${end} THEN 'V'
             WHEN p."settledAt" < ${end} THEN 'S'
             WHEN p."capturedAt" < ${end} THEN 'C'
             WHEN p.status IN ('DECLINED', 'FAILED') THEN 'D'
             ELSE 'A' END AS status,
        CASE WHEN ${inWindow(sql`p."capturedAt"`, window)}
               THEN (CASE WHEN coalesce(p."voidedAt", p."returnedAt") < ${end} THEN NULL ELSE 'in' END)
             WHEN p."capturedAt" < ${start}
               AND (${inWindow(sql`p."voidedAt"`, window)} OR ${inWindow(sql`p."returnedAt"`, window)}) THEN 'back'
        END AS remittance,
        to_char(p."createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS "txDate",
        p."receiptNumber", p.channel::text AS channel, p."takenByUserId" AS "userId",
        p."declineCode", p."declineMessage", p."accountId"
      FROM "payment" p
      WHERE p."practiceId" = ${practiceId} AND p.status <> 'PENDING' AND p.channel <> 'IMPORT'
        AND (${inWindow(sql`p."createdAt"`, window)} OR ${inWindow(sql`p."capturedAt"`, window)}
          OR ${inWindow(sql`p."settledAt"`, window)} OR ${inWindow(sql`p."voidedAt"`, window)}
          OR ${inWindow(sql`p."returnedAt"`, window)})
      UNION ALL
      SELECT 'refund', r."paymentId", r."createdAt",
        md5(coalesce(r."gatewayRefundId", r.id)), r."gatewayRefundId",
        p."methodKind"::text, p.brand, r."amountCents", NULL, 'C', 'back',
        to_char(r."createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM-DD'),
        p."receiptNumber", p.channel::text, r."createdByUserId", NULL, NULL, p."accountId"
      FROM "refund" r JOIN "payment" p ON p.id = r."paymentId"
      WHERE p."practiceId" = ${practiceId} AND p.channel <> 'IMPORT' AND r.kind = 'REFUND' AND r.status = 'SUCCEEDED'
        AND ${inWindow(sql`r."createdAt"`, window)}
  `);
};

/**
 * The transactions of the deposits whose effective date is `businessDay` (the gateway's
 * settlement batches): each item with its batch's trace number and effective date, its payment
 * (or refund), its account and statements, in the batches' order.
 */
export const depositLinesQuery = ({
  practiceId,
  businessDay,
  timeZone,
}: {
  practiceId: string;
  businessDay: Date;
  timeZone: string;
}) =>
  decoratedLines(
    sql`
      SELECT CASE WHEN i.kind = 'REFUND' THEN 'refund' ELSE 'payment' END AS kind, i."paymentId",
        b."settledAt" AS "sortAt",
        md5(CASE WHEN i.kind = 'REFUND' AND r.id IS NOT NULL THEN coalesce(r."gatewayRefundId", r.id)
                 ELSE coalesce(p."gatewayTransactionId", p.id) END) AS "txId",
        CASE WHEN i.kind = 'REFUND' THEN r."gatewayRefundId" ELSE p."gatewayTransactionId" END AS "gatewayId",
        p."methodKind"::text AS "methodKind", p.brand, i."amountCents",
        CASE WHEN i.kind = 'REFUND' THEN NULL ELSE p."authorizationCode" END AS "authorizationCode",
        'S' AS status, NULL AS remittance,
        to_char(coalesce(r."createdAt", p."createdAt") AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS "txDate",
        p."receiptNumber", p.channel::text AS channel, coalesce(r."createdByUserId", p."takenByUserId") AS "userId",
        NULL AS "declineCode", NULL AS "declineMessage", p."accountId",
        b."traceNumber", to_char(b."effectiveDate", 'YYYY-MM-DD') AS "effectiveDate", i.kind::text AS "itemKind"
      FROM "settlement_batch" b
      JOIN "settlement_batch_item" i ON i."batchId" = b.id
      JOIN "payment" p ON p.id = i."paymentId"
      LEFT JOIN "refund" r ON r.id = i."refundId"
      WHERE b."practiceId" = ${practiceId} AND b."effectiveDate" = ${toIsoDay(businessDay)}::date`,
    sql`, l."traceNumber", l."effectiveDate", l."itemKind"`,
  );

/** Each line of `inner` with its account, the staff member who acted, and the statements it paid. */
const decoratedLines = (inner: TSqlFragment, extra: TSqlFragment = sql.empty) => sql`
    SELECT l.kind, l."paymentId", l."txId", l."gatewayId", l."methodKind", l.brand, l."amountCents",
      l."authorizationCode", l.status, l.remittance, l."txDate", l."receiptNumber", l.channel,
      u.email AS "takenBy", l."declineCode", l."declineMessage",
      st.last AS "patientLastName", st.first AS "patientFirstName", st.middle AS "patientMiddleName",
      a."accountNumber", a."guarantorFirstName", a."guarantorLastName",
      a.address1, a.address2, a.city, a.state, a.zip,
      CASE WHEN l.kind = 'refund' THEN coalesce(st.numbers[1:1], '{}') ELSE coalesce(st.numbers, '{}') END AS "statementNumbers",
      CASE WHEN l.kind = 'refund' THEN ARRAY[l."amountCents"] ELSE coalesce(st.cents, '{}') END AS "statementCents"
      ${extra}
    FROM (${inner}) l
    JOIN "account" a ON a.id = l."accountId"
    LEFT JOIN "user" u ON u.id = l."userId"
    LEFT JOIN LATERAL (
      SELECT array_agg(s."statementNumber" ORDER BY s."statementNumber") AS numbers,
        array_agg(pa."amountCents" ORDER BY s."statementNumber") AS cents,
        (array_agg(s."patientLastName" ORDER BY s."statementNumber"))[1] AS last,
        (array_agg(s."patientFirstName" ORDER BY s."statementNumber"))[1] AS first,
        (array_agg(s."patientMiddleName" ORDER BY s."statementNumber"))[1] AS middle
      FROM "payment_allocation" pa JOIN "statement" s ON s.id = pa."statementId"
      WHERE pa."paymentId" = l."paymentId"
    ) st ON true
    ORDER BY l."sortAt", l.kind, l."paymentId"`;

/** The rows of a query through a cursor, FETCH_ROWS at a time (inside the caller's transaction). */
export async function* streamRows<T>(
  tx: TSqlOps,
  query: TSqlFragment,
  name = "posting_lines",
  /** Called after each page has been consumed (tests hold the writer midway with it). */
  onPage?: () => Promise<void>,
): AsyncGenerator<T> {
  const cursor = sql.ident(name);
  // A cursor is planned for its first rows (cursor_tuple_fraction 0.1) unless told otherwise;
  // every row will be read, so plan for all of them, as the same query outside a cursor is.
  await tx.run(sql`SET LOCAL cursor_tuple_fraction = 1.0`);
  await tx.run(sql`DECLARE ${cursor} NO SCROLL CURSOR FOR ${query}`);
  for (;;) {
    const rows = await tx.query<T>(sql`FETCH ${sql.raw(String(FETCH_ROWS))} FROM ${cursor}`);
    yield* rows;
    if (rows.length < FETCH_ROWS) break;
    if (onPage) await onPage();
  }
  await tx.run(sql`CLOSE ${cursor}`);
}

/** Hooks for tests: called after each page of lines (the writer waits for it). */
export type TPostingWriteHooks = {
  onPage?: (progress: { fileId: string; rowsDone: number }) => Promise<void>;
  /** How often progress is recorded (POSTING_PROGRESS_EVERY_MS). */
  progressEveryMs?: number;
};

/**
 * Records `rowsDone()` in posting_file_progress every `everyMs`, through the app's own client
 * (another connection than the writer's, so it is seen at once), until stopped. Its row is made
 * before the writer locks the file's row: the updates then touch no key, so they never wait for
 * the writer's lock. On PGlite (one session, which the writer holds) nothing is recorded.
 */
const startProgress = async (fileId: string, rowsDone: () => number, everyMs: number) => {
  if ((await getDatabase()).target.kind !== "postgres") return () => Promise.resolve();
  const db = await getDb();
  const startedAt = new Date();
  await db.postingFileProgress.upsert({
    where: { fileId },
    create: { fileId, rowsDone: 0, startedAt, updatedAt: startedAt },
    update: { rowsDone: 0, startedAt, updatedAt: startedAt },
  });
  let pending: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return; // one write at a time: a slow database skips a tick
    busy = true;
    pending = db.postingFileProgress
      .updateMany({ where: { fileId }, data: { rowsDone: rowsDone(), updatedAt: new Date() } })
      .catch(() => undefined) // progress is a courtesy: the file is written all the same
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await pending;
  };
};

/** Writes the claimed file in one transaction on a connection of its own. */
const writeClaimedFile = async (
  claim: Extract<TClaim, { kind: "claimed" }>,
  practice: TPracticeForPosting,
  hooks: TPostingWriteHooks = {},
): Promise<TPostingFileRecord> => {
  const { file, token } = claim;
  const created = wallClockInZone(practice.timeZone, getClock().now());
  const writer = postingWriterFor({
    format: file.format,
    settings: practice.settings,
    businessDay: file.businessDay,
    practiceName: practice.name,
    npi: practice.npi,
    controlNumber: claim.controlNumber,
    createdDay: created.day,
    createdTime: created.hhmm,
  });
  if (typeof writer === "string") throw settingError(writer);

  // Read by the progress timer only; the loop below counts as it always has.
  let rowCount = 0;
  const stopProgress = await startProgress(
    file.id,
    () => rowCount,
    hooks.progressEveryMs ?? POSTING_PROGRESS_EVERY_MS,
  );
  const { onPage } = hooks;
  let conn: Awaited<ReturnType<typeof openBulkConnection>> | undefined;
  try {
    conn = await openBulkConnection();
    await conn.transaction(async (tx) => {
      // The row lock is the writer's hold on the file until it commits (or its connection dies).
      const [held] = await tx.query`
        SELECT id FROM "posting_file" WHERE id = ${file.id} AND "claimToken" = ${token} FOR UPDATE`;
      if (!held) throw new LostClaimError(file.id);
      await tx.run`DELETE FROM "posting_file_chunk" WHERE "fileId" = ${file.id}`;
      const text = chunkedText(async (seq, content) => {
        await tx.run`INSERT INTO "posting_file_chunk" ("fileId", seq, content) VALUES (${file.id}, ${seq}, ${content})`;
      });
      await text.write(writer.header());
      rowCount = 0;
      const query =
        file.format === "DEPOSIT_10"
          ? depositLinesQuery({
              practiceId: file.practiceId,
              businessDay: file.businessDay,
              timeZone: practice.timeZone,
            })
          : postingLinesQuery({
              practiceId: file.practiceId,
              window: { start: file.windowStart, end: file.windowEnd },
              timeZone: practice.timeZone,
            });
      for await (const source of streamRows<TDepositSource>(
        tx,
        query,
        undefined,
        onPage && (() => onPage({ fileId: file.id, rowsDone: rowCount })),
      )) {
        const record = writer.record(source);
        if (!record) continue;
        rowCount += 1;
        await text.write(record);
      }
      await text.write(writer.trailer());
      const { byteCount, sha256 } = await text.finish();
      await tx.run`
        UPDATE "posting_file" SET status = 'READY', "rowCount" = ${rowCount}, "byteCount" = ${byteCount},
          sha256 = ${sha256}, "completedAt" = ${getClock().now()}::timestamptz, "claimToken" = NULL,
          "claimedUntil" = NULL, "updatedAt" = now()
        WHERE id = ${file.id}`;
    });
  } finally {
    // Also when no connection could be had: the progress timer must not outlive the write.
    await stopProgress();
    await conn?.close();
  }
  const db = await getDb();
  return db.postingFile.findUniqueOrThrow({ where: { id: file.id }, select: POSTING_FILE_SELECT });
};

/**
 * The practice and its settings, when they can write `format`: a format the settings cannot
 * write yet (no lockbox number, no X12 ids) is refused before anything is claimed, so there is
 * no FAILED record for a file that could never have been written.
 */
const writablePractice = async ({
  practiceId,
  format,
  businessDay,
}: {
  practiceId: string;
  format: TPostingFormat;
  businessDay: Date;
}) => {
  const practice = await readPractice(practiceId);
  const unwritable = postingWriterFor({
    format,
    settings: practice.settings,
    businessDay,
    practiceName: practice.name,
    npi: practice.npi,
    controlNumber: null,
    createdDay: businessDay,
    createdTime: "0000",
  });
  if (typeof unwritable === "string") throw settingError(unwritable);
  return practice;
};

/**
 * Staff asking for a day's file now (lib/exports/posting-file-job.ts): the day's record is made,
 * waiting for its job (`queued`), unless it is written (`existing`) or being written or waiting
 * already (`in-progress`). Nothing is written here.
 */
export const reservePostingFile = async ({
  practiceId,
  format,
  businessDay,
  producer,
}: {
  practiceId: string;
  format: TPostingFormat;
  businessDay: Date;
  producer: TExportProducer;
}): Promise<{ outcome: "queued" | "existing" | "in-progress"; file: TPostingFileRecord }> => {
  const practice = await writablePractice({ practiceId, format, businessDay });
  const claim = await claimPostingFile({
    practiceId,
    format,
    businessDay,
    producer,
    practice,
    now: getClock().now(),
    reserve: true,
  });
  const outcome = claim.kind === "ready" ? "existing" : claim.kind === "reserved" ? "queued" : "in-progress";
  return { outcome, file: claim.file };
};

/**
 * The practice's posting file of `format` for `businessDay`: written now if nobody has, else the
 * one already written (or being written). Safe to call twice, from two workers at once, and
 * again after a failure: a failed attempt is marked FAILED and the next call writes it afresh.
 */
export const producePostingFile = async ({
  practiceId,
  format,
  businessDay,
  producer,
  hooks,
}: {
  practiceId: string;
  format: TPostingFormat;
  /** A calendar day (UTC-midnight Date): the business day, in the practice's zone. */
  businessDay: Date;
  producer: TExportProducer;
  hooks?: TPostingWriteHooks;
}): Promise<TProducePostingFileResult> => {
  const practice = await writablePractice({ practiceId, format, businessDay });
  const claim = await claimPostingFile({
    practiceId,
    format,
    businessDay,
    producer,
    practice,
    now: getClock().now(),
  });
  if (claim.kind !== "claimed") {
    return { outcome: claim.kind === "ready" ? "existing" : "in-progress", file: claim.file };
  }
  try {
    const file = await timeExport({ kind: "posting", format }, () =>
      writeClaimedFile(claim, practice, hooks),
    );
    return { outcome: "produced", file };
  } catch (error) {
    await releaseFailedFile("posting", claim.file.id, claim.token);
    throw error;
  }
};

/** The latest business day whose file may be written at `now` (its cut-off and the settle margin are past). */
export const lastClosedBusinessDay = ({
  now,
  cutoffMinutes,
  timeZone,
}: {
  now: Date;
  cutoffMinutes: number;
  timeZone: string;
}) =>
  addDays(businessDayOf({ at: new Date(now.getTime() - POSTING_SETTLE_MS), cutoffMinutes, timeZone }), -1);

/** A practice's READY posting file, for download; another practice's, or one not ready, is "not found". */
export const getReadyPostingFileOrThrow = async ({
  practiceId,
  fileId,
}: {
  practiceId: string;
  fileId: string;
}) => {
  const db = await getDb();
  const file = await db.postingFile.findFirst({
    where: { id: fileId, practiceId, status: "READY" },
    select: { id: true, fileName: true, byteCount: true, format: true, businessDay: true, rowCount: true },
  });
  if (!file) throw notFoundError("posting file");
  return { ...file, formatName: postingFormatName(file.format) };
};
