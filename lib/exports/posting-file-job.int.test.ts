import { beforeAll, describe, expect, it } from "vitest";
import { parseIsoDay } from "@/lib/dates";
import { readExportFileText } from "@/lib/exports/file-store";
import { reservePostingFile } from "@/lib/exports/posting-file";
import { runPostingFileJob } from "@/lib/exports/posting-file-job";
import { getPostingFileProgressOrThrow } from "@/lib/exports/queries";
import { DEMO } from "@/lib/seed/demo-data";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const day = (iso: string) => parseIsoDay(iso)!;

describe("a day's posting file staff ask for, written by a job", () => {
  // More than one page of the writer's cursor (2,000 rows), so that it can be held midway.
  const ROWS = 2_500;
  let practiceId: string;
  let staff: { kind: "staff"; userId: string; email: string };

  beforeAll(async () => {
    const db = database.db;
    const account = await db.account.findFirstOrThrow({
      where: { accountNumber: "A-1001" },
      select: { id: true, practiceId: true },
    });
    practiceId = account.practiceId;
    const user = await db.user.findFirstOrThrow({ where: { email: DEMO.staff.email }, select: { id: true } });
    staff = { kind: "staff", userId: user.id, email: DEMO.staff.email };
    // Card payments captured at noon (New York) on 2026-10-13, one a second.
    await db.$executeRawUnsafe(
      `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
         "receiptNumber", "gatewayTransactionId", "authorizationCode", "methodKind", brand, last4, "capturedAt",
         "createdAt", "updatedAt")
       SELECT 'pf_job_' || g, $1, $2, 'WEB', 'CAPTURED', 1000 + g, 'pf_job_' || g, 'R-PFJOB-' || g,
         'txn_pf_job_' || g, 'AU' || g, 'CARD', 'visa', '4242', t.at, t.at, now()
       FROM generate_series(1, $3::int) g,
         LATERAL (SELECT TIMESTAMPTZ '2026-10-13 12:00:00-04' + g * interval '1 second' AS at) t`,
      practiceId,
      account.id,
      ROWS,
    );
  });

  const ask = (businessDay: Date, format: "IMDPA14" | "LOCKBOX_A" = "IMDPA14") =>
    reservePostingFile({ practiceId, format, businessDay, producer: staff });
  const progressOf = (fileId: string) =>
    getPostingFileProgressOrThrow({ practiceId, fileId, now: new Date() });

  it("waits at once, shows its rows written so far while it is written (PostgreSQL), then its download link", async () => {
    const asked = await ask(day("2026-10-13"));
    expect(asked).toMatchObject({
      outcome: "queued",
      file: { status: "GENERATING", producedBy: DEMO.staff.email },
    });
    expect(await progressOf(asked.file.id)).toMatchObject({
      status: "WAITING",
      rowsDone: 0,
      totalRows: null,
      downloadHref: null,
    });

    // Held after its first page of lines, until the progress route shows the rows written so far.
    const seen: { status: string; rowsDone: number }[] = [];
    const run = await runPostingFileJob(
      { postingFileId: asked.file.id },
      {
        hooks: {
          progressEveryMs: 20,
          onPage: async ({ fileId, rowsDone }) => {
            // PGlite has one session, which the writer holds: nothing can be read until it commits.
            if (database.kind !== "postgres") return;
            await expect
              .poll(async () => (await progressOf(fileId)).rowsDone, { timeout: 10_000, interval: 20 })
              .toBe(rowsDone);
            const { status, rowsDone: shown, secondsSoFar } = await progressOf(fileId);
            seen.push({ status, rowsDone: shown });
            expect(secondsSoFar).toEqual(expect.any(Number));
          },
        },
      },
    );
    expect(run).toMatchObject({ outcome: "produced" });
    // On PostgreSQL the rows so far are seen while the writer holds the file; PGlite records none.
    expect(seen).toEqual(database.kind === "postgres" ? [{ status: "GENERATING", rowsDone: 2_000 }] : []);

    const done = await progressOf(asked.file.id);
    expect(done).toMatchObject({
      status: "READY",
      rowsDone: ROWS,
      totalRows: ROWS,
      downloadHref: `/staff/exports/posting/${asked.file.id}/download`,
    });
    const text = await readExportFileText("posting", asked.file.id);
    expect(text.split("\n").filter((line) => line.includes("|R-PFJOB-"))).toHaveLength(ROWS);
  });

  it("asked for twice, and its job run twice, is one file; asked for again once written, it is just shown", async () => {
    const businessDay = day("2026-10-13");
    const first = await ask(businessDay, "LOCKBOX_A");
    const second = await ask(businessDay, "LOCKBOX_A");
    expect(first.outcome).toBe("queued");
    expect(second).toMatchObject({ outcome: "in-progress", file: { id: first.file.id } });
    const runs = await Promise.all([
      runPostingFileJob({ postingFileId: first.file.id }),
      runPostingFileJob({ postingFileId: first.file.id }),
    ]);
    expect(runs.filter((r) => r.skipped === null && r.outcome === "produced")).toHaveLength(1);
    expect(await runPostingFileJob({ postingFileId: first.file.id })).toEqual({ skipped: "missing-or-done" });
    expect(await ask(businessDay, "LOCKBOX_A")).toMatchObject({
      outcome: "existing",
      file: { id: first.file.id, status: "READY" },
    });
    expect(
      await database.db.postingFile.count({ where: { practiceId, format: "LOCKBOX_A", businessDay } }),
    ).toBe(1);
  });

  it("another practice's file's progress is not found", async () => {
    const asked = await ask(day("2026-10-12"));
    await expect(
      getPostingFileProgressOrThrow({
        practiceId: "no-such-practice",
        fileId: asked.file.id,
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
