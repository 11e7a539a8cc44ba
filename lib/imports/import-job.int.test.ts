import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { readAckText } from "@/lib/imports/ack-store";
import {
  enqueueImport,
  IMPORT_JOB,
  readStoredUpload,
  requeueLostUploads,
  runImportJob,
  storeUpload,
} from "@/lib/imports/import-job";
import { createJobQueue } from "@/lib/jobs/queue";
import { JOBS, startWorker } from "@/lib/jobs/worker";
import { getImportProgressOrThrow } from "@/lib/imports/queries";
import { DEMO } from "@/lib/seed/demo-data";
import { makeOtherPractice } from "@/lib/test/other-practice";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

/** One IMPSCIF line of its own account and statement (as in balance-import.int.test.ts). */
const line = (
  tag: string,
  n: number,
  { amount = "12.34", clientId = DEMO.practice.clientId as string } = {},
) => {
  const f: Record<number, string> = {
    1: "IMPSCIF",
    2: `P-${tag}-${n}`,
    3: "Morgan",
    5: "Ellis",
    6: "19850412",
    8: `ST-${tag}-${n}`,
    9: amount,
    10: "20261120",
    11: clientId,
    13: "Dr. Ana Ruiz",
    23: "A",
    36: "19103",
  };
  return Array.from({ length: 48 }, (_, i) => f[i + 1] ?? "").join("|");
};

/** A balance file of `count` rows, every `rejectEvery`th row another practice's (rejected). */
const balanceFile = (tag: string, count: number, rejectEvery = 100) =>
  `${Array.from({ length: count }, (_, i) =>
    line(tag, i + 1, {
      amount: `${(i % 90) + 10}.00`,
      clientId: (i + 1) % rejectEvery === 0 ? "ELSEWHERE" : DEMO.practice.clientId,
    }),
  ).join("\r\n")}\r\n`;

const streamOf = (text: string) => new Blob([text]).stream();

/** Waits for a condition the test cannot await directly (a run under way in the background). */
const until = async (condition: () => Promise<boolean>, timeoutMs = 30_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe("an uploaded file imported by a job", () => {
  let practiceId: string;
  let staffUserId: string;

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    staffUserId = (await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } })).id;
  });

  const upload = (text: string, fileName = "PS_RFM001_20261206_0001.txt") =>
    storeUpload({ practiceId, kind: "BALANCE", fileName, stream: streamOf(text), userId: staffUserId });

  const statementsOf = (tag: string) =>
    database.db.statement.findMany({
      where: { statementNumber: { startsWith: `ST-${tag}-` } },
      select: { statementNumber: true, balanceCents: true },
    });

  it("is stored on upload, waits as RECEIVED, then runs with its progress and drops the stored content", async () => {
    const text = balanceFile("JOBA", 1_200);
    const stored = await upload(text);
    expect(stored).toMatchObject({ isDuplicate: false, shouldRun: true });
    const waiting = await database.db.importFile.findUniqueOrThrow({ where: { id: stored.importFileId } });
    expect(waiting).toMatchObject({ status: "RECEIVED", totalRows: 1_200, rowsDone: 0 });
    // The stored content is the file, byte for byte.
    let back = "";
    for await (const chunk of readStoredUpload(stored.importFileId)) back += new TextDecoder().decode(chunk);
    expect(back).toBe(text);

    const outcome = await runImportJob(
      { importFileId: stored.importFileId, context: requestFrom("203.0.113.7") },
      { retryCount: 0, retryLimit: 2 },
    );
    expect(outcome.skipped).toBeNull();
    const done = await database.db.importFile.findUniqueOrThrow({ where: { id: stored.importFileId } });
    expect(done).toMatchObject({
      status: "PROCESSED",
      rowCount: 1_200,
      rowsDone: 1_200,
      acceptedCount: 1_188,
      rejectedCount: 12,
      failureReason: null,
    });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(await database.db.importFileChunk.count({ where: { fileId: stored.importFileId } })).toBe(0);
    expect(await statementsOf("JOBA")).toHaveLength(1_188);
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "import.balance_file", targetId: stored.importFileId },
    });
    expect(audit).toMatchObject({ actorUserId: staffUserId, ip: "203.0.113.7" });
    expect(
      await getImportProgressOrThrow({ practiceId, importId: stored.importFileId, now: new Date() }),
    ).toEqual({
      status: "PROCESSED",
      rowsDone: 1_200,
      totalRows: 1_200,
      rejected: 12,
      secondsLeft: null,
      failureReason: null,
    });

    // A second run of the same job (pg-boss handed it out twice) does nothing.
    expect((await runImportJob({ importFileId: stored.importFileId })).skipped).toBe("done-or-running");
    // The same file uploaded again is a duplicate, and what that upload stored is dropped.
    const again = await upload(text, "again.txt");
    expect(again).toEqual({ importFileId: stored.importFileId, isDuplicate: true, shouldRun: false });
    expect(await database.db.importFile.count({ where: { fileName: "again.txt" } })).toBe(0);
  });

  it("a run that dies midway is taken over by the retry, which applies nothing twice", async () => {
    const tag = "JOBK";
    const text = balanceFile(tag, 12_000);
    const stored = await upload(text, "PS_RFM001_20261206_0002.txt");
    const fileId = stored.importFileId;

    // The first run reads the file whole to fingerprint it, then, importing it, stops for good
    // after 8,000 lines (its process killed: it neither fails nor finishes).
    let kill!: (error: Error) => void;
    const killed = new Promise<never>((_, reject) => (kill = reject));
    let passes = 0;
    const dyingRead = (id: string) =>
      (async function* () {
        const isImportPass = ++passes === 2;
        let lines = 0;
        for await (const chunk of readStoredUpload(id)) {
          // Line by line, so that it stops exactly where told.
          for (const piece of new TextDecoder().decode(chunk).split(/(?<=\n)/)) {
            if (isImportPass && ++lines > 8_000) await killed;
            yield new TextEncoder().encode(piece);
          }
        }
      })();
    const firstRun = runImportJob(
      { importFileId: fileId },
      { retryCount: 0, retryLimit: 2 },
      { read: dyingRead },
    );
    firstRun.catch(() => undefined);
    try {
      // It got somewhere (one chunk of 5,000 rows written and its progress recorded) before it died.
      await until(async () => {
        const f = await database.db.importFile.findUniqueOrThrow({ where: { id: fileId } });
        return f.status === "PROCESSING" && f.rowsDone >= 5_000;
      });
      const midway = await getImportProgressOrThrow({ practiceId, importId: fileId, now: new Date() });
      expect(midway).toMatchObject({
        status: "PROCESSING",
        rowsDone: 5_000,
        totalRows: 12_000,
        rejected: 50,
      });
      expect(midway.secondsLeft).not.toBeNull();
      expect(await statementsOf(tag)).toHaveLength(4_950);

      // While the dead run still looks alive, the retry leaves it be.
      expect((await runImportJob({ importFileId: fileId })).skipped).toBe("done-or-running");
      // No sign of life for longer than a job's run may go quiet: pg-boss's retry takes it over.
      await database.db
        .$executeRaw`UPDATE import_file SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${fileId}`;
      const retry = await runImportJob({ importFileId: fileId }, { retryCount: 1, retryLimit: 2 });
      expect(retry.skipped).toBeNull();

      const done = await database.db.importFile.findUniqueOrThrow({ where: { id: fileId } });
      expect(done).toMatchObject({
        status: "PROCESSED",
        rowCount: 12_000,
        acceptedCount: 11_880,
        rejectedCount: 120,
      });
      // Every statement once, with its amount from the file (not applied twice, not left half).
      const statements = await statementsOf(tag);
      expect(statements).toHaveLength(11_880);
      const byNumber = new Map(statements.map((s) => [s.statementNumber, s.balanceCents]));
      expect(byNumber.get(`ST-${tag}-1`)).toBe(1_000);
      expect(byNumber.get(`ST-${tag}-11999`)).toBe(3_800);
      // One outcome per rejected row, one acknowledgement line per row.
      expect(await database.db.importFileRow.count({ where: { fileId, accepted: false } })).toBe(120);
      expect((await readAckText(fileId)).trimEnd().split("\n")).toHaveLength(12_000);
      expect(
        await database.db.auditLog.count({ where: { action: "import.balance_file", targetId: fileId } }),
      ).toBe(1);
    } finally {
      // The dead run wakes up and fails (its connections closed before the database goes).
      kill(new Error("the process was killed"));
      await expect(firstRun).rejects.toThrow("the process was killed");
    }
    // It cannot undo the finished import.
    expect(await database.db.importFile.findUniqueOrThrow({ where: { id: fileId } })).toMatchObject({
      status: "PROCESSED",
      failureReason: null,
    });
  });

  it("a run that fails waits for its retry with the reason, and fails for good on the last try", async () => {
    const text = balanceFile("JOBF", 300);
    const stored = await upload(text, "PS_RFM001_20261206_0003.txt");
    const fileId = stored.importFileId;
    let passes = 0;
    const failingRead = (id: string) =>
      (async function* () {
        if (++passes % 2 === 0) throw new Error("disk gone");
        yield* readStoredUpload(id);
      })();
    await expect(
      runImportJob({ importFileId: fileId }, { retryCount: 0, retryLimit: 1 }, { read: failingRead }),
    ).rejects.toThrow("disk gone");
    const waiting = await database.db.importFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(waiting.status).toBe("RECEIVED");
    expect(waiting.failureReason).toMatch(
      /^The import stopped on an unexpected error \(reference [0-9a-f]{8}\)\..* It is being tried again\.$/,
    );

    await expect(
      runImportJob({ importFileId: fileId }, { retryCount: 1, retryLimit: 1 }, { read: failingRead }),
    ).rejects.toThrow("disk gone");
    const failed = await getImportProgressOrThrow({ practiceId, importId: fileId, now: new Date() });
    expect(failed.status).toBe("FAILED");
    expect(failed.failureReason).toMatch(
      /^The import stopped on an unexpected error \(reference [0-9a-f]{8}\)\./,
    );
    // The stored content stays for the next upload of the same file, which takes the failed import up.
    expect(await database.db.importFileChunk.count({ where: { fileId } })).toBeGreaterThan(0);
    const again = await upload(text, "again-after-failure.txt");
    expect(again).toEqual({ importFileId: fileId, isDuplicate: false, shouldRun: true });
    await runImportJob({ importFileId: fileId });
    expect(await database.db.importFile.findUniqueOrThrow({ where: { id: fileId } })).toMatchObject({
      status: "PROCESSED",
      rowCount: 300,
      rejectedCount: 3,
    });
  });

  it("another practice's staff are told 'not found' for an import's progress", async () => {
    const other = await makeOtherPractice(database.db);
    const stored = await upload(balanceFile("JOBS", 5), "PS_RFM001_20261206_0004.txt");
    await expect(
      getImportProgressOrThrow({
        practiceId: other.practiceId,
        importId: stored.importFileId,
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      getImportProgressOrThrow({ practiceId, importId: "no-such-import", now: new Date() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  describe("whose job was lost", () => {
    let boss: PgBoss;
    beforeAll(async () => {
      boss = createJobQueue(database.target);
      boss.on("error", () => undefined);
      await boss.start();
    });
    afterAll(async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    });

    const jobsOf = async (importFileId: string) =>
      (
        await boss
          .getDb()
          .executeSql(`SELECT state FROM pgboss.job WHERE name = $1 AND singleton_key = $2`, [
            IMPORT_JOB,
            importFileId,
          ])
      ).rows;
    /** Stored a while ago: as if its process had died right after storing it. */
    const storedMinutesAgo = async (importFileId: string) => {
      await database.db
        .$executeRaw`UPDATE import_file SET "updatedAt" = now() - interval '5 minutes' WHERE id = ${importFileId}`;
    };
    const statusOf = async (importFileId: string) =>
      (await database.db.importFile.findUniqueOrThrow({ where: { id: importFileId } })).status;

    it("is sent again by the sweep and imported; one whose job waits, or just stored, is not sent twice", async () => {
      // Stored, but its job never sent (the process died in between).
      const lost = await upload(balanceFile("JOBL", 40), "PS_RFM001_20261206_0005.txt");
      await storedMinutesAgo(lost.importFileId);
      // Stored as long ago, its job waiting for a worker.
      const queued = await upload(balanceFile("JOBQ", 30), "PS_RFM001_20261206_0006.txt");
      await enqueueImport(boss, { importFileId: queued.importFileId });
      await storedMinutesAgo(queued.importFileId);
      // Just stored: its job may be on its way.
      const fresh = await upload(balanceFile("JOBN", 20), "PS_RFM001_20261206_0007.txt");

      const sweep = JOBS.find((j) => j.name === "imports.requeue-lost");
      expect(sweep?.cron).toBe("* * * * *");
      expect(await sweep!.handler({}, { retryCount: 0, retryLimit: 3 }, { boss })).toEqual({
        requeued: [lost.importFileId],
      });
      expect(await jobsOf(lost.importFileId)).toEqual([{ state: "created" }]);
      expect(await jobsOf(queued.importFileId)).toEqual([{ state: "created" }]);
      expect(await jobsOf(fresh.importFileId)).toEqual([]);
      // A second sweep before any worker took them sends nothing more.
      expect(await requeueLostUploads({ boss, now: new Date() })).toEqual({ requeued: [] });

      // A worker imports both, once each.
      await startWorker({
        boss,
        definitions: JOBS.filter((j) => j.name === IMPORT_JOB),
        pollingIntervalSeconds: 0.5,
      });
      await until(
        async () =>
          (await statusOf(lost.importFileId)) === "PROCESSED" &&
          (await statusOf(queued.importFileId)) === "PROCESSED",
      );
      expect(await statementsOf("JOBL")).toHaveLength(40);
      expect(await statementsOf("JOBQ")).toHaveLength(30);
      expect(
        await database.db.auditLog.count({
          where: {
            action: "import.balance_file",
            targetId: { in: [lost.importFileId, queued.importFileId] },
          },
        }),
      ).toBe(2);
      // The one just stored waits for its own job; once stale, the sweep sends it.
      expect(await statusOf(fresh.importFileId)).toBe("RECEIVED");
      await storedMinutesAgo(fresh.importFileId);
      expect(await requeueLostUploads({ boss, now: new Date() })).toEqual({ requeued: [fresh.importFileId] });
      await until(async () => (await statusOf(fresh.importFileId)) === "PROCESSED");
      // Imported, nothing of it is waiting any more.
      expect(await requeueLostUploads({ boss, now: new Date() })).toEqual({ requeued: [] });
    });
  });
});
