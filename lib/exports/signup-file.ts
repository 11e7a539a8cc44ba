import "server-only";
import { randomUUID } from "node:crypto";
import { getClock } from "@/lib/clock";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import { producedByOf, releaseFailedFile, type TExportProducer } from "@/lib/exports/file-store";
import { chunkedText } from "@/lib/files/chunked-text";
import { formatSignupLine } from "@/lib/files/signup-file";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  deltaWindowEnd,
  signupFileName,
  toSignupRow,
  type TSignupFileMode,
  type TSignupSource,
} from "@/lib/exports/signup-rows";
import { timeExport } from "@/lib/exports/export-metrics";

/**
 * Produces the autopay sign-up file (IMPSPO v1.1) of one practice for one business day, in
 * FULL or DELTA mode (docs/files.md, "Producing the sign-up file"). At most one file per
 * (practice, mode, day): the first caller claims the day's record and writes it; a caller after
 * it gets that file back. Rows are read a page at a time (keyset on the account id) and the
 * text is stored as it grows, in chunks of about 1 MB, so no file is ever held whole.
 */

/** Accounts read per query. */
const PAGE_ROWS = 1000;
/** A worker writing a file holds it this long, renewed after every page. */
export const SIGNUP_FILE_LEASE_MS = 10 * 60_000;

export const SIGNUP_JOB_NAME = "exports.signup-files";

/** Who asked for a sign-up file: the daily job, or a staff member from the console. */
export type TSignupProducer = TExportProducer;

type TFileRecord = {
  id: string;
  practiceId: string;
  mode: TSignupFileMode;
  businessDay: Date;
  windowStart: Date | null;
  windowEnd: Date;
  fileName: string;
  status: "GENERATING" | "READY" | "FAILED";
  rowCount: number;
  createdAt: Date;
  completedAt: Date | null;
  producedBy: string;
};

export type TProduceSignupFileResult =
  /** Written now (`produced`), or found already written for that day and mode (`existing`). */
  | { outcome: "produced" | "existing"; file: TFileRecord }
  /** Another worker is writing it right now. */
  | { outcome: "in-progress"; file: TFileRecord }
  /** A delta for a later day already covers this day's changes: no file of its own. */
  | { outcome: "covered"; file: TFileRecord };

/** A sign-up file's record, as the use cases and the staff list read it. */
export const SIGNUP_FILE_SELECT = {
  id: true,
  practiceId: true,
  mode: true,
  businessDay: true,
  windowStart: true,
  windowEnd: true,
  fileName: true,
  status: true,
  rowCount: true,
  createdAt: true,
  completedAt: true,
  producedBy: true,
} as const;

export type TSignupProgressHook = (progress: {
  fileId: string;
  rowsDone: number;
  totalRows: number;
}) => Promise<void>;

/** Thrown when another worker took over a file this one was writing (its claim ran out). */
class LostClaimError extends Error {
  constructor(fileId: string) {
    super(`signup file ${fileId}: another worker took it over`);
    this.name = "LostClaimError";
  }
}

type TClaim =
  | { kind: "ready" | "busy" | "covered" | "queued"; file: TFileRecord }
  | {
      kind: "claimed";
      file: TFileRecord;
      token: string;
      clientId: string;
      timeZone: string;
    };

/**
 * Claims the day's file, in one transaction that holds the practice row (FOR NO KEY UPDATE):
 * claims of one practice take turns, so two runs never both create the day's file, and a
 * delta's window always starts where the latest delta's ended. A file another worker is
 * writing is left to it; a failed one, one waiting for its job, or one whose worker's claim ran
 * out, is taken over. `isQueueOnly` (staff asking from the console): the record is made (or a
 * failed one set waiting again) for a job to write, and a file waiting or being written is left be.
 */
const claimSignupFile = async ({
  practiceId,
  mode,
  businessDay,
  producer,
  now,
  isQueueOnly = false,
}: {
  practiceId: string;
  mode: TSignupFileMode;
  businessDay: Date;
  producer: TSignupProducer;
  now: Date;
  isQueueOnly?: boolean;
}): Promise<TClaim> => {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const [practice] = await tx.$queryRaw<{ clientId: string; timeZone: string }[]>`
      SELECT "clientId", "timeZone" FROM "practice" WHERE id = ${practiceId} FOR NO KEY UPDATE`;
    if (!practice) throw notFoundError("practice");
    const token = randomUUID();
    // Claimed: held, started, its progress from nought; queued: waiting for its job.
    const claim = isQueueOnly
      ? { claimToken: null, claimedUntil: null, startedAt: null }
      : {
          claimToken: token,
          claimedUntil: new Date(now.getTime() + SIGNUP_FILE_LEASE_MS),
          startedAt: now,
        };
    const fresh = { ...claim, rowsDone: 0, totalRows: null, failureReason: null };
    const claimed = (file: TFileRecord): TClaim =>
      isQueueOnly ? { kind: "queued", file } : { kind: "claimed", file, token, ...practice };

    const existing = await tx.signupFile.findUnique({
      where: { practiceId_mode_businessDay: { practiceId, mode, businessDay } },
      select: { ...SIGNUP_FILE_SELECT, claimedUntil: true },
    });
    if (existing) {
      const { claimedUntil, ...file } = existing;
      if (file.status === "READY") return { kind: "ready", file };
      const isHeld = claimedUntil !== null && claimedUntil > now;
      if (file.status === "GENERATING" && (isHeld || isQueueOnly)) return { kind: "busy", file };
      // A delta keeps its window; a full file shows the state from now on.
      const retaken = await tx.signupFile.update({
        where: { id: file.id },
        data: {
          status: "GENERATING",
          ...fresh,
          ...(mode === "FULL" ? { windowEnd: now } : {}),
          ...(isQueueOnly ? producedByOf(producer, SIGNUP_JOB_NAME) : {}),
        },
        select: SIGNUP_FILE_SELECT,
      });
      return claimed(retaken);
    }

    let windowStart: Date | null = null;
    let windowEnd = now;
    if (mode === "DELTA") {
      const latest = await tx.signupFile.findFirst({
        where: { practiceId, mode: "DELTA" },
        orderBy: { businessDay: "desc" },
        select: SIGNUP_FILE_SELECT,
      });
      if (latest && latest.businessDay > businessDay) return { kind: "covered", file: latest };
      windowStart = latest?.windowEnd ?? null;
      windowEnd = deltaWindowEnd({ businessDay, timeZone: practice.timeZone, now, windowStart });
    }
    const created = await tx.signupFile.create({
      data: {
        practiceId,
        mode,
        businessDay,
        windowStart,
        windowEnd,
        fileName: signupFileName({ clientId: practice.clientId, businessDay, mode }),
        ...producedByOf(producer, SIGNUP_JOB_NAME),
        ...fresh,
      },
      select: SIGNUP_FILE_SELECT,
    });
    return claimed(created);
  });
};

type TWindow = { start: Date | null; end: Date };

const inWindow = (column: Prisma.Sql, { start, end }: TWindow) =>
  start
    ? Prisma.sql`(${column} >= ${start}::timestamptz AND ${column} < ${end}::timestamptz)`
    : Prisma.sql`${column} < ${end}::timestamptz`;

/**
 * A DELTA's condition on an enrolment (e): made, changed or ended within the window; nothing
 * for FULL. consentedAt and cancelledAt are the domain clock's times of the change; updatedAt
 * (the time the row was written) is a safety net for a writer that stamps a change with an
 * earlier time than it writes it, e.g. an import applying a long file with the time it started.
 */
const changedWithin = (window: TWindow | null) =>
  window
    ? Prisma.sql`AND (${inWindow(Prisma.sql`e."consentedAt"`, window)} OR ${inWindow(Prisma.sql`e."cancelledAt"`, window)}
        OR ${inWindow(Prisma.sql`e."updatedAt"`, window)})`
    : Prisma.empty;

/** How many accounts the file will hold (the pages' accounts, counted at once: cheap beside writing them). */
const countSignupRows = async ({ practiceId, window }: { practiceId: string; window: TWindow | null }) => {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(DISTINCT e."accountId")::int AS count
    FROM "autopay_enrollment" e
    JOIN "account" a ON a.id = e."accountId"
    WHERE a."practiceId" = ${practiceId} ${changedWithin(window)}`;
  return Number(row?.count ?? 0);
};

/**
 * One page of accounts for the file, after `afterAccountId`: for FULL every account of the
 * practice with an enrolment (active or not), for DELTA those with an enrolment made, changed
 * (consentedAt) or ended (cancelledAt) within the window. Each with its current state: the
 * active enrolment, else the one that ended last. Enrolments are few beside accounts, so the
 * page is found from them (the account-and-status index, in account order).
 */
const readSignupPage = async ({
  practiceId,
  timeZone,
  afterAccountId,
  window,
  today,
}: {
  practiceId: string;
  timeZone: string;
  afterAccountId: string;
  window: { start: Date | null; end: Date } | null;
  today: Date;
}) => {
  const db = await getDb();
  return db.$queryRaw<(TSignupSource & { accountId: string })[]>`
    WITH page AS (
      SELECT DISTINCT e."accountId"
      FROM "autopay_enrollment" e
      JOIN "account" a ON a.id = e."accountId"
      WHERE a."practiceId" = ${practiceId} AND e."accountId" > ${afterAccountId} ${changedWithin(window)}
      ORDER BY e."accountId"
      LIMIT ${PAGE_ROWS}
    )
    SELECT page."accountId",
      a."accountNumber", a."guarantorFirstName", a."guarantorLastName", a."guarantorDob",
      coalesce(u.email, a.email) AS email,
      cur."userId" AS "payerId",
      cur.status::text AS status,
      cur."limitCents",
      pm.kind::text AS "methodKind", pm.brand, pm.last4, pm."bankAccountType"::text AS "bankAccountType",
      ((CASE WHEN cur.status = 'ACTIVE' THEN cur."createdAt" ELSE coalesce(cur."cancelledAt", cur."updatedAt") END)
        AT TIME ZONE ${timeZone})::date AS "statusDate",
      draft.day AS "draftDate"
    FROM page
    JOIN "account" a ON a.id = page."accountId"
    CROSS JOIN LATERAL (
      SELECT e.* FROM "autopay_enrollment" e
      WHERE e."accountId" = page."accountId"
      ORDER BY (e.status = 'ACTIVE') DESC, coalesce(e."cancelledAt", e."consentedAt") DESC, e.id DESC
      LIMIT 1
    ) cur
    JOIN "payment_method" pm ON pm.id = cur."paymentMethodId"
    LEFT JOIN "user" u ON u.id = cur."userId"
    LEFT JOIN LATERAL (
      SELECT min(c."chargeOn") AS day FROM "autopay_charge" c
      WHERE c."enrollmentId" = cur.id AND cur.status = 'ACTIVE' AND c.status = 'SCHEDULED'
        AND c."paymentId" IS NULL AND c."chargeOn" >= ${toIsoDay(today)}::date
    ) draft ON true
    ORDER BY page."accountId"`;
};

/**
 * Writes the claimed file: counts its rows (the progress bar's total), then writes them page by
 * page into chunks, recording the rows written with every renewal of its claim, then marks it READY.
 */
const writeClaimedFile = async (
  claim: Extract<TClaim, { kind: "claimed" }>,
  onProgress?: TSignupProgressHook,
) => {
  const db = await getDb();
  const { file, token } = claim;
  const holdsClaim = { id: file.id, claimToken: token };
  // Whatever an earlier, failed attempt stored goes first (its claim is over: see claimSignupFile).
  await db.signupFileChunk.deleteMany({ where: { fileId: file.id } });

  let rowCount = 0;
  // Stored only while this worker still holds the claim (the row lock makes a takeover wait).
  const text = chunkedText(async (seq, content) => {
    const stored = await db.$executeRaw`
      INSERT INTO "signup_file_chunk" ("fileId", seq, content)
      SELECT f.id, ${seq}, ${content} FROM "signup_file" f
      WHERE f.id = ${file.id} AND f."claimToken" = ${token}
      FOR SHARE`;
    if (stored !== 1) throw new LostClaimError(file.id);
  });

  const now = getClock().now();
  const today = todayInZone(claim.timeZone, now);
  const window = file.mode === "DELTA" ? { start: file.windowStart, end: file.windowEnd } : null;
  const totalRows = await countSignupRows({ practiceId: file.practiceId, window });
  const counted = await db.signupFile.updateMany({ where: holdsClaim, data: { totalRows } });
  if (counted.count !== 1) throw new LostClaimError(file.id);
  let afterAccountId = "";
  for (;;) {
    const page = await readSignupPage({
      practiceId: file.practiceId,
      timeZone: claim.timeZone,
      afterAccountId,
      window,
      today,
    });
    for (const source of page) await text.write(`${formatSignupLine(toSignupRow(source, claim.clientId))}\n`);
    rowCount += page.length;
    if (page.length < PAGE_ROWS) break;
    afterAccountId = page.at(-1)!.accountId;
    const renewed = await db.signupFile.updateMany({
      where: holdsClaim,
      data: { claimedUntil: new Date(getClock().now().getTime() + SIGNUP_FILE_LEASE_MS), rowsDone: rowCount },
    });
    if (renewed.count !== 1) throw new LostClaimError(file.id);
    await onProgress?.({ fileId: file.id, rowsDone: rowCount, totalRows });
  }
  const { byteCount, sha256 } = await text.finish();

  const done = await db.signupFile.updateMany({
    where: { ...holdsClaim, status: "GENERATING" },
    data: {
      status: "READY",
      rowCount,
      rowsDone: rowCount,
      totalRows: rowCount,
      byteCount,
      sha256,
      completedAt: getClock().now(),
      claimToken: null,
      claimedUntil: null,
    },
  });
  if (done.count !== 1) throw new LostClaimError(file.id);
  return db.signupFile.findUniqueOrThrow({ where: { id: file.id }, select: SIGNUP_FILE_SELECT });
};

/**
 * The practice's sign-up file for `businessDay` in `mode`: written now if nobody has, else the
 * one already written (or being written). Safe to call twice, from two workers at once, and
 * again after a crash: a failed attempt is marked FAILED and the next call writes it afresh.
 */
export const produceSignupFile = async ({
  practiceId,
  mode,
  businessDay,
  producer,
  onProgress,
}: {
  practiceId: string;
  mode: TSignupFileMode;
  /** A calendar day (UTC-midnight Date) in the practice's zone. */
  businessDay: Date;
  producer: TSignupProducer;
  /** Told after each page's progress is recorded (tests watch the record there). */
  onProgress?: TSignupProgressHook;
}): Promise<TProduceSignupFileResult> => {
  const claim = await claimSignupFile({ practiceId, mode, businessDay, producer, now: getClock().now() });
  if (claim.kind !== "claimed") {
    const outcome = {
      ready: "existing",
      busy: "in-progress",
      covered: "covered",
      queued: "in-progress",
    } as const;
    return { outcome: outcome[claim.kind], file: claim.file };
  }
  try {
    const file = await timeExport({ kind: "signup", format: mode }, () =>
      writeClaimedFile(claim, onProgress),
    );
    return { outcome: "produced", file };
  } catch (error) {
    await releaseFailedFile("signup", claim.file.id, claim.token);
    throw error;
  }
};

/**
 * Staff asking for the practice's file of `businessDay` in `mode` from the console: the day's
 * record is made, waiting (GENERATING, not yet started), for the job `exports.signup-file` to
 * write (lib/exports/signup-file-job.ts), and `queued` is the answer at once. The day's file
 * already written (`existing`), waiting or being written (`in-progress`), or covered by a later
 * delta (`covered`) is given back as it is: asking twice makes one file. A failed one waits again.
 */
export const queueSignupFile = async ({
  practiceId,
  mode,
  businessDay,
  producer,
}: {
  practiceId: string;
  mode: TSignupFileMode;
  businessDay: Date;
  producer: TSignupProducer;
}): Promise<{ outcome: "queued" | "existing" | "in-progress" | "covered"; file: TFileRecord }> => {
  const claim = await claimSignupFile({
    practiceId,
    mode,
    businessDay,
    producer,
    now: getClock().now(),
    isQueueOnly: true,
  });
  const outcome = { ready: "existing", busy: "in-progress", covered: "covered", queued: "queued" } as const;
  if (claim.kind === "claimed") throw new Error("a queue-only claim never claims");
  return { outcome: outcome[claim.kind], file: claim.file };
};

/** A practice's file, READY, for download; another practice's, or one not ready, is "not found". */
export const getReadySignupFileOrThrow = async ({
  practiceId,
  fileId,
}: {
  practiceId: string;
  fileId: string;
}) => {
  const db = await getDb();
  const file = await db.signupFile.findFirst({
    where: { id: fileId, practiceId, status: "READY" },
    select: { id: true, fileName: true, byteCount: true, mode: true, businessDay: true, rowCount: true },
  });
  if (!file) throw notFoundError("sign-up file");
  return file;
};
