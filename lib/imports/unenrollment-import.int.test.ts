import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TAuditActor } from "@/lib/audit/record";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { importUnenrollmentFile } from "@/lib/imports/unenrollment-import";
import { readAckText } from "@/lib/imports/ack-store";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.92");
const NOW = new Date("2026-11-24T15:00:00Z");

const unenrollmentFile = (
  details: string[],
  { header = details.length, trailer = details.length }: { header?: number; trailer?: number } = {},
) => [`APCTERMHDR|20261124|${header}`, ...details, `APCTERMTRL|${trailer}`];

const fileOf = (lines: string[]) =>
  async function* () {
    yield `${lines.join("\n")}\n`;
  };

describe("importing an autopay unenrolment file (APCTERMHDR/APCTERMDTL/APCTERMTRL)", () => {
  let practiceId: string;
  let actor: TAuditActor;
  let methodId: string;

  const run = (lines: string[], fileName = `APCTERM_RFM001_20261124_${randomUUID().slice(0, 8)}.txt`) =>
    importUnenrollmentFile({ practiceId, fileName, read: fileOf(lines), actor, context });

  /** An account on autopay (as an enrolment file left it), guarantor Robin Hale. */
  const enrolled = async (accountNumber: string, lastName = "Hale") => {
    const account = await database.db.account.create({
      data: { practiceId, accountNumber, guarantorFirstName: "Robin", guarantorLastName: lastName },
    });
    const enrollment = await database.db.autopayEnrollment.create({
      data: {
        accountId: account.id,
        paymentMethodId: methodId,
        limitCents: 30000, // $300.00
        source: "FILE",
        consentText: "…",
        consentVersion: "autopay-file-consent-v1",
        consentedAt: new Date("2026-11-01T00:00:00Z"),
      },
    });
    return { accountId: account.id, enrollmentId: enrollment.id };
  };
  const statusOf = async (enrollmentId: string) =>
    (await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).status;

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    actor = { kind: "system" };
    const a1001 = await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } });
    methodId = (
      await database.db.paymentMethod.create({
        data: { accountId: a1001.id, kind: "ACH", gatewayToken: `pm_${randomUUID()}`, last4: "6789" },
      })
    ).id;
    setClockForTests(fixedClock(NOW));
  });
  afterAll(() => setClockForTests(undefined));

  it("turns autopay off for each matching account and rejects the rows that do not match, with reasons", async () => {
    const one = await enrolled("UN-1", "O'Neil-Díaz");
    const two = await enrolled("UN-2");
    const other = await enrolled("UN-3");
    const result = await run(
      unenrollmentFile([
        "APCTERMDTL||UN-1|ONEIL DIAZ|Robin",
        `APCTERMDTL|${DEMO.practice.clientId}|UN-2|hale`,
        "APCTERMDTL||UN-2|Hale|Robin", // already off by the line above: fine
        "APCTERMDTL||UN-3|Smith|Robin",
        "APCTERMDTL||UN-404|Hale|Robin",
        "APCTERMDTL|OTHER|UN-3|Hale|Robin",
        "APCTERMDTL||UN-3",
      ]),
      "APCTERM_RFM001_20261124_1.txt",
    );
    expect(result).toMatchObject({
      isDuplicate: false,
      rowCount: 7,
      acceptedCount: 3,
      rejectedCount: 4,
      outcomes: { unenrolled: 2, alreadyOff: 1 },
    });
    expect(await statusOf(one.enrollmentId)).toBe("CANCELLED");
    expect(await statusOf(two.enrollmentId)).toBe("CANCELLED");
    expect(await statusOf(other.enrollmentId)).toBe("ACTIVE");

    const file = await database.db.importFile.findUniqueOrThrow({
      where: { id: result.importFileId },
      include: { rows: { where: { accepted: false }, orderBy: { lineNumber: "asc" } } },
    });
    // No acknowledgement: the layout has none.
    expect(file).toMatchObject({ kind: "AUTOPAY_UNENROLL", status: "PROCESSED", ackFileName: null });
    expect(await readAckText(file.id)).toBe("");
    expect(file.rows.map((r) => [r.lineNumber, r.errors])).toEqual([
      [
        5,
        [
          {
            field: 4,
            code: "NAME_MISMATCH",
            reason: "Last name (field 4) is not the last name of the account's guarantor.",
          },
        ],
      ],
      [
        6,
        [
          {
            field: 3,
            code: "UNKNOWN_ACCOUNT",
            reason: "Account ID (field 3) is not an account of this practice.",
          },
        ],
      ],
      [
        7,
        [
          {
            field: 2,
            code: "UNKNOWN_CLIENT",
            reason: "Group ID (field 2) is not this practice's client ID.",
          },
        ],
      ],
      [8, [expect.objectContaining({ code: "FIELD_COUNT" })]],
    ]);
    const audits = await database.db.auditLog.findMany({
      where: { action: "autopay.unenrolled", targetId: { in: [one.enrollmentId, two.enrollmentId] } },
    });
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      actorRole: "SYSTEM",
      metadata: expect.objectContaining({ by: "file", importFileId: file.id }),
    });
    expect(
      await database.db.auditLog.findFirst({
        where: { action: "import.autopay_unenrollment_file", targetId: file.id },
      }),
    ).toMatchObject({ metadata: expect.objectContaining({ nameMatchesLayout: true, rejectedCount: 4 }) });
  });

  it("changes nothing for a damaged file (the trailer's count differs); every row is rejected with the file", async () => {
    const kept = await enrolled("UN-KEEP");
    const result = await run(unenrollmentFile(["APCTERMDTL||UN-KEEP|Hale"], { trailer: 2 }));
    expect(result).toMatchObject({ rowCount: 1, acceptedCount: 0, rejectedCount: 1 });
    expect(await statusOf(kept.enrollmentId)).toBe("ACTIVE");
    const rows = await database.db.importFileRow.findMany({
      where: { fileId: result.importFileId },
      orderBy: { lineNumber: "asc" },
    });
    expect(rows.map((r) => [r.lineNumber, r.errors])).toEqual([
      [
        0,
        [
          expect.objectContaining({
            code: "COUNT_MISMATCH",
            reason: expect.stringContaining("trailer says 2"),
          }),
        ],
      ],
      [2, [expect.objectContaining({ code: "FILE_REJECTED" })]],
    ]);

    const missing = await run(["APCTERMHDR|20261124|1", "APCTERMDTL||UN-KEEP|Hale"]);
    expect(missing.acceptedCount).toBe(0);
    expect(await statusOf(kept.enrollmentId)).toBe("ACTIVE");
  });

  it("imports the same file once: the second time is a duplicate and changes nothing", async () => {
    const { accountId, enrollmentId } = await enrolled("UN-DUP");
    const lines = unenrollmentFile(["APCTERMDTL||UN-DUP|Hale"]);
    const first = await run(lines);
    expect(await statusOf(enrollmentId)).toBe("CANCELLED");
    // Autopay back on (the patient enrolled again) before the PMS re-sends the same file.
    const again = await database.db.autopayEnrollment.create({
      data: {
        accountId,
        paymentMethodId: methodId,
        limitCents: 100,
        consentText: "…",
        consentVersion: "v",
        consentedAt: NOW,
      },
    });
    const audits = await database.db.auditLog.count();
    const second = await run(lines);
    expect(second).toMatchObject({ isDuplicate: true, importFileId: first.importFileId });
    expect(await statusOf(again.id)).toBe("ACTIVE");
    expect(await database.db.auditLog.count()).toBe(audits);
  });
});
