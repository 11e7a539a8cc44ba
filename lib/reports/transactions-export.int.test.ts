import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";
import { transactionCsv } from "./csv";
import { ZTransactionFilters, type TTransactionFilters } from "./filters";
import { getReportScope, streamTransactions } from "./transactions";
import {
  TRANSACTIONS_CSV_JOB,
  getReadyTransactionsExportOrThrow,
  getTransactionsExportOrThrow,
  readTransactionsExport,
  requestTransactionsExport,
  runTransactionsExportJob,
} from "./transactions-export";

const database = setupTestDatabase({ seed: true });

/** The queue, as far as asking for an export uses it: what was sent. */
const fakeQueue = () => {
  const sent: { name: string; data: unknown; singletonKey?: string }[] = [];
  const boss = {
    createQueue: async () => undefined,
    send: async (name: string, data: unknown, options?: { singletonKey?: string }) => {
      sent.push({ name, data, singletonKey: options?.singletonKey });
      return randomUUID();
    },
  } as unknown as PgBoss;
  return { boss, sent };
};

const textOf = async (exportId: string) => {
  let text = "";
  for await (const chunk of readTransactionsExport(exportId)) text += chunk;
  return text;
};

describe("a transactions CSV prepared by a job", () => {
  const ROWS = 1_200;
  let lakeside: TOtherPractice;
  let actor: { userId: string; email: string; practiceId: string };
  const filters = (query = ""): TTransactionFilters =>
    ZTransactionFilters.parse(Object.fromEntries(new URLSearchParams(query)));

  beforeAll(async () => {
    lakeside = await makeOtherPractice(database.db);
    actor = { userId: lakeside.staff.userId, email: lakeside.staff.email, practiceId: lakeside.practiceId };
    const tag = randomUUID().slice(0, 8);
    // Payers' names a spreadsheet would run as formulas, every 100th row.
    await database.db.$executeRawUnsafe(
      `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
         "receiptNumber", "methodKind", brand, last4, "payerName", "createdAt", "updatedAt")
       SELECT 'pay_' || $1 || '_' || g, $2, $3, 'WEB', 'CAPTURED', 1000 + g, 'idem_' || $1 || '_' || g,
         'R-' || $1 || '-' || g, 'CARD', 'visa', '4242',
         CASE WHEN g % 100 = 0 THEN '=HYPERLINK("x")' ELSE 'Robin Harbor' END,
         now() - make_interval(secs => g), now()
       FROM generate_series(1, $4::int) g`,
      tag,
      lakeside.practiceId,
      lakeside.accountId,
      ROWS,
    );
  });

  it("waits at once, is the one export for the same request while it runs, and is ready with the streamed CSV's very text", async () => {
    const { boss, sent } = fakeQueue();
    const asked = await requestTransactionsExport({ actor, filters: filters(), totalRows: ROWS, boss });
    expect(asked.isNew).toBe(true);
    expect(sent).toEqual([
      { name: TRANSACTIONS_CSV_JOB, data: { exportId: asked.exportId }, singletonKey: asked.exportId },
    ]);
    const view = () =>
      getTransactionsExportOrThrow({
        practiceId: lakeside.practiceId,
        exportId: asked.exportId,
        now: new Date(),
      });
    expect((await view()).progress).toMatchObject({ status: "WAITING", rowsDone: 0, totalRows: ROWS });

    // The same request again while it waits: the same export (its job sent again, in case it was lost).
    const again = await requestTransactionsExport({ actor, filters: filters(), totalRows: ROWS, boss });
    expect(again).toEqual({ exportId: asked.exportId, isNew: false });

    expect(await runTransactionsExportJob({ exportId: asked.exportId })).toEqual({
      skipped: null,
      rowCount: ROWS,
    });
    expect((await view()).progress).toMatchObject({
      status: "READY",
      rowsDone: ROWS,
      totalRows: ROWS,
      downloadHref: `/staff/transactions/exports/${asked.exportId}/download`,
    });

    // The very text the direct stream gives, formulas defused, no card number but the last 4.
    const scope = await getReportScope({ practiceId: lakeside.practiceId });
    let streamed = "";
    for await (const chunk of transactionCsv(
      streamTransactions({ scope, filters: filters() }),
      scope.timeZone,
    ))
      streamed += chunk;
    const text = await textOf(asked.exportId);
    expect(text).toBe(streamed);
    expect(text.split("\r\n")).toHaveLength(ROWS + 2);
    expect(text).toContain(`'=HYPERLINK(""x"")`);
    expect(text).not.toMatch(/\d{12,}/);

    // Done: a second run does nothing; the file is downloadable by its practice only.
    expect(await runTransactionsExportJob({ exportId: asked.exportId })).toEqual({
      skipped: "done-or-running",
    });
    expect(
      await getReadyTransactionsExportOrThrow({ practiceId: lakeside.practiceId, exportId: asked.exportId }),
    ).toMatchObject({
      rowCount: ROWS,
      fileName: expect.stringMatching(/^transactions-\d{4}-\d{2}-\d{2}\.csv$/),
    });
    const demo = await database.db.practice.findFirstOrThrow({ where: { id: { not: lakeside.practiceId } } });
    await expect(
      getReadyTransactionsExportOrThrow({ practiceId: demo.id, exportId: asked.exportId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      getTransactionsExportOrThrow({ practiceId: demo.id, exportId: asked.exportId, now: new Date() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("records its rows written of the total as it goes", async () => {
    const { boss } = fakeQueue();
    // Amounts are 10.01 … 22.00: 300 of them from 19.01.
    const asked = await requestTransactionsExport({
      actor,
      filters: filters("min=19.01"),
      totalRows: 300,
      boss,
    });
    const seen: { status: string; rowsDone: number; totalRows: number | null }[] = [];
    await runTransactionsExportJob({ exportId: asked.exportId }, undefined, {
      everyMs: 0,
      onProgress: async () => {
        const { progress } = await getTransactionsExportOrThrow({
          practiceId: lakeside.practiceId,
          exportId: asked.exportId,
          now: new Date(),
        });
        seen.push({ status: progress.status, rowsDone: progress.rowsDone, totalRows: progress.totalRows });
      },
    });
    // Every row as it was read, while it was being written; then once more as its text was stored.
    expect(seen.map((s) => s.rowsDone)).toEqual([...Array.from({ length: 300 }, (_, i) => i + 1), 300]);
    expect(new Set(seen.map((s) => `${s.status} of ${s.totalRows}`))).toEqual(new Set(["GENERATING of 300"]));
  });

  it("keeps to its filters", async () => {
    const { boss } = fakeQueue();
    const query = "min=1500.00";
    const asked = await requestTransactionsExport({ actor, filters: filters(query), totalRows: 0, boss });
    await runTransactionsExportJob({ exportId: asked.exportId });
    // Amounts are 10.01 … 22.00: none of 1,500 dollars or more.
    expect((await textOf(asked.exportId)).split("\r\n")).toHaveLength(2);
    const other = await requestTransactionsExport({
      actor,
      filters: filters("min=21.00"),
      totalRows: 0,
      boss,
    });
    await runTransactionsExportJob({ exportId: other.exportId });
    expect((await textOf(other.exportId)).split("\r\n")).toHaveLength(101 + 2);
  });

  it("a run whose worker died is left alone while it shows a sign of life, then taken over and written afresh", async () => {
    const { boss } = fakeQueue();
    const asked = await requestTransactionsExport({
      actor,
      filters: filters("sort=oldest"),
      totalRows: ROWS,
      boss,
    });
    // A worker took it, wrote a chunk and some progress, and died.
    await database.db.transactionExport.update({
      where: { id: asked.exportId },
      data: { claimToken: "dead-worker", startedAt: new Date(Date.now() - 60_000), rowsDone: 600 },
    });
    await database.db.transactionExportChunk.create({
      data: { fileId: asked.exportId, seq: 0, content: "half a file from the dead worker\r\n" },
    });
    expect(await runTransactionsExportJob({ exportId: asked.exportId })).toEqual({
      skipped: "done-or-running",
    });

    // No sign of life for longer than EXPORT_ABANDONED_AFTER_MS: the job, handed out again, takes it over.
    await database.db.$executeRaw`UPDATE "transaction_export" SET "updatedAt" = now() - interval '3 minutes'
      WHERE id = ${asked.exportId}`;
    expect(await runTransactionsExportJob({ exportId: asked.exportId })).toEqual({
      skipped: null,
      rowCount: ROWS,
    });
    const text = await textOf(asked.exportId);
    expect(text).not.toContain("dead worker");
    expect(text.split("\r\n")).toHaveLength(ROWS + 2);
  });

  it("a run that fails waits for its retry with the reason, and fails for good on the last try", async () => {
    const { boss } = fakeQueue();
    const asked = await requestTransactionsExport({
      actor,
      filters: filters("sort=amount_asc"),
      totalRows: ROWS,
      boss,
    });
    const failing = async () => {
      throw new AppError("CONFLICT", { message: "test", userMessage: "The database went away." });
    };
    const view = async () =>
      (
        await getTransactionsExportOrThrow({
          practiceId: lakeside.practiceId,
          exportId: asked.exportId,
          now: new Date(),
        })
      ).progress;
    await expect(
      runTransactionsExportJob(
        { exportId: asked.exportId },
        { retryCount: 0, retryLimit: 2 },
        { everyMs: 0, onProgress: failing },
      ),
    ).rejects.toThrow();
    expect(await view()).toMatchObject({
      status: "WAITING",
      failureReason: "The database went away. It is being tried again.",
    });
    await expect(
      runTransactionsExportJob(
        { exportId: asked.exportId },
        { retryCount: 2, retryLimit: 2 },
        { everyMs: 0, onProgress: failing },
      ),
    ).rejects.toThrow();
    expect(await view()).toMatchObject({
      status: "FAILED",
      failureReason: "The database went away. Ask for the CSV again to try once more.",
      downloadHref: null,
    });
    // Asked for again: a new export, written.
    const again = await requestTransactionsExport({
      actor,
      filters: filters("sort=amount_asc"),
      totalRows: ROWS,
      boss,
    });
    expect(again.isNew).toBe(true);
    expect(await runTransactionsExportJob({ exportId: again.exportId })).toEqual({
      skipped: null,
      rowCount: ROWS,
    });
  });
});
