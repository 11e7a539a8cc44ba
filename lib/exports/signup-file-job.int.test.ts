import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseIsoDay } from "@/lib/dates";
import { readExportFileText } from "@/lib/exports/file-store";
import { getSignupFileProgressOrThrow } from "@/lib/exports/queries";
import { queueSignupFile, SIGNUP_FILE_LEASE_MS } from "@/lib/exports/signup-file";
import { runSignupFileJob } from "@/lib/exports/signup-file-job";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const day = (iso: string) => parseIsoDay(iso)!;

/** Accounts on autopay (by bank account) in the practice, as a PMS's batch enrolment leaves them. */
const enrolMany = async (practiceId: string, count: number) => {
  const tag = randomUUID().slice(0, 8);
  const db = database.db;
  await db.$executeRawUnsafe(
    `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName", "guarantorDob", "updatedAt")
     SELECT 'acct_' || $1 || '_' || g, $2, 'B-' || $1 || '-' || lpad(g::text, 5, '0'), 'Morgan', 'Bulk', DATE '1990-02-03', now()
     FROM generate_series(1, $3::int) g`,
    tag,
    practiceId,
    count,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO payment_method (id, "accountId", kind, "gatewayToken", last4, "bankAccountType", "updatedAt")
     SELECT 'pm_' || $1 || '_' || g, 'acct_' || $1 || '_' || g, 'ACH', 'tok_' || $1 || '_' || g, '6789', 'SAVINGS', now()
     FROM generate_series(1, $2::int) g`,
    tag,
    count,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO autopay_enrollment (id, "accountId", "paymentMethodId", "limitCents", source, "consentText",
       "consentVersion", "consentedAt", "updatedAt")
     SELECT 'enr_' || $1 || '_' || g, 'acct_' || $1 || '_' || g, 'pm_' || $1 || '_' || g, 15000, 'FILE',
       'Batch enrolment', 'file-v1', now() - interval '1 hour', now()
     FROM generate_series(1, $2::int) g`,
    tag,
    count,
  );
};

describe("a sign-up file staff ask for, written by a job", () => {
  const ROWS = 2_300;
  let lakeside: TOtherPractice;
  let staff: { kind: "staff"; userId: string; email: string };

  beforeAll(async () => {
    lakeside = await makeOtherPractice(database.db);
    staff = { kind: "staff", userId: lakeside.staff.userId, email: lakeside.staff.email };
    await enrolMany(lakeside.practiceId, ROWS);
  });

  const ask = (businessDay: Date, mode: "FULL" | "DELTA" = "FULL") =>
    queueSignupFile({ practiceId: lakeside.practiceId, mode, businessDay, producer: staff });
  const progressOf = (fileId: string) =>
    getSignupFileProgressOrThrow({ practiceId: lakeside.practiceId, fileId, now: new Date() });
  const filesOf = (businessDay: Date) =>
    database.db.signupFile.count({ where: { practiceId: lakeside.practiceId, businessDay } });

  it("waits at once, records its rows written of the total as it goes, and is ready with its download link", async () => {
    const asked = await ask(day("2026-11-02"));
    expect(asked.outcome).toBe("queued");
    expect(await progressOf(asked.file.id)).toMatchObject({
      status: "WAITING",
      rowsDone: 0,
      totalRows: null,
      downloadHref: null,
    });

    // What the record said after each page was recorded, as the progress route would answer.
    const seen: { status: string; rowsDone: number; totalRows: number | null }[] = [];
    const run = await runSignupFileJob({ signupFileId: asked.file.id }, undefined, {
      onProgress: async ({ fileId }) => {
        const { status, rowsDone, totalRows } = await progressOf(fileId);
        seen.push({ status, rowsDone, totalRows });
      },
    });
    expect(run).toMatchObject({ outcome: "produced" });
    expect(seen).toEqual([
      { status: "GENERATING", rowsDone: 1_000, totalRows: ROWS },
      { status: "GENERATING", rowsDone: 2_000, totalRows: ROWS },
    ]);
    const done = await progressOf(asked.file.id);
    expect(done).toMatchObject({
      status: "READY",
      rowsDone: ROWS,
      totalRows: ROWS,
      failureReason: null,
      downloadHref: `/staff/exports/${asked.file.id}/download`,
    });
    const lines = (await readExportFileText("signup", asked.file.id)).trimEnd().split("\n");
    expect(lines).toHaveLength(ROWS);
    expect(new Set(lines).size).toBe(ROWS);
  });

  it("asked for twice, and its job run twice, is one file", async () => {
    const businessDay = day("2026-11-03");
    const first = await ask(businessDay);
    const second = await ask(businessDay);
    expect(first.outcome).toBe("queued");
    expect(second).toMatchObject({ outcome: "in-progress", file: { id: first.file.id } });
    const runs = await Promise.all([
      runSignupFileJob({ signupFileId: first.file.id }),
      runSignupFileJob({ signupFileId: first.file.id }),
    ]);
    // One wrote it; the other found it written or being written, and wrote nothing.
    expect(runs.filter((r) => r.skipped === null && r.outcome === "produced")).toHaveLength(1);
    expect(await runSignupFileJob({ signupFileId: first.file.id })).toEqual({ skipped: "missing-or-done" });
    const third = await ask(businessDay);
    expect(third).toMatchObject({ outcome: "existing", file: { id: first.file.id, status: "READY" } });
    expect(await filesOf(businessDay)).toBe(1);
    expect((await readExportFileText("signup", first.file.id)).trimEnd().split("\n")).toHaveLength(ROWS);
  });

  it("a run whose worker died is left alone while its claim holds, then taken over and written afresh", async () => {
    const businessDay = day("2026-11-04");
    const asked = await ask(businessDay);
    // A worker took it, wrote a page and a chunk, and died.
    await database.db.signupFile.update({
      where: { id: asked.file.id },
      data: {
        claimToken: "dead-worker",
        claimedUntil: new Date(Date.now() + SIGNUP_FILE_LEASE_MS),
        startedAt: new Date(Date.now() - 60_000),
        rowsDone: 1_000,
        totalRows: ROWS,
      },
    });
    await database.db.signupFileChunk.create({
      data: { fileId: asked.file.id, seq: 0, content: "half a file from the dead worker\n" },
    });
    // While its claim holds, a run leaves it to that worker.
    expect(await runSignupFileJob({ signupFileId: asked.file.id })).toMatchObject({ outcome: "in-progress" });
    expect(await progressOf(asked.file.id)).toMatchObject({ status: "GENERATING", rowsDone: 1_000 });

    // Its claim ran out: the job, handed out again, takes it over.
    await database.db.signupFile.update({
      where: { id: asked.file.id },
      data: { claimedUntil: new Date(Date.now() - 1_000) },
    });
    expect(await runSignupFileJob({ signupFileId: asked.file.id })).toMatchObject({ outcome: "produced" });
    expect(await progressOf(asked.file.id)).toMatchObject({
      status: "READY",
      rowsDone: ROWS,
      totalRows: ROWS,
    });
    const text = await readExportFileText("signup", asked.file.id);
    expect(text).not.toContain("dead worker");
    expect(text.trimEnd().split("\n")).toHaveLength(ROWS);
    expect(await filesOf(businessDay)).toBe(1);
  });

  it("a failed run says why; asked for again, it waits again and is written", async () => {
    const businessDay = day("2026-11-05");
    const asked = await ask(businessDay);
    const failing = async () => {
      throw new AppError("CONFLICT", { message: "test", userMessage: "The database went away." });
    };
    await expect(
      runSignupFileJob(
        { signupFileId: asked.file.id },
        { retryCount: 2, retryLimit: 2 },
        { onProgress: failing },
      ),
    ).rejects.toThrow();
    expect(await progressOf(asked.file.id)).toMatchObject({
      status: "FAILED",
      failureReason: "The database went away. It is tried again within the hour.",
      downloadHref: null,
    });
    const again = await ask(businessDay);
    expect(again).toMatchObject({ outcome: "queued", file: { id: asked.file.id } });
    expect(await progressOf(asked.file.id)).toMatchObject({ status: "WAITING", failureReason: null });
    expect(await runSignupFileJob({ signupFileId: asked.file.id })).toMatchObject({ outcome: "produced" });
    expect(await filesOf(businessDay)).toBe(1);
  });

  it("another practice's file's progress is not found", async () => {
    const asked = await ask(day("2026-11-06"));
    const demo = await database.db.practice.findFirstOrThrow({ where: { id: { not: lakeside.practiceId } } });
    await expect(
      getSignupFileProgressOrThrow({ practiceId: demo.id, fileId: asked.file.id, now: new Date() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
