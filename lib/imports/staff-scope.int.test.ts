import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { listSignupFiles } from "@/lib/exports/queries";
import { getReadySignupFileOrThrow } from "@/lib/exports/signup-file";
import { getImportFileOrThrow, listImportFiles } from "@/lib/imports/queries";
import { DEMO } from "@/lib/seed/demo-data";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

/**
 * Staff of another practice are strangers to the demo practice's files: its imports (and their
 * acknowledgements) and its sign-up files are in no list of theirs, and opening or downloading
 * one by id is NOT_FOUND, as for an id that exists nowhere (the download routes answer 404).
 */
describe("staff of another practice and the demo practice's import and export files", () => {
  let other: TOtherPractice;
  let demoPracticeId: string;
  let importId: string;
  let signupFileId: string;

  beforeAll(async () => {
    other = await makeOtherPractice(database.db);
    demoPracticeId = (
      await database.db.practice.findUniqueOrThrow({ where: { clientId: DEMO.practice.clientId } })
    ).id;
    importId = (
      await database.db.importFile.create({
        data: {
          practiceId: demoPracticeId,
          kind: "BALANCE",
          fileName: "PS_RFM001_20261001.txt",
          sha256: randomUUID(),
          status: "PROCESSED",
          ackFileName: "PS_RFM001_20261001.ack",
          ackChunks: { create: { seq: 0, content: "ACK\n" } },
        },
      })
    ).id;
    signupFileId = (
      await database.db.signupFile.create({
        data: {
          practiceId: demoPracticeId,
          mode: "FULL",
          businessDay: new Date("2026-10-01T00:00:00Z"),
          windowEnd: new Date("2026-10-02T04:00:00Z"),
          fileName: "IMPSPO_RFM001_20261001.txt",
          status: "READY",
          rowCount: 1,
          byteCount: 4,
          producedBy: "test",
          chunks: { create: { seq: 0, content: "ROW\n" } },
        },
      })
    ).id;
  });

  it("the demo practice's own staff see both files (so the refusals below are about the practice)", async () => {
    expect((await getImportFileOrThrow({ practiceId: demoPracticeId, importId })).id).toBe(importId);
    expect((await getReadySignupFileOrThrow({ practiceId: demoPracticeId, fileId: signupFileId })).id).toBe(
      signupFileId,
    );
  });

  it("another practice lists neither, and each is NOT_FOUND by id, as a missing one", async () => {
    expect(await listImportFiles({ practiceId: other.practiceId })).toEqual([]);
    expect(await listSignupFiles({ practiceId: other.practiceId })).toEqual([]);
    for (const id of [importId, "missing"]) {
      await expect(
        getImportFileOrThrow({ practiceId: other.practiceId, importId: id }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    for (const id of [signupFileId, "missing"]) {
      await expect(
        getReadySignupFileOrThrow({ practiceId: other.practiceId, fileId: id }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
